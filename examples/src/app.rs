//! An app of two stacks (`examples/app/README.md`): `data`, a DynamoDB table, and `api`, a
//! Lambda function behind an HTTP API that reads and writes it. The `api` stack takes the
//! table's handles from `data` ([`Ctx::stack`]); tfsynth makes them outputs of `data` and
//! `terraform_remote_state` reads in `api`. The function's code is an asset: `app/lambda`,
//! zipped at synth into `api/assets/handler.zip`, its hash the function's `source_code_hash`.

use tfsynth::prelude::*;
use tfsynth_app::{App, Asset, Ctx, Error};
use tfsynth_aws::dynamodb_table::{
    Attribute, AttributeArgs, PointInTimeRecovery, ServerSideEncryption,
};
use tfsynth_aws::lambda_function::Environment;
use tfsynth_aws::{
    Apigatewayv2Api, Apigatewayv2ApiArgs, Apigatewayv2Integration, Apigatewayv2IntegrationArgs,
    Apigatewayv2Route, Apigatewayv2RouteArgs, Apigatewayv2Stage, Apigatewayv2StageArgs,
    AwsProvider, DynamodbTable, IamRole, IamRolePolicy, IamRolePolicyArgs, LambdaFunction,
    LambdaFunctionArgs, LambdaPermission, LambdaPermissionArgs,
};

/// What the `data` stack gives the stacks that use it.
#[derive(Debug, Clone)]
pub struct Data {
    /// The table's name.
    pub table_name: Expr<String>,
    /// The table's ARN.
    pub table_arn: Expr<String>,
}

fn provider(stack: &mut Stack) {
    stack.required_version(">= 1.5");
    stack.provider(AwsProvider::new().region("us-east-1"));
}

/// The `data` stack: one table, encrypted, with point-in-time recovery.
///
/// # Errors
/// None today; the signature is a builder's.
pub fn data(stack: &mut Stack, _: &mut Ctx<'_>) -> Result<Data, Error> {
    provider(stack);
    let table = stack.resource(
        "items",
        DynamodbTable::new("items")
            .billing_mode("PAY_PER_REQUEST")
            .hash_key("id")
            .add_attribute(Attribute::new(AttributeArgs {
                name: "id".into(),
                type_: "S".into(),
            }))
            .point_in_time_recovery(PointInTimeRecovery::new(true))
            .server_side_encryption(ServerSideEncryption::new(true)),
    );
    Ok(Data {
        table_name: table.name(),
        table_arn: table.arn(),
    })
}

/// The `api` stack: the function (its code an asset), its role, and the HTTP API in front.
///
/// # Errors
/// The `data` stack's, and the asset's (a missing `app/lambda`).
pub fn api(stack: &mut Stack, ctx: &mut Ctx<'_>) -> Result<(), Error> {
    let data: Data = ctx.stack("data")?;
    provider(stack);
    let code = ctx.asset(stack, "handler", &Asset::zip("app/lambda"))?;
    let assume = functions::jsonencode(obj! {
        Version = "2012-10-17",
        Statement = list![obj! {
            Effect = "Allow",
            Action = "sts:AssumeRole",
            Principal = obj! { Service = "lambda.amazonaws.com" },
        }],
    });
    let role = stack.resource("handler", IamRole::new(assume).name("items-api"));
    stack.resource(
        "table_access",
        IamRolePolicy::new(IamRolePolicyArgs {
            role: role.name().into(),
            policy: functions::jsonencode(obj! {
                Version = "2012-10-17",
                Statement = list![obj! {
                    Effect = "Allow",
                    Action = list!["dynamodb:PutItem", "dynamodb:Scan"],
                    Resource = data.table_arn.clone(),
                }],
            })
            .into(),
        }),
    );
    let function = stack.resource(
        "handler",
        LambdaFunction::new(LambdaFunctionArgs {
            function_name: "items-api".into(),
            role: role.arn().into(),
        })
        .runtime(tfsynth_aws::lambda::Runtime::Python3_12)
        .handler("handler.handler")
        .filename(code.path.clone())
        .source_code_hash(code.hash.clone())
        .timeout(10)
        .environment(
            Environment::new().variables(obj! { TABLE_NAME = data.table_name.clone() }.cast()),
        ),
    );
    let http = stack.resource(
        "items",
        Apigatewayv2Api::new(Apigatewayv2ApiArgs {
            name: "items".into(),
            protocol_type: "HTTP".into(),
        }),
    );
    let integration = stack.resource(
        "handler",
        Apigatewayv2Integration::new(Apigatewayv2IntegrationArgs {
            api_id: http.id().into(),
            integration_type: "AWS_PROXY".into(),
        })
        .integration_uri(function.invoke_arn())
        .payload_format_version("2.0"),
    );
    for (name, key) in [("list", "GET /items"), ("create", "POST /items")] {
        stack.resource(
            name,
            Apigatewayv2Route::new(Apigatewayv2RouteArgs {
                api_id: http.id().into(),
                route_key: key.into(),
            })
            .target(template!("integrations/", integration.id())),
        );
    }
    let stage = stack.resource(
        "default",
        Apigatewayv2Stage::new(Apigatewayv2StageArgs {
            api_id: http.id().into(),
            name: "$default".into(),
        })
        .auto_deploy(true),
    );
    stack.resource(
        "api",
        LambdaPermission::new(LambdaPermissionArgs {
            action: "lambda:InvokeFunction".into(),
            function_name: function.function_name().into(),
            principal: "apigateway.amazonaws.com".into(),
        })
        .source_arn(template!(http.execution_arn(), "/*/*")),
    );
    stack.output("url", Output::new(stage.invoke_url()));
    Ok(())
}

/// The app: `data`, then `api`.
pub fn app() -> App {
    App::new("items")
        .about("An HTTP API over a DynamoDB table: an app of two stacks")
        .root(env!("CARGO_MANIFEST_DIR"))
        .stack("data", data)
        .description("the DynamoDB table")
        .stack("api", api)
        .description("the Lambda function and its HTTP API, reading the table from data")
}
