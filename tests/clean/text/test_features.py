"""Line features that say where a line stands on its page, not which site the page comes from.

Every text here is written for these tests (an imagined lake town and its ferry)."""

from __future__ import annotations

from stanceline.clean.text.extract import classify_all
from stanceline.clean.text.features import FEATURE_NAMES, line_features

MENU = ["Home", "Town", "Lake", "Weather", "Events", "Contact"]
ARTICLE = [
    "The lake ferry will run through the winter for the first time, the operator said on Monday.",
    "Until now the last boat of the year left the pier in October, and the villages on the far shore "
    "were reached only by the long road around the lake.",
    "The operator expects about two hundred passengers a day, most of them pupils and commuters.",
    "A second boat is to follow next spring if the numbers hold up.",
]
FOOTER = ["Visit the ferry timetable at www.lakeferry.example or write to desk@lakeferry.example"]


def _col(lines: list[str], name: str) -> list[float]:
    rows = line_features(classify_all(lines))
    k = FEATURE_NAMES.index(name)
    return [r[k] for r in rows]


def test_clean_features_menu_window_marks_a_run_of_short_labels() -> None:
    page = [*MENU, *ARTICLE]
    menu = _col(page, "win_menu")
    # a label among labels sees mostly labels; the further a paragraph from the menu, the fewer
    assert menu[2] >= 0.75
    assert menu[2] > menu[len(MENU)] > menu[-1]
    assert _col(ARTICLE, "win_menu") == [0.0] * len(ARTICLE)


def test_clean_features_chars_to_run_grows_away_from_the_article() -> None:
    page = [*MENU, *ARTICLE, *MENU]
    dist = _col(page, "chars_to_run")
    inside = dist[len(MENU) : len(MENU) + len(ARTICLE)]
    assert inside == [0.0] * len(ARTICLE)
    # the text between a line and the run: none for the lines right next to it
    assert dist[0] > dist[len(MENU) - 2] > dist[len(MENU) - 1] == 0.0
    assert dist[-1] > dist[len(MENU) + len(ARTICLE) + 1] > dist[len(MENU) + len(ARTICLE)] == 0.0


def test_clean_features_char_position_counts_text_not_lines() -> None:
    page = [*MENU, *ARTICLE]
    pos = _col(page, "char_pos")
    # six short labels stand before the article but hold little of the page's text
    assert pos[len(MENU)] < 0.1
    assert pos == sorted(pos)


def test_clean_features_link_shape_and_sentence_count() -> None:
    page = [*ARTICLE, *FOOTER]
    url = _col(page, "url_like")
    assert url[-1] == 1.0 and url[:-1] == [0.0] * len(ARTICLE)
    sentences = _col(["One short sentence here. And a second one follows it. A third ends it.", *ARTICLE],
                     "sentences")
    assert sentences[0] > sentences[1] == 0.0
