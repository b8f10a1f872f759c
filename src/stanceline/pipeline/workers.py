"""What the pipeline asks of each worker process besides its tasks: a warm-up and its versions."""

from __future__ import annotations

from dataclasses import replace

from stanceline.scale.executor import ExecutorOptions


def warm_nlp() -> None:
    """Load the spaCy pipeline (cached per process by the loader): each worker loads it once."""
    from stanceline.nlp.pipeline import load_nlp

    load_nlp()


def versions() -> dict[str, str]:
    """The package and stage versions this process stamps on what it computes."""
    from stanceline import __version__
    from stanceline.nlp.stage import stage_versions as nlp_versions
    from stanceline.pipeline.prepare import stage_versions

    return {"stanceline": __version__, **stage_versions(), **nlp_versions(())}


def for_run(options: ExecutorOptions, *, nlp: bool) -> ExecutorOptions:
    """The executor options with this run's worker warm-up and version check filled in."""
    return replace(options, warm=options.warm or (warm_nlp if nlp else None), versions=options.versions or versions)
