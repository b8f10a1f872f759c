"""A small hand-built corpus for the web tests: the NATO story plus one hostile document.

Records are constructed directly (Document, Quote, Position, Actor, NlpResult) and stored through
`Store`, so the tests do not depend on the NLP models; offsets are found in the text, so
`text[start:end]` is always exactly the evidence.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from stanceline.analyze.stories import build_stories
from stanceline.model import Actor, Document, Mention, Position, Quote
from stanceline.store.db import DocFilter, NlpResult, Store

ISSUE = "Ukraine joins NATO"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_URL = "javascript:alert(1)"

ACTORS = [
    Actor("person:zelensky", "Volodymyr Zelensky", "PERSON", ["Zelensky", "Zelenskyy", "Volodymyr Zelensky"]),
    Actor("person:rutte", "Mark Rutte", "PERSON", ["Rutte", "Mark Rutte"]),
    Actor("russia", "Russia", "GPE", ["Russia", "Moscow", "the Kremlin"]),
    Actor("nato", "NATO", "ORG", ["NATO", "Nato", "the alliance"]),
    Actor("person:evil", XSS_SCRIPT, "PERSON", [XSS_IMG, XSS_SCRIPT]),
]


@dataclass
class Spec:
    key: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    text: str
    quotes: list[tuple[str, str, str]]  # (quote text, speaker mention, speaker key)
    positions: list[tuple[str, str, str, str]]  # (evidence sentence, actor key, stance, voice)
    mentions: list[tuple[str, str]]  # (surface, actor key)


SPECS = [
    Spec(
        "e2022",
        "Responsible Statecraft",
        "Is Ukraine dropping talk of an accelerated NATO bid?",
        "2022-11",
        "https://responsiblestatecraft.org/2022/11/ukraine-nato-bid/",
        "Ukraine applied for accelerated NATO membership in September. "
        'Zelensky said "Ukraine belongs in NATO and we will not give up our path to membership." '
        "Russia has warned that NATO expansion to its borders is unacceptable.",
        [("Ukraine belongs in NATO and we will not give up our path to membership.", "Zelensky", "person:zelensky")],
        [
            (
                'Zelensky said "Ukraine belongs in NATO and we will not give up our path to membership."',
                "person:zelensky",
                "support",
                "quote",
            ),
            ("Russia has warned that NATO expansion to its borders is unacceptable.", "russia", "oppose", "reported"),
        ],
        [("Zelensky", "person:zelensky"), ("Russia", "russia")],
    ),
    Spec(
        "rs2024",
        "Responsible Statecraft",
        "Diplomacy Watch: Imminent Ukraine invitation to NATO unlikely",
        "2024-10-18",
        "https://responsiblestatecraft.org/2024/10/diplomacy-watch-nato-invitation/",
        "Zelensky presented his victory plan to allies this week. "
        '"The first step should be an invitation to join NATO," Zelensky told reporters in Brussels. '
        "NATO Secretary General Mark Rutte said the victory plan deserved respect "
        "but that an invitation was not on the table now. "
        "Diplomats said the alliance was divided over the invitation and the victory plan.",
        [
            ("The first step should be an invitation to join NATO,", "Zelensky", "person:zelensky"),
        ],
        [
            (
                '"The first step should be an invitation to join NATO," Zelensky told reporters in Brussels.',
                "person:zelensky",
                "support",
                "quote",
            ),
            (
                "NATO Secretary General Mark Rutte said the victory plan deserved respect "
                "but that an invitation was not on the table now.",
                "person:rutte",
                "neutral",
                "reported",
            ),
        ],
        [("Zelensky", "person:zelensky"), ("Mark Rutte", "person:rutte"), ("NATO", "nato")],
    ),
    Spec(
        "ki2024",
        "Kyiv Post",
        "Zelensky presses allies on NATO invitation in victory plan",
        "2024-10",
        "https://www.kyivpost.com/post/victory-plan-nato-invitation",
        "Zelensky urged allies to issue an invitation to join NATO as the first point of his victory plan. "
        "Rutte said the alliance would keep supporting Ukraine but gave no date for an invitation. "
        "The victory plan also asks for long-range weapons.",
        [],
        [
            (
                "Zelensky urged allies to issue an invitation to join NATO as the first point of his victory plan.",
                "person:zelensky",
                "support",
                "outlet",
            ),
            (
                "Rutte said the alliance would keep supporting Ukraine but gave no date for an invitation.",
                "person:rutte",
                "neutral",
                "reported",
            ),
        ],
        [("Zelensky", "person:zelensky"), ("Rutte", "person:rutte")],
    ),
    Spec(
        "uh2025",
        "UnHerd",
        None,
        "2025-12-15",
        "https://unherd.com/newsroom/zelensky-offers-to-drop-nato-bid/",
        "In Berlin, Zelensky offered to drop Ukraine's NATO bid in exchange for security guarantees from the West. "
        '"We are ready to give up membership if the guarantees are real," Zelensky said. '
        "The Kremlin said any security guarantees involving Western troops were unacceptable.",
        [("We are ready to give up membership if the guarantees are real,", "Zelensky", "person:zelensky")],
        [
            (
                '"We are ready to give up membership if the guarantees are real," Zelensky said.',
                "person:zelensky",
                "conditional",
                "quote",
            ),
            (
                "The Kremlin said any security guarantees involving Western troops were unacceptable.",
                "russia",
                "oppose",
                "reported",
            ),
        ],
        [("Zelensky", "person:zelensky"), ("The Kremlin", "russia")],
    ),
    Spec(
        "wire2025",
        None,
        "Ukraine Reconsiders NATO Aspirations as Peace Talks Move Forward",
        "2025-12",
        None,
        "Ukraine Reconsiders NATO Aspirations as Peace Talks Move Forward\n\n"
        "Ukraine signalled in Berlin that it could drop its NATO bid in exchange for security guarantees. "
        "Zelensky said guarantees must be legally binding before Ukraine gives up membership.",
        [],
        [
            (
                "Zelensky said guarantees must be legally binding before Ukraine gives up membership.",
                "person:zelensky",
                "conditional",
                "reported",
            ),
        ],
        [("Zelensky", "person:zelensky")],
    ),
    Spec(
        "hostile",
        XSS_IMG,
        XSS_SCRIPT + " NATO " + XSS_IMG,
        "2023-05-02",
        XSS_URL,
        f"Breaking: {XSS_SCRIPT} appeared on the page. "
        f'Someone said "{XSS_IMG} NATO membership now" according to the leak. '
        f"The agent {XSS_SCRIPT} backed NATO membership for Ukraine. "
        f'Click <a href="{XSS_URL}">here</a> for more.',
        [(f"{XSS_IMG} NATO membership now", XSS_SCRIPT, "person:evil")],
        [(f"The agent {XSS_SCRIPT} backed NATO membership for Ukraine.", "person:evil", "support", "outlet")],
        [(XSS_SCRIPT, "person:evil")],
    ),
]


def doc_id(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _find(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    i = text.index(needle, after)
    return i, i + len(needle)


def build(store: Store, *, hostile: bool = True) -> dict[str, Document]:
    names = {a.key: a.name for a in ACTORS}
    docs: dict[str, Document] = {}
    for spec in SPECS:
        if spec.key == "hostile" and not hostile:
            continue
        d = Document(
            id=doc_id(spec.key),
            source=spec.url or f"/corpus/{spec.key}.txt",
            text=spec.text,
            raw_hash=hashlib.sha256(spec.text.encode()).hexdigest(),
            url=spec.url,
            outlet=spec.outlet,
            title=spec.title,
            published=spec.published,
            date_source="manifest" if spec.published else "none",
            date_confidence=1.0 if spec.published else 0.0,
            language="en",
        )
        store.add_document(
            d,
            raw=spec.text.encode(),
            media_type="text/plain",
            text_hash=hashlib.sha256(spec.text.encode()).hexdigest(),
            minhash=None,
            date_evidence=f"manifest: {spec.published}" if spec.published else None,
        )
        docs[spec.key] = d
        quotes = []
        for qtext, mention, key in spec.quotes:
            qs, qe = _find(d.text, qtext)
            ms, me = _find(d.text, mention)
            quotes.append(Quote(d.id, qtext, qs, qe, "direct", "said", None, None, names[key], key, mention, ms, me))
        positions = []
        for ev, key, stance, voice in spec.positions:
            s, e = _find(d.text, ev)
            positions.append(
                Position(d.id, names[key], key, ISSUE, stance, 0.8, spec.published, voice, ev, s, e)  # type: ignore[arg-type]
            )
        mentions = []
        for surface, key in spec.mentions:
            pos = 0
            while surface in d.text[pos:]:
                s, e = _find(d.text, surface, pos)
                mentions.append(Mention(d.id, key, surface, s, e, "PERSON"))
                pos = e
        store.replace_nlp(NlpResult(d.id, mentions, quotes, [], positions, {}), ACTORS)
    store.replace_stories(build_stories(list(store.iter_documents(DocFilter(include_duplicates=False)))))
    return docs


def build_random(store: Store, seed: int, n_docs: int = 40) -> None:
    """Many positions with what makes a timeline's order hard: two actors with one name, several
    spellings of the issue and of a name, nested and undated periods, several positions a cell."""
    rng = random.Random(seed)
    actors = [
        Actor("person:a", "Anna Berg", "PERSON", ["Anna"]),
        Actor("person:b", "Anna Berg", "PERSON", []),
        Actor("person:d", "Dmitri", "PERSON", ["DMITRI"]),
        Actor("gpe:e", "Estonia", "GPE", []),
    ]
    surfaces = {"person:a": ["Anna Berg", "Anna"], "person:b": ["Anna Berg"], "person:d": ["Dmitri", "DMITRI"],
                "gpe:e": ["Estonia"]}
    for i in range(n_docs):
        sentences = [f"Sentence {j} of {i} on the alliance." for j in range(6)]
        text = " ".join(sentences)
        published = rng.choice(["2022", "2022-03", "2022-03-01", "2023-11-05", None, "2024-02"])
        d = Document(id=doc_id(f"random{seed}-{i}"), source=f"/random/{i}.txt", text=text,
                     raw_hash=hashlib.sha256(text.encode()).hexdigest(), published=published)
        store.add_document(d, raw=text.encode(), media_type="text/plain", text_hash=d.raw_hash, minhash=None)
        positions = []
        for s in rng.sample(sentences, 4):
            a = rng.choice(actors)
            start = text.index(s)
            positions.append(Position(
                d.id, rng.choice(surfaces[a.key]), a.key, rng.choice([ISSUE, ISSUE.lower()]),
                rng.choice(["support", "oppose", "neutral", "conditional"]),  # type: ignore[arg-type]
                rng.choice([0.5, 0.7, 0.9, 0.9]), published, "quote", s, start, start + len(s),
            ))
        store.replace_nlp(NlpResult(d.id, [], [], [], positions, {}), actors)
