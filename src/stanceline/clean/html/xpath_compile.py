"""Compile a small subset of XPath 1.0 into plain Python element selectors.

Why: lxml answers an EXSLT `re:test(...)` by calling back into Python for every element it
tests, and a `.//*[...]` walk builds its node-sets in libxml2's XPath machinery; trafilatura's
discard and body expressions are made of exactly these, and evaluating them is about 40% of
its fast-mode time. The same tests written as a Python loop over `iterdescendants` (tag
filtering done in C) take a fraction of that. The compiled selector returns the same elements
in the same (document) order as the XPath does; `tests/ingest/test_xpath_compile.py` checks
that against lxml on generated trees.

The subset (anything else raises `Unsupported`, and the caller keeps the XPath):
  path      := './/' ('*' | NAME) pred*        descendants of the context element
  top       := path | '(' path ')[1]' | top '|' top
  pred      := '[' or ']' | '[1]' (last only: the first match among each parent's children)
  or / and  := boolean operators over
  atom      := 'self::' NAME | 'not(' or ')' | '(' or ')' | attrs | attrs '=' STRING
             | 're:test(' str ',' STRING [',' STRING] ')' | 'contains(' str ',' STRING ')'
             | 'starts-with(' str ',' STRING ')' | './/' NAME (exists)
  str       := attrs | 'translate(' attrs ',' STRING ',' STRING ')'
  attrs     := '@' NAME ('|' '@' NAME)*     as a string: the first present in document order
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from stanceline.clean.regex_trie import any_of

Selector = Callable[[Any], list[Any]]

REGEXP_NS = "http://exslt.org/regular-expressions"


class Unsupported(ValueError):
    """The expression is outside the compiled subset."""


_TOKEN = re.compile(r"""\s*(?:(\.//)|(\(|\)|\[|\]|\||,|=)|'([^']*)'|"([^"]*)"|(@[\w-]+)|(self::[\w-]+)|([\w:-]+|\*))""")


def _tokens(src: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    src = src.strip()
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if m is None or m.end() == pos:
            raise Unsupported(f"cannot read {src[pos:pos + 20]!r}")
        pos = m.end()
        desc, punct, s1, s2, attr, self_, name = m.groups()
        if desc:
            out.append(("desc", desc))
        elif punct:
            out.append(("p", punct))
        elif s1 is not None or s2 is not None:
            out.append(("str", s1 if s1 is not None else s2 or ""))
        elif attr:
            out.append(("attr", attr[1:]))
        elif self_:
            out.append(("self", self_[6:]))
        else:
            out.append(("name", name))
    return out


@dataclass
class _Path:
    tags: tuple[str, ...]  # () for '*'
    preds: list[str]  # Python boolean expressions over `el`
    first_per_parent: bool = False
    first_only: bool = False


class _Parser:
    def __init__(self, src: str, namespaces: dict[str, str]) -> None:
        self.toks = _tokens(src)
        self.i = 0
        self.consts: dict[str, Any] = {}
        self.re_prefixes = {p for p, ns in namespaces.items() if ns == REGEXP_NS}

    # token helpers
    def peek(self, k: int = 0) -> tuple[str, str] | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def take(self, kind: str, value: str | None = None) -> str:
        tok = self.peek()
        if tok is None or tok[0] != kind or (value is not None and tok[1] != value):
            raise Unsupported(f"expected {value or kind}, got {tok}")
        self.i += 1
        return tok[1]

    def at(self, kind: str, value: str | None = None) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == kind and (value is None or tok[1] == value)

    def const(self, value: Any) -> str:
        name = f"_c{len(self.consts)}"
        self.consts[name] = value
        return name

    # grammar
    def top(self) -> list[_Path]:
        paths = [self.member()]
        while self.at("p", "|"):
            self.take("p", "|")
            paths.append(self.member())
        if self.peek() is not None:
            raise Unsupported(f"trailing {self.peek()}")
        return paths

    def member(self) -> _Path:
        if self.at("p", "("):
            self.take("p", "(")
            path = self.path()
            self.take("p", ")")
            self.take("p", "[")
            if self.take("name") != "1":
                raise Unsupported("only [1] after a parenthesised path")
            self.take("p", "]")
            path.first_only = True
            return path
        return self.path()

    def path(self) -> _Path:
        self.take("desc")
        name = self.take("name")
        path = _Path(() if name == "*" else (name,), [])
        while self.at("p", "["):
            if path.first_per_parent:
                raise Unsupported("a predicate after [1]")
            self.take("p", "[")
            if self.at("name", "1") and self.peek(1) == ("p", "]"):
                self.take("name")
                path.first_per_parent = True
            elif not path.tags and not path.preds and (tags := self.tag_test()):
                # `*[self::a or self::b]`: the walk itself picks those elements (in C)
                path.tags = tags
            else:
                path.preds.append(self.or_())
            self.take("p", "]")
        return path

    def tag_test(self) -> tuple[str, ...]:
        """Consume a predicate made only of `self::a or self::b ...` up to its `]`; () if it is not one."""
        tags: list[str] = []
        j = self.i
        while j < len(self.toks) and self.toks[j][0] == "self":
            tags.append(self.toks[j][1])
            j += 1
            if j < len(self.toks) and self.toks[j] == ("name", "or"):
                j += 1
            elif j < len(self.toks) and self.toks[j] == ("p", "]"):
                self.i = j
                return tuple(tags)
            else:
                return ()
        return ()

    def or_(self) -> str:
        return self.chain("or", self.and_)

    def and_(self) -> str:
        return self.chain("and", self.atom)

    def chain(self, op: str, operand: Callable[[], str]) -> str:
        parts = [operand()]
        while self.at("name", op):
            self.take("name")
            parts.append(operand())
        return parts[0] if len(parts) == 1 else "(" + f" {op} ".join(parts) + ")"

    def attrs(self) -> list[str]:
        names = [self.take("attr")]
        while self.at("p", "|") and (after := self.peek(1)) is not None and after[0] == "attr":
            self.take("p", "|")
            names.append(self.take("attr"))
        return names

    def string_of(self, names: list[str]) -> str:
        if len(names) == 1:
            return f"(g({names[0]!r}) or '')"
        return f"_first(el, {self.const(frozenset(names))})"

    def str_expr(self) -> str:
        if self.at("name", "translate"):
            self.take("name")
            self.take("p", "(")
            value = self.string_of(self.attrs())
            self.take("p", ",")
            src = self.take("str")
            self.take("p", ",")
            dst = self.take("str")
            self.take("p", ")")
            table = {ord(c): (dst[k] if k < len(dst) else None) for k, c in reversed(list(enumerate(src)))}
            return f"{value}.translate({self.const(table)})"
        if self.at("attr"):
            return self.string_of(self.attrs())
        raise Unsupported(f"string expression at {self.peek()}")

    def atom(self) -> str:
        tok = self.peek()
        if tok is None:
            raise Unsupported("unexpected end")
        kind, value = tok
        if kind == "self":
            self.take("self")
            return f"(el.tag == {value!r})"
        if kind == "desc":
            self.take("desc")
            name = self.take("name")
            if name == "*":
                raise Unsupported(".//* in a predicate")
            return f"(next(el.iterdescendants({name!r}), None) is not None)"
        if kind == "p" and value == "(":
            self.take("p", "(")
            inner = self.or_()
            self.take("p", ")")
            return inner
        if kind == "attr":
            names = self.attrs()
            if self.at("p", "="):
                self.take("p", "=")
                lit = self.take("str")
                return "(" + " or ".join(f"g({n!r}) == {lit!r}" for n in names) + ")"
            return "(" + " or ".join(f"g({n!r}) is not None" for n in names) + ")"
        if kind != "name":
            raise Unsupported(f"unexpected {tok}")
        self.take("name")
        self.take("p", "(")
        if value == "not":
            inner = self.or_()
            self.take("p", ")")
            return f"(not {inner})"
        prefix, _, local = value.rpartition(":")
        if prefix and prefix in self.re_prefixes and local == "test":
            subject = self.str_expr()
            self.take("p", ",")
            pattern = self.take("str")
            flags = ""
            if self.at("p", ","):
                self.take("p", ",")
                flags = self.take("str")
            self.take("p", ")")
            rx = re.compile(_trie_first(pattern), re.IGNORECASE if "i" in flags else 0)
            return f"({self.const(rx)}.search({subject}) is not None)"
        if value in ("contains", "starts-with"):
            subject = self.str_expr()
            self.take("p", ",")
            lit = self.take("str")
            self.take("p", ")")
            return f"({lit!r} in {subject})" if value == "contains" else f"{subject}.startswith({lit!r})"
        raise Unsupported(f"function {value}")


def _alternatives(pattern: str) -> list[str]:
    """Top-level alternatives of a regular expression."""
    out, cur, depth, i = [], "", 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur += pattern[i:i + 2]
            i += 2
            continue
        depth += (c in "([") - (c in ")]")
        if c == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    return [*out, cur]


_META = re.compile(r"[\\^$.|?*+()\[\]{}]")


def _trie_first(pattern: str) -> str:
    """The pattern with its literal alternatives merged into a trie: a search then branches on
    one character per position instead of trying every word in turn (about 1.7x faster on the
    long token lists of discard expressions). A search finds a match in exactly the strings the
    original finds one in (which is all re:test asks), though not always the same span: a word
    that extends another is left to the shorter one."""
    alts = _alternatives(pattern)
    words = [a for a in alts if a and not _META.search(a)]
    if len(words) < 2:
        return pattern
    rest = [a for a in alts if a not in words]
    return "|".join([f"(?:{any_of(words)})", *rest])


def _first(el: Any, names: frozenset[str]) -> str:
    """String value of a union of attributes: the first present in document order."""
    for key, value in el.items():
        if key in names:
            return str(value)
    return ""


class _Bare:
    """An element without attributes, to evaluate a predicate on at compile time."""

    tag = None

    def get(self, key: str, default: Any = None) -> Any:
        return default

    def items(self) -> list[tuple[str, str]]:
        return []


def _selector(path: _Path, consts: dict[str, Any]) -> Callable[[Any], list[Any]]:
    """One path as a Python function, built as source so the tests run without call overhead."""
    walk = f"tree.iterdescendants{path.tags!r}" if path.tags else "tree.iterdescendants(_ELEMENT)"
    test = " and ".join(path.preds) or "True"
    scope: dict[str, Any] = {"_ELEMENT": etree.Element, "_first": _first, **consts}
    # A test that reads only attributes has one value on every element without any: when that
    # value is False, such elements (most of a page) are passed over before the test is built up.
    skip = ""
    if "el.tag" not in test and "el.iterdescendants" not in test:
        bare = _Bare()
        if not eval(test, {**scope, "el": bare, "g": bare.get}):  # our own generated source
            skip = "\n        if not el.keys():\n            continue"
    loop = f"""
    for el in {walk}:{skip}
        g = el.get
        if {test}:"""
    if path.first_only:
        body = f"""{loop}
            return [el]
    return []"""
    elif path.first_per_parent:
        body = f"""
    out = []
    seen = set(){loop}
            parent = el.getparent()
            if parent not in seen:
                seen.add(parent)
                out.append(el)
    return out"""
    else:
        body = f"""
    out = []{loop}
            out.append(el)
    return out"""
    # the source holds only repr()'d literals and names of constants bound in `scope`
    exec(f"def select(tree):{body}", scope)
    fn: Callable[[Any], list[Any]] = scope["select"]
    return fn


def _in_document_order(tree: Any, found: list[Any]) -> list[Any]:
    unique = list(dict.fromkeys(found))
    if len(unique) < 2:
        return unique
    wanted = set(unique)
    out = []
    for el in tree.iterdescendants():
        if el in wanted:
            out.append(el)
            if len(out) == len(wanted):
                break
    return out


@dataclass(frozen=True)
class Compiled:
    """A compiled expression: call it on an element like an lxml XPath object."""

    path: str
    parts: tuple[Callable[[Any], list[Any]], ...]

    def __call__(self, tree: Any) -> list[Any]:
        if len(self.parts) == 1:
            return self.parts[0](tree)
        return _in_document_order(tree, [el for part in self.parts for el in part(tree)])


def compile_xpath(src: str, namespaces: dict[str, str] | None = None) -> Compiled:
    """Compile `src`; raises Unsupported when it falls outside the subset described above."""
    parser = _Parser(src, namespaces or {})
    paths = parser.top()
    if len(paths) > 1 and not any(p.first_only or p.first_per_parent for p in paths):
        # a union of plain filters is one walk testing each member: every element once, in
        # document order, which is what the union's node-set is
        paths = [_merged(paths, parser)]
    return Compiled(src, tuple(_selector(p, parser.consts) for p in paths))


def _merged(paths: list[_Path], parser: _Parser) -> _Path:
    tests = []
    for p in paths:
        own = [f"el.tag in {parser.const(frozenset(p.tags))}"] if p.tags else []
        tests.append("(" + (" and ".join(own + p.preds) or "True") + ")")
    every = all(p.tags for p in paths)
    tags = tuple(sorted({t for p in paths for t in p.tags})) if every else ()
    return _Path(tags, ["(" + " or ".join(tests) + ")"])
