"""The language a document is written in, identified from its clean text.

py3langid (a maintained fork of langid.py: a naive Bayes model over byte n-grams of many languages,
shipped inside the PyPI package, about 4.6 MB, no download at run time) reads the start of the
text (`SAMPLE_CHARS`). The page's own `lang` attribute is a fallback only: templates declare the
site's default language whatever the article is in. When the text is too short or the model is
unsure, the declared language stands, else the language is unknown (None), never a guess.

The package is pinned by version and wheel hash in `requirements-model.txt`; without it,
`check_language_model()` and `identify()` raise a coded `ModelMissingError` telling how to install it.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
from functools import lru_cache
from typing import Any

from stanceline.errors import ModelMissingError

LANGID_DIST = "py3langid"
LANGID_VERSION = "0.4.0"
LANGID_WHEEL_SHA256 = "c25bd038147951ba3a89efe9ec12cc7d2116cb6f311ff8af84ade398a8bc0616"
E_LANGID_MISSING = "E302"

# Enough text for a confident answer on an article; the cost grows with the sample (about 7 ms
# for 1,000 characters on this machine, 20 ms for 3,000).
SAMPLE_CHARS = 1200
# Below this many letters the n-gram evidence is too thin to overrule the page's declaration.
MIN_LETTERS = 40
# The model's normalised probability below which its answer is not taken.
MIN_CONFIDENCE = 0.6

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_DECLARED = re.compile(r"^[a-z]{2,3}$")


def _install_hint() -> str:
    return f"pip install --require-hashes '{LANGID_DIST}=={LANGID_VERSION}' --hash=sha256:{LANGID_WHEEL_SHA256}"


def check_language_model() -> None:
    """Raise ModelMissingError unless the pinned language identifier is installed (cheap: no load)."""
    if importlib.util.find_spec("py3langid") is None:
        raise ModelMissingError(
            f"language identification needs {LANGID_DIST}=={LANGID_VERSION}, which is not installed: "
            f"{_install_hint()} (or bash scripts/setup.sh)",
            code=E_LANGID_MISSING,
        )
    found = importlib.metadata.version(LANGID_DIST)
    if found != LANGID_VERSION:
        raise ModelMissingError(
            f"language identification is pinned to {LANGID_DIST}=={LANGID_VERSION}, found {found}: {_install_hint()}",
            code=E_LANGID_MISSING,
        )


@lru_cache(maxsize=1)
def _identifier() -> Any:
    check_language_model()
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def declared_language(value: str | None) -> str | None:
    """A declared language tag ("en-GB", "de_DE", "FR") as its primary subtag, or None."""
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return primary if _DECLARED.match(primary) else None


def identify(text: str, declared: str | None = None) -> tuple[str | None, float]:
    """(language code, confidence) of `text`: the model's answer when it is sure, else the
    declared language (confidence 0), else (None, 0)."""
    sample = text[:SAMPLE_CHARS]
    fallback = declared_language(declared)
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return fallback, 0.0
    code, prob = _identifier().classify(sample)
    if float(prob) < MIN_CONFIDENCE:
        return fallback, 0.0
    return str(code), round(float(prob), 3)
