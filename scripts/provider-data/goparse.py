"""A small Go tokenizer and expression parser, enough to read provider schema literals.

Tokens: (kind, text) with kind in ident, int, float, imag, rune, string, op.
Comments are dropped; automatic semicolons are inserted after a line's last token the way the Go
spec says (ident, literal, `)`, `]`, `}`, return/break/continue/fallthrough, ++, --).

Expressions are parsed into tuples:
  ("ident", name)                ("lit", kind, text)            ("sel", x, name)
  ("call", fn, [args], ellipsis) ("index", x, [exprs])          ("comp", type_or_None, [(key, value)])
  ("unary", op, x)               ("binary", op, x, y)           ("func", body_tokens)
  ("type", text)                 (map / array / pointer / func / struct types)
A composite element key is itself an expression or None.
"""

OPS = sorted("""+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^= && || <- ++ -- == < > = ! ~
!= <= >= := ... ( ) [ ] { } , ; . :""".split(), key=len, reverse=True)

SEMI_AFTER_IDENT = {"break", "continue", "fallthrough", "return"}


class GoSyntaxError(Exception):
    pass


def tokenize(src):
    toks = []
    i, n = 0, len(src)
    last_allows_semi = False

    def push(kind, text):
        nonlocal last_allows_semi
        toks.append((kind, text))
        if kind == "ident":
            last_allows_semi = text not in KEYWORDS or text in SEMI_AFTER_IDENT
        elif kind == "op":
            last_allows_semi = text in (")", "]", "}", "++", "--")
        else:
            last_allows_semi = True

    while i < n:
        c = src[i]
        if c == "\n":
            if last_allows_semi:
                toks.append(("op", ";"))
                last_allows_semi = False
            i += 1
            continue
        if c in " \t\r":
            i += 1
            continue
        if src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
            continue
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            if j < 0:
                raise GoSyntaxError("unterminated comment")
            if "\n" in src[i:j] and last_allows_semi:
                toks.append(("op", ";"))
                last_allows_semi = False
            i = j + 2
            continue
        if c == "`":
            j = src.find("`", i + 1)
            if j < 0:
                raise GoSyntaxError("unterminated raw string")
            push("string", src[i:j + 1])
            i = j + 1
            continue
        if c == '"' or c == "'":
            j = i + 1
            while j < n and src[j] != c:
                if src[j] == "\\":
                    j += 1
                elif src[j] == "\n":
                    raise GoSyntaxError("newline in string")
                j += 1
            if j >= n:
                raise GoSyntaxError("unterminated string")
            push("string" if c == '"' else "rune", src[i:j + 1])
            i = j + 1
            continue
        if c.isalpha() or c == "_" or ord(c) > 127:
            j = i
            while j < n and (src[j].isalnum() or src[j] == "_" or ord(src[j]) > 127):
                j += 1
            push("ident", src[i:j])
            i = j
            continue
        if c.isdigit() or (c == "." and i + 1 < n and src[i + 1].isdigit()):
            j = i
            kind = "int"
            if src.startswith(("0x", "0X"), i):
                j += 2
                while j < n and (src[j] in "0123456789abcdefABCDEF_.pP" or
                                 (src[j] in "+-" and src[j - 1] in "pP")):
                    j += 1
            else:
                while j < n and (src[j].isdigit() or src[j] in "._eEoObB" or
                                 (src[j] in "+-" and src[j - 1] in "eE")):
                    if src[j] in ".eE":
                        kind = "float"
                    j += 1
            if j < n and src[j] == "i":
                kind = "imag"
                j += 1
            push(kind, src[i:j])
            i = j
            continue
        for op in OPS:
            if src.startswith(op, i):
                push("op", op)
                i += len(op)
                break
        else:
            raise GoSyntaxError("unexpected character %r" % c)
    if last_allows_semi:
        toks.append(("op", ";"))
    return toks


KEYWORDS = {"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
            "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
            "return", "select", "struct", "switch", "type", "var"}

OPEN = {"(": ")", "[": "]", "{": "}"}


def match_bracket(toks, i):
    """Index of the bracket closing toks[i]."""
    depth = 0
    for j in range(i, len(toks)):
        k, t = toks[j]
        if k == "op":
            if t in OPEN:
                depth += 1
            elif t in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return j
    raise GoSyntaxError("unbalanced bracket")


BINARY_PREC = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
               "+": 4, "-": 4, "|": 4, "^": 4, "*": 5, "/": 5, "%": 5, "<<": 5, ">>": 5, "&": 5, "&^": 5}


class Parser:
    def __init__(self, toks, pos=0, end=None):
        self.toks = toks
        self.pos = pos
        self.end = len(toks) if end is None else end
        self.no_composite = 0  # inside if/for/switch headers a `{` opens the block

    def peek(self, off=0):
        p = self.pos + off
        return self.toks[p] if p < self.end else ("eof", "")

    def next(self):
        t = self.peek()
        self.pos += 1
        return t

    def expect(self, text):
        t = self.next()
        if t[1] != text:
            raise GoSyntaxError("expected %r, got %r at %d" % (text, t, self.pos - 1))
        return t

    def skip_semis(self):
        while self.peek() == ("op", ";"):
            self.pos += 1

    # --- types -------------------------------------------------------------
    def type_text(self):
        """Consume a type and return its text (for map/array/func/struct/pointer types)."""
        start = self.pos
        self._skip_type()
        return " ".join(t for _, t in self.toks[start:self.pos])

    def _skip_type(self):
        k, t = self.peek()
        if t == "*":
            self.next()
            return self._skip_type()
        if t == "[":
            j = match_bracket(self.toks, self.pos)
            self.pos = j + 1
            return self._skip_type()
        if t == "map":
            self.next()
            j = match_bracket(self.toks, self.pos)
            self.pos = j + 1
            return self._skip_type()
        if t == "chan":
            self.next()
            if self.peek()[1] == "<-":
                self.next()
            return self._skip_type()
        if t in ("struct", "interface"):
            self.next()
            j = match_bracket(self.toks, self.pos)
            self.pos = j + 1
            return
        if t == "func":
            self.next()
            j = match_bracket(self.toks, self.pos)
            self.pos = j + 1
            self._skip_result()
            return
        if t == "(":
            j = match_bracket(self.toks, self.pos)
            self.pos = j + 1
            return
        if k == "ident":
            self.next()
            while self.peek()[1] == "." and self.peek(1)[0] == "ident":
                self.pos += 2
            if self.peek()[1] == "[":  # generic instantiation
                j = match_bracket(self.toks, self.pos)
                self.pos = j + 1
            return
        raise GoSyntaxError("bad type at %r" % (t,))

    def _skip_result(self):
        k, t = self.peek()
        if t == "(":
            j = match_bracket(self.toks, self.pos)
            self.pos = j + 1
        elif t in ("{", ";", ",", ")", "]", "}") or k == "eof":
            return
        else:
            self._skip_type()

    # --- expressions -------------------------------------------------------
    def expr(self, prec=1):
        x = self.unary()
        while True:
            k, t = self.peek()
            p = BINARY_PREC.get(t) if k == "op" else None
            if p is None or p < prec:
                return x
            self.next()
            y = self.expr(p + 1)
            x = ("binary", t, x, y)

    def unary(self):
        k, t = self.peek()
        if k == "op" and t in ("&", "-", "+", "!", "^", "*", "<-"):
            self.next()
            return ("unary", t, self.unary())
        return self.primary()

    def operand(self):
        k, t = self.peek()
        if k in ("int", "float", "imag", "rune", "string"):
            self.next()
            return ("lit", k, t)
        if t == "func":
            self.next()
            j = match_bracket(self.toks, self.pos)  # parameters
            self.pos = j + 1
            self._skip_result()
            if self.peek()[1] != "{":
                return ("type", "func")
            j = match_bracket(self.toks, self.pos)
            body = (self.pos + 1, j)
            self.pos = j + 1
            return ("func", self.toks, body)
        if t in ("[", "map", "struct", "chan", "interface"):
            return ("type", self.type_text())
        if t == "(":
            self.next()
            self.no_composite, saved = 0, self.no_composite
            x = self.expr()
            self.no_composite = saved
            self.expect(")")
            return ("paren", x)
        if k == "ident":
            self.next()
            return ("ident", t)
        raise GoSyntaxError("unexpected %r at %d" % (t, self.pos))

    def primary(self):
        x = self.operand()
        while True:
            k, t = self.peek()
            if t == ".":
                self.next()
                k2, t2 = self.next()
                if t2 == "(":  # type assertion x.(T)
                    j = match_bracket(self.toks, self.pos - 1)
                    self.pos = j + 1
                    x = ("assert", x)
                    continue
                x = ("sel", x, t2)
            elif t == "(":
                self.next()
                args, ellipsis = [], False
                saved, self.no_composite = self.no_composite, 0
                while self.peek()[1] != ")":
                    args.append(self.expr_or_type())
                    if self.peek()[1] == "...":
                        self.next()
                        ellipsis = True
                    if self.peek()[1] == ",":
                        self.next()
                    self.skip_semis()
                self.no_composite = saved
                self.expect(")")
                x = ("call", x, args, ellipsis)
            elif t == "[":
                self.next()
                saved, self.no_composite = self.no_composite, 0
                items = []
                while self.peek()[1] != "]":
                    if self.peek()[1] == ":":
                        self.next()
                        continue
                    items.append(self.expr_or_type())
                    if self.peek()[1] == ",":
                        self.next()
                self.no_composite = saved
                self.expect("]")
                x = ("index", x, items)
            elif t == "{" and not self.no_composite and is_type_like(x):
                x = ("comp", x, self.composite_body())
            else:
                return x

    def expr_or_type(self):
        k, t = self.peek()
        if t == "*" and self.peek(1)[0] == "ident":
            # could be a pointer type argument or a dereference; both parse as unary
            return self.expr()
        return self.expr()

    def composite_body(self):
        self.expect("{")
        saved, self.no_composite = self.no_composite, 0
        elems = []
        self.skip_semis()
        while self.peek()[1] != "}":
            v = self.element()
            key = None
            if self.peek()[1] == ":":
                self.next()
                key = v
                self.skip_semis()
                v = self.element()
            elems.append((key, v))
            if self.peek()[1] == ",":
                self.next()
            self.skip_semis()
        self.expect("}")
        self.no_composite = saved
        return elems

    def element(self):
        if self.peek()[1] == "{":
            return ("comp", None, self.composite_body())
        return self.expr()


def is_type_like(x):
    if x[0] in ("ident", "type"):
        return True
    if x[0] == "sel":
        return is_type_like(x[1]) and x[1][0] in ("ident", "sel")
    if x[0] == "index":  # generic type
        return is_type_like(x[1])
    return False


def parse_expr(toks, pos=0, end=None):
    p = Parser(toks, pos, end)
    return p.expr(), p.pos


# --- files and statements ---------------------------------------------------------------------

def split_header(src):
    """(package, {alias: import path}, body source) of an index symbol file."""
    pkg, imports = None, {}
    toks = tokenize(src)
    i = 0
    body_start = 0
    while i < len(toks):
        k, t = toks[i]
        if t == "package":
            j = i + 1
            while j < len(toks) and toks[j][1] != ";":
                j += 1
            pkg = "".join(x for _, x in toks[i + 1:j])  # the index writes the full import path
            i = j
        elif t == "import":
            i += 1
            if toks[i][1] == "(":
                j = match_bracket(toks, i)
                specs = toks[i + 1:j]
                i = j + 1
            else:
                specs = [toks[i]]
                if toks[i][0] == "ident" or toks[i][1] in (".", "_"):
                    specs = toks[i:i + 2]
                    i += 1
                i += 1
            alias = None
            for k2, t2 in specs:
                if k2 == "string":
                    path = unquote(t2)
                    imports[alias or path.rsplit("/", 1)[-1]] = path
                    alias = None
                elif k2 == "ident" or t2 in (".", "_"):
                    alias = t2
        elif t == ";":
            i += 1
        else:
            body_start = i
            break
    else:
        body_start = len(toks)
    return pkg, imports, toks, body_start


ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "a": "\a", "b": "\b",
           "f": "\f", "v": "\v"}


def unquote(text):
    if text.startswith("`"):
        return text[1:-1].replace("\r", "")
    s = text[1:-1]
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        e = s[i + 1]
        if e in ESCAPES:
            out.append(ESCAPES[e])
            i += 2
        elif e == "x":
            out.append(chr(int(s[i + 2:i + 4], 16)))
            i += 4
        elif e == "u":
            out.append(chr(int(s[i + 2:i + 6], 16)))
            i += 6
        elif e == "U":
            out.append(chr(int(s[i + 2:i + 10], 16)))
            i += 10
        elif e in "01234567":
            out.append(chr(int(s[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append("\\" + e)
            i += 2
    return "".join(out)


def top_level_func(toks, start):
    """For a symbol file whose body starts at `start` with `func`, return (name, receiver type or None,
    (body_start, body_end))."""
    i = start
    if toks[i][1] != "func":
        return None
    i += 1
    recv = None
    if toks[i][1] == "(":
        j = match_bracket(toks, i)
        recv_toks = [t for k, t in toks[i + 1:j] if k == "ident"]
        recv = recv_toks[-1] if recv_toks else None
        i = j + 1
    name = toks[i][1]
    i += 1
    if toks[i][1] == "[":  # type parameters
        i = match_bracket(toks, i) + 1
    j = match_bracket(toks, i)  # params
    i = j + 1
    depth = 0
    while i < len(toks):  # results up to the body's `{`
        t = toks[i][1]
        if t in ("(", "["):
            i = match_bracket(toks, i) + 1
            continue
        if t in ("struct", "interface"):
            i = match_bracket(toks, i + 1) + 1
            continue
        if t == "{":
            break
        i += 1
    j = match_bracket(toks, i)
    return name, recv, (i + 1, j)


def statements(toks, body):
    """Split a block's tokens (start, end) into top-level statements (lists of (start, end))."""
    start, end = body
    out, s, i = [], start, start
    while i < end:
        t = toks[i][1]
        if t in OPEN:
            i = match_bracket(toks, i) + 1
            continue
        if t == ";":
            if i > s:
                out.append((s, i))
            s = i + 1
        i += 1
    if end > s:
        out.append((s, end))
    return out


def block_statements_recursive(toks, body):
    """All statements of a block, also those inside nested if/for/switch blocks (not func literals)."""
    res = []
    for s, e in statements(toks, body):
        res.append((s, e))
        head = toks[s][1]
        if head in ("if", "for", "switch", "else"):
            i = s
            while i < e:
                if toks[i][1] == "{":
                    j = match_bracket(toks, i)
                    res.extend(block_statements_recursive(toks, (i + 1, j)))
                    i = j + 1
                    continue
                if toks[i][1] in ("(", "["):
                    i = match_bracket(toks, i) + 1
                    continue
                i += 1
    return res


def parse_statement(toks, span):
    """Recognise `return X`, `a, b := X`, `a.b = X`, `var a = X`; other statements -> None.
    Returns (kind, lhs_texts, expr)."""
    s, e = span
    t = toks[s][1]
    try:
        if t == "return":
            if s + 1 >= e:
                return ("return", [], None)
            p = Parser(toks, s + 1, e)
            x = p.expr()
            return ("return", [], x)
        if t in ("var", "const") and toks[s + 1][1] == "(":
            j = match_bracket(toks, s + 1)
            specs = []
            for a, b in statements(toks, (s + 2, j)):
                name, typ, x = var_spec(toks[:b], a)
                if x is not None:
                    specs.append((name, x))
            return ("group", [n for n, _ in specs], [x for _, x in specs])
        if t in ("var", "const"):
            p = Parser(toks, s + 1, e)
            name = p.next()[1]
            if p.peek()[1] != "=":
                p._skip_type()
            if p.peek()[1] != "=":
                return None
            p.next()
            return ("assign", [name], p.expr())
        # find := or = at depth 0
        i = s
        while i < e:
            tt = toks[i][1]
            if tt in OPEN:
                i = match_bracket(toks, i) + 1
                continue
            if tt in (":=", "="):
                lhs = [" ".join(x for _, x in toks[a:b]) for a, b in split_commas(toks, s, i)]
                p = Parser(toks, i + 1, e)
                return ("assign", lhs, p.expr())
            i += 1
    except (GoSyntaxError, IndexError):
        return None
    return None


def split_commas(toks, s, e):
    out, a, i = [], s, s
    while i < e:
        t = toks[i][1]
        if t in OPEN:
            i = match_bracket(toks, i) + 1
            continue
        if t == ",":
            out.append((a, i))
            a = i + 1
        i += 1
    out.append((a, e))
    return out


def var_spec(toks, start):
    """A `var.X.goindex` file holds one spec line: `Name [Type] = expr` (from a const or var group),
    possibly `var Name = ...` / `const Name = ...`. Returns (name, type_text or None, expr or None)."""
    i = start
    if toks[i][1] in ("var", "const"):
        i += 1
        if toks[i][1] == "(":
            i += 1
    name = toks[i][1]
    p = Parser(toks, i + 1)
    typ = None
    if p.peek()[1] not in ("=", ";", "eof", ""):
        st = p.pos
        try:
            p._skip_type()
            typ = " ".join(t for _, t in toks[st:p.pos])
        except GoSyntaxError:
            return name, None, None
    if p.peek()[1] == "=":
        p.next()
        try:
            return name, typ, p.expr()
        except GoSyntaxError:
            return name, typ, None
    return name, typ, None
