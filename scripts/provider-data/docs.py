"""aws-docs.json: descriptions, sensitive, deprecated and block item counts from a real
`terraform providers schema -json` (lonegunmanb/terraform-aws-schema, one Go file per type embedding
its schema JSON), keyed by the paths the pinned schema has."""
import collections
import json
import re
import subprocess

import goparse as gp


def git(repo, *args, stdin=None):
    return subprocess.run(["git", "-C", repo, *args], input=stdin, capture_output=True, check=True).stdout


def real_schema(repo, tag):
    files = [f for f in git(repo, "ls-tree", "-r", "--name-only", tag, "generated/").decode().split("\n")
             if re.match(r"generated/(resource|data)/\w+\.go$", f) and not f.endswith("_test.go")]
    blob = git(repo, "cat-file", "--batch", stdin=("\n".join("%s:%s" % (tag, f) for f in files) + "\n").encode())
    schemas, missing, pos = {}, [], 0
    for f in files:
        end = blob.index(b"\n", pos)
        header = blob[pos:end].split()
        if header[-1] == b"missing":
            missing.append(f)
            pos = end + 1
            continue
        size = int(header[2])
        text = blob[end + 1:end + 1 + size].decode()
        pos = end + 1 + size + 1
        # the file is Go: find `const <name> = <string literal(s) joined by +>` and `func <X>Schema()`
        toks = gp.tokenize(text)
        body = None
        for i in range(len(toks) - 3):
            if toks[i][1] == "const" and toks[i + 2][1] == "=":
                x, _ = gp.parse_expr(toks, i + 3)
                body = concat(x)
                break
        func = None
        for i in range(len(toks) - 1):
            if toks[i][1] == "func" and toks[i + 1][1].endswith("Schema"):
                func = toks[i + 1][1][:-len("Schema")]
                break
        if body is None or func is None:
            missing.append(f)
            continue
        schemas[(f.split("/")[1], func)] = json.loads(body)
    doc = {"resource_schemas": {}, "data_source_schemas": {}}
    register = git(repo, "show", "%s:generated/register.go" % tag).decode()
    for kind, name, pkg, func in re.findall(r'(resources|dataSources)\["(\w+)"\] = (\w+)\.(\w+)Schema\(\)', register):
        if (pkg, func) in schemas:
            doc["resource_schemas" if kind == "resources" else "data_source_schemas"][name] = schemas[(pkg, func)]
    return doc, missing


def concat(x):
    if x[0] == "lit" and x[1] == "string":
        return gp.unquote(x[2])
    if x[0] == "binary" and x[1] == "+":
        a, b = concat(x[2]), concat(x[3])
        return None if a is None or b is None else a + b
    if x[0] == "paren":
        return concat(x[1])
    return None


def entries(block, prefix=""):
    """{path: (kind, node)} for every attribute, nested attribute and block of a schema block."""
    out = {}
    for name, a in block.get("attributes", {}).items():
        out[prefix + name] = ("attribute", a)
        nt = a.get("nested_type")
        if nt:
            sub = entries({"attributes": nt.get("attributes", {})}, prefix + name + ".")
            out.update(sub)
    for name, b in block.get("block_types", {}).items():
        out[prefix + name] = ("block", b)
        out.update(entries(b.get("block", {}), prefix + name + "."))
    return out


def build(repo, tag, pinned, pinned_version):
    real, missing = real_schema(repo, tag)
    counts = collections.Counter()
    mism = collections.Counter()
    examples = []
    out = {"resources": {}, "data_sources": {}}
    for sec, key in (("resources", "resource_schemas"), ("data_sources", "data_source_schemas")):
        for tn in sorted(pinned[key]):
            pb = pinned[key][tn]["block"]
            if tn not in real[key]:
                mism["type absent from the real schema (%s)" % sec] += 1
                continue
            rb = real[key][tn]["block"]
            pe, re_ = entries(pb), entries(rb)
            td = {}
            if rb.get("description"):
                td["description"] = rb["description"]
                counts["type description"] += 1
            if rb.get("deprecated"):
                td["deprecated"] = True
                counts["type deprecated"] += 1
            attrs = {}
            for path in sorted(pe):
                pk, pn = pe[path]
                counts["pinned paths"] += 1
                if path not in re_:
                    mism["path absent from the real schema"] += 1
                    if len(examples) < 100:
                        examples.append("%s %s.%s" % (sec, tn, path))
                    continue
                rk, rn = re_[path]
                if rk != pk:
                    mism["%s in pinned, %s in real" % (pk, rk)] += 1
                    if len(examples) < 100:
                        examples.append("%s %s.%s: %s pinned, %s real" % (sec, tn, path, pk, rk))
                d = {}
                src = rn["block"] if rk == "block" else rn
                if src.get("description"):
                    d["description"] = src["description"]
                    counts["description"] += 1
                if rk == "attribute" and rn.get("sensitive"):
                    d["sensitive"] = True
                    counts["sensitive"] += 1
                if src.get("deprecated"):
                    d["deprecated"] = True
                    counts["deprecated"] += 1
                if rk == "block":
                    if rn.get("min_items"):
                        d["min_items"] = rn["min_items"]
                        counts["min_items"] += 1
                    if rn.get("max_items"):
                        d["max_items"] = rn["max_items"]
                        counts["max_items"] += 1
                        if rn["max_items"] > 1:
                            counts["max_items > 1"] += 1
                if d:
                    attrs[path] = d
            for path in re_:
                if path not in pe:
                    mism["path absent from the pinned schema (not added)"] += 1
            if attrs:
                td["attributes"] = attrs
            if td:
                out[sec][tn] = td
                counts["types with docs (%s)" % sec] += 1
        for tn in real[key]:
            if tn not in pinned[key]:
                mism["type absent from the pinned schema (%s)" % sec] += 1
    src = "lonegunmanb/terraform-aws-schema %s (hashicorp/aws %s)" % (tag, tag.lstrip("v"))
    doc = {"format": 1,
           "source": {"provider": "hashicorp/aws", "real_schema": src,
                      "pinned_schema": "hashicorp/aws %s" % pinned_version,
                      "missing_from_source": sorted(missing)},
           "resources": out["resources"], "data_sources": out["data_sources"]}
    stats = {"source": src + "; blobs missing from the source repository: %s" % (", ".join(sorted(missing)) or "none"),
             "counts": dict(counts), "mismatches": dict(mism), "mismatch_examples": examples}
    return doc, stats
