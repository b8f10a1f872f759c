"""Which word-class entries and rule patterns of the stance stage fire, on which documents and issues.

    python -m bench.stance_audit [--benchmarks DIR]

Over stance_news_en (its issues file) and the seeds (the package's issues), every entry of every
word class in nlp/stance/lexicon.py, of the small classes in nlp/stance/polarity.py and holders.py,
and every alternative of the two clause patterns (condition, later) is logged when it matches
inside the composition of a target that gives at least one reading (the entry took part in a
reading), with the document and the issue. An entry that fires in one document only, or on one
issue only, is a suspect of fitting: it is then dropped alone and that document re-run; if the
document's positions change, the entry drives output there. The review of the suspects (is the
entry a member of a general class?) is in the results file's notes, written by hand.

Set algebra on a class (`words & lex.X`) and prefix tests on tuples are not seen by the log; the
file says how many classes are read that way.

Writes bench/results/stance_audit.json and stance_audit.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import gold as bench_gold

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"


class _Log:
    """Hits of the current walk; committed to (doc, issue) when the walk gives readings."""

    def __init__(self) -> None:
        self.on = False
        self.buf: set[tuple[str, str]] = set()
        self.fired: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
        self.drop: tuple[str, Any] | None = None
        self.doc = ""

    def hit(self, cls: str, entry: Any) -> bool:
        if self.drop is not None and self.drop == (cls, _show(entry)):
            return False
        if self.on:
            self.buf.add((cls, _show(entry)))
        return True


LOG = _Log()


def _show(entry: Any) -> str:
    return " ".join(entry) if isinstance(entry, tuple) else str(entry)


class TrackedSet(frozenset):  # type: ignore[type-arg]
    cls = ""

    def __contains__(self, x: object) -> bool:
        return frozenset.__contains__(self, x) and LOG.hit(self.cls, x)


class TrackedDict(dict):  # type: ignore[type-arg]
    cls = ""

    def __contains__(self, x: object) -> bool:
        return dict.__contains__(self, x) and LOG.hit(self.cls, x)


class TrackedPattern:
    def __init__(self, cls: str, pattern: Any) -> None:
        self.cls, self.pattern = cls, pattern

    def search(self, text: str, *a: Any) -> Any:
        m = self.pattern.search(text, *a)
        if m is not None and not LOG.hit(self.cls, " ".join(m.group(0).lower().split())):
            return None
        return m

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


def _tracked_set(cls: str, v: Any) -> Any:
    t: Any = TrackedSet(v)
    t.cls = cls
    return t


def install() -> dict[str, int]:
    """Replace the classes by logging copies; return each class's size."""
    from stanceline.nlp.stance import extract, holders, lexicon, polarity

    sizes = {}
    for name in dir(lexicon):
        v = getattr(lexicon, name)
        if name.isupper() and isinstance(v, (frozenset, set)):
            setattr(lexicon, name, _tracked_set(name, v))
            sizes[name] = len(v)
        elif name.isupper() and isinstance(v, dict):
            d: Any = TrackedDict(v)
            d.cls = name
            setattr(lexicon, name, d)
            sizes[name] = len(v)
    for mod, names in ((polarity, ("TOPIC_PREPS", "DECISION_NOUNS")), (holders, ("_TITLE_WORDS",))):
        for name in names:
            v = getattr(mod, name)
            full = f"{mod.__name__.rsplit('.', 1)[-1]}.{name}"
            setattr(mod, name, _tracked_set(full, v))
            sizes[full] = len(v)
    for name in ("LATER_RE", "CONDITION_RE"):
        setattr(polarity, name, TrackedPattern(f"polarity.{name}", getattr(polarity, name)))
        sizes[f"polarity.{name}"] = getattr(polarity, name).pattern.pattern.count("|") + 1

    base = extract.Walker

    class AuditWalker(base):  # type: ignore[misc, valid-type]
        def walk(self, target: Any) -> Any:
            LOG.on, LOG.buf = True, set()
            try:
                res = super().walk(target)
            finally:
                LOG.on = False
            if res[0]:
                for k in LOG.buf:
                    LOG.fired[k].add((LOG.doc, target.issue.name))
            return res

    extract.Walker = AuditWalker  # type: ignore[misc]
    return sizes


def corpora() -> list[tuple[str, list[tuple[str, str]], list[Any]]]:
    from stanceline.nlp.issues import load_issues

    out = []
    folder = bench_gold.root() / "stance_news_en"
    if (folder / "docs").is_dir():
        texts = [(f"en:{p.name[:3]}", p.read_text(encoding="utf-8")) for p in sorted((folder / "docs").glob("*.txt"))]
        out.append(("stance_news_en", texts, load_issues(folder / "issues.toml")))
    seeds = bench_gold.root().parent / "seeds"
    if seeds.is_dir():
        texts = [(f"seed:{p.name[:3]}", p.read_text(encoding="utf-8")) for p in sorted(seeds.glob("*.txt"))]
        out.append(("seeds", texts, load_issues(None)))
    return out


def positions_of(d: Any, issues: list[Any]) -> list[tuple[str, str, str]]:
    from stanceline.nlp.stance.extract import extract_positions

    LOG.doc = d.doc_id
    pos = extract_positions(
        doc_id=d.doc_id,
        text=d.spacy_doc.text,
        spacy_doc=d.spacy_doc,
        mentions=d.mentions,
        quotes=d.quotes,
        issues=issues,
        date=None,
    )
    return sorted((p.actor_key, p.issue, p.stance) for p in pos)


def audit() -> dict[str, Any]:
    from stanceline.nlp.analysis import analyze_texts

    sizes = install()
    parsed: dict[str, tuple[Any, list[Any]]] = {}
    base: dict[str, list[tuple[str, str, str]]] = {}
    for _, texts, issues in corpora():
        for d in analyze_texts(texts):
            parsed[d.doc_id] = (d, issues)
            base[d.doc_id] = positions_of(d, issues)
    fired = dict(LOG.fired)
    LOG.fired = defaultdict(set)
    entries = []
    for (cls, entry), where in sorted(fired.items()):
        docs = sorted({d for d, _ in where})
        iss = sorted({i for _, i in where})
        row: dict[str, Any] = {"class": cls, "entry": entry, "docs": docs, "issues": iss}
        if len(docs) == 1 or len(iss) == 1:
            LOG.drop = (cls, entry)
            changed = 0
            for doc_id in docs:
                d, issues = parsed[doc_id]
                after = positions_of(d, issues)
                changed += len(set(after) ^ set(base[doc_id]))
            LOG.drop = None
            row["suspect"] = True
            row["positions_changed_when_dropped"] = changed
        entries.append(row)
    per_class: dict[str, dict[str, int]] = {}
    for cls, n in sizes.items():
        rows = [e for e in entries if e["class"] == cls]
        per_class[cls] = {
            "entries": n,
            "fired": len(rows),
            "one_doc": sum(len(e["docs"]) == 1 for e in rows),
            "one_issue": sum(len(e["issues"]) == 1 for e in rows),
            "suspects_driving": sum(bool(e.get("positions_changed_when_dropped")) for e in rows),
        }
    return {"documents": len(parsed), "per_class": per_class, "entries": entries}


def render(res: dict[str, Any], notes: dict[str, str]) -> str:
    out = [
        "# Stance rule audit (python -m bench.stance_audit)",
        "",
        f"{res['documents']} documents (stance_news_en with its issues, the seeds with the package's issues). "
        "An entry fires when it matches inside the composition of a target that gives a reading. "
        "Suspect: fires in one document only or on one issue only; 'drives' = dropping it alone changes "
        "that document's positions.",
        "",
        "| class | entries | fired | one doc | one issue | suspects that drive output |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for cls, r in sorted(res["per_class"].items()):
        out.append(
            f"| {cls} | {r['entries']} | {r['fired']} | {r['one_doc']} | {r['one_issue']} | {r['suspects_driving']} |"
        )
    out += ["", "## Suspects that drive output", ""]
    out += [
        "| class | entry | documents | issues | positions changed | review |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for e in res["entries"]:
        if e.get("positions_changed_when_dropped"):
            key = f"{e['class']}:{e['entry']}"
            note = notes.get(key) or notes.get(f"{e['class']}:*", "")
            out.append(
                f"| {e['class']} | {e['entry']} | {', '.join(e['docs'])} | {'; '.join(i[:24] for i in e['issues'])} "
                f"| {e['positions_changed_when_dropped']} | {note} |"
            )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    bench_gold.add_arguments(ap)
    a = ap.parse_args(argv)
    bench_gold.use(a)
    res = audit()
    notes_path = REPO / "bench" / "stance_audit_notes.json"
    notes = json.loads(notes_path.read_text(encoding="utf-8")) if notes_path.is_file() else {}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "stance_audit.json").write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    md = render(res, notes)
    (RESULTS / "stance_audit.md").write_text(md, encoding="utf-8")
    sys.stdout.write(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
