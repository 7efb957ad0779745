// `supported_ip_address_types` is a set whose elements the provider checks against a list:
// it takes `ec2::ServiceConnectivityType` values or an expression; a list of string literals
// does not compile.
use tfsynth_aws::VpcEndpointService;

fn main() {
    let _ok = VpcEndpointService::new(true)
        .supported_ip_address_types([tfsynth_aws::ec2::ServiceConnectivityType::Ipv4]);
    let _bad = VpcEndpointService::new(true).supported_ip_address_types(vec!["ipv4"]);
}
