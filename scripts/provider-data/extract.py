#!/usr/bin/env python3
"""Extract the aws provider's validation rules and documentation into tfsynth's data files.

usage: extract.py --index-git DIR --index-commit SHA --botocore WHEEL_OR_DIR --schema-git DIR
                  --schema-tag TAG --pinned SCHEMA.json.gz --out-dir DIR [--only-services a,b]

See README.md in this directory for the inputs that produced the committed files."""
import argparse
import collections
import gzip
import io
import json
import os
import re
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from goindex import Index, func_body_values  # noqa: E402
from rules import Extractor  # noqa: E402
from walk import TypeCollector, framework_type_of_factory, registrations  # noqa: E402

AWS = "registry.terraform.io/hashicorp/aws"
SIZE_LIMIT = 3 * 1024 * 1024


# --- botocore ----------------------------------------------------------------------------------
def go_package_of(service_id):
    return re.sub(r"[\s\-_]", "", service_id).lower()


def load_botocore(src):
    """{go package: {shape: (values, from)}} and the botocore version."""
    files = {}
    version = None
    if os.path.isdir(src):
        root = src
        for dp, dn, fn in os.walk(root):
            for f in fn:
                rel = os.path.relpath(os.path.join(dp, f), root).replace(os.sep, "/")
                files[rel] = lambda p=os.path.join(dp, f): open(p, "rb").read()
        m = [k for k in files if k.endswith("botocore/__init__.py")]
        if m:
            version = re.search(r"__version__ = '([^']+)'", files[m[0]]().decode()).group(1)
    else:
        z = zipfile.ZipFile(src)
        for n in z.namelist():
            files[n] = lambda n=n: z.read(n)
        version = re.search(r"__version__ = '([^']+)'", z.read("botocore/__init__.py").decode()).group(1)
    models = collections.defaultdict(list)
    for name in files:
        m = re.search(r"(?:^|/)botocore/data/([^/]+)/([^/]+)/service-2\.json(\.gz)?$", name)
        if m:
            models[m.group(1)].append((m.group(2), name))
    out = {}
    origin = {}
    for d in sorted(models):
        date, name = max(models[d])
        raw = files[name]()
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        model = json.loads(raw)
        sid = model["metadata"].get("serviceId") or model["metadata"].get("serviceAbbreviation") or d
        pkg = go_package_of(sid)
        if pkg in out:  # two models for one package: keep the first (sorted by directory)
            continue
        shapes = {}
        for sname, shape in sorted(model["shapes"].items()):
            if shape.get("type") == "string" and "enum" in shape:
                # the Go SDK exports every shape name with a capital first letter (iam statusType -> StatusType)
                goname = sname[:1].upper() + sname[1:]
                if goname not in shapes or sname == goname:
                    shapes[goname] = (shape["enum"], "botocore %s/%s shape %s" % (d, date, sname))
        out[pkg] = shapes
        origin[pkg] = d
    return out, version


# --- schema helpers -----------------------------------------------------------------------------
def pinned_node(block, path):
    """Walk a schema block along a dotted path. Returns ('attribute', attr) / ('block', block_type) /
    ('element', attr) for path.*, or None."""
    parts = path.split(".")
    node = ("block_body", block)
    for i, p in enumerate(parts):
        kind, n = node
        if p == "*":
            if kind == "attribute" and i == len(parts) - 1:
                t = n.get("type")
                if isinstance(t, list) and t[0] in ("list", "set", "map") and isinstance(t[1], str):
                    return ("element", n)
            return None
        if kind == "block_body":
            if p in n.get("attributes", {}):
                node = ("attribute", n["attributes"][p])
            elif p in n.get("block_types", {}):
                node = ("block", n["block_types"][p])
            else:
                return None
        elif kind == "block":
            body = n["block"]
            if p in body.get("attributes", {}):
                node = ("attribute", body["attributes"][p])
            elif p in body.get("block_types", {}):
                node = ("block", body["block_types"][p])
            else:
                return None
        elif kind == "attribute":
            nt = n.get("nested_type")
            if nt and p in nt.get("attributes", {}):
                node = ("attribute", nt["attributes"][p])
                continue
            t = n.get("type")
            if t == "dynamic":
                return ("dynamic", n)
            # an object (or list/set of objects) typed attribute
            while isinstance(t, list) and t[0] in ("list", "set", "map"):
                t = t[1]
            if isinstance(t, list) and t[0] == "object" and p in t[1]:
                node = ("attribute", {"type": t[1][p]})
                continue
            return None
    return node


def dump(obj):
    """Sorted keys, no ASCII escaping; the two top levels indented and every entry below them compact on
    one line, so a diff shows which type or enum changed and the file stays small."""
    def c(v):
        return json.dumps(v, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    lines = ["{"]
    keys = sorted(obj)
    for i, k in enumerate(keys):
        v = obj[k]
        end = "," if i < len(keys) - 1 else ""
        if isinstance(v, dict) and v and all(isinstance(x, dict) for x in v.values()):
            lines.append(" %s: {" % c(k))
            sub = sorted(v)
            for j, sk in enumerate(sub):
                lines.append("  %s: %s%s" % (c(sk), c(v[sk]), "," if j < len(sub) - 1 else ""))
            lines.append(" }" + end)
        else:
            lines.append(" %s: %s%s" % (c(k), c(v), end))
    lines.append("}")
    return "\n".join(lines) + "\n"


def write(out_dir, name, obj):
    text = dump(obj).encode()
    for old in (name, name + ".gz"):
        p = os.path.join(out_dir, old)
        if os.path.exists(p):
            os.remove(p)
    if len(text) > SIZE_LIMIT:
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
            g.write(text)
        name += ".gz"
        data = buf.getvalue()
    else:
        data = text
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(data)
    return name, len(data), len(text)


def rule_key(r):
    return json.dumps(r, sort_keys=True)


# --- main ---------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index-git", required=True)
    ap.add_argument("--index-commit", required=True)
    ap.add_argument("--botocore", required=True)
    ap.add_argument("--schema-git", required=True)
    ap.add_argument("--schema-tag", required=True)
    ap.add_argument("--pinned", required=True)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--only-services", default="")
    ap.add_argument("--skip-docs", action="store_true")
    a = ap.parse_args()

    commit = subprocess.run(["git", "-C", a.index_git, "rev-parse", a.index_commit + "^{commit}"],
                            capture_output=True, check=True).stdout.decode().strip()
    tag_desc = subprocess.run(["git", "-C", a.index_git, "log", "-1", "--format=%s", commit],
                              capture_output=True, check=True).stdout.decode().strip()
    m = re.search(r"v(\d+\.\d+\.\d+)", tag_desc)
    version = m.group(1) if m else "unknown"

    pinned_doc = json.load(gzip.open(a.pinned)) if a.pinned.endswith(".gz") else json.load(open(a.pinned))
    pinned = pinned_doc["provider_schemas"][AWS]
    pinned_version = pinned_doc.get("tfsynth_provider_version", "6.66.0")

    enums_src, bc_version = load_botocore(a.botocore)
    index = Index(a.index_git, commit)
    ex = Extractor(index, enums_src)

    only = set(filter(None, a.only_services.split(",")))
    regs = registrations(index, ex)
    stats = collections.Counter()
    skipped_paths = collections.Counter()
    skipped_examples = collections.defaultdict(list)
    problems = collections.Counter()
    services = collections.Counter()
    per_kind = collections.Counter()
    per_format = collections.Counter()
    out_types = {"resources": {}, "data_sources": {}}
    not_pinned_types = []
    seen = set()
    block_vs_attr = collections.Counter()

    for kind, style, tn, pd, fac, fctx in sorted(regs, key=lambda r: (r[0], r[2], r[1])):
        svc = pd.rsplit("/", 1)[-1]
        if only and svc not in only:
            continue
        if (kind, tn) in seen:
            continue
        seen.add((kind, tn))
        section = "resources" if kind == "resource" else "data_sources"
        pschemas = pinned["resource_schemas" if kind == "resource" else "data_source_schemas"]
        tc = TypeCollector(ex)
        if style == "sdk":
            from walk import unwrap
            ok = tc.sdk_resource(fac, fctx, "")
        else:
            t = framework_type_of_factory(ex, fac, fctx)
            ok = False
            if t is None:
                tc.problems.append("framework factory type not found")
            else:
                sym = index.symbol(t[0], "method", t[1] + ".Schema")
                if sym is None:
                    tc.problems.append("no Schema method for %s" % t[1])
                else:
                    x, c = func_body_values(sym, want="schema")
                    if x is None:
                        tc.problems.append("no response.Schema assignment in %s" % sym.path)
                    else:
                        ok = tc.fw_schema(x, c)
        stats["types_" + style] += 1
        if not ok:
            stats["types_unparsed"] += 1
        for p in tc.problems:
            problems[re.sub(r" at .*| \(.*\)|'.*'", "", p)] += 1
        stats["validated_arguments"] += tc.validated
        if tn not in pschemas:
            not_pinned_types.append("%s %s" % (kind, tn))
            stats["rules_type_not_pinned"] += len(tc.rules)
            continue
        block = pschemas[tn]["block"]
        attrs = collections.defaultdict(list)
        for path, rule in tc.rules:
            node = pinned_node(block, path)
            if node is not None and node[0] == "dynamic":
                skipped_paths["%s under a collapsed dynamic attribute" % rule["kind"]] += 1
                continue
            if node is None:
                skipped_paths["%s %s" % (rule["kind"], "element" if path.endswith(".*") else "path")] += 1
                if len(skipped_examples["paths"]) < 400:
                    skipped_examples["paths"].append("%s %s.%s (%s)" % (kind, tn, path, rule["kind"]))
                continue
            if rule["kind"] == "items":
                block_vs_attr["items on " + node[0]] += 1
            if rule_key(rule) not in {rule_key(r) for r in attrs[path]}:
                attrs[path].append(rule)
        cons = {}
        for ckind, path, others in tc.cons:
            allp = [path] + list(others)
            missing = [p for p in allp if pinned_node(block, p) is None or pinned_node(block, p)[0] == "dynamic"]
            if missing:
                skipped_paths["constraint " + ckind] += 1
                if len(skipped_examples["paths"]) < 400:
                    skipped_examples["paths"].append("%s %s: %s %s -> %s" % (kind, tn, ckind, path, ",".join(missing)))
                continue
            if ckind in ("exactly_one_of", "at_least_one_of"):
                group = sorted(set(allp))
                if len(group) < 2:
                    continue
                c = {"kind": ckind, "path": group[0], "others": group[1:]}
            else:
                oth = sorted(set(o for o in others if o != path))
                if not oth:
                    continue
                c = {"kind": ckind, "path": path, "others": oth}
            cons[json.dumps(c, sort_keys=True)] = c
        if not attrs and not cons:
            continue
        for path, rs in attrs.items():
            for r in rs:
                per_kind[r["kind"]] += 1
                if r["kind"] == "format":
                    per_format[r["format"]] += 1
                if r["kind"] == "pattern" and r["plan_only"]:
                    per_kind["pattern (plan_only)"] += 1
        for c in cons.values():
            per_kind["constraint " + c["kind"]] += 1
        services[svc] += 1
        out_types[section][tn] = {
            "attributes": {p: attrs[p] for p in sorted(attrs)},
            "constraints": sorted(cons.values(), key=lambda c: (c["kind"], c["path"], c["others"])),
        }

    # enums referenced by the kept rules only
    used = set()
    for sec in out_types.values():
        for tr in sec.values():
            for rs in tr["attributes"].values():
                for r in rs:
                    if r["kind"] == "enum":
                        used.add(r["enum"])
    enums = {k: ex.enums[k] for k in sorted(used)}

    doc = {
        "format": 1,
        "source": {"provider": "hashicorp/aws", "version": version,
                   "index_repository": "lonegunmanb/terraform-provider-aws-index", "index_commit": commit,
                   "enums": "botocore %s (PyPI)" % bc_version, "pinned_schema": "hashicorp/aws %s" % pinned_version},
        "enums": enums,
        "resources": out_types["resources"],
        "data_sources": out_types["data_sources"],
    }
    os.makedirs(a.out_dir, exist_ok=True)
    rules_file = write(a.out_dir, "aws-rules.json", doc)

    docs_stats = None
    docs_file = None
    if not a.skip_docs:
        import docs
        ddoc, docs_stats = docs.build(a.schema_git, a.schema_tag, pinned, pinned_version)
        docs_file = write(a.out_dir, "aws-docs.json", ddoc)

    report = {
        "rules_file": rules_file, "docs_file": docs_file, "stats": dict(stats), "per_kind": dict(per_kind),
        "per_format": dict(per_format), "skipped_paths": dict(skipped_paths),
        "skipped_examples": skipped_examples["paths"], "unknown": dict(ex.unknown),
        "inexpressible": dict(ex.inexpressible), "unresolved": dict(ex.unresolved), "problems": dict(problems),
        "not_pinned_types": not_pinned_types, "services": dict(services), "enums": len(enums),
        "enum_sources": collections.Counter("botocore" if v["from"].startswith("botocore") else "provider"
                                            for v in enums.values()),
        "types": {k: len(v) for k, v in out_types.items()}, "block_vs_attr": dict(block_vs_attr),
        "names_used": ex.names_used, "docs": docs_stats,
        "source": doc["source"],
    }
    all_names = set()

    def collect(b):
        for n, at in b.get("attributes", {}).items():
            all_names.add(n)
            if at.get("nested_type"):
                collect(at["nested_type"])
        for n, bt in b.get("block_types", {}).items():
            all_names.add(n)
            collect(bt["block"])
    for sk in ("resource_schemas", "data_source_schemas"):
        for v in pinned[sk].values():
            collect(v["block"])
    report["names_not_in_schema"] = sorted("names.%s -> %s" % (k, v) for k, v in ex.names_used.items()
                                           if v not in all_names)
    import coverage
    coverage.write(os.path.join(a.out_dir, "aws-rules-coverage.md"), report)
    print(json.dumps({k: report[k] for k in ("rules_file", "docs_file", "stats", "per_kind", "types", "enums")},
                     indent=1), file=sys.stderr)


if __name__ == "__main__":
    main()
