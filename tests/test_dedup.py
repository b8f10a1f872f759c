from __future__ import annotations

import random

from datasketch import MinHashLSH

from stanceline.dedup import (
    NEAR_DUP_THRESHOLD,
    NUM_PERM,
    band_keys,
    closest,
    document_id,
    lsh_shape,
    minhash,
    minhash_bytes,
    minhash_from_bytes,
    normalise_text,
    text_hash,
)

BASE = (
    "Ukrainian President Volodymyr Zelensky over the weekend offered to abandon hopes of NATO membership "
    "in return for security guarantees from the US and other partners, a move that analysts described as "
    "a significant concession made under pressure from Washington ahead of talks in Berlin on Monday."
)


def test_dedup_text_hash_ignores_case_whitespace_and_punctuation() -> None:
    assert text_hash(BASE) == text_hash("  " + BASE.upper().replace(",", " ,") + "\n")
    assert text_hash(BASE) != text_hash(BASE.replace("Berlin", "Paris"))
    assert normalise_text("Kyiv’s  BID!") == "kyiv s bid"


def test_dedup_document_id_is_stable_and_source_sensitive() -> None:
    assert document_id("a/b.txt", "h") == document_id(" a/b.txt/", "h")
    assert document_id("a/b.txt", "h") != document_id("a/c.txt", "h")
    assert document_id("a/b.txt", "h") != document_id("a/b.txt", "g")


def test_dedup_closest_finds_near_copy_and_not_distinct_text() -> None:
    orig = minhash_bytes(minhash(BASE + " " + BASE))
    syndicated = minhash_bytes(minhash(BASE + " " + BASE + " Subscribe to our newsletter."))
    hit = closest(syndicated, [("orig", orig)])
    assert hit is not None and hit[0] == "orig" and hit[1] >= 0.8
    other = "The central bank raised interest rates by half a point on Thursday, citing persistent inflation."
    assert closest(minhash_bytes(minhash(other * 3)), [("orig", orig)]) is None
    # Equal similarity: the smaller id wins, whatever the order of candidates.
    assert closest(orig, [("b", orig), ("a", orig)]) == ("a", 1.0)


def test_dedup_band_keys_give_datasketch_lsh_candidates() -> None:
    """Documents sharing a stored band key are exactly the ones MinHashLSH would return."""
    rng = random.Random(5)
    words = [f"w{i}" for i in range(400)]
    base = [rng.choice(words) for _ in range(300)]
    texts = []
    for i in range(60):
        t = list(base)
        for _ in range(i * 3):  # from near copies to unrelated text
            t[rng.randrange(len(t))] = rng.choice(words)
        texts.append(" ".join(t))
    sigs = {f"d{i}": minhash_bytes(minhash(t)) for i, t in enumerate(texts)}
    lsh = MinHashLSH(threshold=NEAR_DUP_THRESHOLD, num_perm=NUM_PERM)
    for k, sig in sigs.items():
        lsh.insert(k, minhash_from_bytes(sig))
    table: dict[tuple[int, int], set[str]] = {}
    for k, sig in sigs.items():
        keys = band_keys(sig)
        assert len(keys) == lsh_shape()[0]
        for bk in keys:
            table.setdefault(bk, set()).add(k)
    for sig in sigs.values():
        ours = set().union(*(table.get(bk, set()) for bk in band_keys(sig)))
        assert ours == set(lsh.query(minhash_from_bytes(sig)))


def test_dedup_minhash_roundtrips_through_bytes() -> None:
    mh = minhash(BASE)
    back = minhash_from_bytes(minhash_bytes(mh))
    assert back.jaccard(mh) == 1.0
