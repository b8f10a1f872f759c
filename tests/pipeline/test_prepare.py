"""prepare(): one document in, a prepared document or that document's failure row out — within
its budget, whatever the input."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from stanceline.config import DocumentBudget
from stanceline.model import Cleaned, Metadata, RawItem, SourceError
from stanceline.pipeline import prepare as prep
from stanceline.pipeline.prepare import Prepared, prepare, storable

PARAS = [
    "The regional council voted on Thursday to extend the night bus service to the outer districts.",
    "Supporters said the change would help shift workers, while critics questioned the cost.",
    "The transport office expects the first buses to run in the spring, subject to a final review.",
]
BODY = "".join(f"<p>{p}</p>" for p in PARAS)


def _page(extra: str = "") -> bytes:
    return f"<html><head><title>Buses</title></head><body><article>{BODY}</article>{extra}</body></html>".encode()


def test_prepare_many_tiny_elements_refused_before_parsing() -> None:
    item = RawItem("tiny.html", _page("<span>a</span>" * 60_000), "text/html")
    started = time.perf_counter()
    got = prepare(item)
    assert isinstance(got, SourceError) and got.code == "E108"
    assert "too many HTML elements (60,0" in got.reason
    assert time.perf_counter() - started < 2.0


def test_prepare_many_short_lines_refused_before_the_text_cleaner() -> None:
    text = "\n".join(PARAS) + "\n" + "\n".join(f"x{i}" for i in range(100_000))
    got = prepare(RawItem("lines.txt", text.encode(), "text/plain"))
    assert isinstance(got, SourceError) and got.code == "E108" and "lines" in got.reason


def test_prepare_text_over_the_nlp_model_limit_is_cleaned_whole() -> None:
    """A long plain text is stored whole (NLP then analyses it in part, with a note), not refused
    at the size cap."""
    rows = [f"Item {i}. {PARAS[i % 3]} {PARAS[(i + 1) % 3]} It listed {i * 7 + 3} stops." for i in range(6000)]
    # The default size caps; time is left out (a busy shared machine is no measure of it).
    budget = replace(DocumentBudget(), seconds=600.0)
    got = prepare(RawItem("long.txt", "\n".join(rows).encode(), "text/plain"), budget=budget)
    assert isinstance(got, Prepared), got
    assert len(got.doc.text) > 1_000_000  # spaCy's own limit


def test_prepare_time_budget_stops_a_slow_cleaner(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(text: str, _options: object = None) -> Cleaned:
        time.sleep(5)
        return Cleaned(text)

    monkeypatch.setattr(prep, "clean_text", slow)
    started = time.perf_counter()
    got = prepare(RawItem("slow.txt", " ".join(PARAS).encode(), "text/plain"), budget=DocumentBudget(seconds=0.2))
    assert isinstance(got, SourceError) and got.code == "E108"
    assert got.reason == "cleaning and fingerprinting took longer than the 0.2 s budget"
    assert time.perf_counter() - started < 2.0


def test_prepare_time_budget_covers_the_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(_text: str) -> object:
        time.sleep(5)
        raise AssertionError("the budget should have stopped this")

    monkeypatch.setattr(prep, "minhash", slow)
    started = time.perf_counter()
    got = prepare(RawItem("slow.txt", " ".join(PARAS).encode(), "text/plain"), budget=DocumentBudget(seconds=0.2))
    assert isinstance(got, SourceError) and got.code == "E108" and "fingerprinting" in got.reason
    assert time.perf_counter() - started < 2.0


def test_prepare_html_dating_past_its_time_falls_back_to_text() -> None:
    html = _page("<p>Updated 3 March 2021</p>").decode()
    item = RawItem("p.html", html.encode(), "text/html", Metadata(url="http://127.0.0.1/2021/03/04/buses"))
    cleaned = Cleaned(" ".join(PARAS))
    guess = prep._date(item, html, cleaned, 1e-4)
    assert guess.evidence is not None and "HTML dating stopped at the time budget" in guess.evidence


def test_prepare_cleaner_defect_is_this_documents_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_text: str, _options: object = None) -> Cleaned:
        raise TypeError("cleaner defect")

    monkeypatch.setattr(prep, "clean_text", broken)
    got = prepare(RawItem("a.txt", " ".join(PARAS).encode(), "text/plain"))
    assert isinstance(got, SourceError) and got.code == "E109"
    assert got.reason == "internal error while cleaning (TypeError: cleaner defect)"


def test_prepare_metadata_made_storable() -> None:
    meta = Metadata(title="Night\x00 buses \ud800", outlet="Daily\x00")
    got = prepare(RawItem("a\udcff.txt", " ".join(PARAS).encode(), "text/plain", meta))
    assert isinstance(got, Prepared)
    assert got.doc.title == "Night buses ?" and got.doc.outlet == "Daily"
    got.doc.source.encode("utf-8")
    assert storable("ok") == "ok" and storable(None) is None


def test_prepare_id_from_the_path_key_when_given() -> None:
    text = " ".join(PARAS).encode()
    a = prepare(RawItem("/abs/corpus/x.txt", text, "text/plain", id_key=b"x.txt"))
    b = prepare(RawItem("corpus/../corpus/x.txt", text, "text/plain", id_key=b"x.txt"))
    c = prepare(RawItem("corpus/x.txt", text, "text/plain"))
    assert isinstance(a, Prepared) and isinstance(b, Prepared) and isinstance(c, Prepared)
    assert a.doc.id == b.doc.id != c.doc.id
