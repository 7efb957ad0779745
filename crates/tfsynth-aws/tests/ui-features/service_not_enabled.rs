// `aws_lambda_function` is in the `lambda` service: without that cargo feature the compiler
// says which feature to enable.
use tfsynth_aws::lambda::LambdaFunction;

fn main() {
    let _f = LambdaFunction::new;
}
