"""Tests for the learned day ranker (stanceline.dates.rank) and where days are written."""

from __future__ import annotations

from stanceline.dates import rank as dates_rank
from stanceline.dates.html import Candidate, Written, page_text, parse_tree, written_days
from stanceline.dates.parse import PDate, _find_all, find_all

_D1, _D2 = PDate(2024, 10, 18), PDate(2024, 10, 20)


def test_dates_rank_shipped_model_loads() -> None:
    m = dates_rank.load()
    assert m is not None
    assert set(m.coef) <= set(dates_rank.FEATURE_NAMES)


def test_dates_rank_stale_spec_is_refused() -> None:
    assert dates_rank.from_spec({"features": ["other"], "coef": {}, "none_score": 0.0}) is None


def test_dates_rank_agreeing_statements_beat_a_lone_modification() -> None:
    m = dates_rank.load()
    assert m is not None
    cands = [
        Candidate(_D1, "jsonld-pub", "JSON-LD"),
        Candidate(_D1, "meta-pub", "meta"),
        Candidate(_D2, "meta-mod", "meta mod"),
    ]
    ranked = dates_rank.rank(m, cands, {_D1: 3.0, _D2: -0.45}, "", (), None)
    assert ranked is not None and ranked[0] == _D1 and ranked[1] > 0.5


def test_dates_rank_lone_padded_first_of_month_is_unsure() -> None:
    # htmldate alone naming the 1st of January, written nowhere on the page: a completed year.
    m = dates_rank.load()
    assert m is not None
    day = PDate(2016, 1, 1)
    ranked = dates_rank.rank(m, [Candidate(day, "htmldate-orig", "htmldate")], {day: 1.2}, "", (), {})
    assert ranked is not None and ranked[1] < 0.5


def test_dates_rank_features_mark_days_only_written_in_chrome() -> None:
    written = {_D1: Written(1, True, 20), _D2: Written(1, False, 5000)}
    f = dates_rank.day_features([Candidate(_D2, "htmldate-orig", "h")], {_D2: 1.2}, "", (), written)
    assert set(f) == {_D1, _D2}
    assert f[_D1]["written_only"] == 1.0 and f[_D1]["w_nearest"] == 1.0
    assert f[_D2]["w_chrome_only"] == 1.0 and f[_D2].get("w_nearest", 0.0) == 0.0


def test_dates_written_days_marks_chrome_and_distance() -> None:
    html = (
        "<html><body><div class='teaser'>Other story 3 May 2020</div><h1>The headline of the story</h1>"
        "<p>Published 4 May 2020</p><footer>5 May 2020</footer><script>var d = '6 May 2020'</script></body></html>"
    )
    pt = page_text(parse_tree(html))
    w = written_days(pt, pt.title)
    assert set(w) == {PDate(2020, 5, 3), PDate(2020, 5, 4), PDate(2020, 5, 5)}
    assert not w[PDate(2020, 5, 3)].in_main and w[PDate(2020, 5, 4)].in_main and not w[PDate(2020, 5, 5)].in_main
    assert (w[PDate(2020, 5, 4)].distance or 0) < 30
    assert "3 May" not in pt.visible and "3 May" in pt.marked


def test_dates_find_all_long_text_same_as_full_scan() -> None:
    chunk = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 15
    text = chunk + "Posted on 18. Oktober 2024 by X. " + chunk + "2021-03-04 and October 5th, 2023 " + chunk
    assert len(text) > 2000
    assert find_all(text) == _find_all(text)
    assert [p.iso() for p, _, _ in find_all(text)] == ["2024-10-18", "2021-03-04", "2023-10-05"]
