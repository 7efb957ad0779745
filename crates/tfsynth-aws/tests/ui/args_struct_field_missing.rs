// Two or more required arguments go in an `Args` struct; leaving one out does not compile.
use tfsynth_tls::{LocallySignedCert, LocallySignedCertArgs};

fn main() {
    let _cert = LocallySignedCert::new(LocallySignedCertArgs {
        allowed_uses: ["server_auth"].into(),
        ca_cert_pem: "ca".into(),
        ca_private_key_pem: "key".into(),
        validity_period_hours: 1.into(),
    });
}
