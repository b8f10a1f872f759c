"""Outlet, canonical URL and author from what a page says about itself (pages written for the test)."""

from __future__ import annotations

import json

from stanceline.clean.html.extract import load_page
from stanceline.clean.html.metadata import outlet_from_host, page_metadata
from stanceline.model import Metadata, RawItem
from stanceline.pipeline.prepare import Prepared, prepare

BODY = (
    "<p>The harbour authority approved a plan on Monday to dredge the northern channel before winter.</p>"
    "<p>Fishing crews welcomed the decision, though two councillors asked who would pay for the work.</p>"
    "<p>Dredging is expected to start in October and to last about six weeks, the authority said.</p>"
)


def _page(head: str) -> str:
    return f"<html><head><title>Channel plan</title>{head}</head><body><article>{BODY}</article></body></html>"


def _meta(head: str, base: str | None = None):  # type: ignore[no-untyped-def]
    return page_metadata(load_page(_page(head)), base)


def test_metadata_opengraph_site_name_and_canonical_link() -> None:
    got = _meta(
        '<meta property="og:site_name" content="The Harbour Gazette">'
        '<link rel="canonical" href="https://news.example.org/2031/05/channel-plan">'
        '<meta name="author" content="Ada Lovell">'
    )
    assert got.outlet == "The Harbour Gazette"
    assert got.url == "https://news.example.org/2031/05/channel-plan"
    assert got.author == "Ada Lovell"


def test_metadata_json_ld_publisher_author_and_url() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "url": "https://coast.example.net/local/dredging-approved",
        "author": {"@type": "Person", "name": "Bram Okafor"},
        "publisher": {"@type": "NewsMediaOrganization", "name": "Coastal Courier"},
    }
    got = _meta(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    assert got.outlet == "Coastal Courier"
    assert got.url == "https://coast.example.net/local/dredging-approved"
    assert got.author == "Bram Okafor"


def test_metadata_application_name_names_the_outlet() -> None:
    got = _meta('<meta name="application-name" content="Valley Post">')
    assert got.outlet == "Valley Post" and got.url is None


def test_metadata_outlet_falls_back_to_the_canonical_host() -> None:
    got = _meta('<link rel="canonical" href="https://www.riverside-daily.example/story/42-channel">')
    assert got.outlet == "riverside-daily.example"
    assert outlet_from_host("http://www.a.example/x") == "a.example"


def test_metadata_relative_canonical_resolved_against_the_fetched_address() -> None:
    got = _meta('<link rel="canonical" href="/2031/channel">', "https://port.example.com/feed/item?id=9")
    assert got.url == "https://port.example.com/2031/channel"
    assert got.outlet == "port.example.com"


def test_metadata_home_page_og_url_is_not_the_article_address() -> None:
    got = _meta('<meta property="og:url" content="https://bay.example.org/">')
    assert got.url is None
    assert got.outlet == "bay.example.org"  # the host still names the site


def test_metadata_addresses_handles_and_single_words_are_not_names() -> None:
    got = _meta(
        '<meta property="article:publisher" content="https://social.example.com/harbourgazette">'
        '<meta name="author" content="admin">'
        '<meta name="twitter:site" content="@HarbourGazette">'
    )
    assert got.outlet == "HarbourGazette"
    assert got.author is None


def test_metadata_outlet_credited_as_author_is_not_a_person() -> None:
    got = _meta(
        '<meta property="og:site_name" content="Tide Times">'
        '<meta name="author" content="Tide Times">'
    )
    assert got.outlet == "Tide Times" and got.author is None


def test_metadata_scripted_urls_and_broken_json_ld_give_nothing() -> None:
    got = _meta(
        '<link rel="canonical" href="javascript:alert(1)">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "url": </script>'
    )
    assert got.url is None and got.outlet is None


def test_metadata_manifest_wins_and_source_is_the_url() -> None:
    head = (
        '<meta property="og:site_name" content="The Harbour Gazette">'
        '<link rel="canonical" href="https://news.example.org/2031/05/channel-plan">'
    )
    page = _page(head).encode()
    from_page = prepare(RawItem("pages/channel.html", page, "text/html"))
    assert isinstance(from_page, Prepared)
    assert from_page.doc.outlet == "The Harbour Gazette"
    assert from_page.doc.source == from_page.doc.url == "https://news.example.org/2031/05/channel-plan"
    assert from_page.read_from == "pages/channel.html"
    given = Metadata(url="https://mirror.example.com/c", outlet="Mirror Desk")
    from_manifest = prepare(RawItem("pages/channel.html", page, "text/html", meta=given))
    assert isinstance(from_manifest, Prepared)
    assert (from_manifest.doc.outlet, from_manifest.doc.source) == ("Mirror Desk", "https://mirror.example.com/c")


def test_metadata_local_file_without_url_keeps_its_path() -> None:
    got = prepare(RawItem("pages/plain.html", _page("").encode(), "text/html"))
    assert isinstance(got, Prepared)
    assert got.doc.source == "pages/plain.html" and got.doc.url is None and got.doc.outlet is None
