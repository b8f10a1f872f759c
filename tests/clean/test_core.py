"""Cleaning stage: HTML → article text, plain-text scrape → article body.

Synthetic pages are written here by hand; seed tests check properties (every hand-listed article
paragraph present, every hand-listed chrome/teaser line absent), not whole outputs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stanceline.clean.core import CLEAN_VERSION, CleanOptions, clean_html, clean_text
from stanceline.clean.text import model as clean_model
from stanceline.clean.text.extract import classify_all, select, split_lines
from stanceline.clean.text.features import FEATURE_NAMES, line_features
from stanceline.model import Cleaned

P1 = (
    "The city council voted on Tuesday to approve a new budget for public transport, ending months of "
    "debate over fares and service cuts in the northern districts."
)
P2 = (
    "Council members said the plan would add three bus lines and extend night service, paid for by a "
    "small increase in parking fees and a grant from the regional government."
)
P3 = (
    "Opponents argued that the parking fees would hurt small shops, and several residents spoke against "
    "the measure during a public hearing that lasted late into the evening."
)
P4 = "The new lines are expected to start running in the spring, the transport director said."
ARTICLE = [P1, P2, P3, P4]

TEASER = [
    "Crowds gather at the harbour for the annual boat parade, June 3, 2031. REUTERS/Jane Doe",
    "",
    "Harbour festival draws record crowds",
    "",
    "Culture",
    "",
    "Thousands of visitors lined the waterfront on Saturday for the festival, which organisers said "
    "was the largest in its forty-year history, with boats from a dozen countries.",
    "",
    "Read more",
]


def _doc(*blocks: list[str] | str) -> str:
    out: list[str] = []
    for b in blocks:
        out.extend([b] if isinstance(b, str) else b)
    return "\n".join(out)


def _paras(c: Cleaned) -> list[str]:
    return c.text.split("\n\n") if c.text else []


def _article_blank_separated() -> list[str]:
    out: list[str] = []
    for p in ARTICLE:
        out += [p, ""]
    return out


def test_clean_version_is_a_string() -> None:
    assert isinstance(CLEAN_VERSION, str) and CLEAN_VERSION


def test_clean_text_drops_chrome_lines() -> None:
    page = _doc(
        ["Share this article", "Follow us on Twitter", "News | Local", ""],
        _article_blank_separated(),
        ["Sign up for our newsletter", "Privacy policy", "© 2031 Example Media"],
    )
    c = clean_text(page)
    assert _paras(c) == ARTICLE
    for chrome in ("Share this article", "Follow us on Twitter", "News | Local", "Privacy policy"):
        assert chrome not in c.text
        assert chrome in c.removed


def test_clean_text_drops_teaser_of_other_story() -> None:
    page = _doc(_article_blank_separated(), TEASER, TEASER[:0])
    c = clean_text(page)
    assert _paras(c) == ARTICLE
    assert "Harbour festival" not in c.text and "Thousands of visitors" not in c.text
    assert any("Thousands of visitors" in r for r in c.removed)


def test_clean_text_drops_teasers_before_the_article() -> None:
    page = _doc(TEASER, [""], ["City approves transport budget", ""], _article_blank_separated())
    c = clean_text(page)
    assert _paras(c) == ARTICLE


def test_clean_text_drops_caption_and_photo_credit() -> None:
    caption = "The mayor speaks at the council meeting on Tuesday. (Jane Roe/Example Photo Agency)"
    page = _doc(_article_blank_separated(), [caption, "Photo by John Smith/Getty Images"])
    c = clean_text(page)
    assert caption not in c.text and "Getty" not in c.text
    assert _paras(c) == ARTICLE


def test_clean_text_drops_donation_appeal() -> None:
    appeal = (
        "Thanks to our readers and supporters, we had a great year. Please consider a tax-deductible "
        "donation to support our independent journalism."
    )
    page = _doc(_article_blank_separated(), [appeal, "", "Donate now"])
    c = clean_text(page)
    assert appeal not in c.text and "Donate" not in c.text
    assert _paras(c) == ARTICLE


def test_clean_text_keeps_block_quote_and_short_paragraphs() -> None:
    quote = ["The mayor wrote:", "", "We will not leave anyone behind.", "", "This is our promise.", ""]
    page = _doc([P1, "", P2, ""], quote, [P3, "", P4])
    c = clean_text(page)
    for line in ("The mayor wrote:", "We will not leave anyone behind.", "This is our promise.", P3):
        assert line in _paras(c)


def test_clean_text_first_headline_becomes_title() -> None:
    page = _doc(["City approves transport budget", ""], _article_blank_separated())
    c = clean_text(page)
    assert c.title == "City approves transport budget"
    assert "City approves transport budget" not in c.text


def test_clean_text_single_newline_paragraphs_kept_whole() -> None:
    c = clean_text("\n".join(ARTICLE))
    assert _paras(c) == ARTICLE


@pytest.mark.parametrize("paras", [[P1], [P4], [P2, P4]])
def test_clean_text_short_clean_text_kept_whole(paras: list[str]) -> None:
    # a note of one or two paragraphs is nothing like the web pages the classifier learnt from
    assert _paras(clean_text("\n\n".join(paras))) == paras


def test_clean_text_joins_hard_wrapped_lines() -> None:
    wrapped = "The city council voted on Tuesday to approve a new budget for\npublic transport, ending debate."
    c = clean_text(wrapped + "\n\n" + P2)
    assert _paras(c)[0] == wrapped.replace("\n", " ")


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Home\nMenu\nLogin", "\x00\x01\x02"])
def test_clean_text_empty_or_chrome_only_gives_empty_text(text: str) -> None:
    assert clean_text(text).text == ""


def test_clean_text_output_is_normalised() -> None:
    page = "  " + P1.replace(" ", "   ", 3) + "  \n\n\n\n\t" + P2 + "\r\n\r\n" + P3
    c = clean_text(page)
    assert c.text == c.text.strip()
    assert "\n\n\n" not in c.text and "  " not in c.text and "\t" not in c.text and "\r" not in c.text
    assert _paras(c) == [P1, P2, P3]


def test_clean_text_precision_recall_knob() -> None:
    page = _doc(["Local news", ""], [P1, "", "Budget vote", "", P2, "", P3])
    prec = clean_text(page, CleanOptions(favor_precision=True)).text
    rec = clean_text(page, CleanOptions(favor_recall=True)).text
    assert len(prec) <= len(rec)
    assert P1 in prec and P3 in prec


def test_clean_text_scrape_with_chrome_appeal_and_glued_teasers() -> None:
    # the shape of a copied news page: share bar, headline, standfirst, section label, the article
    # with a sub-heading, a donation appeal, links to other stories, then teasers of other stories
    # (caption with agency credit, headline, section, two paragraphs, a glued "keep reading" button)
    teaser = [
        "harbour festival",
        "Boats sail past the pier during the annual parade, June 3, 2031. REUTERS/Jane Doe",
        "",
        "Harbour festival draws record crowds",
        "",
        "Culture",
        "",
        "Thousands of visitors lined the waterfront on Saturday for the festival, which organisers said "
        "was the largest in its forty-year history.",
        "",
        "Boats from a dozen countries took part, and the night ended with fireworks over the bay.",
        "",
        "keep readingShow less",
    ]
    page = _doc(
        ["Follow us on social", "", "City approves transport budget", "", "News | Local", ""],
        [P1, "", P2, "", "What happens next:", "", P3, "", P4, ""],
        ["Thanks to our readers and supporters, we had a great year. We hope you will consider a "
         "tax-exempt donation to support our reporting.", ""],
        ["Weekly Briefing: Harbour plans stall", "Weekly Briefing: Bus drivers strike"],
        teaser, teaser, ["", "Newsletter", "", "Subscribe now to our weekly round-up."],
    )
    c = clean_text(page)
    assert _paras(c) == [P1, P2, "What happens next:", P3, P4]
    assert c.title == "City approves transport budget"


def test_clean_text_drops_comment_thread_after_article() -> None:
    # comments read like prose; their "name says:" headers, seen several times, mark the thread
    comments = [
        "I have lived in the northern districts for twenty years and the buses have never been on time.",
        "Parking fees are already too high for the shops on the main street, and this will close more of them.",
        "Finally some good news for people who work late shifts and have no car to get home at night.",
    ]
    thread: list[str] = []
    for i, text in enumerate(comments):
        thread += [f"reader_{i} says:", text, ""]
    c = clean_text(_doc(_article_blank_separated(), thread))
    assert _paras(c) == ARTICLE


def test_clean_text_comment_count_header_is_a_boundary_however_long() -> None:
    header = "12 thoughts on “City council approves a new budget for public transport after months of debate”"
    # one "name says:" line is a quote intro, not a comment thread
    one_quote = "Mayor Ann Lee says:"
    kinds = [ln.kind for ln in classify_all([header, one_quote, P1])]
    assert kinds[0] == "boundary" and kinds[1] != "boundary" and kinds[2] == "body"


def test_clean_text_drops_article_repeated_as_one_line() -> None:
    # pages that carry the article body again in metadata render it as one long line
    copy = " ".join(ARTICLE)
    c = clean_text(_doc(_article_blank_separated(), ["Share", "", copy, "", "Related stories"]))
    assert _paras(c) == ARTICLE


def test_clean_text_select_prose_the_model_rejects_ends_the_run() -> None:
    # prose after the article (comments, product blurbs) is cut off when the classifier is sure
    # it is not the article's, however long it is; with no floor it would be kept. The share line
    # makes it a scraped page: a text with no furniture at all is kept whole (clean.text.guards).
    comment = (
        "I have lived in the northern districts for twenty years and the buses have never once been on "
        "time, so forgive me if I do not believe a word of this plan until I see it working."
    )
    lines = ["Share on Facebook", P1, P2, P3, comment, comment + " Really.", comment + " Again."]
    probs = [0.05, 0.9, 0.9, 0.9, 0.02, 0.02, 0.02]
    kept = select(lines, probs=probs, theta=0.4, drop_below=0.2, body_floor=0.1).body
    assert kept == [P1, P2, P3]
    assert len(select(lines, probs=probs, theta=0.4, drop_below=0.2, body_floor=0.0).body) == len(lines) - 1


def test_clean_model_probabilities_one_per_line() -> None:
    model = clean_model.load()
    assert model is not None, "the shipped line model must load"
    lines = classify_all(split_lines(_doc(["Home", "Share", ""], _article_blank_separated(), ["Privacy policy"])))
    rows = line_features(lines)
    assert all(len(r) == len(FEATURE_NAMES) for r in rows)
    probs = model.proba(rows)
    assert len(probs) == len(lines) and all(0.0 <= p <= 1.0 for p in probs)
    # article paragraphs score above the menu and the footer
    art = [p for ln, p in zip(lines, probs, strict=True) if ln.text in ARTICLE]
    other = [p for ln, p in zip(lines, probs, strict=True) if ln.text not in ARTICLE]
    assert min(art) > max(other)


# --- HTML -----------------------------------------------------------------------------------------

HTML_PAGE = f"""<!doctype html><html lang="en"><head><title>Council approves budget | Example News</title>
<meta name="author" content="Ann Writer"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Council approves budget</h1>
<p>{P1}</p><p>{P2}</p><p>Share on Facebook</p><p>{P3}</p><p>{P4}</p>
<p>Photo: Getty Images</p><p>Read more</p></article>
<aside><h3>Most read</h3><ul><li><a href="/a">Storm hits coast</a></li>
<li><a href="/b">Prices rise</a></li></ul></aside>
<footer>© 2031 Example News. All rights reserved.</footer></body></html>
"""


def test_clean_html_extracts_article_and_metadata() -> None:
    c = clean_html(HTML_PAGE, "https://example.org/news/1")
    for p in ARTICLE:
        assert p in c.text
    assert c.title == "Council approves budget"
    assert c.author == "Ann Writer"
    assert c.language == "en"
    assert "\n\n" in c.text and not re.search(r"\n(?!\n)", c.text.replace("\n\n", ""))


def test_clean_html_strips_residue() -> None:
    c = clean_html(HTML_PAGE)
    for residue in ("Share on Facebook", "Getty Images", "Read more", "All rights reserved", "Most read"):
        assert residue not in c.text


@pytest.mark.parametrize(
    "html", ["", "   ", "<html></html>", "<html><body></body></html>", "\x00\x01binary\xff", "<<<>>>"]
)
def test_clean_html_empty_or_garbage_gives_empty_text(html: str) -> None:
    c = clean_html(html)
    assert isinstance(c, Cleaned) and c.text == ""


def test_clean_html_truncated_page_still_yields_text() -> None:
    cut = HTML_PAGE[: HTML_PAGE.index(P3) + 40]
    c = clean_html(cut)
    assert P1 in c.text and P2 in c.text


# --- seeds ----------------------------------------------------------------------------------------


def _seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


# Hand-picked by reading the seeds: opening words of every article paragraph, and lines that are
# page chrome or parts of teasers of other stories.
SEED_000_ARTICLE = [
    "A possible diplomatic shift in the war in Ukraine",
    "It was reported in early November",
    "Zelensky’s new willingness to talk",
    "Though Zelensky’s preconditions make talks",
    "Is NATO one of those concessions?",
    "At the heart of the war is the issue",
    "Zelensky said at the time that",
    "We are de facto allies.",
    "We trust each other, we help each other",
    "Today, Ukraine is applying to make it de jure.",
    "That appeal, as we reported here",
    "The question is, did he mean",
    "The suggestion of such a turn",
    "“We are trying,” he explained",
    "The unstated significance of the model",
    "If Reznikov’s carefully worded amendment",
]
SEED_000_NOT = [
    "Follow us on social",
    "google cta",
    "Screen-shot-2022",
    "Analysis | Europe",
    "Frederic Legrand",
    "REUTERS/",
    "VP Vance’s timely TRIPP",
    "Vice President JD Vance’s regional tour",
    "keep reading",
    "Show less",
    "We're burying the rules based order",
    "In a Davos speech",
    "Trump vs. his China hawks",
    "In the year since President Donald Trump",
    "Want more of our stories",
    "Preferred Source",
    "LATEST",
    "Newsletter",
    "Subscribe now",
    "Photo by Bonnie Cash",
]
SEED_001_ARTICLE = [
    "Ukrainian president Volodymyr Zelenskyy’s recently unveiled",
    "While U.S. officials were reportedly",
    "“It is important for us that we are strengthened",
    "Zelenskyy is also asking the EU",
    "Zelenskyy didn’t offer much by way",
    "Meanwhile, President Biden took",
    "“Biden’s trip to Germany represents",
    "Other Ukraine war news this week:",
    "Nearly half of the land taken by Ukraine",
    "Reuters is reporting that Zelenskyy",
    "Levadne, in the southern Zaporizhzhya",
    "From State Department Briefing on Oct. 15",
    "State Department spokesperson Matthew Miller",
    "When asked about a senior Russian official’s claim",
    "From State Department briefing on Oct. 16",
    "Asked about Zelensky’s victory plan",
    "Miller also said he was confident",
    "When asked again about the cooperation",
]
SEED_001_NOT = [
    "Follow us on social",
    "Reporting | QiOSK",
    "Thanks to our readers and supporters",
    "tax-exempt donation",
    "Diplomacy Watch: A peace summit",
    "Mike Waltz, Sebastian Gorka",
    "Top photo credit",
    "Meet Trump's new National Security Council",
    "On the campaign trail",
    "keep reading",
    "Assad falls",
    "Embattled Syrian President",
    "(Updated Monday 12/9",
    "Peace denied?",
    "On December 1, Russian President",
    "Election 2024",
    "Subscribe now",
]


@pytest.mark.parametrize(
    ("prefix", "article", "chrome"),
    [("000", SEED_000_ARTICLE, SEED_000_NOT), ("001", SEED_001_ARTICLE, SEED_001_NOT)],
)
def test_clean_seed_scrape_keeps_article_drops_chrome(
    seeds_dir: Path, prefix: str, article: list[str], chrome: list[str]
) -> None:
    c = clean_text(_seed(seeds_dir, prefix))
    paras = _paras(c)
    for opening in article:
        assert any(p.startswith(opening) for p in paras), f"article paragraph lost: {opening!r}"
    for line in chrome:
        assert line.lower() not in c.text.lower(), f"chrome/teaser kept: {line!r}"
    # and nothing else crept in: every kept paragraph is one of the listed article paragraphs
    assert len(paras) == len(article)
    assert c.title is not None


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_clean_seed_clean_text_loses_no_sentence(seeds_dir: Path, prefix: str) -> None:
    src = _seed(seeds_dir, prefix)
    c = clean_text(src)
    body = _norm(c.text)
    sentences = [
        _norm(ln) for ln in src.splitlines() if len(ln.split()) > 12 and not re.search(r"subscri", ln, re.I)
    ]
    assert sentences
    for s in sentences:
        assert s in body, f"lost: {s[:60]!r}"


def test_clean_seed_subscription_footer_removed(seeds_dir: Path) -> None:
    c = clean_text(_seed(seeds_dir, "003"))
    assert "subscri" not in c.text.lower() and "Join the discussion" not in c.text


def test_clean_seed_first_line_title(seeds_dir: Path) -> None:
    src = _seed(seeds_dir, "004")
    first = src.splitlines()[0].strip()
    c = clean_text(src)
    assert c.title == first
    assert not c.text.startswith(first)


def test_clean_html_drops_teaser_blocks_after_article() -> None:
    teaser = (
        "Thousands of visitors lined the waterfront on Saturday for the festival, which organisers said "
        "was the largest in its forty-year history."
    )
    page = (
        "<html><body><div class='content'>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE)
        + f"<p>Harbour festival draws record crowds</p><p>{teaser}</p><p>Keep reading</p>"
        + "</div></body></html>"
    )
    c = clean_html(page)
    for p in ARTICLE:
        assert p in c.text
    assert teaser not in c.text and "Keep reading" not in c.text
