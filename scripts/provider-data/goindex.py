"""Access to the lonegunmanb/terraform-provider-aws-index git directory: symbol files by package and
name, parsed lazily, and expression resolution across files (locals, parameters, package vars)."""
import subprocess

import goparse as gp

MODULE = "github.com/hashicorp/terraform-provider-aws/"


class Index:
    def __init__(self, gitdir, commit):
        self.gitdir, self.commit = gitdir, commit
        out = subprocess.run(["git", "-C", gitdir, "ls-tree", "-r", "--name-only", commit, "index/"],
                             capture_output=True, check=True).stdout.decode()
        self.files = set(out.split("\n")) - {""}
        self.proc = None
        self.cache = {}

    def read(self, path):
        if path not in self.files:
            return None
        if self.proc is None:
            self.proc = subprocess.Popen(["git", "-C", self.gitdir, "cat-file", "--batch"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.proc.stdin.write(("%s:%s\n" % (self.commit, path)).encode())
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().split()
        size = int(header[2])
        data = self.proc.stdout.read(size + 1)[:size]
        return data.decode("utf-8", "replace")

    def symbol(self, pkgdir, kind, name):
        """Parsed symbol file: kind in func/var/type/method (name 'T.M' for methods). Returns a Sym or None."""
        path = "%s/%s.%s.goindex" % (pkgdir, kind, name)
        if path in self.cache:
            return self.cache[path]
        src = self.read(path)
        sym = None
        if src is not None:
            try:
                pkg, imports, toks, start = gp.split_header(src)
                sym = Sym(self, path, pkgdir, imports, toks, start)
            except (gp.GoSyntaxError, IndexError):
                sym = None
        self.cache[path] = sym
        return sym

    def json(self, path):
        import json
        src = self.read(path)
        return None if src is None else json.loads(src)


def pkgdir_of(import_path):
    if import_path.startswith(MODULE):
        return "index/" + import_path[len(MODULE):]
    return None


class Ctx:
    """Where an expression was written: its package dir and imports, plus bound names."""
    __slots__ = ("index", "pkgdir", "imports", "bindings", "path")

    def __init__(self, index, pkgdir, imports, bindings=None, path=None):
        self.index, self.pkgdir, self.imports = index, pkgdir, imports
        self.bindings = bindings or {}
        self.path = path

    def with_bindings(self, b):
        return Ctx(self.index, self.pkgdir, self.imports, b, self.path)

    def import_path(self, alias):
        return self.imports.get(alias)

    def pkgname(self):
        return self.pkgdir.rsplit("/", 1)[-1]


class Sym:
    def __init__(self, index, path, pkgdir, imports, toks, start):
        self.index, self.path, self.pkgdir, self.imports = index, path, pkgdir, imports
        self.toks, self.start = toks, start
        self._func = None

    def ctx(self, bindings=None):
        return Ctx(self.index, self.pkgdir, self.imports, bindings, self.path)

    def func(self):
        if self._func is None:
            self._func = gp.top_level_func(self.toks, self.start) or False
        return self._func or None

    def params(self):
        """Parameter names of a function symbol, in order."""
        i = self.start + 1
        toks = self.toks
        if toks[i][1] == "(":
            i = gp.match_bracket(toks, i) + 1
        i += 1
        if toks[i][1] == "[":
            i = gp.match_bracket(toks, i) + 1
        j = gp.match_bracket(toks, i)
        parts = gp.split_commas(toks, i + 1, j)
        named = any(b - a >= 2 and toks[a][0] == "ident" and toks[a + 1][1] not in (".",) for a, b in parts if b > a)
        if not named:
            return []
        return [toks[a][1] for a, b in parts if b > a]

    def var(self):
        return gp.var_spec(self.toks, self.start)


def func_body_values(sym, bindings=None, want="return"):
    """Evaluate a function body shallowly: returns (expr, ctx) of the first `return` with a value (or of
    the assignment to `*.Schema` when want == 'schema'), with locals bound."""
    f = sym.func()
    if f is None:
        return None, None
    name, recv, body = f
    ctx = sym.ctx(dict(bindings or {}))
    for span in gp.block_statements_recursive(sym.toks, body):
        st = gp.parse_statement(sym.toks, span)
        if st is None:
            continue
        kind, lhs, x = st
        if kind == "group":
            for n, e in zip(lhs, x):
                ctx.bindings[n] = (e, ctx)
            continue
        if kind == "assign" and x is not None:
            if want == "schema" and lhs and lhs[-1].replace(" ", "").endswith(".Schema"):
                return x, ctx
            if len(lhs) == 1 and lhs[0].isidentifier():
                ctx.bindings[lhs[0]] = (x, ctx)
        elif kind == "return" and x is not None and want == "return":
            if x == ("ident", "nil"):
                continue
            return x, ctx
    return None, None
