"""Analysis over what is stored: NLP for every document whose stage versions are not current (after
an interrupted run, a new extractor version or a changed issues file), on any executor."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from stanceline.model import Issue
from stanceline.nlp.stage import NlpReport, nlp_inputs, pending_documents
from stanceline.pipeline.flow import Flow, FlowOptions, Writes, write_on_interrupt
from stanceline.pipeline.workers import for_run
from stanceline.scale.executor import ExecutorOptions, check_database, open_executor
from stanceline.store.db import Store

# Documents read from the store per step: their texts are in memory only while in flight.
READ_BATCH = 64


def sweep_pending(flow: Flow) -> None:
    """Queue every stored canonical document whose NLP is not current, read in id order."""
    issues = tuple(flow.issues or ())
    ids = pending_documents(flow.store, issues)
    for lo in range(0, len(ids), READ_BATCH):
        for item in nlp_inputs(flow.store, ids[lo : lo + READ_BATCH]):
            flow.queue_nlp(item)
        flow.pump()
    flow.finish()


def analyze_pending(
    store: Store,
    issues: Sequence[Issue],
    *,
    executor: ExecutorOptions | None = None,
    writes: Writes = "writer",
    on_nlp: Callable[[str, int], None] | None = None,
) -> NlpReport:
    ex_opts = for_run(executor or ExecutorOptions(), nlp=True)
    check_database(ex_opts, store.dialect.name)
    if not pending_documents(store, issues):
        return NlpReport()
    flow: Flow | None = None
    try:
        with open_executor(ex_opts) as ex:
            flow = Flow(store, ex, issues, FlowOptions(window=3 * ex.workers + 1, writes=writes), on_nlp=on_nlp)
            sweep_pending(flow)
    except KeyboardInterrupt:
        if flow is not None:
            flow.nlp.interrupted = True
            write_on_interrupt(flow)
    return flow.nlp if flow is not None else NlpReport(interrupted=True)
