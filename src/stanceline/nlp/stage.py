"""The NLP stage over stored documents: parse once per document, then entities, quotes, events and
positions from the same parse. Resumable: a document is done when its stage versions are current."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from stanceline.budget import TimeLimitExceeded, time_limit
from stanceline.config import DocumentBudget
from stanceline.model import Actor, Issue
from stanceline.store.db import NlpResult, NlpWrite, Store

if TYPE_CHECKING:
    from stanceline.nlp.actors.keys import AliasTable
    from stanceline.nlp.analysis import DocNLP

E_NLP_FAILED = "E310"
E_NLP_PART = "E311"
E_NLP_TIME = "E312"
E_NLP_LANGUAGE = "E313"
E_NLP_STORE = "E314"
E_STORE_REFUSED = "E204"  # Store.write_nlp: the database refused a value


def document_language(language: str | None, text: str) -> str | None:
    """The stored language, or for a document stored before languages were identified (None), the
    one its text shows: such a document is never parsed by a pipeline of another language."""
    if language is not None:
        return language
    from stanceline.clean.language import identify
    from stanceline.errors import ModelMissingError

    try:
        return identify(text)[0]
    except ModelMissingError:
        return None  # ingest refuses to run without the identifier; an old store is still analysed


def not_analysed_reason(language: str | None) -> str | None:
    """Why a document in `language` is not analysed, or None when a pipeline reads it. An unknown
    language (too little text to tell, rows stored before identification) is analysed."""
    from stanceline.nlp.pipeline import PIPELINE_LANGUAGES  # spaCy: only on the NLP paths

    if language is None or language in PIPELINE_LANGUAGES:
        return None
    known = ", ".join(sorted(PIPELINE_LANGUAGES))
    return f"[{E_NLP_LANGUAGE}] written in '{language}', which has no analysis pipeline (pipelines: {known})"


@dataclass(slots=True)
class NlpReport:
    documents: int = 0
    words: int = 0
    quotes: int = 0
    positions: int = 0
    events: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    unanalysable: int = 0

    def add(self, out: NlpOutput) -> None:
        self.documents += 1
        self.words += out.words
        self.quotes += len(out.result.quotes)
        self.positions += len(out.result.positions)
        self.events += len(out.result.events)


def issues_digest(issues: Sequence[Issue]) -> str:
    payload = json.dumps(
        [[i.name, i.description, list(i.terms), list(i.context_terms)] for i in issues], sort_keys=True
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:8]


def aliases_digest(aliases_file: Path | None) -> str:
    """A short hash of a user alias file's bytes ("" for the built-in aliases alone)."""
    return hashlib.sha256(aliases_file.read_bytes()).hexdigest()[:8] if aliases_file else ""


def stage_versions(issues: Sequence[Issue], aliases_file: Path | None = None) -> dict[str, str]:
    from stanceline.nlp.analysis import NLP_VERSION
    from stanceline.nlp.events.extract import EVENTS_VERSION
    from stanceline.nlp.stance.extract import STANCE_VERSION

    # Positions depend on the issues file as much as on the code, and actors on a user alias
    # file: each is in its stage's version, so changing it recomputes what it touches.
    digest = aliases_digest(aliases_file)
    return {
        "nlp": f"{NLP_VERSION}+{digest}" if digest else NLP_VERSION,
        "events": EVENTS_VERSION,
        "stance": f"{STANCE_VERSION}+{issues_digest(issues)}",
    }


def pending_documents(store: Store, issues: Sequence[Issue], aliases_file: Path | None = None) -> list[str]:
    ids: set[str] = set()
    for stage, version in stage_versions(issues, aliases_file).items():
        ids.update(store.docs_needing(stage, version))
    return sorted(ids)


def run_owner() -> str:
    """Who holds an NLP claim: ``host:pid:run`` (a claim of a process that is gone is taken over)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def run_nlp(
    store: Store,
    *,
    issues: Sequence[Issue],
    doc_ids: Sequence[str] | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    on_doc: Callable[[str, int], None] | None = None,
    budget: DocumentBudget | None = None,
    aliases_file: Path | None = None,
) -> NlpReport:
    """Process `doc_ids` (default: every document whose stage versions are not current).
    `aliases_file`: a user alias file (TOML or YAML, the shape of data/aliases.toml) that adds to
    and overrides the built-in aliases.

    One document never costs another its analysis: a document the model or an extractor fails on,
    or that runs past the time budget, is marked unanalysable with the reason (later runs skip it
    until a stage version changes) and the run goes on. A text over `budget.nlp_chars` characters
    is analysed up to a paragraph break within them, with a note. Concurrent runs claim documents
    before analysing them, so none is analysed twice."""
    from stanceline.nlp.actors.keys import AliasTable

    budget = budget or DocumentBudget()
    ids = list(doc_ids) if doc_ids is not None else pending_documents(store, issues, aliases_file)
    run = _Run(
        store=store,
        ids=iter(ids),
        issues=issues,
        versions=stage_versions(issues, aliases_file),
        owner=run_owner(),
        aliases=AliasTable.load(aliases_file),
        max_chars=budget.nlp_chars,
        # The time limit interrupts this process's own code; with worker processes only the caps hold.
        seconds=budget.nlp_seconds if n_process <= 1 else 0.0,
        window=max(batch_size * max(1, n_process), 16),
        on_doc=on_doc,
    )
    started = time.perf_counter()
    try:
        while True:
            try:
                _analyse(run, batch_size, n_process)
                break
            except (KeyboardInterrupt, GeneratorExit):
                raise
            except Exception:
                # The batch failed as a whole: its documents are tried one at a time, to find the
                # one at fault and keep the others' analysis; then the run goes on after them.
                in_flight = run.take_in_flight()
                if not in_flight:
                    raise  # not a document's fault (the model, the database): the run stops
                for doc_id in in_flight:
                    _analyse_alone(run, doc_id)
    except KeyboardInterrupt:
        run.report.interrupted = True
    finally:
        store.release_nlp_claims(run.owner)
        run.report.seconds = time.perf_counter() - started
    return run.report


@dataclass(slots=True)
class _Pending:
    text: str  # what is analysed (a prefix of the document's text when over the budget)
    published: str | None
    outlet: str | None
    note: str | None
    language: str | None = None


@dataclass(slots=True)
class _Run:
    """One NLP run: the documents still to analyse (claimed a window at a time, read one at a
    time, remembered while in flight: handed to the model, not yet stored) and what it needs."""

    store: Store
    ids: Iterator[str]
    issues: Sequence[Issue]
    versions: dict[str, str]
    owner: str
    aliases: AliasTable
    max_chars: int
    seconds: float
    window: int
    on_doc: Callable[[str, int], None] | None
    report: NlpReport = field(default_factory=NlpReport)
    in_flight: dict[str, _Pending] = field(default_factory=dict)
    queue: list[str] = field(default_factory=list)

    def texts(self) -> Iterator[tuple[str, str]]:
        while True:
            if not self.queue:
                window = list(islice(self.ids, self.window))
                if not window:
                    return
                mine = self.store.claim_for_nlp(window, self.owner)
                self.queue = self.store.still_pending(mine, self.versions)
                continue
            doc_id = self.queue.pop(0)
            item = self.load(doc_id)
            if item is not None and self.refused(doc_id, item):
                continue
            if item is not None:
                self.in_flight[doc_id] = item
                yield doc_id, item.text

    def load(self, doc_id: str) -> _Pending | None:
        from stanceline.nlp.pipeline import analysable_prefix

        doc = self.store.get_document(doc_id)
        if doc is None or doc.duplicate_of:
            return None
        text = analysable_prefix(doc.text, self.max_chars)
        note = None
        if len(text) < len(doc.text):
            note = (
                f"[{E_NLP_PART}] analysed the first {len(text):,} of {len(doc.text):,} characters "
                f"(the NLP budget is {self.max_chars:,})"
            )
        return _Pending(text, doc.published, doc.outlet, note, document_language(doc.language, doc.text))

    def refused(self, doc_id: str, item: _Pending) -> bool:
        """A document in a language without a pipeline: marked not analysed, never parsed."""
        reason = not_analysed_reason(item.language)
        if reason is None:
            return False
        self.unanalysable(doc_id, reason)
        self.report.unanalysable += 1
        return True

    def take_in_flight(self) -> list[str]:
        ids = list(self.in_flight)
        self.in_flight.clear()
        return ids

    def unanalysable(self, doc_id: str, reason: str) -> None:
        self.in_flight.pop(doc_id, None)
        self.store.mark_unanalysable(doc_id, reason, self.versions)

    def too_slow(self, doc_id: str) -> None:
        self.unanalysable(doc_id, f"[{E_NLP_TIME}] analysis took longer than the {self.seconds:g} s budget")


@dataclass(slots=True)
class _ParseClock:
    """Each document's share of its batch's parse time, so that its parse and its extractors
    together stay within the per-document budget. spaCy parses a batch on the turn of the batch's
    first document: that call's time, shared among the texts it took in, is each one's share."""

    taken: int = 0
    share: float = 0.0

    def count(self, texts: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
        for pair in texts:
            self.taken += 1
            yield pair

    def next(self, results: Iterator[DocNLP], limit: float) -> DocNLP | None:
        before, started = self.taken, time.perf_counter()
        with time_limit(limit):
            dn = next(results, None)
        if self.taken > before:
            self.share = (time.perf_counter() - started) / (self.taken - before)
        return dn

    def left(self, seconds: float) -> float:
        """The extractors' time: what the parse share left of `seconds` (0, no limit, without a budget)."""
        return max(seconds - self.share, 1e-3) if seconds > 0 else 0.0


def _analyse(run: _Run, batch_size: int, n_process: int) -> None:
    from stanceline.nlp.analysis import analyze_texts

    clock = _ParseClock()
    results = analyze_texts(clock.count(run.texts()), aliases=run.aliases, batch_size=batch_size, n_process=n_process)
    while True:
        # A batch is parsed on the first document's turn: it gets the batch's time.
        dn = clock.next(results, run.seconds * max(1, len(run.in_flight) or batch_size))
        if dn is None:
            return
        _store(run, dn, clock.left(run.seconds))


def _analyse_alone(run: _Run, doc_id: str) -> None:
    from stanceline.nlp.analysis import analyze_texts

    item = run.load(doc_id)
    if item is None or run.refused(doc_id, item):
        return
    run.in_flight[doc_id] = item
    clock = _ParseClock()
    try:
        parsed = analyze_texts(clock.count([(doc_id, item.text)]), aliases=run.aliases, batch_size=1)
        dn = clock.next(parsed, run.seconds)
        if dn is None:
            raise RuntimeError("no parse came back")
    except TimeLimitExceeded:
        run.too_slow(doc_id)
        return
    except Exception as exc:
        run.unanalysable(doc_id, f"[{E_NLP_FAILED}] the NLP model failed on it ({_brief(exc)})")
        return
    _store(run, dn, clock.left(run.seconds))


def _store(run: _Run, found: DocNLP, seconds: float) -> None:
    """Extract from the parse within `seconds` (what the document's parse left of its budget) and store."""
    from stanceline.nlp.actors.keys import merge_actors
    from stanceline.nlp.actors.namesakes import corpus_keys
    from stanceline.nlp.analysis import rekey
    from stanceline.nlp.events.extract import extract_events
    from stanceline.nlp.stance.extract import extract_positions
    from stanceline.nlp.stance.holders import holder_actors

    # Namesakes across documents: a bearer the stored actor of its key is not.
    dn = rekey(found, corpus_keys(found.actors, run.store.get_actors({a.key for a in found.actors})))
    item = run.in_flight[dn.doc_id]
    text = item.text
    try:
        with time_limit(seconds):
            events = extract_events(
                doc_id=dn.doc_id, text=text, spacy_doc=dn.spacy_doc, mentions=dn.mentions, date=item.published
            )
            positions = extract_positions(
                doc_id=dn.doc_id,
                text=text,
                spacy_doc=dn.spacy_doc,
                mentions=dn.mentions,
                quotes=dn.quotes,
                issues=run.issues,
                date=item.published,
                outlet=item.outlet,
            )
    except TimeLimitExceeded:
        run.too_slow(dn.doc_id)
        return
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except Exception as exc:
        run.unanalysable(dn.doc_id, f"[{E_NLP_FAILED}] an extractor failed on it ({_brief(exc)})")
        return
    run.store.replace_nlp(
        NlpResult(dn.doc_id, dn.mentions, dn.quotes, events, positions, run.versions, note=item.note),
        [*dn.actors, *holder_actors(positions, dn.actors)],
        merge=merge_actors,  # merged with the stored rows under a row lock: concurrent runs lose nothing
    )
    del run.in_flight[dn.doc_id]
    words = len(text.split())
    report = run.report
    report.documents += 1
    report.words += words
    report.quotes += len(dn.quotes)
    report.positions += len(positions)
    report.events += len(events)
    if run.on_doc:
        run.on_doc(dn.doc_id, words)


def _brief(exc: BaseException, limit: int = 200) -> str:
    message = f"{type(exc).__name__}: {exc}"
    return message if len(message) <= limit else message[: limit - 1] + "…"


# -- the stage as tasks (pipeline/flow.py hands these to an executor's workers) -------------------------
@dataclass(frozen=True, slots=True)
class NlpInput:
    """What the NLP stage needs of one stored document (small and picklable: it travels to workers)."""

    doc_id: str
    text: str
    published: str | None
    outlet: str | None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class NlpOutput:
    result: NlpResult
    actors: list[Actor]
    words: int


@dataclass(frozen=True, slots=True)
class NlpFailure:
    """A document the model or an extractor failed on: stored as unanalysable with the reason."""

    doc_id: str
    reason: str
    versions: dict[str, str]


def analyze_batch(
    inputs: Sequence[NlpInput], issues: Sequence[Issue], budget: DocumentBudget | None = None
) -> list[NlpOutput | NlpFailure]:
    """Parse, then entities, quotes, events and positions, for one batch: a pure function of its
    inputs and the code's versions, so it runs in any process (the spaCy pipeline and the alias
    table load once per process). Texts over `budget.nlp_chars` are analysed up to a paragraph
    break within them, with a note. When the batch fails as a whole its documents are tried one at
    a time, so one bad document is that document's failure, never its batch's.

    `budget.nlp_seconds` holds as in `run_nlp` (the batch's parse gets that much per document, and
    each document's parse share and extractors together that much) on every executor: inline, in
    a process pool and on a dask.distributed worker's threads (see budget.py)."""
    budget = budget or DocumentBudget()
    refused: list[NlpOutput | NlpFailure] = []
    readable = []
    for i in inputs:
        reason = not_analysed_reason(i.language)
        if reason is None:
            readable.append(i)
        else:
            refused.append(NlpFailure(i.doc_id, reason, stage_versions(issues)))
    if refused:
        return refused + (analyze_batch(readable, issues, budget) if readable else [])
    try:
        return _analyze_batch(inputs, issues, budget)
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except Exception as exc:
        if len(inputs) == 1:
            return [NlpFailure(inputs[0].doc_id, _failed_reason(exc, "the NLP model", budget), stage_versions(issues))]
        return [out for one in inputs for out in analyze_batch([one], issues, budget)]


def _failed_reason(exc: Exception, what: str, budget: DocumentBudget) -> str:
    if isinstance(exc, TimeLimitExceeded):
        return f"[{E_NLP_TIME}] analysis took longer than the {budget.nlp_seconds:g} s budget"
    return f"[{E_NLP_FAILED}] {what} failed on it ({_brief(exc)})"


def _analyze_batch(
    inputs: Sequence[NlpInput], issues: Sequence[Issue], budget: DocumentBudget
) -> list[NlpOutput | NlpFailure]:
    from stanceline.nlp.analysis import analyze_texts
    from stanceline.nlp.events.extract import extract_events
    from stanceline.nlp.pipeline import analysable_prefix
    from stanceline.nlp.stance.extract import extract_positions
    from stanceline.nlp.stance.holders import holder_actors

    versions = stage_versions(issues)
    max_chars, seconds = budget.nlp_chars, budget.nlp_seconds
    texts = {i.doc_id: analysable_prefix(i.text, max_chars) for i in inputs}
    by_id = {i.doc_id: i for i in inputs}
    out: list[NlpOutput | NlpFailure] = []
    clock = _ParseClock()
    parsed = analyze_texts(clock.count((i.doc_id, texts[i.doc_id]) for i in inputs), aliases=_aliases())
    while True:
        # The batch is parsed on the first document's turn: it gets the batch's time. Past it the
        # batch fails as a whole and analyze_batch retries its documents one at a time.
        dn = clock.next(parsed, seconds * max(1, len(inputs) - len(out)))
        if dn is None:
            return out
        inp, text = by_id[dn.doc_id], texts[dn.doc_id]
        note = None
        if len(text) < len(inp.text):
            note = (f"[{E_NLP_PART}] analysed the first {len(text):,} of {len(inp.text):,} characters "
                    f"(the NLP budget is {max_chars:,})")
        try:
            with time_limit(clock.left(seconds)):
                events = extract_events(
                    doc_id=dn.doc_id, text=text, spacy_doc=dn.spacy_doc, mentions=dn.mentions, date=inp.published
                )
                positions = extract_positions(
                    doc_id=dn.doc_id, text=text, spacy_doc=dn.spacy_doc, mentions=dn.mentions, quotes=dn.quotes,
                    issues=issues, date=inp.published, outlet=inp.outlet,
                )
        except (KeyboardInterrupt, GeneratorExit):
            raise
        except Exception as exc:
            out.append(NlpFailure(dn.doc_id, _failed_reason(exc, "an extractor", budget), versions))
            continue
        result = NlpResult(dn.doc_id, dn.mentions, dn.quotes, events, positions, versions, note=note)
        out.append(NlpOutput(result, [*dn.actors, *holder_actors(positions, dn.actors)], len(text.split())))


_ALIASES: list[AliasTable] = []


def _aliases() -> AliasTable:
    if not _ALIASES:
        from stanceline.nlp.actors.keys import AliasTable

        _ALIASES.append(AliasTable.load())
    return _ALIASES[0]


def store_outputs(store: Store, outs: Sequence[NlpOutput | NlpFailure]) -> list[NlpFailure]:
    """Store task results (a document's extractions, its actors merged with the stored ones under a
    row lock, or its unanalysable mark) in one transaction (see Store.write_nlp), in order. When the
    database refuses a value of the batch, each document is written alone, so the one at fault is
    marked unanalysable with the reason (E314) and costs no other its analysis. Returns the
    failures this turned out of results (their documents now unanalysable)."""
    from stanceline.errors import StoreError
    from stanceline.nlp.actors.keys import merge_actors

    try:
        store.write_nlp([_write(o) for o in outs], merge=merge_actors)
        return []
    except StoreError as exc:
        if exc.code != E_STORE_REFUSED:
            raise
        if len(outs) == 1:
            w = _write(outs[0])
            why = exc.message if len(exc.message) <= 200 else exc.message[:199] + "…"
            failure = NlpFailure(w.doc_id, f"[{E_NLP_STORE}] {why}", w.stage_versions)
            store.write_nlp([_write(failure)])
            return [failure]
    return [f for o in outs for f in store_outputs(store, [o])]


def _write(out: NlpOutput | NlpFailure) -> NlpWrite:
    if isinstance(out, NlpFailure):
        return NlpWrite(out.doc_id, unanalysable=out.reason, versions=out.versions)
    return NlpWrite(out.result.doc_id, out.result, out.actors)


def nlp_inputs(store: Store, doc_ids: Sequence[str]) -> list[NlpInput]:
    """Canonical documents among `doc_ids`, as NLP inputs (duplicates get no NLP of their own)."""
    out = []
    for doc_id in doc_ids:
        doc = store.get_document(doc_id)
        if doc is not None and not doc.duplicate_of:
            out.append(NlpInput(doc.id, doc.text, doc.published, doc.outlet, document_language(doc.language, doc.text)))
    return out
