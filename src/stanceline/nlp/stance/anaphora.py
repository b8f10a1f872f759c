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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from stanceline.nlp.stance import lexicon as lex
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
        before = [tg for tg in by_order if tg.anchor < t.i and si - reach <= tg.sent <= si and tg.role != "anaphor"]
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
        sign = ante.sign if kind in {"pronoun", "idea", "thing"} else act_signs.get((ante.issue.name, ante.anchor))
        if sign is None:
            continue
        out.append(
            Target(ante.issue, t.i, t.i, t.i + 1, sign, "anaphor", si, f"{t.text} ({ante.term})", ante.explicit_subject)
        )
    return out


# Verbs that, refused or not yet done, leave a question unanswered: "declined to comment", "has not
# decided", "would not say".
_SILENT_VERBS = frozenset({"comment", "speculate", "say", "decide"})


def _silence(t: Any) -> bool:
    """A no-comment with nothing after it: "declined to comment (further)", "would not comment",
    "has not yet decided"; an object, clause or topic of its own ("declined to say whether ...",
    "did not comment on the weather") says what it is about."""
    if lemma_of(t) not in _SILENT_VERBS or t.pos_ != "VERB":
        return False
    if any(c.dep_ in {"dobj", "ccomp", "xcomp", "prep", "advcl", "attr"} for c in t.children):
        return False
    declined = t.dep_ == "xcomp" and lemma_of(t.head) in lex.DECLINE_VERBS
    silent = any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in {"not", "never"}) for c in t.children)
    return declined or (silent and lemma_of(t) != "say")


def lemma_of(t: Any) -> str:
    return str(t.lemma_).lower()


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

