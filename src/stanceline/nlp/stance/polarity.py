"""The sign a word gives to what it governs, and the small clause tests stance composition needs.

`valence(word, via)` answers: when the target sits under `word` by the relation `via` (a
dependency label, or a preposition), is the word for it (+1), against it (-1), neutral (0, it
passes the target's sign on unchanged), or a change of being in the object (the factor of
entering/staying, +1, or leaving, -1)? The answer comes from the lexicon's classes only.
"""

from __future__ import annotations

import re
from typing import Any

from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance.proposition import change_of_word, names_act, read_proposition, same_act_kind

# Prepositions that relate a holder to a topic rather than to an aim ("decide on", "talk about").
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning", "around", "of"})
# Nouns of a decision or a view: "on"/"about" X says what it concerns, not that it is for X.
DECISION_NOUNS = frozenset(
    {
        "decision",
        "plan",
        "proposal",
        "vote",
        "offer",
        "recommendation",
        "position",
        "view",
        "stance",
        "opinion",
        "preference",
        "intention",
    }
)
# Words that only mark what follows as said, thought or reported.
_AGENT_PREPS = frozenset({"by", "from"})

LATER_RE = re.compile(
    r"\b(?:not (?:now|yet|immediately|soon|quickly|at (?:the|this) (?:moment|time|point)"
    r"|the (?:right )?(?:moment|time))|no (?:reason|rush|hurry)\b.{0,40}\bnow|too (?:early|soon)"
    r"|in no (?:rush|hurry)|not in (?:a|any) (?:rush|hurry)|no (?:rush|hurry) to"
    r"|(?:have|has|had) to wait|(?:must|can|will|should|would) wait"
    r"|premature(?:ly)?|(?:takes?|took|taking|taken) "
    r"(?:\w+ ){0,3}(?:years|decades)|light[- ]years|(?:years|decades) away|long way (?:off|away)"
    r"|in the long (?:term|run)|eventually|some ?day|one day|not (?:ready|prepared|ripe)|on hold"
    r"|for the time being|not on the agenda|in due course|at some point|down the road|short term)\b"
)
CONDITION_RE = re.compile(
    r"\b(?:only (?:if|when|after|once|with|on|for|under)|as long as|so long as|provided(?: that)?|providing(?: that)?"
    r"|on (?:the )?condition|in return for|in exchange for|subject to|conditional (?:on|upon)"
    r"|contingent (?:on|upon)|depend(?:s|ed|ing)? on"
    r"|if (?:\w+ ){0,4}(?:meets?|met|fulfils?|fulfills?|complies|comply|returns?|agrees?|accepts?"
    r"|implements?|honou?rs?|respects?)"
    r"|unless|criteria|conditions? (?:are|is|were) met|preconditions?|bargaining chip|not before"
    r"|condition(?:s|ed|ing)? (?:\w+ ){0,4}(?:on|upon)|(?:tie|tied|ties|link|linked|links) (?:\w+ ){0,4}to)\b"
)


# A condition named only to be denied: "without preconditions", "with no conditions attached",
# "free of any prerequisites" offer the thing unconditionally, the opposite of a condition ("not
# without conditions" denies the denial: a condition again).
_DENIED_CONDITION = re.compile(
    r"\b(?:(?<!\bnot )without|with no|no|free of|free from)\s+(?:any\s+|further\s+|new\s+|prior\s+|such\s+)?$"
)


def condition_in(text: str) -> re.Match[str] | None:
    """The first condition CONDITION_RE finds in `text` that is not denied where it stands."""
    for m in CONDITION_RE.finditer(text):
        if not _DENIED_CONDITION.search(text, 0, m.start()):
            return m
    return None


def lemma(t: Any) -> str:
    return str(t.lemma_).lower()


def particle_of(t: Any) -> str | None:
    return next((c.lower_ for c in t.children if c.dep_ == "prt"), None)


def not_yet_done(v: Any) -> bool:
    """A verb negated, or put after something else: "before taking a position" has not taken one."""
    return (
        is_negated(v)
        or (v.dep_ == "pcomp" and v.head.lower_ == "before")
        or any(c.dep_ == "mark" and c.lower_ == "before" for c in v.children)
        or (v.dep_ == "xcomp" and is_negated(v.head))
    )


def stopped(t: Any) -> bool:
    """The negation is a stop: "will no longer block", "does not oppose it anymore"."""
    kids = list(t.children)
    no = any(c.lower_ == "no" for c in kids)  # "no" may hang on the verb beside "longer"
    return any(
        c.dep_ == "advmod"
        and (
            (c.lower_ in {"longer", "more"} and (no or any(g.lower_ in {"no", "any"} for g in c.children)))
            or c.lower_ == "anymore"
        )
        for c in kids
    )


def is_negated(t: Any) -> bool:
    """A negation on the word itself: "not", "never", "no" (on a noun), "n't"; a subject "no one",
    "nothing"; "without" governing it."""
    if (
        lemma(t) in {"have", "be"}
        and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in t.children)
        and any(c.dep_ == "xcomp" for c in t.children)
    ):
        return True  # "has yet to hear": has not heard
    for c in t.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in {"never", "not"}):
            return True
        if c.dep_ == "advmod" and c.lower_ in {"longer", "more"} and any(g.lower_ == "no" for g in c.children):
            return True  # "will no longer block"
        if c.dep_ == "det" and c.lower_ in {"no", "neither"}:
            return True
        if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"nobody", "nothing", "none", "noone"}:
            return True
        if (
            c.dep_ in {"nsubj", "nsubjpass"}
            and c.lower_ in {"one"}
            and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
        ):
            return True
    return t.dep_ in {"pobj", "pcomp"} and t.head.lower_ == "without" and not waived(t)


def backshifted(v: Any) -> bool:
    """The "would" of a clause reported after a past speech verb ("she said Spain would back it"):
    the speaker's "will" shifted back by the report, a plan, not a wish on terms."""
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head
    head = v.head
    return (
        v.dep_ == "ccomp"
        and head.i != v.i
        and head.tag_ in {"VBD", "VBN"}
        and lemma(head) in lex.SPEECH_VERBS
        # "would welcome the day (when) ...": a wish for a time to come, whoever reports it
        and not any(c.dep_ == "dobj" and lemma(c) in {"day", "moment", "time"} for c in v.children)
        # a condition anywhere in the report ("said it would back it if ...", often parsed onto
        # "said") keeps the wish on terms
        and not any(t.dep_ == "mark" and t.lower_ in lex.CONDITION_MARKS for t in v.sent)
    )


_PAST_UNITS = frozenset({"year", "month", "week", "decade", "spring", "summer", "autumn", "winter", "time"})


def _past_time(v: Any) -> bool:
    """A time before now said in the clause: "last year", "in 2019", "earlier", "years ago"."""
    for c in v.subtree:
        low = c.lower_
        if c.dep_ == "advmod" and low in {"earlier", "previously", "once", "formerly"}:
            return True
        if c.dep_ == "npadvmod" and lemma(c) in _PAST_UNITS and any(g.lower_ == "last" for g in c.children):
            return True
        if c.dep_ == "advmod" and low == "ago":
            return True
        if c.dep_ == "prep" and low == "in" and any(
            g.dep_ == "pobj" and g.like_num and len(g.text) == 4 for g in c.children
        ):
            return True
    return False


def recalled(t: Any) -> bool:
    """The word stands in a relative clause recalling what its noun did or said before ("Myanmar,
    which said last year it would block it, ..."): background to the sentence, not a stance taken
    in it."""
    for a in [t, *t.ancestors]:
        if a.dep_ == "relcl":
            # "who has backed it since 2011" runs up to now: a stance held, not one recalled
            ongoing = any(c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in a.children)
            # "a country that had opposed it": the past perfect is before the story's own time
            before = any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in a.children)
            return a.tag_ in {"VBD", "VBN"} and not ongoing and (before or _past_time(a))
    return False


# Modifiers that make "without the usual X" a requirement waived, not a refusal of X: whoever
# acts without the customary step is speeding the thing along, not standing against it.
_ROUTINE_MODIFIERS = frozenset({
    "usual", "customary", "normal", "standard", "required", "traditional", "regular", "typical", "lengthy",
})


def waived(t: Any) -> bool:
    """The object of "without" is a step named as routine ("without the usual screening")."""
    return any(c.dep_ == "amod" and c.lower_ in _ROUTINE_MODIFIERS for c in t.children)


def change_factor(t: Any) -> int | None:
    """+1 for a word of entering or staying, -1 for a word of leaving, None otherwise."""
    lem = lemma(t)
    prt = particle_of(t)
    if prt is not None:
        if (lem, prt) in lex.EXIT_PHRASAL:
            return -1
        if (lem, prt) in lex.ENTER_PHRASAL:
            return 1
    for c in t.children:
        if c.dep_ == "prep" and (lem, c.lower_) in lex.ENTER_PHRASAL:
            return 1
        if c.dep_ == "prep" and (lem, c.lower_) in lex.EXIT_PHRASAL:
            return -1
    c0 = change_of_word(lem)
    if c0 is None:
        return None
    if lem == "member":
        return None
    return -1 if c0 == "exit" else 1


def verb_valence(v: Any, via: str, prep: str | None = None) -> int | None:
    """A verb's sign toward the target reached through `via` (and preposition `prep`), or None
    when the verb says nothing about it (it passes the sign on)."""
    lem = lemma(v)
    if prep == "to" and lem in {"say", "answer", "vote"}:
        # "will not say yes to X", "voted no to X": the answer given to it
        answer = {c.lower_ for c in v.children if c.dep_ in {"dobj", "intj", "advmod", "npadvmod", "attr"}}
        if answer & {"yes", "no"}:
            return 1 if "yes" in answer else -1
    if via == "xcomp" and lem in {"call", "prevail"} and any(
        c.dep_ == "prep" and c.lower_ in {"on", "upon"} for c in v.children
    ):
        return 1  # "called on the allies to admit X": asks for what they are to do
    prt = particle_of(v)
    if prt is not None and (lem, prt) in lex.PHRASAL_VALENCE:
        return lex.PHRASAL_VALENCE[(lem, prt)]
    if prep is None or (lem, prep) not in lex.PHRASAL_VALENCE:
        # "standing behind her in the fight ...": a phrasal verb whatever the path's preposition
        for c in v.children:
            if c.dep_ in {"prep", "prt", "advmod"} and (lem, c.lower_) in lex.PHRASAL_VALENCE and c.lower_ != prep:
                return lex.PHRASAL_VALENCE[(lem, c.lower_)]
    if prep is not None:
        if (lem, prep) in lex.PHRASAL_VALENCE:
            return lex.PHRASAL_VALENCE[(lem, prep)]
        if prep in lex.AGAINST_PREPS:
            return -1
        if prep in TOPIC_PREPS - {"of"} and lem not in {"insist", "rely", "focus", "agree", "work", "vote"}:
            return None
    if lem in lex.CONTEST_VERBS:
        return -1 if via in {"dobj", "nsubjpass"} else 1
    if via == "ccomp" and lem in {"decide", "choose", "determine"} and v.head.i != v.i and any(
        c.dep_ in {"ccomp", "xcomp"} and any(w.tag_ in {"WDT", "WP", "WRB"} or w.lower_ == "whether" for w in c.subtree)
        for c in v.children
    ):
        return None  # "to decide which groups it joins": the question left open, not a choice made
    if lem in lex.FOR_VERBS and lem in lex.AGAINST_VERBS:
        return None
    if lem in lex.FOR_VERBS:
        return 1
    if lem in lex.AGAINST_VERBS:
        return -1
    return None


def doer_noun(n: Any, prep: str | None, issue: Any) -> bool:
    """A noun that names who does the act, not the act: one made with -er/-or ("the organisers
    of the race"), or the bare verb used as a noun with "of" ("the host of the cup", "the judge
    of the contest"); choosing or naming the doer takes no side on the act."""
    prop = read_proposition(issue)
    lem = lemma(n)
    if prop.act is None or not names_act(lem, prop.act):
        return False
    return (lem.endswith(("er", "or")) and not prop.act.endswith(("er", "or"))) or (lem == prop.act and prep == "of")


def act_valence(v: Any, issue: Any, *, kinds: bool = False) -> int | None:
    """The issue's own act done to its object ("the line will be built" for a proposition about
    building it, "easing the sanctions" for lifting them): the act's sign, whatever class its verb
    is in."""
    prop = read_proposition(issue)
    if prop.act is None:
        return None
    lem = lemma(v)
    # a noun of the kind ("the easing of the embargo") only when asked for (`kinds`): its owner
    # is not who does the act ("Nordbank's takeover" is not Nordbank's stance)
    kind = (v.pos_ == "VERB" or kinds) and same_act_kind(lem, prop.act)
    return prop.act_sign if names_act(lem, prop.act) or kind else None


def noun_valence(n: Any, prep: str | None) -> int | None:
    lem = lemma(n)
    if prep in lex.AGAINST_PREPS:
        return -1
    if prep == "with" and lem in {"problem", "issue", "quarrel", "qualm", "quarrels", "qualms", "problems"}:
        return -1  # "a problem with X" (so "no problem with X" lets it pass)
    for c in n.children:
        # two-word entries: "the green light", "a red line"
        if c.dep_ in {"amod", "compound"} and c.i == n.i - 1:
            two = f"{c.lower_} {lem}"
            if two in lex.AGAINST_NOUNS:
                return -1
            if two in lex.FOR_NOUNS:
                return 1
    if lem in lex.AGAINST_NOUNS:
        return -1
    if lem in lex.FOR_NOUNS:
        if prep in {"on", "about", "over", "regarding"} and lem in DECISION_NOUNS:
            return None  # "a decision on X" is about X, not for it
        return 1
    if prep == "of" and (lem in lex.BAD_WORDS):
        return -1  # "the danger of X"
    if prep == "of" and lem in lex.GOOD_WORDS and lem not in {"step", "interest", "interests", "signal"}:
        return 1
    return None


def adj_valence(a: Any) -> int | None:
    lem = lemma(a)
    if lem in lex.FOR_ADJS:
        return 1
    if lem in lex.AGAINST_ADJS:
        return -1
    return None


def eval_of(t: Any) -> int | None:
    """What an evaluative word says: "a mistake" -1, "good" +1; a neutral noun is judged by its
    adjectives ("a historic decision", "a politicised one"); a guarantee or a path "of war" is
    as bad as the war."""
    lem = lemma(t)
    if lem not in lex.BAD_WORDS and lem not in lex.GOOD_WORDS:
        lem = _comparative_base(t.lower_) or lem  # "healthier", which the lemmatiser may keep
    if lem in lex.BAD_WORDS:
        return -1
    if lem in lex.GOOD_WORDS:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in {"of", "to", "for", "towards", "toward"} and any(
                lemma(g) in lex.BAD_OUTCOMES for g in c.subtree
            ):
                return -1
        return 1
    for c in t.children:
        if c.dep_ in {"amod", "compound", "advmod"}:
            cl = lemma(c)
            if cl in lex.BAD_WORDS:
                return -1
            if cl in lex.GOOD_WORDS and cl not in {"step", "signal", "interest", "interests"}:
                return 1
    for c in t.children:
        # "in the national interest", "not in US interests"
        if c.dep_ == "prep" and c.lower_ == "in":
            for g in c.children:
                if g.dep_ == "pobj" and lemma(g) in lex.INTEREST_NOUNS:
                    return 1
    return None


def predicate_eval(copula: Any, skip: Any) -> tuple[int, Any] | None:
    """The evaluation a copula predicates of its subject: attribute, adjective or "in ... interest"."""
    for c in copula.children:
        if c.i == skip.i:
            continue
        if c.dep_ in {"attr", "acomp", "oprd"}:
            e = eval_of(c)
            if e is not None:
                return e, c
        if c.dep_ == "prep" and c.lower_ == "in":
            for g in c.children:
                if g.dep_ == "pobj" and lemma(g) in lex.INTEREST_NOUNS:
                    return 1, g
        if c.dep_ == "prep" and c.lower_ in lex.AGAINST_PREPS:
            return -1, c
    return None


def call_eval(v: Any, skip: Any) -> tuple[int, Any] | None:
    """ "branded the treaty a farce", "described it as a shield"."""
    if lemma(v) not in lex.CALL_VERBS:
        return None
    # "views [X] as a testament": the "as" phrase may hang on the object itself
    as_phrases = [c for c in skip.children if c.dep_ == "prep" and c.lower_ == "as"]
    for c in [*v.children, *as_phrases]:
        if c.i == skip.i:
            continue
        if c.dep_ in {"oprd", "attr", "xcomp", "ccomp", "dobj", "acomp"}:
            e = eval_of(c)
            if e is not None:
                return e, c
        if c.dep_ == "prep" and c.lower_ == "as":
            for g in c.children:
                if g.dep_ == "pobj":
                    e = eval_of(g)
                    if e is not None:
                        return e, g
    return None


def drags_feet(v: Any) -> bool:
    """ "dragged its feet (on X)": slow to act on it."""
    return lemma(v) == "drag" and any(c.dep_ == "dobj" and c.lower_ in {"feet", "foot"} for c in v.children)


def threat(v: Any) -> Any | None:
    """The word that makes `v` a threat of a hostile answer: "threatened consequences", "warned of
    retaliation", "would retaliate"; None when `v` threatens nothing."""
    if lemma(v) in lex.RETALIATE_VERBS and any(c.dep_ == "aux" and c.lower_ in {"will", "would"} for c in v.children):
        return v
    if lemma(v) not in lex.THREAT_VERBS:
        return None
    for c in v.children:
        if c.dep_ == "dobj" and lemma(c) in lex.RETALIATION_NOUNS:
            return c
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and lemma(g) in lex.RETALIATION_NOUNS:
                    return g
    return None


def met_with_retaliation(v: Any) -> Any | None:
    """ "[X] would be met with a military response": the hostile answer X would meet."""
    if lemma(v) not in {"meet", "greet", "answer"}:
        return None
    for c in v.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in {"with", "by"}:
            for g in c.children:
                if g.dep_ == "pobj" and lemma(g) in lex.RETALIATION_NOUNS:
                    return g
    return None


# Words of pace: "too soon", "too early" put it off rather than judge it.
_PACE_WORDS = frozenset({"soon", "early", "late", "quickly", "fast", "slowly", "slow", "hastily"})


def _comparative_base(w: str) -> str | None:
    """The base of a comparative adjective ("healthier" -> "healthy", "safer" -> "safe")."""
    if not w.endswith("er") or len(w) < 5:
        return None
    stem = w[:-2]
    cands = [stem[:-1] + "y" if stem.endswith("i") else stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        cands.append(stem[:-1])  # "bigger" -> "big"
    return next((c for c in cands if c in lex.GOOD_WORDS or c in lex.BAD_WORDS), None)


def ruled_out(v: Any) -> Any | None:
    """The phrase that says a thing will not be done: "is out of the question", "is off the table"
    (or "off the agenda")."""
    for c in v.children:
        if c.dep_ != "prep":
            continue
        if c.lower_ == "out" and any(
            g.dep_ == "prep" and g.lower_ == "of" and any(o.lemma_.lower() == "question" for o in g.children)
            for g in c.children
        ):
            return c
        if c.lower_ == "off" and any(g.dep_ == "pobj" and g.lemma_.lower() in {"table", "agenda"} for g in c.children):
            return c
    return None


# What a rule or measure is in while it holds ("in place", "in force", "in effect").
_IN_FORCE = {"place", "force", "effect"}


# Verbs of bringing or giving: what they bring decides ("would bring night flights and destroy
# farmland" is a harm though "bring" alone sounds like a gain).
_CARRY_VERBS = frozenset({"bring", "give", "offer", "deliver"})


def effect_of(v: Any) -> int | None:
    """What a verb says its subject does: "strengthens" +1, "could destabilise" -1; a verb of
    bringing that is joined to a harm is part of the harm."""
    e = _effect_of(v)
    if e == 1 and lemma(v) in _CARRY_VERBS:
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        if obj is not None and (lemma(obj) in lex.BAD_WORDS or lemma(obj) in lex.BAD_OUTCOMES):
            return -1  # "would bring chaos"
        if any(c.dep_ == "conj" and c.pos_ == "VERB" and _effect_of(c) == -1 for c in v.children):
            return -1
    return e


def _effect_of(v: Any) -> int | None:
    lem = lemma(v)
    if lem in lex.STAY_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_.lower() in _IN_FORCE for g in c.children)
        for c in v.children
    ):
        return 1  # "the sanctions will stay in place": it is kept (against an act that would end it)
    if lem in lex.UP_VERBS | lex.DOWN_VERBS:
        # "would widen the deficit" (a bad quantity up), "cuts emissions" (down)
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        if obj is not None and lemma(obj) in lex.QUANTITY_BAD:
            return -1 if lem in lex.UP_VERBS else 1
    if lem in lex.GOOD_EFFECTS:
        return 1
    if lem in lex.BAD_EFFECTS:
        return -1
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in {"at", "in", "into", "under"} and any(
            g.dep_ == "pobj" and lemma(g) in lex.PERIL_NOUNS for g in c.children
        ):
            return -1  # "would put civilians at risk", "could plunge the region into chaos"
    for c in v.children:
        if c.dep_ in {"advmod", "acomp"} and c.lower_ not in _PACE_WORDS and any(
            g.dep_ == "advmod" and g.lower_ == "too" for g in c.children
        ):
            return -1  # "goes too far", "is too costly": an excess (too soon is a matter of time)
    if lem in lex.RESULT_VERBS:
        # "would make the country safer", "left the city poorer": the state it brings about
        for c in v.children:
            if c.dep_ in {"ccomp", "xcomp", "oprd", "acomp"}:
                adj = (
                    c
                    if c.pos_ == "ADJ" or _comparative_base(c.lower_)
                    else next((g for g in c.children if g.dep_ in {"acomp", "oprd"}), None)
                )
                if adj is not None:
                    return eval_of(adj)
            if c.dep_ == "dobj" and _comparative_base(c.lower_):
                # "make the city healthier" parsed with the comparative as the object
                return eval_of(c)
    return None


def clause_tokens(head: Any, skip: Any | None) -> list[Any]:
    """The tokens of `head`'s own clause: its subtree without the child `skip` (the path below)
    and without embedded clauses."""
    out = [head]
    stack = [c for c in head.children if skip is None or c.i != skip.i]
    while stack:
        t = stack.pop()
        if (
            t.dep_ in {"ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "acl"}
            and t.head.i == head.i
            and t.pos_ in {"VERB", "AUX"}
        ):
            continue
        out.append(t)
        stack.extend(t.children)
    return sorted(out, key=lambda t: t.i)


def text_of(toks: list[Any]) -> str:
    return " ".join(t.lower_ for t in toks if not t.is_punct)


def expletive_it(v: Any) -> bool:
    """ "it is X to ...", "it would be X if ...": the clause, not "it", is the subject."""
    return any(c.dep_ in {"nsubj", "expl"} and c.lower_ == "it" for c in v.children)
