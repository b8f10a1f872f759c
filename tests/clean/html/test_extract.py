"""HTML cleaning end to end: the extractor, the residue filter and the block classifier pass."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from stanceline.clean.core import CleanOptions, clean_html
from stanceline.clean.html import blocks as clean_blocks
from stanceline.clean.html import blocks_model as clean_blocks_model

PARAS = [
    "The regional council approved the construction of a new bridge over the river on Tuesday evening, "
    "ending a debate that had divided the town for more than three years.",
    "Supporters said the crossing would cut travel times for commuters and bring new business to the "
    "villages on the northern bank, which have long felt cut off from the town centre.",
    "Opponents argued that the cost, estimated at forty million euros, would strain the budget and that "
    "the money should go to schools and the ageing hospital instead.",
    "The mayor said construction would start next spring if the national government confirms its share "
    "of the funding, and that the bridge could open to traffic within three years.",
    "Residents will be able to comment on the final design at a public meeting in the town hall next "
    "month, the council said in a statement published after the vote.",
]

PAGE = f"""<html lang="en"><head><title>Council approves bridge | Example News</title></head><body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
<main><article class="article-body">
<h1>Council approves the new bridge</h1>
{''.join(f'<p>{p}</p>' for p in PARAS)}
</article>
<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/a">Town hall renovation delayed again</a></li>
<li><a href="/b">Hospital wing to close for repairs</a></li></ul></aside>
<section class="comments"><h3>3 comments</h3><div class="comment"><p>jdoe says: About time!</p></div></section>
</main>
<footer class="site-footer"><p>Copyright 2024 Example News. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></p></footer>
</body></html>"""

CHROME = ["Contact us", "Town hall renovation delayed", "About time", "All rights reserved", "Privacy policy"]


def _constant_model(p: float, gate: float = 1e9) -> clean_blocks_model.BlockModel:
    """A model that gives every block probability p (one leaf), passing every page's gate."""
    spec = {"features": list(clean_blocks.FEATURE_NAMES),
            "trees": [{"feature": [-1], "threshold": [0.0], "left": [0], "right": [0], "value": [0.0]}],
            "init": math.log(p / (1 - p)), "depth": 1, "drop_below": 0.0, "add_above": 0.7, "reach": 2,
            "shift": 0.15, "gate": gate}
    m = clean_blocks_model.from_spec(spec)
    assert m is not None
    return m


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(clean_blocks_model, "load", lambda: None)
    yield


def test_clean_html_keeps_article_paragraphs_and_drops_page_chrome() -> None:
    text = clean_html(PAGE, "https://news.example.org/2024/bridge").text
    for p in PARAS:
        assert p in text
    for chrome in CHROME:
        assert chrome not in text


def test_clean_html_without_block_model_falls_back_to_the_extractor(no_model: None) -> None:
    text = clean_html(PAGE).text
    assert all(p in text for p in PARAS)


def test_clean_html_block_model_file_missing_loads_as_none(monkeypatch: pytest.MonkeyPatch) -> None:
    clean_blocks_model.load.cache_clear()
    monkeypatch.setattr(clean_blocks_model, "MODEL_PATH", "data/cleaner/no-such-file.json")
    try:
        assert clean_blocks_model.load() is None
    finally:
        clean_blocks_model.load.cache_clear()


def test_clean_html_shipped_block_model_loads() -> None:
    clean_blocks_model.load.cache_clear()
    m = clean_blocks_model.load()
    assert m is not None and m.trees.feature.shape[0] > 10


def test_clean_html_sure_blocks_near_the_article_are_added(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clean_blocks_model, "load", lambda: _constant_model(0.99))
    added = clean_html(PAGE).text
    monkeypatch.setattr(clean_blocks_model, "load", lambda: _constant_model(0.01))
    plain = clean_html(PAGE).text
    assert all(p in added for p in PARAS)
    assert len(added) > len(plain)


def test_clean_html_precision_knob_keeps_less(monkeypatch: pytest.MonkeyPatch) -> None:
    # p = 0.75 clears the default bar for additions (0.7) but not the precision bar (0.85)
    monkeypatch.setattr(clean_blocks_model, "load", lambda: _constant_model(0.75))
    default = clean_html(PAGE).text
    precise = clean_html(PAGE, options=CleanOptions(favor_precision=True)).text
    assert len(precise) < len(default)
    assert all(p in precise for p in PARAS)


def test_clean_html_gate_skips_pages_the_extractor_already_covers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clean_blocks_model, "load", lambda: _constant_model(0.99, gate=0.0))
    gated = clean_html(PAGE).text
    monkeypatch.setattr(clean_blocks_model, "load", lambda: None)
    assert gated == clean_html(PAGE).text


@pytest.mark.parametrize("page", [
    "<html><head><title>T</title></head><body><form><input name=q><select><option>a</option></select>"
    "</form><p>Text <b>bold</b> tail.</p></body></html>",
    "<p>A fragment without html or body tags.</p><p>Second paragraph.</p>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>Declared encoding.</p></body></html>',
])
def test_clean_html_load_page_parses_like_trafilatura(page: str) -> None:
    from lxml import etree
    from trafilatura.utils import load_html

    from stanceline.clean.html.extract import load_page

    ours, theirs = load_page(page), load_html(page)
    assert ours is not None and theirs is not None
    assert etree.tostring(ours) == etree.tostring(theirs)
    # every element is a plain HtmlElement: the class is chosen in C, not per element in Python
    assert {type(el).__name__ for el in ours.iter() if isinstance(el.tag, str)} == {"HtmlElement"}


def test_clean_html_load_page_rejects_what_is_not_html() -> None:
    from stanceline.clean.html.extract import load_page

    assert load_page("just some words, no markup at all") is None


def _with_inline(cls: str) -> str:
    sentence = (f'The minister has said that <span class="{cls}"><a href="/x">the plan will go ahead</a></span> '
                "despite the protests outside parliament, according to two officials.")
    return PAGE.replace(f"<p>{PARAS[2]}</p>", f"<p>{sentence}</p>")


@pytest.mark.parametrize("cls", ["related-link", "link"])
def test_clean_html_keeps_a_classed_phrase_in_the_middle_of_a_sentence(cls: str) -> None:
    # trafilatura deletes elements whose class names "related" or (with precision) "link",
    # wherever they are; inside a sentence that cut the sentence in two
    for options in (CleanOptions(), CleanOptions(favor_precision=True)):
        text = clean_html(_with_inline(cls), "https://example.org/a", options).text
        assert "has said that the plan will go ahead despite the protests" in text


def test_clean_html_shield_inline_restores_names_and_skips_lead_ins() -> None:
    from lxml import etree

    from stanceline.clean.html.extract import load_page, restore, shield_inline

    tree = load_page('<html><body><p><span class="related">Read also:</span> words</p>'
                     '<p>Before <em id="e" class="related">middle</em> after.</p>'
                     '<p>Trailing <a class="related">link</a></p></body></html>')
    before = etree.tostring(tree)
    saved = shield_inline(tree)
    assert [el.tag for el, _ in saved] == ["em"]
    assert tree.xpath("//em/@class | //em/@id") == []
    restore(saved)
    assert etree.tostring(tree) == before


def test_clean_html_headline_goes_to_the_title_not_the_body() -> None:
    page = PAGE.replace("<title>Council approves bridge | Example News</title>",
                        "<title>Council approves the new bridge | Example News</title>")
    cleaned = clean_html(page, "https://example.org/a")
    assert cleaned.title == "Council approves the new bridge"
    assert cleaned.text.startswith(PARAS[0])
    assert "Council approves the new bridge" in cleaned.removed


def test_clean_html_drop_headline_only_at_the_start() -> None:
    from stanceline.clean.html.extract import drop_headline

    keys = {"council approves the new bridge"}
    body = ["Council approves the new bridge.", PARAS[0], "Council approves the new bridge"]
    assert drop_headline(body, keys) == (body[1:], body[:1])
    assert drop_headline(body[1:], keys) == (body[1:], [])


def test_clean_html_drop_invisible_keeps_tails_and_json_ld() -> None:
    from stanceline.clean.html.extract import drop_invisible, load_page

    tree = load_page('<html><head><style>p{}</style><script type="application/ld+json">{"a": 1}</script>'
                     '</head><body><p>One <script>var x = 1;</script>two <style>.a{}</style>three.</p>'
                     '<script>track()</script>After.</body></html>')
    drop_invisible(tree)
    assert tree.xpath("//style") == [] and len(tree.xpath("//script")) == 1
    assert tree.find(".//p").text_content() == "One two three."
    assert "After." in tree.find("body").text_content()


DE_PARAS = [
    "Der Stadtrat hat am Dienstagabend den Bau einer neuen Brücke über den Fluss beschlossen und damit "
    "eine Debatte beendet, die die Stadt seit mehr als drei Jahren gespalten hatte.",
    "Befürworter sagten, die Querung werde die Fahrzeiten für Pendler verkürzen und den Dörfern am "
    "Nordufer neue Geschäfte bringen, die sich lange vom Zentrum abgeschnitten fühlten.",
    "Gegner hielten die Kosten von geschätzt vierzig Millionen Euro für zu hoch und forderten, das Geld "
    "lieber in Schulen und das alternde Krankenhaus zu stecken.",
]


def test_clean_html_drops_non_english_furniture_lines(no_model: None) -> None:
    page = f"""<html lang="de"><head><title>Brücke beschlossen</title></head><body><article>
    <p>{DE_PARAS[0]}</p><p>Lesen Sie auch: Rathaus-Sanierung verzögert sich erneut</p>
    <p>{DE_PARAS[1]}</p><p>{DE_PARAS[2]}</p><p>Foto: Stadtverwaltung</p></article></body></html>"""
    cleaned = clean_html(page)
    assert cleaned.text.split("\n\n") == DE_PARAS
    assert "Lesen Sie auch: Rathaus-Sanierung verzögert sich erneut" in cleaned.removed


def test_clean_html_drop_cards_removes_hover_cards_and_keeps_the_sentence() -> None:
    from lxml import html as lxml_html

    from stanceline.clean.html.extract import drop_cards

    tree = lxml_html.fromstring(
        "<html><body><p>Rep. <span class='person'><a href='/p/doe'>Jane Doe</a>"
        "<span class='card'><span><img src='doe.jpg'><a href='/p/doe'>Jane Doe</a>"
        "<a href='/a/1'>Senate passes the budget</a><a href='/a/2'>Doe visits Kyiv</a></span></span></span>"
        " said the vote was close.</p>"
        "<p>A photo: <span><img src='x.jpg'> taken by <a href='/a'>Ann</a> and <a href='/b'>Bo</a></span> here.</p>"
        "<p><a href='/c'><img src='y.jpg'></a> Caption with <a href='/d'>one link</a>.</p></body></html>")
    drop_cards(tree)
    paras = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    assert paras[0] == "Rep. Jane Doe said the vote was close."
    assert paras[1] == "A photo: taken by Ann and Bo here."  # words outside the links: not a card
    assert paras[2] == "Caption with one link."


def test_clean_html_readability_failure_is_quiet_and_keeps_the_text(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from stanceline.clean.html.extract import _readability_if_longer

    # readability raises (and logs a traceback) on a document with no elements
    with caplog.at_level(logging.DEBUG):
        assert _readability_if_longer("   ", "the extractor's text") == "the extractor's text"
    assert not [r for r in caplog.records if r.name.startswith("readability") and r.levelno >= logging.ERROR]


def test_clean_html_readability_reads_pages_with_control_characters() -> None:
    from stanceline.clean.html.extract import _readability_if_longer

    body = " ".join(["The council approved the new bridge after a long debate."] * 20)
    page = f"<html><body><div><p>{body}</p>\n\x00\x01\ufffe <style>x</style> tail</div></body></html>"
    assert _readability_if_longer(page, "short").startswith("The council approved")


def test_clean_html_readability_asked_only_when_its_text_could_win() -> None:
    from stanceline.clean.html.extract import _readability_if_longer, could_be_longer, load_page

    body = " ".join(["The council approved the new bridge after a long debate in the town hall."] * 12)
    page = (f"<html><head><style>{'p { color: red } ' * 400}</style></head><body><nav>Home News</nav>"
            f"<div><p>{body}</p></div><script>{'var x = 1; ' * 400}</script></body></html>")
    tree = load_page(page)
    alt = _readability_if_longer(page, "")
    assert "The council approved" in alt
    # the longest text readability still replaces must be let through to it
    longest_replaced = "x" * (-(-len(alt) // 10) - 1)
    assert _readability_if_longer(page, longest_replaced) is not longest_replaced
    assert _readability_if_longer(page, longest_replaced + "x") == longest_replaced + "x"
    assert could_be_longer(tree, longest_replaced)
    assert could_be_longer(tree, "short")
    # the bound counts visible text only (not the style or script): a fifth of it cannot lose to readability
    assert not could_be_longer(tree, "x" * (len(body) // 5))
