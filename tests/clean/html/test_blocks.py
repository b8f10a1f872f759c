"""Block segmentation, block features and the decoding of block probabilities."""

from __future__ import annotations

import lxml.html
import numpy as np

from stanceline.clean.html import blocks as clean_blocks
from stanceline.clean.html.blocks_model import BlockModel, correct, from_spec, thresholds

PAGE = """<html><body>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="article-body">
  <h1>Council approves the new bridge</h1>
  <p>The city council voted on Tuesday to build a <a href="/b">new bridge</a> over the river, ending
  a debate that lasted three years.</p>
  <p>Construction starts next spring, the mayor said.</p>
</div>
<div class="comments"><p>Great news, finally!</p></div>
<footer><p>Copyright 2024 Example Media</p></footer>
</body></html>"""


def _tree(html: str) -> object:
    return lxml.html.fromstring(html)


def test_clean_blocks_segment_keeps_inline_markup_inside_its_paragraph() -> None:
    texts = [b.text for b in clean_blocks.segment(_tree(PAGE))]
    assert any(t.startswith("The city council voted") and "new bridge over the river" in t for t in texts)
    assert texts.index("Home") < texts.index("Council approves the new bridge") < texts.index(
        "Copyright 2024 Example Media")


def test_clean_blocks_segment_skips_scripts_but_not_hidden_wrappers() -> None:
    html = "<html><body><div hidden><p>Body text here.</p></div><script>var x = 1;</script></body></html>"
    texts = [b.text for b in clean_blocks.segment(_tree(html))]
    assert texts == ["Body text here."]


def test_clean_blocks_segment_gives_up_on_absurd_nesting() -> None:
    root = lxml.html.fromstring("<html><body><p>Short intro.</p></body></html>")
    el = root.find("body")
    for _ in range(5000):
        el = lxml.html.etree.SubElement(el, "span")
    el.text = "deep"
    assert clean_blocks.segment(root) == []


def test_clean_blocks_features_mark_class_words_and_extractor_overlap() -> None:
    blocks = clean_blocks.segment(_tree(PAGE))
    rows = clean_blocks.features(blocks, "Construction starts next spring, the mayor said.")
    col = {n: i for i, n in enumerate(clean_blocks.FEATURE_NAMES)}
    by_text = {b.text: r for b, r in zip(blocks, rows, strict=True)}
    assert len(rows[0]) == len(clean_blocks.FEATURE_NAMES)
    assert by_text["Great news, finally!"][col["near_comment"]] > 0
    assert by_text["Home"][col["near_nav"]] > 0
    assert by_text["Home"][col["link_density"]] == 1.0
    assert by_text["Construction starts next spring, the mayor said."][col["traf_contig"]] == 1.0
    assert by_text["Great news, finally!"][col["traf_contig"]] == 0.0


def _model(drop_below: float = 0.3, add_above: float = 0.7, shift: float = 0.1) -> BlockModel:
    spec = {"features": list(clean_blocks.FEATURE_NAMES),
            "trees": [{"feature": [-1], "threshold": [0.0], "left": [0], "right": [0], "value": [0.0]}],
            "init": 0.0, "depth": 1, "drop_below": drop_below, "add_above": add_above, "reach": 2,
            "shift": shift}
    m = from_spec(spec)
    assert m is not None
    return m


def test_clean_blocks_model_tree_walk_matches_hand_computed_leaves() -> None:
    spec = {"features": list(clean_blocks.FEATURE_NAMES),
            "trees": [{"feature": [0, -1, -1], "threshold": [1.0, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
                       "value": [0.0, -2.0, 2.0]}],
            "init": 0.0, "depth": 1, "drop_below": 0.3, "add_above": 0.7, "reach": 2, "shift": 0.1}
    m = from_spec(spec)
    assert m is not None
    width = len(clean_blocks.FEATURE_NAMES)
    p = m.proba([[0.5] + [0.0] * (width - 1), [3.0] + [0.0] * (width - 1)])
    assert np.allclose(p, [1 / (1 + np.exp(2.0)), 1 / (1 + np.exp(-2.0))])


def test_clean_blocks_model_rejects_a_file_for_other_features() -> None:
    assert from_spec({"features": ["something_else"], "trees": []}) is None


def test_clean_blocks_thresholds_precision_drops_more_and_adds_less() -> None:
    m = _model()
    d0, a0 = thresholds(m, precision=False, recall=False)
    dp, ap = thresholds(m, precision=True, recall=False)
    dr, ar = thresholds(m, precision=False, recall=True)
    assert dr < d0 < dp and ar < a0 < ap


def test_clean_blocks_correct_drops_rejected_and_adds_sure_blocks_in_page_order() -> None:
    blocks = ["Menu", "First paragraph of the story.", "Second paragraph, missed by the extractor.",
              "Third paragraph.", "Share this"]
    probs = np.array([0.01, 0.9, 0.97, 0.9, 0.02])
    paragraphs = ["First paragraph of the story.", "Third paragraph.", "Share this", "An unmatched caption"]
    kept, removed = correct(paragraphs, blocks, lambda idx: probs[idx], drop_below=0.1, add_above=0.95, reach=2)
    assert kept == ["First paragraph of the story.", "Second paragraph, missed by the extractor.",
                    "Third paragraph.", "An unmatched caption"]
    assert removed == ["Share this"]


def test_clean_blocks_correct_adds_nothing_far_from_the_article() -> None:
    blocks = ["Story paragraph one.", "Story paragraph two."] + [f"filler {i}" for i in range(10)] + ["Teaser."]
    probs = np.array([0.9, 0.9] + [0.0] * 10 + [0.99])
    asked: list[int] = []

    def score(idx: list[int]) -> list[float]:
        asked.extend(idx)
        return [float(probs[i]) for i in idx]

    kept, _ = correct(["Story paragraph one.", "Story paragraph two."], blocks, score, 0.0, 0.7, reach=2)
    assert "Teaser." not in kept
    assert max(asked) <= 3  # blocks far from the article are never scored



def test_clean_blocks_correct_does_not_add_a_near_copy_of_kept_text() -> None:
    lead = "The council approved the bridge on Tuesday after three years of debate in the town"
    blocks = [lead + ".", "Summary: " + lead + ".", "A new paragraph about the cost of the bridge."]
    probs = np.array([0.9, 0.99, 0.99])
    kept, _ = correct([lead + "."], blocks, lambda idx: probs[idx], 0.0, 0.7, reach=2)
    assert kept == [lead + ".", "A new paragraph about the cost of the bridge."]

def test_clean_blocks_segment_keeps_tails_of_skipped_elements_and_comments() -> None:
    parser = lxml.html.HTMLParser(remove_comments=False)
    root = lxml.html.fromstring(
        "<html><body><p>Before<script>var x;</script> after<!-- note --> the note.</p></body></html>", parser=parser)
    assert [b.text for b in clean_blocks.segment(root)] == ["Before after the note."]


def test_clean_blocks_segment_counts_link_text_piece_by_piece() -> None:
    # each text piece inside a link counts without its surrounding blanks; the link's tail is not link text
    html = "<html><body><p>See <a href='/x'> the <b> full </b> report </a> here.</p></body></html>"
    (block,) = clean_blocks.segment(_tree(html))
    assert block.text == "See the full report here."
    assert block.link_chars == len("the") + len("full") + len("report")


def test_clean_blocks_segment_splits_at_nested_block_elements() -> None:
    html = "<html><body><div class='story'>Intro words<p>Inner paragraph text.</p>closing words</div></body></html>"
    blocks = clean_blocks.segment(_tree(html))
    assert [(b.text, b.tag) for b in blocks] == [
        ("Intro words", "div"), ("Inner paragraph text.", "p"), ("closing words", "div")]
    near, _ = blocks[1].group_counts()
    assert near == {"content": 1}  # the story div is one of the paragraph's three innermost elements


def test_clean_blocks_segment_counts_words_as_written_when_lowercasing_splits_them() -> None:
    # "İ" lowercases to "i" plus a combining dot, which is no word character: the key splits
    # there, the word count follows the text as written
    (block,) = clean_blocks.segment(_tree("<html><body><p>İstanbul</p></body></html>"))
    assert (block.key, block.n_tokens) == ("i stanbul", 1)


def test_clean_blocks_first_body_matches_descendant_search() -> None:
    from lxml import etree

    pages = [
        PAGE,
        "<html><head><title>t</title></head><body><p>one</p><div><body><p>x</p></body></div></body></html>",
        "<html><head><title>t</title></head><p>no body</p></html>",
    ]
    trees = [lxml.html.fromstring(p) for p in pages]
    odd = etree.fromstring("<html><head><body><p>in head</p></body></head><body><p>b</p></body></html>")
    bare = etree.fromstring("<html><head/><div><p>none</p></div></html>")
    for tree in [*trees, odd, bare]:
        assert clean_blocks._first_body(tree) is tree.find(".//body")
    assert clean_blocks._first_body(odd) is odd[0][0]
    assert clean_blocks._first_body(bare) is None


def test_clean_blocks_shingles_are_word_triples() -> None:
    from stanceline.clean.html.blocks_model import _shingles

    for key in ["", "a", "a b", "a b c", "a b c d e a b c"]:
        w = key.split()
        assert _shingles(key) == {tuple(w[i:i + 3]) for i in range(max(1, len(w) - 2))}
    assert _shingles("a b c d") == {("a", "b", "c"), ("b", "c", "d")}


def test_clean_blocks_holds_matches_path_search() -> None:
    tree = lxml.html.fromstring(PAGE)
    blocks = clean_blocks.segment(tree)
    for top in [None, *tree.iter()]:
        want = [top is not None and top in b.path for b in blocks]
        assert clean_blocks._holds(blocks, top) == want
    body = tree.find(".//body")
    assert all(clean_blocks._holds(blocks, body))
