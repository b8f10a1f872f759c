"""Tests for the learned day ranker (stanceline.dates.rank) and where days are written."""

from __future__ import annotations

import pytest

from stanceline.dates import rank as dates_rank
from stanceline.dates.html import Candidate, Written, page_text, parse_tree, visible_candidates, written_days
from stanceline.dates.parse import PDate, _find_all, find_all
from stanceline.errors import ModelMismatchError, ModelMissingError

_D1, _D2 = PDate(2024, 10, 18), PDate(2024, 10, 20)


def test_dates_rank_shipped_model_loads() -> None:
    m = dates_rank.load()
    used = m.trees.feature[m.trees.feature >= 0]
    assert used.size and int(used.max()) < len(dates_rank.FEATURE_NAMES)


def test_dates_rank_stale_spec_is_refused() -> None:
    assert dates_rank.from_spec({"features": ["other"], "trees": {}}) is None
    # the right features but no trees: a spec of the former linear ranker
    assert dates_rank.from_spec({"features": list(dates_rank.FEATURE_NAMES), "coef": {}}) is None


def test_dates_rank_missing_or_stale_model_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates_rank, "MODEL_PATH", "data/no-such-ranker.json")
    dates_rank.load.cache_clear()
    try:
        with pytest.raises(ModelMissingError, match="E300"):
            dates_rank.load()
        monkeypatch.setattr(dates_rank, "read_json_resource", lambda _p: {"features": ["x"], "coef": {}})
        dates_rank.load.cache_clear()
        with pytest.raises(ModelMismatchError, match=r"bench\.train_dates"):
            dates_rank.load()
    finally:
        monkeypatch.undo()
        dates_rank.load.cache_clear()


def test_dates_rank_agreeing_statements_beat_a_lone_modification() -> None:
    m = dates_rank.load()
    cands = [
        Candidate(_D1, "jsonld-pub", "JSON-LD"),
        Candidate(_D1, "meta-pub", "meta"),
        Candidate(_D2, "meta-mod", "meta mod"),
    ]
    ranked = dates_rank.rank(m, cands, "", (), None)
    assert ranked is not None and ranked[0] == _D1 and ranked[1] > 0.5


def test_dates_rank_lone_padded_first_of_month_is_unsure() -> None:
    # htmldate alone naming the 1st of January, written nowhere on the page: a completed year.
    m = dates_rank.load()
    day = PDate(2016, 1, 1)
    ranked = dates_rank.rank(m, [Candidate(day, "htmldate-extensive", "htmldate")], "", (), {})
    assert ranked is not None and ranked[1] < 0.5


def test_dates_rank_features_mark_days_only_written_in_chrome() -> None:
    written = {_D1: Written(1, True, 20), _D2: Written(1, False, 5000)}
    f = dates_rank.day_features([Candidate(_D2, "htmldate-extensive", "h")], "", (), written)
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
    assert w[PDate(2020, 5, 3)].before and not w[PDate(2020, 5, 4)].before
    assert not w[PDate(2020, 5, 3)].in_main and w[PDate(2020, 5, 4)].in_main and not w[PDate(2020, 5, 5)].in_main
    assert (w[PDate(2020, 5, 4)].distance or 0) < 30
    assert "3 May" not in pt.visible and "3 May" in pt.marked


def test_dates_find_all_long_text_same_as_full_scan() -> None:
    chunk = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 15
    text = chunk + "Posted on 18. Oktober 2024 by X. " + chunk + "2021-03-04 and October 5th, 2023 " + chunk
    assert len(text) > 2000
    assert find_all(text) == _find_all(text)
    assert [p.iso() for p, _, _ in find_all(text)] == ["2024-10-18", "2021-03-04", "2023-10-05"]


def test_dates_rank_teaser_days_are_long_removed_blocks_only() -> None:
    # A removed header line carrying the date is evidence, not a teaser; a long removed block
    # naming another day, absent from the body, is a teaser of another story.
    body = "The district council approved the new cycle lanes on Monday evening."
    removed = [
        "Posted 12 May 2021",
        "Lake levels fall for a third summer running, 3 March 2021 - read the full report on our site",
    ]
    assert dates_rank.teaser_days(body, removed) == {PDate(2021, 3, 3)}


def test_dates_visible_byline_date_is_its_own_kind() -> None:
    text = (
        "Ferry timetable changes for winter Readers also liked: 3 March 2020 results "
        "By Ola Placeholder and Jon Fictive 14 November 2021 The operator will cut two late sailings."
    )
    kinds = {(c.kind, c.date.iso()) for c in visible_candidates(text, "Nothing of this title is in the text")}
    assert ("text-byline", "2021-11-14") in kinds
    assert not any(d == "2020-03-03" for _k, d in kinds)


def test_dates_rank_page_features_are_the_same_on_every_day() -> None:
    cands = [Candidate(_D1, "jsonld-pub", "J"), Candidate(_D2, "meta-mod", "M"), Candidate(_D2, "text-mod", "T")]
    f = dates_rank.day_features(cands, "", (), None)
    assert f[_D1]["page_mod"] == f[_D2]["page_mod"] == 1.0
    assert f[_D1]["page_text_mod"] == f[_D2]["page_text_mod"] == 1.0
    assert f[_D1]["page_pub_days"] == f[_D2]["page_pub_days"] > 0
