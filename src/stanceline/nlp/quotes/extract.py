"""Reported speech: direct, mixed and indirect quotes with their cue and speaker.

Quotation-mark spans are found by a scanner that works paragraph by paragraph (news style
re-opens a long quote at each paragraph and never closes the earlier ones), so an unbalanced
mark can at worst run to the end of its paragraph. Speech verbs and their clausal complements
come from spaCy's dependency parse. A quoted span is speech when a speech cue attaches to it or
when it is a clause standing as its own paragraph sentence after other quotes; short unclaimed
spans are titles, slogans or scare quotes and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from stanceline.model import Quote, QuoteKind
from stanceline.nlp.actors.coref import (
    ORG_NOUNS,
    PERSON_NOUNS,
    STATE_NOUNS,
    CorefState,
    Resolved,
    note_speaker,
    resolve_speaker,
)
from stanceline.nlp.actors.entities import sent_bounds


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


SPEECH_LEMMAS = _words(
    """
    say tell add warn state claim argue note insist announce explain write comment reply respond
    stress emphasise emphasize acknowledge admit believe think suggest assert declare caution
    concede confirm deny report urge complain contend maintain observe predict promise reiterate
    repeat remark ask agree recall tweet post vow threaten estimate conclude reveal accuse
    allege indicate mention hope fear expect continue point describe testify inform assure
    signal underline underscore propose demand reckon quip joke counter retort recount lament
    boast charge proclaim disclose divulge affirm concur determine find show learn read reason
    """
)
# Verbs that report speech even without a complement clause when next to a quotation.
DIRECT_ONLY_LEMMAS = SPEECH_LEMMAS | {"ask", "write", "tweet", "post", "wonder", "exclaim", "shout", "go"}
# Lemmas whose complement is evidence or cognition rather than speech; kept only with a clause.
WEAK_LEMMAS = frozenset({"think", "believe", "hope", "fear", "expect", "find", "show", "learn", "determine"})

OPEN_DQ = "“„«"
CLOSE_DQ = "”»"
SUBJ_DEPS = {"nsubj", "nsubjpass"}
# Quote records below this confidence inherit their attribution from an earlier sentence of the
# same quotation rather than carrying a cue of their own (consumers may filter on it).
OWN_CUE_MIN_CONFIDENCE = 0.65


def _confidence(resolved: bool, continuation: bool) -> float:
    base = 0.9 if resolved else 0.7
    return base - 0.3 if continuation else base


CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}
# Verbs that report a demand as "V someone to do X": the infinitive is what was asked for.
DIRECTIVE_LEMMAS = _words("urge ask tell warn call press implore encourage advise appeal")


@dataclass
class QSpan:
    """Quoted text between marks; `start`/`end` exclude the marks."""

    start: int
    end: int
    para: int
    closed: bool
    cont_prev: bool = False  # re-opened continuation of a quote from the previous paragraph


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_open_straight(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,;:!?)]’'")


def find_quoted_spans(text: str) -> list[QSpan]:
    """Double-quoted spans per paragraph, and single-quoted ‘…’ spans used as speech."""
    spans: list[QSpan] = []
    paras = _paragraphs(text)
    prev_open_unclosed = False
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        first_open = True
        for i in range(ps, pe):
            ch = text[i]
            if ch in OPEN_DQ or (ch == '"' and open_at is None and _is_open_straight(text, i)):
                # A second opening mark before a close: the first one was unbalanced; drop it
                # rather than let it swallow text.
                open_at = i
                continue
            if (ch in CLOSE_DQ or ch == '"') and open_at is not None:
                if i > open_at + 1:
                    spans.append(
                        QSpan(
                            open_at + 1,
                            i,
                            pi,
                            True,
                            cont_prev=prev_open_unclosed and first_open and _leads(text, ps, open_at),
                        )
                    )
                open_at = None
                first_open = False
                continue
        if open_at is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            reopen = nxt is not None and _next_para_reopens(text, nxt)
            end = pe
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            if end > open_at + 1:
                spans.append(
                    QSpan(
                        open_at + 1,
                        end,
                        pi,
                        False,
                        cont_prev=prev_open_unclosed and first_open and _leads(text, ps, open_at),
                    )
                )
            prev_open_unclosed = reopen
        else:
            prev_open_unclosed = False
        if not text[ps:pe].strip():
            continue
    spans.extend(_single_quoted(text, paras))
    spans.sort(key=lambda q: q.start)
    return spans


def _leads(text: str, ps: int, i: int) -> bool:
    return not text[ps:i].strip()


def _next_para_reopens(text: str, para: tuple[int, int]) -> bool:
    s = text[para[0] : para[1]].lstrip()
    return bool(s) and (s[0] in OPEN_DQ or s[0] == '"')


def _single_quoted(text: str, paras: list[tuple[int, int]]) -> list[QSpan]:
    """‘…’ spans (typographic single quotes) of several words; apostrophes are not openers."""
    out: list[QSpan] = []
    for pi, (ps, pe) in enumerate(paras):
        i = ps
        while i < pe:
            if text[i] == "‘" and (i == ps or not text[i - 1].isalnum()):
                j = i + 1
                close = -1
                while j < pe:
                    if text[j] == "’" and (j + 1 >= pe or not text[j + 1].isalnum()) and text[j - 1] != "s":
                        close = j
                        break
                    if text[j] == "‘":
                        break
                    j += 1
                if close > 0 and len(text[i + 1 : close].split()) >= 3:
                    out.append(QSpan(i + 1, close, pi, True))
                    i = close
            i += 1
    return out


# ---------------------------------------------------------------------------------------------
# Speech cues from the parse


@dataclass
class Cue:
    verb: Token
    subj: Span | None
    content: tuple[int, int] | None  # char span of the reported clause
    according: bool = False
    # Content is a quotation inside the verb's object ("called it “…”"), not a reported clause.
    argument: bool = False


def _subject_of(v: Token) -> Token | None:
    """The (possibly inherited) subject of a speech verb: own, via conj/advcl/xcomp heads, relcl."""
    if v.tag_ == "VBN" and not any(c.dep_ in SUBJ_DEPS or c.dep_ == "aux" for c in v.children):
        # A bare passive participle ("when asked whether …", "told of the plan, …"): whoever it
        # inherits a subject from was the addressee, not the speaker.
        return None
    if not any(c.dep_ in SUBJ_DEPS for c in v.children) and (named := _named_before(v)) is not None:
        return named
    cur: Token | None = v
    for _ in range(4):
        if cur is None:
            return None
        # Nearest subject wins: the parser sometimes gives a verb two.
        vi = cur.i
        subjects = sorted((c for c in cur.children if c.dep_ in SUBJ_DEPS), key=lambda c: abs(c.i - vi))
        if subjects:
            c = subjects[0]
            if cur is v and c.dep_ == "nsubjpass":
                return None  # "Miller was asked / told …": the subject is the addressee
            if c.dep_ == "nsubjpass" and v.lemma_.lower() in _ADDRESSEE_LEMMAS and not _has_object(v):
                return None  # "I was hauled in and told that …": told, not telling
            if c.lower_ in {"who", "which", "that"} and cur.dep_ == "relcl":
                return cur.head
            return c
        if cur.dep_ == "acl" and cur.head.pos_ in {"NOUN", "PROPN"}:
            return cur.head  # "a message stating …": the message speaks
        # The parser sometimes hangs a subject name right before its verb as a loose modifier.
        left = [c for c in cur.lefts if c.dep_ in {"npadvmod", "dep", "nmod"} and c.pos_ == "PROPN"]
        if left and left[-1].right_edge.i >= cur.i - 1:
            return left[-1]
        if cur.dep_ in {"conj", "advcl", "xcomp", "pcomp", "acl", "prep"} and cur.head is not cur:
            cur = cur.head
            continue
        return None
    return None


# Verbs whose active use names the addressee ("told reporters"); without one after a passive
# head they are passive too.
_ADDRESSEE_LEMMAS = _words("tell inform")


def _has_object(v: Token) -> bool:
    return any(c.dep_ in {"dobj", "dative", "iobj", "obj"} for c in v.children)


def _named_before(v: Token) -> Token | None:
    """ "Tom Molomby, SC, said …" / "Lydia Buchtmann, from the food agency, says …": a person's
    name whose own modifiers are all that stand before the verb, which the parser left unattached
    as its subject."""
    doc = v.doc
    for i in range(v.i - 1, max(-1, v.i - 12), -1):
        t = doc[i]
        if t.ent_type_ != "PERSON" or t.is_punct:
            continue
        # The nearest name token from the right is the name's last token (its head in spaCy).
        inside = {x.i for x in t.subtree}
        return t if all(k in inside or doc[k].is_punct for k in range(i + 1, v.i)) else None
    return None


# Nouns for the channel of a statement: a 'that'-clause hanging off them is still what was said
# ("told LA Weekly in a statement that …"), unlike one off a content noun ("reports that …").
_CHANNEL_NOUNS = _words(
    """
    statement interview letter speech remarks remark post email tweet message conference briefing
    address call note
    """
)
_THAT_CLAUSE_LEMMAS = _words("say tell state write add announce insist confirm warn declare explain")


def _that_clause(v: Token) -> Token | None:
    """A 'that'-clause the parser attached below the verb's object ("told X in a statement that …")."""
    if v.lemma_.lower() not in _THAT_CLAUSE_LEMMAS:
        return None
    for t in v.subtree:
        if t.i <= v.i or t.dep_ not in {"ccomp", "acl"}:
            continue
        if t.head.pos_ == "NOUN" and t.head.lemma_.lower() not in _CHANNEL_NOUNS:
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
            return t
    return None


def _np_span(doc: Doc, head: Token) -> Span:
    """The noun phrase of a subject, cut before appositions, relative clauses and commas."""
    left = head.left_edge.i
    right = head.i
    for c in head.rights:
        if c.is_punct and c.text == ",":
            continue
        if (
            c.dep_ in {"compound", "flat", "nummod", "cc", "conj"}
            or (c.dep_ == "prep" and c.i == right + 1 and c.lower_ in {"of", "to", "for", "at"})
            or (c.dep_ == "appos" and c.ent_type_ == "PERSON")
        ):
            # Coordinated subjects ("author and professor Jane Q. Doe") and a named
            # apposition ("the curator, John Smith") stay whole.
            right = max(right, c.right_edge.i)
        else:
            break
    for t in doc[left : head.i]:
        if (t.is_punct and t.text in {",", "(", "—", "–"}) or t.is_space:
            left = t.i + 1
    return doc[left : right + 1]


def _clause_chars(doc: Doc, tok: Token) -> tuple[int, int]:
    s, e = tok.left_edge.i, tok.right_edge.i
    while s < e and (doc[s].is_punct or (doc[s].lower_ == "that" and doc[s].dep_ == "mark")):
        s += 1
    while e > s and doc[e].is_punct:
        e -= 1
    return doc[s].idx, doc[e].idx + len(doc[e].text)


def find_cues(doc: Doc) -> list[Cue]:
    cues: list[Cue] = []
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            pobj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            source = _np_span(doc, pobj)
            cues.append(
                Cue(
                    t,
                    source,
                    _according_content(doc, doc[slice(*sent_bounds(doc, t.i))], t, source, pobj),
                    according=True,
                )
            )
            continue
        if t.lower_ == "in" and (words_of := _in_the_words_of(doc, t)) is not None:
            source, content = words_of
            cues.append(Cue(t, source, content, according=True))
            continue
        lemma = t.lemma_.lower()
        if (lemma not in SPEECH_LEMMAS and lemma not in DIRECTIVE_LEMMAS) or not _verbal(t):
            continue
        comps = [c for c in t.children if c.dep_ in {"ccomp", "parataxis"} and c.i != t.i and _reportable(c)]
        comp = comps[0] if comps else None
        if comp is None and lemma in DIRECTIVE_LEMMAS:
            comp = _directive(t)
        elif lemma not in SPEECH_LEMMAS:
            continue
        framed: tuple[int, int] | None = None
        if comp is None:
            comp = _that_clause(t)
        if (
            comp is None
            and t.dep_ == "parataxis"
            and (t.head.i < t.i or any(c.dep_ in SUBJ_DEPS and c.i > t.i for c in t.children))
        ):
            # "X will end, he said" / "Recipients, said Mauer, are required …": the cue hangs
            # off the clause it reports (a cue before its clause only with inversion).
            comp = t.head
        if (
            comp is None
            and t.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children)
            # "as they say" / "as we reported" are idioms and the outlet's voice, not a source.
            and not any(c.dep_ in SUBJ_DEPS and c.pos_ == "PRON" for c in t.children)
        ):
            # "As Heald told the Post, ozone has dropped …"
            head = t.head
            start = t.right_edge.i + 1
            while start < len(doc) and doc[start].is_punct:
                start += 1
            end = head.right_edge.i
            while end > start and doc[end].is_punct:
                end -= 1
            if end > start:
                framed = (doc[start].idx, doc[end].idx + len(doc[end].text))
        subj_tok = _subject_of(t)
        subj = _np_span(doc, subj_tok) if subj_tok is not None else None
        content = _clause_chars(doc, comp) if comp is not None else framed
        if content is not None and len(comps) > 1 and comps[0].dep_ == comps[1].dep_ == "ccomp":
            # The parser splits one report into sibling clauses ("tell X every claim will be
            # assessed, with Y reporting no one will be refused"): the report is their union.
            same_side = [c for c in comps if (c.i > t.i) == (comps[0].i > t.i)]
            content = (content[0], max(content[1], *(_clause_chars(doc, c)[1] for c in same_side)))
        if content is not None and comp is not None and comp.i < t.i and subj is not None:
            # Post-posed cue ("…, Rutte said"): the clause must not contain the cue itself.
            content = (content[0], min(content[1], subj.start_char if subj.start_char > content[0] else t.idx))
        cues.append(Cue(t, subj, content))
    _add_argument_quotes(doc, cues)
    text = doc.text
    for c in cues:
        if c.content is None:
            continue
        # Reported content never crosses a paragraph break (headlines and datelines sit on
        # their own lines and the parser may glue them to the first sentence).
        v = c.verb.idx
        ps = text.rfind("\n", 0, v) + 1
        pe = text.find("\n", v)
        pe = len(text) if pe < 0 else pe
        cs, ce = max(c.content[0], ps), min(c.content[1], pe)
        c.content = (cs, ce) if ce > cs else None
    for c in cues:
        if not c.according or c.content is None:
            continue
        # "According to X, Y said Z": X and Y both vouch for Z.
        inner = [
            o for o in cues if not o.according and o.content is not None and c.content[0] <= o.verb.idx < c.content[1]
        ]
        if inner:
            c.content = inner[0].content
    return cues


# Verbs of naming, referring and repeating: a person's own words may sit inside their object
# ("called the idea “…”", "spoke of “…”", "repeated the claim that “…”") rather than in a
# reported clause.
ARGUMENT_LEMMAS = _words(
    """
    call describe brand dub label term characterise characterize portray refer speak warn talk
    repeat echo reiterate restate
    """
)
# Verbs that name their object: the quotation must be the name itself ("called it “…”", "branded
# him as “…”"), not a demand ("called for “…”") or anything further down the object.
NAMING_LEMMAS = _words("call brand dub label term")
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "we", "they"})
# Function words a title may keep lower-case ("Bridge over the River").
_TITLE_GLUE = _words("of the a an and in on for to at by with or")


def _add_argument_quotes(doc: Doc, cues: list[Cue]) -> None:
    """Give a person's naming/referring/repeating verb the quotation inside its object as content.

    The quotation must hang below the verb through nothing but the verb's own phrases (no clause
    with a subject of its own outside the marks), so "he said the plan they call “…”" stays with
    whoever calls it. A bare participle ("a plan called “…”", "so-called") has no subject and
    names a thing; title-cased words in marks are a name given, not words spoken.
    """
    text = doc.text
    spans = [q for q in find_quoted_spans(text) if q.closed]
    by_verb = {c.verb.i: c for c in cues if not c.according}
    for q in spans:
        inner = doc.char_span(q.start, q.end, alignment_mode="contract")
        if inner is None or not _spoken_words(inner):
            continue
        v = _governing_verb(inner)
        if v is None or v.idx >= q.start:
            continue
        if v.lemma_.lower() in NAMING_LEMMAS and not _names_object(v, inner):
            continue
        known = by_verb.get(v.i)
        if known is not None and known.content is not None:
            continue
        subj_tok = _subject_of(v)
        if subj_tok is None or not _personal(doc, subj_tok):
            continue
        content = (_argument_start(doc, v, inner), q.end)
        if known is not None:
            known.content, known.argument = content, True
        else:
            cue = Cue(v, _np_span(doc, subj_tok), content, argument=True)
            cues.append(cue)
            by_verb[v.i] = cue


def _argument_start(doc: Doc, v: Token, inner: Span) -> int:
    """Where the words credited to the speaker begin: at a 'that'-clause holding the quotation
    ("repeated the claim that “…”" credits the claim, not the noun), else right after the verb
    and its particles ("referred to …")."""
    cur = inner.root
    while cur.i != v.i and cur.head.i != cur.i:
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in cur.children):
            return _clause_chars(doc, cur)[0]
        cur = cur.head
    first = v.i + 1
    while first < inner.start and doc[first].dep_ in {"prep", "prt", "advmod"} and doc[first].head.i == v.i:
        first += 1
    return doc[first].idx


def _names_object(v: Token, inner: Span) -> bool:
    root = inner.root
    if root.head.i == v.i:
        return root.dep_ in {"oprd", "xcomp", "attr", "dobj", "ccomp"}
    as_ = root.head
    return as_.lower_ == "as" and as_.head.i == v.i


def _spoken_words(inner: Span) -> bool:
    words = [t for t in inner if t.is_alpha]
    if len(words) < 3:
        return False  # a word or two in marks: a name, term or scare quote
    if inner.root.pos_ == "PROPN":
        return False  # headed by a name ("dubbed it “Operation Sunrise, phase two”"): a title
    return not all(t.is_title or t.is_upper or t.lower_ in _TITLE_GLUE for t in words)


def _governing_verb(inner: Span) -> Token | None:
    """The argument verb the quotation hangs from, climbing only through tokens inside the marks
    and subjectless phrases outside them."""
    cur = inner.root
    for _ in range(8):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if inner.start <= cur.i < inner.end:
            continue
        if cur.lemma_.lower() in ARGUMENT_LEMMAS and cur.pos_ == "VERB":
            return cur
        if cur.pos_ in {"VERB", "AUX"} or any(c.dep_ in SUBJ_DEPS for c in cur.children):
            return None
    return None


def _personal(doc: Doc, t: Token) -> bool:
    """Whether a subject is a person: a named person, a personal pronoun, or a person noun."""
    span = _np_span(doc, t)
    if any(x.ent_type_ == "PERSON" for x in span):
        return True
    if t.lower_ in _PERSON_PRONOUNS:
        return True
    return t.pos_ == "NOUN" and t.lemma_.lower() in PERSON_NOUNS


def _verbal(t: Token) -> bool:
    """A speech verb, or one the tagger took for a noun ("the Department notes, “…”") while the
    parser still gave it a subject and a reported clause."""
    if t.pos_ in {"VERB", "AUX"}:
        return True
    return (
        t.pos_ == "NOUN"
        and t.tag_ == "NNS"
        and any(c.dep_ == "nsubj" or (c.dep_ in {"nmod", "compound"} and c.pos_ == "PROPN") for c in t.lefts)
        and any(c.dep_ in {"ccomp", "parataxis"} for c in t.rights)
    )


def _directive(v: Token) -> Token | None:
    """The demanded action in "urged the world to “force Russia into talks”": an infinitive after
    the addressee (an object, or "on X" for "call on")."""
    if not any(c.dep_ in {"dobj", "dative"} or (c.dep_ == "prep" and c.lower_ == "on") for c in v.rights):
        return None
    for c in v.rights:
        if c.dep_ not in {"xcomp", "ccomp"} or c.pos_ != "VERB":
            continue
        if not any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children):
            continue
        # Only with the speaker's own words in it ("urged Ukraine to “forget about” it"): a bare
        # request ("asked them to help") is reported action more often than reported speech.
        if any(x.text in OPEN_DQ or x.text == '"' for x in c.subtree):
            return c
    return None


def _reportable(c: Token) -> bool:
    """A complement that can be what was said: not a bare participle ("pointed to the table with
    soup served with …"), which the parser sometimes hangs as a subjectless clause."""
    return not (
        c.tag_ in {"VBN", "VBG", "VBD"}
        and c.dep_ == "ccomp"
        and not any(x.dep_ in SUBJ_DEPS | {"mark", "aux", "auxpass"} for x in c.children)
    )


def _in_the_words_of(doc: Doc, t: Token) -> tuple[Span, tuple[int, int] | None] | None:
    """ "In the words of X, …" credits the rest of the sentence (usually a quotation) to X."""
    if t.i + 3 >= len(doc) or [x.lower_ for x in doc[t.i + 1 : t.i + 4]] != ["the", "words", "of"]:
        return None
    pobj = next((c for c in doc[t.i + 3].children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    # The source's subtree keeps an apposition ("the judge, Ann Lee, QC,"); when the parser
    # hangs the name elsewhere, a comma-enclosed person name right after the source is it.
    end = pobj.right_edge.i + 1
    source = _np_span(doc, pobj)
    if end + 1 < len(doc) and doc[end].text == ",":
        name = next((e for e in doc.ents if e.start == end + 1 and e.label_ == "PERSON"), None)
        if name is not None and name.end < len(doc) and doc[name.end].text == ",":
            source, end = name, name.end + 1
    sent_e = sent_bounds(doc, t.i)[1]
    content = _strip_chars(doc, end, sent_e - 1) if sent_e - end > 2 else None
    return source, content


def _strip_chars(doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    while s < e and doc[s].is_punct:
        s += 1
    while e > s and doc[e].is_punct:
        e -= 1
    return (doc[s].idx, doc[e].idx + len(doc[e].text)) if e >= s else None


def _according_content(doc: Doc, sent: Span, t: Token, subj: Span, pobj: Token) -> tuple[int, int]:
    pp_start = t.idx
    # The source's own modifiers ("a poll released Wednesday") are not the content, up to a comma.
    r = subj.end - 1
    for k in range(subj.end, min(pobj.right_edge.i + 1, sent.end)):
        if doc[k].is_punct and doc[k].text in {",", ";", ":", "—", "–"}:
            break
        r = k
    pp_end = doc[r].idx + len(doc[r].text)
    s0, e0 = sent.start_char, sent.end_char
    while e0 > s0 and (doc.text[e0 - 1] in '.!? \n"”'):
        e0 -= 1
    if pp_start - s0 <= 2:
        # "According to X, …"
        rest = pp_end
        while rest < e0 and doc.text[rest] in ", ":
            rest += 1
        return (rest, e0) if e0 > rest else (s0, e0)
    tail = doc.char_span(pp_end, e0, alignment_mode="expand")
    if e0 - pp_end <= 2 or (tail is not None and not any(t.pos_ in {"VERB", "AUX"} for t in tail)):
        end = pp_start
        while end > s0 and doc.text[end - 1] in ", ":
            end -= 1
        return s0, end
    return s0, e0


# ---------------------------------------------------------------------------------------------
# Assembly


def _alnum(text: str, s: int, e: int) -> int:
    return sum(1 for c in text[s:e] if c.isalnum())


def _has_clause(doc: Doc, s: int, e: int, min_words: int = 5) -> bool:
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct]
    if len(words) < min_words:
        return False
    return any(t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"VBG", "VBN"} for t in words)


def _adjacent_cue(doc: Doc, text: str, q: QSpan, cues: list[Cue], paras: list[tuple[int, int]]) -> Cue | None:
    """A speech verb right after the closing mark or right before the opening one, same paragraph."""
    ps, pe = paras[q.para]
    # A quotation opening its paragraph after one that ends in a colon ("… tweeted:") takes its
    # cue from there.
    prev_para = text[paras[q.para - 1][0] : paras[q.para - 1][1]].rstrip() if q.para > 0 else ""
    lead_in = _leads(text, ps, q.start - 1) and (
        prev_para.endswith(":")
        # "Smith stated,¶“…": a cue verb ending the paragraph with a comma.
        or (prev_para.endswith(",") and _ends_in_cue(cues, prev_para, paras[q.para - 1][0]))
    )
    if lead_in:
        ps = paras[q.para - 1][0]
    best: tuple[int, Cue] | None = None
    for c in cues:
        v = c.verb
        if not (ps <= v.idx < pe) or q.start <= v.idx < q.end:
            continue
        if c.according:
            # "“…,” according to U.S. officials" credits the quotation itself.
            if v.idx >= q.end and len(text[q.end : v.idx].split()) <= 1:
                best = (0, c)
            continue
        if v.lemma_.lower() not in DIRECT_ONLY_LEMMAS:
            continue
        if v.idx >= q.end:
            gap = text[q.end : v.idx]
            if any(ch in gap for ch in OPEN_DQ) or gap.count('"') > 1 or len(gap.split()) > 8:
                continue
            if "." in gap.replace("U.S.", "").rstrip(".") and not gap.strip().startswith((".", "?", "!")):
                continue
            if _opens_next(text, q, c, pe):
                continue
            dist = len(gap.split())
        else:
            gap = text[v.idx : q.start - 1]
            stripped = gap.rstrip(' "“\n')
            # A colon licenses a longer lead-in ("… promising a formal update from X: “…").
            limit = 15 if stripped.endswith(":") else 6
            if any(ch in gap for ch in CLOSE_DQ) or len(gap.split()) > limit:
                continue
            # "X said: “…" / "X said, “…" / "X said “…"; a full stop in between means the cue
            # closed an earlier sentence and this quote only continues.
            if stripped.endswith((".", "!", "?")) or (
                not stripped.endswith((":", ",")) and len(gap.split()) > 2 and not _verb_modifier(doc, v, q.start - 1)
            ):
                continue
            if v.lemma_.lower() in WEAK_LEMMAS:
                continue
            dist = len(gap.split()) + 1
        if best is None or dist < best[0]:
            best = (dist, c)
    return best[1] if best else None


def _asks(doc: Doc, c: Cue) -> bool:
    """A report inside a question of the writer's ("did he mean to suggest that …?") is not a
    claim anyone made."""
    s, e = sent_bounds(doc, c.verb.i)
    tail = doc[s:e].text.rstrip().rstrip("\"”’'")
    return tail.endswith("?") and not any(t.text in OPEN_DQ or t.text == '"' for t in doc[s : c.verb.i])


def _ends_in_cue(cues: list[Cue], para_text: str, para_start: int) -> bool:
    end = para_start + len(para_text) - 1  # the comma
    return any(not c.according and c.verb.idx + len(c.verb.text) == end for c in cues)


def _verb_modifier(doc: Doc, v: Token, open_mark: int) -> bool:
    """ "writing in a blog post “…", "said on Monday “…": only a phrase of the verb's own
    (no other verb, nothing outside its subtree) stands between the cue and the quotation."""
    between = []
    for t in doc[v.i + 1 : v.i + 12]:
        if t.idx >= open_mark:
            break
        between.append(t)
    return (
        bool(between)
        and all(t.pos_ not in {"VERB", "AUX"} and not t.is_punct and v in t.ancestors for t in between)
        and any(t.dep_ in {"prep", "npadvmod"} and t.head is v for t in between)
    )


def _opens_next(text: str, q: QSpan, c: Cue, pe: int) -> bool:
    """A cue in the sentence after a finished quotation that reports something of its own ("….”
    Smith asserted that …", "….” He continued: …") belongs to what follows it."""
    if not text[q.start : q.end].rstrip().endswith("."):
        return False
    if c.content is not None and c.content[0] > c.verb.idx:
        return True
    after = text[c.verb.idx + len(c.verb.text) : pe].lstrip()
    return after.startswith(":")


_DASH_CREDIT = re.compile(r"[\"”]?\s*[-—–]\s*((?:[A-Z][\w.'’-]*\s*){1,4})$")


def _dash_credit(doc: Doc, text: str, q: QSpan, paras: list[tuple[int, int]]) -> Cue | None:
    """'“…” — Name' at the end of a paragraph: an epigraph-style credit."""
    rest = text[q.end : paras[q.para][1]].rstrip()
    m = _DASH_CREDIT.match(rest)
    if m is None:
        return None
    dash = doc.char_span(
        q.end + rest.index(next(c for c in rest if c in "-—–")), q.end + len(rest), alignment_mode="expand"
    )
    name = doc.char_span(q.end + m.start(1), q.end + m.start(1) + len(m.group(1).rstrip()), alignment_mode="expand")
    if dash is None or name is None:
        return None
    return Cue(dash[0], name, None)


def extract_quotes(doc: Doc, doc_id: str, state: CorefState) -> list[Quote]:
    text = doc.text
    paras = _paragraphs(text)
    qspans = find_quoted_spans(text)
    cues = find_cues(doc)
    # Each item: (start, end, kind, cue, continuation?) — a continuation is a later sentence
    # of a quotation whose cue attaches to its first sentence.
    items: list[tuple[int, int, QuoteKind, Cue | None, bool]] = []
    used_q: set[int] = set()
    used_cue: set[int] = set()

    # 1. Clause-level attributions: indirect, or mixed/direct when quotes sit in the clause.
    for ci, c in enumerate(cues):
        if c.content is None or c.subj is None or not _can_speak(c.subj, state):
            continue
        cs, ce = c.content
        if ce - cs < 3 or _asks(doc, c):
            continue
        inside = [i for i, q in enumerate(qspans) if q.start < ce and q.end > cs]
        if inside:
            qin = sum(_alnum(text, max(qspans[i].start, cs), min(qspans[i].end, ce)) for i in inside)
            total = _alnum(text, cs, ce)
            if total and qin / total >= 0.9 and not (c.argument and not _has_clause(doc, cs, ce)):
                # Direct quote: handled from the quotation side. A phrase in a person's mouth
                # ("spoke of “…”") has no clause for that side to accept, so it stays mixed.
                continue
            for i in inside:
                own = _adjacent_cue(doc, text, qspans[i], cues, paras)
                if own is None or own is c or own.subj is None or not (cs <= own.verb.idx < qspans[i].start):
                    # A quotation with a cue of its own inside the clause ("reported that all
                    # they get is a message stating “…”") is also that inner source's statement.
                    used_q.add(i)
            s = min([cs] + [qspans[i].start - 1 for i in inside if qspans[i].start < cs + 5])
            e = max([ce] + [qspans[i].end + 1 for i in inside if qspans[i].end > ce - 5])
            items.append((max(0, s), min(len(text), e), "mixed", c, False))
        else:
            if c.verb.lemma_.lower() in WEAK_LEMMAS and not _can_hold_findings(c.subj, state):
                continue
            items.append((cs, ce, "indirect", c, False))
        used_cue.add(ci)

    # 2. Quotation spans: attach adjacent cues, then continuations, then drop scare quotes.
    last_frag: tuple[QSpan, Cue, int] | None = None  # last quotation with a cue, its last item
    for qi, q in enumerate(qspans):
        if qi in used_q:
            continue
        cue = _adjacent_cue(doc, text, q, cues, paras) or _dash_credit(doc, text, q, paras)
        if cue is None:
            for c in cues:
                if c.content and c.subj is not None and c.content[0] <= q.start and c.content[1] >= q.end - 1:
                    cue = c
                    break
        if cue is not None and not _has_clause(doc, q.start, q.end, min_words=3):
            # A word or two in marks next to a cue ("the 'History' section explains") is a
            # name or a scare quote, not the statement.
            continue
        sents = split_sentences(text, q.start, q.end)
        if cue is not None and last_frag is not None and _interrupted(text, last_frag, q, cue):
            # "“A,” X said, “B.”": one quotation whose sentence the cue interrupts; the record
            # runs from A to the end of B's first sentence, as news-quote corpora annotate it.
            ls, _, kind0, _, cont0 = items[last_frag[2]]
            items[last_frag[2]] = (ls, sents[0][1], kind0, cue, cont0)
            sents = sents[1:]
            for ss, se in sents:
                items.append((ss, se, "direct", cue, True))
            last_frag = None
            continue
        for n, (ss, se) in enumerate(sents):
            items.append((ss, se, "direct", cue, n > 0 or q.cont_prev))
        last_frag = (q, cue, len(items) - 1) if cue is not None else None

    items.sort(key=lambda x: (x[0], -x[1]))
    out: list[Quote] = []
    last_end_para = -10
    prev_quote: Quote | None = None
    for s, e, kind, cue, continuation in items:
        s, e = _trim(text, s, e)
        if e <= s:
            continue
        para = _para_index(paras, s)
        speaker: Resolved | None = None
        mention: Span | None = None
        if cue is None:
            q = next(q for q in qspans if q.start <= s + 1 and q.end >= e - 1)
            if not _has_clause(doc, s, e):
                continue  # title, slogan or scare quote
            if prev_quote is None or not _continues(text, paras, prev_quote, q, para, last_end_para):
                continue
            # An unattributed clause right after a quote, or re-opened in the next paragraph,
            # continues the same speaker (news convention for long quotes).
            qt = Quote(
                doc_id,
                text[s:e],
                s,
                e,
                "direct",
                prev_quote.cue,
                prev_quote.cue_start,
                prev_quote.cue_end,
                prev_quote.speaker,
                prev_quote.speaker_key,
                prev_quote.speaker_mention,
                prev_quote.speaker_start,
                prev_quote.speaker_end,
                _confidence(prev_quote.speaker_key is not None, True),
            )
            out.append(qt)
            out.extend(_nested_first_person(doc_id, text, qt))
            prev_quote = qt
            last_end_para = para
            continue
        if any(o.start == s and o.end == e and o.cue_start == cue.verb.idx for o in out):
            continue
        mention = cue.subj
        if mention is not None:
            speaker = resolve_speaker(state, mention)
        if speaker is not None:
            note_speaker(state, speaker.key, s)
        qt = Quote(
            doc_id=doc_id,
            text=text[s:e],
            start=s,
            end=e,
            kind=kind,
            cue=_cue_text(doc, cue),
            cue_start=cue.verb.idx,
            cue_end=cue.verb.idx + len(_cue_text(doc, cue)),
            speaker=speaker.name if speaker else None,
            speaker_key=speaker.key if speaker else None,
            speaker_mention=mention.text if mention is not None else None,
            speaker_start=mention.start_char if mention is not None else None,
            speaker_end=mention.end_char if mention is not None else None,
            confidence=_confidence(speaker is not None, continuation),
        )
        out.append(qt)
        if kind == "direct":
            out.extend(_nested_first_person(doc_id, text, qt))
        prev_quote = qt
        last_end_para = para
    return out


def _interrupted(text: str, prev: tuple[QSpan, Cue, int], q: QSpan, cue: Cue) -> bool:
    """Whether `q` resumes the sentence of the quotation before it around their shared cue."""
    pq, pcue, _ = prev
    if pcue is not cue or pq.para != q.para or not (pq.end <= cue.verb.idx < q.start):
        return False
    # The first part stops mid-sentence ("…,” X said, “…"), not at a full stop.
    return text[pq.start : pq.end].rstrip(" ,;:—–-\"”’'")[-1:] not in {".", "!", "?", ""}


_ABBREV_END = re.compile(r"(\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|St|Jr|Sr|No|vs|etc|U\.S|U\.K)\.)$")
# Sentence ends, and editorial elisions "[...]" that join fragments of different sentences.
_SENT_BREAK = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\s*\[(?:\.\.\.|…)\]\s*")


def split_sentences(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split quoted text into sentences so each attributed statement is its own record."""
    out: list[tuple[int, int]] = []
    cur = s
    for m in _SENT_BREAK.finditer(text, s, e):
        if _ABBREV_END.search(text[max(s, m.start() - 6) : m.start() + 1]):
            continue
        end = m.start() + (0 if text[m.start()] in " [" else 1)
        if _alnum(text, cur, end) >= 3:
            out.append((cur, end))
            cur = m.end()
    if _alnum(text, cur, e) >= 3:
        out.append((cur, e))
    elif out:
        out[-1] = (out[-1][0], e)
    return out or [(s, e)]


def _continues(text: str, paras: list[tuple[int, int]], prev: Quote, q: QSpan, para: int, last_para: int) -> bool:
    if prev.speaker_key is None and prev.speaker_mention is None:
        return False
    if q.cont_prev:
        return True
    if para == last_para:
        gap = text[prev.end : q.start]
        # Only a cue clause ("…," she said. "…") may sit between the two quotes.
        return len(gap.split()) <= 12 and gap.count(".") <= 1
    if para == last_para + 1:
        return _leads(text, paras[para][0], q.start - 1) and prev.end >= paras[last_para][1] - 3
    return False


_FIRST_PERSON_CUE = re.compile(
    r"(?:^|(?<=, ))(I|We)\s+(?:really\s+|do\s+|also\s+|still\s+)?"
    r"(think|thought|believe|believed|feel|felt|guess|suppose|hope|expect|know|knew|fear)\s+(?:that\s+)?"
)


def _nested_first_person(doc_id: str, text: str, qt: Quote) -> list[Quote]:
    """'I think X' inside a quote is itself an attribution of X to the same speaker."""
    m = _FIRST_PERSON_CUE.search(qt.text)
    if m is None or _alnum(qt.text, m.end(), len(qt.text)) < 10:
        return []
    s = qt.start + m.end()
    return [
        Quote(
            doc_id,
            text[s : qt.end],
            s,
            qt.end,
            "direct",
            m.group(2),
            qt.start + m.start(2),
            qt.start + m.end(2),
            qt.speaker,
            qt.speaker_key,
            m.group(1),
            qt.start + m.start(1),
            qt.start + m.end(1),
            # Its cue is its own ("I think"), even inside a later sentence of a quotation.
            _confidence(qt.speaker_key is not None, False),
        )
    ]


# Non-human sources that news reports as saying things ("the report found", "a statement said").
SOURCE_NOUNS = _words(
    """
    report reports study studies statement statements website site post posts letter poll survey
    data figures analysis document documents message tweet release communique agency media paper
    newspaper outlet findings results research article blog source sources court police authority
    researcher expert prosecutor investigator critic people resident association observer voter
    citizen member judge jury panel board lawmaker legislator parliament congress senate cabinet
    estimate section medium media page emissary delegation delegate negotiator mediator
    """
)


def _can_speak(subj: Span, state: CorefState) -> bool:
    """Whether a clause subject can be a speaker: an actor, a pronoun, a person or source noun."""
    if _subject_is_actorish(subj, state):
        return True
    root = subj.root
    if root.pos_ == "PROPN" or root.is_title or root.lower_ in {"it", "you", "i", "we", "they", "he", "she"}:
        return True
    lemma = root.lemma_.lower()
    return lemma in PERSON_NOUNS or lemma in ORG_NOUNS or lemma in STATE_NOUNS or lemma in SOURCE_NOUNS


def _can_hold_findings(subj: Span, state: CorefState) -> bool:
    """Who can 'find', 'show' or 'believe' something worth attributing: an actor, a person, or a
    source of evidence ("the researchers found", "the results show")."""
    if _subject_is_actorish(subj, state):
        return True
    lemma = subj.root.lemma_.lower()
    return subj.root.pos_ == "NOUN" and (lemma in SOURCE_NOUNS or lemma in PERSON_NOUNS)


def _subject_is_actorish(subj: Span, state: CorefState) -> bool:
    if any(m.start < subj.end_char and m.end > subj.start_char for m in state.mentions):
        return True
    return subj.root.lower_ in {"he", "she", "they", "i", "we"}


def _cue_text(doc: Doc, cue: Cue) -> str:
    if cue.according:
        return doc.text[cue.verb.idx : cue.verb.idx + len("according to")]
    return cue.verb.text


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in ' \n\t,:;“”"‘’':
        s += 1
    while e > s and text[e - 1] in ' \n\t,:;“”"‘’':
        e -= 1
    return s, e


def _para_index(paras: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(paras) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if paras[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo
