"""Targets named again by a pronoun or a noun of decision: "EU leaders granted Ukraine candidate
status. The decision strengthens Ukraine ...", "the deal we negotiated ... Trump cast it aside".

An anaphor is "it"/"this"/"that" where a word could take a side on it (the object of a verb, the
subject of an evaluation), or a noun of decision or act ("the decision", "the move", "this
step") with no target of its own. It points back to the nearest target before it, in its own
sentence or the one before (two for a noun of decision), and takes that target's sign: for a
pronoun the sign of the thing itself, for a noun of decision the sign of the act first done to it
("granted [candidate status]" +1, "[Washington's] withdrawal from [the deal]" -1). A noun of a
thing to be built or done ("the project") points back, as a pronoun, to the thing an act is done
to, named in its sentence or the one before.

A verb of assent or refusal with its object left unsaid ("voted against", "will sign", "abstained",
"has not taken a position") in a sentence that names no issue takes the issues named in the nearest
sentence of the three before it (`elided_targets`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance import polarity as pol
from stanceline.nlp.stance.clauses import goes_ahead
from stanceline.nlp.stance.proposition import read_proposition
from stanceline.nlp.stance.targets import Target

# Dependencies at which a pronoun can be taken a side on ("cast it aside", "it strengthens").
_PRONOUN_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass"}


def _is_anaphor(t: Any) -> str | None:
    low = t.lower_
    if (
        low in lex.ANAPHOR_PRONOUNS
        and t.pos_ in {"PRON", "DET"}
        and t.dep_ in _PRONOUN_DEPS
        and t.tag_ not in {"WDT", "WP"}
    ):
        head = t.head
        if t.dep_ == "pobj" and head.lower_ in {"outside", "inside", "beyond", "around", "across", "near"}:
            return None  # "fight it in parliament and outside it": a place, not what is fought
        if t.dep_ == "nsubj":
            happens = head.lemma_.lower() in lex.HAPPEN_VERBS or any(
                c.dep_ == "xcomp" and c.lemma_.lower() in lex.HAPPEN_VERBS for c in head.children
            )
            if not happens and any(c.dep_ in {"ccomp", "xcomp", "advcl"} for c in head.children):
                return None  # "it is important that ...": an expletive
            if (
                head.lemma_.lower() != "be"
                and head.lemma_.lower() not in lex.GOOD_EFFECTS | lex.BAD_EFFECTS
                and not happens
            ):
                return None  # "it wants ...": the pronoun acts, it is not what is judged
        return "pronoun"
    lemma = t.lemma_.lower()
    if (
        (lemma in lex.ANAPHOR_NOUNS or lemma in lex.IDEA_NOUNS or lemma in lex.PROJECT_NOUNS)
        and t.pos_ == "NOUN"
        and t.dep_ != "compound"
        and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "such"} for c in t.children)
    ):
        if any(c.dep_ in {"acl", "prep", "relcl"} for c in t.children if c.i > t.i):
            return None  # "the decision to open talks": it says what it is
        if lemma in lex.PROJECT_NOUNS:
            return "thing"
        return "idea" if lemma in lex.IDEA_NOUNS else "noun"
    return None


def anaphor_targets(
    doc: Any, targets: Sequence[Target], act_signs: Mapping[tuple[str, int], int], sents: Sequence[Any] | None = None
) -> list[Target]:
    """New targets for the anaphors of `targets` (see the module doc). `act_signs` gives, per
    (issue, anchor), the sign of the first act done to that target, when there was one."""
    sents = list(sents) if sents is not None else list(doc.sents)
    sent_of = {t.i: si for si, s in enumerate(sents) for t in s}
    taken = {(tg.issue.name, i) for tg in targets for i in range(tg.start, tg.end)}
    inside = {i for tg in targets for i in range(tg.start, tg.end)}
    by_order = sorted(targets, key=lambda tg: tg.anchor)
    out: list[Target] = []
    for t in doc:
        if t.i in inside:
            continue
        kind = _is_anaphor(t)
        if kind is None:
            continue
        si = sent_of[t.i]
        reach = {"pronoun": 1, "idea": 0, "noun": 2, "thing": 1}[kind]
        # (a pronoun does not point back through "the bill" to a term named further back)
        before = [
            tg
            for tg in by_order
            if tg.anchor < t.i and si - reach <= tg.sent <= si and tg.role != "anaphor" and not tg.echo
        ]
        if not before:
            continue
        if kind in {"pronoun", "idea"}:
            before = [tg for tg in before if tg.role in {"object", "predicate", "part", "revote"}]
            if not before:
                continue
        if kind == "thing":
            # only a thing an act is done to (the runway to build), named as such just before
            before = [tg for tg in before if tg.role == "object" and read_proposition(tg.issue).act is not None]
            if not before:
                continue
        ante = before[-1]
        if (ante.issue.name, t.i) in taken:
            continue
        governor = t.head.head if t.dep_ == "pobj" else t.head
        if kind == "pronoun" and governor.dep_ == "advcl" and goes_ahead(governor):
            continue  # "would back it when parliament votes on it": the thing's own course, no side
        sign = ante.sign if kind in {"pronoun", "idea", "thing"} else act_signs.get((ante.issue.name, ante.anchor))
        if sign is None:
            continue
        out.append(
            Target(ante.issue, t.i, t.i, t.i + 1, sign, "anaphor", si, f"{t.text} ({ante.term})", ante.explicit_subject)
        )
    return out


# Dependencies that give a verb an object or complement of its own: its object is said.
_OWN_OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "dative", "acomp", "nsubjpass", "auxpass"})
# Verbs of taking a position: "has not taken a position", "has no view yet".
_POSITION_VERBS = frozenset({"take", "have", "adopt", "reach", "form"})
# How far back the issue an unsaid object stands for may have been named, in sentences.
_ELIDED_REACH = 3


def _of_time(prep: Any) -> bool:
    """A prepositional phrase of time ("on Thursday", "in May"), which leaves the object unsaid."""
    return any(g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in prep.children)


def _no_position(t: Any) -> bool:
    """"has not (yet) taken a position", "had no view": no side, on a question not named in the
    clause (a view "on the percentages" is about that)."""
    if pol.lemma(t) not in _POSITION_VERBS:
        return False
    for c in t.children:
        if c.dep_ == "dobj" and pol.lemma(c) in lex.POSITION_NOUNS:
            if any(g.dep_ in {"prep", "acl", "relcl"} for g in c.children):
                return False
            return any(g.dep_ == "det" and g.lower_ == "no" for g in c.children) or any(
                g.dep_ == "neg" for g in t.children
            )
    return False


def elided_act(t: Any) -> int | None:
    """+1 / -1 when `t` assents to or refuses an object it leaves unsaid ("will sign", "voted
    against", "would not stand in the way" reads -1 here, its negation is read with it), 0 when it
    takes no side ("abstained", "has not taken a position"), None otherwise."""
    if t.pos_ != "VERB":
        return None
    if _no_position(t):
        return 0
    kids = list(t.children)
    if any(c.dep_ in _OWN_OBJECT_DEPS for c in kids):
        return None
    lem = pol.lemma(t)
    preps = [c for c in kids if c.dep_ == "prep"]
    if lem == "vote":
        for c in (c for c in kids if c.dep_ in {"prep", "advmod", "prt"}):
            if c.lower_ in {"against", "for"} and not any(g.dep_ == "pobj" for g in c.children):
                return -1 if c.lower_ == "against" else 1
            ob = [g for g in c.children if g.dep_ == "pobj"]
            if c.lower_ == "in" and len(ob) == 1 and ob[0].lower_ in {"favour", "favor"} and not list(ob[0].children):
                return 1
        return None
    if lem in lex.ABSTAIN_VERBS:
        return 0 if all(_of_time(c) for c in preps) else None
    if lem == "stand":
        # "would not stand in the way": an obstacle, whose negation lets the thing pass
        for c in preps:
            way = [g for g in c.children if g.dep_ == "pobj"]
            if c.lower_ == "in" and len(way) == 1 and way[0].lower_ == "way" and not list(way[0].children)[1:]:
                return -1
        return None
    if any(not _of_time(c) for c in preps):
        return None
    if any(c.dep_ == "prt" and c.lower_ not in {"up", "on"} for c in kids):
        return None
    return lex.ELIDED_OBJECT_VERBS.get(lem)


def _issue_sentence_before(si: int, sents: Sequence[Any], by_sent: Mapping[int, list[Target]]) -> int | None:
    """The nearest sentence before `si` that names an issue, at most `_ELIDED_REACH` sentences of
    words back (a closing quotation mark the parser left alone is no sentence between)."""
    seen = 0
    for j in range(si - 1, -1, -1):
        if j in by_sent:
            return j
        if any(t.is_alpha for t in sents[j]):
            seen += 1
            if seen >= _ELIDED_REACH:
                return None
    return None


def elided_targets(doc: Any, targets: Sequence[Target], sents: Sequence[Any]) -> list[Target]:
    """An unsaid object in a sentence that names no issue is the issue named just before (see the
    module doc): each issue of the nearest such sentence, at most `_ELIDED_REACH` back."""
    sents = list(sents)
    named = {tg.sent for tg in targets}
    by_sent: dict[int, list[Target]] = {}
    for tg in targets:
        if tg.role in {"object", "predicate", "part"}:
            by_sent.setdefault(tg.sent, []).append(tg)
    out: list[Target] = []
    for si, s in enumerate(sents):
        if si in named:
            continue
        prev = _issue_sentence_before(si, sents, by_sent)
        if prev is None:
            continue
        for t in s:
            if elided_act(t) is None:
                continue
            seen: set[str] = set()
            for ante in by_sent[prev]:
                prop = read_proposition(ante.issue)
                if ante.issue.name in seen or (
                    pol.lemma(t) == "join" and not (prop.object_is_deal or prop.change == "enter")
                ):
                    continue
                seen.add(ante.issue.name)
                out.append(Target(ante.issue, t.i, t.i, t.i + 1, ante.sign, "elided", si, f"{t.text} ({ante.term})"))
    return out


# Verbs that, refused or not yet done, leave a question unanswered: "declined to comment", "has not
# decided", "would not say".
_SILENT_VERBS = frozenset({"comment", "speculate", "say", "decide"})


def _silence(t: Any) -> bool:
    """A no-comment with nothing after it: "declined to comment (further)", "would not comment",
    "has not yet decided"; an object, clause or topic of its own ("declined to say whether ...",
    "did not comment on the weather") says what it is about."""
    if pol.lemma(t) not in _SILENT_VERBS or t.pos_ != "VERB":
        return False
    if any(c.dep_ in {"dobj", "ccomp", "xcomp", "prep", "advcl", "attr"} for c in t.children):
        return False
    declined = t.dep_ == "xcomp" and pol.lemma(t.head) in lex.DECLINE_VERBS
    silent = any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in {"not", "never"}) for c in t.children)
    return declined or (silent and pol.lemma(t) != "say")


def silence_targets(doc: Any, targets: Sequence[Target], sents: Sequence[Any]) -> list[Target]:
    """A no-comment in a sentence that names no issue, right after one that does: silence on the
    issues just named ("... on Timor-Leste's bid. A spokesman declined to comment.")."""
    sents = list(sents)
    by_sent: dict[int, list[Target]] = {}
    for tg in targets:
        by_sent.setdefault(tg.sent, []).append(tg)
    out: list[Target] = []
    for si, s in enumerate(sents):
        if si == 0 or si in by_sent or not by_sent.get(si - 1):
            continue
        for t in s:
            if not _silence(t):
                continue
            seen: set[str] = set()
            for ante in by_sent[si - 1]:
                if ante.issue.name in seen:
                    continue
                seen.add(ante.issue.name)
                out.append(Target(ante.issue, t.i, t.i, t.i + 1, 1, "silence", si, f"{t.text} ({ante.term})", False))
    return out

