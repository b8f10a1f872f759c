"""Stories as events: purity and pair recall on labelled same-event groups; the first story views
after a server start.

    python -m bench.stories
    python -m bench.stories --first-view sqlite:///corpus.db   # also: time the first story pages

Sets: stance_news_en (its README lists the same-event groups; every other page is its own event),
the seeds (two same-event pairs) and a small hand-written set (EVENTS below: several outlets' short
reports of invented events, with same-topic reports of other events as distractors). Every set is
clustered by `build_stories` (the same assignment as the store's incremental one) with the
manifest's dates and titles. Purity: share of clustered documents whose story's majority event is
theirs; pair precision and recall over same-event pairs. Results: bench/results/stories.json/.md.

First view: `stanceline serve` is started on a free 127.0.0.1 port for each page (so every request is
the first one that server answers), and the story list and the largest story's page are fetched; the
time from sending the request to the last byte is reported, then the same page again (warm).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.gold import root
from stanceline.analyze import stories as st
from stanceline.model import Document

RESULTS = Path(__file__).resolve().parent / "results"
STANCE_GROUPS = [["001", "002"], ["006", "007"], ["017", "018", "019"], ["036", "037"], ["038", "039", "040"],
                 ["046", "047", "048"]]

# (event, outlet, date, title, text): written for this benchmark, no real article's words.
EVENTS = [
    ("quake", "North Wire", "2031-03-04", "Strong quake shakes Valdoria coast",
     "A magnitude 6.8 earthquake struck the Valdoria coast early on Tuesday, damaging the harbour of Port Meriel "
     "and cutting power to 40,000 homes. Rescue teams searched collapsed warehouses near the fish market."),
    ("quake", "Daily Ledger", "2031-03-04", "Port Meriel counts damage after earthquake",
     "Residents of Port Meriel spent the night outdoors after Tuesday's 6.8 quake. The Valdoria coast guard "
     "said the harbour wall cracked and that power was still out for tens of thousands of homes."),
    ("quake", "Coastal Times", "2031-03-05", "Aftershocks rattle Valdoria",
     "Aftershocks hit the Valdoria coast a day after the 6.8 earthquake that damaged Port Meriel's harbour. "
     "Engineers inspected warehouses by the fish market; officials said power would return by Friday."),
    ("quake2", "North Wire", "2031-03-06", "Earthquake hits mountain villages of Ostrava Ridge",
     "A 5.2 earthquake shook the mountain villages of Ostrava Ridge on Thursday. Landslides blocked the pass "
     "road and a school gym was opened as a shelter for families from Kelm and Dorsa."),
    ("merger", "Market Beat", "2031-05-12", "Hollin Foods agrees to buy Brava Dairy",
     "Hollin Foods will buy Brava Dairy for 2.1 billion, the two firms said on Monday. Brava shareholders "
     "get 14 per share in cash; the deal needs approval from the competition authority."),
    ("merger", "Daily Ledger", "2031-05-12", "Brava Dairy shareholders to get cash in Hollin deal",
     "Brava Dairy accepted a 2.1 billion takeover from Hollin Foods. Investors will be paid 14 per share, "
     "and the competition authority must clear the purchase before it closes next year."),
    ("merger2", "Market Beat", "2031-05-13", "Tarn Mills bids for Selby Grain",
     "Tarn Mills offered 900 million for Selby Grain on Tuesday, a bid the Selby board called too low. "
     "The miller said it would take the offer directly to Selby's shareholders."),
    ("final", "Sport Today", "2031-06-01", "Rovers win cup final on penalties",
     "Eastfield Rovers beat Kingsport City on penalties to win the national cup final on Sunday after a 1-1 "
     "draw. Goalkeeper Lena Ortis saved two spot kicks and was named player of the match."),
    ("final", "Coastal Times", "2031-06-01", "Ortis the hero as Eastfield lift the cup",
     "Lena Ortis saved twice in the shootout as Eastfield Rovers won the cup against Kingsport City. The final "
     "ended 1-1 after extra time in front of 60,000 fans."),
    ("final2", "Sport Today", "2031-06-02", "Harbour United promoted after late winner",
     "A late header from Sam Teller sent Harbour United up to the first division on Monday. United beat "
     "Millbrook 2-1 in the playoff final and will join the top flight next season."),
    ("vote", "Daily Ledger", "2031-09-20", "Parliament passes Valdoria water bill",
     "Valdoria's parliament passed the water bill by 212 votes to 180 on Saturday. The law caps household "
     "water prices and creates a new regulator; the opposition promised to repeal it."),
    ("vote", "North Wire", "2031-09-21", "Water price cap becomes law in Valdoria",
     "The Valdoria water bill cleared parliament 212 to 180, capping what households pay and setting up a "
     "regulator. Opposition leader Iris Hamm said her party would repeal the law if elected."),
    ("vote2", "Daily Ledger", "2031-09-22", "Valdoria senate delays energy bill",
     "The Valdoria senate postponed its vote on the energy bill until October, citing missing cost figures. "
     "Ministers said the delay would not change the plan to close two coal plants."),
    # Same topic, same week, other events: two car recalls, a product launch beside a sale and a
    # gift guide naming the same product, two strikes. A clusterer of topics merges these.
    ("recall", "Motor Desk", "2031-07-08", "Corvane recalls 80,000 Serra SUVs over brake hoses",
     "Corvane Motors is recalling 80,000 Serra sport utility vehicles because a brake hose can chafe against "
     "the wheel arch and leak. Dealers will replace the hose free of charge; Corvane said it knew of no crashes."),
    ("recall", "Daily Ledger", "2031-07-08", "Brake fault prompts Serra recall",
     "Owners of Serra SUVs built between 2029 and 2030 will be asked to bring their cars in after Corvane found "
     "brake hoses that can wear through. The recall covers about 80,000 vehicles, the carmaker said."),
    ("recall", "North Wire", "2031-07-09", "Regulator opens file on Corvane brake hoses",
     "The road safety regulator said it would review Corvane's recall of 80,000 Serra SUVs, after three owners "
     "reported soft brake pedals. Corvane said replacement hoses would reach dealers within two weeks."),
    ("recall2", "Motor Desk", "2031-07-09", "Lintell recalls Arro hatchbacks over airbag sensor",
     "Lintell is recalling 45,000 Arro hatchbacks because a seat sensor may switch off the passenger airbag. "
     "Dealers will update the sensor software free of charge, the carmaker said on Wednesday."),
    ("recall2", "Coastal Times", "2031-07-10", "Airbag sensor fault in Arro cars",
     "Lintell told owners of 45,000 Arro hatchbacks to book a software update after finding that the passenger "
     "airbag could be disabled by a faulty seat sensor. No injuries have been reported."),
    ("launch", "Gadget Post", "2031-11-20", "Pellan unveils Orbit 14 laptop with all-day battery",
     "Pellan showed its Orbit 14 laptop in Lisgard on Thursday, claiming 22 hours of battery life from a new "
     "chip. The Orbit 14 weighs 1.1 kilograms and goes on sale on December 3 for 1,299."),
    ("launch", "Market Beat", "2031-11-20", "Pellan bets on battery life with Orbit 14",
     "Pellan chief executive Dana Voss presented the Orbit 14 at the company's Lisgard event, saying its 22-hour "
     "battery would win back business buyers. Shares in Pellan rose 3 per cent after the launch."),
    ("sale", "Gadget Post", "2031-11-21", "Brisk Electronics cuts laptop prices for weekend sale",
     "Brisk Electronics will cut prices on laptops, tablets and headphones by up to 30 per cent this weekend. "
     "The retailer said older laptop models and last year's tablets carry the biggest discounts."),
    ("guide", "Coastal Times", "2031-11-22", "Gift guide: laptops, headphones and tablets for every budget",
     "Shopping for a laptop this winter? Our gift guide picks a light laptop for students, the new Orbit 14 for "
     "battery life, noise-cancelling headphones and a tablet for reading, with prices from 49 to 1,299."),
    ("strike", "North Wire", "2031-10-02", "Nordline rail staff strike over pay",
     "Train drivers at Nordline walked out on Thursday in a dispute over pay, cancelling most services between "
     "Harlow Cross and Teme. The drivers' union said the 24-hour strike followed a 3 per cent offer."),
    ("strike", "Daily Ledger", "2031-10-02", "Commuters stranded as Nordline drivers walk out",
     "Most Nordline trains did not run on Thursday as drivers held a one-day strike over pay. Commuters at Harlow "
     "Cross queued for buses; Nordline said it had offered 3 per cent and wanted talks."),
    ("strike2", "Coastal Times", "2031-10-03", "Sandmouth port workers stop work over pay",
     "Dock workers at Sandmouth port began a two-day strike over pay on Friday, leaving container ships waiting "
     "offshore. The port authority said its offer of 4 per cent was final."),
]


def doc(key: str, text: str, published: str | None, title: str | None) -> Document:
    return Document(id=hashlib.sha1(key.encode()).hexdigest()[:16], source=key, text=text,
                    raw_hash=key, title=title, published=published)


def stance_set() -> tuple[list[Document], dict[str, str]]:
    folder = root() / "stance_news_en"
    docs, label = [], {}
    group = {k: "+".join(g) for g in STANCE_GROUPS for k in g}
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        key = m["file"][:3]
        text = (folder / "docs" / m["file"]).read_text(encoding="utf-8")
        d = doc(m["file"], text, m.get("published"), m.get("title"))
        docs.append(d)
        label[d.id] = group.get(key, key)
    return docs, label


def seeds_set() -> tuple[list[Document], dict[str, str]]:
    folder = root().parent / "seeds"
    pairs = {"001": "oct24", "002": "oct24", "003": "dec25", "004": "dec25"}
    docs, label = [], {}
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        d = doc(m["file"], (folder / m["file"]).read_text(encoding="utf-8"), m.get("published"), m.get("title"))
        docs.append(d)
        label[d.id] = pairs.get(m["file"][:3], m["file"][:3])
    return docs, label


def hand_set() -> tuple[list[Document], dict[str, str]]:
    docs, label = [], {}
    for i, (event, outlet, day, title, text) in enumerate(EVENTS):
        d = doc(f"hand{i}", text, day, title)
        d.outlet = outlet
        docs.append(d)
        label[d.id] = event
    return docs, label


def score(docs: list[Document], label: dict[str, str]) -> dict[str, Any]:
    stories = st.build_stories(docs)
    pred = {d: s.id for s in stories for d in s.doc_ids}
    ids = [d.id for d in docs]
    gold_pairs = {p for p in itertools.combinations(sorted(ids), 2) if label[p[0]] == label[p[1]]}
    pred_pairs = {p for p in itertools.combinations(sorted(ids), 2) if p[0] in pred and pred.get(p[1]) == pred[p[0]]}
    hit = gold_pairs & pred_pairs
    clustered = [d for d in ids if d in pred]
    pure = 0
    mixed = []
    for s in stories:
        counts: dict[str, int] = {}
        for d in s.doc_ids:
            counts[label[d]] = counts.get(label[d], 0) + 1
        pure += max(counts.values())
        if len(counts) > 1:
            mixed.append(sorted(counts))
    return {
        "documents": len(ids),
        "stories": len(stories),
        "clustered": len(clustered),
        "purity": round(pure / len(clustered), 3) if clustered else None,
        "pair_precision": round(len(hit) / len(pred_pairs), 3) if pred_pairs else None,
        "pair_recall": round(len(hit) / len(gold_pairs), 3) if gold_pairs else None,
        "gold_pairs": len(gold_pairs),
        "predicted_pairs": len(pred_pairs),
        # The events each impure story mixes (the labels; to see which topic merged).
        "mixed": sorted(mixed),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _fetch_ms(url: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as r:
        size = len(r.read())
    return round(1000 * (time.perf_counter() - t0), 1), size


def _first_and_warm(db_url: str, path: str) -> dict[str, Any]:
    """Start a server, wait until it accepts connections (no request before ours), fetch `path` twice:
    wall ms as the client sees it, and the server process's CPU ms (on a shared machine the wall time
    includes waiting for a core)."""
    import psutil

    port = _free_port()
    cmd = [sys.executable, "-m", "stanceline", "serve", "--db", db_url, "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError as exc:
                if proc.poll() is not None or time.monotonic() > deadline:
                    why = proc.stderr.read().decode()[-2000:] if proc.stderr else ""
                    raise RuntimeError(f"server did not start: {why}") from exc
                time.sleep(0.1)
        server = psutil.Process(proc.pid)

        def cpu_ms() -> float:
            t = server.cpu_times()
            return 1000 * (t.user + t.system)

        c0 = cpu_ms()
        first, size = _fetch_ms(f"http://127.0.0.1:{port}{path}")
        c1 = cpu_ms()
        warm, _ = _fetch_ms(f"http://127.0.0.1:{port}{path}")
        c2 = cpu_ms()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"path": path.split("/stories/")[0] + ("/stories/{id}" if "/stories/" in path else ""),
            "first_ms": first, "warm_ms": warm, "first_cpu_ms": round(c1 - c0, 1), "warm_cpu_ms": round(c2 - c1, 1),
            "bytes": size}


def first_view(db_url: str) -> dict[str, Any]:
    from stanceline.store.db import Store

    with Store(db_url) as store:
        stories = store.stories()
        n_docs = store.count_documents()
    if not stories:
        raise SystemExit(f"{db_url} holds no stories")
    biggest = max(stories, key=lambda s: (len(s.doc_ids), s.id))
    pages = [_first_and_warm(db_url, "/stories"), _first_and_warm(db_url, f"/stories/{biggest.id}")]
    return {"documents": n_docs, "stories": len(stories), "largest_story_documents": len(biggest.doc_ids),
            "load_1min": round(os.getloadavg()[0], 1), "pages": pages}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--first-view", nargs="*", default=[], metavar="DB_URL",
                    help="databases on which to time the first story pages after a server start")
    args = ap.parse_args()
    result: dict[str, Any] = {name: score(*fn()) for name, fn in (("stance_news_en", stance_set), ("seeds", seeds_set),
                                                  ("hand", hand_set))}
    result["settings"] = {k: getattr(st, k.upper(), None) for k in ("similarity", "window_days", "top_terms",
                                                                        "key_terms", "version")}
    views = [{"database": url.rsplit("/", 1)[-1], **first_view(url)} for url in args.first_view]
    if views:
        result["first_view"] = views
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "stories.json").write_text(json.dumps(result, indent=2) + "\n")
    cols = ["documents", "stories", "clustered", "purity", "pair_precision", "pair_recall", "gold_pairs"]
    lines = ["| set | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for name, r in result.items():
        if name not in ("settings", "first_view"):
            lines.append(f"| {name} | " + " | ".join(str(r[c]) for c in cols) + " |")
    for name, r in result.items():
        for m in r.get("mixed", []) if isinstance(r, dict) else []:
            lines.append(f"\nMixed story in {name}: " + " + ".join(m))
    for v in views:
        head = (f"First views after a server start: {v['database']} ({v['documents']:,} documents, "
                f"{v['stories']:,} stories, the largest of {v['largest_story_documents']}; load {v['load_1min']})")
        lines += ["", head, "", "| page | first ms | first CPU ms | warm ms | warm CPU ms | bytes |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {p['path']} | {p['first_ms']} | {p['first_cpu_ms']} | {p['warm_ms']} | {p['warm_cpu_ms']} "
                  f"| {p['bytes']:,} |" for p in v["pages"]]
    (RESULTS / "stories.md").write_text("# Stories as events\n\n" + "\n".join(lines) + f"\n\n{result['settings']}\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
