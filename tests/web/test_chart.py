"""Chart geometry: the axis spans the publication dates, positions the text dates outside them sit
at the edge with a mark of their own, close points share a marker with a count, a legend, two
geometries; and the standalone SVG download."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from datetime import date

from fastapi.testclient import TestClient
from web_corpus import ISSUE

from stanceline.model import Position
from stanceline.web import chart


def pos(doc: str, when: str | None, stance: str = "support", actor: str = "person:a", start: int = 0) -> Position:
    return Position(doc, actor.split(":")[-1].title(), actor, "Issue X", stance, 0.8, when, "quote",  # type: ignore[arg-type]
                    f"A sentence written for this test ({doc}).", start, start + 10)


def year_of(label: str) -> int:
    return int(label[:4])


def test_chart_axis_covers_publication_dates_and_outside_positions_sit_at_the_edge() -> None:
    ps = [pos("d1", "2022-11"), pos("d2", "2024-06-03", "conditional"), pos("d3", "2025-12-15", "oppose"),
          pos("d3", "2008", "support", start=50)]
    span = chart.published_span(["2022-11-02", "2024-06-03", "2025-12-15"])
    for geo in (chart.WIDE, chart.NARROW):
        c = chart.stance_chart(ps, [], title="t", span=span, geo=geo)
        years = [year_of(lab) for _, lab in c.xticks]
        assert years and min(years) >= 2022 and max(years) <= 2026, years
        edge = [p for p in c.points if p.shape == "before"]
        assert len(edge) == 1 and "2008" in edge[0].title and "outside" in edge[0].cls
        assert edge[0].x <= geo.left + edge[0].r + 0.1
        inside = [p for p in c.points if p.shape == "circle"]
        assert all(geo.left < p.x < geo.width - geo.right for p in inside)
        # The axis is the coverage: its 2024 tick sits near the middle of the plot, not squeezed right.
        x2024 = next(x for x, lab in c.xticks if lab.startswith("2024"))
        assert 0.3 < (x2024 - geo.left) / (geo.width - geo.left - geo.right) < 0.6
        assert "dated outside the coverage" in {i.label for i in c.legend}
        assert all(0 <= i.x < geo.width for i in c.legend)
    # Without the publication span the same 2008 position would stretch the axis back to it.
    wide = chart.stance_chart(ps, [], title="t")
    assert min(year_of(lab) for _, lab in wide.xticks) <= 2010


def test_chart_points_a_few_days_apart_share_a_marker_with_their_count() -> None:
    ps = [pos("d1", "2024-03-01"), pos("d2", "2024-03-02"), pos("d3", "2024-03-04"), pos("d4", "2021-01-10")]
    span = chart.published_span(["2021-01-10", "2024-03-04"])
    c = chart.stance_chart(ps, [], title="t", span=span)
    counts = sorted(p.count for p in c.points)
    assert counts == [1, 3]
    merged = next(p for p in c.points if p.count == 3)
    assert "2024-03-01 – 2024-03-04" in merged.title and "3 positions" in merged.label
    assert "n: positions at one spot" in {i.label for i in c.legend}
    # Different stances on the same days stay apart: they are on different lanes.
    c2 = chart.stance_chart([pos("d1", "2024-03-01"), pos("d2", "2024-03-02", "oppose")], [], title="t", span=span)
    assert sorted(p.count for p in c2.points) == [1, 1]


def test_chart_swimlane_legend_names_each_stance_shown_and_nothing_else() -> None:
    ps = [pos("d1", "2024-01-05", "support", "person:a"), pos("d2", "2024-09-01", "oppose", "person:b")]
    c = chart.swimlane_chart(ps, [], {"person:a": "A", "person:b": "B"}, title="t",
                             span=chart.published_span(["2024-01-05", "2024-09-01"]))
    assert [i.label for i in c.legend] == ["support", "oppose"]
    assert {p.cls.split()[1] for p in c.points} == {"stance-support", "stance-oppose"}


def test_chart_ticks_fit_the_narrow_width() -> None:
    lo, hi = date(2000, 1, 1).toordinal(), date(2025, 1, 1).toordinal()
    c = chart.stance_chart([pos("d", "2000-01-01"), pos("e", "2025-01-01")], [], title="t",
                           span=(float(lo), float(hi)), geo=chart.NARROW)
    xs = [x for x, _ in c.xticks]
    assert 2 <= len(xs) <= 5 and all(b - a >= 40 for a, b in itertools.pairwise(xs))


def test_chart_svg_downloads_are_standalone_svg(client: TestClient) -> None:
    for url in (f"/issues/{ISSUE}/chart.svg", "/actors/person:zelensky/chart.svg?issue=" + ISSUE):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("image/svg+xml")
        root = ET.fromstring(r.content)  # well-formed XML, so any article text in it is escaped
        ns = "{http://www.w3.org/2000/svg}"
        assert root.tag == f"{ns}svg"
        assert root.find(f"{ns}style") is not None and "stance-support" in (root.find(f"{ns}style").text or "")
        assert root.find(f"{ns}g[@class='legend']") is not None
    assert client.get("/actors/person:rutte/chart.svg?issue=No such issue").status_code == 404
