//! Rendering of every expression form, in HCL (inside `${...}`) and as Terraform JSON values.

use insta::assert_snapshot;

use super::*;
use crate::expr::{cond, count_index, each_key, each_value, path_module, BinOp, Expr, For};
use crate::expr::{path_cwd, path_root, terraform_workspace, Value};
use crate::types::{Any, List, Map, Number};
use crate::{functions, template};

fn hcl(e: &RawExpr) -> String {
    let mut s = String::new();
    render_hcl(e, &mut s);
    s
}

fn var<T>(name: &str) -> Expr<T> {
    Expr::from_raw(RawExpr::Ref(RefRoot::Var(name.into())))
}

fn upper(e: impl Into<Value<String>>) -> Expr<String> {
    Expr::from_raw(RawExpr::call("upper", vec![e.into().into_raw()]))
}

fn literal_json(e: &RawExpr) -> String {
    serde_json::to_string(&LiteralJson(e)).unwrap_or_default()
}

#[test]
fn literals() {
    assert_snapshot!(to_json_string(&RawExpr::Null), @"null");
    assert_snapshot!(to_json_string(&true.into()), @"true");
    assert_snapshot!(to_json_string(&443.into()), @"443");
    assert_snapshot!(to_json_string(&443.0_f64.into()), @"443");
    assert_snapshot!(to_json_string(&(-3_i64).into()), @"-3");
    assert_snapshot!(to_json_string(&0.5_f64.into()), @"0.5");
    assert_snapshot!(to_json_string(&u64::MAX.into()), @"18446744073709551615");
    assert_snapshot!(hcl(&RawExpr::Null), @"null");
    assert_snapshot!(hcl(&false.into()), @"false");
    assert_snapshot!(hcl(&1.5_f32.into()), @"1.5");
}

#[test]
fn non_finite_numbers_are_invalid_not_panics() {
    let e: RawExpr = f64::NAN.into();
    assert!(matches!(e, RawExpr::Invalid(_)));
    assert_snapshot!(hcl(&e), @"null /* number NaN is not finite; Terraform numbers must be finite */");
}

#[test]
fn json_strings_escape_template_openers() {
    let s: RawExpr = "a ${b} %{c} $ % { $${d} \"q\" \\".into();
    assert_snapshot!(to_json_string(&s), @r#""a $${b} %%{c} $ % { $$${d} \"q\" \\""#);
    assert_snapshot!(to_json_string(&"".into()), @r#""""#);
    assert_snapshot!(to_json_string(&"snow ☃ \u{1}".into()), @r#""snow ☃ \u0001""#);
}

#[test]
fn hcl_strings_escape_quotes_backslashes_controls_and_template_openers() {
    let s: RawExpr = "a ${b} %{c} \"q\" \\ \n\t\r \u{7f}".into();
    assert_snapshot!(hcl(&s), @r#""a $${b} %%{c} \"q\" \\ \n\t\r \u007f""#);
}

#[test]
fn strings_inside_interpolations_are_escaped_twice_over() {
    // The HCL string inside `${}` is escaped for HCL, then the whole template for JSON.
    let e = functions::join("${x}\"", vec!["%{y}"]);
    assert_snapshot!(e.to_string(), @r#"join("$${x}\"", ["%%{y}"])"#);
    assert_snapshot!(to_json_string(e.raw()), @r#""${join(\"$${x}\\\"\", [\"%%{y}\"])}""#);
}

#[test]
fn literal_positions_are_verbatim() {
    // Variable defaults, descriptions, backend settings: read by Terraform without context.
    let v: RawExpr = serde_json::json!({"k${x}": ["a${b}", 1, null, true]}).into();
    assert_snapshot!(literal_json(&v), @r#"{"k${x}":["a${b}",1,null,true]}"#);
    assert_snapshot!(to_json_string(&v), @r#"{"k$${x}":["a$${b}",1,null,true]}"#);
}

#[test]
fn tuples_and_objects() {
    let t = RawExpr::Tuple(vec![1.into(), "a".into(), var::<Number>("n").into_raw()]);
    assert_snapshot!(hcl(&t), @r#"[1, "a", var.n]"#);
    // A list holding an expression stays a JSON array, element by element.
    assert_snapshot!(to_json_string(&t), @r#"[1,"a","${var.n}"]"#);
    assert_snapshot!(hcl(&RawExpr::Tuple(vec![])), @"[]");
    assert_snapshot!(hcl(&RawExpr::Object(Default::default())), @"{}");

    let o: RawExpr = serde_json::json!({
        "plain": 1, "with-dash": 2, "has space": 3, "for": 4, "null": 5, "true": 6,
        "in": 7, "if": 8, "9lives": 9, "${x}": 10,
    })
    .into();
    assert_snapshot!(
        hcl(&o),
        @r#"{ plain = 1, with-dash = 2, "has space" = 3, "for" = 4, "null" = 5, "true" = 6, "in" = 7, "if" = 8, "9lives" = 9, "$${x}" = 10 }"#
    );
    assert_snapshot!(
        to_json_string(&o),
        @r#"{"plain":1,"with-dash":2,"has space":3,"for":4,"null":5,"true":6,"in":7,"if":8,"9lives":9,"$${x}":10}"#
    );
}

#[test]
fn objects_with_expressions_keep_literal_keys_escaped() {
    let mut m = indexmap::IndexMap::new();
    m.insert("Name", var::<String>("name").into_raw());
    m.insert("%{if}", RawExpr::from("v"));
    let o = RawExpr::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect());
    assert_snapshot!(hcl(&o), @r#"{ Name = var.name, "%%{if}" = "v" }"#);
    assert_snapshot!(to_json_string(&o), @r#"{"Name":"${var.name}","%%{if}":"v"}"#);
}

#[test]
fn references() {
    let res = RawExpr::Ref(RefRoot::Resource {
        type_name: "aws_vpc".into(),
        name: "main".into(),
    });
    let data = RawExpr::Ref(RefRoot::Data {
        type_name: "aws_ami".into(),
        name: "al2023".into(),
    });
    assert_snapshot!(hcl(&res.clone().attr("id")), @"aws_vpc.main.id");
    assert_snapshot!(hcl(&data.attr("id")), @"data.aws_ami.al2023.id");
    assert_snapshot!(var::<String>("region").to_string(), @"var.region");
    assert_snapshot!(hcl(&RawExpr::Ref(RefRoot::Local("tags".into()))), @"local.tags");
    assert_snapshot!(hcl(&RawExpr::Ref(RefRoot::Module("net".into())).attr("vpc_id")), @"module.net.vpc_id");
    assert_snapshot!(count_index().to_string(), @"count.index");
    assert_snapshot!(each_key().to_string(), @"each.key");
    assert_snapshot!(each_value::<Any>().attr::<String>("cidr").to_string(), @"each.value.cidr");
    assert_snapshot!(path_module().to_string(), @"path.module");
    assert_snapshot!(path_root().to_string(), @"path.root");
    assert_snapshot!(path_cwd().to_string(), @"path.cwd");
    assert_snapshot!(terraform_workspace().to_string(), @"terraform.workspace");
    assert_snapshot!(hcl(&RawExpr::Ref(RefRoot::SelfRef).attr("arn")), @"self.arn");
    assert_snapshot!(to_json_string(&res.attr("id")), @r#""${aws_vpc.main.id}""#);
}

#[test]
fn attribute_names_that_are_not_identifiers_become_indexes() {
    let tags = var::<Map<String>>("tags");
    assert_snapshot!(tags.attr::<String>("Cost Center").to_string(), @r#"var.tags["Cost Center"]"#);
    assert_snapshot!(tags.attr::<String>("${x}").to_string(), @r#"var.tags["$${x}"]"#);
    assert_snapshot!(var::<Any>("l").attr::<Any>("0").to_string(), @"var.l[0]");
    assert_snapshot!(tags.attr::<String>("ok-name").to_string(), @"var.tags.ok-name");
}

#[test]
fn index_and_map_get() {
    let l = var::<List<String>>("azs");
    assert_snapshot!(l.at(0).to_string(), @"var.azs[0]");
    assert_snapshot!(l.at(count_index()).to_string(), @"var.azs[count.index]");
    assert_snapshot!(l.at(count_index() + 1).to_string(), @"var.azs[count.index + 1]");
    let m = var::<Map<String>>("m");
    assert_snapshot!(m.get("a\"b").to_string(), @r#"var.m["a\"b"]"#);
    assert_snapshot!(to_json_string(m.get("a\"b").raw()), @r#""${var.m[\"a\\\"b\"]}""#);
}

#[test]
fn splat_and_grouping() {
    let l = var::<List<Any>>("subnets");
    let ids = l.splat(|s| s.attr::<String>("id"));
    assert_snapshot!(ids.to_string(), @"var.subnets[*].id");
    // Indexing the result of a splat needs the group, or it would index every id.
    assert_snapshot!(ids.at(0).to_string(), @"(var.subnets[*].id)[0]");
    assert_snapshot!(functions::length(ids.clone()).to_string(), @"length(var.subnets[*].id)");
    assert_snapshot!(to_json_string(ids.raw()), @r#""${var.subnets[*].id}""#);
    let nested = l.splat(|s| s.attr::<Any>("tags").attr::<String>("Name"));
    assert_snapshot!(nested.to_string(), @"var.subnets[*].tags.Name");
    let whole = l.splat(|s| s);
    assert_snapshot!(whole.to_string(), @"var.subnets[*]");
}

#[test]
fn templates() {
    let host = var::<String>("host");
    let t = template!(
        "https://",
        &host,
        ":",
        var::<Number>("port").cast::<String>(),
        "/${literal}"
    );
    assert_snapshot!(t.to_string(), @r#""https://${var.host}:${var.port}/$${literal}""#);
    assert_snapshot!(to_json_string(t.raw()), @r#""https://${var.host}:${var.port}/$${literal}""#);
    let q = template!("say \"", &host, "\"\n%{x}\\");
    assert_snapshot!(q.to_string(), @r#""say \"${var.host}\"\n%%{x}\\""#);
    assert_snapshot!(to_json_string(q.raw()), @r#""say \"${var.host}\"\n%%{x}\\""#);
    // Adjacent literals merge; a template of literals only is a plain string.
    assert_snapshot!(to_json_string(template!("a", "", "${b}").raw()), @r#""a$${b}""#);
    assert_eq!(template!("a", "b").raw(), &RawExpr::String("ab".into()));
    assert_snapshot!(to_json_string(template!().raw()), @r#""""#);
    // A template nested in an expression renders as an HCL quoted template.
    let nested = upper(template!("x-", &host));
    assert_snapshot!(nested.to_string(), @r#"upper("x-${var.host}")"#);
}

#[test]
fn templates_escape_the_joined_text() {
    // A `$` right before an interpolation: `$${` would read as the text `${`, and
    // `$$${var.price}` as the text `$${var.price}` (checked with Terraform,
    // scripts/template-escaping), so the dollars are interpolated as a string.
    let price = var::<String>("price");
    let cost = template!("cost: $", &price);
    assert_snapshot!(to_json_string(cost.raw()), @r#""cost: ${\"$\"}${var.price}""#);
    assert_snapshot!(cost.to_string(), @r#""cost: ${"$"}${var.price}""#);
    let two = template!("$$", &price, "$");
    assert_snapshot!(to_json_string(two.raw()), @r#""${\"$$\"}${var.price}$""#);
    assert_snapshot!(two.to_string(), @r#""${"$$"}${var.price}$""#);
    // `%` before an interpolation needs nothing; `${` and `%{` in literals are escaped.
    let pct = template!("100%", &price, "${x}%{y}$");
    assert_snapshot!(to_json_string(pct.raw()), @r#""100%${var.price}$${x}%%{y}$""#);
    assert_snapshot!(pct.to_string(), @r#""100%${var.price}$${x}%%{y}$""#);
    // Literal parts built directly are merged before escaping: `$` + `{path.cwd}` is text.
    let injected = RawExpr::Template(vec![
        TemplatePart::Lit("$".into()),
        TemplatePart::Lit("{path.cwd}".into()),
        TemplatePart::Interp(price.raw().clone()),
        TemplatePart::Lit("%".into()),
        TemplatePart::Lit(String::new()),
        TemplatePart::Lit("{if x}".into()),
    ]);
    assert_snapshot!(to_json_string(&injected), @r#""$${path.cwd}${var.price}%%{if x}""#);
    assert_snapshot!(hcl(&injected), @r#""$${path.cwd}${var.price}%%{if x}""#);
    let split_dollar = RawExpr::Template(vec![
        TemplatePart::Lit("a$".into()),
        TemplatePart::Lit("$".into()),
        TemplatePart::Interp(price.raw().clone()),
    ]);
    assert_snapshot!(to_json_string(&split_dollar), @r#""a${\"$$\"}${var.price}""#);
    // Nested in an expression, the same rule applies inside the quoted template.
    assert_snapshot!(upper(cost).to_string(), @r#"upper("cost: ${"$"}${var.price}")"#);
}

#[test]
fn for_expressions() {
    let l = var::<List<String>>("names");
    let up = For::values("n", &l).to_list::<String, _>(upper);
    assert_snapshot!(up.to_string(), @"[for n in var.names : upper(n)]");
    let indexed = For::entries("i", "n", &l)
        .to_list_kv::<String, _>(|i, n| template!(n, "-", i.cast::<String>()));
    assert_snapshot!(indexed.to_string(), @r#"[for i, n in var.names : "${n}-${i}"]"#);
    let m = var::<Map<Number>>("ports");
    let filtered = For::entries("k", "v", &m)
        .filter(|_, v| v.gt(1024))
        .to_map::<Number, _, _>(|k, _| k, |_, v| v + 1);
    assert_snapshot!(filtered.to_string(), @"{for k, v in var.ports : k => v + 1 if v > 1024}");
    let grouped = For::entries("k", "v", &m)
        .to_grouped_map::<String, _, _>(|_, v| v.cast::<String>(), |k, _| k);
    assert_snapshot!(grouped.to_string(), @"{for k, v in var.ports : v => k...}");
    assert_snapshot!(to_json_string(grouped.raw()), @r#""${{for k, v in var.ports : v => k...}}""#);
}

#[test]
fn conditionals() {
    let a = var::<bool>("a");
    let c = cond(a.clone(), "x", "y");
    assert_snapshot!(c.to_string(), @r#"var.a ? "x" : "y""#);
    let nested = cond(a.clone(), cond(var::<bool>("b"), 1, 2), 3);
    assert_snapshot!(nested.to_string(), @"var.a ? (var.b ? 1 : 2) : 3");
    let in_arith: Expr<Number> = cond::<Number>(a.clone(), 1, 2) + 3;
    assert_snapshot!(in_arith.to_string(), @"(var.a ? 1 : 2) + 3");
    let when = var::<String>("x").when(a.not_equals(true), "d");
    assert_snapshot!(when.to_string(), @r#"var.a != true ? var.x : "d""#);
    let attr_of = Expr::<Any>::from_raw(c.into_raw()).attr::<String>("id");
    assert_snapshot!(attr_of.to_string(), @r#"(var.a ? "x" : "y").id"#);
}

#[test]
fn arithmetic_precedence_and_associativity() {
    let a = var::<Number>("a");
    let b = var::<Number>("b");
    let c = var::<Number>("c");
    assert_snapshot!((&a + &b * &c).to_string(), @"var.a + var.b * var.c");
    assert_snapshot!(((&a + &b) * &c).to_string(), @"(var.a + var.b) * var.c");
    assert_snapshot!((&a - (&b - &c)).to_string(), @"var.a - (var.b - var.c)");
    assert_snapshot!(((&a - &b) - &c).to_string(), @"var.a - var.b - var.c");
    assert_snapshot!((&a / (&b * &c)).to_string(), @"var.a / (var.b * var.c)");
    assert_snapshot!((&a % 2).to_string(), @"var.a % 2");
    assert_snapshot!((-(&a + &b)).to_string(), @"-(var.a + var.b)");
    assert_snapshot!((-a.clone() * 2).to_string(), @"-var.a * 2");
    assert_snapshot!((&a - -1_i64).to_string(), @"var.a - -1");
}

#[test]
fn comparison_and_logic() {
    let a = var::<Number>("a");
    let x = var::<bool>("x");
    let y = var::<bool>("y");
    assert_snapshot!(a.lt(1).to_string(), @"var.a < 1");
    assert_snapshot!(a.le(1).to_string(), @"var.a <= 1");
    assert_snapshot!(a.ge(1).and(a.gt(0)).to_string(), @"var.a >= 1 && var.a > 0");
    assert_snapshot!(x.or(y.and(x.clone())).to_string(), @"var.x || var.y && var.x");
    assert_snapshot!(x.or(y.clone()).and(x.clone()).to_string(), @"(var.x || var.y) && var.x");
    assert_snapshot!((!x.and(y.clone())).to_string(), @"!(var.x && var.y)");
    assert_snapshot!((!!x.clone()).to_string(), @"!!var.x");
    assert_snapshot!(a.equals(1).equals(true).to_string(), @"var.a == 1 == true");
    assert_snapshot!(a.equals(&a + 1).to_string(), @"var.a == var.a + 1");
    let raw = RawExpr::Binary(
        BinOp::Eq,
        Box::new(x.clone().into_raw()),
        Box::new(x.equals(true).into_raw()),
    );
    assert_snapshot!(hcl(&raw), @"var.x == (var.x == true)");
}

#[test]
fn function_calls() {
    assert_snapshot!(functions::cidrsubnet(var::<String>("cidr"), 8, count_index()).to_string(), @"cidrsubnet(var.cidr, 8, count.index)");
    assert_snapshot!(functions::merge(vec![var::<Map<String>>("a"), var("b")]).to_string(), @"merge(var.a, var.b)");
    assert_snapshot!(functions::jsonencode(serde_json::json!({"Version": "2012-10-17"})).to_string(), @r#"jsonencode({ Version = "2012-10-17" })"#);
    let expand = RawExpr::Call(
        "min".into(),
        vec![var::<List<Number>>("l").into_raw()],
        true,
    );
    assert_snapshot!(hcl(&expand), @"min(var.l...)");
    assert_snapshot!(hcl(&RawExpr::call("timestamp", vec![])), @"timestamp()");
    assert_snapshot!(functions::try_::<String>((var::<String>("a"), "b")).to_string(), @r#"try(var.a, "b")"#);
}

#[test]
fn raw_hcl_is_verbatim_and_grouped_as_an_operand() {
    let r = Expr::<Number>::raw_hcl("var.a ? 1 : 2");
    assert_snapshot!(r.to_string(), @"var.a ? 1 : 2");
    assert_snapshot!((r.clone() + 1).to_string(), @"(var.a ? 1 : 2) + 1");
    assert_snapshot!(to_json_string(r.raw()), @r#""${var.a ? 1 : 2}""#);
}

#[test]
fn values_from_rust_collections() {
    let v: Value<List<String>> = vec!["a", "${b}"].into();
    assert_snapshot!(to_json_string(v.raw()), @r#"["a","$${b}"]"#);
    let m: Value<Map<Number>> = [("x", 1), ("y", 2)].into();
    assert_snapshot!(to_json_string(m.raw()), @r#"{"x":1,"y":2}"#);
    let b: std::collections::BTreeMap<&str, Value<String>> =
        [("b", Value::from("2")), ("a", var::<String>("a").into())]
            .into_iter()
            .collect();
    let bm: Value<Map<String>> = b.into();
    assert_snapshot!(to_json_string(bm.raw()), @r#"{"a":"${var.a}","b":"2"}"#);
}
