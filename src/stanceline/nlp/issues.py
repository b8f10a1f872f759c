"""Issues: the propositions a user tracks, loaded from TOML, and matched against parsed text.

Term matching compares each term word with a token's lower form or lemma, so "joins NATO" and
"joining NATO" both match the term "join NATO". A few light words (articles, possessives,
adjectives) may sit between term words: "Ukraine's accelerated NATO membership application"
still says "NATO membership". Context terms ("the alliance", "accession") count only when an
anchor word of the issue occurs in the sentence or the few sentences before it.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stanceline import config
from stanceline.errors import ConfigError
from stanceline.model import Issue

# Tokens allowed between two term words: they qualify rather than change the phrase.
_GAP_POS = {"DET", "ADJ", "ADV", "PART", "NUM"}
_MAX_GAP = 2
# How many sentences back an anchor keeps a context term on topic.
CONTEXT_WINDOW = 3


def load_issues(path: Path | None = None) -> list[Issue]:
    """Read and validate the issues file; any problem raises ConfigError naming file and reason."""
    p = Path(path) if path is not None else config.default_issues_path()
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"issues file {p}: cannot read it ({exc.strerror or exc})", code="E401") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"issues file {p}: not UTF-8 text ({exc.reason})", code="E402") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"issues file {p}: not valid TOML ({exc})", code="E402") from exc
    return parse_issues(data, source=str(p))


def parse_issues(data: dict[str, Any], *, source: str = "<issues>") -> list[Issue]:
    items = data.get("issues")
    if not isinstance(items, list) or not items:
        raise ConfigError(f"issues file {source}: needs at least one [[issues]] table", code="E403")
    out: list[Issue] = []
    seen: set[str] = set()
    for i, item in enumerate(items, 1):
        where = f"issues file {source}, issue #{i}"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: must be a table", code="E403")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}: 'name' must be a non-empty string", code="E403")
        where = f"issues file {source}, issue {name!r}"
        desc = item.get("description", "")
        if not isinstance(desc, str):
            raise ConfigError(f"{where}: 'description' must be a string", code="E403")
        terms = _str_list(item.get("terms"), f"{where}: 'terms'", required=True)
        ctx = _str_list(item.get("context_terms", []), f"{where}: 'context_terms'", required=False)
        if name.strip().lower() in seen:
            raise ConfigError(f"{where}: duplicate issue name", code="E403")
        seen.add(name.strip().lower())
        out.append(Issue(name=name.strip(), description=desc.strip(), terms=terms, context_terms=ctx))
    return out


def _str_list(value: object, what: str, *, required: bool) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if not isinstance(value, list) or (required and not value):
        raise ConfigError(f"{what} must be a {'non-empty ' if required else ''}list of strings", code="E403")
    out = []
    for v in value:
        if not isinstance(v, str) or not v.strip():
            raise ConfigError(f"{what} must hold non-empty strings, got {v!r}", code="E403")
        out.append(v.strip())
    return tuple(out)


# --- matching ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TermHit:
    term: str
    start_token: int  # doc token index
    end_token: int  # exclusive
    start: int  # character offsets into the doc text
    end: int
    context: bool  # matched a context term (needs an anchor nearby)


def anchors_of(issue: Issue) -> set[str]:
    """Capitalised words shared by two or more terms: what the issue is about ("NATO")."""
    counts: Counter[str] = Counter()
    for t in issue.terms:
        for w in set(t.split()):
            if w[:1].isupper():
                counts[w.lower()] += 1
    return {w for w, n in counts.items() if n >= 2}


def _term_words(term: str) -> list[str]:
    return [w for w in re.findall(r"[\w'-]+", term.lower()) if w]


def _tok_forms(tok: Any) -> tuple[str, ...]:
    # In a fixed order, the written form first: a set's order changes from process to process (string
    # hashing is salted), and which of two equally long terms wins depended on it.
    return tuple(dict.fromkeys((tok.lower_, tok.lemma_.lower(), tok.norm_.lower())))


class DocForms:
    """A parsed doc's sentences and each token's forms, computed once for every issue matched."""

    def __init__(self, doc: Any) -> None:
        self.sents = list(doc.sents)
        self.forms = [_tok_forms(t) for t in doc]


def _word_at(tokens: Sequence[Any], w: str, j: int, forms: Sequence[tuple[str, ...]]) -> int | None:
    """The end of term word `w` matched at token j: one token, or a hyphenated word the tokenizer
    split ("car-free" as "car", "-", "free")."""
    if w in forms[tokens[j].i]:
        return j + 1
    parts = w.split("-")
    if len(parts) < 2 or not all(parts):
        return None
    k = j
    for n, part in enumerate(parts):
        if n:
            if k >= len(tokens) or tokens[k].text != "-":
                return None
            k += 1
        if k >= len(tokens) or part not in forms[tokens[k].i]:
            return None
        k += 1
    return k


def _match_term(tokens: Sequence[Any], words: list[str], i: int, forms: Sequence[tuple[str, ...]]) -> int | None:
    """Match term `words` starting at token index i (relative to `tokens`); return end index."""
    first = _word_at(tokens, words[0], i, forms)
    if first is None:
        return None
    j: int = first
    for w in words[1:]:
        gap = 0
        end = None
        while j < len(tokens) and (end := _word_at(tokens, w, j, forms)) is None:
            # "the" inside a term is optional; light words may be inserted.
            if gap >= _MAX_GAP or (tokens[j].pos_ not in _GAP_POS and tokens[j].tag_ != "POS"
                                   and not tokens[j].is_quote):
                return None
            gap += 1
            j += 1
        if end is None:
            return None
        j = end
    return j


class IssueMatcher:
    """Finds an issue's terms in a parsed doc, sentence by sentence."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        self.terms = [(t, _term_words(t)) for t in issue.terms]
        self.context_terms = [(t, _term_words(t)) for t in issue.context_terms]
        self.anchors = anchors_of(issue)
        by_first: dict[str, list[tuple[str, list[str], bool]]] = defaultdict(list)
        for t, ws in self.terms:
            if ws:
                by_first[ws[0]].append((t, ws, False))
                if "-" in ws[0].strip("-"):
                    by_first[ws[0].split("-")[0]].append((t, ws, False))  # met split by the tokenizer
        for t, ws in self.context_terms:
            if ws:
                by_first[ws[0]].append((t, ws, True))
                if "-" in ws[0].strip("-"):
                    by_first[ws[0].split("-")[0]].append((t, ws, True))
        # Longer terms first so "NATO membership bid" beats "membership".
        self._by_first = {k: sorted(v, key=lambda x: -len(x[1])) for k, v in by_first.items()}

    def find(self, doc: Any, forms: DocForms | None = None) -> dict[int, list[TermHit]]:
        """Hits per sentence index (index into list(doc.sents))."""
        df = forms or DocForms(doc)
        sents = df.sents
        anchor_sents = [any(t.lower_ in self.anchors for t in s) for s in sents]
        out: dict[int, list[TermHit]] = {}
        for si, sent in enumerate(sents):
            toks = list(sent)
            hits: list[TermHit] = []
            i = 0
            while i < len(toks):
                cands: list[tuple[str, list[str], bool]] = []
                for f in df.forms[toks[i].i]:
                    cands.extend(self._by_first.get(f, ()))
                best: TermHit | None = None
                for term, ws, is_ctx in cands:
                    end = _match_term(toks, ws, i, df.forms)
                    if end is None:
                        continue
                    if is_ctx and not any(anchor_sents[max(0, si - CONTEXT_WINDOW) : si + 1]):
                        continue
                    hit = TermHit(term, toks[i].i, toks[end - 1].i + 1, toks[i].idx,
                                  toks[end - 1].idx + len(toks[end - 1].text), is_ctx)
                    if best is None or (hit.end_token - hit.start_token) > (best.end_token - best.start_token):
                        best = hit
                if best is not None:
                    hits.append(best)
                    i = best.end_token - sent.start
                else:
                    i += 1
            if hits:
                out[si] = hits
        return out


# --- suggestions ------------------------------------------------------------------------------

_SUPPORT_HINTS = {"support", "back", "favour", "favor", "push", "urge", "call", "want", "welcome",
                  "endorse", "advocate", "demand", "seek", "approve", "praise", "defend", "champion",
                  "lobby", "pursue", "embrace", "promote"}
_OPPOSE_HINTS = {"oppose", "reject", "against", "refuse", "block", "veto", "criticise", "criticize",
                 "condemn", "object", "resist", "scrap", "abandon", "drop", "deny", "warn", "balk",
                 "obstruct", "dismiss", "rebuff", "denounce", "wary", "opposition", "objection"}
# Nouns that name talk about something, not something people take sides on.
_REPORTING_HEADS = {
    "report", "statement", "remark", "comment", "interview", "article", "news", "story", "announcement",
    "speech", "briefing", "conference", "source", "analyst", "photo", "credit", "newsletter", "website",
    "page", "video", "podcast", "headline", "reporter", "journalist", "editor", "spokesperson",
    "spokesman", "spokeswoman", "quote", "claim", "view", "opinion", "email", "subscription", "reader",
}
# Heads too general to be an issue whatever modifies them.
_GENERIC_HEADS = {
    "thing", "way", "time", "year", "month", "week", "day", "part", "people", "person", "country", "side",
    "issue", "question", "matter", "point", "case", "fact", "leader", "official", "member", "lot", "number",
    "kind", "sort", "situation", "level", "term", "moment", "end", "state", "government", "president",
    "minister", "ally", "nation", "world", "region", "area", "group", "implication", "discussion", "effort",
    "step", "move", "sign", "hope", "idea", "shift", "prospect", "circumstance", "context", "percent",
}
# Adjectives that date or grade a phrase rather than name its subject ("immediate", "new").
_GRADING_ADJ = {
    "immediate", "new", "full", "possible", "potential", "current", "recent", "latest", "future", "further",
    "long", "longstanding", "other", "such", "own", "significant", "key", "main", "major", "strong", "big",
    "large", "small", "important", "real", "whole", "certain", "various", "many", "several", "last", "next",
    "first", "second", "final", "early", "late", "previous", "ongoing", "high", "low", "great", "good",
    "bad", "best", "clear", "same", "different", "particular", "temporary", "additional",
}


@dataclass(slots=True)
class SuggestedIssue:
    phrase: str
    count: int
    n_support_cues: int
    n_oppose_cues: int
    examples: list[str] = field(default_factory=list)

    def as_issue(self) -> Issue:
        return Issue(name=self.phrase, description=f"Proposed from the corpus: {self.phrase}",
                     terms=(self.phrase,))


def _issue_phrase(chunk: Any) -> str | None:
    """A contested-issue candidate from a noun chunk: a common-noun head with the modifiers that
    name its subject (compounds: "NATO membership", "carbon tax"; else one classifying adjective:
    "nuclear deal"). Reporting nouns, generic heads, names of people and single words are not."""
    head = chunk.root
    if head.pos_ != "NOUN" or head.ent_type_ in {"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"}:
        return None
    lemma = head.lemma_.lower()
    if lemma in _REPORTING_HEADS or lemma in _GENERIC_HEADS or len(lemma) < 3 or not lemma.isalpha():
        return None
    mods: list[Any] = []
    j = head.i - 1
    while j >= chunk.start and head.doc[j].dep_ == "compound" and head.doc[j].head.i in {head.i, *(m.i for m in mods)}:
        mods.insert(0, head.doc[j])
        j -= 1
    if not mods:
        amod = head.doc[head.i - 1] if head.i - 1 >= chunk.start else None
        if amod is not None and amod.dep_ == "amod" and amod.pos_ == "ADJ" \
                and amod.lower_ not in _GRADING_ADJ and amod.is_alpha:
            mods = [amod]
    if not mods or any(m.is_stop or not m.text[:1].isalnum() or m.ent_type_ in {"PERSON", "DATE"} for m in mods):
        return None
    words = [m.text if m.pos_ == "PROPN" or m.text.isupper() else m.lower_ for m in mods]
    return " ".join([*words, lemma])


def suggest_issues(texts: Iterable[str], nlp: Any, top: int = 10) -> list[SuggestedIssue]:
    """Frequent multi-word noun phrases that occur in sentences with supporting cues and with
    opposing ones.

    Candidates are noun chunks reduced to a head noun and the modifiers that name its subject
    (`_issue_phrase`): "NATO membership", "security guarantee", not "report" or "ally". A phrase
    only argued one way is a topic, not a contested issue; we rank by the smaller of the two cue
    counts first so the list leads with what people disagree on.
    """
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    examples: dict[str, list[str]] = defaultdict(list)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in nlp.pipe(texts, batch_size=16):
        for sent in doc.sents:
            lemmas = {t.lemma_.lower() for t in sent}
            neg = any(t.dep_ == "neg" for t in sent)
            sup = bool(lemmas & _SUPPORT_HINTS)
            opp = bool(lemmas & _OPPOSE_HINTS)
            if neg and sup and not opp:
                sup, opp = False, True
            seen: set[str] = set()
            for np in sent.noun_chunks:
                phrase = _issue_phrase(np)
                if phrase is None:
                    continue
                key = phrase.lower()
                if key in seen:
                    continue
                seen.add(key)
                forms[key][phrase] += 1
                s = stats[key]
                s[0] += 1
                s[1] += sup
                s[2] += opp
                if (sup or opp) and len(examples[key]) < 3:
                    examples[key].append(sent.text.strip())
    rows = [SuggestedIssue(forms[k].most_common(1)[0][0], n, s, o, examples[k])
            for k, (n, s, o) in stats.items() if s and o]
    rows.sort(key=lambda r: (-min(r.n_support_cues, r.n_oppose_cues), -r.count, r.phrase))
    return rows[:top]
