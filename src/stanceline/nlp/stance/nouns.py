"""Nouns and adjectives met on the walk: attitude nouns and their owners ("Hungary's objection"),
steps of the process (transparent), evaluations said of the target, adjectives of readiness, and
what a verb says of the target as its subject."""

from __future__ import annotations

from typing import Any

from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance import polarity as pol
from stanceline.nlp.stance.clauses import conditions, matter_for_others
from stanceline.nlp.stance.context import Context
from stanceline.nlp.stance.holders import Holder
from stanceline.nlp.stance.proposition import read_proposition
from stanceline.nlp.stance.state import W_PREDICT, State, Station
from stanceline.nlp.stance.syntax import (
    owners,
    subjects,
)
from stanceline.nlp.stance.targets import Target
from stanceline.nlp.stance.verbs import apply_verb


def modifiers(ctx: Context, anchor: Any, st: State) -> None:
    """Evaluations and negations said of the target itself: "a disastrous deal", "no
    membership", "pro-Brexit"."""
    heads = [anchor]
    if anchor.dep_ in {"compound", "amod"} and anchor.head.lemma_.lower() in lex.PROCESS_NOUNS:
        heads.append(anchor.head)
    if (
        anchor.dep_ == "pobj"
        and anchor.head.head.lemma_.lower() in lex.PROCESS_NOUNS
        and anchor.head.head.i != anchor.i
    ):
        heads.append(anchor.head.head)  # "an irreversible path to [membership]"
    for h in heads:
        for c in h.children:
            if c.dep_ in {"amod", "compound"} and c.i != anchor.i:
                e = pol.eval_of(c) if pol.lemma(c) in lex.GOOD_WORDS | lex.BAD_WORDS else None
                if e is not None and pol.lemma(c) not in {"step", "signal", "interest", "interests", "strong"}:
                    # the speaker's own judgement of the target, beside whatever is done to it
                    st.said_of = e * st.sign
                    st.cues.append(f"{c.lower_}:{'support' if e * st.sign > 0 else 'oppose'}")
                    st.spans.append((c.idx, c.idx + len(c.text)))
            if c.dep_ == "det" and c.lower_ in {"no"} and h.pos_ == "NOUN" and h.i == anchor.i:
                st.flip(c, "no")
        if h.text.lower().startswith("anti-"):
            st.flip(h, "anti-")
    if anchor.i > 0 and anchor.doc[anchor.i - 1].lower_ in {"pro", "pro-"}:
        st.cue(anchor.doc[anchor.i - 1], "pro-")


# Nouns of contesting a thing at law or before a body, against what follows "to" / "against".
_CONTEST_NOUNS = frozenset({"challenge", "complaint", "lawsuit"})
# Nouns of a side taken in the phrase "in N of/to X": for X, or against it.
_SIDE_NOUNS = {"favour": 1, "favor": 1, "support": 1, "defence": 1, "defense": 1, "opposition": -1}

# A vote on which members follow no party line ("a free vote", "a conscience vote").
_FREE_VOTE = frozenset({"free", "conscience", "unwhipped"})


def noun(
    ctx: Context,
    st: State,
    n: Any,
    prep: str | None,
    via: Any,
    target: Target,
    stations: list[Station],
    quote_speaker: Holder | None,
) -> bool:
    lem = pol.lemma(n)
    side = _SIDE_NOUNS.get(lem)
    if (
        side is not None
        and prep in {"of", "to"}
        and n.dep_ == "pobj"
        and n.head.lower_ == "in"
        and n.head.head.pos_ in {"VERB", "AUX"}
    ):
        # "came out in favour of X", "is in support of X", "spoke in opposition to X": the side
        # taken, held by whoever the phrase is said of
        st.take(n, side, f"in {n.lower_} {prep}:{'for' if side > 0 else 'against'}")
        v = n.head.head
        ctx.negation(st, v)
        ctx.subject_holds(stations, v, target, quote_speaker, st)
        return True
    if lem in _CONTEST_NOUNS and prep in {"to", "against"}:
        # "the industry's challenge to X", "a complaint against X": a move against it, which
        # whoever rejects or dismisses it turns round
        st.flip(n, f"{n.lower_} {prep}:against")
        return True
    if lem == "way" and prep == "of" and n.dep_ == "pobj" and n.head.lower_ == "in":
        # "stand in the way of X", "get in the way of X": an obstacle to it
        st.flip(n, "in the way of:against")
        st.obstacle_open = True
        return True
    if lem in lex.CONDITION_NOUNS and prep == "for":
        # "set out conditions for approving X", "its demands for backing X": X only on terms,
        # held by whoever sets them (the noun's owner, or the subject of the verb it hangs on)
        holders = ctx.resolve(owners(n), "owner", target, quote_speaker)
        v = n
        for _ in range(4):
            if v.pos_ in {"VERB", "AUX"} or v.head.i == v.i:
                break
            v = v.head
        if not holders and v.pos_ in {"VERB", "AUX"} and pol.lemma(v) in _SET_TERMS_VERBS:
            holders = ctx.resolve(subjects(v), "subject", target, quote_speaker)
        if holders:  # (who meets the conditions sets none)
            st.conditional = True
            st.cue(n, f"{n.lower_} for:conditional")
            ctx.station(stations, n, "attitude", holders, st)
        return True
    if lem == "vote" and prep == "on" and any(c.dep_ == "amod" and c.lower_ in _FREE_VOTE for c in n.children):
        # "will give its lawmakers a free vote on X": the party takes no line on it
        st.abstain = True
        st.cue(n, "free vote:neutral")
        v = n.head if n.head.pos_ in {"VERB", "AUX"} else None
        holders = ctx.resolve(subjects(v), "subject", target, quote_speaker) if v is not None else []
        if holders:
            ctx.station(stations, v, "attitude", holders, st)
        return True
    if lem in lex.TOPIC_PP_NOUNS and n.dep_ == "pobj":
        st.subordinate = True
        return False  # "in terms of X", "with regard to X": a topic, not an object
    if prep in lex.AGAINST_PREPS and not (lem in lex.FOR_NOUNS or lem in lex.AGAINST_NOUNS or lem in lex.PROCESS_NOUNS):
        st.pending_against = True  # "veto on the summit against X": the phrase belongs higher
        return True
    if n.pos_ == "PROPN" and n.dep_ in {"pobj", "appos", "dobj", "nsubj", "attr"} and lem not in lex.GROUP_NOUNS:
        return True  # a word of a name ("Partnership Plan for Growth") takes no side
    if lem in {"percent", "%", "cent"} or (any(c.dep_ == "nummod" for c in n.children) and n.dep_ == "dobj"):
        return True  # "support you 100 percent on X": a measure, the phrase belongs to the verb
    if (
        prep in {"on", "about", "over", "regarding"}
        and lem in lex.POSITION_NOUNS
        and n.dep_ == "dobj"
        and pol.lemma(n.head) in lex.TAKE_VERBS
        and (pol.not_yet_done(n.head) or pol.is_negated(n))
    ):
        return True  # "has not taken a position on X": the verb says it (no position yet)
    if prep in {"about", "on", "over", "regarding", "concerning"} and not (
        lem in lex.FOR_NOUNS
        or lem in lex.AGAINST_NOUNS
        or lem in lex.PROCESS_NOUNS
        or lem in lex.ANAPHOR_NOUNS
        or pol.change_factor(n) is not None
        or pol.act_valence(n, target.issue) is not None
    ):
        st.subordinate = True
        return False  # "criticized rhetoric about the deal": the rhetoric is the object
    if st.pending_against and lem in lex.AGAINST_NOUNS:
        st.pending_against = False
        prep = None
    no = next((c for c in n.children if c.dep_ == "det" and c.lower_ == "no"), None)
    ruled_out = pol.act_valence(n, target.issue, kinds=True) if no is not None and n.pos_ == "NOUN" else None
    if ruled_out is not None and target.role == "object" and prep in {"in", "of", "to", "on"}:
        # "there will be no increase in the fee": the issue's act on its object, ruled out
        st.take(n, ruled_out, f"{n.lower_} {prep}:{'for' if ruled_out > 0 else 'against'}")
        st.flip(no, "no")
        return True
    factor = pol.change_factor(n)
    if factor is not None and target.role != "predicate" and prep in {None, "from", "to", "in", "into", "of", "with"}:
        st.take(n, factor, f"{n.lower_}")
    v = pol.noun_valence(n, prep)
    if v is None and n.pos_ == "NOUN" and pol.doer_noun(n, prep, target.issue):
        st.subordinate = True
        return False  # "chose the host of the games": the doer, not the act, is the object
    by_kind = False
    if v is None and prep in {None, "of", "on", "for"} and n.pos_ == "NOUN":
        v = pol.act_valence(n, target.issue)  # "the ban on [the pesticide]": the act itself
        if v is None:
            v = pol.act_valence(n, target.issue, kinds=True)  # "the easing of the embargo"
            by_kind = v is not None
    if v is not None:
        st.take(n, v, f"{n.lower_}:{'against' if v < 0 else 'for'}")
        ctx.negation(st, n)
        conditions(ctx, st, n, via, [])
        holders = [] if by_kind else ctx.resolve(owners(n), "owner", target, quote_speaker)
        if holders:
            ctx.station(stations, n, "attitude", holders, st)
        return True
    if lem in lex.ANAPHOR_NOUNS or lem in lex.PROCESS_NOUNS or factor is not None:
        if lem in lex.LATER_WORDS:
            st.later = True
            st.cue(n, f"{n.lower_}:later")  # "a temporary pause on membership"
        ctx.negation(st, n)
        return True
    if n.pos_ == "PROPN" or lem in lex.GROUP_NOUNS:
        return False  # a target inside a name or a group's description is not its object
    e = pol.eval_of(n) if lem in lex.GOOD_WORDS | lex.BAD_WORDS else None
    if e is not None and prep == "of":
        st.judge(n, e, f"{n.lower_}")
    return True


# Verbs of setting terms: "set out conditions for", "imposed demands for".
_SET_TERMS_VERBS = frozenset({
    "set", "impose", "lay", "list", "attach", "outline", "spell", "present", "issue", "make", "put", "pose", "state",
})


def adjective(
    ctx: Context, st: State, a: Any, via: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> None:
    """ "X is ready to / opposed to / keen on ...": X's attitude; but the proposition's own
    subject "is (not) ready" for it is the speaker's judgement of when, not X's wish."""
    v = pol.adj_valence(a) if a.pos_ == "ADJ" else 1
    if v is None and pol.lemma(a) in lex.ABSTAIN_VERBS:
        # "is still undecided on X", "remains neutral on X": no position yet
        st.abstain = True
        st.cue(a, f"{a.lower_}:neutral")
        cop = a.head if a.head.i != a.i else a
        ctx.station(stations, a, "attitude", ctx.resolve(subjects(cop), "subject", target, quote_speaker), st)
        return
    if v is None:
        return
    cop = a.head
    if a.pos_ == "VERB":
        cop = a
        subs = [c for c in a.children if c.dep_ in {"nsubj", "nsubjpass"}]
    else:
        subs = subjects(cop) if cop.i != a.i else []
    holders = ctx.resolve(subs, "subject", target, quote_speaker)
    prop = read_proposition(target.issue)
    if pol.lemma(a) in {"ready", "prepared", "ripe"} and (
        any(prop.names_subject(h.key) or prop.names_subject(h.name) for h in holders)
        or any(prop.names_subject(x.text) for x in subs)
    ):
        if pol.is_negated(a) or pol.is_negated(cop):
            st.later = True
            st.cue(a, f"not {a.lower_}:later")
        else:
            st.cue(a, f"{a.lower_}:for", weight=W_PREDICT)
        return
    st.take(a, v, f"{a.lower_}:{'against' if v < 0 else 'for'}")
    if (
        pol.lemma(a) in {"ready", "prepared"}
        and st.sign > 0
        and (pol.is_negated(a) or pol.is_negated(cop))
        and not any(c.lower_ == "never" for c in [*a.children, *cop.children])
    ):
        # "is not (yet) ready to back X": not now, which is not never ("not willing" refuses)
        st.negated |= {a.i, cop.i}
        st.later = True
        st.cue(a, f"not {a.lower_}:later")
    ctx.negation(st, a)
    if cop.i != a.i:
        ctx.negation(st, cop)
    conditions(ctx, st, a, via, holders)
    ctx.station(stations, a, "attitude", holders, st)


def as_subject(
    ctx: Context,
    st: State,
    p: Any,
    node: Any,
    rel: str,
    target: Target,
    stations: list[Station],
    quote_speaker: Holder | None,
) -> bool:
    """The target is the subject of `p`: what `p` says of it."""
    lem = pol.lemma(p)
    if pol.lemma(node) in lex.DOOR_NOUNS:
        # "the door to membership remains open / is closed"
        state = next(
            (
                c
                for c in p.children
                if c.dep_ in {"acomp", "attr", "oprd", "advmod"} and pol.lemma(c) in lex.OPEN | lex.SHUT
            ),
            p if lem in lex.OPEN | lex.SHUT else None,
        )
        if state is not None:
            if pol.lemma(state) in lex.SHUT:
                st.flip(state, f"door {state.lower_}:against")
            else:
                st.cue(state, f"door {state.lower_}:for")
            ctx.negation(st, p)
            return True
    if rel in {"nsubj", "csubj"} and matter_for_others(ctx, st, p, target, stations, quote_speaker):
        return False  # "X is a matter for the voters": for others to decide
    if lem == "be" and pol.lemma(node) in {"answer", "response", "reply"}:
        word = next(
            (c for c in p.children if c.dep_ in {"attr", "acomp", "intj", "advmod"} and c.lower_ in {"yes", "no"}), None
        )
        if word is not None:
            # "our answer to X is no": the answer given to it
            v = 1 if word.lower_ == "yes" else -1
            st.take(word, v, f"answer {word.lower_}:{'for' if v > 0 else 'against'}")
            ctx.negation(st, p)
            holders = ctx.resolve(owners(node), "owner", target, quote_speaker)
            if holders:
                ctx.station(stations, node, "attitude", holders, st)
            return True
    out = pol.ruled_out(p) if lem == "be" else None
    if out is not None:
        # "[X] is out of the question / off the table": it will not be done
        st.judge(out, -1, f"{out.lower_} of the question" if out.lower_ == "out" else "off the table")
        ctx.negation(st, p)
        return True
    if lem in lex.STAY_VERBS:
        done = next((c for c in p.children if c.dep_ in {"acomp", "oprd"} and pol.act_valence(c, target.issue)), None)
        if done is not None:
            # "the border will stay closed": the act kept done (for a proposition about closing it)
            st.take(done, 1, f"{p.lower_} {done.lower_}:for")
            ctx.negation(st, p)
            conditions(ctx, st, p, node, [])
            return True
    if lem == "be" or lem in {"remain", "seem", "become", "look", "sound", "prove", "represent", "mark", "mean"}:
        ev = pol.predicate_eval(p, node)
        if ev is None and lem in {"mark", "represent", "mean"}:
            obj = next((c for c in p.children if c.dep_ == "dobj"), None)
            ev = (pol.eval_of(obj), obj) if obj is not None and pol.eval_of(obj) is not None else None  # type: ignore[assignment]
        if ev is not None:
            e, tok = ev
            st.judge(tok, e, f"{tok.lower_}")
            ctx.negation(st, p)
        conditions(ctx, st, p, node, [])
        ctx.hedge(st, p)
        return True
    if lem in lex.RECEIVE_VERBS and rel == "nsubj" and _received_attitude(ctx, st, p, target, stations, quote_speaker):
        return True
    happen = next((c for c in p.children if c.dep_ == "xcomp" and pol.lemma(c) in lex.HAPPEN_VERBS), None)
    if lem in lex.HAPPEN_VERBS or (lem in lex.LIGHT_VERBS and happen is not None):
        # "that is not going to happen", "it will happen": said of the proposition
        st.cue(p, f"{(happen or p).lower_}", weight=W_PREDICT)
        verbs = [p, p.head] if p.dep_ == "xcomp" and pol.lemma(p.head) in lex.LIGHT_VERBS else [p]
        if any(pol.is_negated(x) for x in verbs):
            st.flip(p, f"not {p.lower_}")
            st.weight = 1.0
        else:
            conditions(ctx, st, p, node, [])  # "it will come too soon", "only once ..."
        return True
    if rel == "nsubjpass" and lem in lex.CALL_VERBS:
        # "[membership] is seen by the cabinet as a safeguard"
        ev = pol.call_eval(p, node)
        if ev is not None:
            e, tok = ev
            st.judge(tok, e, f"{p.lower_} {tok.lower_}")
            holders = ctx.resolve(subjects(p), "subject", target, quote_speaker)
            ctx.station(stations, p, "attitude", holders, st)
            return True
    if (
        rel == "nsubjpass"
        and pol.lemma(node) in lex.POSITION_NOUNS
        and lem in lex.TAKE_VERBS
        and (pol.is_negated(node) or pol.not_yet_done(p))
    ):
        # "no decision on X has been taken yet": no position yet, held by whoever says so
        st.abstain = True
        st.cue(p, f"no {node.lower_} {p.lower_}:neutral")
        return True
    hostile = pol.met_with_retaliation(p) if rel == "nsubjpass" else None
    if hostile is not None:
        st.judge(hostile, -1, f"met with {hostile.lower_}")
        ctx.negation(st, p)
        ctx.hedge(st, p)
        return True
    if rel == "nsubjpass" and lem in {"aim", "direct", "target", "design", "intend", "mean"}:
        return True  # "membership would not be aimed at anyone": what it is for, no attitude to it
    if rel == "nsubjpass" or (rel == "nsubj" and p.tag_ == "VBN" and p.dep_ in {"ccomp", "xcomp", "oprd"}):
        passive = pol.verb_valence(p, "dobj")
        if passive is None:
            passive = pol.act_valence(p, target.issue)
        if passive is None and target.role == "part":
            # "the application (to be) withdrawn", "wants the bid dropped": done to the bid, a
            # withdrawal is against it
            passive = pol.change_factor(p)
        if passive is not None:
            apply_verb(ctx, st, p, passive, p.lower_, target, stations, quote_speaker, skip=node)
            return True
    effect = pol.effect_of(p)
    if effect is not None:
        st.judge(p, effect, f"{p.lower_}")
        ctx.negation(st, p)
        ctx.hedge(st, p)
        return True
    conditions(ctx, st, p, node, [])
    ctx.hedge(st, p)
    return True


def _received_attitude(
    ctx: Context, st: State, p: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
) -> bool:
    """ "[The bid] won the backing of X", "[the plan] drew criticism from X": X's attitude to the
    subject, named by the received noun."""
    for c in p.children:
        if c.dep_ != "dobj":
            continue
        v = pol.noun_valence(c, None)
        givers = [
            g
            for pr in c.children
            if pr.dep_ == "prep" and pr.lower_ in {"of", "from", "by", "among"}
            for g in pr.children
            if g.dep_ == "pobj"
        ]
        holders = ctx.resolve(givers, "owner", target, quote_speaker) if v is not None else []
        if v is None or not holders:
            return False
        st.take(c, v, f"{p.lower_} {c.lower_}:{'against' if v < 0 else 'for'}")
        ctx.negation(st, p)
        ctx.station(stations, c, "attitude", holders, st)
        return True
    return False

