"""Quotes found in the sample corpus, run through the whole pipeline (clean → NLP → store), checked
against a hand gold (tests/data/seeds_quotes_gold.json, written by reading the articles).

Issue 5 asks that every quote found on the seeds carries the right speaker and that titles, slogans
and scare quotes are not listed as speech; recall is reported and guarded against regression.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from stanceline.cli import app
from stanceline.model import Quote
from stanceline.store.db import Store

GOLD = json.loads((Path(__file__).resolve().parents[2] / "data" / "seeds_quotes_gold.json").read_text("utf-8"))
_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_EDGE = " \t\n\"',.:;—–-"


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.translate(_MARKS)).strip(_EDGE).casefold()


def _matches(quote: Quote, item: dict[str, Any]) -> bool:
    q, g = _norm(quote.text), _norm(item["evidence"])
    return bool(q) and (g in q or (len(q) >= 12 and q in g))


def _speaker_ok(quote: Quote, item: dict[str, Any]) -> bool:
    if item["speaker"] is None:
        return True
    names = {n.casefold() for n in item["speaker"]}
    got = {(quote.speaker or "").casefold(), (quote.speaker_key or "").casefold()}
    # keys look like "person:reznikov"; a listed name may also be the last part of the key
    got |= {k.split(":", 1)[-1].replace("-", " ") for k in got}
    return bool(names & got) or any(n.split()[-1] in k.split() for n in names for k in got if k)


@pytest.fixture(scope="module")
def seed_quotes(
    tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, seeds_manifest: Path
) -> list[tuple[str, Quote]]:
    db = str(tmp_path_factory.mktemp("seedquotes") / "seeds.db")
    res = CliRunner().invoke(app, ["ingest", str(seeds_dir), "--manifest", str(seeds_manifest), "--db", db])
    assert res.exit_code == 0, res.output
    with Store(f"sqlite:///{db}") as store:
        docs = {d.id: Path(d.source).name[:3] for d in store.iter_documents()}
        return [(docs[q.doc_id], q) for q in store.quotes()]


def _gold_for(doc: str, quote: Quote) -> list[dict[str, Any]]:
    return [g for g in GOLD["items"] if g["doc"] == doc and _matches(quote, g)]


def test_quotes_seeds_found_quotes_carry_the_right_speaker(seed_quotes: list[tuple[str, Quote]]) -> None:
    wrong = []
    for doc, q in seed_quotes:
        items = _gold_for(doc, q)
        if items and not any(_speaker_ok(q, g) for g in items):
            wrong.append((doc, q.speaker, q.speaker_mention, q.text[:70]))
    assert not wrong, wrong


def test_quotes_seeds_nothing_but_speech_is_listed(seed_quotes: list[tuple[str, Quote]]) -> None:
    spurious = [(doc, q.speaker_mention, q.cue, q.text[:70]) for doc, q in seed_quotes if not _gold_for(doc, q)]
    assert not spurious, spurious
    titles = {_norm(s) for s in GOLD["not_speech"]}
    assert not [q.text for _, q in seed_quotes if _norm(q.text) in titles]


def test_quotes_seeds_recall(seed_quotes: list[tuple[str, Quote]]) -> None:
    required = [g for g in GOLD["items"] if not g.get("optional")]
    found = [g for g in required if any(doc == g["doc"] and _matches(q, g) for doc, q in seed_quotes)]
    missed = [(g["doc"], g["evidence"][:50]) for g in required if g not in found]
    # a regression guard at the level reached; the misses are listed when it fails
    assert len(found) / len(required) >= 0.95, missed
