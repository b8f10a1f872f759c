"""What every step of a stance walk reads and writes besides the parse: the document's actors and
quotations, who a subject stands for, where a station is set, and the small marks (negation,
hedges, words of "now") that change the running state."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stanceline.model import Quote
from stanceline.nlp.actors.keys import actor_key
from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance import polarity as pol
from stanceline.nlp.stance.holders import ActorIndex, Holder, metonym_state
from stanceline.nlp.stance.proposition import read_proposition
from stanceline.nlp.stance.state import W_LET_PASS, State, Station
from stanceline.nlp.stance.syntax import SUBJ_DEPS, later_attributions, obliged, subjects
from stanceline.nlp.stance.targets import Target


class Context:
    """One parsed document, shared by the walks of all its targets."""

    def __init__(self, doc: Any, actors: ActorIndex, quotes: Sequence[Quote]) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy builds it on every access
        self.actors = actors
        self.quotes = quotes
        self.later_speakers = later_attributions(doc, actors)

    def resolve(self, toks: list[Any], via: str, target: Target, speaker: Holder | None) -> list[Holder]:
        out: list[Holder] = []
        for t in toks:
            if target.start <= t.i < target.end:
                continue
            if t.lower_ in lex.PERSON_PRONOUNS | lex.GROUP_PRONOUNS:
                # the quote stage resolved this pronoun as a speaker ("..., he said")
                q = next(
                    (
                        q
                        for q in self.quotes
                        if q.speaker_start is not None
                        and q.speaker_end is not None
                        and q.speaker_start <= t.idx < q.speaker_end
                        and q.speaker
                        and q.speaker_key
                    ),
                    None,
                )
                if q is not None:
                    h0 = Holder(q.speaker, q.speaker_key, t.idx, t.idx + len(t.text), "pronoun")  # type: ignore[arg-type]
                    if all(h0.key != o.key for o in out):
                        out.append(h0)
                    continue
            prop = read_proposition(target.issue)
            if t.dep_ == "compound" and via == "owner" and prop.names_object(t.text):
                continue  # "the NATO membership bid": the body joined, named as a modifier, owns nothing
            for h in self.actors.resolve(t, via, speaker):
                if prop.names_itself(h.name):
                    continue  # "Brexit" tagged as a person is the issue, not a holder
                if (
                    metonym_state(t.text) == h.name
                    and prop.names_subject(t.text)
                    and not prop.names_subject(h.name)
                ):
                    # a city that is the issue's own subject acts for itself, not for the state
                    # whose capital it is ("Lisbon" on Lisbon's car ban)
                    h = Holder(t.text, actor_key(t.text, "GPE"), t.idx, t.idx + len(t.text), h.via)
                if all(h.key != o.key for o in out):
                    out.append(h)
        return out

    def quote_speaker(self, tok: Any) -> tuple[Holder | None, Quote | None]:
        for q in self.quotes:
            if not q.start <= tok.idx < q.end:
                continue
            if q.speaker and q.speaker_key:
                return Holder(q.speaker, q.speaker_key, q.speaker_start or q.start, q.speaker_end or q.end, "quote"), q
            if q.cue_start is not None:
                # a quotation the quote stage could not attribute: the subject of its speech verb
                cue = self.doc.char_span(q.cue_start, q.cue_end or q.cue_start + 1, alignment_mode="expand")
                if cue is not None:
                    hs = (
                        self.actors.resolve(cue.root, "quote")
                        if cue.root.dep_ in SUBJ_DEPS
                        else [
                            h for c in cue.root.children if c.dep_ in SUBJ_DEPS for h in self.actors.resolve(c, "quote")
                        ]
                    )
                    if hs:
                        return hs[0], q
        return None, None

    def station(self, stations: list[Station], tok: Any, kind: str, holders: list[Holder], st: State) -> None:
        if kind != "speech" and obliged(tok):
            # "voters should have another say", "the bloc should recommit ...": what the speaker
            # asks of them, not their own stance (except "we should ...": the speaker's side)
            holders = [h for h in holders if h.via in {"quote"}]
        if pol.recalled(tok):
            holders = []  # "X, which said last year it would block it, ...": background, no stance now
        after_actor = any(s.holders and s.kind in {"attitude", "act"} for s in stations)
        stations.append(Station(tok, kind, holders, st.snapshot(), after_actor))

    def subject_holds(
        self, stations: list[Station], tok: Any, target: Target, speaker: Holder | None, st: State
    ) -> None:
        """An attitude at `tok`, held by its own subjects."""
        self.station(stations, tok, "attitude", self.resolve(subjects(tok), "subject", target, speaker), st)

    def negation(self, st: State, t: Any, *, force: bool = False) -> None:
        """A negation flips the sign; alone (on a word that takes no side) it is no cue. Not
        using an obstacle lets the thing pass: a weak reading for it. A negated "now" ("not in
        the near future", "without an immediate bid") puts it off; "not entirely" is partial."""
        if not (force or pol.is_negated(t)) or t.i in st.negated:
            return  # (a copula reached twice, from its adjective and on the walk, is negated once)
        st.negated.add(t.i)
        if pol.lemma(t) in {"hesitate", "wait"} and any(c.dep_ in {"xcomp", "advcl", "prep"} for c in t.children):
            # "would not hesitate to back it", "will not wait for X before backing it": nothing holds
            # the act back; the act below keeps its sign
            st.cue(t, f"not {t.lower_}")
            return
        if st.timely:
            st.timely = False
            st.later = True
            st.cue(t, "not now:later")
        elif any(c.dep_ == "advmod" and c.lower_ in lex.PARTIAL for c in t.children):
            st.conditional = True
            st.cue(t, "not entirely:conditional")
        elif st.obstacle_open and st.sign < 0:
            # no longer standing in its way removes the obstacle, as lifting an objection does
            stop = pol.stopped(t)
            st.flip(t, f"{'no longer' if stop else 'not'} {t.lower_}", weight=1.0 if stop else W_LET_PASS)
        else:
            st.flip(t, f"not {t.lower_}", cue=False)

    def hedge(self, st: State, t: Any) -> None:
        for c in t.children:
            if c.dep_ in {"aux", "advmod"} and (c.lower_ in lex.HEDGES or pol.lemma(c) in lex.HEDGES):
                st.hedges += 1
        if pol.lemma(t) in lex.HEDGES:
            st.hedges += 1

    def timely(self, st: State, t: Any) -> None:
        """A word of "now" on the path ("an immediate bid", "in the near future")."""
        for c in t.children:
            if c.dep_ in {"advmod", "amod", "npadvmod"} and pol.lemma(c) in lex.TIMELY_WORDS:
                st.timely = True
            elif c.dep_ == "prep" and c.lower_ in {"in", "for"}:
                for g in c.children:
                    if (
                        g.dep_ == "pobj"
                        and pol.lemma(g) in {"future", "term", "run", "moment"}
                        and any(pol.lemma(x) in lex.TIMELY_WORDS for x in g.children)
                    ):
                        st.timely = True
