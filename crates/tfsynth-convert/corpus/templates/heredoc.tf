# A heredoc with an interpolation, a backslash and quotes: all literal text but the ${...}.
variable "greeted" {
  type    = string
  default = "x"
}
locals {
  doc = <<-EOT
    Hello ${var.greeted}!
      indented "quoted" \n
  EOT
}
output "doc" {
  value = local.doc
}
