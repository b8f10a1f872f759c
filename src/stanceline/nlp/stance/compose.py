"""Stance composed along the dependency path from a target up to the people who hold it.

The walk starts at a target with its sign (+1 when it is the proposition or a step towards it,
-1 when it is its opposite) and climbs the parse. Every word on the way may change the sign:

- a word for its object keeps it ("supports", "bid", "ready to"), one against it flips it
  ("blocks", "objection", "against"), a change word multiplies it by entering (+1) or leaving
  (-1) ("withdraw from [the deal]");
- a negation flips it, so removing an obstacle is support ("will not block", "lift the
  objection": against x against);
- an evaluation of the target flips it or not ("[the deal] is a mistake", "called [it] an
  embarrassment", "[the decision] strengthens the union");
- a condition on the holder's act ("only if", "in return for", "as long as") or a condition that is
  the target itself ("if Iran complies, we will rejoin") makes it conditional; words that put it
  off ("not now", "take decades", "pause") make it conditional; leaving the room or abstaining
  when it is decided is no position (neutral); backing a new public vote on it is conditional.

Where a word has a subject or an owner who is an actor, that actor holds the stance composed so
far (a station). A speaker above holds it too when nothing but speech lies between them, or when
they evaluate what they report ("Macron said [Trump's decision to withdraw] was a mistake": Trump
against, Macron for), or when the reported actor is the speaker's own side ("we", their state).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from stanceline.model import Quote, Stance, Voice
from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance import polarity as pol
from stanceline.nlp.stance.holders import ActorIndex, Holder
from stanceline.nlp.stance.proposition import read_proposition
from stanceline.nlp.stance.targets import Target

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_TOPIC_PP_NOUNS = {
    "terms",
    "regard",
    "respect",
    "relation",
    "connection",
    "context",
    "light",
    "view",
    "matter",
    "reference",
}
_DELIBERATION = {
    "consider",
    "discuss",
    "debate",
    "examine",
    "review",
    "study",
    "weigh",
    "assess",
    "explore",
    "analyse",
    "analyze",
    "evaluate",
    "mull",
    "ponder",
}
_NONFACTIVE = {
    "believe",
    "think",
    "expect",
    "suspect",
    "speculate",
    "assume",
    "guess",
    "imagine",
    "suppose",
    "predict",
    "fear",
    "hope",
    "doubt",
    "wonder",
}
# "while the conflict persists": a condition of time
_DURING_VERBS = {"persist", "continue", "last", "rage", "remain", "go", "drag"}
_CONDITION_LEADS = (
    "provided",
    "providing",
    "as long as",
    "so long as",
    "only if",
    "unless",
    "on condition",
    "only when",
    "only after",
    "only once",
    "not before",
    "not until",
)
_DOOR_NOUNS = {"door", "doors", "way", "path", "road"}
_OPEN = {"open", "reopen", "ajar", "clear", "pave"}
_SHUT = {"close", "closed", "shut", "slam", "lock", "locked", "bar", "barred", "block", "blocked"}
_WISH_VERBS = {"welcome", "support", "accept", "back", "like", "love", "favour", "favor", "endorse", "want"}
_PARTIAL = {"entirely", "fully", "completely", "totally", "altogether", "wholly"}
_RAISING = {
    "expect",
    "say",
    "report",
    "believe",
    "think",
    "set",
    "schedule",
    "due",
    "know",
    "understand",
    "reckon",
    "rumour",
    "rumor",
    "suppose",
    "tip",
    "poise",
    "slate",
    "likely",
}
_REASON_PREPS = {"given", "because", "despite", "owing", "due", "thanks", "amid", "considering"}
_CLAUSE_MARK_STOP = {
    "because",
    "while",
    "although",
    "though",
    "whereas",
    "as",
    "since",
    "despite",
    "after",
    "before",
    "whether",
}
# Weights of a cue class: how much one such cue alone says.
W_LET_PASS = 0.5  # a negated obstacle ("will not block"): lets it happen, weakly for it
W_EVAL = 0.85
W_PREDICT = 0.6  # a bare statement that it will happen
W_HEDGE = 0.85


@dataclass
class State:
    sign: int
    weight: float = 1.0
    said_of: int = 0  # an evaluation said of the target itself ("a disastrous deal"): -1 / +1
    first_sign: int = 0  # the sign right after the first word that took a side on the target
    cued: bool = False
    conditional: bool = False
    later: bool = False
    abstain: bool = False
    revote: bool = False
    hypothetical: bool = False
    subordinate: bool = False  # the walk ended in a subordinate clause (time, reason, hypothesis)
    obstacle_open: bool = False  # the target is an obstacle whose user is not yet found
    pending_against: bool = False  # an "against" phrase hung on a word that takes no side
    timely: bool = False  # a word of "now" is on the path, not yet negated
    unable: bool = False  # the holder's act is said to be impossible
    hedges: int = 0
    cues: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def cue(self, t: Any, what: str, *, weight: float = 1.0) -> None:
        if not self.cued:
            self.first_sign = self.sign
        self.cued = True
        self.weight = min(self.weight, weight) if weight < 1.0 else self.weight
        self.cues.append(what)
        self.spans.append((t.idx, t.idx + len(t.text)))

    def flip(self, t: Any, what: str, *, weight: float = 1.0, cue: bool = True) -> None:
        self.sign = -self.sign
        if cue:
            self.cue(t, what, weight=weight)
        else:
            self.cues.append(what)
            self.spans.append((t.idx, t.idx + len(t.text)))

    def snapshot(self) -> State:
        return replace(self, cues=list(self.cues), spans=list(self.spans))

    def stance(self) -> Stance:
        if not self.cued and self.said_of:
            return "support" if self.said_of > 0 else "oppose"
        if self.abstain:
            return "neutral"
        if self.revote and self.sign > 0:
            return "conditional"
        if self.conditional or self.later:
            return "conditional"
        return "support" if self.sign > 0 else "oppose"


@dataclass
class Station:
    tok: Any
    kind: str  # attitude | act | speech | quote
    holders: list[Holder]
    state: State
    after_actor: bool  # an actor station lies below this one


@dataclass(frozen=True)
class Reading:
    holder: Holder
    stance: Stance
    strength: float
    voice: Voice
    verb: Any | None
    cues: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    quote_id: str | None
    target: Target


def _subjects(v: Any, depth: int = 0) -> list[Any]:
    """A verb's subjects; a subjectless verb inherits its governor's (xcomp, conj, purpose clause)."""
    out = sorted((c for c in v.children if c.dep_ in {"nsubj", "csubj"}), key=lambda c: abs(c.i - v.i))[:1]
    for c in v.children:
        if c.dep_ == "agent":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    if (
        not out
        and v.dep_ == "ROOT"
        and v.pos_ == "VERB"
        and not any(c.dep_ in {"nsubjpass", "expl"} for c in v.children)
    ):
        # a misparse leaves the main verb subjectless ("..., Ukraine's leadership signaled ...",
        # "In a speech to X, Tusk, the head of ..., suggested ..."): the noun right before the
        # verb, or for a speech verb the nearest name to its left
        first = v.left_edge.i  # the ROOT's subtree is its sentence
        j = v.i - 1
        while j >= first and v.doc[j].pos_ in {"ADV", "AUX", "PART"}:
            j -= 1
        prev = v.doc[j] if j >= first else None
        if (
            prev is not None
            and prev.pos_ in {"NOUN", "PROPN"}
            and prev.dep_ in {"appos", "pobj", "conj", "npadvmod", "dep"}
        ):
            out = [prev]
        elif pol.lemma(v) in lex.SPEECH_VERBS:
            for j in range(v.i - 1, max(first, v.i - 14) - 1, -1):
                t = v.doc[j]
                if (
                    t.ent_type_ == "PERSON"
                    and t.pos_ == "PROPN"
                    and t.dep_ in {"appos", "pobj", "conj", "npadvmod", "dep"}
                ):
                    out = [t]
                    break
    if not out and any(c.dep_ == "nsubjpass" for c in v.children):
        return []
    if not out and depth < 3 and v.head.i != v.i:
        if v.dep_ in {"xcomp", "conj"} or (
            v.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        ):
            if v.dep_ == "xcomp":
                objs = [c for c in v.head.children if c.dep_ in {"dobj"}]
                if objs and pol.lemma(v.head) not in {"promise", "offer"}:
                    return []  # "pressed the minister to quit the pact": the object would act, not the subject
                raised = [c for c in v.head.children if c.dep_ == "nsubjpass"]
                if raised and pol.lemma(v.head) in _RAISING:
                    return raised[:1]  # "X is expected to raise objections": X raises them
            return _subjects(v.head, depth + 1)
        if v.dep_ == "relcl":
            return [v.head]
        if v.dep_ == "advcl" and v.tag_ == "VBG":
            return _subjects(v.head, depth + 1)  # "While not abandoning X, Kyiv ...": Kyiv does
        if v.dep_ == "pcomp" and v.head.dep_ == "prep":
            n = v.head.head  # "took the step of agreeing", "the idea of joining", "By proposing X, Kyiv ..."
            if n.pos_ in {"VERB", "AUX"} and v.head.lower_ in {"by", "through", "without", "upon", "after", "before"}:
                return _subjects(n, depth + 1)
            if n.pos_ in {"NOUN", "PROPN"} and n.dep_ in {"dobj", "attr"} and pol.lemma(n) not in lex.AGAINST_NOUNS:
                return _subjects(n.head, depth + 1)

        if v.dep_ == "acl" and v.head.pos_ in {"NOUN", "PROPN"}:
            n = v.head
            if n.dep_ == "pobj" and n.head.dep_ == "prep" and n.head.head.pos_ in {"VERB", "AUX"}:
                return _subjects(n.head.head, depth + 1)  # "invaded, in part to thwart ...", "in a bid to ..."
            return []
    return out


def _owners(n: Any) -> list[Any]:
    """Who holds what a noun names: "Hungary's objection", "opposition from Hungary", "efforts by
    the allies", "EU support", "[X] is an opponent of", "raised objections", "X, an opponent of"."""
    out = [c for c in n.children if c.dep_ == "poss"]
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in {"by", "from", "among"}:
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in {"compound", "amod"} and (c.ent_type_ in {"GPE", "NORP", "ORG"} or c.pos_ == "PROPN"):
            out.append(c)
    if out:
        return out
    h = n.head
    if n.dep_ in {"attr", "acomp"} and h.i != n.i:
        return [c for c in h.children if c.dep_ in {"nsubj"}]
    if n.dep_ == "appos":
        return [h]
    if (
        n.dep_ in {"dobj"}
        and h.i != n.i
        and pol.lemma(h)
        in {
            "have",
            "make",
            "take",
            "express",
            "voice",
            "show",
            "raise",
            "present",
            "pose",
            "announce",
            "reaffirm",
            "renew",
            "stress",
            "signal",
            "state",
            "declare",
            "give",
            "lodge",
            "drop",
            "lift",
            "withdraw",
            "repeat",
            "reiterate",
            "confirm",
            "issue",
            "launch",
            "submit",
            "file",
            "press",
        }
    ):
        return _subjects(h)
    if n.dep_ in {"nsubj"}:
        return []
    return []


def _obliged(v: Any) -> bool:
    """The verb, or a verb it hangs on as a complement, carries "should"/"must"/"ought to"."""
    t = v
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in {"should", "must", "ought"} for c in t.children):
            return True
        if t.dep_ not in {"xcomp"} or t.head.i == t.i:
            return False
        t = t.head
    return False


def _first_person(t: Any) -> bool:
    return t.lower_ in lex.FIRST_PERSON


class Walker:
    """Composes the stance readings of one target."""

    def __init__(self, doc: Any, actors: ActorIndex, quotes: Sequence[Quote]) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy builds it on every access
        self.actors = actors
        self.quotes = quotes
        self.later_speakers = _later_attributions(doc, actors)

    # -- holders -------------------------------------------------------------------------------

    def _resolve(self, toks: list[Any], via: str, target: Target, speaker: Holder | None) -> list[Holder]:
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
            for h in self.actors.resolve(t, via, speaker):
                if read_proposition(target.issue).names_itself(h.name):
                    continue  # "Brexit" tagged as a person is the issue, not a holder
                if all(h.key != o.key for o in out):
                    out.append(h)
        return out

    def _quote_speaker(self, tok: Any) -> tuple[Holder | None, Quote | None]:
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
                        if cue.root.dep_ in _SUBJ
                        else [h for c in cue.root.children if c.dep_ in _SUBJ for h in self.actors.resolve(c, "quote")]
                    )
                    if hs:
                        return hs[0], q
        return None, None

    # -- the walk ------------------------------------------------------------------------------

    def readings(self, target: Target) -> list[Reading]:
        readings, _ = self.walk(target)
        return readings

    def walk(self, target: Target) -> tuple[list[Reading], int]:
        """The readings of `target` and the sign of the first act done to it (0 when none)."""
        doc = self.doc
        anchor = doc[target.anchor]
        quote_speaker, quote = self._quote_speaker(anchor)
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
        if target.role == "obstacle":
            st.cue(anchor, f"{anchor.lower_}:against")
            st.obstacle_open = True
            if pol.is_negated(anchor):
                st.flip(anchor, "no", weight=W_LET_PASS)
        self._modifiers(anchor, st)
        self._timely(st, anchor)
        stations: list[Station] = []
        if target.role == "predicate":
            self._predicate_start(st, anchor, target, stations, quote_speaker)
        node = anchor
        came_from_predicate = target.role == "predicate"
        for _ in range(30):
            p = node.head
            if p.i == node.i:
                break
            rel = node.dep_
            if node.i != anchor.i:
                self._timely(st, node)
            if any(c.dep_ == "mark" and c.lower_ == "whether" for c in node.children):
                # "talks on whether to invite ...": an open question, no one's wish
                inner = {x.i for x in node.subtree}
                stations[:] = [x for x in stations if x.tok.i not in inner]
                st = State(sign=target.sign, obstacle_open=st.obstacle_open, revote=st.revote)
            if p.dep_ == "prep" and p.lower_ in _REASON_PREPS:
                st.subordinate = True
                break  # "given ...", "because of ...": a reason, not the holder's object
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
                if prep == "despite":
                    break
                if prep == "without":
                    self._negation(st, p, force=True)
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
                if rel in {"advcl", "parataxis", "dep"} or (p.dep_ == "prep" and p.lower_ in _REASON_PREPS):
                    st.subordinate = True
                break
            node = p
        return self._emit(stations, st, target, anchor, quote_speaker, quote), st.first_sign

    def _modifiers(self, anchor: Any, st: State) -> None:
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

    def _negation(self, st: State, t: Any, *, force: bool = False) -> None:
        """A negation flips the sign; alone (on a word that takes no side) it is no cue. Not
        using an obstacle lets the thing pass: a weak reading for it. A negated "now" ("not in
        the near future", "without an immediate bid") puts it off; "not entirely" is partial."""
        if not (force or pol.is_negated(t)):
            return
        if st.timely:
            st.timely = False
            st.later = True
            st.cue(t, "not now:later")
        elif any(c.dep_ == "advmod" and c.lower_ in _PARTIAL for c in t.children):
            st.conditional = True
            st.cue(t, "not entirely:conditional")
        elif st.obstacle_open and st.sign < 0:
            st.flip(t, f"not {t.lower_}", weight=W_LET_PASS)
        else:
            st.flip(t, f"not {t.lower_}", cue=False)

    def _timely(self, st: State, t: Any) -> None:
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

    def _hedge(self, st: State, t: Any) -> None:
        for c in t.children:
            if c.dep_ in {"aux", "advmod"} and (c.lower_ in lex.HEDGES or pol.lemma(c) in lex.HEDGES):
                st.hedges += 1
        if pol.lemma(t) in lex.HEDGES:
            st.hedges += 1

    def _conditions(self, st: State, p: Any, skip: Any, holders: list[Holder]) -> None:
        """Conditions the clause of `p` puts on its act, other than the path below it."""
        for c in p.children:
            if c.i == skip.i:
                continue
            lead = self.doc[c.left_edge.i : c.left_edge.i + 3].text.lower()
            if c.dep_ in {"advcl", "ccomp"} and lead.startswith(_CONDITION_LEADS):
                # "..., provided that the fighting stops" (however the parser hangs it)
                st.conditional = True
                st.cue(c.left_edge, f"{lead.split()[0]}:conditional")
                continue
            if c.dep_ == "advcl":
                mark = next(
                    (
                        g
                        for g in c.children
                        if g.dep_ in {"mark", "advmod"}
                        and g.lower_ in lex.CONDITION_MARKS | {"when", "as", "so", "while"}
                    ),
                    None,
                )
                if mark is None:
                    continue
                first = self.doc[c.left_edge.i : c.left_edge.i + 3].text.lower()
                if any(g.lower_ == "even" for g in c.children) or first.startswith("even"):
                    continue  # "even if": a concession, not a condition
                if mark.lower_ in {"as", "so"} and not first.startswith(("as long", "so long")):
                    continue
                if mark.lower_ == "when" and not any(
                    g.dep_ == "aux" and g.lower_ in {"would", "will", "could", "can"} for g in p.children
                ):
                    continue
                if mark.lower_ == "while" and pol.lemma(c) not in _DURING_VERBS:
                    continue
                if self._own_condition(c, holders):
                    continue
                st.conditional = True
                st.cue(mark, f"{mark.lower_}:conditional")
            elif c.dep_ == "prep":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and (c.lower_, pol.lemma(pobj)) in lex.EXCHANGE_PREPS:
                    st.conditional = True
                    more = next((g.lower_ for g in pobj.children if g.dep_ == "prep"), "")
                    st.cue(c, f"{c.lower_} {pobj.lower_} {more}".strip() + ":conditional")
        toks = pol.clause_tokens(p, skip)
        txt = pol.text_of(toks)
        m = pol.CONDITION_RE.search(txt)
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

    def _own_condition(self, clause: Any, holders: list[Holder]) -> bool:
        """A condition on the holder's own success ("if elected", "if his party wins") is a plan,
        not a demand on anyone."""
        subj = next((g for g in clause.children if g.dep_ in _SUBJ), None)
        if subj is None:
            return clause.tag_ == "VBN"
        if _first_person(subj) or subj.lower_ in lex.PERSON_PRONOUNS:
            return True
        owner = next((g for g in subj.children if g.dep_ == "poss"), None)
        if owner is not None and (owner.lower_ in lex.PERSON_PRONOUNS | lex.FIRST_PERSON):
            return True
        keys = {h.key for h in holders}
        return any(h.key in keys for h in self.actors.resolve(subj, "subject"))

    def _station(self, stations: list[Station], tok: Any, kind: str, holders: list[Holder], st: State) -> None:
        if kind != "speech" and _obliged(tok):
            # "voters should have another say", "the bloc should recommit ...": what the speaker
            # asks of them, not their own stance (except "we should ...": the speaker's side)
            holders = [h for h in holders if h.via in {"quote"}]
        after_actor = any(s.holders and s.kind in {"attitude", "act"} for s in stations)
        stations.append(Station(tok, kind, holders, st.snapshot(), after_actor))

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
            self._adjective(st, g, p, target, stations, quote_speaker)  # "is not prepared for"
            return True
        if g.pos_ in {"VERB", "AUX"} and self._abstain(st, g, target, stations, quote_speaker):
            return True  # "took no part in the vote to ..."
        if g.pos_ in {"VERB", "AUX"}:
            factor = pol.change_factor(g)
            if (
                factor is not None
                and set(prep.split()) & {"in", "into", "from", "of", "to", "out", "with", "on"}
                and target.role != "predicate"
            ):
                if factor < 0:
                    st.flip(g, f"{g.lower_} {prep}")
                else:
                    st.cue(g, f"{g.lower_} {prep}")
                self._act(st, g, target, stations, quote_speaker)
                return True
            if pol.lemma(g) in {"join", "follow"} and prep == "in":
                # "joined the Greens in voting down the pact": the Greens vote it down (and so would the joiner)
                joined = [c for c in g.children if c.dep_ == "dobj"]
                holders = self._resolve(joined, "subject", target, quote_speaker)
                if holders and st.cued:
                    self._station(stations, g, "attitude", holders, st)
                return False
            if self._revote(st, g) or self._justification(st, g, target, stations, quote_speaker):
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
                        and pol.lemma(c) in _DOOR_NOUNS
                        and pol.lemma(g) in _OPEN | _SHUT
                    ):
                        self._apply_verb(
                            st,
                            g,
                            1 if pol.lemma(g) in _OPEN else -1,
                            f"{g.lower_} the {c.lower_}",
                            target,
                            stations,
                            quote_speaker,
                            skip=p,
                        )
                        return True
                    if c.dep_ == "dobj" and c.i != p.i and st.obstacle_open and pol.lemma(c) in lex.AGAINST_NOUNS:
                        # "place no hurdles in the way of X": the obstacle is counted once
                        self._negation(st, g)
                        st.obstacle_open = False
                        self._station(
                            stations, g, "attitude", self._resolve(_subjects(g), "subject", target, quote_speaker), st
                        )
                        return True
                    if c.dep_ == "dobj" and c.i != p.i:
                        nv = pol.noun_valence(c, None)
                        if nv is not None:
                            if pol.is_negated(c):
                                nv = -nv
                            if nv < 0 and pol.lemma(g) in lex.LIFT_VERBS:
                                nv = 1  # "lifted its objection to X", "dropped its veto on X"
                            negated_obstacle = pol.is_negated(c) and nv > 0
                            self._apply_verb(
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
                    holders = self._resolve(_subjects(g), "subject", target, quote_speaker)
                    self._negation(st, g)
                    self._station(stations, g, "attitude", holders, st)
                return True
            if v is not None:
                self._apply_verb(st, g, v, f"{g.lower_} {prep}", target, stations, quote_speaker, skip=p)
            elif pol.lemma(g) in lex.SPEECH_VERBS and prep in pol.TOPIC_PREPS:
                # "said of Ukraine", "spoke about the bid": speech on a topic takes no side
                self._station(stations, g, "speech", self._resolve(_subjects(g), "speech", target, quote_speaker), st)
            else:
                self._negation(st, g)
                self._hedge(st, g)
                if st.obstacle_open:
                    # "will not stand in the way of ...": whoever stands (or not) holds it
                    st.obstacle_open = False
                    self._station(
                        stations, g, "attitude", self._resolve(_subjects(g), "subject", target, quote_speaker), st
                    )
            return True
        if g.pos_ in {"NOUN", "PROPN", "PRON"}:
            return self._noun(st, g, prep, p, target, stations, quote_speaker)
        if g.pos_ == "ADJ":
            self._adjective(st, g, p, target, stations, quote_speaker)
            return True
        return True

    def _adjective(
        self, st: State, a: Any, via: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
    ) -> None:
        """ "X is ready to / opposed to / keen on ...": X's attitude; but the proposition's own
        subject "is (not) ready" for it is the speaker's judgement of when, not X's wish."""
        v = pol.adj_valence(a) if a.pos_ == "ADJ" else 1
        if v is None:
            return
        cop = a.head
        if a.pos_ == "VERB":
            cop = a
            subs = [c for c in a.children if c.dep_ in {"nsubj", "nsubjpass"}]
        else:
            subs = _subjects(cop) if cop.i != a.i else []
        holders = self._resolve(subs, "subject", target, quote_speaker)
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
        if v < 0:
            st.flip(a, f"{a.lower_}:against")
        else:
            st.cue(a, f"{a.lower_}:for")
        self._negation(st, a)
        if cop.i != a.i:
            self._negation(st, cop)
        self._conditions(st, a, via, holders)
        self._station(stations, a, "attitude", holders, st)

    def _noun(
        self,
        st: State,
        n: Any,
        prep: str | None,
        via: Any,
        target: Target,
        stations: list[Station],
        quote_speaker: Holder | None,
    ) -> bool:
        lem = pol.lemma(n)
        if lem == "way" and prep == "of" and n.dep_ == "pobj" and n.head.lower_ == "in":
            # "stand in the way of X", "get in the way of X": an obstacle to it
            st.flip(n, "in the way of:against")
            st.obstacle_open = True
            return True
        if lem in _TOPIC_PP_NOUNS and n.dep_ == "pobj":
            st.subordinate = True
            return False  # "in terms of X", "with regard to X": a topic, not an object
        if prep in lex.AGAINST_PREPS and not (
            lem in lex.FOR_NOUNS or lem in lex.AGAINST_NOUNS or lem in lex.PROCESS_NOUNS
        ):
            st.pending_against = True  # "veto on the summit against X": the phrase belongs higher
            return True
        if n.pos_ == "PROPN" and n.dep_ in {"pobj", "appos", "dobj", "nsubj", "attr"} and lem not in lex.GROUP_NOUNS:
            return True  # a word of a name ("Partnership Plan for Growth") takes no side
        if lem in {"percent", "%", "cent"} or (any(c.dep_ == "nummod" for c in n.children) and n.dep_ == "dobj"):
            return True  # "support you 100 percent on X": a measure, the phrase belongs to the verb
        if prep in {"about", "on", "over", "regarding", "concerning"} and not (
            lem in lex.FOR_NOUNS
            or lem in lex.AGAINST_NOUNS
            or lem in lex.PROCESS_NOUNS
            or lem in lex.ANAPHOR_NOUNS
            or pol.change_factor(n) is not None
        ):
            st.subordinate = True
            return False  # "criticized rhetoric about the deal": the rhetoric is the object
        if st.pending_against and lem in lex.AGAINST_NOUNS:
            st.pending_against = False
            prep = None
        factor = pol.change_factor(n)
        if (
            factor is not None
            and target.role != "predicate"
            and prep in {None, "from", "to", "in", "into", "of", "with"}
        ):
            if factor < 0:
                st.flip(n, f"{n.lower_}")
            else:
                st.cue(n, f"{n.lower_}", weight=0.9)
        v = pol.noun_valence(n, prep)
        if v is not None:
            if v < 0:
                st.flip(n, f"{n.lower_}:against")
            else:
                st.cue(n, f"{n.lower_}:for")
            self._negation(st, n)
            self._conditions(st, n, via, [])
            holders = self._resolve(_owners(n), "owner", target, quote_speaker)
            if holders:
                self._station(stations, n, "attitude", holders, st)
            return True
        if lem in lex.ANAPHOR_NOUNS or lem in lex.PROCESS_NOUNS or factor is not None:
            if lem in lex.LATER_WORDS:
                st.later = True
                st.cue(n, f"{n.lower_}:later")  # "a temporary pause on membership"
            self._negation(st, n)
            return True
        if n.pos_ == "PROPN" or lem in lex.GROUP_NOUNS:
            return False  # a target inside a name or a group's description is not its object
        e = pol.eval_of(n) if lem in lex.GOOD_WORDS | lex.BAD_WORDS else None
        if e is not None and prep == "of":
            if e < 0:
                st.flip(n, f"{n.lower_}:oppose", weight=W_EVAL)
            else:
                st.cue(n, f"{n.lower_}:support", weight=W_EVAL)
        return True

    def _apply_verb(
        self,
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
        if negated and any(c.dep_ == "aux" and c.lower_ in {"can", "could", "ca"} for c in v.children):
            st.unable = True  # "we could not stop the accord": what cannot be done is no choice
        partial = negated and any(c.dep_ == "advmod" and c.lower_ in _PARTIAL for c in v.children)
        hypothetical = (
            valence > 0
            and any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in v.children)
            and not negated
            and pol.lemma(v) in _WISH_VERBS
        )
        if valence < 0:
            st.flip(v, f"{what}:against", weight=weight)
            if partial:
                st.conditional = True
                st.cue(v, "not entirely:conditional")
                negated = False
            elif negated:
                st.flip(v, f"not {v.lower_}", weight=W_LET_PASS)
                negated = False
        else:
            st.cue(v, f"{what}:for", weight=weight)
        if hypothetical:
            # "would welcome it one day": a wish on terms, not a push
            st.conditional = True
            st.cue(v, f"would {v.lower_}:conditional")
        if negated:
            self._negation(st, v)
        self._hedge(st, v)
        holders = self._resolve(_subjects(v), "subject", target, quote_speaker)
        self._conditions(st, v, skip, holders)
        self._station(stations, v, "attitude", holders, st)

    def _act(self, st: State, v: Any, target: Target, stations: list[Station], quote_speaker: Holder | None) -> None:
        """A change verb with the target as its object: its subject acts ("the US is withdrawing
        from the deal"), unless the act is only possible or hypothetical."""
        self._negation(st, v)
        hyp = any(c.dep_ == "aux" and c.lower_ in lex.HYPOTHETICAL_MODALS for c in v.children)
        holders = self._resolve(_subjects(v), "subject", target, quote_speaker)
        self._conditions(st, v, v, holders)
        if hyp and not st.conditional:
            st.hypothetical = True
            self._hedge(st, v)
            holders = [h for h in holders if h.via == "quote"]
        self._station(stations, v, "act", holders, st)

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
        if rel == "appos":
            return True  # "the CTBT (the test-ban treaty)": the same thing
        if lem in _DELIBERATION and rel in {"dobj", "xcomp", "ccomp", "prep"}:
            return False  # "to consider a decision on X", "discuss X": about it, for nobody
        if p.pos_ in {"NOUN", "PROPN", "PRON"}:
            if rel == "acl" and node.tag_ == "VBG" and node.i == p.i + 1:
                return True  # "supports [Iceland joining the EU]": a gerund clause with its subject
            if rel in {"relcl", "acl"} and p.pos_ == "PROPN":
                return False  # "Jane Roe, who has argued ...": the clause describes its head
            return self._noun(st, p, None, node, target, stations, quote_speaker)
        if p.pos_ == "ADJ":
            if rel in {"xcomp", "prep", "ccomp", "advcl"}:
                self._adjective(st, p, node, target, stations, quote_speaker)
            return True
        if p.pos_ not in {"VERB", "AUX"}:
            return rel not in {"parataxis", "dep"}
        if rel == "advcl":
            return self._from_adverbial(st, p, node, target, stations, quote_speaker)
        if rel in {"parataxis", "dep", "npadvmod", "advmod", "intj"}:
            if lem in lex.SPEECH_VERBS and rel == "parataxis":
                self._speech(st, p, target, stations, quote_speaker)
                return True
            return False
        if rel in {"nsubj", "nsubjpass", "csubj", "csubjpass"}:
            return self._as_subject(st, p, node, rel, target, stations, quote_speaker)
        if (
            lem == "be"
            and rel == "attr"
            and any(c.dep_ == "aux" and c.lower_ in {"should", "must"} for c in p.children)
        ):
            # "the answer must be full membership": what is asked for
            st.cue(p, "should be:for")
            holders = [h for h in self._resolve(_subjects(p), "subject", target, quote_speaker)]
            self._station(stations, p, "attitude", holders, st)
            return True
        if lem == "be" and rel in {"xcomp", "ccomp", "csubj"} and pol.expletive_it(p):
            # "it is in our interest to stay ...", "it is a mistake to ..."
            ev0 = pol.predicate_eval(p, node)
            if ev0 is not None:
                e, tok = ev0
                if e < 0:
                    st.flip(tok, f"{tok.lower_}:oppose", weight=W_EVAL)
                else:
                    st.cue(tok, f"{tok.lower_}:support", weight=W_EVAL)
                self._negation(st, p)
                return True
        # the target is an object or complement of p
        ev = pol.call_eval(p, node)
        if ev is not None:
            e, tok = ev
            if e < 0:
                st.flip(tok, f"{p.lower_} {tok.lower_}:oppose", weight=W_EVAL)
            else:
                st.cue(tok, f"{p.lower_} {tok.lower_}:support", weight=W_EVAL)
            self._negation(st, p)
            holders = self._resolve(_subjects(p), "subject", target, quote_speaker)
            self._station(stations, p, "attitude", holders, st)
            return True
        if lem in lex.SPEECH_VERBS and rel in {"ccomp", "xcomp"} and not (lem in lex.FOR_VERBS and rel == "xcomp"):
            if lem == "deny":
                st.flip(p, "deny")
            elif lem in {"fear", "regret"}:
                st.flip(p, f"{lem}:against")
            elif lem in {"hope", "welcome", "urge", "demand", "promise", "pledge", "vow"}:
                st.cue(p, f"{lem}:for")
            self._negation(st, p) if lem not in {"say", "tell", "think", "believe"} else None
            self._speech(st, p, target, stations, quote_speaker, via=node)
            return True
        if target.role != "predicate" or not came_from_predicate:
            factor = pol.change_factor(p)
            if factor is not None and rel in {"dobj", "xcomp"}:
                if factor < 0:
                    st.flip(p, p.lower_)
                else:
                    st.cue(p, p.lower_)
                self._act(st, p, target, stations, quote_speaker)
                return True
        if came_from_predicate and lem in lex.OBLIGATION_MODALS:
            return True
        if self._revote(st, p) or self._justification(st, p, target, stations, quote_speaker):
            return True
        if rel == "dobj" and pol.lemma(node) in lex.AGAINST_NOUNS and lem in lex.LIFT_VERBS:
            # "lifted its objection", "dropped the veto": the obstacle removed
            self._apply_verb(st, p, -1, f"{p.lower_} {node.lower_}", target, stations, quote_speaker, skip=node)
            return True
        if (
            lem in lex.UNDECIDED_VERBS
            and pol.is_negated(p)
            and any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in node.children)
        ):
            # "has not decided whether to back ...": no position yet
            st.abstain = True
            st.cue(p, f"not {p.lower_} whether:neutral")
            self._station(stations, p, "attitude", self._resolve(_subjects(p), "subject", target, quote_speaker), st)
            return True
        if (
            lem in lex.DEFER_VERBS
            and rel in {"dobj", "ccomp"}
            and any(x.lower_ in {"whatever", "whichever"} for x in node.subtree)
        ):
            # "will respect whatever parliament decides on it": defers, takes no side
            st.abstain = True
            st.cue(p, f"{p.lower_} whatever:neutral")
            self._station(stations, p, "attitude", self._resolve(_subjects(p), "subject", target, quote_speaker), st)
            return True
        v = pol.verb_valence(p, rel)
        if rel == "dobj" and pol.lemma(node) in _DOOR_NOUNS and lem in _OPEN | _SHUT:
            # "closed the door to membership", "opens the way to ..."
            v = 1 if lem in _OPEN else -1
            self._apply_verb(st, p, v, f"{p.lower_} the {node.lower_}", target, stations, quote_speaker, skip=node)
            return True
        if lem == "use" and rel == "dobj" and node.lemma_.lower() in {"veto", "power", "leverage"}:
            v = None  # "use the veto" is the veto
        if v is not None:
            self._apply_verb(st, p, v, p.lower_, target, stations, quote_speaker, skip=node)
            return True
        if self._abstain(st, p, target, stations, quote_speaker):
            return True
        if st.obstacle_open:
            # "X wielded / held back its veto": the user of the obstacle holds it
            st.obstacle_open = False
            self._negation(st, p)
            self._hedge(st, p)
            holders = self._resolve(_subjects(p), "subject", target, quote_speaker)
            self._conditions(st, p, node, holders)
            self._station(stations, p, "attitude", holders, st)
            return True
        self._negation(st, p)
        self._hedge(st, p)
        holders = self._resolve(_subjects(p), "subject", target, quote_speaker)
        self._conditions(st, p, node, holders)
        earlier = next((x for x in reversed(stations) if {h.key for h in x.holders} & {h.key for h in holders}), None)
        changed = earlier is not None and (earlier.state.sign, earlier.state.later, earlier.state.conditional) != (
            st.sign,
            st.later,
            st.conditional,
        )
        if self._preference(st, p) or (st.cued and holders and (st.conditional or st.abstain)) or changed:
            self._station(stations, p, "attitude", holders, st)
        return True

    def _abstain(
        self, st: State, v: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
    ) -> bool:
        """Not taking part in the decision: "abstained", "was not involved in", "left the room"."""
        lem = pol.lemma(v)
        neg = pol.is_negated(v)
        objs = {pol.lemma(c) for c in v.children if c.dep_ in {"dobj", "pobj"}}
        if not (
            lem in lex.ABSTAIN_VERBS
            or (lem in {"involve", "participate", "vote"} and neg)
            or (lem == "take" and "part" in objs and neg)
            or (lem in {"leave", "quit", "exit"} and objs & {"room", "meeting", "chamber", "table", "hall"})
            or (lem in {"walk", "stay", "sit"} and any(c.lower_ in {"out", "away"} for c in v.children))
        ):
            return False
        st.abstain = True
        st.cue(v, f"{'not ' if neg else ''}{v.lower_}:neutral")
        self._station(stations, v, "attitude", self._resolve(_subjects(v), "subject", target, quote_speaker), st)
        return True

    def _justification(
        self, st: State, v: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
    ) -> bool:
        """Citing the proposition as what explains or justifies a war opposes it: "cited NATO
        enlargement as a pretext for the war", "pointed to it to explain the attack"."""
        if pol.lemma(v) not in lex.CITE_VERBS:
            return False
        words = {pol.lemma(t) for t in v.subtree}
        if not (words & lex.JUSTIFY_WORDS and words & lex.WAR_WORDS):
            return False
        st.flip(v, f"{v.lower_} as reason for war:against")
        self._station(stations, v, "attitude", self._resolve(_subjects(v), "subject", target, quote_speaker), st)
        return True

    def _revote(self, st: State, v: Any) -> bool:
        """ "vote again on X": putting it to the public again."""
        if pol.lemma(v) in {"vote", "decide", "choose"} and any(c.lower_ in {"again", "anew"} for c in v.children):
            st.revote = True
            st.cue(v, f"{v.lower_} again:conditional")
            return True
        return False

    def _preference(self, st: State, v: Any) -> bool:
        """ "would rather ...": the subject prefers it."""
        for c in v.children:
            if c.dep_ == "advmod" and c.lower_ == "rather" and any(g.lower_ in {"would", "'d"} for g in v.children):
                st.cue(c, "would rather:for")
                return True
        return False

    def _predicate_start(
        self, st: State, anchor: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
    ) -> None:
        """The proposition stated by its own verb: "X should join" asks for it, "will never join"
        denies it, "we will go" or "would rather be out" wants it, "is leaving" does it."""
        v = anchor if anchor.pos_ in {"VERB", "AUX"} else anchor.head
        if v.pos_ not in {"VERB", "AUX"} or (
            v.i != anchor.i
            and anchor.dep_ not in {"prt", "prep", "advmod"}
            and not (anchor.dep_ in {"attr", "oprd"} and pol.lemma(v) in {"become", "remain", "stay"})
        ):
            return
        verbs = [v]
        if v.dep_ in {"xcomp"} and pol.lemma(v.head) in lex.LIGHT_VERBS:
            verbs.append(v.head)  # "was never going to accede"
        aux = {c.lower_ for x in verbs for c in x.children if c.dep_ in {"aux", "auxpass"}}
        mark = next((c.lower_ for c in v.children if c.dep_ == "mark"), "")
        if (
            v.tag_ in {"VBD", "VBZ", "VBP"}
            and not aux & lex.HYPOTHETICAL_MODALS
            and not any(pol.is_negated(x) for x in verbs)
            and v.dep_ not in {"xcomp", "ccomp", "acl", "relcl", "pcomp"}
            and not (v.dep_ == "advcl" and mark not in {"after", "since", "because", "as", "although", "though"})
        ):
            # the proposition done: "Trump withdrew in 2018", "Britain left the EU"
            holders = self._resolve([c for c in v.children if c.dep_ == "nsubj"], "subject", target, quote_speaker)
            if holders:
                st.cue(v, f"{v.lower_}:done")
                self._station(stations, v, "act", holders, st)
            return
        if any(pol.is_negated(x) for x in verbs):
            st.flip(v, f"not {v.lower_}")
        elif aux & {"should", "must", "ought", "need"}:
            st.cue(v, f"should {v.lower_}:for")
        elif self._preference(st, v):
            pass
        elif aux & {"will", "shall", "'ll", "would", "'d"} or (v.tag_ == "VBG" and "is" in aux):
            st.cue(v, f"will {v.lower_}", weight=W_PREDICT)
        else:
            self._conditions(st, v, v, [])  # "can join NATO as long as the war is over"
            return
        holders = [
            h
            for h in self._resolve(_subjects(v), "subject", target, quote_speaker)
            if h.via == "quote" or h is quote_speaker
        ]
        self._conditions(st, v, v, holders)
        if holders:
            self._station(stations, v, "attitude", holders, st)

    def _as_subject(
        self,
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
        if pol.lemma(node) in _DOOR_NOUNS:
            # "the door to membership remains open / is closed"
            state = next(
                (
                    c
                    for c in p.children
                    if c.dep_ in {"acomp", "attr", "oprd", "advmod"} and pol.lemma(c) in _OPEN | _SHUT
                ),
                p if lem in _OPEN | _SHUT else None,
            )
            if state is not None:
                if pol.lemma(state) in _SHUT:
                    st.flip(state, f"door {state.lower_}:against")
                else:
                    st.cue(state, f"door {state.lower_}:for")
                self._negation(st, p)
                return True
        if lem == "be" or lem in {"remain", "seem", "become", "look", "sound", "prove", "represent", "mark", "mean"}:
            ev = pol.predicate_eval(p, node)
            if ev is None and lem in {"mark", "represent", "mean"}:
                obj = next((c for c in p.children if c.dep_ == "dobj"), None)
                ev = (pol.eval_of(obj), obj) if obj is not None and pol.eval_of(obj) is not None else None  # type: ignore[assignment]
            if ev is not None:
                e, tok = ev
                if e < 0:
                    st.flip(tok, f"{tok.lower_}:oppose", weight=W_EVAL)
                else:
                    st.cue(tok, f"{tok.lower_}:support", weight=W_EVAL)
                self._negation(st, p)
            self._conditions(st, p, node, [])
            self._hedge(st, p)
            return True
        happen = next((c for c in p.children if c.dep_ == "xcomp" and pol.lemma(c) in lex.HAPPEN_VERBS), None)
        if lem in lex.HAPPEN_VERBS or (lem in lex.LIGHT_VERBS and happen is not None):
            # "that is not going to happen", "it will happen": said of the proposition
            st.cue(p, f"{(happen or p).lower_}", weight=W_PREDICT)
            verbs = [p, p.head] if p.dep_ == "xcomp" and pol.lemma(p.head) in lex.LIGHT_VERBS else [p]
            if any(pol.is_negated(x) for x in verbs):
                st.flip(p, f"not {p.lower_}")
                st.weight = 1.0
            return True
        if rel == "nsubjpass" and lem in lex.CALL_VERBS:
            # "[membership] is seen by the cabinet as a safeguard"
            ev = pol.call_eval(p, node)
            if ev is not None:
                e, tok = ev
                if e < 0:
                    st.flip(tok, f"{p.lower_} {tok.lower_}:oppose", weight=W_EVAL)
                else:
                    st.cue(tok, f"{p.lower_} {tok.lower_}:support", weight=W_EVAL)
                holders = self._resolve(_subjects(p), "subject", target, quote_speaker)
                self._station(stations, p, "attitude", holders, st)
                return True
        if rel == "nsubjpass":
            passive = pol.verb_valence(p, "dobj")
            if passive is not None:
                self._apply_verb(st, p, passive, p.lower_, target, stations, quote_speaker, skip=node)
                return True
        effect = pol.effect_of(p)
        if effect is not None:
            if effect < 0:
                st.flip(p, f"{p.lower_}:oppose", weight=W_EVAL)
            else:
                st.cue(p, f"{p.lower_}:support", weight=W_EVAL)
            self._negation(st, p)
            self._hedge(st, p)
            return True
        self._conditions(st, p, node, [])
        self._hedge(st, p)
        return True

    def _from_adverbial(
        self, st: State, p: Any, clause: Any, target: Target, stations: list[Station], quote_speaker: Holder | None
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
                    if e < 0:
                        st.flip(tok, f"{tok.lower_} if:oppose", weight=W_EVAL)
                    else:
                        st.cue(tok, f"{tok.lower_} if:support", weight=W_EVAL)
                    self._negation(st, p)
                    return True
                return False
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
                st.conditional = True
                st.cue(mark, f"{m}:conditional")
                holders = [h for h in self._resolve(_subjects(p), "subject", target, quote_speaker)]
                self._station(stations, p, "attitude", holders, st)
                return True
            return False
        if m in {"when", "as", "while"} and self._abstain(st, p, target, stations, quote_speaker):
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
        if m in _CLAUSE_MARK_STOP or m in {"when", "if"}:
            return False
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) or m == "for":
            if pol.lemma(p) in {"take", "be", "become", "seem", "need", "cost", "remain", "require"}:
                # "it will take years for the country to qualify": not a purpose
                self._conditions(st, p, clause, [])
                return True
            if pol.lemma(clause) in _DELIBERATION:
                return False
            # a purpose ("lobbied for the region to secede", "acted to stop ..."): what the main
            # subject acts for
            st.cue(clause, "to:for")
            holders = self._resolve(_subjects(p), "subject", target, quote_speaker)
            self._station(stations, p, "attitude", holders, st)
            return True
        if pol.lemma(clause) == "say" or clause.tag_ == "VBG":
            # an accompanying act ("..., saying that ..."): said by the main subject
            holders = self._resolve(_subjects(p), "subject", target, quote_speaker)
            if st.cued and holders:
                self._station(stations, p, "speech", holders, st)
            return True
        return False

    def _speech(
        self,
        st: State,
        v: Any,
        target: Target,
        stations: list[Station],
        quote_speaker: Holder | None,
        via: Any | None = None,
    ) -> None:
        if via is not None:
            self._conditions(st, v, via, [])
        subs = _subjects(v)
        holders = self._resolve(subs, "speech", target, quote_speaker)
        if not holders and any(c.dep_ == "nsubjpass" for c in v.children):
            holders = []
        self._station(stations, v, "speech", holders, st)

    # -- readings ------------------------------------------------------------------------------

    def _emit(
        self,
        stations: list[Station],
        final: State,
        target: Target,
        anchor: Any,
        quote_speaker: Holder | None,
        quote: Quote | None,
    ) -> list[Reading]:
        if final.unable:
            return []
        out: list[Reading] = []
        sent = self.actors.sent_of(anchor.i)
        in_marks = _inside_quote_marks(self.text, sent.start_char, anchor.idx)
        speakers = [s for s in stations if s.kind == "speech" and s.holders]
        top_speaker: Holder | None = speakers[-1].holders[0] if speakers else None
        if top_speaker is None and quote_speaker is not None:
            top_speaker = quote_speaker
        if top_speaker is None:
            acc = _according_to(sent, self.actors)
            top_speaker = acc[0] if acc else None
        seen: set[str] = set()
        chosen: dict[str, Reading] = {}
        last_actor_state: State | None = None
        # what unnamed others believe or expect ("left many believing she could not ...") is
        # nobody's position below it
        hearsay = next(
            (
                i
                for i, s in enumerate(stations)
                if s.kind == "speech"
                and not s.holders
                and pol.lemma(s.tok) in _NONFACTIVE
                and not any(c.dep_ == "nsubjpass" for c in s.tok.children)
            ),
            None,
        )
        if hearsay is not None:
            stations = [s for i, s in enumerate(stations) if i > hearsay]
        for s in stations:
            if not s.holders or not (s.state.cued or s.state.said_of):
                if s.kind in {"attitude", "act"} and s.holders:
                    last_actor_state = s.state
                continue
            if s.kind == "speech" and last_actor_state is not None and s.state.cues == last_actor_state.cues:
                # only speech between: the speaker reports someone else's stance
                own = {h.key for st in stations if st.kind in {"attitude", "act"} for h in st.holders}
                if not any(self._same_side(h, own) for h in s.holders):
                    continue
            voice: Voice
            if s.kind == "speech":
                voice = (
                    "quote" if (in_marks or (quote is not None and quote.kind in {"direct", "mixed"})) else "reported"
                )
            else:
                voice = (
                    "reported"
                    if any(x.kind == "speech" for x in stations if stations.index(x) > stations.index(s)) or in_marks
                    else "outlet"
                )
                if in_marks and any(h.via == "quote" for h in s.holders):
                    voice = "quote"
            for h in s.holders:
                # the highest station of a holder scopes over its lower ones ("NATO has not
                # given any sign that it would admit them ...")
                chosen[h.key] = self._reading(h, s.state, voice, s.tok, target, quote)
                seen.add(h.key)
            if s.kind in {"attitude", "act"}:
                last_actor_state = s.state
        out = list(chosen.values())
        if (
            not out
            and (final.cued or final.said_of)
            and top_speaker is not None
            and top_speaker.key not in seen
            and not final.subordinate
        ):
            voice = "quote" if in_marks or (quote is not None and quote.kind in {"direct", "mixed"}) else "reported"
            out.append(self._reading(top_speaker, final, voice, None, target, quote))
        return out

    def _same_side(self, h: Holder, keys: set[str]) -> bool:
        aff = self.actors.affiliation.get(h.key)
        return h.key in keys or (aff is not None and any(k.endswith(aff.lower().replace(" ", "-")) for k in keys))

    def _reading(
        self, h: Holder, st: State, voice: Voice, verb: Any | None, target: Target, quote: Quote | None
    ) -> Reading:
        strength = st.weight * (W_HEDGE ** min(st.hedges, 2))
        return Reading(
            h,
            st.stance(),
            strength,
            voice,
            verb,
            tuple(st.cues),
            tuple(st.spans),
            quote.id if quote is not None and voice == "quote" else None,
            target,
        )


_ATTRIBUTION_VERBS = {
    "state",
    "say",
    "announce",
    "declare",
    "report",
    "note",
    "emphasise",
    "emphasize",
    "stress",
    "write",
    "tweet",
    "tell",
}


def _later_attributions(doc: Any, actors: ActorIndex) -> dict[int, Holder]:
    """ "This was stated by X" attributes the one or two sentences before it to X (a form common in
    wire and translated news)."""
    out: dict[int, Holder] = {}
    sents = actors.sents
    for si, s in enumerate(sents):
        first = s[0] if len(s) else None
        if first is None or first.lower_ not in {"this", "that", "these", "it"} or si == 0:
            continue
        v = first.head
        if pol.lemma(v) not in _ATTRIBUTION_VERBS or not any(c.dep_ == "auxpass" for c in v.children):
            continue
        agent = next((g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is None:
            continue
        hs = actors.resolve(agent, "speech")
        if hs:
            for j in range(max(0, si - 2), si):
                out[sents[j].start] = hs[0]
    return out


def _according_to(sent: Any, actors: ActorIndex) -> list[Holder]:
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            for c in t.doc[t.i + 1].children:
                if c.dep_ == "pobj":
                    return actors.resolve(c, "according")
    return []


def _inside_quote_marks(text: str, sent_start: int, pos: int) -> bool:
    before = text[sent_start:pos]
    opens = before.count("“") + before.count("«") + before.count("„")
    closes = before.count("”") + before.count("»")
    if opens or closes:
        return opens > closes
    return before.count('"') % 2 == 1
