"""Does a worker's NLP cost per document grow with the documents its process has analysed?

    python -m bench.scale_growth [--pages 300] [--first 100]

In one process (as on a Dask worker: the spaCy pipeline and the alias table loaded once): the NLP
task (`analyze_batch`, 8 documents a call) over pages A (the first `--first`), then over pages B
(the rest: new words, names and strings for every cache and vocabulary), then over A again. CPU
seconds of this process per call. A second pass over A dearer than the first would show a cost
that grows with what the process has seen (a growing structure walked per document); cheaper or
equal shows none. Pages: the HTML pages of bench.scale's NLP comparison, prepared beforehand.

Results: bench/results/scale-growth.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.scale import RESULTS, nlp_pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--first", type=int, default=100)
    ap.add_argument("--out", default="scale-growth")
    args = ap.parse_args()
    from stanceline.clean.core import CleanOptions
    from stanceline.nlp.issues import load_issues
    from stanceline.nlp.pipeline import load_nlp
    from stanceline.nlp.stage import NlpInput, analyze_batch
    from stanceline.pipeline.prepare import Prepared, prepare_batch
    from stanceline.sources.inputs import iter_sources

    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="stanceline-growth-") as d:
        nlp_pages(args.pages, Path(d))
        items = [i for i in iter_sources([d]) if not hasattr(i, "code")]
        inputs = []
        for lo in range(0, len(items), 8):
            for p in prepare_batch(items[lo : lo + 8], CleanOptions()):  # type: ignore[arg-type]
                if isinstance(p, Prepared):
                    inputs.append(NlpInput(p.doc.id, p.doc.text, p.doc.published, p.doc.outlet, p.doc.language))
    issues = load_issues()
    load_nlp()
    analyze_batch(inputs[:2], issues)  # the first call's one-time loads are no document's cost

    def run(docs: list[NlpInput]) -> list[float]:
        out = []
        for lo in range(0, len(docs), 8):
            t = time.process_time()
            analyze_batch(docs[lo : lo + 8], issues)
            out.append(time.process_time() - t)
        load.append(os.getloadavg()[0])
        return out

    a, b = inputs[: args.first], inputs[args.first :]
    first, middle, second = run(a), run(b), run(a)
    result = {
        "a_documents": len(a), "b_documents": len(b),
        "a_first_cpu_s": round(sum(first), 2), "b_cpu_s": round(sum(middle), 2), "a_again_cpu_s": round(sum(second), 2),
        "a_again_over_first": round(sum(second) / sum(first), 3),
        "median_call_ratio": round(statistics.median(y / x for x, y in zip(first, second, strict=True)), 3),
        "b_second_half_over_first_half": round(sum(middle[len(middle) // 2 :]) / sum(middle[: len(middle) // 2]), 3),
        "load": load,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = ["# NLP cost per document against what the process has analysed (A, then B, then A again)", ""]
    lines += [f"- {k}: {v}" for k, v in result.items()]
    (RESULTS / f"{args.out}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
