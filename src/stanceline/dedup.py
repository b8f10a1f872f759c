"""Duplicate detection: exact (normalised text hash) and near-duplicate (MinHash LSH bands).

Nothing here holds the corpus in memory, and numpy and datasketch load only when a signature is made
or compared (an unchanged re-run needs neither). The exact check is a lookup of the text hash, which a unique
index on canonical documents makes race-safe; the near check looks up a new document's LSH band keys
in an indexed table (`dedup_bands`, written by the store) and compares the MinHash signatures of the
few documents that share a band. The banding is datasketch's own (`MinHashLSH` picks b and r for the
threshold), so the candidates, and therefore the duplicates found, are those of an in-memory
`MinHashLSH` over the same documents.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import MinHash

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
    from datasketch import MinHash  # imported on first use: an unchanged re-run never needs it

    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    # Each distinct shingle once: the signature is a minimum over the set, so repeats change
    # nothing but cost hashing time (a text of one repeated phrase has almost no distinct ones).
    mh.update_batch(list(set(_shingles(text))))
    return mh


def minhash_bytes(mh: MinHash) -> bytes:
    import numpy as np

    return np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()


def minhash_from_bytes(data: bytes) -> MinHash:
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint64).copy())


@cache
def lsh_shape(threshold: float = NEAR_DUP_THRESHOLD) -> tuple[int, int]:
    """(bands, rows) as datasketch's MinHashLSH chooses them: 9 bands of 13 rows for 0.8 and 128
    permutations (equal false-positive and false-negative weights)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def band_keys(signature: bytes) -> list[tuple[int, int]]:
    """(band, key) pairs for a stored signature: key is a signed 64-bit hash of the band's rows, so it
    fits a BIGINT column; a collision only adds a candidate, which the Jaccard check then rejects."""
    # The signature's bytes are its uint64 values in order: a band is a slice of 8 * rows bytes.
    bands, rows = lsh_shape()
    out = []
    for band in range(bands):
        chunk = signature[band * rows * 8 : (band + 1) * rows * 8]
        key = int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)
        out.append((band, key))
    return out


def closest(signature: bytes, candidates: Iterable[tuple[str, bytes]], threshold: float = NEAR_DUP_THRESHOLD) -> (
    tuple[str, float] | None
):
    """The candidate most similar to `signature` at or above threshold; ties go to the smaller id."""
    mh = minhash_from_bytes(signature)
    best: tuple[str, float] | None = None
    for cand, sig in candidates:
        sim = float(mh.jaccard(minhash_from_bytes(sig)))
        if sim >= threshold and (best is None or sim > best[1] or (sim == best[1] and cand < best[0])):
            best = (cand, sim)
    return best
