"""Clauses that qualify a stance: conditions and prices on an act ("only if", "in return for"),
the target set as a condition ("if they comply, we will sign"), abstention and indifference, a
new public vote, citing the proposition as a reason for war, a stated preference."""

from __future__ import annotations

from typing import Any

from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance import polarity as pol
from stanceline.nlp.stance.context import Context
from stanceline.nlp.stance.holders import Holder
from stanceline.nlp.stance.state import State, Station
from stanceline.nlp.stance.syntax import (
    SUBJ_DEPS,
    first_person,
    subjects,
)
from stanceline.nlp.stance.targets import Target

_AGREE_VERBS = frozenset({"agree", "accept", "consent", "approve", "support", "back"})


def conditions(ctx: Context, st: State, p: Any, skip: Any, holders: list[Holder]) -> None:
    """Conditions the clause of `p` puts on its act, other than the path below it."""
    form = _not_as_it_stands(ctx, p) if st.sign > 0 else None
    if form is not None:
        # "will accept the fee, but not in its present form": for it, changed
        st.conditional = True
        st.cue(form, "not in its present form:conditional")
    for c in skip.children if skip.i != p.i else []:
        lead = ctx.doc[c.left_edge.i : c.left_edge.i + 3].text.lower()
        if c.dep_ in {"relcl", "acl"} and c.left_edge.i > skip.i and lead.startswith(lex.CONDITION_LEADS):
            # "approve the deal only once safeguards are in place", the clause hung on the object
            st.conditional = True
            st.cue(c.left_edge, f"{' '.join(lead.split()[:2])}:conditional")
        elif c.dep_ == "prep" and any(g.dep_ == "advmod" and g.lower_ == "only" for g in c.children):
            # "back the law only for adults", the restriction hung on the object: a part of it, on terms
            st.conditional = True
            st.cue(c, f"only {c.lower_}:conditional")
    # "we are prepared to accept it, but only when ...": the restriction parsed as a conjunct of
    # the clause the stance word sits in (the copula above "prepared", "ready", "willing")
    above = p.head if p.dep_ in {"acomp", "xcomp"} and p.head.i != p.i else None
    for c in above.children if above is not None else []:
        lead = ctx.doc[c.left_edge.i : c.left_edge.i + 3].text.lower()
        if c.dep_ in {"conj", "advcl"} and c.i > p.i and lead.startswith(lex.CONDITION_LEADS):
            st.conditional = True
            st.cue(c.left_edge, f"{' '.join(lead.split()[:2])}:conditional")
    kids = {c.i: c for c in [*p.children, *(above.children if above is not None else [])]}
    for c in kids.values():
        if c.dep_ == "conj" and c.i > p.i and pol.lemma(c) in _AGREE_VERBS:
            # "open to it but would only agree once ...": the stance restated with its condition
            mark = next(
                (m for a in c.children if a.dep_ == "advcl" for m in a.children
                 if m.dep_ in {"mark", "advmod"} and m.lower_ in lex.CONDITION_MARKS),
                None,
            )
            if (
                mark is not None
                and not any(g.lower_ == "even" for g in mark.head.children)
                and not own_condition(ctx, mark.head, [])  # "would back it if asked"
            ):
                st.conditional = True
                st.cue(mark, f"{mark.lower_}:conditional")
    for c in p.children:
        if c.i == skip.i:
            continue
        lead = ctx.doc[c.left_edge.i : c.left_edge.i + 3].text.lower()
        if c.dep_ in {"advcl", "ccomp", "conj"} and lead.startswith(lex.CONDITION_LEADS):
            # "..., provided that the fighting stops" (however the parser hangs it)
            st.conditional = True
            st.cue(c.left_edge, f"{lead.split()[0]}:conditional")
            continue
        if c.dep_ == "advcl":
            mark = next(
                (
                    g
                    for g in c.children
                    if g.dep_ in {"mark", "advmod"} and g.lower_ in lex.CONDITION_MARKS | {"when", "as", "so", "while"}
                ),
                None,
            )
            if mark is None:
                continue
            first = ctx.doc[c.left_edge.i : c.left_edge.i + 3].text.lower()
            if any(g.lower_ == "even" for g in c.children) or first.startswith("even"):
                continue  # "even if": a concession, not a condition
            if mark.lower_ in {"as", "so"} and not first.startswith(("as long", "so long")):
                continue
            if mark.lower_ == "when" and not any(
                g.dep_ == "aux" and g.lower_ in {"would", "will", "could", "can"} for g in p.children
            ):
                continue
            if mark.lower_ == "while" and pol.lemma(c) not in lex.DURING_VERBS:
                continue
            if own_condition(ctx, c, holders) or chooses_to_enter(c) or goes_ahead(c):
                continue
            st.conditional = True
            st.cue(mark, f"{mark.lower_}:conditional")
        elif c.dep_ == "prep":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and (c.lower_, pol.lemma(pobj)) in lex.EXCHANGE_PREPS:
                st.conditional = True
                more = next((g.lower_ for g in pobj.children if g.dep_ == "prep"), "")
                st.cue(c, f"{c.lower_} {pobj.lower_} {more}".strip() + ":conditional")
    timing = _wrong_timing(p) or (_wrong_timing(skip) if skip.i != p.i and skip.pos_ in {"VERB", "AUX"} else None)
    if timing is not None and not st.later:
        # "has no objection to X, but the timing is wrong": for it, not now
        st.later = True
        st.cue(timing, "timing wrong:later")
    toks = pol.clause_tokens(p, skip)
    txt = pol.text_of(toks)
    m = pol.condition_in(txt)
    if m is not None and not st.conditional:
        st.conditional = True
        st.cue(p, f"{m.group(0)}:conditional")
    m = pol.LATER_RE.search(txt)
    if m is not None:
        st.later = True
        st.cue(p, f"{m.group(0)}:later")
    elif (
        pol.lemma(p) in lex.LATER_WORDS
        and p.pos_ in {"VERB", "NOUN", "ADJ"}
        and pol.lemma(p)
        not in {"years", "decade", "decades", "away", "far", "early", "soon", "later", "slow", "slowly"}
    ):
        st.later = True
        st.cue(p, f"{p.lower_}:later")


_TIMING_NOUNS = frozenset({"timing", "time", "moment"})
_WRONG_TIME = frozenset({"wrong", "premature", "bad", "inopportune"})


_AS_IT_IS = frozenset({"present", "current", "existing"})


def _not_as_it_stands(ctx: Context, p: Any) -> Any | None:
    """The "form" of "(but) not in its present form" in the clause of `p`, if any."""
    for f in p.subtree:
        if (
            pol.lemma(f) == "form"
            and f.head.lower_ == "in"
            and f.head.i > 0
            and ctx.doc[f.head.i - 1].lower_ == "not"
            and any(a.dep_ == "amod" and a.lower_ in _AS_IT_IS for a in f.children)
        ):
            return f
    return None


def _wrong_timing(v: Any) -> Any | None:
    """A clause joined by "but" that says the time is wrong ("but the timing was wrong", "but the
    moment is not right"): its subject noun, else None."""
    if not any(c.dep_ == "cc" and c.lower_ == "but" for c in v.children):
        return None
    for c in v.children:
        if c.dep_ != "conj" or pol.lemma(c) != "be":
            continue
        subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if subj is None or pol.lemma(subj) not in _TIMING_NOUNS:
            continue
        judged = [g for g in c.children if g.dep_ in {"acomp", "attr"}]
        if any(pol.lemma(g) in _WRONG_TIME for g in judged) or (
            pol.is_negated(c) and any(pol.lemma(g) in {"right", "good", "ripe"} for g in judged)
        ):
            return subj
    return None


def own_condition(ctx: Context, clause: Any, holders: list[Holder]) -> bool:
    """A condition on the holder's own success ("if elected", "if his party wins") is a plan,
    not a demand on anyone."""
    subj = next((g for g in clause.children if g.dep_ in SUBJ_DEPS), None)
    if subj is None:
        return bool(clause.tag_ == "VBN")
    if pol.lemma(clause) == "be" and any(
        c.dep_ == "acomp" and (pol.lemma(c) in _TERMS_MET or pol.lemma(c) in lex.GOOD_WORDS) for c in clause.children
    ):
        return False  # "if our share is right": the terms it asks for, not its own success
    if first_person(subj) or subj.lower_ in lex.PERSON_PRONOUNS:
        return True
    owner = next((g for g in subj.children if g.dep_ == "poss"), None)
    if owner is not None and (owner.lower_ in lex.PERSON_PRONOUNS | lex.FIRST_PERSON):
        return True
    keys = {h.key for h in holders}
    return any(h.key in keys for h in ctx.actors.resolve(subj, "subject"))


# Adjectives of terms met: "if the share is right", "if the price is fair".
_TERMS_MET = frozenset(
    {"right", "fair", "enough", "sufficient", "acceptable", "adequate", "satisfactory", "reasonable"}
)
_CHOOSE_VERBS = frozenset({"decide", "choose", "opt", "want", "wish", "seek", "vote", "elect"})


# Verbs of a thing going ahead ("if it passes", "if it reaches his desk") and of the acts that
# make it go ahead ("if parliament approves it", "if it is adopted").
_AHEAD_VERBS = frozenset({"pass", "reach", "clear", "proceed", "happen", "succeed", "advance", "arrive", "land"})
_ENACT_VERBS = frozenset({"pass", "approve", "adopt", "enact", "ratify", "sign", "accept", "agree"})
# Verbs of a body deciding on the thing: "votes on it", "rules on it".
_DECIDE_ON_VERBS = frozenset({"vote", "rule", "decide", "act"})
# What stands for the thing itself in such a clause: a pronoun, or a noun of a measure or a deal.
_THING_PRONOUNS = frozenset({"it", "this", "that"})


def goes_ahead(clause: Any) -> bool:
    """A condition that is only the thing itself going ahead ("would veto the bill if it reached
    his desk", "will sign it if parliament passes it"): the act waits on nothing but the thing
    coming to it, no terms set."""
    def thing(t: Any | None) -> bool:
        return t is not None and (
            t.lower_ in _THING_PRONOUNS or pol.lemma(t) in lex.MEASURE_NOUNS | lex.DEAL_NOUNS
        )

    lem = pol.lemma(clause)
    subj = next((g for g in clause.children if g.dep_ == "nsubj"), None)
    passive = next((g for g in clause.children if g.dep_ == "nsubjpass"), None)
    obj = next((g for g in clause.children if g.dep_ == "dobj"), None)
    # "when parliament votes on it", "once the council rules on the bill": the thing's own decision
    decided_on = lem in _DECIDE_ON_VERBS and any(
        c.dep_ == "prep" and c.lower_ in {"on", "upon"} and any(g.dep_ == "pobj" and thing(g) for g in c.children)
        for c in clause.children
    )
    return (
        (thing(subj) and lem in _AHEAD_VERBS)
        or (thing(passive) and lem in _ENACT_VERBS)
        or (thing(obj) and lem in _ENACT_VERBS)
        or decided_on
    )


def chooses_to_enter(clause: Any) -> bool:
    """A condition that is the applicant's own choice to join ("if Norway applies", "if they decide
    to join, we will back them"): the backing waits on nothing but the thing itself, no terms set."""
    lem = pol.lemma(clause)
    if lem in lex.ENTER_VERBS or lem == "apply":
        return True
    return lem in _CHOOSE_VERBS and any(
        c.dep_ == "xcomp" and (pol.lemma(c) in lex.ENTER_VERBS or pol.lemma(c) == "apply") for c in clause.children
    )


def abstain(
    ctx: Context, st: State, v: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> bool:
    """Not taking part in the decision: "abstained", "was not involved in", "left the room"."""
    lem = pol.lemma(v)
    neg = pol.is_negated(v)
    objs = {pol.lemma(c) for c in v.children if c.dep_ in {"dobj", "pobj"}}
    tok = ctx.doc[target.anchor]
    if (
        lem in {"stay", "keep", "remain"}
        and tok.head.lower_ == "of"
        and tok.head.head.lower_ == "out"
        and tok.head.head.head.i == v.i
    ):
        # "should stay out of [the treaty]": not taking it up, against it (staying out of a
        # vote, not the thing itself, is abstaining)
        st.flip(v, f"{v.lower_} out of:against")
        ctx.negation(st, v)
        ctx.subject_holds(stations, v, target, quote_speaker, st)
        return True
    if not (
        lem in lex.ABSTAIN_VERBS
        or (lem in {"involve", "participate", "vote"} and neg)
        or (lem == "take" and "part" in objs and neg)
        or (lem in {"leave", "quit", "exit"} and objs & {"room", "meeting", "chamber", "table", "hall"})
        or (lem in {"walk", "stay", "sit"} and any(c.lower_ in {"out", "away"} for c in v.children))
    ):
        return False
    return _no_side(ctx, st, v, v, f"{'not ' if neg else ''}{v.lower_}", target, stations, quote_speaker)


def _no_side(
    ctx: Context, st: State, at: Any, head: Any, cue: str, target: Target, stations: list[Station],
    quote_speaker: Holder | None,
) -> bool:
    """The holder takes no side (neutral): the cue at `at`, held by the subject of `head`."""
    st.abstain = True
    st.cue(at, f"{cue}:neutral")
    ctx.subject_holds(stations, head, target, quote_speaker, st)
    return True


def others_decide(
    ctx: Context, st: State, v: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> bool:
    """Leaving the decision on it to others: "it is not for the government to decide on X", "it is
    up to the shareholders to decide": no side taken (neutral), held by whoever says so."""
    if pol.lemma(v) not in _DECIDE_VERBS or v.head.i == v.i:
        return False
    cop = v.head
    if pol.lemma(cop) != "be" or not pol.expletive_it(cop):
        return False
    for_someone = v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in v.children)
    up_to = any(
        c.dep_ == "prep" and c.lower_ == "up" and any(g.lower_ == "to" for g in c.children) for c in cop.children
    )
    if not (for_someone or up_to):
        return False
    st.abstain = True
    st.cue(v, "for others to decide:neutral")
    said = cop.head if cop.dep_ == "ccomp" and pol.lemma(cop.head) in lex.SPEECH_VERBS else None
    if said is not None:
        holders = ctx.resolve(subjects(said), "speech", target, quote_speaker)
        ctx.station(stations, said, "speech", holders, st)
    elif quote_speaker is not None:
        ctx.station(stations, v, "attitude", [quote_speaker], st)
    return True


_DECIDE_VERBS = frozenset({"decide", "rule", "choose", "determine", "judge"})


def no_side_via(
    ctx: Context, st: State, v: Any, prep: str, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> bool:
    """A phrase on the target that says the holder takes no side on it: "would not take sides on X",
    "declined to comment on X" (neutral)."""
    lem = pol.lemma(v)
    if prep not in {"on", "about", "over", "in"}:
        return False
    sides = any(c.dep_ == "dobj" and pol.lemma(c) in lex.POSITION_NOUNS for c in v.children)
    declined = (
        lem in {"comment", "say", "speculate"}
        and v.dep_ == "xcomp"
        and pol.lemma(v.head) in lex.DECLINE_VERBS | {"refuse"}
    )
    # "did not comment on X", "would not speculate about X": the same refusal, said with "not"
    silent = lem in {"comment", "speculate"} and pol.is_negated(v)
    if not ((lem in lex.TAKE_VERBS and sides and pol.not_yet_done(v)) or declined or silent):
        return False
    cue = f"{'declined to ' if declined else 'not ' if silent else 'no '}{v.lower_}"
    return _no_side(ctx, st, v, v.head if declined else v, cue, target, stations, quote_speaker)


def defers_to_owner(
    ctx: Context, st: State, v: Any, node: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> bool:
    """Respecting, or not interfering in, someone else's decision on it: "respects Finland's
    decision to apply", "will not interfere in X's choice" takes no side (neutral)."""
    lem = pol.lemma(v)
    if pol.lemma(node) not in {"decision", "choice", "right", "wish", "wishes"}:
        return False
    if not any(c.dep_ == "poss" and c.lower_ not in lex.FIRST_PERSON for c in node.children):
        return False  # "respect the decision" of nobody named, or one's own
    if not ((lem in {"respect", "accept", "honour", "honor"} and not pol.is_negated(v))
            or (lem in {"interfere", "meddle", "intervene"} and pol.is_negated(v))):
        return False
    return _no_side(ctx, st, v, v, f"{v.lower_} {node.lower_}", target, stations, quote_speaker)


def matter_for_others(
    ctx: Context, st: State, cop: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> bool:
    """ "[X] is a matter for the voters", "an internal matter for Finland", "a decision for each
    state to take", "whether X joins is for the voters to decide", "[X] is up to Finland", "the
    decision on X lies with the chancellor": for others to decide."""
    if pol.lemma(cop) in {"lie", "rest"}:
        # "the decision on X lies with the chancellor": someone else's to take
        with_ = next(
            (
                c
                for c in cop.children
                if c.dep_ == "prep"
                and c.lower_ == "with"
                and any(g.dep_ == "pobj" and g.lower_ not in lex.FIRST_PERSON for g in c.children)
            ),
            None,
        )
        if with_ is None:
            return False
        st.cue(with_, "for others to decide:neutral")
        return _for_others(ctx, st, cop, target, stations, quote_speaker)
    if pol.lemma(cop) != "be":
        return False
    others = {"matter", "question", "issue", "decision", "choice"}
    attr = next((c for c in cop.children if c.dep_ == "attr" and pol.lemma(c) in others), None)
    decide = next(
        (
            c
            for c in cop.children
            if c.dep_ in {"advcl", "xcomp"}
            and pol.lemma(c) in _DECIDE_VERBS
            and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children)
        ),
        None,
    )
    # "up to the voters / Finland / them", not "up to date" or "up to standard": someone to decide
    up_to = next(
        (
            c
            for c in cop.children
            if c.lower_ == "up"
            and any(
                g.dep_ == "prep"
                and g.lower_ == "to"
                and any(o.dep_ == "pobj" and (o.pos_ in {"PROPN", "PRON"} or o.tag_ == "NNS") for o in g.children)
                for g in c.children
            )
        ),
        None,
    )
    if attr is not None and any(
        (c.dep_ == "prep" and c.lower_ == "for")
        # "a decision for each state to take"
        or (c.dep_ in {"advcl", "relcl", "acl"} and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children))
        for c in attr.children
    ):
        st.cue(attr, f"a {attr.lower_} for others:neutral")
    elif decide is not None or up_to is not None:
        st.cue(decide if decide is not None else up_to, "for others to decide:neutral")
    else:
        return False
    return _for_others(ctx, st, cop, target, stations, quote_speaker)


def _for_others(
    ctx: Context, st: State, cop: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> bool:
    """No side: held by whoever says it is for others to decide."""
    st.abstain = True
    said = cop.head if cop.dep_ == "ccomp" and pol.lemma(cop.head) in lex.SPEECH_VERBS else None
    if said is not None:
        ctx.station(stations, said, "speech", ctx.resolve(subjects(said), "speech", target, quote_speaker), st)
    elif quote_speaker is not None:
        ctx.station(stations, cop, "attitude", [quote_speaker], st)
    return True


def justification(
    ctx: Context, st: State, v: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> bool:
    """Citing the proposition as what explains or justifies a war opposes it: "cited NATO
    enlargement as a pretext for the war", "pointed to it to explain the attack"."""
    if pol.lemma(v) not in lex.CITE_VERBS:
        return False
    words = {pol.lemma(t) for t in v.subtree}
    if not (words & lex.JUSTIFY_WORDS and words & lex.WAR_WORDS):
        return False
    st.flip(v, f"{v.lower_} as reason for war:against")
    ctx.subject_holds(stations, v, target, quote_speaker, st)
    return True


def revote(ctx: Context, st: State, v: Any) -> bool:
    """ "vote again on X": putting it to the public again."""
    if pol.lemma(v) in {"vote", "decide", "choose"} and any(c.lower_ in {"again", "anew"} for c in v.children):
        st.revote = True
        st.cue(v, f"{v.lower_} again:conditional")
        return True
    return False


def preference(ctx: Context, st: State, v: Any) -> bool:
    """ "would rather ...": the subject prefers it."""
    for c in v.children:
        if c.dep_ == "advmod" and c.lower_ == "rather" and any(g.lower_ in {"would", "'d"} for g in v.children):
            st.cue(c, "would rather:for")
            return True
    return False


def from_adverbial(
    ctx: Context, st: State, p: Any, clause: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> bool:
    """The target is in an adverbial clause of `p`: a condition ("if X, we will rejoin"), an
    evaluation ("it would be a mistake if X"), a purpose ("invaded to thwart X"), or a time or
    reason clause that says nothing of `p`'s subject's stance."""
    mark = next((g for g in clause.children if g.dep_ in {"mark", "advmod"} and g.i < clause.i), None)
    m = mark.lower_ if mark is not None else ""
    if m in lex.CONDITION_MARKS or (
        m == "when" and any(c.dep_ == "aux" and c.lower_ in {"would", "will"} for c in p.children)
    ):
        # what the condition's own subject would do is hypothetical: nobody's position
        inner = {x.i for x in clause.subtree}
        stations[:] = [x for x in stations if x.tok.i not in inner]
        if any(g.lower_ == "even" for g in clause.children):
            return False
        if pol.lemma(p) == "be" and any(
            c.dep_ in {"nsubj", "expl"} and c.lower_ in {"it", "there"} for c in p.children
        ):
            # "it would be a mistake if X", "there would be an arms race if X": X is judged
            ev = pol.predicate_eval(p, clause)
            if ev is None:
                attr = next((c for c in p.children if c.dep_ in {"attr", "acomp"}), None)
                if attr is not None and pol.lemma(attr) in lex.BAD_OUTCOMES:
                    ev = (-1, attr)
            if ev is not None:
                e, tok = ev
                st.judge(tok, e, f"{tok.lower_} if")
                ctx.negation(st, p)
                return True
            return False
        threat = pol.threat(p)
        if threat is not None:
            # "warned of retaliation if X", "would retaliate if X": X is what they threaten to answer
            st.judge(threat, -1, f"{threat.lower_} if")
            ctx.subject_holds(stations, p, target, quote_speaker, st)
            return True
        # the holder of p sets the target as a condition of its own act ("if Iran complies, we
        # will rejoin"): only a committed act of p's subject, not any hypothetical
        committed = any(
            c.dep_ == "aux" and c.lower_ in {"will", "would", "'d", "shall", "can"} for c in p.children
        ) and (
            pol.change_factor(p) is not None
            or pol.verb_valence(p, "dobj") == 1
            or pol.lemma(p) in {"do", "return", "lift"}
        )
        if st.sign > 0 and committed:
            if chooses_to_enter(clause):
                # "if Norway applies, we will back it": backing promised for the applicant's own choice
                st.cue(mark, f"{m} it chooses to:for")
            else:
                st.conditional = True
                st.cue(mark, f"{m}:conditional")
            holders = [h for h in ctx.resolve(subjects(p), "subject", target, quote_speaker)]
            ctx.station(stations, p, "attitude", holders, st)
            return True
        return False
    if m in {"when", "as", "while"} and abstain(ctx, st, p, target, stations, quote_speaker):
        return True  # "walked out when ministers voted to ..."
    if pol.lemma(p) in lex.INDIFFERENT_VERBS and pol.is_negated(p):
        # "it does not matter whether we sign up": no position on it
        st.abstain = True
        st.cue(p, "does not matter:neutral")
        return True
    if m in {"before", "until", "till"} and any(
        c.dep_ == "aux" and c.lower_ in {"must", "should", "need"} for c in p.children
    ):
        # "borders must be demarcated before any membership talks can advance": a condition
        st.conditional = True
        st.cue(mark, f"must ... {m}:conditional")
        return True
    if m in lex.CLAUSE_MARK_STOP or m in {"when", "if"}:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) or m == "for":
        if pol.lemma(p) in {"take", "be", "become", "seem", "need", "cost", "remain", "require"}:
            # "it will take years for the country to qualify": not a purpose
            conditions(ctx, st, p, clause, [])
            return True
        if pol.lemma(clause) in lex.DELIBERATION:
            return False
        # a purpose ("lobbied for the region to secede", "acted to stop ..."): what the main
        # subject acts for
        st.cue(clause, "to:for")
        holders = ctx.resolve(subjects(p), "subject", target, quote_speaker)
        ctx.station(stations, p, "attitude", holders, st)
        return True
    if pol.lemma(clause) == "say" or clause.tag_ == "VBG":
        # an accompanying act ("..., saying that ..."): said by the main subject
        holders = ctx.resolve(subjects(p), "subject", target, quote_speaker)
        if st.cued and holders:
            ctx.station(stations, p, "speech", holders, st)
        return True
    return False
