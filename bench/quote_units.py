"""Quotation units for the quote benchmark: gold units built from GUM, stance_news_en's gold, and
the views a system's quote records are scored in.

A *quotation unit* is the contiguous quoted material of one speaker (the unit of PolNeAR,
Quotebank and the GenderGapTracker): "A," she said, "B. C." is one unit. GUM annotates one
sentence-ish attribution per quotation and leaves the later sentences of a quotation unmarked,
so its quotation units are derived here, mechanically, from its gold:

1. each quoted (direct or mixed) gold content span that touches a stretch in quotation marks is
   widened to the whole stretch;
2. a later stretch in the same paragraph after a short attribution gap (at most 12 words outside
   the marks), or one that re-opens the next paragraph after an unclosed stretch, joins the unit
   unless another gold attribution claims it;
3. consecutive units of the same gold speaker entity with such a gap between them are one unit.

stance_news_en's gold (`gold/gold.json`) lists quotes as a `contains` substring plus a speaker
regex; its README's rule scores them: a gold quote is found when some record's text contains the
`contains` string or lies inside it, and its speaker is right when the record's speaker matches
the regex. Precision here is the share of records that hold at least one gold quote (a lower bound:
the gold may not list every quote), so a quotation cut into three records counts two false ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_GAP_WORDS = 12
_OPEN = '“„«"'


def _stretches(text: str, mask: Any) -> list[tuple[int, int]]:
    """Runs of characters inside double quotation marks (the scorer's own mask), per paragraph."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if mask[i]:
            j = i
            while j < n and mask[j]:
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _words_outside(text: str, mask: Any, s: int, e: int) -> int:
    return len(re.findall(r"\w+", "".join(ch if not mask[k] else " " for k, ch in enumerate(text[s:e], s))))


def gum_units(doc: dict[str, Any], mask: Any) -> list[dict[str, Any]]:
    """GUM gold attributions as quotation units (rules in the module doc); indirect ones as they are."""
    text = doc["text"]
    stretches = _stretches(text, mask)
    atts = sorted(doc["attributions"], key=lambda a: a["content"][0][0])
    claimed: dict[int, int] = {}  # stretch index -> attribution index
    for ai, a in enumerate(atts):
        for si, (qs, qe) in enumerate(stretches):
            if any(s < qe and e > qs for s, e in a["content"]):
                claimed.setdefault(si, ai)
    units: list[dict[str, Any]] = []
    for ai, a in enumerate(atts):
        if a["quote_type"] == "indirect":
            units.append(dict(a))
            continue
        spans = [tuple(s) for s in a["content"]]
        mine = sorted(si for si, owner in claimed.items() if owner == ai)
        for si in mine:
            spans.append(stretches[si])
        last = mine[-1] if mine else None
        while last is not None and last + 1 < len(stretches) and (last + 1) not in claimed:
            qs, qe = stretches[last]
            ns, ne = stretches[last + 1]
            between = text[qe:ns]
            same_para = "\n" not in between and _words_outside(text, mask, qe, ns) <= _GAP_WORDS
            reopens = between.strip(" \t\"”’'") == "" and "\n" in between and text[ns - 1] in _OPEN
            if not (same_para or reopens):
                break
            spans.append((ns, ne))
            claimed[last + 1] = ai
            last += 1
        units.append(dict(a, content=_union(spans)))
    merged: list[dict[str, Any]] = []
    for u in units:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and u["quote_type"] != "indirect"
            and prev["quote_type"] != "indirect"
            and u.get("speaker_entity") is not None
            and u.get("speaker_entity") == prev.get("speaker_entity")
        ):
            pe, us = prev["content"][-1][1], u["content"][0][0]
            if us >= pe and "\n" not in text[pe:us] and _words_outside(text, mask, pe, us) <= _GAP_WORDS:
                prev["content"] = _union([tuple(s) for s in prev["content"] + u["content"]])
                continue
        merged.append(dict(u))
    return merged


def _union(spans: list[tuple[int, int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def gum_unit_gold(gold: list[dict[str, Any]], scorer_mask: Any, quote_type: Any) -> list[dict[str, Any]]:
    """The GUM documents with their attributions replaced by quotation units, typed again."""
    out = []
    for d in gold:
        mask = scorer_mask(d["text"])
        units = gum_units(d, mask)
        for u in units:
            u["quote_type"] = quote_type(d["text"], mask, u["content"])
        out.append(d | {"attributions": units})
    return out


# --------------------------------------------------------------------------------------------
# stance_news_en


def load_stance_news(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(documents as {doc_id, text}, gold quotes) of stance_news_en; doc_id is the file's number."""
    docs = []
    for p in sorted((folder / "docs").glob("*.txt")):
        docs.append({"doc_id": p.name[:3], "text": p.read_text(encoding="utf-8")})
    gold = json.loads((folder / "gold" / "gold.json").read_text(encoding="utf-8"))["quotes"]
    return docs, gold


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')).strip()


def score_stance_news(
    docs: list[dict[str, Any]], gold: list[dict[str, Any]], preds: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """Found / speaker-right / precision on stance_news_en (rule in the module doc).

    `preds[doc_id]` holds records {text, speaker_text, kind}; `text` is the record's quoted words.
    """
    found = spk = 0
    by_kind: dict[str, list[int]] = {}
    hit_records: set[tuple[str, int]] = set()
    n_pred = sum(len(v) for v in preds.values())
    for g in gold:
        want = _norm(g["contains"])
        recs = preds.get(g["doc"], [])
        texts = [_norm(r["text"]) for r in recs]
        hits = [i for i, t in enumerate(texts) if want in t or (t and t in want)]
        k = by_kind.setdefault(g["kind"], [0, 0, 0])
        k[0] += 1
        if not hits:
            continue
        found += 1
        k[1] += 1
        hit_records.update((g["doc"], i) for i in hits)
        rx = re.compile(g["speaker"], re.I)
        if any(rx.search(recs[i].get("speaker_text") or "") for i in hits):
            spk += 1
            k[2] += 1
    n = len(gold)
    p = len(hit_records) / n_pred if n_pred else 0.0
    r = found / n if n else 0.0
    return {
        "n_gold": n,
        "n_pred": n_pred,
        "found": found,
        "recall": r,
        "precision_lower_bound": p,
        "F1": 2 * p * r / (p + r) if p + r else 0.0,
        "speaker_right": spk,
        "speaker_acc_on_found": spk / found if found else 0.0,
        "by_kind": {k: {"n": v[0], "found": v[1], "speaker_right": v[2]} for k, v in sorted(by_kind.items())},
    }


# --------------------------------------------------------------------------------------------
# quotes_fresh_en (bench/data/quotes_fresh_en): invented passages with inline gold markup

_TAG = re.compile(r"\{([csv])(\d+(?:,\d+)*):")
_ROLE = {"c": "content", "s": "source", "v": "cue"}


def _parse_marked(marked: str) -> tuple[str, dict[int, dict[str, list[list[int]]]]]:
    """Plain text and, per attribution number, its content/source/cue spans, from `{cN:…}` markup."""
    out: list[str] = []
    pos = 0
    stack: list[tuple[str, list[int], int]] = []
    atts: dict[int, dict[str, list[list[int]]]] = {}
    i = 0
    while i < len(marked):
        m = _TAG.match(marked, i)
        if m:
            stack.append((m.group(1), [int(x) for x in m.group(2).split(",")], pos))
            i = m.end()
            continue
        if marked[i] == "}" and stack:
            role, nums, start = stack.pop()
            for n in nums:
                atts.setdefault(n, {"content": [], "source": [], "cue": []})[_ROLE[role]].append([start, pos])
            i += 1
            continue
        out.append(marked[i])
        pos += 1
        i += 1
    if stack:
        raise ValueError(f"unclosed markup {stack}")
    return "".join(out), atts


def load_fresh(folder: Path, mask_fn: Any, quote_type: Any, name: str = "passages.txt") -> list[dict[str, Any]]:
    """The passages of `folder/name` as gold documents in the GUM/PolNeAR schema."""
    docs: list[dict[str, Any]] = []
    blocks = re.split(r"^=== (\S+)\n", (folder / name).read_text(encoding="utf-8"), flags=re.M)
    for doc_id, body in zip(blocks[1::2], blocks[2::2], strict=True):
        lines = [ln for ln in body.strip("\n").split("\n") if ln.strip() and not ln.startswith("#")]
        names = {}
        for ln in (ln for ln in lines if ln.startswith("@")):
            num, _, rest = ln[1:].partition(" name=")
            names[int(num)] = rest.split("|")
        text, atts = _parse_marked("\n".join(ln for ln in lines if not ln.startswith("@")))
        mask = mask_fn(text)
        attributions = []
        for n, a in sorted(atts.items()):
            src = a["source"]
            variants = names.get(n) or [" ".join(text[s:e] for s, e in src)]
            attributions.append(
                {
                    "id": f"A{n}",
                    "content": a["content"],
                    "source": src,
                    "cue": a["cue"],
                    "content_text": " ... ".join(text[s:e] for s, e in a["content"]),
                    "source_text": " ".join(text[s:e] for s, e in src),
                    "cue_text": " ".join(text[s:e] for s, e in a["cue"]),
                    "has_source": bool(src),
                    "speaker_entity": doc_id + ":" + variants[0],
                    "speaker_name": variants[0],
                    "speaker_name_variants": variants,
                    "source_form": "pronoun" if n in names else "name",
                    "quote_type": quote_type(text, mask, a["content"]),
                }
            )
        docs.append({"doc_id": doc_id, "split": "fresh", "text": text, "attributions": attributions})
    return docs
