"""The NLP stage over stored documents: one document never costs another its analysis."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stanceline.config import DocumentBudget
from stanceline.dedup import content_hash, document_id, text_hash
from stanceline.model import Document
from stanceline.nlp.pipeline import analysable_prefix
from stanceline.nlp.stage import pending_documents, run_nlp
from stanceline.store.db import Store

ISSUES: list = []
PARAGRAPH = (
    "The port authority said on Monday that the new ferry terminal would open in May. "
    '"We are ready," said Mara Lind, the authority\'s director, adding that trials had gone well.\n\n'
)


def _add(store: Store, text: str, source: str) -> str:
    raw = text.encode()
    h = content_hash(raw)
    doc = Document(id=document_id(source, h), source=source, text=text, raw_hash=h)
    store.add_document(doc, raw=raw, media_type="text/plain", text_hash=text_hash(text), minhash=None)
    return doc.id


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'nlp.db'}")


def test_stage_analysable_prefix_ends_at_a_paragraph() -> None:
    text = PARAGRAPH * 10
    cut = analysable_prefix(text, 1000)
    assert text.startswith(cut) and len(cut) <= 1000 and cut.endswith("\n")
    assert analysable_prefix("short", 1000) == "short"
    assert analysable_prefix("x" * 50, 10) == "x" * 10


def test_stage_over_long_text_analysed_in_part_with_a_note(sqlite_store: Store) -> None:
    long_id = _add(sqlite_store, PARAGRAPH * 12_000, "long.txt")  # over 1,000,000 characters
    short_id = _add(sqlite_store, PARAGRAPH * 2, "short.txt")
    report = run_nlp(sqlite_store, issues=ISSUES, budget=DocumentBudget(nlp_chars=2_000))
    assert report.documents == 2
    meta = sqlite_store.document_meta(long_id)
    assert meta["unanalysable"] is None
    assert meta["nlp_note"].startswith("[E311] analysed the first 1,")
    assert f"of {len(PARAGRAPH * 12_000):,} characters" in meta["nlp_note"]
    assert all(m.end <= 2_000 for m in sqlite_store.mentions(doc_id=long_id))
    assert sqlite_store.mentions(doc_id=short_id)
    assert pending_documents(sqlite_store, ISSUES) == []


def test_stage_model_failure_marks_one_document_and_spares_its_batch(sqlite_store: Store) -> None:
    """spaCy refuses texts over its own limit (E088): with the budget raised past it, that one
    document is marked unanalysable and the others of its batch are analysed."""
    ids = [_add(sqlite_store, PARAGRAPH * 2 + f"Day {i}.", f"{i}.txt") for i in range(3)]
    bad = _add(sqlite_store, PARAGRAPH * 12_000, "huge.txt")
    report = run_nlp(sqlite_store, issues=ISSUES, batch_size=16, budget=DocumentBudget(nlp_chars=5_000_000))
    assert report.documents == 3
    reason = sqlite_store.document_meta(bad)["unanalysable"]
    assert reason.startswith("[E310] the NLP model failed on it (ValueError: [E088]")
    for doc_id in ids:
        assert sqlite_store.mentions(doc_id=doc_id)
    # Later runs skip it, and say why in stats.
    assert pending_documents(sqlite_store, ISSUES) == []
    again = run_nlp(sqlite_store, issues=ISSUES, budget=DocumentBudget(nlp_chars=5_000_000))
    assert again.documents == 0
    assert sqlite_store.stats()["unanalysable"] == 1


def test_stage_document_over_its_time_is_marked(sqlite_store: Store) -> None:
    slow = _add(sqlite_store, PARAGRAPH * 200, "slow.txt")
    report = run_nlp(sqlite_store, issues=ISSUES, budget=DocumentBudget(nlp_seconds=0.01))
    assert report.documents == 0
    assert sqlite_store.document_meta(slow)["unanalysable"] == "[E312] analysis took longer than the 0.01 s budget"


def test_stage_skips_documents_another_run_holds(sqlite_store: Store) -> None:
    a = _add(sqlite_store, PARAGRAPH + "One.", "a.txt")
    b = _add(sqlite_store, PARAGRAPH + "Two.", "b.txt")
    assert sqlite_store.claim_for_nlp([a], "elsewhere:1:x") == [a]
    report = run_nlp(sqlite_store, issues=ISSUES)
    assert report.documents == 1
    assert sqlite_store.mentions(doc_id=b) and not sqlite_store.mentions(doc_id=a)


def test_stage_namesake_alone_in_a_document_is_not_the_stored_bearer(sqlite_store: Store) -> None:
    from stanceline.web.data import find_actor

    a = _add(sqlite_store, "Governor Clara Voss said on Monday that the port expansion would go ahead.", "a.txt")
    run_nlp(sqlite_store, issues=ISSUES, doc_ids=[a])
    b = _add(sqlite_store, "Dieter Voss, a painter, said the harbour light had changed since the war.", "b.txt")
    c = _add(sqlite_store, "On Friday, Governor Voss told reporters that the port expansion was settled.", "c.txt")
    run_nlp(sqlite_store, issues=ISSUES, doc_ids=[b, c])
    keys = {m.doc_id: m.actor_key for m in sqlite_store.mentions() if "voss" in m.actor_key}
    assert keys[a] == "person:voss" and keys[c] == "person:voss"
    assert keys[b] == "person:voss~dieter"
    assert find_actor(sqlite_store, "Clara Voss").key == "person:voss"
    assert find_actor(sqlite_store, "Dieter Voss").key == "person:voss~dieter"


GERMAN = (
    "Die Hafenbehörde teilte am Montag mit, dass das neue Fährterminal im Mai eröffnet werde. "
    "„Wir sind bereit“, sagte Mara Lind, die Direktorin der Behörde, und fügte hinzu, die Probefahrten "
    "seien gut verlaufen. Sämtliche Genehmigungen lägen inzwischen vor.\n\n"
)


def _add_in(store: Store, text: str, source: str, language: str | None) -> str:
    raw = text.encode()
    h = content_hash(raw)
    doc = Document(id=document_id(source, h), source=source, text=text, raw_hash=h, language=language)
    store.add_document(doc, raw=raw, media_type="text/plain", text_hash=text_hash(text), minhash=None)
    return doc.id


def test_stage_language_without_pipeline_is_not_analysed(sqlite_store: Store) -> None:
    german = _add_in(sqlite_store, GERMAN * 2, "de.txt", "de")
    english = _add_in(sqlite_store, PARAGRAPH * 2, "en.txt", "en")
    unknown = _add_in(sqlite_store, PARAGRAPH, "unknown.txt", None)
    # stored before languages were identified: its text decides
    legacy = _add_in(sqlite_store, GERMAN.replace("Montag", "Dienstag"), "legacy.txt", None)
    report = run_nlp(sqlite_store, issues=ISSUES)
    assert report.documents == 2 and report.unanalysable == 2
    assert sqlite_store.mentions(doc_id=legacy) == []
    assert sqlite_store.mentions(doc_id=german) == [] and sqlite_store.quotes(doc_id=german) == []
    assert sqlite_store.mentions(doc_id=english) and sqlite_store.mentions(doc_id=unknown)
    d = sqlite_store.get_document(german)
    assert d is not None and d.not_analysed is not None and d.not_analysed.startswith("[E313]")
    assert "'de'" in d.not_analysed
    assert pending_documents(sqlite_store, ISSUES) == []  # not retried by the next run
    assert {h.doc_id for h in sqlite_store.search("Fährterminal")} == {german, legacy}


def test_stage_executor_batch_refuses_a_language_without_pipeline() -> None:
    """The executor path (pipeline/flow.py hands analyze_batch to pool or Dask workers)."""
    from stanceline.nlp.stage import NlpFailure, NlpInput, NlpOutput, analyze_batch

    out = analyze_batch(
        [NlpInput("d1", GERMAN, None, None, "de"), NlpInput("e1", PARAGRAPH, None, None, "en")], ISSUES
    )
    by_id = {(o.doc_id if isinstance(o, NlpFailure) else o.result.doc_id): o for o in out}
    assert isinstance(by_id["d1"], NlpFailure) and by_id["d1"].reason.startswith("[E313]")
    assert isinstance(by_id["e1"], NlpOutput) and by_id["e1"].result.mentions


def test_stage_executor_batch_document_over_its_time_is_its_failure() -> None:
    """The per-document time limit holds on the executor path too (inline and process-pool tasks
    run on a main thread): the slow document is E312, the batch's other document is analysed."""
    from stanceline.nlp.analysis import analyze_texts
    from stanceline.nlp.stage import NlpFailure, NlpInput, NlpOutput, analyze_batch

    list(analyze_texts([("warm-up", PARAGRAPH)]))  # the model loads outside the measured budget
    out = analyze_batch(
        [NlpInput("slow", PARAGRAPH * 600, None, None, "en"), NlpInput("quick", PARAGRAPH, None, None, "en")],
        ISSUES,
        DocumentBudget(nlp_seconds=0.5),
    )
    by_id = {(o.doc_id if isinstance(o, NlpFailure) else o.result.doc_id): o for o in out}
    assert isinstance(by_id["slow"], NlpFailure)
    assert by_id["slow"].reason == "[E312] analysis took longer than the 0.5 s budget"
    assert isinstance(by_id["quick"], NlpOutput) and by_id["quick"].result.mentions


def _slow_steps(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Parse and extractors each take `seconds` longer (each step alone stays within a budget
    a little above `seconds`; together they do not)."""
    import time as clock

    from stanceline.nlp import analysis
    from stanceline.nlp.events import extract as events

    parse, extract = analysis.analyze_texts, events.extract_events

    def slow_parse(*args: Any, **kwargs: Any) -> Any:
        clock.sleep(seconds)
        yield from parse(*args, **kwargs)

    def slow_extract(*args: Any, **kwargs: Any) -> Any:
        clock.sleep(seconds)
        return extract(*args, **kwargs)

    monkeypatch.setattr(analysis, "analyze_texts", slow_parse)
    monkeypatch.setattr(events, "extract_events", slow_extract)


def test_stage_parse_and_extractors_share_one_time_budget(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from stanceline.nlp.analysis import analyze_texts

    list(analyze_texts([("warm-up", PARAGRAPH)]))
    doc = _add(sqlite_store, PARAGRAPH, "two-steps.txt")
    _slow_steps(monkeypatch, 1.5)
    report = run_nlp(sqlite_store, issues=ISSUES, budget=DocumentBudget(nlp_seconds=2.5))
    assert report.documents == 0
    assert sqlite_store.document_meta(doc)["unanalysable"] == "[E312] analysis took longer than the 2.5 s budget"


def test_stage_executor_parse_and_extractors_share_one_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from stanceline.nlp.analysis import analyze_texts
    from stanceline.nlp.stage import NlpFailure, NlpInput, analyze_batch

    list(analyze_texts([("warm-up", PARAGRAPH)]))
    _slow_steps(monkeypatch, 1.5)
    (out,) = analyze_batch([NlpInput("d", PARAGRAPH, None, None, "en")], ISSUES, DocumentBudget(nlp_seconds=2.5))
    assert isinstance(out, NlpFailure) and out.reason == "[E312] analysis took longer than the 2.5 s budget"


def test_stage_holder_named_only_through_its_capital_gets_an_actor_row(sqlite_store: Store) -> None:
    """A state that holds a position only through its capital ("Oslo's leaders") is stored as an
    actor of its own, typed as a state, so its actor page says what it is."""
    from stanceline.model import Issue

    issue = Issue(
        name="Iceland joins the customs union",
        description="Iceland becomes a member of the regional customs union",
        terms=("the customs union", "customs union"),
    )
    text = (
        "Oslo's leaders have spoken out firmly against Iceland's entry into the customs union, "
        "diplomats said on Thursday.\n\nThe trade talks resume next month in a northern port town.\n"
    )
    doc = _add(sqlite_store, text, "capital.txt")
    run_nlp(sqlite_store, issues=[issue])
    holders = {p.actor_key for p in sqlite_store.positions(doc_id=doc)}
    assert "norway" in holders
    actors = sqlite_store.get_actors({"norway"})
    assert [(a.name, a.type) for a in actors] == [("Norway", "GPE")]


def test_stage_store_outputs_a_refused_document_is_its_own_failure(store: Store) -> None:
    """One transaction for three documents; the database refuses a value of the second (a lone
    surrogate no encoding stores): the other two keep their rows, the second is marked (E314)."""
    from stanceline.model import Quote
    from stanceline.nlp.stage import NlpOutput, store_outputs
    from stanceline.store.db import NlpResult

    texts = [PARAGRAPH + f"Meeting number {i}." for i in range(3)]
    ids = [_add(store, t, f"{i}.txt") for i, t in enumerate(texts)]
    versions = {"nlp": "n1"}

    def out(i: int, words: str) -> NlpOutput:
        q = Quote(ids[i], words, 0, 12, "direct", "said", 20, 24, None, None, None, None, None, 0.8)
        return NlpOutput(NlpResult(ids[i], [], [q], [], [], versions), [], 12)

    failed = store_outputs(store, [out(0, "fares rise"), out(1, "fares \ud800 rise"), out(2, "fares fall")])
    assert [f.doc_id for f in failed] == [ids[1]]
    assert [q.text for q in store.quotes(doc_id=ids[0])] == ["fares rise"]
    assert [q.text for q in store.quotes(doc_id=ids[2])] == ["fares fall"]
    assert store.quotes(doc_id=ids[1]) == []
    assert store.document_meta(ids[1])["unanalysable"].startswith("[E314] the database refused")
    assert store.docs_needing("nlp", "n1") == []
