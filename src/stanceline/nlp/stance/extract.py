"""Positions: who stands where on an issue, in which voice, with the cues that say so.

The rule layer works sentence by sentence over the dependency parse:

1. find the issue's terms (`IssueMatcher`);
2. find the holder: the resolved speaker of a quote around the term; else the subject of the
   highest speech verb above the term (so "Rutte said Ukraine's path to membership is
   irreversible" is Rutte's position); else the subject of the nearest act ("Zelensky offered to
   abandon ..."); a capital acts for its state; a possessor stands in for a non-actor subject
   ("his strategy rejected ...", "Kyiv's willingness to adjust ..."). Verbs that are the
   proposition itself ("Ukraine joins NATO") never give a holder;
3. weigh the lexicon cues in the holder's clause: cues on the path from the term to the holder's
   verb count fully, others less; a negation anywhere on that path flips support and oppose;
   giving something up in exchange for something, or pausing it, is conditional;
4. the voice is `quote` when the term is inside quotation marks of the holder, `reported` for
   other speech, `outlet` when the article characterises the holder's act.

Every position lists its cues; a position without cues is `neutral` and only emitted for speech.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from stanceline.model import Issue, Mention, Position, Quote, Stance, Voice
from stanceline.nlp.issues import IssueMatcher, TermHit
from stanceline.nlp.stance import lexicon as lex

STANCE_VERSION = "stance-rules-2"

_VOICE_BASE: dict[str, float] = {"quote": 0.9, "reported": 0.8, "outlet": 0.7}
_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
_INHERIT_DEPS = {"xcomp", "advcl", "conj", "pcomp", "acl", "ccomp"}
_QUOTE_CHARS = "\"“”„«»"
_GENERIC_TITLES = {"president", "minister", "ambassador", "secretary", "general", "chancellor", "leader",
                   "spokesperson", "spokesman", "spokeswoman", "official", "officials", "envoy"}
_CLAUSE_DEPS = {"advcl", "ccomp", "relcl", "conj", "parataxis", "acl", "csubj"}
_PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}

_matchers: dict[Issue, IssueMatcher] = {}


def _matcher(issue: Issue) -> IssueMatcher:
    m = _matchers.get(issue)
    if m is None:
        m = _matchers[issue] = IssueMatcher(issue)
    return m


# --- actors -----------------------------------------------------------------------------------


def _fallback_key(name: str, type_: str) -> str:
    """A key for a name when the NLP stage gave no mentions: type-free, so that a person spaCy
    tags once as ORG ("Zelenskyy") still joins "Volodymyr Zelensky"."""
    try:  # the NLP stage's actors module owns keys; agree with it when it is there
        from stanceline.nlp.actors.keys import actor_key  # type: ignore[import-not-found,unused-ignore]

        return str(actor_key(lex.METONYMS.get(name.strip().lower(), name.strip()), type_))
    except ImportError:
        pass
    n = re.sub(r"['’]s$", "", name.strip()).lower()
    n = re.sub(r"^the\s+", "", n)
    n = lex.METONYMS.get(n, n).lower()
    n = lex.FALLBACK_ALIASES.get(n, n)
    words = n.split()
    if type_ in {"PERSON", "ORG"} and words and n not in lex.FALLBACK_ALIASES.values() \
            and (type_ == "PERSON" or len(words) == 1):
        n = re.sub(r"(yy|iy|ij)$", "y", words[-1])
    return n


def mentions_from_doc(doc: Any, doc_id: str) -> list[Mention]:
    """Mentions from spaCy's entities, used when the NLP stage passed none."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP"}:
            continue
        text = re.sub(r"['’]s$", "", ent.text)
        start = ent.start_char
        if text.lower().startswith("the "):
            text, start = text[4:], start + 4
        out.append(Mention(doc_id, _fallback_key(text, ent.label_), text, start, start + len(text),
                           ent.label_))
    return out


@dataclass(slots=True)
class _Holder:
    name: str
    key: str
    start: int
    end: int
    via: str  # how it was found: quote | speech | act | according | possessor | agent


def _label_like(m: Mention, text: str) -> bool:
    """A mention that is page furniture, not an actor: a section label ("Diplomacy Watch: ..."),
    a photo credit ("Phil Pasquini/Shutterstock"), a string with digits."""
    if "/" in m.text or any(ch.isdigit() for ch in m.text):
        return True
    line_start = text.rfind("\n", 0, m.start) + 1
    return not text[line_start:m.start].strip() and text[m.end:m.end + 2].lstrip(" ").startswith(":")


class _ActorIndex:
    def __init__(self, doc: Any, mentions: Sequence[Mention], *, strict: bool = False) -> None:
        """`strict`: only actor mentions stand for actors (no bare proper nouns, no labels)."""
        self.doc = doc
        self.strict = strict
        self.by_token: dict[int, Mention] = {}
        if strict:
            doc_text = doc.text
            mentions = [m for m in mentions if not _label_like(m, doc_text)]
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token.setdefault(t.i, m)
        # forms written as names somewhere mid-sentence: a sentence-initial "Zelenskyy" tagged as
        # a common noun is still that name
        self.name_forms = {t.lower_ for t in doc if t.is_title and (t.ent_type_ or t.pos_ == "PROPN")
                           and t.i != t.sent.start}
        forms: dict[str, Counter[str]] = {}
        for m in mentions:
            forms.setdefault(m.actor_key, Counter())[m.text] += 1
        # a person by their fullest name; others by their usual one ("Ukraine", not "Ukrainian")
        self.names: dict[str, str] = {
            k: max(c, key=lambda n: (len(n), c[n])) if next(
                (m.type for m in mentions if m.actor_key == k), "") == "PERSON"
            else max(c, key=lambda n: (c[n], len(n)))
            for k, c in forms.items()
        }

    def name(self, m: Mention) -> str:
        mt = m.text.strip()
        if mt.lower() in lex.METONYMS:
            return lex.METONYMS[mt.lower()]
        return self.names.get(m.actor_key, mt)

    def holder(self, m: Mention, via: str) -> _Holder:
        state = lex.METONYMS.get(m.text.strip().lower())
        if state is not None:
            # "Kyiv wants ..." is Ukraine acting: join the state's key, not the city's
            return _Holder(state, _fallback_key(state, "GPE"), m.start, m.end, via)
        return _Holder(self.name(m), m.actor_key, m.start, m.end, via)

    def resolve(self, tok: Any, via: str) -> list[_Holder]:
        """Actors a subject token stands for (conjuncts included)."""
        out: list[_Holder] = []
        toks = [tok, *_conjuncts(tok)]
        if tok.i not in self.by_token:
            # "Budapest and Bratislava's leaders": every conjoined owner holds it
            for c in tok.children:
                if c.dep_ in {"poss", "nmod"}:
                    toks.extend(_conjuncts(c))
        for t in toks:
            h = self._resolve_one(t, via if t in (tok, *_conjuncts(tok)) else "possessor")
            if h is not None and all(h.key != o.key for o in out):
                out.append(h)
        return out

    def _resolve_one(self, tok: Any, via: str) -> _Holder | None:
        m = self.by_token.get(tok.i)
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if m is not None and m.type == "ORG" and poss is not None:
            # "his latest National Security Strategy rejected ...": the owner holds it
            h = self._resolve_one(poss, "possessor")
            if h is not None:
                return h
        if m is not None:
            return self.holder(m, via)
        if tok.lower_ in lex.METONYMS:
            name = lex.METONYMS[tok.lower_]
            return _Holder(name, _fallback_key(name, "GPE"), tok.idx, tok.idx + len(tok.text), via)
        if tok.lower_ in _PRONOUNS_PERSON:
            return self._antecedent(tok, via)
        if self.strict:
            for c in tok.children:
                if c.dep_ in {"compound", "poss"}:
                    h = self._resolve_one(c, "possessor")
                    if h is not None:
                        return h
            return None
        # "U.S. Ambassador to NATO Julianne Smith": the person inside a title phrase
        for t in tok.subtree:
            pm = self.by_token.get(t.i)
            if pm is not None and pm.type == "PERSON" and t.i != tok.i \
                    and t.dep_ in {"pobj", "appos", "compound", "flat"} and t.head.dep_ not in {"relcl", "acl"}:
                return self.holder(pm, via)
        sent_start = tok.sent.start
        if (tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.is_title
                and (tok.i != sent_start or tok.lower_ in self.name_forms))) \
                and tok.ent_type_ in {"", "PERSON", "ORG", "GPE", "NORP"} and tok.lower_ not in _GENERIC_TITLES:
            # a name spaCy's entities missed: take the run of proper nouns it heads
            parts = [c for c in tok.lefts if c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN"
                     and c.i >= tok.i - 3]
            first = min([tok.i, *[c.i for c in parts if all(
                self.doc[j].pos_ == "PROPN" for j in range(c.i, tok.i))]])
            span = self.doc[first:tok.i + 1]
            type_ = tok.ent_type_ or "PERSON"
            return _Holder(span.text, _fallback_key(span.text, type_), span.start_char, span.end_char, via)
        # "NATO diplomats", "Ukraine's leadership", "his strategy": a compound or possessor.
        for c in tok.children:
            if c.dep_ in {"compound", "poss", "nmod"}:
                h = self._resolve_one(c, "possessor")
                if h is not None:
                    return h
        return None

    def _antecedent(self, tok: Any, via: str) -> _Holder | None:
        """Most recent person that was a subject before the pronoun (within three sentences)."""
        sent_starts = [s.start for s in self.doc.sents]
        si = max(i for i, s in enumerate(sent_starts) if s <= tok.i)
        lo = sent_starts[max(0, si - 3)]
        best: tuple[int, Mention] | None = None
        fallback: Mention | None = None
        for i in range(tok.i - 1, lo - 1, -1):
            m = self.by_token.get(i)
            t0 = self.doc[i]
            if m is None and not self.strict and t0.dep_ in _SUBJ_DEPS and t0.is_title \
                    and t0.lower_ in self.name_forms and t0.lower_ not in lex.METONYMS:
                return _Holder(t0.text, _fallback_key(t0.text, "PERSON"), t0.idx, t0.idx + len(t0.text), via)
            if m is None or not (m.type == "PERSON" or (" " not in m.text and self.doc[i].pos_ == "PROPN"
                                 and m.text.lower() not in lex.METONYMS and not m.text.isupper()
                                 and m.type != "GPE")):
                continue
            t = self.doc[i]
            if fallback is None:
                fallback = m
            head = t
            while head.dep_ in {"compound", "flat", "appos"} and head.head.i != head.i:
                head = head.head
            if head.dep_ in _SUBJ_DEPS and best is None:
                best = (i, m)
                break
        m = best[1] if best else fallback
        return self.holder(m, via) if m is not None else None


def _conjuncts(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ == "conj"]


def _subjects(tok: Any, depth: int = 0) -> list[tuple[Any, str]]:
    """Subject candidates of a verb, inherited through xcomp/advcl/conj when it has none."""
    out = [(c, "subj") for c in tok.children if c.dep_ in _SUBJ_DEPS]
    for c in tok.children:
        if c.dep_ == "agent":
            out.extend((g, "agent") for g in c.children if g.dep_ == "pobj")
    if not out and depth < 3 and tok.dep_ in _INHERIT_DEPS - {"ccomp"} and tok.head.i != tok.i:
        return _subjects(tok.head, depth + 1)
    if not out and tok.dep_ == "ROOT" and tok.pos_ == "VERB":
        # a misparse leaves "Ukraine's leadership signaled ..." subjectless, the noun hung on an
        # earlier phrase: take the noun right before the verb
        j = tok.i - 1
        while j >= tok.sent.start and tok.doc[j].pos_ in {"ADV", "AUX", "PART"}:
            j -= 1
        prev = tok.doc[j] if j >= tok.sent.start else None
        if prev is not None and prev.pos_ in {"NOUN", "PROPN"} and prev.dep_ in {"appos", "pobj", "conj", "npadvmod"}:
            out = [(prev, "subj")]
    # a misparse can give a verb two subjects; the nearest one is the likelier
    return sorted(out, key=lambda x: abs(x[0].i - tok.i))


def _is_proposition(t: Any, term_ids: set[int]) -> bool:
    """The verb is the proposition itself with the term on its object side ("join NATO")."""
    lemma = t.lemma_.lower()
    if lemma in lex.LIGHT_VERBS:
        return any(c.dep_ in {"xcomp", "ccomp"} and _is_proposition(c, term_ids) for c in t.children)
    if lemma not in lex.PROPOSITION_VERBS:
        return False
    return any(c.dep_ not in _SUBJ_DEPS and term_ids & {x.i for x in c.subtree} for c in t.children) \
        or t.i in term_ids


# --- cues -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Scores:
    support: float = 0.0
    oppose: float = 0.0
    conditional: float = 0.0
    hedges: int = 0
    cues: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # characters of the cues
    abandon: float = 0.0
    exchange: bool = False


def _negated_path(tok: Any, stop: Any | None) -> bool:
    """A negation on the token or any governor up to (and including) the holder's verb."""
    t = tok
    for _ in range(12):
        if any(c.dep_ == "neg" or (c.lower_ in {"never"} and c.dep_ in {"advmod", "neg"})
               or (c.lower_ == "no" and c.dep_ == "det") for c in t.children):
            return True
        if t.dep_ in {"pobj", "pcomp"} and t.head.lower_ == "without":
            return True
        if (stop is not None and t.i == stop.i) or t.head.i == t.i:
            break
        t = t.head
    return False


def _off_clause(tok: Any, path_ids: set[int]) -> bool:
    """The token sits in another clause hanging off the path ("... when striving to explain X")."""
    t = tok
    for _ in range(15):
        if t.i in path_ids:
            return False
        if t.dep_ in _CLAUSE_DEPS:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


_PHRASE_PATTERNS = [
    (kind, p, w, re.compile(r"(?<!\w)" + re.escape(p) + r"(?!\w)"))
    for phrases, kind in ((lex.CONDITIONAL_PHRASES, "conditional"), (lex.OPPOSE_PHRASES, "oppose"),
                          (lex.SUPPORT_PHRASES, "support"), (lex.ABANDON_PHRASES, "abandon"))
    for p, w in phrases.items()
]


def _door(t: Any) -> bool:
    """An open/close word said of a door: its head, its head's subject or object, or its own."""
    cands = [t.head, *t.head.children, *t.children] if t.head.i != t.i else list(t.children)
    return any(c.lemma_.lower() == "door" and c.i != t.i for c in cands)


def _score(tokens: Sequence[Any], path_ids: set[int], stop: Any | None, text: str, base: int = 0) -> _Scores:
    s = _Scores()
    covered: list[tuple[int, int]] = []  # characters of token cues: a phrase over them adds nothing
    near = path_ids | {c.i for t in tokens if t.i in path_ids for c in t.children}
    for t in tokens:
        lemma = t.lemma_.lower()
        # "..., once the war ends" / "unless ...": the subordinator of a clause on the path counts
        subord = t.dep_ in {"mark", "advmod"} and t.head.dep_ == "advcl" and t.head.head.i in path_ids
        if t.i not in path_ids and not subord and _off_clause(t, path_ids):
            continue
        w_pos = 1.0 if t.i in near or subord else 0.6
        if lemma in lex.HEDGES or t.lower_ in lex.HEDGES:
            s.hedges += 1
        if lemma in lex.NOT_NOW and _negated_path(t, stop):
            s.conditional += 0.8 * w_pos
            s.cues.append(f"not {t.lower_}:conditional")
            s.spans.append((t.idx, t.idx + len(t.text)))
            continue
        if lemma in lex.MARK_ONLY and not subord:
            continue
        table = None
        particle = ""
        for c in t.children:
            if c.dep_ in {"prt", "prep"} and (lemma, c.lower_) in lex.PHRASAL:
                table = lex.PHRASAL[(lemma, c.lower_)]
                particle = f" {c.lower_}"
                covered.append((c.idx, c.idx + len(c.text)))
                break
        for name, tab in (("support", lex.SUPPORT), ("oppose", lex.OPPOSE), ("abandon", lex.ABANDON),
                          ("conditional", lex.CONDITIONAL)):
            if table is not None:
                break
            if lemma in tab:
                table = (name, tab[lemma])
                break
        if table is None and lemma in {"open", "close", "closed", "shut"} and _door(t):
            # "the door (to membership) remains open" / "closes the door"
            table = ("support", 0.9) if lemma == "open" else ("oppose", 0.9)
        if table is None:
            continue
        kind, w = table
        if kind == "support" and t.pos_ == "NOUN" and lemma in {"bid", "application", "call", "guarantee"} \
                and t.i not in near:
            continue
        w *= w_pos
        neg = _negated_path(t, stop)
        s.cues.append(f"{'not ' if neg else ''}{t.lower_}{particle}:{kind}")
        s.spans.append((t.idx, t.idx + len(t.text)))
        covered.append((t.idx, t.idx + len(t.text)))
        if kind == "support":
            if neg:
                s.oppose += w * 0.8
            else:
                s.support += w
        elif kind == "oppose":
            if neg:
                s.support += w * 0.4
            else:
                s.oppose += w
        elif kind == "abandon":
            if neg:
                s.conditional += w * 0.6
            else:
                s.abandon += w
        else:
            s.conditional += w
    low = text.lower()
    doc = tokens[0].doc if tokens else None
    for kind, p, w, pat in _PHRASE_PATTERNS:
        if p not in low:
            continue
        m = pat.search(low)
        if m is None:
            continue
        a, b = base + m.start(), base + m.end()
        if any(x < b and a < y for x, y in covered):
            continue
        covered.append((a, b))
        s.spans.append((a, b))
        span = doc.char_span(a, b, alignment_mode="expand") if doc is not None else None
        if span is not None and kind in {"support", "oppose"} and not p.startswith(("not ", "no ")) \
                and _negated_path(span.root, stop):
            # "did not rule out ...": a denied cue weakly leans the other way
            s.cues.append(f"not {p}:{kind}")
            if kind == "oppose":
                s.support += w * 0.4
            else:
                s.oppose += w * 0.8
            continue
        s.cues.append(f"{p}:{kind}")
        if kind == "conditional":
            s.conditional += w
            if p in {"in exchange for", "in return for", "bargaining chip"}:
                s.exchange = True
        elif kind == "oppose":
            s.oppose += w
        elif kind == "support":
            s.support += w
        else:
            s.abandon += w
    return s


def _decide(s: _Scores, *, hedged_path: bool) -> tuple[Stance, float]:
    if s.abandon:
        if s.exchange or s.conditional >= 0.5:
            s.conditional += s.abandon
        else:
            s.oppose += s.abandon
    best = max(s.support, s.oppose)
    if s.conditional > 0 and s.conditional >= 0.5 * best:
        stance: Stance = "conditional"
        score = s.conditional
    elif best <= 0:
        return "neutral", 0.5
    elif s.support > s.oppose:
        stance, score = "support", s.support - 0.5 * s.oppose
    elif s.oppose > s.support:
        stance, score = "oppose", s.oppose - 0.5 * s.support
    else:
        return "neutral", 0.45
    if stance == "support" and hedged_path:
        # "would welcome the day that ..." is hope for later, not a push now.
        stance = "conditional"
    strength = min(1.0, 0.55 + 0.35 * score)
    if s.hedges >= 2:
        strength *= 0.75
    elif s.hedges == 1:
        strength *= 0.9
    return stance, strength


# --- dates ------------------------------------------------------------------------------------


def _text_date(verb: Any | None, doc_date: str | None) -> str | None:
    """An explicit past year or month-year on the holder's verb dates the act ("in 2008, NATO
    declared ..."); dates elsewhere in the sentence belong to other things."""
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ not in {"prep", "npadvmod", "advmod", "pobj"}:
            continue
        for t in c.subtree:
            if t.ent_type_ != "DATE" or t.ent_iob_ != "B":
                continue
            span = next((e for e in t.doc.ents if e.start == t.i), None)
            if span is None:
                continue
            m = re.fullmatch(r"(?:([A-Za-z]+)\s+)?(\d{4})", span.text.strip())
            if not m:
                continue
            year = m.group(2)
            month = _MONTHS.get((m.group(1) or "").lower())
            if doc_date and year >= doc_date[:4]:
                continue
            return f"{year}-{month:02d}" if month else year
    return None


# --- main -------------------------------------------------------------------------------------


def _inside_quote_marks(text: str, sent_start: int, pos: int) -> bool:
    before = text[sent_start:pos]
    n = sum(before.count(c) for c in "\"“”„«»")
    opens = before.count("“") + before.count("«") + before.count("„")
    closes = before.count("”") + before.count("»")
    if opens or closes:
        return opens > closes
    return n % 2 == 1


def extract_positions(
    *,
    doc_id: str,
    text: str,
    spacy_doc: Any,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    issues: Sequence[Issue],
    date: str | None,
    outlet: str | None = None,
) -> list[Position]:
    """Positions on `issues` in one parsed document (see the module doc for the rules)."""
    doc = spacy_doc
    actors = _ActorIndex(doc, list(mentions) or mentions_from_doc(doc, doc_id))
    sents = list(doc.sents)
    quotes_sorted = [q for q in quotes if q.speaker_key]
    # one position per actor and sentence: the strongest reading wins
    found: dict[tuple[str, str, int, int], Position] = {}
    for issue in issues:
        for si, hits in _matcher(issue).find(doc).items():
            sent = sents[si]
            if sent.text.rstrip().endswith("?"):
                continue  # a question asks; it does not take a position
            for hit in hits:
                spans = [(h.start, h.end) for h in hits]
                for pos in _positions_for_hit(doc_id, text, doc, sent, hit, actors, quotes_sorted,
                                              issue, date, spans):
                    k = (pos.issue, pos.actor_key, sent.start, 0)
                    if k not in found or found[k].confidence < pos.confidence:
                        found[k] = pos
    return sorted(found.values(), key=lambda p: (p.start, p.actor_key))


def _positions_for_hit(
    doc_id: str, text: str, doc: Any, sent: Any, hit: TermHit, actors: _ActorIndex,
    quotes: Sequence[Quote], issue: Issue, date: str | None, term_spans: Sequence[tuple[int, int]],
) -> list[Position]:
    head = doc[hit.start_token:hit.end_token].root
    chain = [head, *head.ancestors]
    holders: list[_Holder] = []
    holder_verb: Any | None = None
    voice: Voice = "outlet"
    ev_start, ev_end = sent.start_char, sent.end_char
    quote_id: str | None = None

    q = next((q for q in quotes if q.start <= hit.start < q.end), None)
    speech: tuple[Any, list[_Holder]] | None = None
    act: tuple[Any, list[_Holder]] | None = None
    owned: tuple[Any, list[_Holder]] | None = None
    term_ids = set(range(hit.start_token, hit.end_token))
    for t in chain:
        if t.pos_ == "NOUN" and t.lemma_.lower() in lex.POSITION_NOUNS and owned is None:
            # "the U.S. preference for ... without an immediate NATO bid": the owner of a stated
            # position on the path holds it
            owner = next((c for c in t.children if c.dep_ in {"poss", "compound", "nmod"}
                          and not ({x.i for x in c.subtree} & term_ids)), None)
            hs0 = actors.resolve(owner, "possessor") if owner is not None else []
            if hs0:
                owned = (t, hs0)
        if t.i == head.i and t.pos_ in {"NOUN", "PROPN"}:
            continue
        if _is_proposition(t, term_ids):
            continue
        lemma = t.lemma_.lower()
        is_speech = lemma in lex.SPEECH_VERBS
        for subj, how in _subjects(t):
            sub_ids = {x.i for x in subj.subtree}
            if sub_ids & term_ids:
                # the term is in the subject: only a position noun's owner holds it
                if subj.lemma_.lower() not in lex.POSITION_NOUNS and subj.i not in term_ids:
                    continue
                owner = next((c for c in subj.children if c.dep_ in {"poss", "nmod"}), None)
                hs = actors.resolve(owner, "possessor") if owner is not None else []
            else:
                hs = actors.resolve(subj, "agent" if how == "agent" else ("speech" if is_speech else "act"))
            if not hs:
                continue
            if is_speech:
                speech = (t, hs, subj.lower_ in _PRONOUNS_PERSON)  # type: ignore[assignment]
            elif act is None and speech is None:
                act = (t, hs)
            break
    if act is None:
        act = owned
    pronoun_speech = bool(speech and speech[2])  # type: ignore[misc]
    if q is not None and q.speaker and q.speaker_key and (speech is None or pronoun_speech):
        # the quote stage resolved its speaker across sentences ("he said" → Zelensky); a name
        # subject of the speech verb in this very sentence outranks it
        holders = [_Holder(q.speaker, q.speaker_key, q.speaker_start or q.start, q.speaker_end or q.end,
                           "quote")]
        voice = "quote" if q.kind in {"direct", "mixed"} else "reported"
        quote_id = q.id
        if q.kind == "direct":
            ev_start, ev_end = q.start, q.end
        holder_verb = speech[0] if speech is not None else next(
            (t for t in chain if t.lemma_.lower() in lex.SPEECH_VERBS), None)
    else:
        acc = _according_to(sent, actors)
        if speech is not None:
            holder_verb, holders = speech[0], speech[1]
            voice = "reported"
        elif act is not None:
            holder_verb, holders = act
            voice = "outlet"
        elif acc:
            holders, voice = acc, "reported"
        if q is not None and q.kind in {"direct", "mixed"} and voice == "reported":
            voice = "quote"
            quote_id = q.id
        elif voice == "reported" and _inside_quote_marks(text, sent.start_char, hit.start):
            voice = "quote"
    holders = [h for h in holders if h.end <= sent.start_char or h.start >= sent.end_char
               or not any(h.start < t_end and t_start < h.end for t_start, t_end in term_spans)]
    if not holders:
        return []

    scope = list(holder_verb.subtree) if holder_verb is not None else list(sent)
    scope = [t for t in scope if sent.start <= t.i < sent.end]
    path_ids: set[int] = set()
    for t in chain:
        path_ids.add(t.i)
        if holder_verb is not None and t.i == holder_verb.i:
            break
    scope_text = text[min(t.idx for t in scope): max(t.idx + len(t.text) for t in scope)]
    scores = _score(scope, path_ids, holder_verb, scope_text, min(t.idx for t in scope))
    _advocacy(head, scores)
    _effect(chain, path_ids, holder_verb, term_ids, scores)
    _justification(holder_verb, scope, scores)
    if voice != "outlet":
        _asserted_proposition(chain, path_ids, holder_verb, term_ids, scores)
    hedged_path = any(
        c.dep_ == "aux" and c.lower_ in {"would", "could", "might", "may"}
        for t in chain if t.i in path_ids and t.lemma_.lower() in lex.SUPPORT for c in t.children
    )
    stance, strength = _decide(scores, hedged_path=hedged_path)
    if stance == "neutral" and voice == "outlet":
        return []  # the article mentioning an actor near the issue is not a position
    conf = round(_VOICE_BASE[voice] * strength, 3)
    when = _text_date(holder_verb, date) or date
    if quote_id is None or ev_start == sent.start_char:
        # page chrome and headings run into sentences without a full stop: keep the line(s)
        # that hold the clause
        lo = min(hit.start, *(t.idx for t in scope))
        hi = max(hit.end, *(t.idx + len(t.text) for t in scope))
        nl = text.rfind("\n", ev_start, lo)
        ev_start = nl + 1 if nl >= 0 else ev_start
        nl = text.find("\n", hi, ev_end)
        ev_end = nl if nl >= 0 else ev_end
        keep = [(hit.start, hit.end), *scores.spans]
        if holder_verb is not None:
            # the verb and its subject as written ("he" for a resolved pronoun)
            keep.append((holder_verb.idx, holder_verb.idx + len(holder_verb.text)))
            keep += [(x.left_edge.idx, x.right_edge.idx + len(x.right_edge.text)) for x, _ in _subjects(holder_verb)]
        else:
            keep += [(h.start, h.end) for h in holders if sent.start_char <= h.start < sent.end_char]
        ev_start, ev_end = _trim_clause(text, doc, sent, ev_start, ev_end, keep)
    out = []
    for h in holders:
        out.append(Position(
            doc_id=doc_id, actor=h.name, actor_key=h.key, issue=issue.name, stance=stance,
            confidence=conf, date=when, voice=voice, evidence=text[ev_start:ev_end].strip(),
            start=ev_start + _lstrip_len(text[ev_start:ev_end]),
            end=ev_start + len(text[ev_start:ev_end].rstrip()),
            quote_id=quote_id, cues=(f"term:{hit.term}", f"holder:{h.via}", *scores.cues),
        ))
    out.extend(_co_holders(doc_id, text, sent, scope, holders, stance, conf, voice, when, issue,
                           actors, hit))
    return out


# Attachments that can leave a long sentence's evidence when they hold none of its cues: adverbial
# clauses, conjoined clauses, fronted or trailing phrases ("Despite ..., X said ...; while ...").
_TRIM_DEPS = {"advcl", "conj", "cc", "parataxis", "punct", "prep", "npadvmod", "advmod"}
TRIM_MIN_CHARS = 160  # only run-on sentences are trimmed
_EDGE_PUNCT = " ,;:—–-\u00a0"


def _trim_clause(text: str, doc: Any, sent: Any, start: int, end: int,
                 keep: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The clause of a long sentence that carries the stance: going down the sentence's edges from
    its root, drop the clause-level attachments (adverbial and conjoined clauses, fronted or
    trailing phrases) that hold none of the holder, its verb, the term or a cue. Returns (start,
    end) with text[start:end] the evidence; the sentence's own range when nothing can be dropped
    cleanly."""
    if end - start < TRIM_MIN_CHARS or not keep:
        return start, end
    lo, hi = min(a for a, _ in keep), max(b for _, b in keep)
    if lo < start or hi > end:
        return start, end
    toks = [t for t in sent if start <= t.idx < end]
    keep_toks = [t for t in toks if any(t.idx < b and a < t.idx + len(t.text) for a, b in keep)]
    if not keep_toks:
        return start, end
    top = sent.root
    left, right = toks[0].i, toks[-1].i
    # peel droppable attachments off both edges while they hold nothing to keep, going down the
    # edge of the tree ("X asked NATO to move forward on ..., seeking ...": "seeking" hangs lower)
    keep_ids = {t.i for t in keep_toks}

    def peel(node: Any, from_right: bool) -> int | None:
        """New edge token index, or None when nothing was dropped."""
        edge: int | None = None
        for _ in range(12):
            kids = sorted((c for c in node.children if (c.i > node.i if from_right else c.i < node.i)),
                          key=lambda c: -c.i if from_right else c.i)
            down = None
            for c in kids:
                ids = {x.i for x in c.subtree}
                if ids & keep_ids:
                    down = c
                    break
                if c.dep_ not in _TRIM_DEPS or any(x.ent_type_ == "DATE" and re.fullmatch(r"\d{4}", x.text)
                                                   for x in c.subtree):
                    return edge  # a phrase with a year stays: it may be what dates the position
                edge = min(ids) - 1 if from_right else max(ids) + 1
            if down is not None and down.pos_ not in {"VERB", "AUX"}:
                return edge  # only clauses are peeled, never the inside of a noun phrase
            if down is None:
                return edge
            node = down
        return edge

    r = peel(top, True)
    if r is not None:
        right = r
    lft = peel(top, False)
    if lft is not None:
        left = lft
    if left > right:
        return start, end
    a, b = doc[left].idx, doc[right].idx + len(doc[right].text)
    a, b = max(a, start), min(b, end)
    while a < b and text[a] in _EDGE_PUNCT:
        a += 1
    while b > a and text[b - 1] in _EDGE_PUNCT:
        b -= 1
    # nothing but closing marks and the full stop left over: keep them
    if not text[b:end].strip(" .!?\"”’»)"):
        b = end
    if b - a < 40 or (a, b) == (start, end) or a > lo or b < hi:
        return start, end
    return a, b


def _lstrip_len(s: str) -> int:
    return len(s) - len(s.lstrip())


def _advocacy(head: Any, s: _Scores) -> None:
    """'X should/must be <term>': the term itself is what is asked for."""
    gov = head.head
    if head.dep_ in {"attr", "dobj"} and gov.lemma_ == "be" and any(
        c.dep_ == "aux" and c.lower_ in {"should", "must"} for c in gov.children
    ):
        s.support += 1.0
        s.cues.append("should be <term>:support")
        s.spans.append((head.idx, head.idx + len(head.text)))
        if s.conditional:
            # "the first step should be an invitation" names the term as the step: a demand.
            s.conditional = max(0.0, s.conditional - lex.CONDITIONAL_PHRASES["first step"])


def _effect(chain: Sequence[Any], path_ids: set[int], stop: Any | None, term_ids: set[int], s: _Scores) -> None:
    """The proposition as the subject of what it would do: "(X believes) a NATO invitation would
    demonstrate allies' determination" weighs for it, "NATO expansion would threaten Russia"
    against it. Only the first verb above the term counts, and a negation on it flips it."""
    for t in chain:
        if t.i not in path_ids or t.pos_ not in {"VERB", "AUX"}:
            continue
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "csubj"}), None)
        if subj is None or not ({x.i for x in subj.subtree} & term_ids):
            return
        lemma = t.lemma_.lower()
        if lemma == "be":
            # "... would be good / a disaster": the predicate evaluates it
            pred = next((c for c in t.children if c.dep_ in {"attr", "acomp"}), None)
            plemma = pred.lemma_.lower() if pred is not None else ""
            if plemma in lex.EVAL_GOOD or plemma in lex.EVAL_BAD:
                t, lemma = pred, plemma
        good = lemma in lex.EFFECT_GOOD or lemma in lex.EVAL_GOOD
        if not good and lemma not in lex.EFFECT_BAD and lemma not in lex.EVAL_BAD:
            return
        neg = _negated_path(t, t) or _negated_path(t.head, t.head)
        w = 0.4 if neg else 0.8  # "would not be a disaster" leans less than "would be good"
        if good != neg:
            s.support += w
        else:
            s.oppose += w
        s.cues.append(f"<term> {'not ' if neg else ''}{t.lower_}:{'support' if good != neg else 'oppose'}")
        s.spans.append((t.idx, t.idx + len(t.text)))
        return


def _justification(verb: Any | None, scope: Sequence[Any], s: _Scores) -> None:
    """The holder cites the proposition as what explains or justifies a war: opposition."""
    if verb is None or verb.lemma_.lower() not in lex.CITE_VERBS or s.support or s.oppose:
        return
    lemmas = {t.lemma_.lower() for t in scope}
    if lemmas & lex.JUSTIFY_WORDS and lemmas & lex.WAR_WORDS:
        s.oppose += 0.8
        s.cues.append(f"{verb.lower_} as reason for war:oppose")
        s.spans.append((verb.idx, verb.idx + len(verb.text)))


def _asserted_proposition(
    chain: Sequence[Any], path_ids: set[int], stop: Any | None, term_ids: set[int], s: _Scores
) -> None:
    """A speaker stating the proposition itself: "X said Ukraine will never join NATO" opposes it,
    "X said Ukraine must join NATO" supports it. A plain future ("will join") is a weak support."""
    for t in chain:
        if t.i not in path_ids or not _is_proposition(t, term_ids):
            continue
        modal = {c.lower_ for c in t.children if c.dep_ == "aux"}
        # only a negation of the proposition itself counts: "it doesn't matter when we join" is
        # not "we will not join"
        light = [t, t.head] if t.head.lemma_.lower() in lex.LIGHT_VERBS else [t]
        if any(c.dep_ == "neg" or c.lower_ == "never" for x in light for c in x.children):
            s.oppose += 1.0
            s.cues.append(f"not {t.lower_}:oppose")
            s.spans.append((t.idx, t.idx + len(t.text)))
        elif modal & {"should", "must"}:
            s.support += 0.9
            s.cues.append(f"{'/'.join(sorted(modal & {'should', 'must'}))} {t.lower_}:support")
            s.spans.append((t.idx, t.idx + len(t.text)))
        elif modal & {"will", "shall"}:
            s.support += 0.5
            s.cues.append(f"will {t.lower_}:support")
            s.spans.append((t.idx, t.idx + len(t.text)))
        return


def _according_to(sent: Any, actors: _ActorIndex) -> list[_Holder]:
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            for c in t.doc[t.i + 1].children:
                if c.dep_ == "pobj":
                    return actors.resolve(c, "according")
    return []


def _co_holders(
    doc_id: str, text: str, sent: Any, scope: Sequence[Any], holders: Sequence[_Holder], stance: Stance,
    conf: float, voice: Voice, when: str | None, issue: Issue, actors: _ActorIndex, hit: TermHit,
) -> list[Position]:
    """Speakers attached to the holder's clause ("..., with Fico calling the idea X") share it."""
    if stance == "neutral":
        return []
    keys = {h.key for h in holders}
    out = []
    for t in scope:
        if t.lemma_.lower() not in lex.SPEECH_VERBS or t.dep_ not in {"pcomp", "advcl", "acl", "pobj"}:
            continue
        subj = next((c for c in t.children if c.dep_ in _SUBJ_DEPS), None)
        if subj is None:
            continue
        for h in actors.resolve(subj, "speech"):
            if h.key in keys:
                continue
            keys.add(h.key)
            ev = text[sent.start_char:sent.end_char]
            out.append(Position(
                doc_id=doc_id, actor=h.name, actor_key=h.key, issue=issue.name, stance=stance,
                confidence=round(conf * 0.85, 3), date=when,
                voice="quote" if _inside_quote_marks(text, sent.start_char, t.idx + len(t.text) + 2)
                or any(c in text[t.idx:sent.end_char] for c in _QUOTE_CHARS) else voice,
                evidence=ev.strip(), start=sent.start_char + _lstrip_len(ev),
                end=sent.start_char + len(ev.rstrip()),
                cues=(f"term:{hit.term}", "holder:co-speaker", f"shares:{stance}"),
            ))
    return out
