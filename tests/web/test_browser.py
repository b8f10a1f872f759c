"""Pages in a real headless browser (Debian's chromium through Playwright).

Each page is loaded and screenshotted to tests/_artifacts/screenshots/ so a person can look; the
timeline chart's points are clicked through to their evidence; hostile markup must stay text.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from web_corpus import XSS_IMG, XSS_SCRIPT

from stanceline.web.app import create_app

CHROMIUM = Path(os.environ.get("STANCELINE_CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(__file__).resolve().parents[1] / "_artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """uvicorn on 127.0.0.1 on a free port, in a thread, for the length of a module."""

    def __init__(self, db_url: str, write_token: str | None = None) -> None:
        self.port = _free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(
                create_app(db_url, write_token=write_token), host="127.0.0.1", port=self.port, log_level="warning"
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    pw = pytest.importorskip("playwright.sync_api")
    # launch() gives the browser a fresh throwaway profile of its own (Playwright refuses an
    # explicit --user-data-dir here), so nothing leaks between runs.
    with pw.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def site(corpus_url: str) -> Iterator[Server]:
    with Server(corpus_url) as s:
        yield s


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(5000)
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def shot(pg: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def test_browser_every_page_loads(page: Any, site: Server, corpus_docs: dict[str, str]) -> None:
    story = page.request.get(site.url("/api/stories")).json()["items"][0]["id"]
    pages = {
        "documents": "/",
        "search": "/?q=invitation",
        "document": f"/documents/{corpus_docs['rs2024']}",
        "actors": "/actors",
        "actor": "/actors/person:zelensky",
        "issues": "/issues",
        "issue": "/issues/Ukraine joins NATO",
        "stories": "/stories",
        "story": f"/stories/{story}",
        "digest": "/digest",
    }
    for name, path in pages.items():
        resp = page.goto(site.url(path))
        assert resp.status == 200, (path, resp.status)
        assert page.locator("h1").first.is_visible(), path
        assert page.locator("header.top nav a").count() >= 5, path
        shot(page, name)
    # The stylesheet is ours, served by the app: nothing loads from anywhere else.
    assert page.evaluate("[...document.styleSheets].every(s => s.href && s.href.includes('/static/'))")
    assert page.errors == [], page.errors  # type: ignore[attr-defined]


def test_browser_timeline_point_leads_to_its_evidence(page: Any, site: Server) -> None:
    page.goto(site.url("/actors/person:zelensky"))
    points = page.locator("svg.timeline.wide a.point")
    n = points.count()
    assert n == 3  # five positions, two pairs of them days apart: one marker each, with a count
    positions = page.request.get(site.url("/api/positions?actor=person:zelensky")).json()["items"]
    evidence_by_anchor = {p["link"].split("#", 1)[1]: p["evidence"] for p in positions}
    assert page.locator("svg.timeline.wide .shift").count() == 1
    for i in range(n):
        page.goto(site.url("/actors/person:zelensky"))
        page.locator("svg.timeline.wide a.point").nth(i).click()
        page.wait_for_url("**/documents/**")
        anchor = page.evaluate("location.hash").lstrip("#")
        assert anchor in evidence_by_anchor
        target = page.locator(f"[id='{anchor}']")
        assert target.is_visible()
        assert target.inner_text().strip() == evidence_by_anchor[anchor].strip()
        assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < 900, "the evidence is scrolled into view"
    shot(page, "document-evidence")


def test_browser_hostile_markup_stays_text(page: Any, site: Server, corpus_docs: dict[str, str]) -> None:
    paths = [
        f"/documents/{corpus_docs['hostile']}",
        "/",
        "/actors",
        "/actors/person:evil",
        "/documents",
        "/quotes",
        "/positions?limit=500",
        "/issues/Ukraine joins NATO",
        "/digest",
        "/?q=agent",
    ]
    for path in paths:
        page.goto(site.url(path))
        page.wait_for_timeout(50)
        # The only scripts are the app's own files (chart downloads), none inline or injected.
        assert page.evaluate(
            "[...document.scripts].every(s => s.src && new URL(s.src).pathname.startsWith('/static/'))"
        ), path
        assert page.evaluate("document.images.length") == 0, path
        bad = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
            ".filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map(a => a.name))"
        )
        assert bad == [], (path, bad)
    page.goto(site.url(f"/documents/{corpus_docs['hostile']}"))
    assert page.locator("article h1").inner_text() == f"{XSS_SCRIPT} NATO {XSS_IMG}"
    assert page.locator("article .kicker").inner_text().lower() == XSS_IMG.lower()
    assert XSS_SCRIPT in page.locator("#text").inner_text()
    assert page.locator(".plain-url").inner_text() == "javascript:alert(1)"
    page.goto(site.url("/actors/person:evil"))
    assert page.locator("h1").inner_text() == XSS_SCRIPT
    shot(page, "hostile-actor")
    assert page.dialogs == [], page.dialogs  # type: ignore[attr-defined]


def test_browser_pages_work_without_javascript(browser: Any, site: Server, corpus_docs: dict[str, str]) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    ctx.set_default_timeout(5000)
    pg = ctx.new_page()
    try:
        pg.goto(site.url("/"))
        pg.select_option("select[name=outlet]", "UnHerd")
        pg.click("form.filter-form button[type=submit]")
        pg.wait_for_url("**outlet=UnHerd**")
        titles = pg.locator(".doclist .doc h3").all_inner_texts()
        assert len(titles) == 1
        assert pg.locator(".results .count").inner_text() == "1 document (filtered)"
        # One form: searching from a filtered list keeps the filters.
        pg.fill("aside input[name=q]", "guarantees")
        pg.click("aside form button[type=submit]")
        pg.wait_for_url("**/?q=guarantees**")
        assert "outlet=UnHerd" in pg.url
        assert pg.locator(".doclist .doc").count() == 1
        assert pg.locator(".doclist mark").count() >= 1
        assert pg.locator(".results .count").inner_text() == "1–1 of 1 document (filtered)"
        assert pg.locator("select[name=outlet]").input_value() == "UnHerd"
        assert pg.locator("aside input[name=q]").input_value() == "guarantees"
        # Without the outlet the same words find the other outlets' documents too.
        pg.select_option("select[name=outlet]", "")
        pg.click("aside form button[type=submit]")
        pg.wait_for_url("**/?q=guarantees**")
        assert "(filtered)" not in pg.locator(".results .count").inner_text()
        assert pg.locator(".doclist .doc").count() >= 2
        pg.goto(site.url("/digest"))
        pg.select_option("select[name=issue]", "Ukraine joins NATO")
        pg.fill("input[name=since]", "2025")
        pg.click("form.digest-form button")
        pg.wait_for_url("**/digest?issue=**")
        assert "supports with conditions" in pg.locator(".digest").inner_text()
    finally:
        ctx.close()


def test_browser_seed_corpus_pages(browser: Any, seeds_url: str) -> None:
    """The sample corpus through the real pipeline: every page renders, screenshots for the README."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(5000)
    pg = ctx.new_page()
    try:
        with Server(seeds_url) as s:
            story = pg.request.get(s.url("/api/stories")).json()["items"]
            docs = pg.request.get(s.url("/api/documents")).json()["items"]
            pages = {
                "seeds-documents": "/",
                "seeds-document": f"/documents/{docs[0]['id']}",
                "seeds-actor-timeline": "/actors/person:zelensky",
                "seeds-issue": "/issues/Ukraine joins NATO",
                "seeds-digest": "/digest",
            }
            if story:
                pages["seeds-story"] = f"/stories/{story[0]['id']}"
            for name, path in pages.items():
                resp = pg.goto(s.url(path))
                assert resp.status == 200, (path, resp.status)
                shot(pg, name)
            pg.goto(s.url("/actors/person:zelensky"))
            assert pg.locator("svg.timeline.wide a.point").count() >= 2
            pg.locator("svg.timeline.wide a.point").first.click()
            pg.wait_for_url("**/documents/**")
            assert pg.evaluate("!!document.querySelector(':target')")
    finally:
        ctx.close()


def test_browser_docs_render_the_operations_offline(page: Any, site: Server) -> None:
    """Swagger UI at /docs reads the OpenAPI 3.1 document and shows every operation, with no request
    leaving 127.0.0.1."""
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site.url("")) else None)
    page.goto(site.url("/docs"))
    page.locator(".opblock").first.wait_for(state="visible", timeout=15000)
    spec = page.request.get(site.url("/openapi.json")).json()
    n_ops = sum(len(ops) for ops in spec["paths"].values())
    assert page.locator(".opblock").count() == n_ops
    assert page.locator(".opblock-summary-path", has_text="/api/documents").first.is_visible()
    assert "Unable to render" not in page.locator("body").inner_text()
    assert page.locator(".errors-wrapper").count() == 0
    # An operation opens to its parameters and its documented errors.
    page.locator(".opblock-summary-path", has_text="/api/documents").first.click()
    body = page.locator(".opblock.is-open").first
    body.locator(".parameters").first.wait_for(state="visible")
    codes = body.locator(".responses-table .response-col_status").all_inner_texts()
    assert {"200", "400", "404"} <= {c.strip() for c in codes}
    shot(page, "docs")
    assert outside == [], outside


# Rendered size of every visible text of the charts: its font size times the drawing's scale.
CHART_TEXT_PX = """() => [...document.querySelectorAll('svg.timeline')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  })"""


@pytest.mark.parametrize("width", [1280, 390])
def test_browser_charts_legible_and_tables_inside_the_screen(browser: Any, site: Server, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    ctx.set_default_timeout(5000)
    pg = ctx.new_page()
    try:
        for path in ("/actors/person:zelensky", "/issues/Ukraine joins NATO"):
            pg.goto(site.url(path))
            sizes = pg.evaluate(CHART_TEXT_PX)
            assert sizes, (path, width)
            assert min(sizes) >= 10, (path, width, sorted(sizes)[:5])
            visible = pg.evaluate(
                "[...document.querySelectorAll('svg.timeline')].filter(s => s.getBoundingClientRect().width > 0)"
                ".map(s => s.classList.contains('narrow') ? 'narrow' : 'wide')"
            )
            assert visible == ["narrow" if width < 860 else "wide"] * len(visible), visible
            geometry = "narrow" if width < 860 else "wide"
            assert pg.locator(f"svg.timeline.{geometry} .legend text").first.is_visible()
            # Nothing makes the page scroll sideways; the evidence table fits its column.
            assert pg.evaluate("document.documentElement.scrollWidth") <= width, path
            for box in pg.evaluate(
                "[...document.querySelectorAll('table.evidence')]"
                ".map(t => [t.scrollWidth, t.parentElement.clientWidth])"
            ):
                assert box[0] <= box[1] + 1, (path, width, box)
            shot(pg, f"chart-{path.strip('/').replace('/', '-').replace(' ', '_')}-{width}")
    finally:
        ctx.close()


def test_browser_chart_downloads_png_and_svg(page: Any, site: Server) -> None:
    page.goto(site.url("/actors/person:zelensky"))
    figure = page.locator("figure.chart").first
    svg_link = figure.locator("a.chart-svg")
    svg = page.request.get(site.url(svg_link.get_attribute("href")))
    assert svg.status == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    png_link = figure.locator("a.chart-png")
    assert png_link.is_visible()
    with page.expect_download() as info:
        png_link.click()
    download = info.value
    assert download.suggested_filename.endswith(".png")
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert w == 2 * 760 and h > 200
    assert page.errors == [], page.errors  # type: ignore[attr-defined]


def test_browser_correction_forms_sign_in_with_the_token(browser: Any, tmp_path: Path) -> None:
    """An editor renames an actor and flags a position from the pages; the browser sends the token
    as the password of the Basic challenge; a reader without it is refused."""
    import web_corpus

    from stanceline.store.db import Store

    url = f"sqlite:///{tmp_path / 'edit.db'}"
    with Store(url) as s:
        web_corpus.build(s, hostile=False)
    token = "browser-edit-token"
    with Server(url, write_token=token) as srv:
        ctx = browser.new_context(http_credentials={"username": "editor", "password": token})
        ctx.set_default_timeout(5000)
        pg = ctx.new_page()
        try:
            pg.goto(srv.url("/actors/person:rutte"))
            pg.locator("details.correct summary").click()
            form = pg.locator("details.correct form").first
            form.locator("input[name=name]").fill("Alliance Chief Rutte")
            form.locator("button").click()
            pg.wait_for_url("**/actors/person%3Arutte")
            assert pg.locator("h1").inner_text() == "Alliance Chief Rutte"
            doc = pg.request.get(srv.url("/api/positions?actor=person:rutte")).json()["items"][0]["doc_id"]
            pg.goto(srv.url(f"/documents/{doc}"))
            flag = pg.locator("form.flag-form").first
            flag.locator("input[name=reason]").fill("not a stance")
            flag.locator("button").click()
            pg.wait_for_url(f"**/documents/{doc}")
            assert "flagged as wrong: not a stance" in pg.locator(".plist").inner_text()
        finally:
            ctx.close()
        anon = browser.new_context()
        try:
            form = {"kind": "rename", "actor": "person:rutte", "name": "X"}
            r = anon.request.post(srv.url("/corrections"), form=form)
            assert r.status == 401
        finally:
            anon.close()
