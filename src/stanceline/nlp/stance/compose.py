"""Stance composed along the dependency path from a target up to the people who hold it.

The walk starts at a target with its sign (+1 when it is the proposition or a step towards it,
-1 when it is its opposite) and climbs the parse. Every word on the way may change the sign:

- a word for its object keeps it ("backs", "bid", "ready to"), one against it flips it ("blocks",
  "objection", "against"), a change word multiplies it by entering (+1) or leaving (-1) ("quit
  [the pact]");
- a negation flips it, so removing an obstacle is support ("will not block", "lifted its
  objection": against x against);
- an evaluation of the target flips it or not ("[the pact] is a blunder", "branded [it] a farce",
  "[the decision] strengthens the bloc");
- a condition on the holder's act ("only if", "in return for", "as long as") or a condition that is
  the target itself ("if they comply, we will sign") makes it conditional; words that put it off
  ("not now", "take decades", "pause") make it conditional; walking out or abstaining when it is
  decided is no position (neutral); backing a new public vote on it is conditional.

Where a word has a subject or an owner who is an actor, that actor holds the stance composed so far
(a station, `state.Station`). A speaker above holds it too when nothing but speech lies between
them and the speaker reports their own side, or when they judge what they report ("X said [Y's move
to quit the pact] was a blunder": Y against, X for). The steps by part of speech live in `verbs`,
`nouns` and `clauses`; the choice of holders and voice in `emit`.
"""

from __future__ import annotations

from typing import Any

from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance import polarity as pol
from stanceline.nlp.stance.anaphora import elided_act
from stanceline.nlp.stance.answers import answered
from stanceline.nlp.stance.clauses import (
    abstain,
    conditions,
    defers_to_owner,
    from_adverbial,
    justification,
    no_side_via,
    others_decide,
    preference,
    revote,
)
from stanceline.nlp.stance.context import Context
from stanceline.nlp.stance.emit import emit
from stanceline.nlp.stance.holders import Holder
from stanceline.nlp.stance.nouns import adjective, as_subject, modifiers, noun
from stanceline.nlp.stance.state import W_LET_PASS, W_PREDICT, Reading, State, Station
from stanceline.nlp.stance.syntax import (
    subjects,
)
from stanceline.nlp.stance.targets import Target
from stanceline.nlp.stance.verbs import act, apply_verb, predicate_start, speech


class Walker(Context):
    """Composes the stance readings of one target."""

    def readings(self, target: Target) -> list[Reading]:
        readings, _ = self.walk(target)
        return readings

    def walk(self, target: Target) -> tuple[list[Reading], int]:
        """The readings of `target` and the sign of the first act done to it (0 when none)."""
        doc = self.doc
        anchor = doc[target.anchor]
        quote_speaker, quote = self.quote_speaker(anchor)
        if quote_speaker is None:
            quote_speaker = self.later_speakers.get(self.actors.sent_of(anchor.i).start)
        st = State(sign=target.sign)
        if target.role == "revote":
            st.revote = True
            st.cue(anchor, "a new vote:conditional")
        if target.role == "readiness":
            # "Iceland was not ready": the speaker's judgement of when
            if pol.is_negated(anchor) or pol.is_negated(anchor.head):
                st.later = True
                st.cue(anchor, f"not {anchor.lower_}:later")
            else:
                st.cue(anchor, f"{anchor.lower_}:for", weight=W_PREDICT)
            anchor = anchor.head  # the walk goes on from the copula
        if target.role == "belonging":
            # "Iceland's place is in the union": where it belongs, said by whoever says so
            st.cue(anchor, f"{doc[target.start].lower_} is in:for")
            if pol.is_negated(anchor):
                st.flip(anchor, f"not {anchor.lower_}")
        if target.role == "obstacle":
            st.cue(anchor, f"{anchor.lower_}:against")
            st.obstacle_open = True
            if pol.is_negated(anchor):
                st.flip(anchor, "no", weight=W_LET_PASS)
        stations: list[Station] = []
        if target.role == "silence":
            # "declined to comment", "has not decided", just after the issue was named: no side
            st.abstain = True
            v = anchor.head if anchor.dep_ == "xcomp" else anchor
            st.cue(v, f"{'not ' if v.i == anchor.i else v.lower_ + ' to '}{anchor.lower_}:neutral")
            holders = self.resolve(subjects(v), "subject", target, quote_speaker)
            if not holders and quote_speaker is not None:
                holders = [quote_speaker]
            self.station(stations, v, "attitude", holders, st)
            anchor = v
        if target.role == "elided":
            # "... the treaty. Laos said it would sign.": the verb's unsaid object is the issue
            valence = elided_act(anchor)
            if valence == 0:
                st.abstain = True
                st.cue(anchor, f"{anchor.lower_}:neutral")
                holders = self.resolve(subjects(anchor), "subject", target, quote_speaker)
                self.station(stations, anchor, "attitude", holders, st)
            elif valence is not None:
                apply_verb(
                    self, st, anchor, valence, anchor.lower_, target, stations, quote_speaker, skip=anchor
                )
        modifiers(self, anchor, st)
        self.timely(st, anchor)
        node = anchor
        if target.role == "predicate":
            copula = predicate_start(self, st, anchor, target, stations, quote_speaker)
            if copula is not None:
                node = copula  # "will never become [a member]": the copula has been read
        came_from_predicate = target.role == "predicate"
        for _ in range(30):
            p = node.head
            if p.i == node.i:
                break
            rel = node.dep_
            if node.i != anchor.i:
                self.timely(st, node)
            ans = answered(node)
            if ans is not None:
                # "asked whether she would back it, she said: 'No.'": the question, answered
                sign, word, verb = ans
                inner = {x.i for x in node.subtree}
                stations[:] = [x for x in stations if x.tok.i not in inner]
                st.take(word, sign, f"answer {word.lower_}:{'for' if sign > 0 else 'against'}")
                holders = self.resolve(subjects(verb), "speech", target, quote_speaker)
                if not holders:
                    said_by, _ = self.quote_speaker(word)
                    holders = [said_by] if said_by is not None else []
                self.station(stations, verb, "speech", holders, st)
                node = verb
                continue
            if any(c.dep_ == "mark" and c.lower_ == "whether" for c in node.children):
                # "talks on whether to invite ...": an open question, no one's wish
                inner = {x.i for x in node.subtree}
                stations[:] = [x for x in stations if x.tok.i not in inner]
                st = State(sign=target.sign, obstacle_open=st.obstacle_open, revote=st.revote)
            if p.dep_ == "prep" and p.lower_ in lex.REASON_PREPS:
                st.subordinate = True
                break  # "given ...", "because of ...": a reason, not the holder's object
            first = _neither_for_nor_against(p, node) if rel == "conj" else None
            if first is not None:
                # "will neither endorse nor reject [X]": no side taken either way
                st.abstain = True
                st.cue(first, f"neither {first.lower_} nor {node.lower_}:neutral")
                holders = self.resolve(subjects(first), "subject", target, quote_speaker)
                self.station(stations, first, "attitude", holders, st)
                node = first
                continue
            alt = _rather_than(p, node, rel)
            if alt is not None:
                # "remain an observer rather than join", "instead of joining", "has no business
                # joining": the thing named is what the holder turns down
                st.flip(node, f"{alt}:against")
                node = p if p.lower_ != "of" else p.head
                if node.dep_ == "dobj" and node.lemma_.lower() == "business":
                    node = node.head
                continue
            if rel == "conj" and any(
                c.dep_ == "mark"
                and c.i < node.i
                and c.lower_ in lex.CONDITION_MARKS | {"after", "before"}
                and any(g.lower_ == "only" for g in [*c.children, *node.children])
                for c in node.children
            ):
                # "would back it, but only after Y had joined", the condition parsed as a conjunct:
                # what it names is the condition, not a stance on it
                st.subordinate = True
                break
            if rel == "conj":
                # a conjunct shares its first conjunct's governor; it shares its meaning only when
                # the object is shared too ("pause or set aside [X]", not "support A and oppose [B]")
                if (
                    p.pos_ in {"VERB", "AUX"}
                    and node.pos_ in {"VERB", "AUX"}
                    and not any(c.dep_ in {"dobj", "xcomp", "ccomp", "prep"} for c in p.children)
                ):
                    self._step(st, p, node, "dobj", target, stations, quote_speaker, False)
                node = p
                continue
            if (rel in {"pobj", "pcomp"} and p.pos_ == "ADP") or (rel == "pobj" and p.dep_ in {"prep", "agent"}):
                prep = p.lower_
                if prep in lex.TIME_PREPS and rel == "pobj" and p.dep_ == "prep":
                    return [], 0  # "after Brexit": a point in time, not what anyone is for or against
                if prep == "under" and rel == "pobj" and p.dep_ == "prep" and p.i < p.head.i and p.head.pos_ in {
                    "VERB",
                    "AUX",
                }:
                    # "Under the revised deal, X will give up a point": a frame set before the clause,
                    # what the deal provides, no stance on it ("duties under the deal" still reads)
                    return [], 0
                if prep == "despite":
                    break
                if prep == "without" and not pol.waived(node):
                    self.negation(st, p, force=True)
                g = p.head
                while g.pos_ == "ADP" and g.dep_ in {"prep", "prt", "advmod"} and g.head.i != g.i:
                    prep = f"{g.lower_} {prep}" if g.lower_ != prep else prep
                    g = g.head  # "back out of [the treaty]": the verb with its particle
                if g.i == p.i:
                    break
                ok = self._via_prep(st, g, prep, p, target, stations, quote_speaker)
                if not ok:
                    break
                node = g
                continue
            ok = self._step(st, p, node, rel, target, stations, quote_speaker, came_from_predicate)
            came_from_predicate = False
            if not ok:
                if rel in {"advcl", "parataxis", "dep"} or (p.dep_ == "prep" and p.lower_ in lex.REASON_PREPS):
                    st.subordinate = True
                break
            node = p
        return emit(self, stations, st, target, anchor, quote_speaker, quote), st.first_sign

    def _step(
        self,
        st: State,
        p: Any,
        node: Any,
        rel: str,
        target: Target,
        stations: list[Station],
        quote_speaker: Holder | None,
        came_from_predicate: bool,
    ) -> bool:
        """Apply `p`, reached from its child `node` by `rel`; False ends the walk."""
        lem = pol.lemma(p)
        rc = _kind_we_take(p) if rel == "nsubj" else None
        if rc is not None:
            # "[a deal for four] is one we can support": the clause on "one" says what is done to it
            valence = pol.verb_valence(rc, "dobj")
            if valence is not None:
                apply_verb(self, st, rc, valence, rc.lower_, target, stations, quote_speaker, skip=rc)
                return True
        if p.dep_ == "acl" and pol.lemma(p.head) in _HASTE_NOUNS and (
            any(c.dep_ == "det" and c.lower_ == "no" for c in p.head.children)
            or pol.is_negated(p.head.head)
            or (p.head.head.dep_ == "prep" and pol.is_negated(p.head.head.head))
        ):
            # "in no hurry to ratify X", "not in a rush to approve it": not now
            st.later = True
            st.cue(p.head, f"no {p.head.lower_}:later")
        if rel == "appos":
            return True  # "the CTBT (the test-ban treaty)": the same thing
        if lem in lex.DELIBERATION and rel in {"dobj", "prep"} and _still_weighing(p):
            # "is still studying X", "was considering the treaty": the holder has not decided
            st.abstain = True
            st.cue(p, f"{p.lower_}:neutral")
            self.subject_holds(stations, p, target, quote_speaker, st)
            return True
        if lem in lex.DELIBERATION and rel in {"dobj", "xcomp", "ccomp", "prep"}:
            return False  # "to consider a decision on X", "discuss X": about it, for nobody
        if p.pos_ in {"NOUN", "PROPN", "PRON"}:
            if rel == "acl" and node.tag_ == "VBG" and node.i == p.i + 1:
                return True  # "supports [Iceland joining the EU]": a gerund clause with its subject
            if rel in {"relcl", "acl"} and p.pos_ == "PROPN":
                return False  # "Jane Roe, who has argued ...": the clause describes its head
            return noun(self, st, p, None, node, target, stations, quote_speaker)
        if p.pos_ == "ADJ":
            if rel == "nsubj" and lem in lex.CONDITIONAL_ADJS and p.head.i != p.i:
                # "made [X] conditional on Y": X only on terms, set by whoever makes it so
                st.conditional = True
                st.cue(p, f"{p.lower_}:conditional")
                if pol.lemma(p.head) in lex.RESULT_VERBS:
                    holders = self.resolve(subjects(p.head), "subject", target, quote_speaker)
                    self.station(stations, p.head, "attitude", holders, st)
                return True
            if rel in {"xcomp", "prep", "ccomp", "advcl"}:
                adjective(self, st, p, node, target, stations, quote_speaker)
            return True
        if p.pos_ not in {"VERB", "AUX"}:
            return rel not in {"parataxis", "dep"}
        if rel == "advcl":
            g = _gerund_after_prep(p, node)
            if g is not None:
                # "dropped its objection to Sweden joining NATO", parsed with the gerund hung on the
                # verb: the gerund clause is what the noun before it is to
                prep, d = g
                if not noun(self, st, d, prep.lower_, node, target, stations, quote_speaker):
                    return False
                return self._step(st, p, d, "dobj", target, stations, quote_speaker, False)
            if _gerund_object(p, node):
                # "supports Sweden joining NATO" parsed with the gerund as an adverbial: its object
                return self._step(st, p, node, "dobj", target, stations, quote_speaker, False)
            d = _noun_before_infinitive(p, node)
            if d is not None:
                # "condemned the vote to admit X", parsed as a purpose clause: the infinitive
                # completes the decision noun just before it
                if not noun(self, st, d, None, node, target, stations, quote_speaker):
                    return False
                return self._step(st, p, d, "dobj", target, stations, quote_speaker, False)
            return from_adverbial(self, st, p, node, target, stations, quote_speaker)
        if rel in {"parataxis", "dep", "npadvmod", "advmod", "intj"}:
            if lem in lex.SPEECH_VERBS and rel == "parataxis":
                speech(self, st, p, target, stations, quote_speaker)
                return True
            return False
        if rel in {"nsubj", "nsubjpass", "csubj", "csubjpass"}:
            return as_subject(self, st, p, node, rel, target, stations, quote_speaker)
        if (
            lem == "be"
            and rel == "attr"
            and any(c.dep_ == "aux" and c.lower_ in {"should", "must"} for c in p.children)
        ):
            # "the answer must be full membership": what is asked for
            st.cue(p, "should be:for")
            holders = [h for h in self.resolve(subjects(p), "subject", target, quote_speaker)]
            self.station(stations, p, "attitude", holders, st)
            return True
        if lem == "be" and rel in {"xcomp", "ccomp", "csubj"} and pol.expletive_it(p):
            # "it is in our interest to stay ...", "it is a mistake to ..."
            ev0 = pol.predicate_eval(p, node)
            if ev0 is not None:
                e, tok = ev0
                st.judge(tok, e, f"{tok.lower_}")
                self.negation(st, p)
                return True
        # the target is an object or complement of p
        ev = pol.call_eval(p, node)
        if ev is not None:
            e, tok = ev
            st.judge(tok, e, f"{p.lower_} {tok.lower_}")
            self.negation(st, p)
            holders = self.resolve(subjects(p), "subject", target, quote_speaker)
            self.station(stations, p, "attitude", holders, st)
            return True
        if lem in lex.SPEECH_VERBS and rel in {"ccomp", "xcomp"} and not (lem in lex.FOR_VERBS and rel == "xcomp"):
            if lem == "deny":
                st.flip(p, "deny")
            elif lem in {"fear", "regret"}:
                st.flip(p, f"{lem}:against")
            elif lem in {"hope", "welcome", "urge", "demand", "promise", "pledge", "vow"}:
                st.cue(p, f"{lem}:for")
            self.negation(st, p) if lem not in {"say", "tell"} else None
            speech(self, st, p, target, stations, quote_speaker, via=node)
            return True
        if target.role != "predicate" or not came_from_predicate:
            factor = pol.change_factor(p)
            if factor is not None and rel in {"dobj", "xcomp"}:
                st.take(p, factor, p.lower_)
                act(self, st, p, target, stations, quote_speaker)
                return True
        if came_from_predicate and lem in lex.OBLIGATION_MODALS:
            return True
        if revote(self, st, p) or justification(self, st, p, target, stations, quote_speaker):
            return True
        if rel == "dobj" and pol.lemma(node) in lex.AGAINST_NOUNS and lem in lex.LIFT_VERBS:
            # "lifted its objection", "dropped the veto": the obstacle removed
            apply_verb(self, st, p, -1, f"{p.lower_} {node.lower_}", target, stations, quote_speaker, skip=node)
            return True
        if (
            (rel == "dobj"
            and pol.lemma(node) in lex.POSITION_NOUNS
            and lem in lex.TAKE_VERBS
            and (pol.not_yet_done(p) or pol.is_negated(node)))
            or (
                lem in lex.DECLINE_VERBS
                and rel == "xcomp"
                and pol.lemma(node) in lex.UNDECIDED_VERBS
                and any(x.dep_ == "mark" and x.lower_ in {"whether", "if"} for x in node.subtree)
            )
        ):
            # "has not taken a position on X", "will wait before taking a position on X", "declined to
            # say whether ...": no position yet
            st.abstain = True
            st.cue(p, f"{'not ' if pol.is_negated(p) else ''}{p.lower_} {node.lower_}:neutral")
            self.subject_holds(stations, p, target, quote_speaker, st)
            return True
        if (
            lem in lex.UNDECIDED_VERBS
            and pol.is_negated(p)
            and any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in node.children)
        ):
            # "has not decided whether to back ...": no position yet
            st.abstain = True
            st.cue(p, f"not {p.lower_} whether:neutral")
            self.subject_holds(stations, p, target, quote_speaker, st)
            return True
        if (
            lem in lex.DEFER_VERBS
            and rel in {"dobj", "ccomp"}
            and any(x.lower_ in {"whatever", "whichever"} for x in node.subtree)
        ):
            # "will respect whatever parliament decides on it": defers, takes no side
            st.abstain = True
            st.cue(p, f"{p.lower_} whatever:neutral")
            self.subject_holds(stations, p, target, quote_speaker, st)
            return True
        if (
            rel == "dobj"
            and lem in lex.TIE_VERBS - {"make"}
            and any(t.dep_ == "prep" and t.lower_ in {"to", "on"} and t.i > node.i for t in p.subtree)
        ):
            # "tied its approval of X to Y", "linked its support for X to Y": on terms
            st.conditional = True
            st.cue(p, f"{p.lower_} to:conditional")
            self.subject_holds(stations, p, target, quote_speaker, st)
            return True
        if rel in {"dobj", "pobj"} and defers_to_owner(self, st, p, node, target, stations, quote_speaker):
            return False  # "respects X's decision to apply": no side taken
        v = pol.verb_valence(p, rel)
        if (
            (v is None and rel == "dobj" and p.pos_ == "VERB" and lem in lex.DELAY_VERBS)
            or (rel == "xcomp" and lem in {"fail", "neglect"} and pol.lemma(node) in lex.FOR_VERBS)
        ) and not pol.is_negated(p):
            # "delayed the vote on X", "failed to vote on it" (failing to block it is no delay): held
            # back for now
            st.later = True
            st.cue(p, f"{p.lower_}:later")
            self.subject_holds(stations, p, target, quote_speaker, st)
            return True
        if v is None and rel == "dobj":
            v = pol.act_valence(p, target.issue)
        if rel == "dobj" and pol.lemma(node) in lex.DOOR_NOUNS and lem in lex.OPEN | lex.SHUT:
            # "closed the door to membership", "opens the way to ..."
            v = 1 if lem in lex.OPEN else -1
            apply_verb(self, st, p, v, f"{p.lower_} the {node.lower_}", target, stations, quote_speaker, skip=node)
            return True
        if lem == "use" and rel == "dobj" and node.lemma_.lower() in {"veto", "power", "leverage"}:
            v = None  # "use the veto" is the veto
        if v is not None:
            apply_verb(self, st, p, v, p.lower_, target, stations, quote_speaker, skip=node)
            return True
        if abstain(self, st, p, target, stations, quote_speaker):
            return True
        if st.obstacle_open:
            # "X wielded / held back its veto": the user of the obstacle holds it
            st.obstacle_open = False
            self.negation(st, p)
            self.hedge(st, p)
            holders = self.resolve(subjects(p), "subject", target, quote_speaker)
            conditions(self, st, p, node, holders)
            self.station(stations, p, "attitude", holders, st)
            return True
        self.negation(st, p)
        self.hedge(st, p)
        holders = self.resolve(subjects(p), "subject", target, quote_speaker)
        conditions(self, st, p, node, holders)
        earlier = next((x for x in reversed(stations) if {h.key for h in x.holders} & {h.key for h in holders}), None)
        changed = earlier is not None and (earlier.state.sign, earlier.state.later, earlier.state.conditional) != (
            st.sign,
            st.later,
            st.conditional,
        )
        if preference(self, st, p) or (st.cued and holders and (st.conditional or st.abstain)) or changed:
            self.station(stations, p, "attitude", holders, st)
        return True

    def _via_prep(
        self,
        st: State,
        g: Any,
        prep: str,
        p: Any,
        target: Target,
        stations: list[Station],
        quote_speaker: Holder | None,
    ) -> bool:
        """The target is the object of preposition `p` hanging on `g`."""
        if (
            g.pos_ == "VERB"
            and pol.lemma(g) in {"prepare", "ready"}
            and any(c.dep_ in {"auxpass", "nsubjpass"} for c in g.children)
        ):
            adjective(self, st, g, p, target, stations, quote_speaker)  # "is not prepared for"
            return True
        if g.pos_ == "VERB" and pol.drags_feet(g) and not pol.is_negated(g):
            # "dragged its feet on X": held back for now
            st.later = True
            st.cue(g, f"{g.lower_} feet:later")
            self.subject_holds(stations, g, target, quote_speaker, st)
            return True
        if g.pos_ in {"VERB", "AUX"} and abstain(self, st, g, target, stations, quote_speaker):
            return True  # "took no part in the vote to ..."
        if g.pos_ == "VERB" and no_side_via(self, st, g, prep, target, stations, quote_speaker):
            return False  # "would not take sides on X", "declined to comment on X"
        n = next((c for c in p.children if c.dep_ == "pobj"), None)
        if g.pos_ == "VERB" and n is not None and defers_to_owner(self, st, g, n, target, stations, quote_speaker):
            return False  # "will not interfere in X's decision to apply"
        if g.pos_ in {"VERB", "AUX"} and others_decide(self, st, g, target, stations, quote_speaker):
            return False  # "it is not for us to decide on X": the speaker has been given the reading
        if g.pos_ in {"VERB", "AUX"}:
            factor = pol.change_factor(g)
            if (
                factor is not None
                and set(prep.split()) & {"in", "into", "from", "of", "to", "out", "with", "on"}
                and target.role != "predicate"
                and not any(c.dep_ == "dobj" and pol.lemma(c) in lex.AGAINST_NOUNS for c in g.children)
            ):  # ("withdrew its objection to X": the object is the obstacle, nobody leaves)
                st.take(g, factor, f"{g.lower_} {prep}")
                act(self, st, g, target, stations, quote_speaker)
                return True
            if pol.lemma(g) in {"join", "follow"} and prep == "in":
                # "joined the Greens in voting down the pact": the Greens vote it down (and so would the joiner)
                joined = [c for c in g.children if c.dep_ == "dobj"]
                holders = self.resolve(joined, "subject", target, quote_speaker)
                if holders and st.cued:
                    self.station(stations, g, "attitude", holders, st)
                return False
            if revote(self, st, g) or justification(self, st, g, target, stations, quote_speaker):
                return True
            if prep in pol.TOPIC_PREPS and any(
                c.dep_ == "dobj" and pol.lemma(c) in lex.PROCESS_NOUNS for c in g.children
            ):
                prep = "dobj"  # "resist talks ... on whether to ...": the phrase belongs to the talks
            v = pol.verb_valence(g, "prep", prep) if prep != "dobj" else pol.verb_valence(g, "dobj")
            if v is None and st.pending_against:
                v = -1
            st.pending_against = False
            if v is None:
                # "place hurdles before X", "lend support to X": the verb's object says it
                for c in g.children:
                    if (
                        c.dep_ == "dobj"
                        and c.i != p.i
                        and pol.lemma(c) in lex.DOOR_NOUNS
                        and pol.lemma(g) in lex.OPEN | lex.SHUT
                    ):
                        apply_verb(
                            self,
                            st,
                            g,
                            1 if pol.lemma(g) in lex.OPEN else -1,
                            f"{g.lower_} the {c.lower_}",
                            target,
                            stations,
                            quote_speaker,
                            skip=p,
                        )
                        return True
                    if c.dep_ == "dobj" and c.i != p.i and st.obstacle_open and pol.lemma(c) in lex.AGAINST_NOUNS:
                        # "place no hurdles in the way of X": the obstacle is counted once
                        self.negation(st, g)
                        st.obstacle_open = False
                        self.subject_holds(stations, g, target, quote_speaker, st)
                        return True
                    if c.dep_ == "dobj" and c.i != p.i:
                        nv = pol.noun_valence(c, None)
                        if nv is not None:
                            if pol.is_negated(c):
                                nv = -nv
                            if nv < 0 and pol.lemma(g) in lex.LIFT_VERBS:
                                nv = 1  # "lifted its objection to X", "dropped its veto on X"
                            negated_obstacle = pol.is_negated(c) and nv > 0
                            apply_verb(
                                self,
                                st,
                                g,
                                nv,
                                f"{g.lower_} {c.lower_} {prep}",
                                target,
                                stations,
                                quote_speaker,
                                skip=p,
                                weight=W_LET_PASS if negated_obstacle else 1.0,
                            )
                            return True
            if pol.lemma(g) == "be":
                # "is against opening ...", "is in favour of"
                if prep in lex.AGAINST_PREPS:
                    st.flip(p, "against")
                    holders = self.resolve(subjects(g), "subject", target, quote_speaker)
                    self.negation(st, g)
                    self.station(stations, g, "attitude", holders, st)
                return True
            if v is not None:
                apply_verb(self, st, g, v, f"{g.lower_} {prep}", target, stations, quote_speaker, skip=p)
            elif pol.lemma(g) in lex.SPEECH_VERBS and prep in pol.TOPIC_PREPS:
                # "said of Ukraine", "spoke about the bid": speech on a topic takes no side
                self.station(stations, g, "speech", self.resolve(subjects(g), "speech", target, quote_speaker), st)
            else:
                self.negation(st, g)
                self.hedge(st, g)
                if st.obstacle_open:
                    # "will not stand in the way of ...": whoever stands (or not) holds it
                    st.obstacle_open = False
                    self.subject_holds(stations, g, target, quote_speaker, st)
            return True
        if g.pos_ in {"NOUN", "PROPN", "PRON"}:
            return noun(self, st, g, prep, p, target, stations, quote_speaker)
        if g.pos_ == "ADJ":
            adjective(self, st, g, p, target, stations, quote_speaker)
            return True
        return True


_HASTE_NOUNS = frozenset({"hurry", "rush", "haste"})
# Deliberation one holder does alone, before deciding ("discuss" and "debate" take several).
_WEIGH_VERBS = frozenset({"consider", "study", "review", "weigh", "examine", "assess", "evaluate", "mull", "ponder"})


def _kind_we_take(be: Any) -> Any | None:
    """The verb of "... is one (something, the kind) we can support": a copula whose complement
    is a pronoun-like noun carrying a relative clause with its object left to that noun."""
    if pol.lemma(be) != "be":
        return None
    attr = next((c for c in be.children if c.dep_ == "attr"), None)
    if attr is None or attr.lower_ not in {"one", "something", "kind", "sort", "type"}:
        return None
    rc = next((c for c in attr.children if c.dep_ == "relcl"), None)
    own = {"dobj", "ccomp", "xcomp"}
    if rc is None or any(c.dep_ in own and c.lower_ not in {"that", "which"} for c in rc.children):
        return None
    return rc


def _still_weighing(v: Any) -> bool:
    """`v` says its holder is weighing the thing now: "is (still) studying it", "still considers
    it"; not "will discuss it", "to consider it", nor one who has reviewed it."""
    if pol.lemma(v) not in _WEIGH_VERBS or pol.is_negated(v) or v.dep_ in {"xcomp", "pcomp", "acl", "relcl"}:
        return False
    if any(a.dep_ == "relcl" for a in v.ancestors):
        return False  # "Laos, which in May said it was still studying it, ...": recalled, not now
    still = any(c.dep_ == "advmod" and c.lower_ == "still" for c in v.children)
    progressive = v.tag_ == "VBG" and any(c.dep_ == "aux" and pol.lemma(c) == "be" for c in v.children)
    return still or progressive


def _gerund_object(p: Any, node: Any) -> bool:
    """The gerund clause `node`, hung on `p` as an adverbial, is `p`'s object: no subordinator,
    right after `p` or after the clause's own subject, and `p` takes a side on its object."""
    if node.tag_ != "VBG" or any(c.dep_ == "mark" for c in node.children) or node.i <= p.i:
        return False
    prev = node.doc[node.i - 1]
    if prev.i != p.i and prev.head.i not in {p.i, node.i}:
        return False
    if prev.i != p.i and not (prev.pos_ in {"PROPN", "NOUN", "PRON"} and prev.dep_ in {"dobj", "nsubj"}):
        return False
    return pol.verb_valence(p, "dobj") is not None


def _gerund_after_prep(p: Any, node: Any) -> tuple[Any, Any] | None:
    """(preposition, noun) when the gerund clause `node`, hung on `p` as an adverbial, directly
    follows "noun + preposition + its subject" under `p` ("its objection to [Sweden] joining"): the
    clause completes that preposition. None otherwise."""
    if node.tag_ != "VBG" or any(c.dep_ in {"nsubj", "mark", "aux"} for c in node.children):
        return None
    prev = node.doc[node.i - 1] if node.i > 0 else None
    if prev is None or prev.dep_ != "pobj" or prev.head.dep_ != "prep":
        return None
    if prev.head.lower_ not in {"to", "of", "against"}:
        return None
    d = prev.head.head
    if d.i == p.i:
        # the preposition hung on the verb too: the object noun right before it
        d = next((c for c in p.children if c.dep_ == "dobj" and c.i == prev.head.i - 1), p)
    if d.i == p.i or d.head.i != p.i or d.dep_ != "dobj" or d.pos_ != "NOUN":
        return None
    return prev.head, d


def _rather_than(p: Any, node: Any, rel: str) -> str | None:
    """The words that set `node` aside in favour of what `p` says: "rather than" (a conjunct),
    "instead of" (its object), "no business" (a clause on it)."""
    if rel == "conj" and any(
        c.dep_ == "cc" and c.lower_ == "than" and p.i < c.i < node.i and any(g.lower_ == "rather" for g in c.children)
        for c in p.children
    ):
        return "rather than"
    if rel in {"pcomp", "pobj"} and p.lower_ == "of" and any(c.lower_ == "instead" for c in p.children):
        return "instead of"
    if (
        rel == "acl"
        and p.lemma_.lower() == "business"
        and any(c.dep_ == "det" and c.lower_ == "no" for c in p.children)
    ):
        return "no business"
    return None


def _noun_before_infinitive(p: Any, node: Any) -> Any:
    """The direct object of `p` that an infinitive clause `node` directly follows, when it is a
    noun of a decision or a plan ("the decision to ...", "the vote to ..."): None otherwise."""
    to = [c for c in node.children if c.dep_ == "aux" and c.lower_ == "to"]
    if not to:
        return None
    for c in p.children:
        if (
            c.dep_ == "dobj"
            and c.i == to[0].i - 1
            and (pol.lemma(c) in pol.DECISION_NOUNS or pol.lemma(c) in lex.ANAPHOR_NOUNS | lex.FOR_NOUNS)
        ):
            return c
    return None


def _neither_for_nor_against(head: Any, second: Any) -> Any | None:
    """The first verb of "neither backs nor opposes [X]": two verbs of opposite sides, both denied
    by "neither ... nor" (the parser may hang the second on the verb above the first)."""
    if not any(c.dep_ == "cc" and c.lower_ == "nor" for c in head.children) and second.nbor(-1).lower_ != "nor":
        return None
    for first in [head, *(c for c in head.children if c.dep_ in {"ccomp", "xcomp"} and c.i < second.i)]:
        if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in first.children):
            a, b = pol.verb_valence(first, "dobj"), pol.verb_valence(second, "dobj")
            return first if a is not None and b is not None and a * b < 0 else None
    return None
