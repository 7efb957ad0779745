use tfsynth_privatelink::EndpointServiceProps;

fn main() {
    // The load balancers are required: the props have no default.
    let _: EndpointServiceProps = Default::default();
}
