from __future__ import annotations

from stanceline.dedup import (
    NearDuplicateIndex,
    document_id,
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


def test_dedup_near_duplicate_found_and_distinct_text_not() -> None:
    idx = NearDuplicateIndex()
    idx.add("orig", minhash(BASE + " " + BASE))
    syndicated = BASE + " " + BASE + " Subscribe to our newsletter."
    hit = idx.find(minhash(syndicated))
    assert hit is not None and hit[0] == "orig" and hit[1] >= 0.8
    other = "The central bank raised interest rates by half a point on Thursday, citing persistent inflation."
    assert idx.find(minhash(other * 3)) is None


def test_dedup_minhash_roundtrips_through_bytes() -> None:
    mh = minhash(BASE)
    back = minhash_from_bytes(minhash_bytes(mh))
    assert back.jaccard(mh) == 1.0
