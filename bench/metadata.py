"""Page metadata benchmark: how often the outlet and the article URL are found on real pages.

For each page of the HTML gold sets, `clean.html.metadata.page_metadata` runs on the parsed page
with no address given (as for a saved file ingested without a manifest). Counted:

- outlet / URL found, over all pages and over the pages that *state* it. Whether a page states it
  is decided apart from the extractor, by a plain search of the raw HTML: an outlet is stated by
  `og:site_name`, `application-name` or a JSON-LD `publisher`; a URL by `<link rel=canonical>`,
  `og:url` or a JSON-LD `url`. (Target: ≥ 90% of the pages that state it.)
- URL agrees: of the URLs found, the share whose host and path equal the gold row's `url` (the
  address the page was fetched from; trailing "/" and "www." ignored) — a check that the address
  found is this page's and not a home page or another article's.
- Language (`clean.language.identify` on the gold article text, the page's declaration not given):
  the languages found, and how often the page's own `<html lang>` agrees where it declares one
  (disagreements are either template defaults or identifier errors: listed for reading).

Run from the repository root:  python -m bench.metadata [--sets ...] [--limit N]
                                                   [--benchmarks DIR] [--split NAME]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench import gold as benchgold
from bench.extract import RESULTS
from bench.gold import load_gold, read_html

SETS = ("scrapinghub_aeb", "wcxb")

_STATES_OUTLET = re.compile(
    r"""<meta[^>]+(?:property|name)\s*=\s*["']?(?:og:site_name|application-name)["'\s>]|"publisher"\s*:""",
    re.IGNORECASE,
)
_STATES_URL = re.compile(
    r"""<link[^>]+rel\s*=\s*["']?canonical["'\s>]|<meta[^>]+property\s*=\s*["']?og:url["'\s>]|"url"\s*:\s*"http""",
    re.IGNORECASE,
)


def _key(url: str | None) -> tuple[str, str] | None:
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return host, parts.path.rstrip("/")


def measure(name: str, limit: int | None) -> dict[str, Any]:
    from stanceline.clean.html.extract import load_page
    from stanceline.clean.html.metadata import page_metadata
    from stanceline.clean.language import declared_language, identify

    n = outlet = url = states_o = states_u = found_o = found_u = agree = with_gold = author = 0
    seconds = lang_seconds = 0.0
    started = time.perf_counter()
    identify("A first call loads the model once per process; it is timed apart from the pages.")
    load_seconds = time.perf_counter() - started
    misses: list[dict[str, Any]] = []
    languages: dict[str, int] = {}
    declared_n = declared_agree = 0
    disagree: list[dict[str, Any]] = []
    for row in load_gold(name, limit):
        page = read_html(name, row["id"])
        tree = load_page(page)
        n += 1
        started = time.perf_counter()
        meta = page_metadata(tree) if tree is not None else None
        seconds += time.perf_counter() - started
        got_o = bool(meta and meta.outlet)
        got_u = bool(meta and meta.url)
        outlet += got_o
        url += got_u
        author += bool(meta and meta.author)
        so, su = bool(_STATES_OUTLET.search(page)), bool(_STATES_URL.search(page))
        states_o += so
        states_u += su
        found_o += so and got_o
        found_u += su and got_u
        if got_u and row.get("url"):
            with_gold += 1
            agree += _key(meta.url if meta else None) == _key(row["url"])
        started = time.perf_counter()
        code, _ = identify(row.get("text") or "")
        lang_seconds += time.perf_counter() - started
        languages[str(code)] = languages.get(str(code), 0) + 1
        declared = declared_language(tree.get("lang")) if tree is not None and tree.tag == "html" else None
        if declared and code:
            declared_n += 1
            declared_agree += declared == code
            if declared != code:
                disagree.append({"id": row["id"], "declared": declared, "identified": code})
        if (so and not got_o) or (su and not got_u):
            misses.append({"id": row["id"], "outlet": so and not got_o, "url": su and not got_u})

    def share(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {
        "pages": n,
        "outlet_all": share(outlet, n),
        "url_all": share(url, n),
        "author_all": share(author, n),
        "states_outlet": states_o,
        "outlet_where_stated": share(found_o, states_o),
        "states_url": states_u,
        "url_where_stated": share(found_u, states_u),
        "url_agrees_with_gold": share(agree, with_gold),
        "ms_per_page": round(1000 * seconds / max(n, 1), 2),
        "languages": dict(sorted(languages.items(), key=lambda kv: -kv[1])),
        "lang_agrees_with_declared": share(declared_agree, declared_n),
        "lang_ms_per_page": round(1000 * lang_seconds / max(n, 1), 2),
        "lang_model_load_seconds": round(load_seconds, 2),
        "misses": misses,
        "lang_disagreements": disagree,
    }


def to_markdown(table: dict[str, dict[str, Any]]) -> str:
    cols = [
        "pages",
        "outlet_where_stated",
        "url_where_stated",
        "outlet_all",
        "url_all",
        "author_all",
        "url_agrees_with_gold",
        "ms_per_page",
        "lang_agrees_with_declared",
        "lang_ms_per_page",
    ]
    lines = ["| set | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, r in table.items():
        lines.append(f"| {name} | " + " | ".join(str(r[c]) for c in cols) + " |")
    lines.append("")
    for name, r in table.items():
        lines.append(f"{name} languages: " + ", ".join(f"{k} {v}" for k, v in r["languages"].items()))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", default=str(RESULTS / "metadata"))
    benchgold.add_arguments(ap)
    a = ap.parse_args(argv)
    benchgold.use(a)
    a.sets = benchgold.present(a.sets, "bench.metadata")
    t0 = time.time()
    table = {name: measure(name, a.limit) for name in a.sets}
    md = to_markdown(table)
    print(md)
    run = {"benchmarks": str(benchgold.root()), "split": a.split, "sets": a.sets, "limit": a.limit}
    run |= {"wall_seconds": round(time.time() - t0, 1), "load_avg_1m": round(os.getloadavg()[0], 2)}
    out = Path(a.out)
    out.with_suffix(".json").write_text(json.dumps({"meta": run, "results": table}, indent=1))
    out.with_suffix(".md").write_text(f"# Page metadata benchmark (dev parts)\n\n{md}\n{json.dumps(run)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
