"""Verbs met on the walk: attitude verbs with their subjects as holders, acts of entering or
leaving done by their subject, speech verbs and their speakers, and the proposition's own verb."""

from __future__ import annotations

from typing import Any

from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance import polarity as pol
from stanceline.nlp.stance.clauses import conditions, preference
from stanceline.nlp.stance.context import Context
from stanceline.nlp.stance.holders import Holder
from stanceline.nlp.stance.proposition import read_proposition
from stanceline.nlp.stance.state import W_LET_PASS, W_PREDICT, State, Station
from stanceline.nlp.stance.syntax import (
    subjects,
)
from stanceline.nlp.stance.targets import Target


def apply_verb(
    ctx: Context,
    st: State,
    v: Any,
    valence: int,
    what: str,
    target: Target,
    stations: list[Station],
    quote_speaker: Holder | None,
    *,
    skip: Any,
    weight: float = 1.0,
) -> None:
    negated = pol.is_negated(v)
    if valence < 0 and negated and any(c.dep_ == "aux" and c.lower_ in {"can", "could", "ca"} for c in v.children):
        # "we could not stop the accord": an obstacle that cannot be raised is no choice; but
        # "cannot support / accept / afford" it is a refusal, the negation below
        st.unable = True
    partial = negated and any(c.dep_ == "advmod" and c.lower_ in lex.PARTIAL for c in v.children)
    hypothetical = (
        valence > 0
        and any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in v.children)
        and not negated
        and pol.lemma(v) in lex.WISH_VERBS
        and not pol.backshifted(v)
    )
    if valence < 0:
        st.flip(v, f"{what}:against", weight=weight)
        if partial:
            st.conditional = True
            st.cue(v, "not entirely:conditional")
            negated = False
        elif negated:
            # not blocking it lets it pass, a weak support; no longer blocking it is an obstacle
            # removed, as lifting an objection is
            stop = pol.stopped(v)
            st.flip(v, f"{'no longer' if stop else 'not'} {v.lower_}", weight=1.0 if stop else W_LET_PASS)
            negated = False
    else:
        st.cue(v, f"{what}:for", weight=weight)
    if hypothetical:
        # "would welcome it one day": a wish on terms, not a push
        st.conditional = True
        st.cue(v, f"would {v.lower_}:conditional")
    if negated:
        ctx.negation(st, v)
    ctx.hedge(st, v)
    holders = ctx.resolve(subjects(v), "subject", target, quote_speaker)
    anchor = ctx.doc[target.anchor]
    if target.role == "predicate" and anchor.dep_ == "xcomp" and anchor.head.i == v.i:
        # "Iceland and Malta applied to join": each subject wants its own joining; the others'
        # wish is not a stance on the issue's subject
        prop = read_proposition(target.issue)
        own = [h for h in holders if prop.names_subject(h.key) or prop.names_subject(h.name)]
        holders = own or holders
    conditions(ctx, st, v, skip, holders)
    ctx.station(stations, v, "attitude", holders, st)


def act(ctx: Context, st: State, v: Any, target: Target, stations: list[Station], quote_speaker: Holder | None) -> None:
    """A change verb with the target as its object: its subject acts ("the US is withdrawing
    from the deal"), unless the act is only possible or hypothetical."""
    ctx.negation(st, v)
    hyp = any(c.dep_ == "aux" and c.lower_ in lex.HYPOTHETICAL_MODALS for c in v.children)
    holders = ctx.resolve(subjects(v), "subject", target, quote_speaker)
    conditions(ctx, st, v, v, holders)
    if hyp and not st.conditional:
        st.hypothetical = True
        ctx.hedge(st, v)
        holders = [h for h in holders if h.via == "quote"]
    ctx.station(stations, v, "act", holders, st)


def speech(
    ctx: Context,
    st: State,
    v: Any,
    target: Target,
    stations: list[Station],
    quote_speaker: Holder | None,
    via: Any | None = None,
) -> None:
    if via is not None:
        conditions(ctx, st, v, via, [])
    subs = subjects(v)
    holders = ctx.resolve(subs, "speech", target, quote_speaker)
    if not holders and any(c.dep_ == "nsubjpass" for c in v.children):
        holders = []
    ctx.station(stations, v, "speech", holders, st)


# Speech verbs that make a decision known: what they say will be done is a commitment.
_ANNOUNCE_VERBS = frozenset({"announce", "confirm", "pledge", "promise", "vow", "decide"})


def predicate_start(
    ctx: Context, st: State, anchor: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> Any | None:
    """The proposition stated by its own verb: "X should join" asks for it, "will never join"
    denies it, "we will go" or "would rather be out" wants it, "is leaving" does it. Returns the
    copula it read when the target is what someone becomes ("will never become a member"): the
    walk goes on above it, so its negation is not read twice."""
    v = anchor if anchor.pos_ in {"VERB", "AUX"} else anchor.head
    copula = anchor.dep_ in {"attr", "oprd"} and v.i != anchor.i and (
        pol.lemma(v) in {"become", "remain", "stay"}
        # "will never be a member": a modal "be" says what will or should become of it, a bare
        # "is (not) a member" states a fact
        or (pol.lemma(v) == "be" and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in v.children))
    )
    if v.pos_ not in {"VERB", "AUX"} or (
        v.i != anchor.i and anchor.dep_ not in {"prt", "prep", "advmod"} and not copula
    ):
        return None
    _read_predicate(ctx, st, v, target, stations, quote_speaker)
    return v if copula else None


_MODALS = frozenset({"will", "would", "shall", "should", "must", "'ll", "'d", "can", "could", "may", "might"})


def _read_predicate(
    ctx: Context, st: State, v: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> None:
    verbs = [v]
    if v.dep_ in {"xcomp"} and pol.lemma(v.head) in lex.LIGHT_VERBS:
        verbs.append(v.head)  # "was never going to accede"
    aux = {c.lower_ for x in verbs for c in x.children if c.dep_ in {"aux", "auxpass"}}
    mark = next((c.lower_ for c in v.children if c.dep_ == "mark"), "")
    if (
        v.tag_ in {"VBD", "VBZ", "VBP"}
        and not aux & lex.HYPOTHETICAL_MODALS
        and not any(pol.is_negated(x) for x in verbs)
        and pol.lemma(v) not in lex.BELONG_VERBS
        and v.dep_ not in {"xcomp", "ccomp", "acl", "relcl", "pcomp"}
        and not (v.dep_ == "advcl" and mark not in {"after", "since", "because", "as", "although", "though"})
    ):
        # the proposition done: "Trump withdrew in 2018", "Britain left the EU"
        holders = ctx.resolve([c for c in v.children if c.dep_ == "nsubj"], "subject", target, quote_speaker)
        if holders:
            st.cue(v, f"{v.lower_}:done")
            ctx.station(stations, v, "act", holders, st)
        return
    if any(pol.is_negated(x) for x in verbs):
        st.flip(v, f"not {v.lower_}")
    elif aux & {"should", "must", "ought", "need"}:
        st.cue(v, f"should {v.lower_}:for")
    elif pol.lemma(v) in lex.BELONG_VERBS:
        st.cue(v, f"{v.lower_}:for")
    elif preference(ctx, st, v):
        pass
    elif aux & {"will", "shall", "'ll", "would", "'d"} or (v.tag_ == "VBG" and "is" in aux):
        # "announced that Germany would send them": a decision made known, not a forecast
        announced = v.dep_ == "ccomp" and pol.lemma(v.head) in _ANNOUNCE_VERBS and not pol.is_negated(v.head)
        st.cue(v, f"will {v.lower_}", weight=1.0 if announced else W_PREDICT)
    else:
        conditions(ctx, st, v, v, [])  # "can join NATO as long as the war is over"
        return
    holders = [
        h for h in ctx.resolve(subjects(v), "subject", target, quote_speaker) if h.via == "quote" or h is quote_speaker
    ]
    conditions(ctx, st, v, v, holders)
    if holders:
        ctx.station(stations, v, "attitude", holders, st)
