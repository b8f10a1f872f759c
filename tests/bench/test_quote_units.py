from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.quote_units import load_fresh


def _mask(text: str) -> bytearray:
    inside, out = False, bytearray(len(text))
    for i, ch in enumerate(text):
        if ch in "“”":
            inside = ch == "“"
        elif inside:
            out[i] = 1
    return out


def _type(text: str, mask: bytearray, spans: list[list[int]]) -> str:
    return "direct" if all(mask[s] for s, _ in spans) else "indirect"


def test_quote_units_fresh_markup_gives_spans(tmp_path: Path) -> None:
    (tmp_path / "passages.txt").write_text(
        "# header\n=== 01_x\nHeadline\n{c1:“Bread is up,”} {s1:she} {v1:said}. {c1:“Milk too.”}\n"
        "@1 name=Ada Lind|Lind\n{s2,3:The shop} {v2:said} {c2:it would wait} and {v3:said} {c3:it was fine}.\n",
        encoding="utf-8",
    )
    (doc,) = load_fresh(tmp_path, _mask, _type)
    text = doc["text"]
    assert "{" not in text and "@1" not in text
    a1, a2, a3 = doc["attributions"]
    assert [text[s:e] for s, e in a1["content"]] == ["“Bread is up,”", "“Milk too.”"]
    assert a1["source_text"] == "she" and a1["speaker_name"] == "Ada Lind" and a1["source_form"] == "pronoun"
    assert a2["source"] == a3["source"] and a2["source_text"] == "The shop"
    assert a3["cue_text"] == "said" and a3["quote_type"] == "indirect"
