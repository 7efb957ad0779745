"""Walk SDK v2 and plugin-framework schema literals, collecting rules per path."""
import goparse as gp
from goindex import func_body_values, pkgdir_of
from rules import FWTYPES, FW_TYPES, MAX_DEPTH


def unwrap(ex, x, ctx, depth=0):
    """Resolve identifiers, strip & and parentheses, and follow calls of provider helper functions
    until a composite literal (or something else that cannot be followed) is reached."""
    while depth < MAX_DEPTH:
        depth += 1
        x, ctx = ex.resolve(x, ctx)
        if x[0] == "unary" and x[1] == "&":
            x = x[2]
            continue
        if x[0] == "paren":
            x = x[1]
            continue
        if x[0] in ("ident", "sel") and depth == 1 or x[0] in ("ident", "sel") and x != ("ident", "nil"):
            # a function value (Factory: resourceFoo, SchemaFunc: fooSchema): follow it as a call
            e, c = ex.follow_call(("call", x, [], False), ctx)
            if e is None:
                return x, ctx
            x, ctx = e, c
            continue
        if x[0] == "call":
            e, c = ex.follow_call(x, ctx)
            if e is None:
                # a package var holding sync.OnceValue(func() ... { return ... }), called
                f, fctx = ex.resolve(x[1], ctx)
                if f is not x[1] and f[0] == "call" and f[1][0] == "sel" and f[1][2] in ("OnceValue", "OnceValues") and f[2]:
                    x, ctx = f[2][0], fctx
                    continue
                return x, ctx
            x, ctx = e, c
            continue
        if x[0] == "func":
            # func() map[string]*schema.Schema { return ... }
            toks, body = x[1], x[2]
            e = None
            local = ctx.with_bindings(dict(ctx.bindings))
            for span in gp.block_statements_recursive(toks, body):
                st = gp.parse_statement(toks, span)
                if st is None:
                    continue
                kind, lhs, val = st
                if kind == "group":
                    for n, e2 in zip(lhs, val):
                        local.bindings[n] = (e2, local)
                    continue
                if kind == "assign" and len(lhs) == 1 and lhs[0].isidentifier() and val is not None:
                    local.bindings[lhs[0]] = (val, local)
                elif kind == "return" and val is not None:
                    e = val
                    break
            if e is None:
                return x, ctx
            x, ctx = e, local
            continue
        return x, ctx
    return x, ctx


def fields(comp):
    out = {}
    for k, v in comp[2]:
        if k is not None and k[0] == "ident":
            out[k[1]] = v
    return out


class TypeCollector:
    def __init__(self, ex):
        self.ex = ex
        self.rules = []  # (path, rule)
        self.cons = []  # (kind, path, [paths])
        self.validated = 0  # arguments with at least one validator / constraint / item limit in source
        self.problems = []

    # --- SDK v2 --------------------------------------------------------------------------
    def sdk_resource(self, x, ctx, prefix):
        x, ctx = unwrap(self.ex, x, ctx)
        if x[0] != "comp":
            self.problems.append("resource literal not found (%s)" % x[0])
            return False
        f = fields(x)
        sch = f.get("Schema") or f.get("SchemaFunc")
        if sch is None:
            self.problems.append("no Schema in resource literal")
            return False
        return self.sdk_map(sch, ctx, prefix)

    def sdk_map(self, x, ctx, prefix):
        x, ctx = unwrap(self.ex, x, ctx)
        if x[0] != "comp":
            self.problems.append("schema map not found at %r (%s)" % (prefix, x[0]))
            return False
        for k, v in x[2]:
            if k is None:
                continue
            name = self.ex.const(k, ctx)
            if not isinstance(name, str):
                self.problems.append("unresolved key at %r" % prefix)
                self.ex.unresolved["schema key"] += 1
                continue
            self.sdk_attr(v, ctx, prefix + name)
        return True

    def sdk_attr(self, x, ctx, path):
        x, ctx = unwrap(self.ex, x, ctx)
        if x[0] != "comp":
            self.problems.append("attribute literal not found at %s (%s)" % (path, str(x)[:150]))
            return
        f = fields(x)
        had = False
        for key in ("ValidateFunc", "ValidateDiagFunc"):
            if key in f:
                had = True
                self.ex.validator(f[key], ctx, path, self.rules, self.cons)
        lo = self.ex.const(f["MinItems"], ctx) if "MinItems" in f else None
        hi = self.ex.const(f["MaxItems"], ctx) if "MaxItems" in f else None
        if (isinstance(lo, int) and lo > 0) or (isinstance(hi, int) and hi > 0):
            had = True
            self.rules.append((path, {"kind": "items", "min": lo if isinstance(lo, int) and lo > 0 else None,
                                      "max": hi if isinstance(hi, int) and hi > 0 else None}))
        for key in ("ConflictsWith", "ExactlyOneOf", "AtLeastOneOf", "RequiredWith"):
            if key in f:
                had = True
                vals = self.ex.string_list(f[key], ctx)
                if not isinstance(vals, list):
                    self.ex.unresolved[key + " list"] += 1
                    continue
                from rules import CONSTRAINT_KINDS
                paths = [".".join(p for p in v.split(".") if not p.isdigit()) for v in vals]
                self.cons.append((CONSTRAINT_KINDS[key], path, paths))
        if had:
            self.validated += 1
        if "Elem" in f:
            e, ectx = unwrap(self.ex, f["Elem"], ctx)
            if e[0] == "comp":
                t = e[1]
                tname = t[2] if t is not None and t[0] == "sel" else (t[1] if t is not None and t[0] == "ident" else None)
                if tname == "Resource":
                    self.sdk_resource(e, ectx, path + ".")
                elif tname == "Schema":
                    ef = fields(e)
                    eh = False
                    for key in ("ValidateFunc", "ValidateDiagFunc"):
                        if key in ef:
                            eh = True
                            self.ex.validator(ef[key], ectx, path + ".*", self.rules, self.cons)
                    if eh:
                        self.validated += 1

    # --- framework --------------------------------------------------------------------------
    def fw_schema(self, x, ctx):
        x, ctx = unwrap(self.ex, x, ctx)
        if x[0] != "comp":
            self.problems.append("framework schema literal not found (%s)" % x[0])
            return False
        f = fields(x)
        if "Attributes" in f:
            self.fw_attrs(f["Attributes"], ctx, "")
        if "Blocks" in f:
            self.fw_blocks(f["Blocks"], ctx, "")
        return True

    def fw_attrs(self, x, ctx, prefix):
        x, ctx = unwrap(self.ex, x, ctx)
        if x[0] != "comp":
            self.problems.append("attributes map not found at %r" % prefix)
            return
        for k, v in x[2]:
            if k is None:
                continue
            name = self.ex.const(k, ctx)
            if not isinstance(name, str):
                self.ex.unresolved["schema key"] += 1
                continue
            self.fw_attr(v, ctx, prefix + name)

    def fw_common(self, f, ctx, path):
        had = False
        if "Validators" in f:
            lst, lctx = unwrap(self.ex, f["Validators"], ctx)
            if lst[0] == "comp":
                for _, v in lst[2]:
                    had = True
                    self.ex.validator(v, lctx, path, self.rules, self.cons)
            elif lst[0] == "call" and lst[1][0] == "ident" and lst[1][1] == "append":
                for a in lst[2]:
                    a2, actx = unwrap(self.ex, a, lctx)
                    if a2[0] == "comp":
                        for _, v in a2[2]:
                            had = True
                            self.ex.validator(v, actx, path, self.rules, self.cons)
                    else:
                        had = True
                        self.ex.validator(a2, actx, path, self.rules, self.cons)
        for key, suffix in (("CustomType", ""), ("ElementType", ".*")):
            if key in f:
                r = self.fw_type(f[key], ctx)
                if r is not None:
                    rule, on_elems = r
                    had = True
                    self.rules.append((path + (".*" if on_elems else suffix), rule))
        return had

    def fw_type(self, x, ctx):
        x, ctx = self.ex.resolve(x, ctx)
        if x[0] == "sel" and x[1][0] == "ident":
            key = (ctx.imports.get(x[1][1]), x[2])
            if key in FW_TYPES:
                rule, on_elems = FW_TYPES[key]
                return dict(rule), on_elems
            return None
        if x[0] == "call" and x[1][0] == "index":
            where, name, targs = self.ex.qualified(x[1], ctx)
            if where == FWTYPES and name in ("StringEnumType", "ListOfStringEnumType", "SetOfStringEnumType") and targs:
                k = self.ex.enum_key(targs[0], ctx)
                if k:
                    return {"kind": "enum", "enum": k, "ignore_case": False}, name != "StringEnumType"
        return None

    def fw_attr(self, x, ctx, path):
        x, ctx = unwrap(self.ex, x, ctx)
        if x[0] != "comp":
            return
        f = fields(x)
        if self.fw_common(f, ctx, path):
            self.validated += 1
        if "NestedObject" in f:
            no, nctx = unwrap(self.ex, f["NestedObject"], ctx)
            if no[0] == "comp":
                nf = fields(no)
                if "Validators" in nf and self.fw_common({"Validators": nf["Validators"]}, nctx, path):
                    self.validated += 1
                if "Attributes" in nf:
                    self.fw_attrs(nf["Attributes"], nctx, path + ".")
        elif "Attributes" in f:
            self.fw_attrs(f["Attributes"], ctx, path + ".")

    def fw_blocks(self, x, ctx, prefix):
        x, ctx = unwrap(self.ex, x, ctx)
        if x[0] != "comp":
            self.problems.append("blocks map not found at %r" % prefix)
            return
        for k, v in x[2]:
            if k is None:
                continue
            name = self.ex.const(k, ctx)
            if not isinstance(name, str):
                self.ex.unresolved["schema key"] += 1
                continue
            self.fw_block(v, ctx, prefix + name)

    def fw_block(self, x, ctx, path):
        x, ctx = unwrap(self.ex, x, ctx)
        if x[0] != "comp":
            return
        f = fields(x)
        if self.fw_common({k: f[k] for k in ("Validators",) if k in f}, ctx, path):
            self.validated += 1
        obj, octx = f, ctx
        if "NestedObject" in f:
            no, nctx = unwrap(self.ex, f["NestedObject"], ctx)
            if no[0] != "comp":
                return
            obj, octx = fields(no), nctx
            if "Validators" in obj and self.fw_common({"Validators": obj["Validators"]}, octx, path):
                self.validated += 1
        if "Attributes" in obj:
            self.fw_attrs(obj["Attributes"], octx, path + ".")
        if "Blocks" in obj:
            self.fw_blocks(obj["Blocks"], octx, path + ".")


def registrations(index, ex):
    """[(kind 'resource'|'data', sdk|framework, tf type, pkgdir, factory name)] from every service
    package's servicePackage.{SDK,Framework}{Resources,DataSources} methods."""
    out = []
    dirs = sorted({f.rsplit("/", 1)[0] for f in index.files if "/method.servicePackage." in f})
    for pd in dirs:
        for meth, kind, style in (("SDKResources", "resource", "sdk"), ("SDKDataSources", "data", "sdk"),
                                  ("FrameworkResources", "resource", "framework"),
                                  ("FrameworkDataSources", "data", "framework")):
            sym = index.symbol(pd, "method", "servicePackage." + meth)
            if sym is None:
                continue
            x, ctx = func_body_values(sym)
            if x is None:
                continue
            x, ctx = ex.resolve(x, ctx)
            if x[0] != "comp":
                continue
            for _, el in x[2]:
                el, ectx = unwrap(ex, el, ctx)
                if el[0] != "comp":
                    continue
                f = fields(el)
                tn = ex.const(f.get("TypeName", ("ident", "nil")), ectx)
                fac = f.get("Factory")
                if not isinstance(tn, str) or fac is None:
                    continue
                out.append((kind, style, tn, pd, fac, ectx))
    return out


def framework_type_of_factory(ex, fac, ctx):
    """Factory newFooResource -> (pkgdir, struct type name) of the value it returns."""
    where, name, _ = ex.qualified(fac, ctx)
    if where is None:
        return None
    pd = where if where.startswith("index/") else pkgdir_of(where)
    sym = ex.index.symbol(pd, "func", name) if pd else None
    if sym is None:
        return None
    f = sym.func()
    if f is None:
        return None
    toks, (s, e) = sym.toks, f[2]
    for i in range(s, e - 2):
        if toks[i][1] == "&" and toks[i + 1][0] == "ident" and toks[i + 2][1] == "{":
            return pd, toks[i + 1][1]
    for i in range(s, e - 1):
        if toks[i][0] == "ident" and toks[i + 1][1] == "{" and index_has_type(ex.index, pd, toks[i][1]):
            return pd, toks[i][1]
    return None


def index_has_type(index, pd, name):
    return index.symbol(pd, "method", name + ".Schema") is not None
