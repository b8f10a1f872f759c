"""The ingest run: sources → prepare (clean, date, fingerprint) → dedup → store, streaming.

One writer (this process) stores each document in its own transaction, so an interrupted run keeps
everything finished before the interruption and the next run skips it by id.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal

from stanceline.clean.core import CleanOptions
from stanceline.config import IngestOptions
from stanceline.dedup import NearDuplicateIndex, content_hash, document_id, minhash_from_bytes
from stanceline.errors import StoreError
from stanceline.model import RawItem, SourceError
from stanceline.pipeline.prepare import Prepared, item_document_id, prepare, storable
from stanceline.scale.executor import ExecutorName, map_stream
from stanceline.sources.inputs import iter_sources
from stanceline.store.db import Store

Status = Literal["new", "duplicate", "unchanged", "failed"]


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
    executor: ExecutorName = "local",
    on_outcome: Callable[[SourceOutcome], None] | None = None,
) -> IngestReport:
    options = options or IngestOptions()
    report = IngestReport(run_id=uuid.uuid4().hex[:12])
    started = time.perf_counter()

    def emit(o: SourceOutcome) -> None:
        report.add(o)
        store.log_source(report.run_id, storable(o.source), o.status, o.doc_id, storable(o.reason))
        if on_outcome:
            on_outcome(o)

    def fresh_items() -> Iterator[RawItem]:
        """Items not stored yet; failures and already-stored items are reported on the way."""
        for item in iter_sources(inputs, manifest=manifest, options=options):
            if isinstance(item, SourceError):
                emit(SourceOutcome(item.source, "failed", reason=f"{item.reason} [{item.code}]"))
                continue
            raw_hash = content_hash(item.content)
            doc_id = item_document_id(item, raw_hash)
            if store.has_document(doc_id):
                emit(SourceOutcome(item.source, "unchanged", doc_id=doc_id))
                continue
            # Stored before ids came from the path under the input folder: keyed by the source as given.
            legacy = document_id(item.source, raw_hash) if item.id_key is not None else None
            if legacy and store.has_document(legacy):
                emit(SourceOutcome(item.source, "unchanged", doc_id=legacy))
                continue
            yield item

    near = NearDuplicateIndex()
    for doc_id, sig in store.iter_minhashes():
        near.add(doc_id, minhash_from_bytes(sig))
    seen_hashes: dict[str, str] = {}
    clean_opts = CleanOptions(favor_precision=options.favor_precision, favor_recall=options.favor_recall)
    try:
        for result in map_stream(
            partial(prepare, options=clean_opts, budget=options.budget),
            fresh_items(),
            workers=options.workers,
            executor=executor,
        ):
            if isinstance(result, SourceError):
                emit(SourceOutcome(result.source, "failed", reason=f"{result.reason} [{result.code}]"))
                continue
            try:
                emit(_store_prepared(store, result, near, seen_hashes))
            except StoreError as exc:
                # This document's rows were refused (its transaction rolled back); the batch goes on.
                emit(SourceOutcome(result.doc.source, "failed", reason=f"{exc.message} [{exc.code}]"))
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        report.seconds = time.perf_counter() - started
    return report


def _store_prepared(
    store: Store, p: Prepared, near: NearDuplicateIndex, seen_hashes: dict[str, str]
) -> SourceOutcome:
    doc = p.doc
    original = seen_hashes.get(p.text_hash) or store.find_by_text_hash(p.text_hash)
    reason = "same text" if original else None
    mh = minhash_from_bytes(p.minhash)
    if original is None:
        hit = near.find(mh)
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
        meta={"removed_blocks": p.removed_blocks},
        stage_versions=p.versions,
    )
    if not stored:
        return SourceOutcome(doc.source, "unchanged", doc_id=doc.id)
    words = len(doc.text.split())
    if original:
        return SourceOutcome(
            doc.source, "duplicate", doc_id=doc.id, duplicate_of=original, reason=reason, words=words
        )
    seen_hashes[p.text_hash] = doc.id
    near.add(doc.id, mh)
    return SourceOutcome(doc.source, "new", doc_id=doc.id, words=words)
