//! Port of `hcl/main.tf`: a static website on private S3 buckets (the local module
//! `hcl/modules/private-bucket`, called with `for_each`), served by CloudFront through an
//! origin access control, with its files and a deploy role. No `RawExpr`.
//!
//! `cargo run -p tfsynth-examples --example ported_static_site > main.tf.json` (beside a copy
//! of `hcl/modules`)

use tfsynth::prelude::*;
use tfsynth::{list, obj, DynamicIterator, Module, TypeExpr};
use tfsynth_aws::cloudfront_distribution::{
    CustomErrorResponse, DefaultCacheBehavior, DefaultCacheBehaviorArgs, GeoRestriction, Origin,
    OriginArgs, Restrictions, ViewerCertificate,
};
use tfsynth_aws::data::iam_policy_document::{
    Condition, ConditionArgs, Principals, PrincipalsArgs, Statement,
};
use tfsynth_aws::data::IamPolicyDocument;
use tfsynth_aws::{
    AwsProvider, CloudfrontDistribution, CloudfrontDistributionArgs, CloudfrontOriginAccessControl,
    CloudfrontOriginAccessControlArgs, IamRole, IamRolePolicy, IamRolePolicyArgs, S3BucketPolicy,
    S3BucketPolicyArgs, S3Object, S3ObjectArgs,
};

/// The stack.
pub fn build() -> Stack {
    let mut s = Stack::new();
    s.required_version(">= 1.7")
        .require_provider("aws", "hashicorp/aws", "~> 6.0");
    let region: Expr<String> = s.variable("region", Variable::new().default_value("eu-west-1"));
    s.provider(AwsProvider::new().region(&region));
    let site: Expr<String> = s.variable(
        "site_name",
        Variable::new().default_value("acme-docs").validation(
            |v| functions::can(functions::regex("^[a-z0-9-]{3,30}$", v)),
            "The site_name must be 3 to 30 lowercase letters, digits or dashes.",
        ),
    );
    let env: Expr<String> = s.variable(
        "environment",
        Variable::new().default_value("dev").validation(
            |v| functions::contains(vec!["dev", "prod"], v),
            "The environment must be dev or prod.",
        ),
    );
    let page = |body: &str| obj!(content_type = "text/html", content = body);
    let file_type = TypeExpr::object([
        ("content_type", TypeExpr::String),
        ("content", TypeExpr::String),
    ]);
    let files: Expr<Map<Any>> = s.variable(
        "files",
        Variable::of_type(TypeExpr::map(file_type)).default_value(obj!(
            "index.html" = page("<h1>Hello</h1>"),
            "404.html" = page("<h1>Not found</h1>")
        )),
    );
    let error_pages: Expr<Map<String>> = s.variable(
        "error_pages",
        Variable::new().default_value([("403", "/404.html"), ("404", "/404.html")]),
    );
    let deployers: Expr<List<String>> = s.variable(
        "deployers",
        Variable::new().default_value(vec!["arn:aws:iam::123456789012:root"]),
    );

    let name: Expr<String> = s.local("name", template!(&site, "-", &env));
    let is_prod: Expr<bool> = s.local("is_prod", env.equals("prod"));
    let tags: Expr<Map<String>> = s.local("tags", obj!(Site = &site, Environment = &env));

    let buckets = s.module(
        "buckets",
        Module::new("./modules/private-bucket")
            .for_each(functions::toset(vec!["site", "logs"]))
            .input("name", template!(&name, "-", each_key()))
            .input("versioning", each_key().equals("site"))
            .input("tags", &tags)
            .outputs(["id", "arn", "regional_domain_name"]),
    );
    let bucket = buckets.key("site");
    let oac = s.resource(
        "site",
        CloudfrontOriginAccessControl::new(CloudfrontOriginAccessControlArgs {
            name: template!(&name, "-site").into(),
            origin_access_control_origin_type: "s3".into(),
            signing_behavior: "always".into(),
            signing_protocol: "sigv4".into(),
        }),
    );
    let get_head = || Value::from(vec!["GET", "HEAD"]);
    let cdn = s.resource(
        "site",
        CloudfrontDistribution::new(CloudfrontDistributionArgs {
            enabled: true.into(),
            origin: Origin::new(OriginArgs {
                domain_name: bucket.output::<String>("regional_domain_name").into(),
                origin_id: "site".into(),
            })
            .origin_access_control_id(oac.id())
            .into(),
            default_cache_behavior: DefaultCacheBehavior::new(DefaultCacheBehaviorArgs {
                target_origin_id: "site".into(),
                viewer_protocol_policy: "redirect-to-https".into(),
                allowed_methods: get_head(),
                cached_methods: get_head(),
            })
            .cache_policy_id("658327ea-f89d-4fab-a63d-7e88639e58f6"),
            restrictions: Restrictions::new(GeoRestriction::new("none")),
            viewer_certificate: ViewerCertificate::new().cloudfront_default_certificate(true),
        })
        .default_root_object("index.html")
        .price_class(cond(&is_prod, "PriceClass_All", "PriceClass_100"))
        .tags(&tags)
        .dynamic_custom_error_response(&error_pages, |_| {
            let it = DynamicIterator::of_block("custom_error_response");
            CustomErrorResponse::new(functions::tonumber(it.key::<String>()))
                .response_code(404)
                .response_page_path(it.value::<String>())
        }),
    );
    let objects = template!(bucket.output::<String>("arn"), "/*");
    let read = s.data(
        "site",
        IamPolicyDocument::new().add_statement(
            Statement::new()
                .actions(vec!["s3:GetObject"])
                .resources(vec![objects.clone()])
                .add_principals(Principals::new(PrincipalsArgs {
                    type_: "Service".into(),
                    identifiers: vec!["cloudfront.amazonaws.com"].into(),
                }))
                .add_condition(Condition::new(ConditionArgs {
                    test: "StringEquals".into(),
                    variable: "AWS:SourceArn".into(),
                    values: vec![cdn.arn()].into(),
                })),
        ),
    );
    s.resource(
        "site",
        S3BucketPolicy::new(S3BucketPolicyArgs {
            bucket: bucket.output::<String>("id").into(),
            policy: read.json().into(),
        }),
    );
    s.resource(
        "files",
        S3Object::new(S3ObjectArgs {
            bucket: bucket.output::<String>("id").into(),
            key: each_key().into(),
        })
        .for_each(&files)
        .content(each_value::<Any>().attr::<String>("content"))
        .content_type(each_value::<Any>().attr::<String>("content_type")),
    );
    let assume = obj!(
        Version = "2012-10-17",
        Statement = list![obj!(
            Effect = "Allow",
            Action = "sts:AssumeRole",
            Principal = obj!(AWS = &deployers)
        )]
    );
    let role = s.resource(
        "deployer",
        IamRole::new(functions::jsonencode(assume))
            .name(template!(&name, "-deployer"))
            .tags(&tags),
    );
    let deploy = obj!(
        Version = "2012-10-17",
        Statement = list![
            obj!(
                Effect = "Allow",
                Action = list!["s3:PutObject", "s3:DeleteObject"],
                Resource = objects
            ),
            obj!(
                Effect = "Allow",
                Action = "cloudfront:CreateInvalidation",
                Resource = cdn.arn()
            ),
        ]
    );
    s.resource(
        "deployer",
        IamRolePolicy::new(IamRolePolicyArgs {
            role: role.id().into(),
            policy: functions::jsonencode(deploy).into(),
        }),
    );
    s.output("url", Output::new(template!("https://", cdn.domain_name())));
    s
}

#[allow(dead_code)]
fn main() {
    tfsynth_examples::print_or_exit(&build());
}
