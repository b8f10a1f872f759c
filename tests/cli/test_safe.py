"""Untrusted text reaches the terminal with its control characters made visible, never obeyed."""

from __future__ import annotations

import os
import re
from pathlib import Path

from typer.testing import CliRunner

from stanceline.cli import app
from stanceline.cli.safe import escape, plain, visible

runner = CliRunner()
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BODY = (
    "The harbour board said on Monday that the old pier would close for repairs in March, "
    "and that ferries would use the northern quay until the work is finished next year.\n\n"
    "Fishermen asked for a temporary landing stage, which the board promised to consider.\n"
)


def test_safe_controls_are_written_as_escapes() -> None:
    assert visible("a\x1b[2Jb\x07\u202ec") == "a\\x1b[2Jb\\x07\\u202ec"
    assert visible("two\nlines\tand tab") == "two\nlines\tand tab"
    assert visible("two\nlines", one_line=True) == "two\\x0alines"
    assert escape("[bold]x\r") == "\\[bold]x\\x0d"
    assert plain("a\x9bb").plain == "a\\x9bb"


def test_safe_every_reading_command_escapes_stored_text(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = "\x1b]0;owned\x07report\x1b[2J.txt"
    (corpus / name).write_text("\x1b[31mHarbour\u202e news\n\n" + BODY.replace("pier", "pier\x1b[8m"))
    (corpus / ("bad\x1b[1m" + os.fsdecode(b"\xff") + ".html")).write_bytes(b"\x00\x01binary")
    db = str(tmp_path / "t.db")
    ingested = runner.invoke(app, ["ingest", str(corpus), "--no-nlp", "--db", db])
    assert ingested.exit_code == 1, ingested.output  # the binary file failed
    outputs = [ingested.output]
    listing = runner.invoke(app, ["docs", "--db", db])
    doc_id = re.search(r"\b[0-9a-f]{16}\b", listing.output)
    assert doc_id, listing.output
    outputs.append(listing.output)
    for args in (["show", doc_id.group(0)], ["stats"], ["failures"], ["search", "harbour"]):
        res = runner.invoke(app, [*args, "--db", db])
        assert res.exit_code == 0, (args, res.output)
        outputs.append(res.output)
    for out in outputs:
        assert not UNSAFE.search(out), repr(UNSAFE.search(out))
    assert "owned\\x07report" in outputs[2].replace("\n", "")  # shown, visibly
