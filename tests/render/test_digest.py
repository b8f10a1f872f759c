"""The digest written out: every Markdown line links to its evidence, the HTML page stands alone,
and article text cannot become markup."""

from __future__ import annotations

import re

import pytest

from stanceline.analyze.digest import build_digest
from stanceline.render.digest import md, ref_label, render_html, render_markdown
from stanceline.store.db import Store


@pytest.fixture
def store(corpus_store: Store) -> Store:
    return corpus_store


def test_digest_markdown_says_when_nothing_is_in_the_period(store: Store) -> None:
    assert "No positions" in render_markdown(build_digest(store, since="2030"))


def test_digest_markdown_links_every_line(store: Store) -> None:
    text = render_markdown(build_digest(store), base_url="http://localhost:8000")
    bullets = [ln for ln in text.splitlines() if ln.startswith(("- ", "> "))]
    assert bullets
    for ln in bullets:
        assert re.search(r"\]\(http://localhost:8000/(documents|stories)/[^)]+\)", ln), ln
    assert "## Ukraine joins NATO" in text and "### Who moved" in text


def test_digest_html_is_a_standalone_page_with_links(store: Store) -> None:
    html = render_html(build_digest(store))
    assert html.startswith("<!doctype html>")
    assert len(re.findall(r'href="/documents/[0-9a-f]+#p-', html)) >= 5


def test_digest_markdown_escaping() -> None:
    assert md("[x](javascript:alert(1)) <b>*y*</b> & _z_") == (
        "\\[x\\]\\(javascript:alert\\(1\\)\\) &lt;b&gt;\\*y\\*&lt;/b&gt; &amp; \\_z\\_"
    )


def test_digest_labels_name_the_outlet_and_date(store: Store) -> None:
    refs = [x.ref for x in build_digest(store).sections[0].developments]
    assert refs and all(re.search(r", (\d{4}(-\d{2}){0,2}|undated)$", ref_label(r)) for r in refs)
