"""Who a word's subject or owner is, and who speaks: the parse-reading helpers of the stance walk."""

from __future__ import annotations

from typing import Any

from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance import polarity as pol
from stanceline.nlp.stance.holders import ActorIndex, Holder

SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}


def subjects(v: Any, depth: int = 0) -> list[Any]:
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
                if raised and pol.lemma(v.head) in lex.RAISING:
                    return raised[:1]  # "X is expected to raise objections": X raises them
            return subjects(v.head, depth + 1)
        if v.dep_ == "relcl":
            n = v.head
            if (
                any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
                and n.dep_ == "attr"
                and pol.lemma(n.head) == "be"
            ):
                # "Spain will be the first (country) to back it": the copula's subject does it
                return subjects(n.head, depth + 1)
            return [v.head]
        if v.dep_ == "advcl" and v.tag_ == "VBG":
            return subjects(v.head, depth + 1)  # "While not abandoning X, Kyiv ...": Kyiv does
        if v.dep_ == "pcomp" and v.head.dep_ == "prep":
            n = v.head.head  # "took the step of agreeing", "the idea of joining", "By proposing X, Kyiv ..."
            if n.pos_ in {"VERB", "AUX"} and v.head.lower_ in {"by", "through", "without", "upon", "after", "before"}:
                return subjects(n, depth + 1)
            if n.pos_ in {"NOUN", "PROPN"} and n.dep_ in {"dobj", "attr"} and pol.lemma(n) not in lex.AGAINST_NOUNS:
                return subjects(n.head, depth + 1)

        if v.dep_ == "acl" and v.head.pos_ in {"NOUN", "PROPN"}:
            n = v.head
            if n.dep_ == "pobj" and n.head.dep_ == "prep" and n.head.head.pos_ in {"VERB", "AUX"}:
                return subjects(n.head.head, depth + 1)  # "invaded, in part to thwart ...", "in a bid to ..."
            return []
    return out


def owners(n: Any) -> list[Any]:
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
        return subjects(h)
    if n.dep_ in {"nsubj"}:
        return []
    return []


def obliged(v: Any) -> bool:
    """The verb, or a verb it hangs on as a complement, carries "should"/"must"/"ought to"."""
    t = v
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in {"should", "must", "ought"} for c in t.children):
            return True
        if t.dep_ not in {"xcomp"} or t.head.i == t.i:
            return False
        t = t.head
    return False


def first_person(t: Any) -> bool:
    return t.lower_ in lex.FIRST_PERSON


def later_attributions(doc: Any, actors: ActorIndex) -> dict[int, Holder]:
    """ "This was stated by X" attributes the one or two sentences before it to X (a form common in
    wire and translated news)."""
    out: dict[int, Holder] = {}
    sents = actors.sents
    for si, s in enumerate(sents):
        first = s[0] if len(s) else None
        if first is None or first.lower_ not in {"this", "that", "these", "it"} or si == 0:
            continue
        v = first.head
        if pol.lemma(v) not in lex.ATTRIBUTION_VERBS or not any(c.dep_ == "auxpass" for c in v.children):
            continue
        agent = next((g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is None:
            continue
        hs = actors.resolve(agent, "speech")
        if hs:
            for j in range(max(0, si - 2), si):
                out[sents[j].start] = hs[0]
    return out


def according_to(sent: Any, actors: ActorIndex) -> list[Holder]:
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            for c in t.doc[t.i + 1].children:
                if c.dep_ == "pobj":
                    return actors.resolve(c, "according")
    return []


def inside_quote_marks(text: str, sent_start: int, pos: int) -> bool:
    before = text[sent_start:pos]
    opens = before.count("“") + before.count("«") + before.count("„")
    closes = before.count("”") + before.count("»")
    if opens or closes:
        return opens > closes
    return before.count('"') % 2 == 1
