"""One sentence by one holder bearing on two issues is two stored positions."""

from __future__ import annotations

from pathlib import Path

from stanceline.dedup import text_hash
from stanceline.model import Document, Position
from stanceline.store.db import Store


def test_store_one_sentence_on_two_issues_keeps_both_positions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'two.db'}"
    text = "The river board said it backed both the north ferry and the south ferry."
    with Store(url) as store:
        d = Document(id="d", source="d.txt", text=text, raw_hash="d", title="Ferries")
        store.add_document(d, raw=text.encode(), media_type="text/plain", text_hash=text_hash(text), minhash=None)
        rows = [
            Position("d", "River board", "river board", issue, "support", 0.8, None, "reported", text, 0, len(text))
            for issue in ("North ferry runs", "South ferry runs")
        ]
        store.replace_positions("d", rows, "test")
        assert sorted(p.issue for p in store.positions()) == ["North ferry runs", "South ferry runs"]
