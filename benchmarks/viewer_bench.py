"""How fast the HTML viewer becomes usable: load-to-stable time in headless Chromium.

    .venv/bin/python benchmarks/viewer_bench.py                 # 100, 1,000 and 2,000 nodes
    .venv/bin/python benchmarks/viewer_bench.py --sizes 100 --repeat 1
    .venv/bin/python benchmarks/viewer_bench.py --write         # also update benchmarks/RESULTS.md

Graphs are synthetic (preferential attachment, ~2.5 relations per actor, every relation type and
modality, dates over two years), so sizes can grow past any corpus we hold. For each size it
reports the page size, the Python time to render it, the browser time from navigation to the
frozen layout (stabilisation included), and how long one filter change and one redraw take
once frozen. Needs Debian's chromium at /usr/bin/chromium and Playwright in the venv.
"""
from __future__ import annotations

import argparse
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results import RESULTS, write_section  # noqa: E402

from kgraph.export.html import ITERATION_BUDGET, ITERATION_LIMITS, LARGE_GRAPH_NODES, to_html  # noqa: E402
from kgraph.graph import KnowledgeGraph  # noqa: E402
from kgraph.model import (ENTITY_TYPES, MODALITIES, RELATION_TYPES, SYMMETRIC_TYPES, Document,  # noqa: E402
                          Entity, Evidence, Relation)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SECTION = "## Viewer"
#: Entity types in a news graph: mostly states, people and organisations.
TYPE_WEIGHTS = {"Country": 4, "Person": 4, "Organization": 3, "Location": 1, "Event": 1, "Materiel": 1, "Other": 1}


def synthetic_graph(nodes: int, relations_per_node: float = 2.5, seed: int = 0) -> KnowledgeGraph:
    """A reproducible graph with hubs, like news: a few actors in most relations."""
    rng = random.Random(seed)
    types = [t for t in ENTITY_TYPES for _ in range(TYPE_WEIGHTS[t])]
    documents = [Document(id=f"doc{i}", text="", title=f"Synthetic report {i}",
                          date=f"{2023 + i % 2}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                          source=f"https://example.org/report/{i}") for i in range(max(1, nodes // 10))]
    entities = [Entity(id=f"e{i}", label=f"Actor {i}", type=rng.choice(types), aliases=[f"A{i}"],
                       documents=[documents[i % len(documents)].id]) for i in range(nodes)]
    ends: list[str] = [entities[0].id]  # one entry per relation end: degree-proportional choice
    relations = []
    for i in range(int(nodes * relations_per_node)):
        a = entities[i % nodes].id if i < nodes else rng.choice(entities).id
        b = rng.choice(ends)
        if a == b:
            b = rng.choice(entities).id
        kind = rng.choice(RELATION_TYPES)
        doc = rng.choice(documents)
        evidence = [Evidence(doc.id, f"Sentence {i}: {a} and {b} ({kind}).", 0, 40, trigger=kind.split("_")[0])]
        modality = rng.choice(MODALITIES)
        time_ = doc.date[:7] if rng.random() < 0.7 else None
        if kind in SYMMETRIC_TYPES:
            relations.append(Relation(kind, participants=[a, b], modality=modality, time=time_,
                                      confidence=rng.random(), evidence=evidence))
        else:
            relations.append(Relation(kind, a, None if kind == "launch" else b, [a, b], modality=modality,
                                      time=time_, confidence=rng.random(), evidence=evidence))
        ends.extend((a, b))
    return KnowledgeGraph(documents=documents, entities=entities, relations=relations)


def measure(browser, path: Path) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kgraph && window.kgraph.stable === true", timeout=600_000)
    figures = page.evaluate("""() => {
        const k = window.kgraph, net = window.network;
        const box = document.querySelector('input[data-group="rtypes"]');
        let t = performance.now();
        box.click();
        const filter = performance.now() - t;
        box.click();
        t = performance.now();
        net.redraw();
        return {stable: k.stableAt, setup: k.timings.network, filter: filter, redraw: performance.now() - t,
                nodes: net.body.data.nodes.length, edges: net.body.data.edges.length};
    }""")
    page.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return figures


def run(sizes: list[int], repeat: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in sizes:
            kg = synthetic_graph(size)
            started = time.perf_counter()
            page = to_html(kg)
            render = time.perf_counter() - started
            path = Path(tmp) / f"graph-{size}.html"
            path.write_text(page, encoding="utf-8")
            runs = [measure(browser, path) for _ in range(repeat)]
            options = re.search(r'"iterations":(\d+)', page)
            row = {"nodes": runs[0]["nodes"], "edges": runs[0]["edges"], "relations": len(kg.relations),
                   "size_mb": len(page.encode("utf-8")) / 1e6, "render_s": render,
                   "iterations": int(options.group(1)) if options else None,
                   "setup_s": statistics.median(r["setup"] for r in runs) / 1000,
                   "stable_s": statistics.median(r["stable"] for r in runs) / 1000,
                   "filter_ms": statistics.median(r["filter"] for r in runs),
                   "redraw_ms": statistics.median(r["redraw"] for r in runs)}
            rows.append(row)
            print(f"{row['nodes']:>6} nodes {row['edges']:>6} edges  page {row['size_mb']:.2f} MB  "
                  f"render {row['render_s']:.2f} s  setup {row['setup_s']:.2f} s  load-to-stable {row['stable_s']:.2f} s  "
                  f"filter {row['filter_ms']:.0f} ms  redraw {row['redraw_ms']:.0f} ms", flush=True)
        browser.close()
    return rows


def markdown(rows: list[dict], repeat: int) -> str:
    browser_version = _chromium_version()
    lines = [
        SECTION, "",
        f"`benchmarks/viewer_bench.py`: synthetic graphs (~2.5 relations per actor, drawn as edges; symmetric "
        f"relations one edge per pair), headless {browser_version}, viewport 1280x800, median of {repeat} "
        f"load(s); {platform.machine()}, Python {platform.python_version()}, 2 shared cores. "
        "*Setup* runs from navigation start to the vis-network instance built (page parsed, data loaded); "
        "*load-to-stable* from navigation start to the frozen layout (setup, stabilisation, first fit); "
        "*filter* is one relation-type checkbox toggle over the whole graph; *redraw* one full canvas redraw "
        f"after freezing. Stabilisation is bounded by a budget of {ITERATION_BUDGET:,} node-iterations "
        f"({ITERATION_LIMITS[0]} to {ITERATION_LIMITS[1]:,} iterations); above {LARGE_GRAPH_NODES} actors the page "
        "switches from ForceAtlas2 to Barnes-Hut, straight edges, no improved layout, and hides edges while "
        "dragging or zooming.", "",
        "| actors | edges | page (MB) | Python render (s) | stabilisation iterations | setup (s) | load-to-stable (s) | filter (ms) | redraw (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['nodes']:,} | {r['edges']:,} | {r['size_mb']:.2f} | {r['render_s']:.2f} | "
                     f"{r['iterations']} | {r['setup_s']:.2f} | {r['stable_s']:.2f} | {r['filter_ms']:.0f} | {r['redraw_ms']:.0f} |")
    return "\n".join(lines) + "\n"


def _chromium_version() -> str:
    import subprocess
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "Chromium"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,2000", help="comma-separated actor counts")
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size (median reported)")
    parser.add_argument("--write", action="store_true", help=f"update the '{SECTION}' section of {RESULTS.name}")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"viewer_bench: {CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    rows = run([int(s) for s in args.sizes.split(",")], args.repeat)
    text = markdown(rows, args.repeat)
    print(text)
    if args.write:
        write_section(SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
