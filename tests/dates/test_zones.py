"""Tests for turning UTC timestamps into the publisher's own day (stanceline.dates.zones)."""

from __future__ import annotations

from stanceline.dates.decide import html_candidates
from stanceline.dates.html import Candidate
from stanceline.dates.parse import PDate, parse_instant
from stanceline.dates.zones import localise

_ARTICLE = "<p>" + "The harbour board approved a new timetable for the winter ferries. " * 5 + "</p>"


def _cand(value: str, kind: str = "meta-pub") -> Candidate:
    day = PDate(int(value[:4]), int(value[5:7]), int(value[8:10]))
    return Candidate(day, kind, value, instant=parse_instant(value))


def _days(cands: list[Candidate], kind: str) -> set[str]:
    return {c.date.iso() for c in cands if c.kind == kind}


def test_zones_parse_instant_needs_a_time_and_a_zone() -> None:
    assert parse_instant("2021-06-03T01:15:00Z") is not None
    assert parse_instant("2021-06-02 20:15:00-0500") is not None
    assert parse_instant("2021-06-03T01:15:00") is None  # no zone: no moment
    assert parse_instant("2021-06-03") is None


def test_zones_utc_timestamp_takes_the_day_of_the_same_moment_in_the_page_zone() -> None:
    cands = [_cand("2021-06-03T01:15:00Z"), _cand("2021-06-02T20:15:00-05:00", "time-pub")]
    assert _days(localise(cands), "meta-pub") == {"2021-06-02"}


def test_zones_eastern_offset_moves_a_late_utc_evening_forward() -> None:
    cands = [_cand("2018-11-30T22:40:00+00:00", "jsonld-pub"), _cand("2018-12-01T00:40:00+02:00", "itemprop-pub")]
    assert _days(localise(cands), "jsonld-pub") == {"2018-12-01"}


def test_zones_utc_day_kept_without_evidence_of_another_zone() -> None:
    cands = [_cand("2021-06-03T01:15:00Z"), _cand("2021-06-03T09:00:00+00:00", "meta-mod")]
    assert _days(localise(cands), "meta-pub") == {"2021-06-03"}


def test_zones_utc_midnight_is_a_bare_date_and_kept() -> None:
    cands = [_cand("2021-06-03T00:00:00Z"), _cand("2021-06-04T10:00:00-05:00", "meta-mod")]
    assert _days(localise(cands), "meta-pub") == {"2021-06-03"}


def test_zones_offset_from_another_season_is_trusted_only_if_an_hour_either_way_agrees() -> None:
    # The page's offset comes from a timestamp months away; an hour of daylight saving either way
    # would put 05:30 UTC on either side of midnight at -06:00, so the UTC day stays.
    near_midnight = [_cand("2020-04-10T05:30:00Z"), _cand("2021-01-15T08:00:00-06:00", "meta-mod")]
    assert _days(localise(near_midnight), "meta-pub") == {"2020-04-10"}
    # At 02:30 UTC every offset from -05:00 to -07:00 gives the previous day.
    clear = [_cand("2020-04-10T02:30:00Z"), _cand("2021-01-15T08:00:00-06:00", "meta-mod")]
    assert _days(localise(clear), "meta-pub") == {"2020-04-09"}


def test_zones_page_with_meta_in_utc_and_time_element_in_local_zone() -> None:
    html = (
        "<html><head><title>Ferries</title>"
        '<meta property="article:published_time" content="2022-09-14T03:05:00+00:00">'
        "</head><body><article><h1>Winter ferry timetable approved by the board</h1>"
        '<div class="byline"><time datetime="2022-09-13T23:05:00-04:00">Sept. 13</time></div>'
        + _ARTICLE
        + "</article></body></html>"
    )
    ev = html_candidates(html, None)
    assert _days(ev.cands, "meta-pub") == {"2022-09-13"}
    assert any("2022-09-13" in c.evidence for c in ev.cands if c.kind == "meta-pub")
