#![doc = include_str!("../README.md")]

mod cidr;
mod common;
pub mod consumer;
mod error;
pub mod network;
mod regions;
pub mod service;
pub mod stacks;
mod values;

pub use cidr::{check_subnets, Cidr};
pub use common::{check_tags, Tags, MAX_TAGS};
pub use consumer::{
    ConsumerOptions, ConsumerVpc, InterfaceEndpoint, PrivateLinkConsumer,
    PrivateLinkConsumerHandles, ServiceRef,
};
pub use error::{Error, Warning};
pub use network::{Network, NetworkHandles, NetworkOptions};
pub use regions::check_azs_in_region;
pub use service::{
    AlbOptions, AlbTier, AppOptions, AppTargets, AppTier, Certificate, EndpointService,
    EndpointServiceOptions, IpAddressType, NlbBridge, NlbOptions, PrincipalMode,
    PrivateLinkService, PrivateLinkServiceHandles, SelfSignedOptions, ServiceOptions,
};
pub use values::{
    check_azs, Az, BucketName, CertificateArn, CommonName, DnsName, FlowLogDestination,
    HostedZoneId, InstanceId, InstanceType, LbName, Port, PrincipalArn, Region, RoleArn,
    SecurityGroupId, ServiceName, SnsTopicArn, SubnetId, TlsPolicy, VpcId,
};
