//! AWS PrivateLink constructs.

mod cidr;
mod error;
mod values;

pub use cidr::{check_subnets, Cidr};
pub use error::{Error, Warning};
pub use values::{
    check_azs, Az, CertificateArn, CommonName, DnsName, FlowLogDestination, InstanceId, LbName,
    Port, PrincipalArn, Region, SecurityGroupId, ServiceName, SnsTopicArn, SubnetId, TlsPolicy,
    VpcId,
};
