"""Validation rules from the provider's schema literals (SDK v2 and plugin framework)."""
import collections
import re

import goparse as gp
from goindex import MODULE, Ctx, func_body_values, pkgdir_of

SDK_VALIDATION = "github.com/hashicorp/terraform-plugin-sdk/v2/helper/validation"
SDK_SCHEMA = "github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
FWV = "github.com/hashicorp/terraform-plugin-framework-validators/"
VERIFY = MODULE + "internal/verify"
ENUM = MODULE + "internal/enum"
FWVALIDATORS = MODULE + "internal/framework/validators"
FWTYPES = MODULE + "internal/framework/types"
NAMES = MODULE + "names"
SDK_TYPES = re.compile(r"^github\.com/aws/aws-sdk-go-v2/service/([a-z0-9]+)/types$")
FW_PATH = "github.com/hashicorp/terraform-plugin-framework/path"

MAX_DEPTH = 12

GO_CONSTS = {("github.com/hashicorp/terraform-plugin-sdk/v2/helper/id", "UniqueIDSuffixLength"): 26,("math", "MaxInt32"): 2 ** 31 - 1, ("math", "MaxInt64"): 2 ** 63 - 1, ("math", "MaxInt"): 2 ** 63 - 1,
             ("math", "MinInt32"): -2 ** 31, ("math", "MinInt64"): -2 ** 63, ("math", "MaxInt16"): 2 ** 15 - 1,
             ("math", "MaxUint16"): 2 ** 16 - 1, ("math", "MaxUint32"): 2 ** 32 - 1, ("math", "MaxInt8"): 127,
             ("math", "MaxUint8"): 255}

# value-form validators (function values, not calls): (import path, name) -> rule
VALUE_VALIDATORS = {
    (SDK_VALIDATION, "StringIsJSON"): {"kind": "format", "format": "json"},
    (SDK_VALIDATION, "StringIsBase64"): {"kind": "format", "format": "base64"},
    (SDK_VALIDATION, "IsCIDR"): {"kind": "format", "format": "cidr"},
    (SDK_VALIDATION, "IsIPv4Address"): {"kind": "format", "format": "ipv4"},
    (SDK_VALIDATION, "IsIPv6Address"): {"kind": "format", "format": "ipv6"},
    (SDK_VALIDATION, "IsIPAddress"): {"kind": "format", "format": "ip"},
    (SDK_VALIDATION, "IsRFC3339Time"): {"kind": "format", "format": "rfc3339"},
    (SDK_VALIDATION, "IsURLWithHTTPS"): {"kind": "format", "format": "url_https"},
    (SDK_VALIDATION, "IsURLWithHTTPorHTTPS"): {"kind": "format", "format": "url"},
    (SDK_VALIDATION, "IsUUID"): {"kind": "format", "format": "uuid"},
    (SDK_VALIDATION, "IsMACAddress"): {"kind": "format", "format": "mac"},
    (SDK_VALIDATION, "StringIsValidRegExp"): {"kind": "format", "format": "regexp"},
    (SDK_VALIDATION, "IsPortNumber"): {"kind": "int_range", "min": 1, "max": 65535},
    (SDK_VALIDATION, "IsPortNumberOrZero"): {"kind": "int_range", "min": 0, "max": 65535},
    (SDK_VALIDATION, "StringIsNotEmpty"): {"kind": "length", "min": 1, "max": None, "unit": "bytes"},
    (VERIFY, "ValidARN"): {"kind": "format", "format": "arn"},
    (VERIFY, "ValidIAMPolicyJSON"): {"kind": "format", "format": "json"},
    (VERIFY, "ValidCIDRNetworkAddress"): {"kind": "format", "format": "cidr_network"},
    (VERIFY, "ValidIPv4CIDRNetworkAddress"): {"kind": "format", "format": "ipv4_cidr"},
    (VERIFY, "ValidIPv6CIDRNetworkAddress"): {"kind": "format", "format": "ipv6_cidr"},
    (VERIFY, "ValidUTCTimestamp"): {"kind": "format", "format": "rfc3339"},
    (VERIFY, "ValidBase64String"): {"kind": "format", "format": "base64"},
    (VERIFY, "ValidAccountID"): {"kind": "format", "format": "aws_account_id"},
    (VERIFY, "ValidRegionName"): {"kind": "format", "format": "aws_region"},
    (VERIFY, "ValidStringIsJSONOrYAML"): {"kind": "format", "format": "json_or_yaml"},
    (VERIFY, "ValidDuration"): {"kind": "format", "format": "go_duration"},
    (VERIFY, "ValidOnceADayWindowFormat"): {"kind": "format", "format": "once_a_day_window"},
    (VERIFY, "ValidOnceAWeekWindowFormat"): {"kind": "format", "format": "once_a_week_window"},
}

# framework validators built by a call with no arguments: (import path, name) -> rule
FW_NOARG = {
    (FWVALIDATORS, "ARN"): {"kind": "format", "format": "arn"},
    (FWVALIDATORS, "AWSAccountID"): {"kind": "format", "format": "aws_account_id"},
    (FWVALIDATORS, "AWSRegion"): {"kind": "format", "format": "aws_region"},
    (FWVALIDATORS, "IPv4Address"): {"kind": "format", "format": "ipv4"},
    (FWVALIDATORS, "IPv6Address"): {"kind": "format", "format": "ipv6"},
    (FWVALIDATORS, "IPv4CIDRNetworkAddress"): {"kind": "format", "format": "ipv4_cidr"},
    (FWVALIDATORS, "IPv6CIDRNetworkAddress"): {"kind": "format", "format": "ipv6_cidr"},
    (FWVALIDATORS, "JSON"): {"kind": "format", "format": "json"},
    (FWVALIDATORS, "S3URI"): {"kind": "format", "format": "s3_uri"},
    (VERIFY, "ValidARNCheck"): {"kind": "format", "format": "arn"},
}

# framework custom types that validate: (import path, var name) -> (rule, on elements)
FW_TYPES = {
    (FWTYPES, "ARNType"): ({"kind": "format", "format": "arn"}, False),
    (FWTYPES, "ListOfARNType"): ({"kind": "format", "format": "arn"}, True),
    (FWTYPES, "SetOfARNType"): ({"kind": "format", "format": "arn"}, True),
    (FWTYPES, "CIDRBlockType"): ({"kind": "format", "format": "cidr"}, False),
    (FWTYPES, "IAMPolicyType"): ({"kind": "format", "format": "json"}, False),
    (FWTYPES, "RegexpType"): ({"kind": "format", "format": "regexp"}, False),
    (FWTYPES, "RFC3339DurationType"): ({"kind": "format", "format": "rfc3339_duration"}, False),
    (FWTYPES, "OnceAWeekWindowType"): ({"kind": "format", "format": "once_a_week_window"}, False),
}

CONSTRAINT_KINDS = {"ConflictsWith": "conflicts_with", "ExactlyOneOf": "exactly_one_of",
                    "AtLeastOneOf": "at_least_one_of", "RequiredWith": "required_with",
                    "AlsoRequires": "required_with"}

# rules the data format has no kind for; counted as "not expressible" rather than unknown
INEXPRESSIBLE = {"StringNotInSlice", "IntNotInSlice", "NoneOf", "NoneOfCaseInsensitive", "Any", "AnyDiag",
                 "AnyWithAllWarnings", "IntDivisibleBy", "IsRequired", "UniqueValues", "KeysAre",
                 "StringIsNotWhiteSpace", "NoZeroValues", "IsCIDRNetwork_", "All_", "StringIsWhiteSpace",
                 "StringIsEmpty", "IsDayOfTheWeek", "IsMonth", "FloatGreaterThan", "MapKeysAre",
                 "MapKeyNoMatch", "MapValueMatch", "MapKeyMatch", "MapKeyLenBetween", "MapValueLenBetween",
                 "ValueStringsAre_", "IsIPv4Range", "IsCIDRNetwork__", "NoDuplicates", "PreferWriteOnlyAttribute",
                 "IsIPv4CIDRBlockOrIPv6CIDRBlock", "ValidServicePrincipal", "ServicePrincipal", "ValidKMSKeyID",
                 "ValidLaunchTemplateID", "ValidLaunchTemplateName", "ValidMulticastIPAddress", "Valid4ByteASN",
                 "ValidAmazonSideASN", "ValidStringDateOrPositiveInt", "IsURLWithScheme_"}


def snake(camel):
    """names.AttrFooBar -> foo_bar (the provider's naming of its attribute constants)."""
    special = {"IPv4": "Ipv4", "IPv6": "Ipv6", "IDs": "Ids", "ARNs": "Arns", "IPs": "Ips", "URLs": "Urls",
               "CIDRs": "Cidrs", "AMIs": "Amis", "ACLs": "Acls", "AZs": "Azs", "ENIs": "Enis", "VPCs": "Vpcs",
               "KMS": "Kms", "DNS": "Dns", "ARN": "Arn", "CloudWatch": "Cloudwatch"}
    s = camel
    for k in sorted(special, key=len, reverse=True):
        s = re.sub(k + r"(?=[A-Z0-9_]|$)", special[k], s)
    s = re.sub(r"(?<=[A-Z])ID(?=[A-Z][a-z]|$)", "Id", s)  # VPCID -> vpc_id
    parts = re.findall(r"[A-Z]+[0-9]*(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+", s)
    return "_".join(p.lower() for p in parts)


def norm(s):
    return re.sub(r"[^a-z0-9]", "", s.lower())


class Extractor:
    def __init__(self, index, enums):
        self.index = index
        self.enums_src = enums  # botocore enums: {go pkg: {shape: (values, from)}}
        self.enums = {}  # used enums: key -> {"values", "from"}
        self.unknown = collections.Counter()  # validator names we could not translate
        self.inexpressible = collections.Counter()
        self.unresolved = collections.Counter()  # constants / enum types not resolved
        self.kinds_seen = collections.Counter()
        self.names_used = {}

    # --- resolution ---------------------------------------------------------------
    def resolve(self, x, ctx, depth=0):
        """Follow identifiers bound in ctx and package-level vars to their defining expression."""
        while depth < MAX_DEPTH:
            depth += 1
            if x[0] == "paren":
                x = x[1]
                continue
            if x[0] == "ident":
                b = ctx.bindings.get(x[1])
                if b is not None:
                    if b[0] == x and b[1] is ctx:
                        return x, ctx
                    x, ctx = b
                    continue
                sym = self.index.symbol(ctx.pkgdir, "var", x[1])
                if sym is not None:
                    name, typ, e = sym.var()
                    if e is None:
                        return x, ctx
                    x, ctx = e, sym.ctx()
                    continue
                return x, ctx
            if x[0] == "sel" and x[1][0] == "ident" and x[1][1] in ctx.imports and x[1][1] not in ctx.bindings:
                pd = pkgdir_of(ctx.imports[x[1][1]])
                if pd:
                    sym = self.index.symbol(pd, "var", x[2])
                    if sym is not None:
                        name, typ, e = sym.var()
                        if e is not None:
                            x, ctx = e, sym.ctx()
                            continue
                return x, ctx
            return x, ctx
        return x, ctx

    def qualified(self, fn, ctx):
        """(import path or local pkgdir, name, type args, ctx) of a function expression."""
        targs = []
        if fn[0] == "index":
            targs = fn[2]
            fn = fn[1]
        if fn[0] == "sel" and fn[1][0] == "ident" and fn[1][1] in ctx.imports and fn[1][1] not in ctx.bindings:
            return ctx.imports[fn[1][1]], fn[2], targs
        if fn[0] == "ident":
            return MODULE + ctx.pkgdir[len("index/"):], fn[1], targs
        return None, None, targs

    def follow_call(self, call, ctx):
        """Return expression (and ctx with parameters bound) of a provider function called by `call`."""
        where, name, targs = self.qualified(call[1], ctx)
        if where is None:
            return None, None
        pd = where if where.startswith("index/") else pkgdir_of(where)
        if not pd:
            return None, None
        sym = self.index.symbol(pd, "func", name)
        if sym is None:
            return None, None
        params = sym.params()
        bindings = {}
        for i, p in enumerate(params):
            if i < len(call[2]):
                bindings[p] = (call[2][i], ctx)
        return func_body_values(sym, bindings)

    def const(self, x, ctx, depth=0):
        """A Go constant expression -> python str / int / float, or None."""
        if depth > MAX_DEPTH:
            return None
        x, ctx = self.resolve(x, ctx)
        k = x[0]
        if k == "lit":
            if x[1] == "string":
                return gp.unquote(x[2])
            if x[1] == "int":
                try:
                    return int(x[2].replace("_", ""), 0)
                except ValueError:
                    return int(x[2].replace("_", "").lstrip("0") or "0")
            if x[1] == "float":
                return float(x[2].replace("_", ""))
            if x[1] == "rune":
                return ord(gp.unquote('"' + x[2][1:-1] + '"'))
            return None
        if k == "unary" and x[1] in ("-", "+"):
            v = self.const(x[2], ctx, depth + 1)
            return None if not isinstance(v, (int, float)) else (-v if x[1] == "-" else v)
        if k == "binary":
            a, b = self.const(x[2], ctx, depth + 1), self.const(x[3], ctx, depth + 1)
            if a is None or b is None:
                return None
            try:
                if x[1] == "+":
                    return a + b
                if isinstance(a, str) or isinstance(b, str):
                    return None
                if x[1] == "-":
                    return a - b
                if x[1] == "*":
                    return a * b
                if x[1] == "/":
                    return a // b if isinstance(a, int) and isinstance(b, int) else a / b
                if x[1] == "<<":
                    return a << b
            except (TypeError, ZeroDivisionError):
                return None
            return None
        if k == "call" and len(x[2]) == 1 and x[1][0] in ("ident", "sel"):
            where, name, _ = self.qualified(x[1], ctx)
            conv = name in ("string", "int", "int32", "int64", "float64", "float32", "uint", "int8", "int16", "byte")
            if conv or (where and SDK_TYPES.match(where)):
                return self.const(x[2][0], ctx, depth + 1)
            if (where, name) in (("github.com/aws/aws-sdk-go-v2/aws", "String"), ("github.com/aws/aws-sdk-go-v2/aws", "Int64")):
                return self.const(x[2][0], ctx, depth + 1)
        if k == "call" and not x[2] and x[1][0] == "sel" and x[1][2] == "String":
            return self.const(x[1][1], ctx, depth + 1)
        if k == "sel" and x[1][0] == "ident":
            path = ctx.imports.get(x[1][1])
            if path == NAMES:
                if x[2].startswith("Attr"):
                    v = snake(x[2][4:])
                    self.names_used[x[2]] = v
                    return v
                self.unresolved["names." + x[2]] += 1
                return None
            if path and SDK_TYPES.match(path):
                return self.sdk_const(SDK_TYPES.match(path).group(1), x[2])
            if (path, x[2]) in GO_CONSTS:
                return GO_CONSTS[(path, x[2])]
            if path is not None:
                self.unresolved[path.rsplit("/", 1)[-1] + "." + x[2]] += 1
            return None
        if k == "ident":
            if x[1] in ("true", "false"):
                return x[1] == "true"
            return None
        return None

    def sdk_const(self, pkg, ident):
        shapes = self.enums_src.get(pkg, {})
        for shape in sorted(shapes, key=len, reverse=True):
            if ident.startswith(shape):
                rest = norm(ident[len(shape):])
                vals = [v for v in shapes[shape][0] if norm(v) == rest]
                if len(vals) == 1:
                    return vals[0]
        self.unresolved["%s.%s" % (pkg, ident)] += 1
        return None

    def enum_key(self, t, ctx):
        """Type expression (awstypes.Runtime / localType) -> key into enums, registering the values."""
        if t[0] == "sel" and t[1][0] == "ident":
            path = ctx.imports.get(t[1][1])
            m = SDK_TYPES.match(path or "")
            if m:
                pkg = m.group(1)
                shape = self.enums_src.get(pkg, {}).get(t[2])
                if shape is None:
                    self.unresolved["enum %s.%s" % (pkg, t[2])] += 1
                    return None
                key = "%s.%s" % (pkg, t[2])
                self.enums[key] = {"values": list(shape[0]), "from": shape[1]}
                return key
            pd = pkgdir_of(path or "")
            if pd:
                return self.local_enum(pd, t[2])
            self.unresolved["enum %s" % (path,)] += 1
            return None
        if t[0] == "ident":
            return self.local_enum(ctx.pkgdir, t[1])
        return None

    def local_enum(self, pd, tname):
        sym = self.index.symbol(pd, "method", tname + ".Values")
        if sym is None:
            self.unresolved["enum %s.%s" % (pd, tname)] += 1
            return None
        x, ctx = func_body_values(sym)
        vals = self.string_list(x, ctx) if x is not None else None
        if vals is None or isinstance(vals, str):
            self.unresolved["enum %s.%s" % (pd, tname)] += 1
            return None
        key = "%s.%s" % (pd.rsplit("/", 1)[-1], tname)
        self.enums[key] = {"values": vals, "from": "provider " + sym.path[len("index/"):]}
        return key

    def string_list(self, x, ctx, depth=0):
        """[]string expression -> list, or an enum key string prefixed 'enum:' , or None."""
        if depth > MAX_DEPTH or x is None:
            return None
        x, ctx = self.resolve(x, ctx)
        if x[0] == "comp":
            out = []
            for k, v in x[2]:
                s = self.const(v, ctx)
                if s is None:
                    return None
                out.append(s)
            return out
        if x[0] == "call":
            fn = x[1]
            where, name, targs = self.qualified(fn, ctx)
            if where == ENUM and name in ("Slice", "EnumSlice"):
                out = []
                for i, a in enumerate(x[2]):
                    if x[3] and i == len(x[2]) - 1:  # enum.Slice(xs...)
                        sub = self.expand(self.string_list(a, ctx, depth + 1))
                        if sub is None:
                            return None
                        out.extend(sub)
                        continue
                    s = self.const(a, ctx)
                    if s is None:
                        return None
                    out.append(s)
                return out
            if where == ENUM and name in ("Values", "EnumValues") and targs:
                key = self.enum_key(targs[0], ctx)
                return None if key is None else "enum:" + key
            if fn[0] == "sel" and fn[2] == "Values" and len(x[2]) == 1 and fn[1][0] == "sel":
                # method expression awstypes.Runtime.Values("")
                key = self.enum_key(fn[1], ctx)
                return None if key is None else "enum:" + key
            if fn[0] == "sel" and fn[2] == "Values" and not x[2]:
                # awstypes.Runtime("").Values() / localType("").Values()
                inner = fn[1]
                if inner[0] == "call" and inner[1][0] in ("sel", "ident"):
                    key = self.enum_key(inner[1], ctx)
                    return None if key is None else "enum:" + key
                if inner[0] == "comp" and inner[1] is not None:
                    key = self.enum_key(inner[1], ctx)
                    return None if key is None else "enum:" + key
            if where is None and fn[0] == "ident" and fn[1] == "append":
                out = []
                for a in x[2]:
                    sub = self.expand(self.string_list(a, ctx, depth + 1)) if a[0] != "lit" else None
                    if sub is None:
                        s = self.const(a, ctx)
                        if s is None:
                            return None
                        out.append(s)
                    else:
                        out.extend(sub)
                return out
            if fn[0] == "ident" and fn[1] == "append":
                pass
            e, c = self.follow_call(x, ctx)
            if e is not None:
                return self.string_list(e, c, depth + 1)
        return None

    def expand(self, vals):
        """A string list or 'enum:key' -> the list of values."""
        if isinstance(vals, str):
            return list(self.enums[vals[5:]]["values"])
        return vals

    # --- validators -------------------------------------------------------------------
    def validator(self, x, ctx, path, out, cons, depth=0):
        """Translate one validator expression. Appends (path, rule) to out and constraint tuples to cons."""
        if depth > MAX_DEPTH:
            return
        x, ctx = self.resolve(x, ctx)
        if x[0] in ("sel", "ident"):
            where, name, _ = self.qualified(x, ctx)
            if where is None:
                self.unknown["<expr>"] += 1
                return
            key = (where, name)
            if key in VALUE_VALIDATORS:
                out.append((path, dict(VALUE_VALIDATORS[key])))
                return
            self.note_unknown(where, name)
            return
        if x[0] != "call":
            self.unknown["<%s>" % x[0]] += 1
            return
        where, name, targs = self.qualified(x[1], ctx)
        if where is None:
            self.unknown["<call>"] += 1
            return
        args = x[2]
        c = lambda a: self.const(a, ctx)
        short = where.rsplit("/", 1)[-1]
        if where == SDK_VALIDATION and name in ("ToDiagFunc",):
            return self.validator(args[0], ctx, path, out, cons, depth + 1)
        if (where == SDK_VALIDATION and name in ("All", "AllDiag")) or (where.startswith(FWV) and name == "All"):
            for a in args:
                self.validator(a, ctx, path, out, cons, depth + 1)
            return
        if where == ENUM and name in ("Validate", "ValidateIgnoreCase", "FrameworkValidate",
                                      "FrameworkValidateIgnoreCase") and targs:
            key = self.enum_key(targs[0], ctx)
            if key:
                out.append((path, {"kind": "enum", "enum": key, "ignore_case": name.endswith("IgnoreCase")}))
            return
        if where == SDK_VALIDATION:
            if name == "StringInSlice" and len(args) == 2:
                vals, ic = self.string_list(args[0], ctx), c(args[1])
                if vals is None or not isinstance(ic, bool):
                    self.unresolved["StringInSlice values"] += 1
                    return
                if isinstance(vals, str):
                    out.append((path, {"kind": "enum", "enum": vals[5:], "ignore_case": ic}))
                else:
                    out.append((path, {"kind": "one_of", "values": vals, "ignore_case": ic}))
                return
            if name in ("IntBetween", "IntAtLeast", "IntAtMost", "FloatBetween", "FloatAtLeast", "FloatAtMost"):
                vals = [c(a) for a in args]
                if any(v is None for v in vals):
                    self.unresolved[name + " bound"] += 1
                    return
                lo = vals[0] if name.endswith(("Between", "AtLeast")) else None
                hi = vals[-1] if name.endswith(("Between", "AtMost")) else None
                if name.startswith("Int"):
                    out.append((path, {"kind": "int_range", "min": lo, "max": hi}))
                else:
                    out.append((path, {"kind": "float_range", "min": None if lo is None else float(lo),
                                       "max": None if hi is None else float(hi)}))
                return
            if name == "IntInSlice":
                vals = self.int_list(args[0], ctx)
                if vals is None:
                    self.unresolved["IntInSlice values"] += 1
                    return
                out.append((path, {"kind": "int_one_of", "values": vals}))
                return
            if name == "StringLenBetween":
                lo, hi = c(args[0]), c(args[1])
                if lo is None or hi is None:
                    self.unresolved["StringLenBetween bound"] += 1
                    return
                out.append((path, {"kind": "length", "min": lo or None, "max": hi, "unit": "bytes"}))
                return
            if name in ("StringMatch", "StringDoesNotMatch"):
                self.pattern(args[0], args[1] if len(args) > 1 else None, ctx, path, out, name == "StringDoesNotMatch")
                return
            if name == "IsCIDRNetwork":
                lo, hi = c(args[0]), c(args[1])
                r = {"kind": "format", "format": "cidr_network"}
                if isinstance(lo, int) and isinstance(hi, int):
                    r["prefix_min"], r["prefix_max"] = lo, hi
                out.append((path, r))
                return
            if name in ("IsURLWithScheme",):
                vals = self.string_list(args[0], ctx)
                r = {"kind": "format", "format": "url"}
                if isinstance(vals, list):
                    r["schemes"] = vals
                out.append((path, r))
                return
            if name in ("IsURLWithHTTPS", "IsURLWithHTTPorHTTPS", "StringIsJSON", "IsCIDR", "IsIPv4Address",
                        "IsIPv6Address", "IsIPAddress", "IsRFC3339Time", "IsUUID"):
                return self.validator(x[1], ctx, path, out, cons, depth + 1)
        if where == VERIFY:
            if name == "StringUTF8LenBetween" and len(args) == 2:
                lo, hi = c(args[0]), c(args[1])
                if lo is not None and hi is not None:
                    out.append((path, {"kind": "length", "min": lo or None, "max": hi, "unit": "chars"}))
                    return
            if name == "MapSizeAtMost" or name == "MapSizeBetween":
                vals = [c(a) for a in args]
                if all(isinstance(v, int) for v in vals):
                    lo = vals[0] if name == "MapSizeBetween" else None
                    out.append((path, {"kind": "items", "min": lo or None, "max": vals[-1]}))
                    return
        if (where, name) in FW_NOARG:
            out.append((path, dict(FW_NOARG[(where, name)])))
            return
        if where.startswith(FWV) or where.startswith(FWVALIDATORS + "/"):
            pkgv = short  # stringvalidator, int64validator, listvalidator, ...
            if name in ("ExactlyOneOfChildren", "AtLeastOneOfChildren", "AtMostOneOfChildren"):
                paths = []
                for a in args:
                    p = self.fw_path(a, ctx, path)
                    if p is None:
                        self.unresolved["framework path expression"] += 1
                        return
                    paths.extend(p)
                if len(paths) < 2:
                    return
                if name == "AtMostOneOfChildren":
                    for p in paths:
                        cons.append(("conflicts_with", p, [q for q in paths if q != p]))
                else:
                    cons.append(("exactly_one_of" if name.startswith("Exactly") else "at_least_one_of",
                                 paths[0], paths[1:]))
                return
            if name in CONSTRAINT_KINDS:
                paths = []
                for a in args:
                    p = self.fw_path(a, ctx, path)
                    if p is None:
                        self.unresolved["framework path expression"] += 1
                        return
                    paths.extend(p)
                cons.append((CONSTRAINT_KINDS[name], path, paths))
                return
            if pkgv == "stringvalidator":
                if name in ("OneOf", "OneOfCaseInsensitive"):
                    vals = self.variadic_strings(args, x[3], ctx)
                    if vals is None:
                        self.unresolved["OneOf values"] += 1
                        return
                    ic = name == "OneOfCaseInsensitive"
                    if isinstance(vals, str):
                        out.append((path, {"kind": "enum", "enum": vals[5:], "ignore_case": ic}))
                    else:
                        out.append((path, {"kind": "one_of", "values": vals, "ignore_case": ic}))
                    return
                if name in ("LengthBetween", "LengthAtLeast", "LengthAtMost", "UTF8LengthBetween",
                            "UTF8LengthAtLeast", "UTF8LengthAtMost"):
                    vals = [c(a) for a in args]
                    if any(not isinstance(v, int) for v in vals):
                        self.unresolved[name + " bound"] += 1
                        return
                    lo = vals[0] if name.endswith(("Between", "AtLeast")) else None
                    hi = vals[-1] if name.endswith(("Between", "AtMost")) else None
                    out.append((path, {"kind": "length", "min": lo or None, "max": hi,
                                       "unit": "chars" if name.startswith("UTF8") else "bytes"}))
                    return
                if name == "RegexMatches":
                    self.pattern(args[0], args[1] if len(args) > 1 else None, ctx, path, out, False)
                    return
            if pkgv in ("int64validator", "int32validator", "float64validator", "float32validator"):
                isint = pkgv.startswith("int")
                if name in ("Between", "AtLeast", "AtMost"):
                    vals = [c(a) for a in args]
                    if any(v is None for v in vals):
                        self.unresolved[pkgv + "." + name + " bound"] += 1
                        return
                    lo = vals[0] if name in ("Between", "AtLeast") else None
                    hi = vals[-1] if name in ("Between", "AtMost") else None
                    if isint:
                        out.append((path, {"kind": "int_range", "min": lo, "max": hi}))
                    else:
                        out.append((path, {"kind": "float_range", "min": None if lo is None else float(lo),
                                           "max": None if hi is None else float(hi)}))
                    return
                if name == "OneOf" and isint:
                    vals = [c(a) for a in args]
                    if any(not isinstance(v, int) for v in vals):
                        self.unresolved[pkgv + ".OneOf values"] += 1
                        return
                    out.append((path, {"kind": "int_one_of", "values": vals}))
                    return
            if pkgv in ("listvalidator", "setvalidator", "mapvalidator"):
                if name in ("SizeAtMost", "SizeAtLeast", "SizeBetween"):
                    vals = [c(a) for a in args]
                    if any(not isinstance(v, int) for v in vals):
                        self.unresolved[pkgv + "." + name + " bound"] += 1
                        return
                    lo = vals[0] if name in ("SizeBetween", "SizeAtLeast") else None
                    hi = vals[-1] if name in ("SizeBetween", "SizeAtMost") else None
                    out.append((path, {"kind": "items", "min": lo or None, "max": hi}))
                    return
                if name in ("ValueStringsAre", "ValueInt64sAre", "ValueInt32sAre", "ValueFloat64sAre"):
                    for a in args:
                        self.validator(a, ctx, path + ".*", out, cons, depth + 1)
                    return
        if name in INEXPRESSIBLE:
            self.inexpressible["%s.%s" % (short, name)] += 1
            return
        # a provider helper: follow it if it returns a validator expression
        e, c2 = self.follow_call(x, ctx)
        if e is not None:
            e2, c3 = self.resolve(e, c2)
            if e2[0] in ("call", "sel", "ident") and not (e2[0] == "ident" and e2[1] in c3.bindings):
                before = len(out)
                self.validator(e2, c3, path, out, cons, depth + 1)
                return
        self.note_unknown(where, name)

    def note_unknown(self, where, name):
        short = where.rsplit("/", 1)[-1]
        if name in INEXPRESSIBLE:
            self.inexpressible["%s.%s" % (short, name)] += 1
        else:
            self.unknown["%s.%s" % (short, name)] += 1

    def int_list(self, x, ctx):
        x, ctx = self.resolve(x, ctx)
        if x[0] != "comp":
            return None
        vals = [self.const(v, ctx) for _, v in x[2]]
        return None if any(not isinstance(v, int) for v in vals) else vals

    def variadic_strings(self, args, ellipsis, ctx):
        if ellipsis and len(args) == 1:
            return self.string_list(args[0], ctx)
        out = []
        for a in args:
            s = self.const(a, ctx)
            if not isinstance(s, str):
                return None
            out.append(s)
        return out

    def pattern(self, rx, msg, ctx, path, out, negate):
        rx, rctx = self.resolve(rx, ctx)
        src = None
        if rx[0] == "call":
            where, name, _ = self.qualified(rx[1], rctx)
            if name in ("MustCompile", "MustCompilePOSIX") and rx[2]:
                src = self.const(rx[2][0], rctx)
            elif where == "github.com/YakDriver/regexache" or name == "MustCompile":
                src = None
        if not isinstance(src, str):
            self.unresolved["regex"] += 1
            return
        m = self.const(msg, ctx) if msg is not None else None
        r = {"kind": "pattern", "regex": src, "message": m if isinstance(m, str) and m else None,
             "negate": negate, "plan_only": not rust_regex_compatible(src)}
        out.append((path, r))

    def fw_path(self, a, ctx, here):
        """path.MatchRoot("a").AtName("b") / path.MatchRelative().AtParent().AtName("x") -> [absolute path]."""
        a, ctx = self.resolve(a, ctx)
        if a[0] == "comp":  # path.Expressions{...}
            res = []
            for _, v in a[2]:
                p = self.fw_path(v, ctx, here)
                if p is None:
                    return None
                res.extend(p)
            return res
        steps = []
        x = a
        while x[0] == "call" and x[1][0] == "sel":
            steps.append((x[1][2], x[2]))
            x = x[1][1]
        steps.reverse()
        if not steps:
            return None
        head, hargs = steps[0]
        if x[0] != "ident" or ctx.imports.get(x[1]) != FW_PATH:
            return None
        if head == "MatchRoot":
            s = self.const(hargs[0], ctx)
            if not isinstance(s, str):
                return None
            parts = [s]
        elif head == "MatchRelative":
            parts = here.split(".")
        else:
            return None
        for name, args in steps[1:]:
            if name == "AtParent":
                if not parts:
                    return None
                parts = parts[:-1]
            elif name == "AtName":
                s = self.const(args[0], ctx)
                if not isinstance(s, str):
                    return None
                parts.append(s)
            elif name in ("AtListIndex", "AtAnyListIndex", "AtAnySetValue", "AtSetValue", "AtMapKey", "AtAnyMapKey"):
                continue
            else:
                return None
        return [".".join(parts)]


def rust_regex_compatible(src):
    """False when a Go (RE2) pattern uses syntax the Rust regex crate rejects: \\Q..\\E quoting, \\C,
    octal escapes, or `\\z`-style escapes Rust lacks. Rust accepts \\A, \\z, (?U), (?s), POSIX classes."""
    i = 0
    while i < len(src):
        ch = src[i]
        if ch == "\\" and i + 1 < len(src):
            e = src[i + 1]
            if e in "QEC" or e in "01234567" or e == "Z":
                return False
            i += 2
            continue
        i += 1
    return True
