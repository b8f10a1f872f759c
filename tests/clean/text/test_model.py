"""The shipped line model: it matches the features the cleaner computes, and on a scrape written
for this test (an imagined lake town, its ferry and its page furniture) it keeps the article.
"""

from __future__ import annotations

from stanceline.clean.core import clean_text
from stanceline.clean.text import model as line_model
from stanceline.clean.text.features import FEATURE_NAMES
from stanceline.trees import read_json_resource

ARTICLE = [
    "The lake ferry will run through the winter for the first time, the operator said on Monday.",
    "Until now the last boat of the year left the pier in October, and the villages on the far shore "
    "were reached only by the long road around the lake.",
    "\u201cPeople asked us for this every autumn,\u201d said Mira Holt, who runs the ferry company. "
    "\u201cNow the new boat has a heated cabin, we can say yes.\u201d",
    "Winter timetable",
    "Boats will leave every ninety minutes between seven in the morning and seven at night, with an "
    "extra crossing on market days.",
    "The operator expects about two hundred passengers a day, most of them pupils and commuters.",
]
TOP = ["Skip to content", "Lakeside Courier", "Home", "Town", "Lake", "Weather", "Events", "Sign in",
       "Ferry to run all winter"]
BOTTOM = ["Share this article", "Facebook", "Email", "More from Lakeside", "Town hall opens new library",
          "Weather: frost on the way", "About us", "Contact", "\u00a9 2026 Lakeside Courier"]


def test_model_shipped_model_matches_the_features() -> None:
    spec = read_json_resource(line_model.MODEL_PATH)
    assert spec is not None and tuple(spec["features"]) == FEATURE_NAMES
    assert line_model.load() is not None
    # the file says how it was judged: out of fold, folds grouped by site
    assert "site" in spec["cv"] and set(spec["oof_token_f1"]) == {"scrapinghub_aeb", "wcxb"}


def test_model_keeps_the_article_and_drops_the_furniture() -> None:
    c = clean_text("\n".join([*TOP, *ARTICLE, *BOTTOM]))
    body = c.text.split("\n\n")
    for para in ARTICLE:
        if para != "Winter timetable":
            assert para in body
    for line in ["Home", "Sign in", "Share this article", "Town hall opens new library", "About us"]:
        assert line not in body
