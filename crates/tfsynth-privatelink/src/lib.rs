#![doc = include_str!("../README.md")]

mod cidr;
mod common;
pub mod config;
pub mod consumer;
mod ec2;
mod error;
mod modules;
pub mod network;
mod regions;
pub mod rules;
pub mod service;
mod sources;
pub mod stacks;
mod values;

pub use cidr::{check_subnets, Cidr};
pub use common::{Tags, MAX_TAGS};
pub use config::{
    AlbOptions, AppOptions, AppTargets, Certificate, ConsumerOptions, ConsumerVpc,
    EndpointServiceOptions, NlbOptions, SelfSignedOptions, ServiceOptions,
};
pub use consumer::{
    ConsumerNetwork, EndpointIpAddressType, ExistingSubnet, InterfaceEndpoint,
    InterfaceEndpointProps, PrivateLinkConsumer, PrivateLinkConsumerProps, ServiceRef,
};
pub use error::{Error, Warning};
pub use network::{Network, NetworkOptions, NetworkProps, Placement};
pub use regions::check_azs_in_region;
pub use rules::tags::check_tags;
pub use service::{
    AlbProps, AlbTier, AlbTierProps, AppProps, AppTier, AppTierProps, CountedTargets,
    EndpointService, EndpointServiceProps, EndpointServiceSettings, IpAddressType,
    ListenerCertificate, LoadBalancers, NlbBridge, NlbBridgeProps, NlbProps, Principal,
    PrincipalMode, PrivateDns, PrivateLinkService, PrivateLinkServiceProps, ServiceNetwork,
    Targets,
};
pub use sources::{
    BucketSource, CertificateSource, FlowLogBucket, FlowLogs, HostedZoneSource, InstanceSource,
    LogGroupSource, RoleSource, SecurityGroupSource, SubnetSource, TopicSource, VpcSource,
};
pub use values::{
    check_azs, Az, BucketArn, BucketName, CertificateArn, CommonName, DnsName, FlowLogDestination,
    HostedZoneId, InstanceId, InstanceType, LbName, LogGroupArn, Port, PrincipalArn, Region,
    RoleArn, SecurityGroupId, ServiceName, SnsTopicArn, SubnetId, TlsPolicy, VpcId,
};
