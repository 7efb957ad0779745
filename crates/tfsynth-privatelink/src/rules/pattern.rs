//! The Rust reading of a rule's regular expression: the pattern Terraform's `regex` (RE2)
//! evaluates in a module is parsed here with `regex-syntax` (the parser of the `regex` crate)
//! and run by a small Thompson NFA, so a value type's check and the module's condition are
//! one string. Only what RE2 and `regex-syntax` read alike is allowed: [`Pattern::new`]
//! refuses `\d`, `\w`, `\s`, `\b` (Unicode classes in `regex-syntax`, ASCII in RE2: write
//! `[0-9]`) and the flags that differ.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A compiled pattern, matched as Terraform's `can(regex(p, s))` does: somewhere in `s`
/// (anchor it with `^...$` to match the whole value).
#[derive(Debug, Clone)]
pub struct Pattern {
    source: &'static str,
    prog: Vec<Inst>,
}

#[derive(Debug, Clone)]
enum Inst {
    /// One character in one of the ranges.
    Chars(Vec<(char, char)>),
    Split(usize, usize),
    Jump(usize),
    Start,
    End,
    Match,
}

impl Pattern {
    /// Parses `source` (RE2 syntax).
    ///
    /// # Panics
    /// When `source` is not a pattern both engines read alike: patterns are constants of this
    /// crate, and a test builds every one.
    pub fn new(source: &'static str) -> Self {
        for perl in [
            r"\d", r"\w", r"\s", r"\b", r"\D", r"\W", r"\S", r"\B", "(?i", "(?m", "(?s",
        ] {
            assert!(
                !source.contains(perl),
                "pattern {source:?} uses {perl}, which RE2 and regex-syntax read differently"
            );
        }
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(source)
            .unwrap_or_else(|e| panic!("pattern {source:?}: {e}"));
        let mut prog = Vec::new();
        compile(&hir, &mut prog);
        prog.push(Inst::Match);
        Self { source, prog }
    }

    /// The pattern's text, as the JSON Schema and the module's `regex` read it.
    pub fn as_str(&self) -> &'static str {
        self.source
    }

    /// True when the pattern matches somewhere in `s` (Terraform's `can(regex(p, s))`).
    pub fn is_match(&self, s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        let n = self.prog.len();
        let mut current = Vec::with_capacity(n);
        let mut next = Vec::with_capacity(n);
        let mut seen = vec![usize::MAX; n];
        for pos in 0..=chars.len() {
            // Unanchored: a thread starts at every position.
            if self.add(&mut current, &mut seen, 0, pos, chars.len()) {
                return true;
            }
            let Some(&c) = chars.get(pos) else { break };
            next.clear();
            for &pc in &current {
                if let Inst::Chars(ranges) = &self.prog[pc] {
                    if ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
                        && self.add(&mut next, &mut seen, pc + 1, pos + 1, chars.len())
                    {
                        return true;
                    }
                }
            }
            std::mem::swap(&mut current, &mut next);
        }
        false
    }

    /// Adds the thread at `pc` (and what it leads to without reading) to `list`; true when
    /// it reaches the match.
    fn add(
        &self,
        list: &mut Vec<usize>,
        seen: &mut [usize],
        pc: usize,
        pos: usize,
        len: usize,
    ) -> bool {
        // `seen` holds the position a state was last added at: once per step.
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if seen[pc] == pos {
                continue;
            }
            seen[pc] = pos;
            match &self.prog[pc] {
                Inst::Chars(_) => list.push(pc),
                Inst::Split(a, b) => {
                    stack.push(*b);
                    stack.push(*a);
                }
                Inst::Jump(a) => stack.push(*a),
                Inst::Start => {
                    if pos == 0 {
                        stack.push(pc + 1);
                    }
                }
                Inst::End => {
                    if pos == len {
                        stack.push(pc + 1);
                    }
                }
                Inst::Match => return true,
            }
        }
        false
    }
}

fn compile(hir: &Hir, prog: &mut Vec<Inst>) {
    match hir.kind() {
        HirKind::Empty => {}
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).expect("unicode patterns have text literals");
            for c in text.chars() {
                prog.push(Inst::Chars(vec![(c, c)]));
            }
        }
        HirKind::Class(Class::Unicode(class)) => {
            prog.push(Inst::Chars(
                class.iter().map(|r| (r.start(), r.end())).collect(),
            ));
        }
        HirKind::Class(Class::Bytes(_)) => panic!("byte classes are not text patterns"),
        HirKind::Look(Look::Start) => prog.push(Inst::Start),
        HirKind::Look(Look::End) => prog.push(Inst::End),
        HirKind::Look(other) => panic!("assertion {other:?} is not supported here"),
        HirKind::Capture(cap) => compile(&cap.sub, prog),
        HirKind::Concat(parts) => parts.iter().for_each(|p| compile(p, prog)),
        HirKind::Alternation(alts) => {
            // split L1, next; L1: a; jump end; next: split L2, ...
            let mut jumps = Vec::new();
            for (i, alt) in alts.iter().enumerate() {
                if i + 1 < alts.len() {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    compile(alt, prog);
                    jumps.push(prog.len());
                    prog.push(Inst::Jump(0));
                    let after = prog.len();
                    prog[split] = Inst::Split(split + 1, after);
                } else {
                    compile(alt, prog);
                }
            }
            let end = prog.len();
            for j in jumps {
                prog[j] = Inst::Jump(end);
            }
        }
        HirKind::Repetition(rep) => {
            for _ in 0..rep.min {
                compile(&rep.sub, prog);
            }
            match rep.max {
                None => {
                    // loop: split body, end; body; jump loop
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    compile(&rep.sub, prog);
                    prog.push(Inst::Jump(split));
                    let end = prog.len();
                    prog[split] = Inst::Split(split + 1, end);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in rep.min..max {
                        splits.push(prog.len());
                        prog.push(Inst::Split(0, 0));
                        compile(&rep.sub, prog);
                    }
                    let end = prog.len();
                    for s in splits {
                        prog[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    #[test]
    fn matches_as_re2_does() {
        let id = Pattern::new("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$");
        assert!(id.is_match("vpc-0123abcd"));
        assert!(id.is_match("vpc-0123456789abcdef0"));
        assert!(!id.is_match("vpc-0123456789abcdef"));
        assert!(!id.is_match("xvpc-0123abcd"));
        assert!(!id.is_match("vpc-0123abcd\n"));
        let bad = Pattern::new(r"[^\p{L}\p{N} +=._:/@-]");
        assert!(bad.is_match("net#1"));
        assert!(!bad.is_match("Équipe 7"));
        assert!(bad.is_match("हिंदी"), "a combining mark is not a letter");
        let rep = Pattern::new("^a(b|cd)*e?$");
        for ok in ["a", "ab", "acdb", "abcde", "ae"] {
            assert!(rep.is_match(ok), "{ok}");
        }
        for no in ["", "b", "ac", "aee", "abx"] {
            assert!(!rep.is_match(no), "{no}");
        }
        assert!(Pattern::new("x+").is_match("aaxaa"), "unanchored search");
        assert!(
            !Pattern::new("^.+$").is_match("a\nb"),
            "dot stops at a newline"
        );
    }

    #[test]
    #[should_panic(expected = "read differently")]
    fn refuses_perl_classes() {
        let _ = Pattern::new(r"^\d+$");
    }
}
