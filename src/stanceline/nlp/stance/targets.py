"""Targets: the places in a parsed document that mention an issue's proposition or a part of it.

A target is a token (its anchor) with a sign relative to the proposition: "accession" +1 for
"Ukraine joins the EU", "remain in the EU" -1 for "United Kingdom leaves the EU", "the deal" +1
for "United States stays in the Iran nuclear deal". Targets come from two sources:

- the issue's terms, matched on lemmas (`IssueMatcher`), each with the role `proposition` gave it;
- the general words of entering, staying and leaving ("membership", "join", "withdrawal") whose
  object is the issue's object ("membership of the bloc"), and, for a proposition about staying in
  an agreement, the agreement itself ("the accord", "the 2015 deal").

Every target is checked against the proposition's parts: an explicit subject that is another
actor ("Moldova's application"), or an explicit object that is another body ("membership in
NATO" for an EU issue), rules it out. A target that names neither subject nor object belongs to the
issues whose subject (or object) is named in its sentence or the few before it; two issues that
share an object ("A joins X", "B joins X") each get the targets whose sentence names their subject,
both when it names both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from stanceline.model import Issue, Mention
from stanceline.nlp.actors.keys import normalise_name
from stanceline.nlp.issues import DocForms, IssueMatcher, TermHit
from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance.proposition import (
    Proposition,
    TermReading,
    change_of_word,
    fold_name,
    names_act,
    read_proposition,
    same_act_kind,
)

# How many sentences back a named subject or object keeps a bare target on an issue.
CONTEXT_WINDOW = 3
# ... and how many after it (a lead sentence often names the parties only in the next one).
CONTEXT_AHEAD = 2

_OBJ_PREPS = {"to", "in", "into", "of", "with", "from", "for", "on", "within", "inside"}
_SUBJ_PREPS = {"of", "for", "with", "by"}
_GIVE_VERBS = {"grant", "give", "offer", "award", "extend", "deny", "refuse"}


@dataclass(frozen=True, slots=True)
class Target:
    issue: Issue
    anchor: int  # token index where the stance walk starts
    start: int  # token span of the mention
    end: int
    sign: int  # +1 / -1 relative to the proposition
    role: str  # predicate | object | part | obstacle | revote | anaphor
    sent: int  # sentence index
    term: str
    explicit_subject: bool = False  # the issue's subject is named on the target itself
    echo: bool = False  # a term's head said again ("the bill"), itself pointing back


@dataclass(slots=True)
class _Sentence:
    subjects: set[str]  # issue names whose subject is named in the sentence
    objects: set[str]  # issue names whose object is named in the sentence
    named: set[str]  # issue names whose object is named by a name, not a common noun


_matchers: dict[Issue, IssueMatcher] = {}


def _matcher(issue: Issue) -> IssueMatcher:
    m = _matchers.get(issue)
    if m is None:
        m = _matchers[issue] = IssueMatcher(issue)
    return m


def token_names(tok: Any, by_token: Mapping[int, Mention]) -> set[str]:
    """Forms a token may stand for: its mention's key and text, its own text."""
    out = {tok.lower_}
    m = by_token.get(tok.i)
    if m is not None:
        out.add(m.actor_key)
        out.add(m.text)
    return out


def _names(prop: Proposition, tok: Any, by_token: Mapping[int, Mention], *, what: str) -> bool:
    test = prop.names_subject if what == "subject" else prop.names_object
    return any(test(n) for n in token_names(tok, by_token))


def _phrase_tokens(tok: Any) -> list[Any]:
    """The token and the compound/flat parts of its name ("European" "Union")."""
    return [tok, *[c for c in tok.children if c.dep_ in {"compound", "flat"}]]


def _names_phrase(prop: Proposition, tok: Any, by_token: Mapping[int, Mention], *, what: str) -> bool:
    if _names(prop, tok, by_token, what=what):
        return True
    parts = _phrase_tokens(tok)
    text = " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
    test = prop.names_subject if what == "subject" else prop.names_object
    return test(text)


def _is_actor(tok: Any, by_token: Mapping[int, Mention]) -> bool:
    m = by_token.get(tok.i)
    return (m is not None and m.type in {"GPE", "ORG", "NORP"}) or tok.ent_type_ in {"GPE", "NORP"}


def _object_tokens(t: Any) -> list[Any]:
    """Explicit objects of a change word: "join [the EU]", "membership [in NATO]", "[EU] membership"."""
    out: list[Any] = []
    admit = t.pos_ == "VERB" and t.lemma_.lower() in lex.ADMIT_VERBS
    for c in t.children:
        if c.dep_ in {"dobj", "attr"} and t.pos_ in {"VERB", "AUX"} and not admit:
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in _OBJ_PREPS:
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif (c.dep_ in {"compound", "amod", "nmod"} and t.pos_ in {"NOUN", "PROPN"}) or (
            c.dep_ == "poss" and t.lemma_.lower() in {"enlargement", "expansion"}
        ):
            out.append(c)
    if t.dep_ == "dobj" and t.pos_ in {"NOUN", "PROPN"} and not out:
        # "backs Iceland's entry into the EU": the parser may hang the noun's phrase on the verb
        nxt = t.doc[t.right_edge.i + 1] if t.right_edge.i + 1 < len(t.doc) else None
        if nxt is not None and nxt.head.i == t.head.i and nxt.dep_ == "prep" and nxt.lower_ in lex.INTO_PREPS | {"in"}:
            out.extend(g for g in nxt.children if g.dep_ == "pobj")
    # "stay a member of the union", "become part of the bloc"
    for c in list(out):
        if c.lemma_.lower() in {"member", "part", "party", "signatory"}:
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in {"of", "in", "to"}:
                    out.extend(g for g in p.children if g.dep_ == "pobj")
    return out


def _subject_tokens(t: Any) -> list[Any]:
    """Explicit subjects of a change word or a step of it ("[Ukraine]'s accession", "accession talks
    with [Ukraine]", "[Britain] to leave", "allow [Ukraine] to join", "admit [Norway]")."""
    out: list[Any] = []
    if t.pos_ == "VERB" and t.lemma_.lower() in lex.ADMIT_VERBS:
        return [c for c in t.children if c.dep_ == "dobj"] + [
            g for c in t.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "conj"
        ]
    node = t
    for _ in range(3):
        for c in node.children:
            if (
                c.dep_ in {"nsubj", "nsubjpass"}
                or (c.dep_ == "poss" and node.lemma_.lower() not in {"enlargement", "expansion"})
                or (c.dep_ in {"compound", "amod"} and node.pos_ in {"NOUN", "PROPN"})
            ):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ in _SUBJ_PREPS and node.pos_ in {"NOUN", "PROPN"}:
                out.extend(g for g in c.children if g.dep_ == "pobj")
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in {"xcomp", "advcl"} and not out:
            # control: "let Serbia accede" (the object), "Serbia sought to accede" (the subject)
            objs = [c for c in node.head.children if c.dep_ in {"dobj", "dative"}]
            out.extend(objs or [c for c in node.head.children if c.dep_ in {"nsubj", "nsubjpass"}])
        if node.dep_ in {"attr", "oprd"} and not out:
            # "Japan is not a member of the alliance"
            out.extend(c for c in node.head.children if c.dep_ in {"nsubj", "nsubjpass"})
        if node.dep_ in {"acl", "xcomp"} and node.head.pos_ in {"NOUN", "PROPN"} and not out:
            # "Ukraine's bid to join": the noun's owner
            out.extend(c for c in node.head.children if c.dep_ == "poss")
        head = node.head
        if node.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != head.i:
            head = head.head  # "promise [of] candidacy", "applied [for] membership"
            if head.pos_ in {"VERB", "AUX"}:
                out.extend(c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"})
                break
        if head.i == node.i or not (
            # a noun of process or support ("talks on", "support for"), not the verb of the same
            # form: the subject of "will support its membership" is the supporter, not the member
            (head.lemma_.lower() in lex.PROCESS_NOUNS | lex.FOR_NOUNS and head.pos_ not in {"VERB", "AUX"})
            or node.dep_ in {"compound"}
        ):
            break
        node = head
    if node.dep_ == "dobj" and node.head.lemma_.lower() in _GIVE_VERBS:
        # "grant candidate status to Georgia", "give Ukraine candidate status"
        for c in node.head.children:
            if c.dep_ == "dative" and c.pos_ in {"PROPN", "NOUN", "PRON"}:
                out.append(c)
            elif c.dep_ in {"dative", "prep"} and c.lower_ == "to":
                out.extend(g for g in c.children if g.dep_ == "pobj")
    # conjoined owners: "Finland's and Sweden's bids", "Ukraine and Moldova"
    more = [c for x in out for c in x.children if c.dep_ == "conj"]
    h = t.head
    if t.dep_ == "conj" and h.i != t.i and h.pos_ in {"PROPN", "ADJ"} and (
        any(c.dep_ == "case" for c in h.children) or h.ent_type_ in {"NORP", "GPE"}
    ):
        # "Finland's and Sweden's bids", "the Finnish and the Swedish applications" parsed with the
        # first owner as the head of the phrase and the noun as its conjunct: both own it
        more.append(h)
    return out + more


@lru_cache(maxsize=256)
def _names_re(keys: frozenset[str]) -> re.Pattern[str] | None:
    alts = sorted((re.escape(k) for k in keys if len(k) > 2), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)") if alts else None


def _has_name(keys: frozenset[str], folded: str) -> bool:
    """One of the folded names `keys` occurs as whole words in the folded sentence text."""
    pat = _names_re(keys)
    return pat is not None and pat.search(folded) is not None


def _anchoring(prop: Proposition, term: str) -> bool:
    """A term that on its own says which issue a sentence is on: a name of the proposition
    ("Brexit") or a phrase naming its object or subject ("leave the EU"), not a common word."""
    words = term.split()
    if len(words) == 1:
        w = words[0]
        return (
            (w[:1].isupper() or w.isupper())
            and change_of_word(w.lower()) is not None
            and w.lower()
            not in lex.ENTER_VERBS | lex.STAY_VERBS | lex.EXIT_VERBS | lex.ENTER_NOUNS | lex.STAY_NOUNS | lex.EXIT_NOUNS
        )
    folded = normalise_name(term).replace("-", " ")
    return _has_name(frozenset(prop.object_keys | prop.subject_keys), folded)


def _sentence_index(
    sents: Sequence[Any],
    props: Sequence[Proposition],
    by_token: Mapping[int, Mention],
    hits: Mapping[str, Mapping[int, list[TermHit]]],
    text: str,
) -> list[_Sentence]:
    out = []
    for si, s in enumerate(sents):
        subj: set[str] = set()
        obj: set[str] = set()
        named: set[str] = set()
        folded = normalise_name(text[s.start_char : s.end_char]).replace("-", " ")
        toks = [t for t in s if t.pos_ in {"PROPN", "NOUN", "ADJ"} or t.i in by_token]
        # each token's folded names, once for all issues
        tok_names = [(t, {fold_name(n) for n in token_names(t, by_token)}) for t in toks]
        for p in props:
            name = p.issue.name
            if (
                _has_name(p.object_keys, folded)
                or any(ns & p.object_keys for _, ns in tok_names)
                or (
                    p.object_is_deal
                    and any(
                        _deal_mention(p, t)
                        and any(x.lemma_.lower() in p.object_words and x.i != t.i for x in t.subtree)
                        for t in toks
                    )
                )
                or any(_anchoring(p, h.term) for h in hits.get(name, {}).get(si, []))
                or any(t.pos_ in {"NOUN", "PROPN"} and t.lower_ in p.matter for t in toks)
            ):
                named.add(name)
            if name in named or (p.object_is_deal and any(_deal_mention(p, t) for t in toks)):
                obj.add(name)
            if (
                _has_name(p.subject_keys, folded)
                or any(ns & p.subject_keys or any(p.names_subject(n) for n in ns) for _, ns in tok_names)
                or any(_anchoring(p, h.term) and " " not in h.term for h in hits.get(name, {}).get(si, []))
            ):
                subj.add(name)  # a one-word name of the whole proposition ("Brexit") names its subject too
        out.append(_Sentence(subj, obj, named))
    return out


@dataclass(slots=True)
class _Context:
    flags: list[_Sentence]
    rivals: dict[str, set[str]]  # issue name -> issues on the same object with another subject
    term_tokens: dict[str, set[int]] = field(default_factory=dict)  # tokens of change/object terms
    props: dict[str, Proposition] = field(default_factory=dict)

    def rival_named(self, issue: str, toks: Sequence[Any], by_token: Mapping[int, Mention]) -> bool:
        """One of `toks` names the subject of a rival issue and not this one's ("Graz's ban" is not
        Vienna's), whatever the entity tagger made of the name."""
        own = self.props.get(issue)
        for r in self.rivals.get(issue, set()):
            q = self.props.get(r)
            if q is not None and own is not None and any(
                _names_phrase(q, t, by_token, what="subject") and not _names_phrase(own, t, by_token, what="subject")
                for t in toks
            ):
                return True
        return False

    def near(self, si: int, issue: str, what: str) -> bool:
        lo, hi = max(0, si - CONTEXT_WINDOW), min(len(self.flags), si + CONTEXT_AHEAD + 1)
        for j in range(lo, hi):
            if issue in (self.flags[j].subjects if what == "subject" else self.flags[j].objects):
                return True
        return False

    def named_before(self, si: int, issue: str) -> bool:
        """The object was named by one of its own names in this sentence or any before it."""
        return any(issue in f.named for f in self.flags[: si + 1])

    def _nearest_subject(self, si: int, issue: str) -> str | None:
        """Whose subject the nearest sentence (this one first, looking back up to CONTEXT_WINDOW)
        naming the subject of this issue or of a rival on the same object names: "own" when it
        names this issue's subject, "rival" when only rivals', None when no sentence does."""
        rivals = self.rivals.get(issue, set())
        for j in range(si, max(-1, si - CONTEXT_WINDOW - 1), -1):
            here = self.flags[j].subjects
            if issue in here:
                return "own"
            if here & rivals:
                return "rival"
        return None

    def subject_just_before(self, si: int, issue: str) -> bool:
        """The nearest sentence naming the subject of this issue or of a rival on the same object
        names this issue's subject."""
        return self._nearest_subject(si, issue) == "own"

    def claimed_by_rival(self, si: int, issue: str) -> bool:
        """The nearest sentence naming the subject of this issue or of a rival on the same object
        names only rivals: a bare target there is theirs."""
        return self._nearest_subject(si, issue) == "rival"


def _deal_mention(prop: Proposition, t: Any) -> bool:
    """An agreement noun that is the proposition's object: "the deal", "the 2015 accord", "the
    Iran nuclear agreement", not "a trade deal" or "the withdrawal agreement"."""
    lemma = t.lemma_.lower()
    if t.pos_ not in {"NOUN", "PROPN"}:
        return False
    own_head = prop.act is not None and lemma == prop.object_head  # "the line" for a tram line to build
    if lemma not in lex.DEAL_NOUNS and not own_head and not (t.text.isupper() and lemma in prop.object_words):
        return False
    if (
        lemma in lex.DEAL_NOUNS
        and not own_head
        and prop.object_head not in lex.DEAL_NOUNS
        and lemma not in prop.object_words
    ):
        # an act done to a thing that is no agreement ("raises its fishing fee"): "the agreement"
        # is some other deal, unless the object's own names call it one ("the CTBT" a treaty)
        return False
    for c in t.children:
        if c.dep_ in {"compound", "amod", "nmod"}:
            w = c.lemma_.lower()
            if (
                w in prop.object_words
                or w in lex.NEUTRAL_DEAL_MODIFIERS
                or c.lower_ in lex.NEUTRAL_DEAL_MODIFIERS  # "revised" lemmatised as a verb
                or c.like_num
                or c.ent_type_ in {"DATE", "CARDINAL"}
                or _PARTIES.match(w)
                or (w in _PARTY_NOUNS and any(g.like_num for g in c.children))
            ):
                continue
            return False
        if c.dep_ == "poss" and c.lower_ not in {"its", "their"} and c.lower_ not in prop.object_words:
            return False  # "May's deal": someone's own agreement, not the proposition's object
    if _about_other(prop, t):
        return False
    return bool(t.dep_ != "compound")


# How many an agreement binds, not what it is about: "three-way", "four-country", "two-state".
_PARTY_NOUNS = frozenset({"way", "country", "nation", "party", "state", "sided", "member"})
_PARTIES = re.compile(
    r"^(?:\d+|two|three|four|five|six|seven|eight|nine|ten)-(?:way|country|nation|party|state|sided)$"
)


@lru_cache(maxsize=64)
def _term_words_of(prop: Proposition) -> frozenset[str]:
    """The content words of the issue's own terms: "the agreement on the shares" is on the issue
    when "mackerel shares" is one of its terms."""
    return frozenset(
        w for r in prop.terms for w in re.findall(r"[a-z]+", r.term.lower()) if len(w) > 3 and w not in lex.DEAL_NOUNS
    )


def _about_other(prop: Proposition, t: Any) -> bool:
    """An agreement said to be about something the proposition's object does not name ("the
    agreement on oil transit" for an Iran deal); the parties to it ("a pact with X") may be anyone."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in {"on", "over", "about", "for"}
        and any(g.dep_ == "pobj" for g in c.children)
        # "a deal for four": how many it binds, not what it is about
        and not all(g.like_num for g in c.children if g.dep_ == "pobj")
        and not any(
            not x.is_stop
            and (
                x.lemma_.lower() in prop.object_words
                or x.lower_ in prop.object_words
                or x.lower_ in _term_words_of(prop)
            )
            for x in c.subtree
        )
        for c in t.children
    )


def _change_of(t: Any) -> str | None:
    """The change a token names: verbs of entering/staying/leaving (with their particles), nouns of
    them; a noun "member" only as what someone becomes or remains."""
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB":
        for c in t.children:
            if c.dep_ in {"prt", "prep", "advmod"}:
                if (lemma, c.lower_) in lex.EXIT_PHRASAL:
                    return "exit"
                if (lemma, c.lower_) in lex.ENTER_PHRASAL:
                    return "enter"
        if lemma in lex.CAUSE_ENTER_VERBS and any(c.dep_ == "prep" and c.lower_ in lex.INTO_PREPS for c in t.children):
            return "enter"
        if lemma in lex.ADMIT_VERBS and any(c.dep_ == "dobj" for c in t.children):
            return "enter"  # "admit Norway": checked below that the object is the issue's subject
        if lemma in lex.ENTER_VERBS:
            return "enter"
        if lemma in lex.STAY_VERBS:
            return "stay"
        if lemma in lex.EXIT_VERBS:
            return "exit"
        return None
    if t.pos_ not in {"NOUN", "PROPN"}:
        return None
    if lemma == "member" and not (
        t.dep_ in {"attr", "oprd"} and t.head.lemma_.lower() in {"become", "remain", "stay", "be"}
    ):
        return None
    change = change_of_word(lemma)
    if (
        change is not None
        and (lemma in lex.ENTER_VERBS | lex.STAY_VERBS | lex.EXIT_VERBS)
        and lemma not in lex.ENTER_NOUNS | lex.STAY_NOUNS | lex.EXIT_NOUNS
        and not lemma.endswith(lex.EXIT_SUFFIX)
    ):
        return None  # a verb mistagged as a noun ("Join the discussion")
    return change


def _parts(
    prop: Proposition, toks: Sequence[Any], inside: range, by_token: Mapping[int, Mention]
) -> tuple[bool, bool, bool, bool]:
    """(subject named, other subject named, object named, other object named) on the target."""
    subs = [s for t in toks for s in _subject_tokens(t) if s.i not in inside]
    objs = [o for t in toks for o in _object_tokens(t) if o.i not in inside]
    subj = any(_names_phrase(prop, s, by_token, what="subject") for s in subs) or any(
        _names(prop, t, by_token, what="subject") for t in toks
    )
    other_subj = any(
        _is_actor(s, by_token)
        and not _names_phrase(prop, s, by_token, what="subject")
        and not _names_phrase(prop, s, by_token, what="object")
        for s in subs
    )
    obj = any(
        _names_phrase(prop, o, by_token, what="object")
        or (prop.object_is_deal and _deal_mention(prop, o))
        or (o.lemma_.lower() in lex.ORG_DESCRIPTORS and not prop.object_is_deal)
        for o in objs
    ) or any(_names(prop, t, by_token, what="object") for t in toks)
    sub_ids = {x.i for x in subs}
    other_obj = any(
        o.pos_ == "PROPN"
        and _is_actor(o, by_token)
        and not _names_phrase(prop, o, by_token, what="object")
        and not _names_phrase(prop, o, by_token, what="subject")
        and o.i not in sub_ids
        and not _in_own_name(prop, o)
        for o in objs
    )
    return subj, other_subj and not subj, obj, other_obj and not obj


def _in_own_name(prop: Proposition, tok: Any) -> bool:
    """The name is a word of the issue's own name ("Myanmar" in "Japan lifts its sanctions on
    Myanmar"): the place or party an act is done at or to, not another object."""
    return fold_name(tok.text) in set(fold_name(prop.issue.name).split())


def _on_issue(prop: Proposition, ctx: _Context, si: int, subj: bool, obj: bool, *, strict: bool = False) -> bool:
    """Whether a target with these named parts belongs to the issue, given its context. A user's
    term needs its subject or its object nearby; a general word (`strict`) needs both."""
    name = prop.issue.name
    if not subj and ctx.claimed_by_rival(si, name):
        return False
    near_obj = obj or ctx.near(si, name, "object")
    near_subj = subj or ctx.near(si, name, "subject")
    if prop.object_is_deal:
        return near_obj
    if strict:
        return near_obj and near_subj
    return near_obj or near_subj


def find_targets(
    doc: Any, issues: Sequence[Issue], mentions: Sequence[Mention], forms: DocForms | None = None
) -> list[Target]:
    """All targets of `issues` in `doc`, in token order (see the module doc)."""
    df = forms or DocForms(doc)
    sents = df.sents
    by_token: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for t in span:
                by_token.setdefault(t.i, m)
    props = [read_proposition(i) for i in issues]
    rivals = {
        p.issue.name: {
            q.issue.name
            for q in props
            if q is not p and q.object_keys & p.object_keys and q.subject_keys != p.subject_keys
        }
        for p in props
    }
    hits = {p.issue.name: _case_checked(_matcher(p.issue).find(doc, df), doc, sents) for p in props}
    lemmas = [f"{t.lemma_}".lower() for t in doc]
    cands = {i for i, lm in enumerate(lemmas) if lm in _CANDIDATE_LEMMAS or lm.endswith(lex.EXIT_SUFFIX)}
    ctx = _Context(_sentence_index(sents, props, by_token, hits, doc.text), rivals)
    ctx.props = {p.issue.name: p for p in props}
    for p in props:
        roles = {r.term: r.role for r in p.terms}
        ctx.term_tokens[p.issue.name] = {
            i
            for hs in hits[p.issue.name].values()
            for h in hs
            if roles.get(h.term) in {"predicate", "object"}
            for i in range(h.start_token, h.end_token)
        }
    found: dict[tuple[str, int], Target] = {}
    for prop in props:
        readings: dict[str, TermReading] = {r.term: r for r in prop.terms}
        for si, hs in hits[prop.issue.name].items():
            for h in hs:
                tg = _term_target(prop, readings.get(h.term), h, doc, si, by_token, ctx)
                if tg is not None:
                    found.setdefault((prop.issue.name, tg.anchor), tg)
        heads = _term_heads(prop)  # (once: hashing a proposition for the cache is not free)
        for si, s in enumerate(sents):
            for i in range(s.start, s.end):
                if (prop.issue.name, i) in found or not (
                    i in cands
                    or (prop.object_is_deal and doc[i].text.isupper() and lemmas[i] in prop.object_words)
                    or (prop.act is not None and lemmas[i] == prop.object_head)
                    or lemmas[i] in heads
                ):
                    continue
                tg = _word_target(prop, doc[i], si, by_token, ctx)
                if tg is not None:
                    found[(prop.issue.name, tg.anchor)] = tg
    return _outermost_dropped(sorted(found.values(), key=lambda x: (x.anchor, x.issue.name)), doc)


def _case_checked(hits: dict[int, list[TermHit]], doc: Any, sents: Sequence[Any]) -> dict[int, list[TermHit]]:
    """A one-word term written capitalised that is also a common word ("Remain", "Leave") names a
    campaign or a side: it matches only where the text capitalises it too."""
    out: dict[int, list[TermHit]] = {}
    for si, hs in hits.items():
        keep = []
        for h in hs:
            w = h.term
            if (
                " " not in w
                and w[:1].isupper()
                and not w.isupper()
                and change_of_word(w.lower()) is not None
                and w.lower() in lex.ENTER_VERBS | lex.STAY_VERBS | lex.EXIT_VERBS
            ):
                tok = doc[h.start_token]
                if not (tok.text[:1].isupper() and tok.i != sents[si].start) and not tok.text.isupper():
                    continue
            keep.append(h)
        if keep:
            out[si] = keep
    return out


def name_in(ctx: _Context, si: int, prop: Proposition) -> bool:
    return prop.issue.name in ctx.flags[si].objects


def _term_target(
    prop: Proposition,
    reading: TermReading | None,
    h: TermHit,
    doc: Any,
    si: int,
    by_token: Mapping[int, Mention],
    ctx: _Context,
) -> Target | None:
    if reading is None or reading.role == "topic":
        return None
    span = doc[h.start_token : h.end_token]
    root = span.root
    if reading.role == "object":
        if not prop.object_is_deal or ctx.claimed_by_rival(si, prop.issue.name):
            return None
        if root.lemma_.lower() in lex.DEAL_NOUNS and _about_other(prop, root):
            return None
        return Target(prop.issue, root.i, h.start_token, h.end_token, prop.base_sign(), "object", si, h.term, True)
    # "pull out" or "rejoin" needs the agreement as its object, or none in a sentence about it
    if (
        prop.object_is_deal
        and not any(
            _deal_mention(prop, o) or _names(prop, o, by_token, what="object")
            for t in span
            for o in [t, *_object_tokens(t)]
        )
        and not (
            all(_bare(t) for t in span if t.pos_ == "VERB")
            and (name_in(ctx, si, prop) or (prop.act is not None and ctx.near(si, prop.issue.name, "object")))
        )
        and not _names_the_act(prop, span)
    ):
        # (the act named by the user's own term, "the takeover", needs no object beside it)
        return None
    subj, other_subj, obj, other_obj = _parts(prop, list(span), range(h.start_token, h.end_token), by_token)
    if (other_subj and not prop.object_is_deal) or other_obj:
        return None
    inside = range(h.start_token, h.end_token)
    if not subj and ctx.rival_named(
        prop.issue.name, [x for t in span for x in _subject_tokens(t) if x.i not in inside], by_token
    ):
        return None
    if reading.role == "obstacle" and any(
        o.pos_ in {"NOUN", "PROPN"}
        and o.lemma_.lower() not in lex.PROCESS_NOUNS
        and not _names(prop, o, by_token, what="object")
        and change_of_word(o.lemma_) is None
        for t in span
        for o in _object_tokens(t)
        if o.dep_ in {"dobj", "pobj"}
    ):
        return None  # "vetoed an aid package": a veto of something else
    if any(_modifies_other_head(t) for t in span if t.i == root.i):
        return None
    if not _on_issue(prop, ctx, si, subj, obj or _names_the_act(prop, span)):
        return None
    return Target(prop.issue, root.i, h.start_token, h.end_token, reading.sign or 1, reading.role, si, h.term, subj)


def _modifies_other_head(t: Any) -> bool:
    """A change word used as a modifier of a noun that is not a step of the process: "withdrawal
    agreement", "Brexit spokesman", "member states" (but "accession talks", "Brexit campaigners")."""
    if t.dep_ not in {"compound", "amod", "nmod"} or t.head.i == t.i:
        return False
    head = t.head.lemma_.lower()
    # Only a change word right before the agreement makes it the instrument: with another word
    # between them the agreement is named for that word ("membership action plan" is an action
    # plan, a step on the way, not the act of joining).
    between = t.doc[t.i + 1 : t.head.i] if t.i < t.head.i else []
    adjacent = all(change_of_word(b.lemma_.lower()) is not None for b in between)
    if head in lex.DEAL_NOUNS and change_of_word(t.lemma_.lower()) == "enter" and adjacent:
        return False  # "accession treaty", "membership protocol": the instrument of joining
    if head in lex.DEAL_NOUNS or (t.head.pos_ == "PROPN" and t.head.is_title):
        return True  # "withdrawal agreement", "Centre for Brexit Policy"
    return (
        head not in lex.PROCESS_NOUNS
        and head not in lex.FOR_NOUNS
        and head not in lex.AGAINST_NOUNS
        and head not in {"campaigner", "campaigners", "supporter", "supporters", "camp"}
    )


def _change_of_into(t: Any) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in lex.INTO_PREPS for c in t.children)


def _bare(t: Any) -> bool:
    """A verb used without an object ("allowing them to join")."""
    return not any(
        c.dep_ in {"dobj", "attr"}
        or (
            c.dep_ == "prep"
            and any(g.dep_ == "pobj" and not (g.ent_type_ in {"DATE", "TIME"} or g.like_num) for g in c.children)
        )
        for c in t.children
    )


# Nouns of where one belongs: "X's place / future / home is in Y".
_PLACE_NOUNS = frozenset({"place", "future", "home"})


_CANDIDATE_LEMMAS = frozenset(
    _PLACE_NOUNS
    | lex.ENTER_VERBS
    | lex.STAY_VERBS
    | lex.EXIT_VERBS
    | lex.ENTER_NOUNS
    | lex.STAY_NOUNS
    | lex.EXIT_NOUNS
    | lex.DEAL_NOUNS
    | lex.REVOTE_NOUNS
    | lex.REDO_NOUNS
    | lex.BID_NOUNS
    | lex.ADMIT_VERBS
    | lex.CAUSE_ENTER_VERBS
    | {a for a, _ in lex.ENTER_PHRASAL | lex.EXIT_PHRASAL}
    | {"ready", "prepared", "ripe"}
)


def _names_the_act(prop: Proposition, span: Any) -> bool:
    """A noun of the proposition's own act ("the takeover", "the ratification") in a user's term,
    or the measure that brings it about named with its field ("the pension reform")."""
    if prop.act is None:
        return False
    if len(span) > 1 and span.root.pos_ == "NOUN" and span.root.lemma_.lower() in lex.MEASURE_NOUNS:
        return True
    return any(
        t.pos_ == "NOUN" and (names_act(t.lemma_.lower(), prop.act) or same_act_kind(t.lemma_.lower(), prop.act))
        for t in span
    )


def _own_head_placed(prop: Proposition, t: Any, si: int, ctx: _Context) -> bool:
    """"The runway" for a third airport runway to build, near a sentence that names the issue's
    subject or in one with another word of its object ("the airport"): the thing to be built,
    though its full name was not given."""
    if prop.act is None or t.lemma_.lower() != prop.object_head or not any(c.lower_ == "the" for c in t.children):
        return False
    others = prop.object_words - {prop.object_head, t.lower_}
    sent = t.sent
    return ctx.near(si, prop.issue.name, "subject") or any(
        x.i != t.i and x.pos_ == "NOUN" and x.lemma_.lower() in others for x in sent
    )


def _free_of(t: Any) -> bool:
    """The token is the first part of "X-free" ("car-free", "smoke-free")."""
    doc = t.doc
    return bool(t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ == "free")


@lru_cache(maxsize=64)
def _term_heads(prop: Proposition) -> dict[str, TermReading]:
    """The head nouns of the issue's terms of several words that name the change or its object
    ("bill" of "fee bill", "increase" of "fee increase"): "the bill" said again after the issue
    was named is that term. A head two terms of different readings share says nothing."""
    out: dict[str, TermReading] = {}
    clash: set[str] = set()
    for r in prop.terms:
        words = r.term.lower().split()
        if r.role not in {"object", "predicate", "part"} or len(words) < 2 or "-" in words[-1]:
            continue
        head = words[-1]
        if head in lex.DEAL_NOUNS or head == prop.object_head or head in prop.object_words:
            continue  # read as the object itself (`_deal_mention`)
        first = words[0]
        if change_of_word(first) or first in lex.FOR_VERBS | lex.AGAINST_VERBS:
            continue  # a verb phrase ("join the alliance"): its last word is no head
        if head in out and (out[head].role, out[head].sign) != (r.role, r.sign):
            clash.add(head)
        out.setdefault(head, r)
    return {h: r for h, r in out.items() if h not in clash}


def _term_head_mention(prop: Proposition, t: Any) -> TermReading | None:
    """"the bill", "this increase": a term's head on its own, with nothing that makes it another
    one ("the bill on school meals", "a pay increase")."""
    reading = _term_heads(prop).get(t.lemma_.lower())
    if reading is None or t.pos_ != "NOUN" or t.tag_ != "NN" or t.dep_ in {"compound", "poss"}:
        return None
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in t.children):
        return None
    if any(c.dep_ in {"compound", "amod", "nmod", "poss", "prep", "acl", "relcl", "nummod"} for c in t.children):
        return None
    return reading


def _word_target(prop: Proposition, t: Any, si: int, by_token: Mapping[int, Mention], ctx: _Context) -> Target | None:
    name = prop.issue.name
    head_of = _term_head_mention(prop, t)
    if head_of is not None:
        if not ctx.named_before(si, name) or ctx.claimed_by_rival(si, name):
            return None
        sign = prop.base_sign() if head_of.role == "object" else head_of.sign
        return Target(prop.issue, t.i, t.i, t.i + 1, sign, head_of.role, si, f"{t.text} ({head_of.term})", echo=True)
    if prop.object_is_deal and _deal_mention(prop, t):
        if t.tag_ in {"NNS", "NNPS"} or not (ctx.named_before(si, name) or _own_head_placed(prop, t, si, ctx)):
            return None
        if ctx.claimed_by_rival(si, name):
            return None
        if _free_of(t):
            return None  # "a car-free zone" is without the object: its own term reads it
        return Target(prop.issue, t.i, t.i, t.i + 1, prop.base_sign(), "object", si, t.text)
    lemma = t.lemma_.lower()
    if (
        lemma in lex.REVOTE_NOUNS
        and t.pos_ == "NOUN"
        and any(c.lemma_.lower() in lex.REVOTE_MODIFIERS for c in t.children if c.dep_ in {"amod", "compound"})
    ) or lemma in lex.REDO_NOUNS:
        # a new public vote on this proposition: its phrase holds one of the issue's terms, or a
        # change word with the issue's object ("a ballot on quitting the union")
        inner = [x for x in t.subtree if x.i != t.i and x.dep_ != "relcl"]
        on_it = any(x.i in ctx.term_tokens.get(name, set()) for x in inner) or any(
            _change_of(x) is not None and _parts(prop, [x], range(x.i, x.i + 1), by_token)[2] for x in inner
        )
        if not prop.object_is_deal and on_it and _on_issue(prop, ctx, si, False, True, strict=True):
            return Target(prop.issue, t.i, t.i, t.i + 1, 1, "revote", si, t.text)
        return None
    if lemma in lex.BID_NOUNS and t.pos_ == "NOUN":
        # "Iceland's bid", "the application of Norway": a bid by the issue's subject
        subj, other_subj, obj, other_obj = _parts(prop, [t], range(t.i, t.i + 1), by_token)
        if subj and not other_obj and not prop.object_is_deal and ctx.near(si, name, "object"):
            return Target(prop.issue, t.i, t.i, t.i + 1, 1, "part", si, t.text, True)
        if (
            not subj
            and not other_subj
            and not other_obj
            and not prop.object_is_deal
            and (
                any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in t.children)
                # "would vote against membership": the bare word, no article at all
                or (lemma == "membership" and not any(c.dep_ == "det" for c in t.children))
            )
            and not any(c.dep_ in {"poss", "prep", "compound", "amod", "acl", "relcl"} for c in t.children)
            # "the application for a licence" with the phrase hung on the verb: some other request
            and not (
                t.i + 1 < len(t.doc) and t.doc[t.i + 1].dep_ == "prep" and t.doc[t.i + 1].lower_ in {"for", "of", "to"}
            )
            and ctx.subject_just_before(si, name)
            and ctx.near(si, name, "object")
        ):
            # "the application", "this bid" with no owner of its own: the bid of the applicant
            # named last
            return Target(prop.issue, t.i, t.i, t.i + 1, 1, "part", si, t.text, False)
        return None
    if lemma in _PLACE_NOUNS and t.pos_ == "NOUN" and t.dep_ == "nsubj" and t.head.lemma_.lower() == "be":
        # "Iceland's place is in the union", "our future is in the EU": belonging there, said of the
        # owner (one of "our"/"its" when the subject is named near)
        cop = t.head
        inside = [
            g for c in cop.children if c.dep_ == "prep" and c.lower_ in {"in", "inside", "within"}
            for g in c.children if g.dep_ == "pobj"
        ]
        owner = next((c for c in t.children if c.dep_ == "poss"), None)
        if (
            not prop.object_is_deal
            and owner is not None
            and any(_names_phrase(prop, g, by_token, what="object") for g in inside)
            and (
                _names_phrase(prop, owner, by_token, what="subject")
                or (owner.lower_ in {"our", "its", "their", "my"} and ctx.near(si, name, "subject"))
            )
        ):
            sign = prop.sign_of_change("enter")
            return Target(prop.issue, cop.i, t.i, cop.i + 1, sign, "belonging", si, t.text, True)
        return None
    if t.pos_ == "ADJ" and lemma in {"ready", "prepared", "ripe"} and not prop.object_is_deal:
        # "Iceland was not ready": the subject's readiness for the proposition
        cop = t.head
        subs = [c for c in cop.children if c.dep_ == "nsubj"]
        if (
            subs
            and any(_names_phrase(prop, x, by_token, what="subject") for x in subs)
            and not any(c.dep_ in {"xcomp", "prep"} for c in t.children)
            and ctx.near(si, name, "object")
        ):
            return Target(prop.issue, t.i, t.i, t.i + 1, 1, "readiness", si, t.text, True)
        return None
    if t.pos_ not in {"VERB", "NOUN", "PROPN"}:
        return None
    change = _change_of(t)
    if change is None or _modifies_other_head(t):
        return None
    subj, other_subj, obj, other_obj = _parts(prop, [t], range(t.i, t.i + 1), by_token)
    if other_obj or (other_subj and not prop.object_is_deal):
        return None
    if t.pos_ == "VERB" and lemma in lex.ADMIT_VERBS and not _change_of_into(t):
        if not subj or prop.object_is_deal:
            return None  # "admit [Norway]": only with the issue's subject as what is admitted
        obj = True
    if not obj:
        if prop.object_is_deal:
            # "Trump withdrew in 2018" in a sentence about the deal
            if not (t.pos_ == "VERB" and change == "exit" and _bare(t) and ctx.flags[si].objects & {name}):
                return None
        elif t.pos_ == "VERB":
            if not (_bare(t) and lemma in lex.ENTER_VERBS | lex.EXIT_VERBS):
                return None
        elif lemma in {
            "member",
            "entry",
            "expansion",
            "integration",
            "candidate",
            "departure",
            "leaving",
            "joining",
            "staying",
            "remaining",
        } and not (
            # "Norway's entry" in a passage about the union it applied to: the owner's entry into it
            lemma in {"entry", "joining", "integration"}
            and subj
            and any(c.dep_ == "poss" for c in t.children)
            and not any(c.dep_ == "prep" for c in t.children)  # "entry into the World Cup": named, another
            and ctx.near(si, name, "object")
        ):
            return None  # general nouns need their object named on them
    if not _on_issue(prop, ctx, si, subj, obj, strict=True):
        return None
    return Target(prop.issue, t.i, t.i, t.i + 1, prop.sign_of_change(change), "predicate", si, t.text, subj)  # type: ignore[arg-type]


def _outermost_dropped(targets: list[Target], doc: Any) -> list[Target]:
    """Where one target's anchor governs another's within a phrase ("[accession] talks", "withdraw
    from the [deal]"), keep the lower one: the walk from it passes through the upper one."""
    by_issue: dict[str, list[Target]] = {}
    for tg in targets:
        by_issue.setdefault(tg.issue.name, []).append(tg)
    out: list[Target] = []
    for tgs in by_issue.values():
        anchors = {tg.anchor for tg in tgs}
        for tg in tgs:
            tok = doc[tg.anchor]
            below = {x.i for x in tok.subtree} - {tok.i}
            lower = below & anchors
            if lower and _within_phrase(doc, tok, lower):
                continue
            out.append(tg)
    return sorted(out, key=lambda x: (x.anchor, x.issue.name))


def _within_phrase(doc: Any, top: Any, lower: Iterable[int]) -> bool:
    for i in lower:
        t = doc[i]
        steps = 0
        while t.i != top.i and steps < 4:
            if t.dep_ in {"ccomp", "advcl", "relcl", "conj", "parataxis", "acl"}:
                break
            t = t.head
            steps += 1
        if t.i == top.i:
            return True
    return False
