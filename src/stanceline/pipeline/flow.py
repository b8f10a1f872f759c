"""The flow between the executor and the store: tasks in flight, bounded and in order, one writer.

Prepare tasks (decode, clean, date, fingerprint) and NLP tasks (parse, entities, quotes, events,
positions) run on the executor's workers; their results come back here in submission order, and
this process stores them: dedup and the document row in input order (so the first of a set of
duplicates is canonical whatever the executor), then each canonical new document is queued for NLP
with the text it already has in hand. At most `window` tasks are in flight, so memory stays bounded.

Writes: by default this process writes everything ("writer"): the NLP results of several documents
to a transaction (FlowOptions.write_batch and write_seconds bound how many wait), flushed at the end
and on an interrupt. With `writes="workers"` (PostgreSQL only) the NLP tasks store their own results
from the workers, a task's documents to a transaction, and only a count comes back; the document
rows stay with the writer, since dedup needs the input order. Either way each document's rows are
replaced as a unit with its stage versions, so a writer killed mid-batch loses only what it had not
committed (redone by the next run) and nothing is stored twice.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Literal

from stanceline.config import DocumentBudget
from stanceline.model import Issue
from stanceline.nlp.stage import (
    NlpFailure,
    NlpInput,
    NlpOutput,
    NlpReport,
    analyze_batch,
    run_owner,
    stage_versions,
    store_outputs,
)
from stanceline.scale.executor import Executor, TaskFuture
from stanceline.store.db import Store

Writes = Literal["writer", "workers"]


@dataclass(slots=True)
class FlowOptions:
    window: int = 6
    nlp_batch: int = 8
    # Documents per NLP task once the input is exhausted. The tasks still to run then are the last,
    # and with 8 documents each (about 4 CPU-s) one worker could sit idle for most of the last task
    # while another finished it; small final tasks let the workers finish together. The window grows
    # by the same factor, so as many documents stay in flight.
    last_nlp_batch: int = 2
    writes: Writes = "writer"
    # NLP results are stored several documents to a transaction (one statement per table for all of
    # them instead of one per document): at most this many documents wait, for at most this many
    # seconds after the first. A run killed meanwhile loses only their analysis, redone next run.
    write_batch: int = 32
    write_seconds: float = 10.0
    budget: DocumentBudget | None = None  # the NLP characters and seconds (the defaults when None)


@dataclass(frozen=True, slots=True)
class StoredCount:
    """What a worker that stored its own NLP results sends back."""

    doc_id: str
    words: int
    quotes: int
    events: int
    positions: int
    failed: bool = False


@dataclass(slots=True)
class Flow:
    store: Store
    executor: Executor
    issues: Sequence[Issue] | None
    options: FlowOptions = field(default_factory=FlowOptions)
    on_nlp: Callable[[str, int], None] | None = None
    on_prepared: Callable[[Any], None] | None = None
    # Called once, in this process, as soon as every document is stored (the input exhausted and the
    # last prepare result in) while NLP tasks still run on the workers: work that needs the
    # documents but not their NLP (story assignment) then overlaps the workers' last tasks instead
    # of running after them with the workers idle.
    on_documents_stored: Callable[[], None] | None = None
    nlp: NlpReport = field(default_factory=NlpReport)
    _pending: deque[tuple[str, TaskFuture[Any]]] = field(default_factory=deque)
    _queue: list[NlpInput] = field(default_factory=list)
    _started: float = field(default_factory=time.perf_counter)
    _finishing: bool = False
    _unwritten: list[NlpOutput | NlpFailure] = field(default_factory=list)
    _unwritten_since: float = 0.0
    # Documents are claimed before their NLP task is sent, so a concurrent run does not analyse them too.
    _owner: str = field(default_factory=run_owner)

    def submit(self, kind: str, fn: Callable[..., Any], *args: Any) -> None:
        self._pending.append((kind, self.executor.submit(fn, *args)))
        while len(self._pending) >= self._window():
            self._drain_one()
            self._flush(force=False)

    def _batch(self) -> int:
        if self._finishing:
            return max(1, min(self.options.last_nlp_batch, self.options.nlp_batch))
        return self.options.nlp_batch

    def _window(self) -> int:
        return self.options.window * max(1, self.options.nlp_batch // self._batch())

    def queue_nlp(self, item: NlpInput) -> None:
        if self.issues is not None:
            self._queue.append(item)

    def pump(self) -> None:
        """Submit the full NLP batches queued so far (waiting for results only when the window is full)."""
        self._flush(force=False)

    def finish(self) -> None:
        self._finishing = True
        while self._pending or self._queue:
            self._documents_stored()
            if self._pending:
                self._drain_one()
                self._flush(force=False)
            else:
                self._flush(force=True)
        self._documents_stored()
        self.write_results()
        self.nlp.seconds = time.perf_counter() - self._started
        self.release_claims()

    def release_claims(self) -> None:
        self.store.release_nlp_claims(self._owner)

    def write_results(self) -> None:
        """Store the NLP results received and not yet stored (at the end, on an interrupt, or when
        a bound is reached), in one transaction; then count them and report each stored document."""
        if not self._unwritten:
            return
        outs = self._unwritten
        refused = {f.doc_id for f in store_outputs(self.store, outs)}
        self._unwritten = []  # after the commit: interrupted before it, they are written again
        for r in outs:
            if isinstance(r, NlpFailure) or r.result.doc_id in refused:
                self.nlp.unanalysable += 1
                continue
            self.nlp.add(r)
            if self.on_nlp:
                self.on_nlp(r.result.doc_id, r.words)

    def _documents_stored(self) -> None:
        if self.on_documents_stored is None or any(kind == "prepare" for kind, _ in self._pending):
            return
        # The queued documents go to the workers first, so they compute while this process works.
        self._flush(force=True)
        hook, self.on_documents_stored = self.on_documents_stored, None
        hook()

    def _flush(self, *, force: bool) -> None:
        while self._queue and (force or len(self._queue) >= self._batch()):
            size = self._batch()
            batch, self._queue = self._queue[:size], self._queue[size:]
            issues = tuple(self.issues or ())
            claimed = self.store.claim_for_nlp([i.doc_id for i in batch], self._owner)
            mine = set(self.store.still_pending(claimed, stage_versions(issues)))
            batch = [i for i in batch if i.doc_id in mine]
            if not batch:
                continue
            if self.options.writes == "workers":
                self.submit("stored", analyze_and_store, self.store.url, batch, issues, self.options.budget)
            else:
                self.submit("nlp", analyze_batch, batch, issues, self.options.budget)

    def _drain_one(self) -> None:
        kind, fut = self._pending.popleft()
        results = fut.result()
        for r in results:
            if kind == "prepare":
                if self.on_prepared:
                    self.on_prepared(r)
            elif kind == "nlp":
                if not self._unwritten:
                    self._unwritten_since = time.perf_counter()
                self._unwritten.append(r)
            else:
                self._count_stored(r)
        if len(self._unwritten) >= self.options.write_batch or (
            self._unwritten and time.perf_counter() - self._unwritten_since >= self.options.write_seconds
        ):
            self.write_results()

    def _count_stored(self, c: StoredCount) -> None:
        if c.failed:
            self.nlp.unanalysable += 1
            return
        self.nlp.documents += 1
        self.nlp.words += c.words
        self.nlp.quotes += c.quotes
        self.nlp.events += c.events
        self.nlp.positions += c.positions
        if self.on_nlp:
            self.on_nlp(c.doc_id, c.words)


def write_on_interrupt(flow: Flow) -> None:
    """After an interrupt: store the results already received, so the next run need not redo them,
    and release the run's claims, so a next run in this same process (the web server's) is not
    kept off the documents left. A second interrupt abandons the results (their transaction rolls
    back whole; the next run redoes them; the claims of a process that is gone are taken over)."""
    with suppress(KeyboardInterrupt):
        flow.write_results()
        flow.release_claims()


_STORES: dict[str, Store] = {}


def analyze_and_store(
    db_url: str, inputs: Sequence[NlpInput], issues: Sequence[Issue], budget: DocumentBudget | None = None
) -> list[StoredCount]:
    """The NLP task for writes from the workers: analyse, store here (the task's documents in one
    transaction), send back counts only. One store (connection pool) per worker process and database."""
    store = _STORES.get(db_url)
    if store is None:
        store = _STORES[db_url] = Store(db_url, migrate=False)
    outs = analyze_batch(inputs, issues, budget)
    # The task's documents in one transaction: a worker killed before its commit stores none of them,
    # and the task, rerun on another worker, stores them all.
    refused = {f.doc_id: f for f in store_outputs(store, outs)}
    return [_count(refused.get(_doc_id(o), o)) for o in outs]


def _doc_id(o: NlpOutput | NlpFailure) -> str:
    return o.doc_id if isinstance(o, NlpFailure) else o.result.doc_id


def _count(o: NlpOutput | NlpFailure) -> StoredCount:
    if isinstance(o, NlpFailure):
        return StoredCount(o.doc_id, 0, 0, 0, 0, failed=True)
    r = o.result
    return StoredCount(r.doc_id, o.words, len(r.quotes), len(r.events), len(r.positions))
