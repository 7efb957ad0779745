use tfsynth_privatelink::{HostedZoneId, PrivateDns};

fn main() {
    // The zone only serves to verify a private DNS name: there is no zone without a name.
    let zone: HostedZoneId = "Z0123456789ABCDEFGHIJ".parse().unwrap();
    let _ = PrivateDns {
        verification_zone: Some(zone.into()),
    };
}
