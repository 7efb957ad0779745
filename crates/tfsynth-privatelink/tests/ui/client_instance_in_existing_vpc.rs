use tfsynth_privatelink::{ConsumerNetwork, InstanceType, VpcSource};

fn main() {
    // A client instance is offered only in a VPC the consumer creates.
    let _ = ConsumerNetwork::Existing {
        vpc: VpcSource::Id {
            id: "vpc-0123456789abcdef0".parse().unwrap(),
            cidr: "172.16.0.0/16".parse().unwrap(),
        },
        subnets: Vec::new(),
        client_instance: Some(InstanceType::t3_micro()),
    };
}
