"""The views in a real headless browser (Debian's chromium driven by Playwright).

Each page is opened from ``file://`` with every non-file request aborted and recorded: none may be
attempted. Skipped, with the reason, only when chromium or Playwright cannot be installed.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.outputs.graph import load_network
from kg.outputs.views import PHYSICS_LIMIT, write_default_views, write_view

pytestmark = pytest.mark.external

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "views"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
KG = "https://w3id.org/kg-news/id/"
LAVROV = KG + "person/sergey_lavrov"
EVIL = KG + "person/evil"


def _ensure_browser() -> str | None:
    """Run the project's set-up once if something is missing; return a reason to skip, or None."""
    try:
        import playwright
        have_pw = True
    except ImportError:
        have_pw = False
    if not (CHROMIUM.exists() and have_pw):
        script = HERE.parent / "scripts" / "setup-browser.sh"
        subprocess.run(["bash", str(script)], check=False, timeout=600,
                       env={"VENV": str(Path(sys.executable).parent.parent), "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"})
    if not CHROMIUM.exists():
        return "chromium is not installed at /usr/bin/chromium and scripts/setup-browser.sh could not install it"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed and scripts/setup-browser.sh could not install it"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _ensure_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def views(tmp_path_factory):
    out = tmp_path_factory.mktemp("views")
    shutil.copy(DATA / "dataset.nq", out / "dataset.nq")
    network = load_network(out)
    paths = write_default_views(out, network=network)
    return out, network, paths


class Page:
    """A page opened from file:// with its requests, dialogs and errors recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgReady === true", timeout=60_000)

    def js(self, code: str):
        return self.page.evaluate(code)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def whole(browser, views):
    out, network, _paths = views
    page = Page(browser, out / "views" / "graph.html")
    yield page, network
    page.close()


def test_view_loads_from_file_without_any_request(whole):
    page, _ = whole
    assert page.blocked == []
    assert all(u.startswith("file://") for u in page.requests)
    assert page.errors == []


def test_canvas_is_drawn(whole):
    page, _ = whole
    inked = page.js("""() => {
        const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++; }
        return n; }""")
    assert inked > 500


def test_page_counts_equal_graph_counts(whole):
    page, network = whole
    # 6 persons + 3 states + 1 ministry; 5 met pairs by style + 5 posts + 1 part_of
    assert page.js("[kgNodes.length, kgEdges.length]") == [10, 11]
    assert page.js("[document.body.dataset.nodes, document.body.dataset.edges]") == ["10", "11"]
    persons = page.js("kgData.nodes.filter(n => n.kind === 'person').length")
    assert persons == len(network.persons)


def test_arabic_label_is_present(whole):
    page, _ = whole
    assert page.js(f"kgNodes.get({LAVROV!r}).label") == "سيرغي لافروف"
    assert page.js("document.documentElement.dir") == "rtl"


def test_clicking_a_node_shows_its_panel(whole):
    page, _ = whole
    x, y = page.js(f"""() => {{
        const p = kgNetwork.canvasToDOM(kgNetwork.getPosition({LAVROV!r}));
        const r = document.querySelector('#network canvas').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }}""")
    page.page.mouse.click(x, y)
    panel = page.page.locator("#panel")
    assert panel.get_attribute("data-node") == LAVROV
    text = panel.inner_text()
    assert "سيرغي لافروف" in text
    assert "2004-03-09" in text                  # the post's start date
    assert "التقى وزير الخارجية الروسي" in text    # an evidence sentence
    assert "a1.txt" in text                        # a source article


def test_name_with_markup_does_not_execute(whole):
    page, _ = whole
    page.js(f"kgShowNode({EVIL!r})")
    text = page.page.locator("#panel").inner_text()
    assert "<script>alert(1)</script> مجهول" in text
    assert "<img src=x onerror=alert(2)>" in text
    assert page.js("document.querySelectorAll('#panel script, #panel img, #panel b, #panel i').length") == 0
    assert page.js(f"kgNodes.get({EVIL!r}).label") == "<script>alert(1)</script> مجهول"
    assert page.dialogs == []


def test_english_switch_shows_english_labels(whole):
    page, _ = whole
    page.page.locator("#english").check()
    assert page.js(f"kgNodes.get({LAVROV!r}).label") == "Sergey Lavrov"
    page.page.locator("#english").uncheck()
    assert page.js(f"kgNodes.get({LAVROV!r}).label") == "سيرغي لافروف"


def test_search_box_finds_a_person_by_name_without_hamza(whole):
    page, _ = whole
    page.page.locator("#search").fill("احمد الشرع")
    page.page.locator("#search").press("Enter")
    assert page.page.locator("#panel").get_attribute("data-node") == KG + "person/ahmed_al_sharaa"


def test_focused_views_load_with_their_counts(browser, views):
    out, network, _ = views
    for path, expected_nodes in (
        (write_view(out, "person", "لافروف", network=network), 7),
        (write_view(out, "period", "2025-10", "2025-10", types=["phone_call"], network=network), 3),
    ):
        page = Page(browser, path)
        try:
            assert page.blocked == [] and page.errors == [] and page.dialogs == []
            assert page.js("kgNodes.length") == expected_nodes == int(page.js("document.body.dataset.nodes"))
        finally:
            page.close()


def test_large_view_has_fixed_layout_and_no_physics(browser, tmp_path):
    sys.path.insert(0, str(DATA))
    from synthetic import write_synthetic

    write_synthetic(tmp_path, 400)
    path = write_view(tmp_path, "graph")
    page = Page(browser, path)
    try:
        n = page.js("kgNodes.length")
        assert n > PHYSICS_LIMIT
        assert page.js("document.body.dataset.physics") == "off"
        assert page.js("kgData.nodes.every(x => typeof x.x === 'number')")
        assert page.js("kgEdges.length") == int(page.js("document.body.dataset.edges"))
        assert page.blocked == [] and page.errors == []
    finally:
        page.close()
