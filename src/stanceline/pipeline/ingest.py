"""The ingest run: sources → prepare (clean, date, fingerprint) → dedup → store → NLP, streaming.

Prepare and NLP run on the executor (this process, a process pool or a Dask cluster; see flow.py).
One writer (this process) stores each document in its own transaction, in input order, so an
interrupted run keeps everything finished before the interruption and the next run skips it by id;
documents stored without current NLP (an interrupted run, a new extractor version, other issues)
are picked up by the sweep at the end (analyze.py).
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from stanceline.clean.language import check_language_model
from stanceline.config import IngestOptions
from stanceline.dedup import band_keys, closest, content_hash, document_id
from stanceline.errors import ConfigError, StoreError
from stanceline.model import Issue, RawItem, SourceError
from stanceline.nlp.stage import NlpInput, NlpReport
from stanceline.pipeline.analyze import sweep_pending
from stanceline.pipeline.failed import DETERMINED_BY_INPUT, prepare_key
from stanceline.pipeline.flow import Flow, FlowOptions, Writes, write_on_interrupt
from stanceline.pipeline.ids import item_document_id, storable
from stanceline.pipeline.workers import for_run
from stanceline.scale.executor import ExecutorName, ExecutorOptions, check_database, open_executor
from stanceline.sources.inputs import iter_sources
from stanceline.store.db import Store

if TYPE_CHECKING:
    from stanceline.pipeline.prepare import Prepared

Status = Literal["new", "duplicate", "unchanged", "failed"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    source: str
    status: Status
    doc_id: str | None = None
    reason: str | None = None
    duplicate_of: str | None = None
    words: int = 0


@dataclass(slots=True)
class IngestReport:
    run_id: str
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[SourceOutcome] = field(default_factory=list)
    duplicates: list[SourceOutcome] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    nlp: NlpReport | None = None

    @property
    def failed(self) -> bool:
        return bool(self.failures)

    def add(self, o: SourceOutcome) -> None:
        self.counts[o.status] += 1
        if o.status == "failed":
            self.failures.append(o)
        elif o.status == "duplicate":
            self.duplicates.append(o)
        elif o.status == "new" and o.doc_id:
            self.new_ids.append(o.doc_id)
            self.words += o.words


def ingest(
    store: Store,
    inputs: Sequence[str],
    *,
    manifest: Path | None = None,
    options: IngestOptions | None = None,
    executor: ExecutorName | ExecutorOptions = "local",
    issues: Sequence[Issue] | None = None,
    writes: Writes = "writer",
    on_outcome: Callable[[SourceOutcome], None] | None = None,
    on_nlp: Callable[[str, int], None] | None = None,
    on_documents_stored: Callable[[], None] | None = None,
) -> IngestReport:
    """Ingest `inputs`; with `issues`, run NLP on every new canonical document (and on any stored
    document whose NLP is not current) in the same run. `report.nlp` then holds the NLP counts.
    `on_documents_stored` is called once every document is stored, while NLP may still run on the
    workers (see Flow)."""
    options = options or IngestOptions()
    ex_opts = for_run(
        executor if isinstance(executor, ExecutorOptions) else ExecutorOptions(name=executor, workers=options.workers),
        nlp=issues is not None,
    )
    check_database(ex_opts, store.dialect.name)
    check_language_model()  # before any work: without it every document would fail alike
    if writes == "workers" and store.dialect.name == "sqlite":
        raise ConfigError("writes from the workers need PostgreSQL; SQLite takes one writer", code="E434")
    report = IngestReport(run_id=uuid.uuid4().hex[:12])
    started = time.perf_counter()

    log: list[tuple[str, str, str, str | None, str | None]] = []
    prepared_with = prepare_key(options)
    # Item ids of the items sent to prepare, by source, so a failure the input decides can be remembered.
    in_flight: dict[str, str] = {}

    def emit(o: SourceOutcome) -> None:
        report.add(o)
        # The log is written in batches (it is a record for the user; the documents are the data).
        log.append((report.run_id, storable(o.source), o.status, o.doc_id, storable(o.reason)))
        if len(log) >= LOOKUP_BATCH:
            store.log_sources(log)
            log.clear()
        if on_outcome:
            on_outcome(o)

    def fresh_items() -> Iterator[RawItem]:
        """Items not stored yet; failures and already-stored items are reported on the way. Stored
        ids are looked up a batch at a time, so an unchanged re-run costs a query per batch."""
        for chunk in _batches(iter_sources(inputs, manifest=manifest, options=options), LOOKUP_BATCH):
            ids: list[tuple[str, str | None] | None] = []
            for item in chunk:
                if isinstance(item, SourceError):
                    ids.append(None)
                    continue
                raw_hash = content_hash(item.content)
                # Stored before ids came from the path under the input folder: keyed by the source as given.
                legacy = document_id(item.source, raw_hash) if item.id_key is not None else None
                ids.append((item_document_id(item, raw_hash), legacy))
            stored = store.existing_documents([i for pair in ids if pair for i in pair if i])
            failed = store.remembered_failures([p[0] for p in ids if p and p[0] not in stored], prepared_with)
            for item, pair in zip(chunk, ids, strict=True):
                if isinstance(item, SourceError) or pair is None:
                    emit(SourceOutcome(item.source, "failed", reason=f"{item.reason} [{item.code}]"))  # type: ignore[union-attr]
                    continue
                found = next((i for i in pair if i and i in stored), None)
                if found:
                    emit(SourceOutcome(item.source, "unchanged", doc_id=found))
                elif pair[0] in failed:
                    code, why = failed[pair[0]]
                    emit(SourceOutcome(storable(item.source), "failed", reason=f"{why} [{code}]"))
                else:
                    in_flight[storable(item.source)] = pair[0]
                    yield item

    def on_prepared(result: Prepared | SourceError) -> None:
        item_id = in_flight.pop(result.source if isinstance(result, SourceError) else result.doc.source, None)
        if isinstance(result, SourceError):
            if item_id and result.code in DETERMINED_BY_INPUT:
                store.remember_failure(item_id, prepared_with, result.code, result.reason)
            emit(SourceOutcome(result.source, "failed", reason=f"{result.reason} [{result.code}]"))
            return
        try:
            outcome = _store_prepared(store, result)
        except StoreError as exc:
            # This document's rows were refused (its transaction rolled back); the batch goes on.
            emit(SourceOutcome(result.read_from or result.doc.source, "failed", reason=f"{exc.message} [{exc.code}]"))
            return
        emit(outcome)
        if outcome.status == "new":
            d = result.doc
            flow.queue_nlp(NlpInput(d.id, d.text, d.published, d.outlet, d.language))

    clean_opts: Any = None
    flows: list[Flow] = []  # the run's flow once made: its unwritten NLP results are stored on an interrupt
    try:
        with open_executor(ex_opts) as ex:
            flow = Flow(
                store,
                ex,
                issues,
                FlowOptions(window=3 * ex.workers + 1, writes=writes, budget=options.budget),
                on_nlp=on_nlp,
                on_prepared=on_prepared,
                on_documents_stored=on_documents_stored,
            )
            flows.append(flow)
            for batch in _batches(fresh_items(), PREPARE_BATCH):
                # The cleaners and daters load on the first new item: an unchanged re-run skips them.
                from stanceline.clean.core import CleanOptions
                from stanceline.pipeline.prepare import prepare_batch

                clean_opts = clean_opts or CleanOptions(
                    favor_precision=options.favor_precision, favor_recall=options.favor_recall
                )
                flow.submit("prepare", prepare_batch, batch, clean_opts, options.budget)
            flow.finish()
            if issues is not None:
                sweep_pending(flow)
                report.nlp = flow.nlp
    except KeyboardInterrupt:
        report.interrupted = True
        for f in flows:
            write_on_interrupt(f)
    finally:
        store.log_sources(log)
        report.seconds = time.perf_counter() - started
    return report


LOOKUP_BATCH = 128

# Items per prepare task: enough to make a task's overhead (pickling, a Dask round trip) small
# beside its work (about 10-30 ms a document), few enough to keep every worker busy.
PREPARE_BATCH = 8


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _store_prepared(store: Store, p: Prepared) -> SourceOutcome:
    """Dedup against what is stored (two index lookups) and store: in input order, so the first of
    a set of duplicates is the canonical one whatever the executor."""
    doc = p.doc
    read_from = p.read_from or doc.source
    original = store.find_by_text_hash(p.text_hash)
    reason = "same text" if original else None
    if original is None:
        hit = closest(p.minhash, store.near_duplicate_candidates(band_keys(p.minhash)))
        if hit:
            original, sim = hit
            reason = f"near-duplicate (Jaccard ≈ {sim:.2f})"
    doc.duplicate_of = original
    stored = store.add_document(
        doc,
        raw=p.raw,
        media_type=p.media_type,
        text_hash=p.text_hash,
        minhash=p.minhash,
        date_evidence=p.date_evidence,
        meta={"removed_blocks": p.removed_blocks, "read_from": read_from, "language_confidence": p.language_confidence},
        stage_versions=p.versions,
    )
    if not stored:
        return SourceOutcome(read_from, "unchanged", doc_id=doc.id)
    words = len(doc.text.split())
    if doc.duplicate_of and not original:  # another writer stored the same text first
        original, reason = doc.duplicate_of, "same text"
    if original:
        return SourceOutcome(
            read_from, "duplicate", doc_id=doc.id, duplicate_of=original, reason=reason, words=words
        )
    return SourceOutcome(read_from, "new", doc_id=doc.id, words=words)
