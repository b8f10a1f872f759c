"""Geometry for the server-rendered SVG charts (stance timeline, issue swimlanes).

Only numbers and our own labels are computed here; the template draws them, and Jinja's
autoescaping covers every string that came from an article (tooltips, actor names).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from stanceline.analyze.stories import date_span
from stanceline.model import Position, Shift, anchor
from stanceline.web.data import STANCE_ORDER
from stanceline.web.render import path_part

WIDTH = 760
LEFT = 175
RIGHT = 70  # room for the "undated" column
TOP = 20
LANE = 44
BOTTOM = 34
SWIM_LANE = 36


@dataclass(slots=True)
class Point:
    x: float
    y: float
    href: str
    title: str
    cls: str
    label: str
    r: float = 7
    count: int = 1


@dataclass(slots=True)
class Lane:
    label: str
    y: float
    cls: str
    href: str | None = None


@dataclass(slots=True)
class ShiftMark:
    x: float
    y1: float
    y2: float
    title: str
    label: str = "shift"


@dataclass(slots=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    lanes: list[Lane]
    xticks: list[tuple[float, str]]
    points: list[Point]
    path: str = ""
    shifts: list[ShiftMark] = field(default_factory=list)
    undated_x: float | None = None
    title: str = ""


def _mid(published: str | None) -> float | None:
    s = date_span(published)
    return None if s is None else (s.lo + s.hi) / 2


def _scale(values: Sequence[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if hi - lo < 60:
        lo, hi = lo - 45, hi + 45
    pad = (hi - lo) * 0.05
    return lo - pad, hi + pad


def _ticks(lo: float, hi: float, x_of: Callable[[float], float]) -> list[tuple[float, str]]:
    d_lo, d_hi = date.fromordinal(int(lo)), date.fromordinal(int(hi))
    years = d_hi.year - d_lo.year
    ticks: list[tuple[float, str]] = []
    if years >= 2:
        # At most ~8 labels, on round years, however long the span.
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if years / s <= 8)
        for y in range(d_lo.year + 1, d_hi.year + 1):
            if y % step == 0:
                ticks.append((x_of(date(y, 1, 1).toordinal()), str(y)))
    else:
        step = 1 if years == 0 and d_hi.month - d_lo.month < 8 else 3
        y, m = d_lo.year, d_lo.month
        while (y, m) <= (d_hi.year, d_hi.month):
            o = date(y, m, 1).toordinal()
            if lo <= o <= hi and (m - 1) % step == 0:
                ticks.append((x_of(o), f"{y}-{m:02d}"))
            m += 1
            if m > 12:
                y, m = y + 1, 1
    return ticks


def _doc_href(p: Position) -> str:
    return f"/documents/{path_part(p.doc_id)}#{anchor(p.id)}"


@dataclass(slots=True)
class _Placed:
    points: list[Point]
    xs: dict[str, float]
    undated_x: float | None
    x_of: Callable[[float], float]
    lo: float
    hi: float


def _place(
    positions: Sequence[Position],
    lane_y: dict[str, float],
    lane_of: Callable[[Position], str],
    *,
    lane_height: float,
    radius: float,
) -> _Placed:
    dated = [m for m in (_mid(p.date) for p in positions) if m is not None]
    lo, hi = _scale(dated) if dated else (0.0, 1.0)
    plot_w = WIDTH - LEFT - RIGHT

    def x_of(o: float) -> float:
        return LEFT + (o - lo) / (hi - lo) * plot_w

    undated_x = WIDTH - RIGHT / 2 if any(p.date is None for p in positions) else None
    # Positions on one lane with the same date are one point (the most confident one is linked;
    # the count is shown): the table under the chart lists each of them.
    groups: dict[tuple[str, str | None], list[Position]] = defaultdict(list)
    for p in positions:
        groups[(lane_of(p), p.date)].append(p)
    step = 2 * radius + 1
    offsets = [0.0]
    k = 1
    while k * step + radius <= lane_height / 2:
        offsets += [-k * step, k * step]
        k += 1
    taken: dict[str, list[tuple[float, float]]] = defaultdict(list)
    points: list[Point] = []
    xs: dict[str, float] = {}
    for (lane, when), ps in sorted(groups.items(), key=lambda kv: (kv[0][1] or "9999", kv[0][0])):
        ps.sort(key=lambda p: (-p.confidence, p.doc_id, p.start))
        best = ps[0]
        m = _mid(when)
        x = x_of(m) if m is not None else (undated_x or WIDTH - RIGHT / 2)
        # Time stays true on x; points that would cover each other move up or down in their lane.
        used = taken[lane]
        dy = next(
            (o for o in offsets if all(abs(x - ux) >= step or abs(o - uy) >= step for ux, uy in used)),
            0.0,
        )
        used.append((x, dy))
        for p in ps:
            xs[p.id] = x
        n = len(ps)
        more = f" (+{n - 1} more that day)" if n > 1 else ""
        points.append(
            Point(
                x=round(x, 1),
                y=lane_y[lane] + dy,
                href=_doc_href(best),
                title=f"{when or 'undated'} · {best.actor} · {best.stance} ({best.voice}) — {best.evidence}{more}",
                cls=f"pt stance-{best.stance}",
                label=f"{best.actor}: {best.stance}, {when or 'undated'}" + (f", {n} positions" if n > 1 else ""),
                r=radius,
                count=n,
            )
        )
    return _Placed(points, xs, undated_x, x_of, lo, hi)


def stance_chart(
    positions: Sequence[Position], shifts: Sequence[Shift], *, title: str, rows: Sequence[Any] = ()
) -> Chart:
    """One actor on one issue: time on x, stance on y, a point per position, shifts marked.

    The dashed trace follows the timeline rows (the stance aggregated per period) when given,
    so one hedging sentence among several supportive ones does not zigzag the line.
    """
    lanes = [Lane(s, TOP + i * LANE + LANE / 2, f"lane stance-{s}") for i, s in enumerate(STANCE_ORDER)]
    lane_y = {ln.label: ln.y for ln in lanes}
    height = TOP + LANE * len(lanes) + BOTTOM
    pl = _place(positions, lane_y, lambda p: p.stance, lane_height=LANE, radius=7)
    points, xs, undated_x, x_of, lo, hi = pl.points, pl.xs, pl.undated_x, pl.x_of, pl.lo, pl.hi
    # The line follows the dated positions in order: where it jumps lanes, the stance moved.
    if rows:
        dated_rows = sorted((r for r in rows if _mid(r.period) is not None), key=lambda r: _mid(r.period) or 0.0)
        # a "mixed" period has no lane of its own: the line passes it by
        ordered = [(x_of(_mid(r.period)), lane_y[r.stance]) for r in dated_rows if r.stance in lane_y]  # type: ignore[arg-type]
    else:
        ordered = [
            (xs[p.id], lane_y[p.stance])
            for p in sorted(positions, key=lambda p: (p.date or "", p.doc_id, p.start))
            if p.date
        ]
    path = " ".join(("M" if i == 0 else "L") + f"{x:.1f},{y:.1f}" for i, (x, y) in enumerate(ordered))
    marks = []
    for s in shifts:
        m = _mid(s.after_date)
        if m is None:
            continue
        marks.append(
            ShiftMark(
                x=round(x_of(m), 1),
                y1=TOP,
                y2=TOP + LANE * len(lanes),
                title=f"shift: {s.from_stance} ({s.before_date}) → {s.to_stance} ({s.after_date})",
            )
        )
    return Chart(
        width=WIDTH,
        height=height,
        left=LEFT,
        right=RIGHT,
        lanes=lanes,
        xticks=_ticks(lo, hi, x_of) if any(p.date for p in positions) else [],
        points=points,
        path=path if len(ordered) > 1 else "",
        shifts=marks,
        undated_x=undated_x,
        title=title,
    )


def swimlane_chart(
    positions: Sequence[Position], shifts: Sequence[Shift], names: dict[str, str], *, title: str
) -> Chart:
    """All actors on one issue: a lane per actor, points coloured by stance."""
    count = Counter(p.actor_key for p in positions)
    keys = sorted(count, key=lambda k: (-count[k], names.get(k, k)))
    lanes = [
        Lane(names.get(k, k), TOP + i * SWIM_LANE + SWIM_LANE / 2, "lane", f"/actors/{path_part(k)}")
        for i, k in enumerate(keys)
    ]
    lane_y = {k: ln.y for k, ln in zip(keys, lanes, strict=True)}
    height = TOP + SWIM_LANE * len(lanes) + BOTTOM
    pl = _place(positions, lane_y, lambda p: p.actor_key, lane_height=SWIM_LANE, radius=6)
    points, undated_x, x_of, lo, hi = pl.points, pl.undated_x, pl.x_of, pl.lo, pl.hi
    marks = []
    for s in shifts:
        m = _mid(s.after_date)
        if m is None or s.actor_key not in lane_y:
            continue
        y = lane_y[s.actor_key]
        marks.append(
            ShiftMark(
                x=round(x_of(m), 1),
                y1=y - SWIM_LANE / 2 + 2,
                y2=y + SWIM_LANE / 2 - 2,
                title=f"{s.actor} shift: {s.from_stance} → {s.to_stance} ({s.after_date})",
                label="",
            )
        )
    return Chart(
        width=WIDTH,
        height=height,
        left=LEFT,
        right=RIGHT,
        lanes=lanes,
        xticks=_ticks(lo, hi, x_of) if any(p.date for p in positions) else [],
        points=points,
        shifts=marks,
        undated_x=undated_x,
        title=title,
    )
