//! Terraform's implicit conversions through the generated bindings' typed setters: what each
//! writes in the JSON (which Terraform then converts as it would in HCL).
#![allow(clippy::unwrap_used)]

use tfsynth::prelude::*;
use tfsynth_aws::security_group::Ingress;
use tfsynth_aws::{Instance, SecurityGroup};

fn synth(stack: &Stack) -> serde_json::Value {
    serde_json::from_str(&stack.synth().unwrap()).unwrap()
}

#[test]
fn typed_setters_take_what_terraform_converts() {
    let mut s = Stack::new();
    let ids: Expr<List<String>> = s.variable("ids", Variable::new());
    let port: Expr<Number> = s.variable("port", Variable::new());
    let extra: Expr<Any> = s.variable("extra", Variable::new());
    s.resource(
        "web",
        SecurityGroup::new()
            .description(3000)
            .name(&port)
            .tags(obj!(Name = "web", Port = 443, Public = true))
            .dynamic_ingress(&extra, |rule| {
                Ingress::new()
                    .from_port(rule.attr::<Any>("port"))
                    .to_port(rule.attr::<Any>("port"))
                    .protocol("tcp")
                    .description(1.5)
            }),
    );
    s.resource(
        "web",
        Instance::new()
            .ami("ami-0123456789abcdef0")
            .instance_type("t3.micro")
            .vpc_security_group_ids(&ids)
            .user_data(true)
            .tags(&extra),
    );
    let v = synth(&s);
    let sg = &v["resource"]["aws_security_group"]["web"];
    assert_eq!(sg["description"], "3000");
    assert_eq!(sg["name"], "${var.port}");
    assert_eq!(
        sg["tags"],
        serde_json::json!({"Name": "web", "Port": 443, "Public": true})
    );
    // `ingress` is an attribute of objects: the dynamic form is a `for` expression.
    assert_eq!(
        sg["ingress"],
        "${[for ingress in var.extra : { cidr_blocks = null, description = \"1.5\", \
         from_port = ingress.port, ipv6_cidr_blocks = null, prefix_list_ids = null, \
         protocol = \"tcp\", security_groups = null, self = null, to_port = ingress.port }]}"
    );
    let vm = &v["resource"]["aws_instance"]["web"];
    assert_eq!(vm["vpc_security_group_ids"], "${var.ids}");
    assert_eq!(vm["user_data"], "true");
    assert_eq!(vm["tags"], "${var.extra}");
}
