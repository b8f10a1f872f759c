"""Per-document budgets: caps counted before any parser, and a wall-time limit that interrupts."""

from __future__ import annotations

import threading
import time

import pytest

from stanceline.budget import TimeLimitExceeded, over_cap, time_limit
from stanceline.config import DocumentBudget


def test_budget_time_limit_interrupts_a_busy_loop() -> None:
    started = time.perf_counter()
    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        while True:
            pass
    assert time.perf_counter() - started < 1.0


def test_budget_time_limit_is_disarmed_after_the_block() -> None:
    with time_limit(0.05):
        pass
    time.sleep(0.1)  # the alarm must not fire here


def test_budget_caps_count_tags_lines_and_characters() -> None:
    budget = DocumentBudget(max_tags=100, max_lines=50, max_text_chars=10_000, max_html_chars=20_000)
    assert over_cap("<p>" * 100, is_html=True, budget=budget) is None
    assert "101 tags" in (over_cap("<p>" * 101, is_html=True, budget=budget) or "")
    # "<" that opens no tag (maths, code in text) is not an element.
    assert over_cap("a < b " * 500, is_html=True, budget=budget) is None
    assert over_cap("x\n" * 49, is_html=False, budget=budget) is None
    assert "51" in (over_cap("x\n" * 50, is_html=False, budget=budget) or "")
    assert "10,001 characters" in (over_cap("x" * 10_001, is_html=False, budget=budget) or "")
    assert over_cap("x" * 10_001, is_html=True, budget=budget) is None
    assert "20,001 characters" in (over_cap("x" * 20_001, is_html=True, budget=budget) or "")


def test_budget_time_limit_interrupts_a_busy_loop_off_the_main_thread() -> None:
    """Threads get no signals (dask.distributed runs tasks on threads): the limit still holds."""
    took: list[float] = []

    def work() -> None:
        started = time.perf_counter()
        try:
            with time_limit(0.05):
                while True:
                    pass
        except TimeLimitExceeded:
            took.append(time.perf_counter() - started)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(5)
    assert took and took[0] < 1.0


def test_budget_time_limit_off_the_main_thread_is_disarmed_after_the_block() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                with time_limit(0.02):
                    pass
            time.sleep(0.2)  # no limit may go off here
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive() and errors == []
