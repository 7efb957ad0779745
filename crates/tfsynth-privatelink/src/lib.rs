#![doc = include_str!("../README.md")]

mod cidr;
mod common;
pub mod consumer;
mod error;
pub mod network;
pub mod service;
pub mod stacks;
mod values;

pub use cidr::{check_subnets, Cidr};
pub use common::Tags;
pub use consumer::{
    ConsumerOptions, ConsumerVpc, InterfaceEndpoint, PrivateLinkConsumer,
    PrivateLinkConsumerHandles, ServiceRef,
};
pub use error::{Error, Warning};
pub use network::{Network, NetworkHandles, NetworkOptions};
pub use service::{
    AlbOptions, AlbTier, AppOptions, AppTargets, AppTier, Certificate, EndpointService,
    EndpointServiceOptions, IpAddressType, NlbBridge, NlbOptions, PrincipalMode,
    PrivateLinkService, PrivateLinkServiceHandles, SelfSignedOptions, ServiceOptions,
};
pub use values::{
    check_azs, Az, CertificateArn, CommonName, DnsName, FlowLogDestination, InstanceId, LbName,
    Port, PrincipalArn, Region, SecurityGroupId, ServiceName, SnsTopicArn, SubnetId, TlsPolicy,
    VpcId,
};
