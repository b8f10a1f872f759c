"""The NLP stage over stored documents: parse once per document, then entities, quotes, events and
positions from the same parse. Resumable: a document is done when its stage versions are current."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from stanceline.model import Issue
from stanceline.store.db import NlpResult, Store


@dataclass(slots=True)
class NlpReport:
    documents: int = 0
    words: int = 0
    quotes: int = 0
    positions: int = 0
    events: int = 0
    seconds: float = 0.0
    interrupted: bool = False


def issues_digest(issues: Sequence[Issue]) -> str:
    payload = json.dumps(
        [[i.name, i.description, list(i.terms), list(i.context_terms)] for i in issues], sort_keys=True
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:8]


def stage_versions(issues: Sequence[Issue]) -> dict[str, str]:
    from stanceline.nlp.analysis import NLP_VERSION
    from stanceline.nlp.events.extract import EVENTS_VERSION
    from stanceline.nlp.stance.extract import STANCE_VERSION

    # Positions depend on the issues file as much as on the code: both are in the version.
    return {
        "nlp": NLP_VERSION,
        "events": EVENTS_VERSION,
        "stance": f"{STANCE_VERSION}+{issues_digest(issues)}",
    }


def pending_documents(store: Store, issues: Sequence[Issue]) -> list[str]:
    ids: set[str] = set()
    for stage, version in stage_versions(issues).items():
        ids.update(store.docs_needing(stage, version))
    return sorted(ids)


def run_nlp(
    store: Store,
    *,
    issues: Sequence[Issue],
    doc_ids: Sequence[str] | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    on_doc: Callable[[str, int], None] | None = None,
) -> NlpReport:
    """Process `doc_ids` (default: every document whose stage versions are not current)."""
    from stanceline.nlp.actors.keys import AliasTable, merge_actors
    from stanceline.nlp.analysis import analyze_texts
    from stanceline.nlp.events.extract import extract_events
    from stanceline.nlp.stance.extract import extract_positions

    versions = stage_versions(issues)
    ids = list(doc_ids) if doc_ids is not None else pending_documents(store, issues)
    report = NlpReport()
    started = time.perf_counter()
    meta: dict[str, tuple[str, str | None, str | None]] = {}

    def texts() -> Iterator[tuple[str, str]]:
        for doc_id in ids:
            doc = store.get_document(doc_id)
            if doc is None or doc.duplicate_of:
                continue
            meta[doc_id] = (doc.text, doc.published, doc.outlet)
            yield doc_id, doc.text

    aliases = AliasTable.load()
    try:
        for dn in analyze_texts(texts(), aliases=aliases, batch_size=batch_size, n_process=n_process):
            text, published, outlet = meta.pop(dn.doc_id)
            events = extract_events(
                doc_id=dn.doc_id, text=text, spacy_doc=dn.spacy_doc, mentions=dn.mentions, date=published
            )
            positions = extract_positions(
                doc_id=dn.doc_id,
                text=text,
                spacy_doc=dn.spacy_doc,
                mentions=dn.mentions,
                quotes=dn.quotes,
                issues=issues,
                date=published,
                outlet=outlet,
            )
            keys = {a.key for a in dn.actors}
            merged = merge_actors([*store.get_actors(keys), *dn.actors])
            store.replace_nlp(
                NlpResult(dn.doc_id, dn.mentions, dn.quotes, events, positions, versions), merged
            )
            words = len(text.split())
            report.documents += 1
            report.words += words
            report.quotes += len(dn.quotes)
            report.positions += len(positions)
            report.events += len(events)
            if on_doc:
                on_doc(dn.doc_id, words)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        report.seconds = time.perf_counter() - started
    return report
