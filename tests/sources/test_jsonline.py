"""Untrusted JSON lines: whatever the parser refuses is that line's error, with a plain reason."""

from __future__ import annotations

import pytest

from stanceline.sources.jsonline import JsonLineError, parse_json_line


def test_jsonline_reads_utf8_and_legacy_encodings() -> None:
    assert parse_json_line('{"title": "Café"}'.encode()) == {"title": "Café"}
    assert parse_json_line('{"title": "Café"}'.encode("cp1252")) == {"title": "Café"}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"n": ' + b"7" * 5000 + b"}", "bad JSON: a number too long to read (over 4,300 digits)"),
        (b"[" * 100_000 + b"]" * 100_000, "bad JSON: nested too deeply to read"),
        (b'{"n": 1', "bad JSON: Expecting ',' delimiter: line 1 column 8 (char 7)"),
        (b"\xff\xfe\x00{", None),
    ],
)
def test_jsonline_hostile_lines_raise_one_error_type(line: bytes, reason: str | None) -> None:
    with pytest.raises(JsonLineError) as caught:
        parse_json_line(line)
    assert caught.value.reason.startswith("bad JSON")
    if reason:
        assert caught.value.reason == reason
