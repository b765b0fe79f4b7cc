"""The HTML viewer in Debian's chromium, driven by Playwright: offline, complete, filterable, inert."""
from __future__ import annotations

import html as html_lib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .test_viewer import IMG_PAYLOAD, SCRIPT_PAYLOAD, make_graph

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SEED_SCREENSHOT = ROOT / "docs" / "seed-graph.png"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")]


@dataclass
class LoadedPage:
    page: object
    url: str
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    from kgraph.export.html import to_html
    path = tmp_path_factory.mktemp("viewer") / "graph.html"
    path.write_text(to_html(make_graph()), encoding="utf-8")
    return path


def open_page(browser, path: Path, viewport=(1280, 760)) -> LoadedPage:
    """Load a page from disk, recording console messages and requests, and wait for the frozen layout."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    loaded = LoadedPage(page, path.resolve().as_uri())
    page.on("console", lambda message: loaded.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: loaded.console.append(f"pageerror: {error}"))
    page.on("request", lambda request: loaded.requests.append(request.url))
    page.goto(loaded.url)
    page.wait_for_function("() => window.kgraph && window.kgraph.stable === true", timeout=120_000)
    return loaded


@pytest.fixture()
def viewer(browser, graph_file):
    loaded = open_page(browser, graph_file)
    yield loaded
    loaded.page.close()


def screen_points(loaded: LoadedPage) -> dict:
    """Where on screen each visible node, and a clickable point of each visible edge, are."""
    return loaded.js("""() => {
        const net = window.network, box = document.getElementById('kg-network').getBoundingClientRect();
        const toPage = p => { const d = net.canvasToDOM(p); return {x: d.x + box.left, y: d.y + box.top}; };
        const positions = net.getPositions(), nodes = {}, edges = {};  // edges: a point on the drawn curve
        for (const id of window.kgraph.visible().nodes) nodes[id] = toPage(positions[id]);
        for (const id of window.kgraph.visible().edges) {
            const e = window.kgraph.edges.get(id);
            for (const t of [0.5, 0.42, 0.58, 0.35, 0.65]) {
                const dom = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(t));
                if (net.getEdgeAt(dom) === id && net.getNodeAt(dom) === undefined) {
                    edges[id] = {x: dom.x + box.left, y: dom.y + box.top}; break;
                }
            }
        }
        return {nodes, edges};
    }""")


def test_loads_offline_without_errors(viewer):
    assert viewer.console == []
    assert viewer.requests == [viewer.url]
    assert viewer.js("document.querySelectorAll('script[src], link[href]:not([href^=\"data:\"]), img').length") == 0
    ARTIFACTS.mkdir(exist_ok=True)
    viewer.page.screenshot(path=str(ARTIFACTS / "viewer-small.png"))


def test_network_has_one_node_per_entity(viewer):
    graph = make_graph()
    assert viewer.js("window.network instanceof vis.Network")
    assert viewer.js("window.network.body.data.nodes.getIds()") == [e.id for e in graph.entities]
    assert viewer.js("Object.keys(window.network.body.nodes).filter(id => !id.startsWith('edgeId:')).length") \
        == len(graph.entities)
    # Stabilised, then frozen.
    assert viewer.js("window.network.physics.physicsEnabled") is False


def visible(viewer) -> tuple[set, set]:
    state = viewer.js("window.kgraph.visible()")
    return set(state["nodes"]), set(state["edges"])


def edge_types(viewer, edge_ids) -> list[tuple[str, str]]:
    pairs = viewer.js("ids => ids.map(id => { const e = window.kgraph.edges.get(id); return [e.rtype, e.modality]; })",
                      list(edge_ids))
    return sorted(map(tuple, pairs))


def checkbox(viewer, group: str, name: str):
    return viewer.page.locator(f'input[data-group="{group}"][data-name="{name}"]')


def test_negated_relations_start_hidden_and_modality_filter_shows_them(viewer):
    _nodes, edges = visible(viewer)
    assert ("technology_transfer", "negated") not in edge_types(viewer, edges)
    checkbox(viewer, "modalities", "negated").check()
    _nodes, edges = visible(viewer)
    assert ("technology_transfer", "negated") in edge_types(viewer, edges)
    checkbox(viewer, "modalities", "planned").uncheck()
    assert ("military_exercise", "planned") not in edge_types(viewer, visible(viewer)[1])


def test_relation_and_entity_type_filters(viewer):
    checkbox(viewer, "rtypes", "arms_transfer").uncheck()
    nodes, edges = visible(viewer)
    assert "arms_transfer" not in {t for t, _m in edge_types(viewer, edges)}
    assert "Q423" in nodes  # the actor stays; only its relation goes
    checkbox(viewer, "etypes", "Person").uncheck()
    nodes, edges = visible(viewer)
    assert not {"Q7747", "shin_won_sik"} & nodes
    assert not {t for t, _m in edge_types(viewer, edges)} & {"visit", "official_of"}  # their edges go with them
    assert "Q17" in nodes
    checkbox(viewer, "rtypes", "military_exercise").uncheck()
    assert "Q17" not in visible(viewer)[0]  # Japan has no visible relation left, so it goes too
    viewer.page.locator("#kg-hide-isolated").uncheck()
    nodes, _edges = visible(viewer)
    assert {"Q17", "ukraine_war"} <= nodes and "Q7747" not in nodes
    viewer.page.locator("#kg-reset").click()
    nodes, edges = visible(viewer)
    assert nodes == {e.id for e in make_graph().entities} - {"ukraine_war"}
    assert len(edges) == viewer.js("window.kgraph.edges.length") - 1  # all but the negated one


def test_time_range_filter(viewer):
    viewer.page.locator("#kg-since").fill("2024-06")
    remaining = {t for t, _m in edge_types(viewer, visible(viewer)[1])}
    # Undated relations count from their document's date: official_of (March) goes too.
    assert remaining == {"arms_transfer", "visit", "military_exercise"}
    viewer.page.locator("#kg-until").fill("2024-06-30")
    assert {t for t, _m in edge_types(viewer, visible(viewer)[1])} == {"arms_transfer", "visit"}
    viewer.page.locator("#kg-until").fill("June")
    assert viewer.js("document.getElementById('kg-until').classList.contains('kg-invalid')")


def test_search_finds_and_focuses_by_alias(viewer):
    viewer.page.keyboard.press("/")
    assert viewer.js("document.activeElement.id") == "kg-search"
    viewer.page.locator("#kg-search").fill("dprk")
    options = viewer.page.locator("#kg-search-results li")
    assert options.count() == 1 and "North Korea" in options.first.inner_text()
    viewer.page.locator("#kg-search").press("Enter")
    assert viewer.js("window.network.getSelectedNodes()") == ["Q423"]
    assert viewer.page.locator("#kg-panel h3").inner_text() == "North Korea"
    viewer.page.locator("#kg-search").fill("seoul")
    assert "South Korea" in viewer.page.locator("#kg-search-results li").first.inner_text()


def test_panels_show_evidence_and_injection_stays_inert(viewer):
    page = viewer.page
    assert viewer.js("window.__pwned") is None
    checkbox(viewer, "modalities", "negated").check()
    page.locator("#kg-hide-isolated").uncheck()  # shows the unconnected entity, shelved under the graph
    viewer.js("window.network.fit()")
    points = screen_points(viewer)
    assert set(points["nodes"]) == {e.id for e in make_graph().entities}
    assert len(points["edges"]) >= 8
    for node_id, point in points["nodes"].items():
        page.mouse.move(point["x"], point["y"])
        page.wait_for_timeout(260)  # past the tooltip delay
        page.mouse.click(point["x"], point["y"])
        assert viewer.js("window.network.getSelectedNodes()") == [node_id]
        page.keyboard.press("Escape")  # closes the panel, which could cover the next target
    for edge_id, point in points["edges"].items():
        page.mouse.move(point["x"], point["y"])
        page.wait_for_timeout(260)
        page.mouse.click(point["x"], point["y"])
        assert viewer.js("window.network.getSelectedEdges()") == [edge_id]
        page.keyboard.press("Escape")
    assert viewer.js("window.__pwned") is None
    assert viewer.js("document.querySelectorAll('img').length + document.scripts.length") == 3

    # The hostile strings are shown, as text: in the tooltip and in the panel.
    hostile = points["nodes"]["hostile"]
    page.mouse.move(hostile["x"], hostile["y"])
    page.wait_for_timeout(400)
    assert SCRIPT_PAYLOAD in page.locator("div.vis-tooltip").inner_text()
    page.mouse.click(hostile["x"], hostile["y"])
    assert page.locator("#kg-panel h3").inner_text() == SCRIPT_PAYLOAD
    page.locator("#kg-panel .kg-rel-list li").first.click()
    assert page.locator("#kg-panel blockquote").first.inner_text() == IMG_PAYLOAD
    assert page.locator("#kg-panel img").count() == 0

    arms = points["edges"][viewer.js("window.kgraph.edges.get({filter: e => e.rtype === 'arms_transfer'})[0].id")]
    page.mouse.click(arms["x"], arms["y"])
    panel = page.locator("#kg-panel").inner_text()
    assert SCRIPT_PAYLOAD in panel and "reported (factual)" in panel and "South Korea" in panel
    assert page.locator("#kg-panel mark").first.inner_text() == "sent"
    source = page.locator("#kg-panel .kg-doc a").first
    assert source.get_attribute("href") == "https://example.org/putin-pyongyang"
    # A document whose "source" is a javascript: URL never becomes a link.
    assert viewer.js("[...document.querySelectorAll('a')].some(a => a.href.startsWith('javascript'))") is False
    assert viewer.js("window.__pwned") is None
    assert not [m for m in viewer.console if "error" in m]


def test_edge_labels_toggle(viewer):
    font_size = "window.network.body.edges[window.kgraph.edges.getIds()[0]].options.font.size"
    assert viewer.js(font_size) > 0
    viewer.page.locator("#kg-edge-labels").uncheck()
    assert viewer.js(font_size) == 0
    viewer.page.locator("#kg-edge-labels").check()
    assert viewer.js(font_size) > 0


def test_physics_toggle(viewer):
    button = viewer.page.locator("#kg-physics")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert viewer.js("window.network.physics.physicsEnabled") is True
    button.click()
    assert viewer.js("window.network.physics.physicsEnabled") is False


@pytest.mark.parametrize("entities", [0, 3])
def test_graph_without_relations_loads(browser, tmp_path, entities):
    from kgraph.export.html import to_html
    from kgraph.graph import KnowledgeGraph
    kg = KnowledgeGraph(entities=make_graph().entities[:entities])
    path = tmp_path / "bare.html"
    path.write_text(to_html(kg), encoding="utf-8")
    loaded = open_page(browser, path)  # no physics to run: frozen at once
    assert loaded.console == []
    assert len(loaded.js("window.kgraph.visible()")["nodes"]) == entities
    loaded.page.close()


def test_layout_is_reproducible(browser, graph_file):
    positions = []
    for _ in range(2):
        loaded = open_page(browser, graph_file)
        positions.append(loaded.js("window.network.getPositions()"))
        loaded.page.close()
    assert positions[0] == positions[1]


def test_notebook_iframe_displays_the_graph(browser, tmp_path):
    from kgraph.export.html import notebook_iframe, to_html
    wrapper = tmp_path / "notebook.html"
    frame = notebook_iframe(to_html(make_graph()), height=500)
    wrapper.write_text(f"<!DOCTYPE html><html><body><h1>{html_lib.escape('Out[1]:')}</h1>{frame}</body></html>",
                       encoding="utf-8")
    page = browser.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(wrapper.as_uri())
    inner = page.frames[1]
    inner.wait_for_function("() => window.kgraph && window.kgraph.stable === true", timeout=60_000)
    assert inner.evaluate("window.network.body.data.nodes.length") == len(make_graph().entities)
    assert errors == [] and requests == [wrapper.as_uri()]
    page.close()


def test_seed_graph_screenshot(browser, seed_graph, tmp_path):
    from kgraph.export.html import to_html
    path = tmp_path / "seed.html"
    path.write_text(to_html(seed_graph), encoding="utf-8")
    loaded = open_page(browser, path, viewport=(1200, 700))
    assert loaded.console == [] and loaded.requests == [loaded.url]
    assert loaded.js("window.network.body.data.nodes.length") == len(seed_graph.entities)
    ARTIFACTS.mkdir(exist_ok=True)
    loaded.page.screenshot(path=str(ARTIFACTS / "viewer-seed.png"))
    if os.environ.get("KGRAPH_UPDATE_DOCS"):  # refresh the README's picture on purpose only
        loaded.page.screenshot(path=str(SEED_SCREENSHOT))
    loaded.page.close()


def test_contested_claim_is_marked_and_its_panel_shows_both_sides(browser, contested_build):
    """The two-article example (tests/conftest.py): one report, one denial, one contested claim."""
    loaded = open_page(browser, contested_build / "graph.html")
    page = loaded.page
    contested = loaded.js("window.kgraph.edges.get({filter: e => e.contested})"
                          ".map(e => [e.rtype, e.modality, e.hidden, e.label, e.background.enabled])")
    # The denial is negated, hidden like every negated relation, but both sides carry the mark.
    assert sorted(map(tuple, contested)) == [("arms_transfer", "negated", True, "arms transfer (contested)", True),
                                             ("arms_transfer", "reported", False, "arms transfer (contested)", True)]
    assert page.locator("#kg-contested").is_visible() and page.locator("#kg-contested-count").inner_text() == "1"

    claim = loaded.js("window.kgraph.edges.get({filter: e => e.contested && !e.hidden})[0].id")
    point = screen_points(loaded)["edges"][claim]
    page.mouse.click(point["x"], point["y"])
    assert loaded.js("window.network.getSelectedEdges()") == [claim]
    panel = page.locator("#kg-panel")
    assert panel.locator(".kg-contested-badge").inner_text() == "contested"
    text = panel.inner_text()
    assert "Ukraine's intelligence service said Belarus had sent tanks to Russia." in text
    side = panel.locator(".kg-contest")
    assert side.locator("h4").inner_text().lower() == "contested by (1)"
    assert side.locator("blockquote").inner_text() == "Belarus denied sending tanks to Russia."
    assert "negated" in side.inner_text() and "Belarus" in side.locator("dd a").first.inner_text()
    assert "Minsk rejects the claim" in side.locator(".kg-doc").first.inner_text()

    # From the panel to the other side: "only contested claims" draws both, the denial is selected.
    side.locator("a", has_text="show it on the graph").click()
    assert page.locator("#kg-contested-only").is_checked()
    shown = loaded.js("window.kgraph.visible().edges")
    assert sorted(edge_types(loaded, shown)) == [("arms_transfer", "negated"), ("arms_transfer", "reported")]
    assert panel.locator(".kg-contest h4").inner_text().lower() == "denies (1)"
    assert panel.locator(".kg-contest blockquote").inner_text().startswith("Ukraine's intelligence service said")
    page.locator("#kg-contested-only").uncheck()
    assert edge_types(loaded, loaded.js("window.kgraph.visible().edges")) == [("arms_transfer", "reported")]
    assert loaded.console == [] and loaded.requests == [loaded.url]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "viewer-contested.png"))
    page.close()
