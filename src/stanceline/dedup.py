"""Duplicate detection: exact (normalised text hash) and near-duplicate (MinHash LSH, datasketch)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

DEDUP_VERSION = "1"
NUM_PERM = 128
SHINGLE = 5
# Stored signatures must be read back with the scheme that made them (datasketch >= 2 asks for it).
SCHEME = "affine32"
# Jaccard over word 5-shingles; 0.8 catches syndicated copies with a changed footer or headline
# while leaving two articles that share a long quote apart.
NEAR_DUP_THRESHOLD = 0.8

_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_text(text: str) -> str:
    """Case, accents, punctuation and whitespace folded: what a reader would call 'the same text'."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(folded))


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def document_id(source: str | bytes, raw_hash: str) -> str:
    """Stable id from the source and the raw input: re-ingesting the same input is a no-op, and
    re-cleaning with a newer cleaner keeps the id (the raw bytes, not the clean text, decide).

    A text source (a URL) is normalised first; bytes (a file's path relative to its input folder,
    `RawItem.id_key`) are taken as they are, whatever they are."""
    if isinstance(source, bytes):
        key = source
    else:
        # surrogatepass: a text source may carry lone surrogates (an undecodable file name).
        key = source.strip().rstrip("/").casefold().encode("utf-8", "surrogatepass")
    return hashlib.sha256(key + b"\n" + raw_hash.encode()).hexdigest()[:16]


def _shingles(text: str) -> Iterable[bytes]:
    words = normalise_text(text).split()
    if len(words) < SHINGLE:
        return [" ".join(words).encode()] if words else []
    return (" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1))


def minhash(text: str) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    mh.update_batch(list(_shingles(text)))
    return mh


def minhash_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()


def minhash_from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint64).copy())


class NearDuplicateIndex:
    """LSH over canonical documents; `find` returns the closest earlier document above threshold."""

    def __init__(self, threshold: float = NEAR_DUP_THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, doc_id: str, mh: MinHash) -> None:
        if doc_id in self._sigs:
            return
        self._lsh.insert(doc_id, mh)
        self._sigs[doc_id] = mh

    def find(self, mh: MinHash) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        for cand in self._lsh.query(mh):
            sim = float(mh.jaccard(self._sigs[cand]))
            if sim >= self.threshold and (
                best is None or sim > best[1] or (sim == best[1] and cand < best[0])
            ):
                best = (cand, sim)
        return best
