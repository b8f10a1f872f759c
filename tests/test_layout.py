"""The package's import graph: no circles, and no stage imports a later one (the order below is the
README's stage table). Every import counts, including those inside functions, so a circle cannot
hide behind a deferred import. And the entry points do not load what only some commands need."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "stanceline"

# Lowest first: a module may import its own layer and the layers before it, never one after it.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(names.split())
    for names in (
        "__init__ model config errors registry trees budget",  # shared records, settings, errors, budgets
        "scale",  # executors: the stage runners hand them work
        "sources",
        "clean",
        "dates",
        "dedup",  # DESIGN's order: date → dedup → store (the store keeps dedup's band keys)
        "store",
        "nlp",
        "pipeline",  # source → clean → date → dedup → store → NLP, one run on an executor
        "analyze",
        "render",
        "web",
        "cli __main__",
    )
)


def module_name(path: Path, src: Path = SRC) -> str:
    parts = path.relative_to(src.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except those only a type checker runs."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (n for child in node.orelse for n in _imports_in(child))
            continue
        yield from _imports_in(node)


def _imports_in(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _imports(node)


def graph(src: Path = SRC) -> dict[str, set[str]]:
    """Module → the stanceline modules it imports (a package's name when a name is not a module)."""
    files = {module_name(p, src): p for p in src.rglob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in files}
    for mod, path in files.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names]
            edges[mod].update(t for t in targets if t in files and t != mod)
    return edges


def layer(module: str) -> int:
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "__init__"
    for i, names in enumerate(LAYERS):
        if name in names:
            return i
    raise AssertionError(f"{module} is in no layer: add its package to LAYERS and the README's stage table")


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def upward(edges: dict[str, set[str]]) -> list[str]:
    return sorted(f"{a} → {b}" for a, bs in edges.items() for b in bs if layer(b) > layer(a))


def test_layout_package_has_no_import_circles() -> None:
    assert cycles(graph()) == []


def test_layout_no_module_imports_a_later_stage() -> None:
    assert upward(graph()) == []


def test_layout_analyze_never_imports_web_or_render() -> None:
    edges = graph()
    reach = {b for a, bs in edges.items() if a.startswith("stanceline.analyze") for b in bs}
    assert not {b for b in reach if b.startswith(("stanceline.web", "stanceline.render"))}


@pytest.mark.parametrize(
    ("files", "want_cycle", "want_upward"),
    [
        # a circle hidden in a function, and a stage reaching up into the web layer
        ({"web/a.py": "def f():\n    from stanceline.web import b\n", "web/b.py": "import stanceline.web.a\n"},
         [["stanceline.web.a", "stanceline.web.b"]], []),
        ({"analyze/x.py": "from stanceline.web.y import z\n", "web/y.py": "z = 1\n"}, [],
         ["stanceline.analyze.x → stanceline.web.y"]),
        # an import only the type checker runs is neither
        ({"analyze/x.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from stanceline.web import y\n",
          "web/y.py": "from stanceline.analyze import x\n"}, [], []),
    ],
)
def test_layout_checks_catch_what_they_should(
    tmp_path: Path, files: dict[str, str], want_cycle: list[list[str]], want_upward: list[str]
) -> None:
    root = tmp_path / "stanceline"
    for rel, text in {"__init__.py": "", "web/__init__.py": "", "analyze/__init__.py": "", **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    edges = graph(root)
    assert cycles(edges) == want_cycle
    assert upward(edges) == want_upward


@pytest.mark.parametrize(
    ("module", "heavy"),
    [
        # `stanceline docs` and `--help` start without the pipeline, spaCy or the web stack
        ("stanceline.cli", ("spacy", "trafilatura", "htmldate", "fastapi", "uvicorn")),
        # a server that only reads never loads spaCy or the cleaning pipeline
        ("stanceline.web.app", ("spacy", "trafilatura", "htmldate")),
    ],
)
def test_layout_entry_points_leave_heavy_stages_to_their_commands(module: str, heavy: tuple[str, ...]) -> None:
    code = f"import sys, {module}; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
