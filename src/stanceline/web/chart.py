"""Geometry for the server-rendered SVG charts (stance timeline, issue swimlanes).

Only numbers and our own labels are computed here; the template draws them, and Jinja's
autoescaping covers every string that came from an article (tooltips, actor names).

The time axis spans the publication dates of the documents the positions come from: a position
the text dates far outside them (a statement recalled from years before) is drawn at the axis'
edge with a mark of its own instead of stretching the axis. Points of one lane that would cover
each other (within a marker's width) are one marker with their count. Each chart comes in two
geometries, wide and narrow, so its text keeps a legible size on a phone instead of shrinking
with the whole drawing.
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

TOP = 20
LANE = 44
BOTTOM = 34
SWIM_LANE = 36
LEGEND_ROW = 20


@dataclass(frozen=True, slots=True)
class Geometry:
    name: str
    width: int
    left: int  # room for lane labels
    right: int  # room for the "undated" column
    label_chars: int  # lane labels are cut to this many characters
    char_px: float  # the legend's estimate of one character's width


WIDE = Geometry("wide", 760, 175, 70, 21, 6.6)
# Drawn at about its own size in a phone's 390 px viewport, so 12 px text stays about 11 px.
NARROW = Geometry("narrow", 340, 92, 46, 11, 7.2)
WIDTH, LEFT, RIGHT = WIDE.width, WIDE.left, WIDE.right


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
    shape: str = "circle"  # or "before"/"after": dated by the text outside the publication range


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
class LegendItem:
    x: float
    y: float
    cls: str
    label: str
    shape: str = "circle"


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
    legend: list[LegendItem] = field(default_factory=list)
    geometry: str = "wide"
    label_chars: int = 21


def _mid(published: str | None) -> float | None:
    s = date_span(published)
    return None if s is None else (s.lo + s.hi) / 2


def _scale(values: Sequence[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if hi - lo < 60:
        lo, hi = lo - 45, hi + 45
    pad = (hi - lo) * 0.05
    return lo - pad, hi + pad


def _ticks(
    lo: float, hi: float, x_of: Callable[[float], float], geo: Geometry = WIDE
) -> list[tuple[float, str]]:
    d_lo, d_hi = date.fromordinal(int(lo)), date.fromordinal(int(hi))
    years = d_hi.year - d_lo.year
    ticks: list[tuple[float, str]] = []
    # Labels that fit the plot's width: about one per 70 px.
    most = max(2, (geo.width - geo.left - geo.right) // 70)
    if years >= 2:
        # At most `most` labels, on round years, however long the span.
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if years / s <= most)
        for y in range(d_lo.year + 1, d_hi.year + 1):
            if y % step == 0:
                ticks.append((x_of(date(y, 1, 1).toordinal()), str(y)))
    else:
        months = years * 12 + d_hi.month - d_lo.month
        step = next(s for s in (1, 2, 3, 6, 12) if months / s <= most)
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
    outside: bool


def published_span(published: Sequence[str | None]) -> tuple[float, float] | None:
    """The day range (ordinals) the publication dates cover, or None when none is known."""
    spans = [sp for sp in (date_span(p) for p in published) if sp is not None]
    if not spans:
        return None
    return float(min(sp.lo for sp in spans)), float(max(sp.hi for sp in spans))


def _place(
    positions: Sequence[Position],
    lane_y: dict[str, float],
    lane_of: Callable[[Position], str],
    *,
    lane_height: float,
    radius: float,
    geo: Geometry,
    span: tuple[float, float] | None,
) -> _Placed:
    dated = [m for m in (_mid(p.date) for p in positions) if m is not None]
    if span is not None:
        lo, hi = _scale([span[0], span[1]])
    else:
        lo, hi = _scale(dated) if dated else (0.0, 1.0)
    plot_w = geo.width - geo.left - geo.right

    def x_of(o: float) -> float:
        return geo.left + (o - lo) / (hi - lo) * plot_w

    undated_x = geo.width - geo.right / 2 if any(p.date is None for p in positions) else None
    step = 2 * radius + 2

    def where(p: Position) -> tuple[str, float]:
        """The marker kind and x of a position: in range, at an edge, or in the undated column."""
        m = _mid(p.date)
        if m is None:
            return "circle", undated_x or geo.width - geo.right / 2
        if m < lo:
            return "before", geo.left + radius
        if m > hi:
            return "after", geo.left + plot_w - radius
        return "circle", x_of(m)

    # Positions of one lane closer than a marker's width are one marker (the most confident one is
    # linked; the count is shown): the table under the chart lists each of them.
    groups: dict[tuple[str, str, int], list[Position]] = defaultdict(list)
    spots: dict[tuple[str, str, int], float] = {}
    for p in positions:
        shape, x = where(p)
        key = (lane_of(p), shape, int((x - geo.left) // step))
        groups[key].append(p)
        spots.setdefault(key, x)
    offsets = [0.0]
    k = 1
    while k * step + radius <= lane_height / 2:
        offsets += [-k * step, k * step]
        k += 1
    taken: dict[str, list[tuple[float, float]]] = defaultdict(list)
    points: list[Point] = []
    xs: dict[str, float] = {}
    outside = False
    for key, ps in sorted(groups.items(), key=lambda kv: (spots[kv[0]], kv[0])):
        lane, shape, _ = key
        ps.sort(key=lambda p: (-p.confidence, p.doc_id, p.start))
        best = ps[0]
        x = (step * (key[2] + 0.5) + geo.left) if shape == "circle" and best.date else spots[key]
        x = min(max(x, geo.left + radius), geo.width - radius)
        outside = outside or shape != "circle"
        # Time stays true on x (to a marker's width); markers that still touch move up or down.
        used = taken[lane]
        dy = next(
            (o for o in offsets if all(abs(x - ux) >= step or abs(o - uy) >= step for ux, uy in used)),
            0.0,
        )
        used.append((x, dy))
        for p in ps:
            xs[p.id] = x
        n = len(ps)
        dates = sorted({p.date or "undated" for p in ps})
        when = dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}"
        stances = Counter(p.stance for p in ps)
        mix = ", ".join(f"{c} {s}" for s, c in sorted(stances.items(), key=lambda kv: (-kv[1], kv[0])))
        edge = {"before": " (dated by the text before the coverage)", "after": " (dated by the text after it)"}
        more = f" (+{n - 1} more: {mix})" if n > 1 else ""
        points.append(
            Point(
                x=round(x, 1),
                y=lane_y[lane] + dy,
                href=_doc_href(best),
                title=(
                    f"{when}{edge.get(shape, '')} · {best.actor} · {best.stance} ({best.voice}) — "
                    f"{best.evidence}{more}"
                ),
                cls=f"pt stance-{best.stance}" + (" outside" if shape != "circle" else ""),
                label=f"{best.actor}: {best.stance}, {when}" + (f", {n} positions" if n > 1 else ""),
                r=radius + 2 if n > 1 else radius,  # room for the count
                count=n,
                shape=shape,
            )
        )
    return _Placed(points, xs, undated_x, x_of, lo, hi, outside)


def _legend(
    stances: set[str], *, counts: bool, outside: bool, shifts: bool, geo: Geometry, y0: float
) -> list[LegendItem]:
    """The legend's items, laid out left to right and wrapped to the chart's width."""
    items: list[tuple[str, str, str]] = [(f"pt stance-{s}", s, "circle") for s in STANCE_ORDER if s in stances]
    if counts:
        items.append(("pt legend-count", "n: positions at one spot", "count"))
    if outside:
        items.append(("pt outside", "dated outside the coverage", "before"))
    if shifts:
        items.append(("shift", "shift", "shift"))
    out: list[LegendItem] = []
    x, y = 10.0, y0
    for cls, label, shape in items:
        w = 22 + len(label) * geo.char_px
        if x + w > geo.width - 6 and x > 10:
            x, y = 10.0, y + LEGEND_ROW
        out.append(LegendItem(round(x, 1), y, cls, label, shape))
        x += w + 12
    return out


def _legend_rows(items: list[LegendItem], y0: float) -> float:
    return (max((i.y for i in items), default=y0 - LEGEND_ROW) - y0) + LEGEND_ROW


def stance_chart(
    positions: Sequence[Position],
    shifts: Sequence[Shift],
    *,
    title: str,
    rows: Sequence[Any] = (),
    span: tuple[float, float] | None = None,
    geo: Geometry = WIDE,
) -> Chart:
    """One actor on one issue: time on x, stance on y, a point per position, shifts marked.

    The dashed trace follows the timeline rows (the stance aggregated per period) when given,
    so one hedging sentence among several supportive ones does not zigzag the line. `span` is the
    publication range the axis covers (see `published_span`).
    """
    lanes = [Lane(s, TOP + i * LANE + LANE / 2, f"lane stance-{s}") for i, s in enumerate(STANCE_ORDER)]
    lane_y = {ln.label: ln.y for ln in lanes}
    pl = _place(positions, lane_y, lambda p: p.stance, lane_height=LANE, radius=7, geo=geo, span=span)
    xs, x_of, lo, hi = pl.xs, pl.x_of, pl.lo, pl.hi

    def inside(m: float | None) -> bool:
        return m is not None and lo <= m <= hi

    # The line follows the dated positions in order: where it jumps lanes, the stance moved.
    if rows:
        dated_rows = sorted((r for r in rows if inside(_mid(r.period))), key=lambda r: _mid(r.period) or 0.0)
        # a "mixed" period has no lane of its own: the line passes it by
        ordered = [(x_of(_mid(r.period)), lane_y[r.stance]) for r in dated_rows if r.stance in lane_y]  # type: ignore[arg-type]
    else:
        ordered = [
            (xs[p.id], lane_y[p.stance])
            for p in sorted(positions, key=lambda p: (p.date or "", p.doc_id, p.start))
            if inside(_mid(p.date))
        ]
    path = " ".join(("M" if i == 0 else "L") + f"{x:.1f},{y:.1f}" for i, (x, y) in enumerate(ordered))
    marks = []
    for s in shifts:
        m = _mid(s.after_date)
        if not inside(m):
            continue
        marks.append(
            ShiftMark(
                x=round(x_of(m), 1),  # type: ignore[arg-type]
                y1=TOP,
                y2=TOP + LANE * len(lanes),
                title=f"shift: {s.from_stance} ({s.before_date}) → {s.to_stance} ({s.after_date})",
            )
        )
    chart = _chart(positions, pl, lanes, marks, base=TOP + LANE * len(lanes) + BOTTOM, geo=geo, span=span)
    chart.path = path if len(ordered) > 1 else ""
    chart.title = title
    return chart


def dated_or_span(positions: Sequence[Position], span: tuple[float, float] | None) -> bool:
    return span is not None or any(p.date for p in positions)


def swimlane_chart(
    positions: Sequence[Position],
    shifts: Sequence[Shift],
    names: dict[str, str],
    *,
    title: str,
    span: tuple[float, float] | None = None,
    geo: Geometry = WIDE,
) -> Chart:
    """All actors on one issue: a lane per actor, points coloured by stance."""
    count = Counter(p.actor_key for p in positions)
    keys = sorted(count, key=lambda k: (-count[k], names.get(k, k)))
    lanes = [
        Lane(names.get(k, k), TOP + i * SWIM_LANE + SWIM_LANE / 2, "lane", f"/actors/{path_part(k)}")
        for i, k in enumerate(keys)
    ]
    lane_y = {k: ln.y for k, ln in zip(keys, lanes, strict=True)}
    pl = _place(positions, lane_y, lambda p: p.actor_key, lane_height=SWIM_LANE, radius=6, geo=geo, span=span)
    x_of, lo, hi = pl.x_of, pl.lo, pl.hi
    marks = []
    for s in shifts:
        m = _mid(s.after_date)
        if m is None or not lo <= m <= hi or s.actor_key not in lane_y:
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
    chart = _chart(positions, pl, lanes, marks, base=TOP + SWIM_LANE * len(lanes) + BOTTOM, geo=geo, span=span)
    chart.title = title
    return chart


def _chart(
    positions: Sequence[Position],
    pl: _Placed,
    lanes: list[Lane],
    marks: list[ShiftMark],
    *,
    base: float,
    geo: Geometry,
    span: tuple[float, float] | None,
) -> Chart:
    """The chart around placed points: its axis ticks, its legend below the axis, its size."""
    legend = _legend(
        {p.stance for p in positions},
        counts=any(p.count > 1 for p in pl.points),
        outside=pl.outside,
        shifts=bool(marks),
        geo=geo,
        y0=base + 4,
    )
    return Chart(
        width=geo.width,
        height=int(base + _legend_rows(legend, base + 4) + 6),
        left=geo.left,
        right=geo.right,
        lanes=lanes,
        xticks=_ticks(pl.lo, pl.hi, pl.x_of, geo) if dated_or_span(positions, span) else [],
        points=pl.points,
        shifts=marks,
        undated_x=pl.undated_x,
        legend=legend,
        geometry=geo.name,
        label_chars=geo.label_chars,
    )
