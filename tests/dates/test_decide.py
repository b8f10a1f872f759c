"""Tests for the dating stage (stanceline.dates.decide)."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stanceline.dates.decide import DATE_VERSION, date_document
from stanceline.model import Metadata

# The same place tests/conftest.py reads the shared corpus from (a worktree sits one level deeper).
SEEDS = Path(os.environ.get("STANCELINE_SHARED", Path(__file__).resolve().parents[2].parent / "shared")) / "seeds"


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


_ARTICLE = "<p>" + "Officials met in Brussels to discuss the plan in some detail today. " * 5 + "</p>"


def test_dates_version_is_a_string() -> None:
    assert isinstance(DATE_VERSION, str) and DATE_VERSION


def test_dates_jsonld_date() -> None:
    head = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
        '"headline":"Plan","datePublished":"2024-10-18T09:30:00+02:00",'
        '"dateModified":"2024-10-20T10:00:00Z"}</script>'
    )
    g = date_document(meta=Metadata(), html=_page(head, "<h1>Plan</h1>" + _ARTICLE), url=None, text="x")
    assert g.published == "2024-10-18"
    assert g.source == "json-ld"
    assert 0 < g.confidence <= 1
    assert g.evidence and "2024-10-18" in g.evidence


def test_dates_meta_tag() -> None:
    head = '<meta property="article:published_time" content="2023-03-05T08:00:00Z">'
    g = date_document(meta=Metadata(), html=_page(head, "<h1>Plan</h1>" + _ARTICLE), url=None, text="x")
    assert g.published == "2023-03-05"
    assert g.source == "html-meta"


def test_dates_prefers_publication_over_modification() -> None:
    head = (
        '<meta property="article:published_time" content="2023-03-05T08:00:00Z">'
        '<meta property="article:modified_time" content="2023-06-01T08:00:00Z">'
    )
    g = date_document(meta=Metadata(), html=_page(head, "<h1>Plan</h1>" + _ARTICLE), url=None, text="x")
    assert g.published == "2023-03-05"


def test_dates_url_date() -> None:
    url = "https://news.example.org/2021/06/14/some-story/"
    g = date_document(meta=Metadata(), html=_page("", _ARTICLE), url=url, text="x")
    assert g.published == "2021-06-14"
    assert g.source == "url"
    g2 = date_document(meta=Metadata(url=url), html=None, url=None, text="No date in here.")
    assert (g2.published, g2.source) == ("2021-06-14", "url")


def test_dates_german_visible_date() -> None:
    body = "<h1>Neue Regeln für Radfahrer</h1><p>Veröffentlicht am 3. März 2021</p>" + _ARTICLE
    g = date_document(meta=Metadata(), html=_page("", body), url=None, text="x")
    assert g.published == "2021-03-03"


def test_dates_dateline_in_text() -> None:
    text = "Ukraine plan meets cool reception\nPublished Oct 18, 2024\n\nOfficials met in Brussels on Thursday."
    g = date_document(meta=Metadata(), html=None, url=None, text=text)
    assert (g.published, g.source) == ("2024-10-18", "text")
    assert g.evidence and "Oct 18, 2024" in g.evidence


def test_dates_year_in_text_ignored() -> None:
    text = "The alliance has expanded since 1999.\nIn 2008 leaders promised membership, and in 2014 war began."
    g = date_document(meta=Metadata(), html=None, url=None, text=text)
    assert g.published is None
    assert g.source == "none" and g.confidence == 0


def test_dates_date_deep_in_body_ignored() -> None:
    filler = "\n".join(f"Paragraph {i} about the talks went on at some length." for i in range(12))
    text = filler + "\nOn December 1, 2024, the budget law was signed."
    g = date_document(meta=Metadata(), html=None, url=None, text=text)
    assert g.published is None


def test_dates_teaser_in_removed_ignored() -> None:
    teaser = "February 10, 2026"
    text = f"{teaser}\nOfficials met in Brussels on Thursday to discuss the plan."
    g = date_document(meta=Metadata(), html=None, url=None, text=text, removed=(teaser,))
    assert g.published is None


def test_dates_removed_teaser_in_html_ignored() -> None:
    teaser = "Other story: markets rally as ministers agree on a new trade pact, 14 March 2022, read more here now"
    body = "<h1>Plan for the alliance</h1>" + _ARTICLE + f"<div>{teaser}</div>"
    g = date_document(meta=Metadata(), html=_page("", body), url=None, text="Officials met.", removed=(teaser,))
    assert g.published != "2022-03-14"


def test_dates_manifest_month_precision_kept() -> None:
    meta = Metadata(published="2022-11", published_source="manifest")
    html = _page('<meta property="article:published_time" content="2022-11-15">', _ARTICLE)
    g = date_document(meta=meta, html=html, url=None, text="x")
    assert (g.published, g.source, g.confidence) == ("2022-11", "manifest", 1.0)


def test_dates_manifest_malformed_ignored() -> None:
    meta = Metadata(published="18/10/2024 or so", published_source="manifest")
    g = date_document(meta=meta, html=None, url=None, text="Nothing dated here.")
    assert g.published is None and g.source == "none"
    assert g.evidence and "malformed" in g.evidence
    meta2 = Metadata(published="2024-13-45", published_source="manifest")
    head = '<meta property="article:published_time" content="2023-03-05T08:00:00Z">'
    g2 = date_document(meta=meta2, html=_page(head, _ARTICLE), url=None, text="x")
    assert g2.published == "2023-03-05" and g2.source == "html-meta"
    assert g2.evidence and "malformed" in g2.evidence


def test_dates_feed_date_used_below_manifest() -> None:
    g = date_document(
        meta=Metadata(published="2024-02-03T10:00:00Z", published_source="feed"), html=None, url=None, text=""
    )
    assert (g.published, g.source) == ("2024-02-03", "feed")


def test_dates_future_date_rejected() -> None:
    future = (datetime.now(UTC) + timedelta(days=400)).date().isoformat()
    head = f'<meta property="article:published_time" content="{future}T08:00:00Z">'
    g = date_document(meta=Metadata(), html=_page(head, _ARTICLE), url=None, text="x")
    assert g.published != future
    g2 = date_document(meta=Metadata(published=future, published_source="manifest"), html=None, url=None, text="")
    assert g2.published is None
    g3 = date_document(meta=Metadata(), html=None, url=None, text=f"Published {future}\nBody text.")
    assert g3.published is None


def test_dates_no_date_is_none() -> None:
    g = date_document(meta=Metadata(), html=_page("", _ARTICLE), url="https://example.org/story", text="Plain.")
    assert (g.published, g.source, g.confidence) == (None, "none", 0.0)
    g2 = date_document(meta=Metadata(), html="", url=None, text="")
    assert g2.published is None


def test_dates_broken_html_does_not_raise() -> None:
    deep = "<div>" * 5000 + "x" + "</div>" * 5000
    xml_decl = '<?xml version="1.0" encoding="utf-8"?><html><body><h1>T</h1></body></html>'
    for html in ("<html><head><meta property='article:published_time' content='", "\x00\x01", "<<<>>>", xml_decl):
        date_document(meta=Metadata(), html=html, url=None, text="")
    g = date_document(meta=Metadata(), html=deep, url="https://example.org/2020/01/02/x", text="x")
    assert g.published == "2020-01-02"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not present")
@pytest.mark.parametrize("prefix", ["000_", "001_"])
def test_dates_seed_scrapes_get_no_teaser_date(prefix: str) -> None:
    path = next(SEEDS.glob(prefix + "*.txt"))
    raw = path.read_text(encoding="utf-8")
    texts: list[tuple[str, tuple[str, ...]]] = [(raw, ())]
    try:
        from stanceline.clean.core import clean_text

        c = clean_text(raw)
        texts.append((c.text, tuple(c.removed)))
    except ImportError:
        pass
    for text, removed in texts:
        g = date_document(meta=Metadata(), html=None, url=None, text=text, removed=removed)
        assert g.published is None or not re.match(r"202[56]", g.published), g


@pytest.mark.slow
def test_dates_htmldate_eval_beats_htmldate() -> None:
    bench = pytest.importorskip("bench.dates")
    if not (pytest.importorskip("bench.gold").root() / "htmldate_eval" / "gold.jsonl").is_file():
        pytest.skip("benchmarks not present")
    table = bench.collect(["htmldate_eval"], workers=2, limit=0)
    ours, theirs = table["htmldate_eval"]["stanceline"], table["htmldate_eval"]["htmldate-extensive"]
    assert ours["date_acc"] >= theirs["date_acc"]
    assert ours["date_prec"] >= theirs["date_prec"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe | October 18, 2024", "2024-10-18"),
        ("Veröffentlicht am 18. Oktober 2024", "2024-10-18"),
        ("Stand: 18.10.2024, 10:15 Uhr", "2024-10-18"),
        ("Updated Oct 19, 2024 / Published: Oct 18, 2024", "2024-10-18"),
        ("October 2024", "2024-10"),
        ("Screen-shot-2022-07-28-at-1.08.40-pm", None),
        ("The summit took place on July 11, 2023, after months of talks.", None),
        ("Video available until 28.02.2021", None),
        ("Entry deadline: 03.11.2019 (postmark)", None),
        ("— Jane Roe (@janeroe) January 1, 2020", None),
        ("4 x 100 m relay, team A 19.05.2007", None),
        ("(Updated Monday 12/9, 5:45 a.m.)", None),
    ],
)
def test_dates_dateline_forms(line: str, expected: str | None) -> None:
    g = date_document(meta=Metadata(), html=None, url=None, text=line + "\nOfficials met in Brussels on Thursday.")
    assert g.published == expected


def test_dates_visible_text_drops_chrome_keeps_tails() -> None:
    from stanceline.dates.html import parse_tree, visible_text

    html = _page(
        body='<h1>Head <span class="share">Share</span>line</h1><div class="related">Other 1 May 2020</div>'
        "after<script>var d='2020-01-01'</script> end <!-- 2 May 2020 --> done"
    )
    text, title = visible_text(parse_tree(html))
    assert title == "Head line"
    assert "Other" not in text and "2020-01-01" not in text and "2 May 2020" not in text
    assert "after" in text and "end" in text and "done" in text


def test_dates_visible_text_survives_deep_nesting() -> None:
    from stanceline.dates.html import parse_tree, visible_text

    html = _page(body="<div>" * 250 + "Published 18 October 2024" + "</div>" * 250)
    text, _ = visible_text(parse_tree(html))
    assert "18 October 2024" in text


def test_dates_htmldate_reads_the_tree_in_both_modes_without_patching() -> None:
    # htmldate is called as installed: its functions are the same objects before and after.
    import htmldate.extractors as ex

    from stanceline.dates.html import htmldate_candidates, parse_tree

    before = (ex._external_date, ex.month_words, ex.try_date_expr)
    html = _page('<meta name="date" content="2021-03-03">', "<h1>Harbour plan approved</h1>" + _ARTICLE)
    kinds = {c.kind: c.date.iso() for c in htmldate_candidates(parse_tree(html), None)}
    assert kinds == {"htmldate-fast": "2021-03-03", "htmldate-extensive": "2021-03-03"}
    assert (ex._external_date, ex.month_words, ex.try_date_expr) == before


def test_dates_day_only_written_in_the_text_is_reported_not_a_crash() -> None:
    # The ranker may pick a day no reader named (written near the headline only); that used to
    # raise inside decide_html and cost the page its HTML date.
    from stanceline.dates.decide import PageEvidence, decide_html
    from stanceline.dates.html import Written
    from stanceline.dates.parse import PDate

    day = PDate(2023, 3, 14)
    page = PageEvidence([], {day: Written(count=2, in_main=True, distance=12)})
    guess, note = decide_html(page, "Berlin, 14 March 2023. The council met.", (), 0.0)
    assert note is None and guess is not None
    assert guess.published == "2023-03-14" and guess.source == "text"
    assert guess.evidence == "2023-03-14 written in the page text 2 times, 12 characters from the headline"


def test_dates_headline_from_title_when_no_h1_gives_dateline_candidate() -> None:
    # No <h1>: the headline is the <title>'s longest part, and the date printed by it is the
    # dateline, read as a candidate like one under an <h1>.
    from stanceline.dates.decide import html_candidates

    html = (
        "<html><head><title>Harbour Gazette | Ferry service across the bay resumes after repairs</title></head>"
        "<body><div class='top'>Ferry service across the bay resumes after repairs</div>"
        "<p>Harbour desk, 7 Mar 2019, 08:15 local time</p>" + _ARTICLE + "</body></html>"
    )
    ev = html_candidates(html, None)
    kinds = {c.kind for c in ev.cands if c.date.iso() == "2019-03-07"}
    assert "text-title" in kinds
