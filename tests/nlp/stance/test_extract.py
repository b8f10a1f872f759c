"""Positions on short texts written for each linguistic case (negation, condition, hedging,
reported speech, pronoun holder via a resolved quote, outlet characterisation, "not now")."""

from __future__ import annotations

from typing import Any

import pytest
from stance_mentions import hand_mentions

from stanceline.model import Issue, Position, Quote
from stanceline.nlp.issues import load_issues
from stanceline.nlp.stance.extract import STANCE_VERSION, extract_positions

# name → (actor key, type); mentions are built by hand so the tests check stance, not NER
ACTORS = {
    "Volodymyr Zelensky": ("person:zelensky", "PERSON"),
    "Zelensky": ("person:zelensky", "PERSON"),
    "Mark Rutte": ("person:rutte", "PERSON"),
    "Rutte": ("person:rutte", "PERSON"),
    "Julianne Smith": ("person:smith", "PERSON"),
    "Donald Trump": ("person:trump", "PERSON"),
    "Trump": ("person:trump", "PERSON"),
    "Emmanuel Macron": ("person:macron", "PERSON"),
    "Macron": ("person:macron", "PERSON"),
    "Russia": ("russia", "GPE"),
    "Ukraine": ("ukraine", "GPE"),
    "Kyiv": ("kyiv", "GPE"),
    "NATO": ("nato", "ORG"),
    "Olaf Scholz": ("person:scholz", "PERSON"),
    "Scholz": ("person:scholz", "PERSON"),
    "Vladimir Putin": ("person:putin", "PERSON"),
    "Putin": ("person:putin", "PERSON"),
    "Poland": ("poland", "GPE"),
    "Germany": ("germany", "GPE"),
    "Hungary": ("hungary", "GPE"),
    "Berlin": ("berlin", "GPE"),
    "Paris": ("paris", "GPE"),
}


@pytest.fixture(scope="session")
def issues() -> list[Issue]:
    return load_issues()


def run(nlp: Any, issues: list[Issue], text: str, *, quotes: list[Quote] | None = None,
        date: str | None = "2025-12-15") -> list[Position]:
    ps = extract_positions(doc_id="d", text=text, spacy_doc=nlp(text), mentions=hand_mentions(text, ACTORS),
                           quotes=quotes or [], issues=issues, date=date, outlet="Test Times")
    for p in ps:
        assert text[p.start:p.end] == p.evidence, "evidence must be exactly text[start:end]"
        assert p.cues, "every position is explained by its cues"
    return ps


def of(ps: list[Position], key: str) -> Position:
    found = [p for p in ps if p.actor_key == key]
    assert found, f"no position for {key}: {[(p.actor_key, p.stance) for p in ps]}"
    return max(found, key=lambda p: p.confidence)


def test_stance_version() -> None:
    assert STANCE_VERSION


def test_stance_support_by_act_is_outlet_voice(nlp: Any, issues: list[Issue]) -> None:
    p = of(run(nlp, issues, "Zelensky pushed for NATO membership at the summit."), "person:zelensky")
    assert (p.stance, p.voice) == ("support", "outlet")
    assert p.date == "2025-12-15"


def test_stance_outlet_characterisation_of_opposition(nlp: Any, issues: list[Issue]) -> None:
    p = of(run(nlp, issues, "Russia has repeatedly opposed Ukraine's accession to NATO."), "russia")
    assert (p.stance, p.voice) == ("oppose", "outlet")
    assert any("oppose" in c for c in p.cues)


def test_stance_negated_acceptance_is_opposition(nlp: Any, issues: list[Issue]) -> None:
    p = of(run(nlp, issues, "Macron did not accept Ukraine's bid to join NATO."), "person:macron")
    assert p.stance == "oppose"
    assert any(c.startswith("not ") for c in p.cues)


def test_stance_never_join_in_reported_speech(nlp: Any, issues: list[Issue]) -> None:
    p = of(run(nlp, issues, "Trump said Ukraine will never join NATO."), "person:trump")
    assert (p.stance, p.voice) == ("oppose", "reported")


def test_stance_bare_prediction_by_the_outlet_is_no_position(nlp: Any, issues: list[Issue]) -> None:
    # "Ukraine" is the subject of the proposition itself, not someone taking a side on it
    assert run(nlp, issues, "Ukraine, quite simply, was never going to join NATO.") == []


def test_stance_exchange_is_conditional(nlp: Any, issues: list[Issue]) -> None:
    text = "Zelensky offered to abandon hopes of NATO membership in return for security guarantees."
    p = of(run(nlp, issues, text), "person:zelensky")
    assert p.stance == "conditional"
    assert "in return for:conditional" in p.cues


def test_stance_pause_is_conditional(nlp: Any, issues: list[Issue]) -> None:
    p = of(run(nlp, issues, "Zelensky offered to pause the NATO bid."), "person:zelensky")
    assert p.stance == "conditional"


def test_stance_abandon_without_exchange_is_opposition(nlp: Any, issues: list[Issue]) -> None:
    p = of(run(nlp, issues, "Zelensky decided to abandon the NATO bid."), "person:zelensky")
    assert p.stance == "oppose"


def test_stance_only_with_condition(nlp: Any, issues: list[Issue]) -> None:
    text = "Macron said Ukraine should join NATO only with security guarantees in place."
    assert of(run(nlp, issues, text), "person:macron").stance == "conditional"


def test_stance_not_now_in_a_direct_quote(nlp: Any, issues: list[Issue]) -> None:
    text = ("NATO leaders met on Thursday. \u201cWe are not at the point right now where the alliance is "
            "talking about issuing an invitation,\u201d said Julianne Smith.")
    p = of(run(nlp, issues, text), "person:smith")
    assert (p.stance, p.voice) == ("conditional", "quote")


def test_stance_hedge_lowers_confidence(nlp: Any, issues: list[Issue]) -> None:
    firm = of(run(nlp, issues, "Macron supports Ukraine's NATO membership."), "person:macron")
    hedged = of(run(nlp, issues, "Macron may perhaps support Ukraine's NATO membership."), "person:macron")
    assert firm.stance == "support"
    assert hedged.confidence < firm.confidence


def test_stance_would_welcome_the_day_is_not_plain_support(nlp: Any, issues: list[Issue]) -> None:
    text = "Rutte said that he would welcome the day that Ukraine joins NATO."
    assert of(run(nlp, issues, text), "person:rutte").stance in {"conditional", "neutral"}


def test_stance_reported_speech_chain_belongs_to_the_speaker(nlp: Any, issues: list[Issue]) -> None:
    text = "NATO leaders met in Washington. Rutte said Ukraine's path to membership is irreversible."
    ps = run(nlp, issues, text)
    p = of(ps, "person:rutte")
    assert (p.stance, p.voice) == ("support", "reported")
    assert not [q for q in ps if q.actor_key == "ukraine"], "the content's subject is not the holder"


def test_stance_pronoun_holder_from_resolved_quote(nlp: Any, issues: list[Issue]) -> None:
    text = ("Zelensky arrived in Brussels on Thursday. \u201cIt is important for us, and the first step "
            "should be an invitation to join NATO,\u201d he said.")
    qs, qe = text.index("\u201c") + 1, text.index(",\u201d")
    he = text.index(" he said") + 1
    cue = text.index("said")
    quote = Quote("d", text[qs:qe], qs, qe, "direct", "said", cue, cue + 4, "Volodymyr Zelensky",
                  "person:zelensky", "he", he, he + 2)
    p = of(run(nlp, issues, text, quotes=[quote]), "person:zelensky")
    assert (p.stance, p.voice, p.quote_id) == ("support", "quote", quote.id)
    assert p.actor == "Volodymyr Zelensky"
    assert (p.start, p.end) == (qs, qe), "a direct quote's evidence is the quote"


def test_stance_capital_acts_for_its_state(nlp: Any, issues: list[Issue]) -> None:
    p = of(run(nlp, issues, "Kyiv wants NATO membership as soon as possible."), "ukraine")
    assert p.actor == "Ukraine"
    assert p.stance == "support"


def test_stance_text_dates_an_earlier_act(nlp: Any, issues: list[Issue]) -> None:
    text = "In 2008, NATO declared that Ukraine will become a member of NATO."
    p = of(run(nlp, issues, text, date="2025-12"), "nato")
    assert p.date == "2008"
    assert p.stance == "support"


def test_stance_no_issue_term_no_position(nlp: Any, issues: list[Issue]) -> None:
    assert run(nlp, issues, "Zelensky visited Berlin and met Macron.") == []


def test_stance_questions_take_no_position(nlp: Any, issues: list[Issue]) -> None:
    assert run(nlp, issues, "Is Zelensky dropping the NATO bid?") == []


def test_stance_context_term_needs_the_anchor(nlp: Any, issues: list[Issue]) -> None:
    assert run(nlp, issues, "Macron supports the accession of Croatia to the euro zone.") == []
    ps = run(nlp, issues, "NATO met in Vilnius. Macron supports the accession.")
    assert of(ps, "person:macron").stance == "support"


def test_stance_seeds_timeline_and_shift_end_to_end(nlp: Any, issues: list[Issue], seeds_dir: Any) -> None:
    """The demo question on the seed corpus: Zelensky's move from support to conditional."""
    import json

    from stanceline.analyze.timeline import build_timeline, detect_shifts

    man = {}
    for line in (seeds_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            man[r["file"][:3]] = r
    texts = {f.name[:3]: f.read_text(encoding="utf-8") for f in sorted(seeds_dir.glob("0*.txt"))}
    try:
        from stanceline.nlp.analysis import analyze_texts

        docs = [(d.doc_id, d.spacy_doc, d.mentions, d.quotes) for d in analyze_texts(texts.items())]
    except ImportError:
        docs = [(k, nlp(t), [], []) for k, t in texts.items()]
    positions: list[Position] = []
    for doc_id, doc, ments, quotes in docs:
        positions += extract_positions(doc_id=doc_id, text=texts[doc_id], spacy_doc=doc, mentions=ments,
                                       quotes=quotes, issues=issues, date=man[doc_id]["published"])
    for p in positions:
        assert texts[p.doc_id][p.start:p.end] == p.evidence
    rows = build_timeline(positions, issue="Ukraine joins NATO", actor="person:zelensky",
                          actor_names={"Zelensky": "person:zelensky", "zelensky": "zelensky"})
    by_period = {r.period: r.stance for r in rows}
    assert by_period.get("2022-11") == "support"
    assert by_period.get("2024-10-18") == "support"
    assert by_period.get("2025-12") in {"conditional", "oppose"}
    assert by_period.get("2025-12-15") in {"conditional", "oppose"}
    shifts = [s for s in detect_shifts(positions) if "zelensk" in s.actor_key]
    assert shifts and shifts[0].from_stance == "support" and shifts[0].to_stance in {"conditional", "oppose"}
    assert "invitation" in shifts[0].before_evidence and shifts[0].after_evidence
    stance_of = {p.actor.split()[-1].lower(): p.stance for p in positions if p.doc_id == "003"}
    assert stance_of.get("trump") == "oppose" and stance_of.get("fico") == "oppose"


# --- cue families beyond the seeds: short sentences written for each -----------------------------

@pytest.mark.parametrize(
    ("text", "key", "stance"),
    [
        # support verbs, nouns, phrasal verbs
        ("Poland backs Ukraine's NATO bid.", "poland", "support"),
        ("Germany endorses NATO membership for Ukraine.", "germany", "support"),
        ("Poland has long championed NATO membership for Ukraine.", "poland", "support"),
        ("Macron pushes for an invitation to join NATO.", "person:macron", "support"),
        ("Scholz is a vocal supporter of NATO membership for Ukraine.", "person:scholz", "support"),
        ("Rutte said the door to NATO membership remains open.", "person:rutte", "support"),
        ("Rutte said Ukraine is on an irreversible path to NATO membership.", "person:rutte", "support"),
        # oppose
        ("Hungary blocked Ukraine's NATO accession.", "hungary", "oppose"),
        ("Hungary vetoed Ukraine's bid to join NATO.", "hungary", "oppose"),
        ("Trump rules out NATO membership for Ukraine.", "person:trump", "oppose"),
        ("Scholz balked at a NATO invitation for Ukraine.", "person:scholz", "oppose"),
        ("Berlin is wary of Ukraine's NATO membership.", "germany", "oppose"),
        ("Putin complained about NATO expansion.", "person:putin", "oppose"),
        ("Trump closed the door to NATO membership for Ukraine.", "person:trump", "oppose"),
        # objections framing: the owner of the objection holds it
        ("Russia's objections to Ukraine's NATO membership are well known.", "russia", "oppose"),
        ("Hungary's qualms about NATO membership for Ukraine persist.", "hungary", "oppose"),
        # conditional: terms, time, readiness
        ("Macron conditioned NATO membership on a ceasefire.", "person:macron", "conditional"),
        ("Rutte said Ukraine can join NATO as long as the war is over.", "person:rutte", "conditional"),
        ("Macron said Ukraine could join NATO provided that the fighting stops.", "person:macron", "conditional"),
        ("Macron said Ukraine will join NATO once the fighting ends.", "person:macron", "conditional"),
        ("Scholz supports NATO membership for Ukraine unless Hungary objects.", "person:scholz", "conditional"),
        ("Germany opposes NATO membership for Ukraine not before the war ends.", "germany", "conditional"),
        ("Rutte said NATO membership was premature.", "person:rutte", "conditional"),
        ("Macron said Ukraine is not ready for NATO membership.", "person:macron", "conditional"),
        ("Scholz said NATO membership is not on the agenda.", "person:scholz", "conditional"),
        # the holder evaluates the proposition by what it would do
        ("Zelensky believes that a NATO invitation would strengthen Ukraine's security.", "person:zelensky",
         "support"),
        ("Putin warned that NATO expansion would threaten Russia.", "person:putin", "oppose"),
        ("Macron argued that NATO membership would not bring peace.", "person:macron", "oppose"),
        ("Macron believes that NATO membership would be good for Europe.", "person:macron", "support"),
        ("Scholz thinks NATO membership for Ukraine would be a disaster.", "person:scholz", "oppose"),
        ("Macron said NATO membership is not the answer.", "person:macron", "oppose"),
    ],
)
def test_stance_cue_families(nlp: Any, issues: list[Issue], text: str, key: str, stance: str) -> None:
    assert of(run(nlp, issues, text), key).stance == stance


@pytest.mark.parametrize(
    ("text", "key", "not_stance"),
    [
        ("Macron does not back Ukraine's NATO bid.", "person:macron", "support"),
        ("Trump did not rule out NATO membership for Ukraine.", "person:trump", "oppose"),
        ("Rutte said the door to NATO membership is not open.", "person:rutte", "support"),
        ("Zelensky said NATO membership would not weaken Russia's neighbours.", "person:zelensky", "oppose"),
    ],
)
def test_stance_negated_cues_do_not_keep_their_stance(nlp: Any, issues: list[Issue], text: str, key: str,
                                               not_stance: str) -> None:
    assert of(run(nlp, issues, text), key).stance != not_stance


def test_stance_reported_speech_chain_belongs_to_the_reported_actor(nlp: Any, issues: list[Issue]) -> None:
    # a speaker who reports another actor's stance does not take it
    ps = run(nlp, issues, "Scholz said Hungary had ruled out NATO membership for Ukraine.")
    assert (of(ps, "hungary").stance, of(ps, "hungary").voice) == ("oppose", "reported")
    assert not [p for p in ps if p.actor_key == "person:scholz"]
    ps = run(nlp, issues, "Zelensky said Macron told him that Paris backs Ukraine's NATO bid.")
    assert of(ps, "france").stance == "support"


def test_stance_formerly_once_is_not_a_condition(nlp: Any, issues: list[Issue]) -> None:
    assert of(run(nlp, issues, "NATO once promised Ukraine membership in NATO."), "nato").stance == "support"


def test_stance_long_sentence_evidence_is_the_stance_clause(nlp: Any, issues: list[Issue]) -> None:
    text = ("Despite months of fighting along the front and a bitter winter that strained the power grid, "
            "Macron said on Tuesday that he supports NATO membership for Ukraine, while his ministers "
            "travelled to Warsaw and Vilnius to discuss the reconstruction of the country's energy system.")
    p = of(run(nlp, issues, text), "person:macron")
    assert p.stance == "support"
    assert p.evidence.startswith("Macron said") and "supports NATO membership" in p.evidence
    assert "Warsaw" not in p.evidence and "Despite" not in p.evidence
    assert text[p.start:p.end] == p.evidence


def test_stance_short_sentence_evidence_is_whole(nlp: Any, issues: list[Issue]) -> None:
    text = "In Berlin, Macron said he supports NATO membership for Ukraine."
    assert of(run(nlp, issues, text), "person:macron").evidence == text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Putin cited NATO expansion to justify the invasion of Ukraine.", "person:putin"),
        ("Moscow blames NATO enlargement for the war.", "russia"),
    ],
)
def test_stance_citing_the_proposition_as_reason_for_war_is_opposition(nlp: Any, issues: list[Issue], text: str,
                                                                 key: str) -> None:
    assert of(run(nlp, issues, text), key).stance == "oppose"


def test_stance_citing_without_a_war_is_no_position(nlp: Any, issues: list[Issue]) -> None:
    assert not [p for p in run(nlp, issues, "Putin referred to NATO expansion in a speech on the economy.")
                if p.stance == "oppose"]
