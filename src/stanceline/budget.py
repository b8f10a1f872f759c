"""Per-document budgets: size caps checked before a stage is called, and a wall-time limit.

The caps (`over_cap`) are the first line: they refuse a hostile document in milliseconds, before
any cleaner or parser sees it. The time limit (`time_limit`) is the backstop for whatever the caps
miss, third-party code included (htmldate's extensive search, lxml, readability): an interval
timer interrupts the Python code running when the time is up, wherever it is.

On a process's main thread (stages in-process and in a local process pool) the timer is a POSIX
signal. No signal reaches another thread (a dask.distributed worker runs tasks on threads, the web
server ingests uploads on one), so there a timer thread raises the exception in the guarded
thread instead (CPython's PyThreadState_SetAsyncExc). Both interrupt Python code between
bytecodes; neither stops one long call inside C, which the caps are there to bound.
"""

from __future__ import annotations

import ctypes
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from stanceline.config import DocumentBudget

__all__ = ["E_BUDGET", "TimeLimitExceeded", "over_cap", "time_limit"]

E_BUDGET = "E108"

_TAG = re.compile(r"<[A-Za-z]")


class TimeLimitExceeded(Exception):
    """Raised inside the guarded code when its time is up."""


def _signal_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the guarded block after `seconds` of wall time (no limit when
    `seconds` <= 0). Not nestable: the stages run one guarded call after another."""
    if seconds <= 0:
        yield
        return
    if not _signal_usable():
        with _thread_time_limit(seconds):
            yield
        return

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Make `thread_id` raise `exc` at its next bytecode (None: withdraw one not raised yet)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextmanager
def _thread_time_limit(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                _raise_in(target, TimeLimitExceeded)
                state["fired"] = True

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                # Raised already (nothing to withdraw), or still pending as the block ends: it
                # must not go off later, in whatever code runs next.
                _raise_in(target, None)


def over_cap(text: str, *, is_html: bool, budget: DocumentBudget) -> str | None:
    """Why a decoded document is over its size budget (a sentence for its failure row), or None.
    Counting is linear and cheap: this runs before any parser."""
    cap = budget.max_html_chars if is_html else budget.max_text_chars
    if len(text) > cap:
        return f"too long to clean ({len(text):,} characters; the budget is {cap:,})"
    if is_html and text.count("<") > budget.max_tags:
        tags = sum(1 for _ in _TAG.finditer(text))
        if tags > budget.max_tags:
            return f"too many HTML elements ({tags:,} tags; the budget is {budget.max_tags:,})"
    if not is_html:
        lines = text.count("\n") + 1
        if lines > budget.max_lines:
            return f"too many lines for the plain-text cleaner ({lines:,}; the budget is {budget.max_lines:,})"
    return None
