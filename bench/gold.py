"""Where the gold sets live and how every harness reads them: one place for the benchmark folder.

The folder is `--benchmarks DIR` on any harness, else $STANCELINE_BENCHMARKS, else
../shared/benchmarks beside the repository. Its layout is the shared one: `<set>/gold.jsonl`,
`<set>/html/<id>.html.gz` and `score/score_*.py`. A harness pointed at another copy of that layout
(a held-out part, a subset) runs the sets it finds there and names the ones it does not; `--split
NAME` keeps only the gold rows whose `split` field is NAME. Both choices travel in the environment
so that worker processes, which read pages on their own, see the same folder and split.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT_ENV = "STANCELINE_BENCHMARKS"
SPLIT_ENV = "STANCELINE_BENCH_SPLIT"
_DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"


def root() -> Path:
    return Path(os.environ.get(ROOT_ENV) or _DEFAULT)


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """The two options every harness takes for choosing its gold."""
    ap.add_argument(
        "--benchmarks",
        default=None,
        metavar="DIR",
        help=f"benchmark folder (default: ${ROOT_ENV} or ../shared/benchmarks)",
    )
    ap.add_argument(
        "--split", default=None, metavar="NAME", help="keep only gold rows whose `split` field is NAME (e.g. dev, test)"
    )


def use(args: argparse.Namespace) -> None:
    """Adopt a harness's --benchmarks/--split for this process and the workers it starts."""
    if getattr(args, "benchmarks", None):
        os.environ[ROOT_ENV] = str(Path(args.benchmarks).resolve())
    if getattr(args, "split", None):
        os.environ[SPLIT_ENV] = args.split


def forwarded(args: argparse.Namespace) -> list[str]:
    """The same choices as command-line words, for a harness that runs other harnesses."""
    out: list[str] = []
    if getattr(args, "benchmarks", None):
        out += ["--benchmarks", str(args.benchmarks)]
    if getattr(args, "split", None):
        out += ["--split", str(args.split)]
    return out


def load_scorer(name: str = "score_extract") -> ModuleType:
    """Import a scorer from the benchmark folder as is, so its exact definitions are used."""
    path = root() / "score" / f"{name}.py"
    if not path.is_file():
        raise SystemExit(f"bench: no scorer at {path} (set --benchmarks or ${ROOT_ENV})")
    if str(path.parent) not in sys.path:  # a scorer may import its neighbours (score_quotes does)
        sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def present(sets: Iterable[str], harness: str) -> list[str]:
    """The sets that have a gold file under the folder; each missing one is named on stderr.
    With none left the harness stops with a message rather than a table of nothing."""
    found: list[str] = []
    missing: list[str] = []
    for s in sets:
        (found if (root() / s / "gold.jsonl").is_file() else missing).append(s)
    for s in missing:
        print(f"{harness}: skipping {s}: no {root() / s / 'gold.jsonl'}", file=sys.stderr)
    if not found:
        raise SystemExit(f"{harness}: none of the sets {', '.join(missing)} is under {root()}")
    return found


def load_gold(name: str, limit: int | None = None, split: str | None = None) -> list[dict[str, Any]]:
    """A set's gold rows in file order (blank lines skipped), of one split if asked (argument,
    else $STANCELINE_BENCH_SPLIT), the first `limit` of them if given."""
    split = split or os.environ.get(SPLIT_ENV) or None
    gold = []
    with open(root() / name / "gold.jsonl", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"bench: {root() / name / 'gold.jsonl'} line {n}: not JSON ({exc.msg})") from exc
            if split is None or row.get("split") == split:
                gold.append(row)
    if split is not None and not gold:
        print(f"bench: no gold rows of split {split!r} in {root() / name / 'gold.jsonl'}", file=sys.stderr)
    return gold[:limit] if limit else gold


def read_raw(name: str, page_id: str) -> bytes:
    return gzip.decompress((root() / name / "html" / f"{page_id}.html.gz").read_bytes())


def read_html(name: str, page_id: str) -> str:
    """A page's HTML decoded the way trafilatura decodes files, for every system alike."""
    from trafilatura.utils import decode_file

    raw = read_raw(name, page_id)
    text = decode_file(raw)
    return text if isinstance(text, str) else raw.decode("utf-8", "replace")
