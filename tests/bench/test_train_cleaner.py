"""The line model's out-of-fold harness: folds are grouped by site, not by host name.

URLs here are made up for the test (example domains and an imagined blog platform)."""

from __future__ import annotations

from typing import Any

import pytest
from bench.train_cleaner import site_folds, site_of


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.harbourpost.example/2026/wall", "https://news.harbourpost.example/other"),
        ("https://www.gazette.co.uk/a", "https://sport.gazette.co.uk/b"),
        ("https://ann.quillpages.com/p/one", "https://tom.quillpages.com/p/two"),
    ],
)
def test_train_cleaner_site_of_joins_hosts_of_one_domain(a: str, b: str) -> None:
    assert site_of(a, "x") == site_of(b, "y")


def test_train_cleaner_site_of_keeps_other_domains_apart() -> None:
    assert site_of("https://www.gazette.co.uk/a", "x") != site_of("https://www.herald.co.uk/a", "x")
    assert site_of("https://a.example.org/", "x") != site_of("https://a.example.net/", "x")
    # a page without a URL is its own site
    assert site_of(None, "page-17") == "page-17"
    assert site_of("http://10.0.0.7/x", "p") == "10.0.0.7"


def test_train_cleaner_folds_never_share_a_site() -> None:
    hosts = ["www.a.example", "news.a.example", "b.example", "c.example", "blog1.quillpages.com",
             "blog2.quillpages.com", "d.example", "e.example", "f.example", "g.example"]
    pages: list[dict[str, Any]] = [
        {"host": site_of(f"https://{h}/story", h), "y": [0, 1, 1]} for h in hosts
    ]
    line_site = [p["host"] for p in pages for _ in p["y"]]
    folds = site_folds(pages, n_splits=3)
    assert len(folds) == 3
    seen: list[int] = []
    for train, test in folds:
        assert not {line_site[i] for i in train} & {line_site[i] for i in test}
        seen += list(test)
    assert sorted(seen) == list(range(len(line_site)))
