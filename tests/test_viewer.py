"""The HTML viewer without a browser: self-containment, escaping, determinism, visual encoding, sub-views."""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kgraph.graph import KnowledgeGraph
from kgraph.model import Document, Entity, Evidence, Relation

#: Article text is untrusted: these must stay inert text wherever they appear.
SCRIPT_PAYLOAD = "</script><script>window.__pwned = 'script';</script>"
IMG_PAYLOAD = "<img src=x onerror=\"window.__pwned = 'img'\">"


def make_graph() -> KnowledgeGraph:
    """A small hand-built graph: every relation shape, every modality class, and hostile text."""
    docs = [
        Document(id="d1", text="", title="Putin visits Pyongyang " + IMG_PAYLOAD, date="2024-06-19",
                 source="https://example.org/putin-pyongyang"),
        Document(id="d2", text="", title="Seoul reacts", date="2024-03", source="javascript:window.__pwned='link'"),
    ]
    entities = [
        Entity("Q423", "North Korea", "Country", aliases=["DPRK", "Pyongyang"], wikidata="Q423", documents=["d1", "d2"]),
        Entity("Q159", "Russia", "Country", aliases=["Moscow"], wikidata="Q159", documents=["d1"]),
        Entity("Q884", "South Korea", "Country", aliases=["Seoul", "ROK"], wikidata="Q884", documents=["d2"]),
        Entity("Q30", "United States", "Country", aliases=["U.S."], wikidata="Q30", documents=["d2"]),
        Entity("Q17", "Japan", "Country", documents=["d2"]),
        Entity("Q7747", "Vladimir Putin", "Person", aliases=["Putin"], documents=["d1"], country="Q159"),
        Entity("shin_won_sik", "Shin Won-sik", "Person", aliases=["Shin", IMG_PAYLOAD], documents=["d2"], country="Q884"),
        Entity("ukraine_war", "war in Ukraine", "Event", documents=["d1"]),
        Entity("hostile", SCRIPT_PAYLOAD, "Organization", documents=["d2"]),
    ]
    ev1 = Evidence("d1", "Seoul has reported observing 10,000 containers sent from North Korea to Russia. " + SCRIPT_PAYLOAD,
                   0, 80, trigger="sent")
    ev2 = Evidence("d1", "Putin is expected to visit North Korea " + IMG_PAYLOAD, 90, 130, trigger="visit")
    ev3 = Evidence("d2", "The defense chiefs agreed to a trilateral exercise this summer.", 0, 60, trigger="exercise")
    ev4 = Evidence("d2", "Russia did not share its technology with North Korea.", 70, 120, trigger="share")
    ev5 = Evidence("d2", "Moscow likely provided engine technologies.", 130, 170, trigger="provided")
    ev6 = Evidence("d1", "North Korea's satellite launch failed on May 27.", 180, 220, trigger="launch")
    relations = [
        Relation("arms_transfer", "Q423", "Q159", ["Q423", "Q159"], modality="reported", attributed_to="Q884",
                 time="2024-06", object=["munitions", SCRIPT_PAYLOAD], confidence=0.8, evidence=[ev1]),
        Relation("visit", "Q7747", "Q423", ["Q7747", "Q423"], modality="expected", time="2024-06",
                 confidence=0.7, evidence=[ev2]),
        Relation("military_exercise", None, None, ["Q884", "Q30", "Q17"], modality="planned", time="2024-07",
                 confidence=0.6, evidence=[ev3]),
        Relation("technology_transfer", "Q159", "Q423", ["Q159", "Q423"], modality="negated", confidence=0.5,
                 evidence=[ev4]),
        Relation("technology_transfer", "Q159", "Q423", ["Q159", "Q423"], modality="suspected", time="2024-05",
                 attributed_to="shin_won_sik", confidence=0.5, evidence=[ev5]),
        Relation("launch", "Q423", None, ["Q423"], modality="asserted", time="2024-05-27", confidence=0.9,
                 evidence=[ev6]),
        Relation("official_of", "shin_won_sik", "Q884", ["shin_won_sik", "Q884"], role="defense minister",
                 confidence=0.9, evidence=[ev3]),
        Relation("accusation", "hostile", "Q159", ["hostile", "Q159"], modality="asserted", time="2023",
                 evidence=[Evidence("d2", IMG_PAYLOAD, 0, 10)]),
    ]
    return KnowledgeGraph(documents=docs, entities=entities, relations=relations)


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kgraph-data">(.*?)</script>', page, re.S)
    assert match, "the page carries its graph as one JSON block"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return make_graph()


@pytest.fixture(scope="module")
def page(graph) -> str:
    from kgraph.export.html import to_html
    return to_html(graph)


def test_page_is_self_contained(page):
    assert "vis.Network" in page and "vis-network" in page
    # Nothing that could fetch: no src/href to a URL, no CSS import, no remote font.
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(?!data:)', page)
    assert "bootstrap" not in page.lower()
    assert "@import" not in page
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    # Only our own two scripts may run, by hash: an injected one would be refused even if it got in.
    assert re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+'", directives["script-src"])


def test_untrusted_text_cannot_leave_the_data_block(page):
    # Markup in article text reaches the page only escaped: the only </script> tags close our three blocks.
    assert SCRIPT_PAYLOAD not in page and IMG_PAYLOAD not in page
    assert page.count("</script>") == 3 and "<img" not in page
    data = page_data(page)
    assert data["entities"]["hostile"]["label"] == SCRIPT_PAYLOAD
    assert next(n for n in data["nodes"] if n["id"] == "hostile")["label"] == SCRIPT_PAYLOAD[:35] + "\u2026"
    assert data["documents"]["d1"]["title"].endswith(IMG_PAYLOAD)
    sentences = [ev["sentence"] for r in data["relations"].values() for ev in r["evidence"]]
    assert any(SCRIPT_PAYLOAD in s for s in sentences)


def test_title_is_escaped(graph):
    from kgraph.export.html import to_html
    page = to_html(graph, title=SCRIPT_PAYLOAD)
    shown = re.search(r"<title>([^<]*)</title>", page).group(1)
    assert html.unescape(shown) == SCRIPT_PAYLOAD
    assert page.count("</script>") == 3


def test_same_graph_same_bytes(graph):
    from kgraph.export.html import to_html
    assert to_html(graph) == to_html(make_graph())
    assert to_html(graph, seed=3) != to_html(graph)
    assert page_data(to_html(graph, seed=3))["options"]["layout"]["randomSeed"] == 3


def test_same_bytes_across_processes():
    """No set or hash order leaks into the page: two interpreters with different hash seeds agree."""
    script = ("import hashlib; from tests.test_viewer import make_graph; from kgraph.export.html import to_html; "
              "print(hashlib.sha256(to_html(make_graph()).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              cwd=Path(__file__).resolve().parent.parent,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1


def test_one_node_per_entity_styled_by_type(page, graph):
    data = page_data(page)
    assert [n["id"] for n in data["nodes"]] == [e.id for e in graph.entities]
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["Q423"]["shape"] == "dot" and by_id["Q7747"]["shape"] == "diamond"
    assert by_id["Q423"]["color"]["background"] != by_id["Q7747"]["color"]["background"]
    # Size by degree: North Korea (4 drawn non-negated relations) outweighs Japan (one exercise).
    assert by_id["Q423"]["size"] > by_id["Q17"]["size"] > by_id["ukraine_war"]["size"]
    # An entity in no relation stays out of the physics and starts hidden; the others are shown.
    assert by_id["ukraine_war"]["physics"] is False and by_id["ukraine_war"]["hidden"] is True
    assert not any(n["hidden"] for n in data["nodes"] if n["id"] != "ukraine_war")


def test_size_by_evidence(graph):
    from kgraph.export.html import to_html
    nodes = {n["id"]: n for n in page_data(to_html(graph, size_by="evidence"))["nodes"]}
    assert nodes["Q423"]["size"] > nodes["Q30"]["size"]
    with pytest.raises(ValueError):
        to_html(graph, size_by="fame")


def test_edges_encode_type_direction_and_modality(page):
    edges = page_data(page)["edges"]
    by_type = {}
    for e in edges:
        by_type.setdefault((e["rtype"], e["modality"]), []).append(e)
    arms = by_type[("arms_transfer", "reported")][0]
    assert (arms["from"], arms["to"], arms["arrows"], arms["dashes"]) == ("Q423", "Q159", "to", False)
    assert arms["label"] == "arms transfer"
    exercise = by_type[("military_exercise", "planned")]
    assert len(exercise) == 3 and all(e["arrows"] == "" and e["dashes"] for e in exercise)  # 3 participants, 3 pairs
    assert by_type[("technology_transfer", "suspected")][0]["dashes"] != exercise[0]["dashes"]  # dotted vs dashed
    launch = by_type[("launch", "asserted")][0]
    assert launch["from"] == launch["to"] == "Q423"
    assert by_type[("technology_transfer", "negated")][0]["hidden"] is True
    assert not any(e["hidden"] for e in edges if e["modality"] != "negated")
    assert arms["color"]["color"] != by_type[("visit", "expected")][0]["color"]["color"]
    assert len({e["id"] for e in edges}) == len(edges)


def test_parallel_edges_fan_out(page):
    edges = [e for e in page_data(page)["edges"] if {e["from"], e["to"]} == {"Q159", "Q423"}]
    assert len(edges) == 3  # arms transfer, negated and suspected technology transfer
    curves = [e.get("smooth") for e in edges]
    assert curves[0] is None and curves[1] and curves[2]
    assert curves[1]["type"] != curves[2]["type"]


def test_show_negated(graph):
    from kgraph.export.html import to_html
    edges = page_data(to_html(graph, show_negated=True))["edges"]
    assert not any(e["hidden"] for e in edges)


def test_legend_lists_what_the_graph_holds(page):
    legend = page_data(page)["legend"]
    assert [t["name"] for t in legend["entityTypes"]] == ["Country", "Person", "Organization", "Event"]
    assert {t["name"]: t["directed"] for t in legend["relationTypes"]}["military_exercise"] is False
    assert {m["name"]: m["class"] for m in legend["modalities"]}["expected"] == "future"


def test_relation_details_and_document_date_fallback(page):
    data = page_data(page)
    official = next(r for r in data["relations"].values() if r["type"] == "official_of")
    assert official["time"] is None and official["when"] == "2024-03"  # the reporting document's date
    arms = next(r for r in data["relations"].values() if r["type"] == "arms_transfer")
    assert arms["attributed_to"] == "Q884" and arms["evidence"][0]["trigger"] == "sent"


def test_large_graphs_bound_the_layout_work():
    from kgraph.export.html import LARGE_GRAPH_NODES, to_html
    entities = [Entity(f"e{i}", f"Actor {i}", "Country") for i in range(LARGE_GRAPH_NODES + 1)]
    relations = [Relation("meeting", participants=[f"e{i}", f"e{i + 1}"]) for i in range(LARGE_GRAPH_NODES)]
    options = page_data(to_html(KnowledgeGraph(entities=entities, relations=relations)))["options"]
    assert options["layout"]["improvedLayout"] is False
    assert options["physics"]["solver"] == "barnesHut"
    assert options["physics"]["stabilization"]["iterations"] < page_data(to_html(make_graph()))["options"]["physics"]["stabilization"]["iterations"]
    assert options["edges"]["smooth"]["enabled"] is False


def test_unmerged_duplicates_get_distinct_edges(graph):
    from kgraph.export.html import to_html
    twice = KnowledgeGraph(documents=graph.documents, entities=graph.entities, relations=graph.relations * 2)
    data = page_data(to_html(twice))
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"]) == 2 * len(page_data(to_html(graph))["edges"])
    assert len(data["relations"]) == 2 * len(graph.relations)


def test_types_outside_the_vocabulary_still_get_a_legend_entry():
    from kgraph.export.html import to_html
    kg = KnowledgeGraph(entities=[Entity("a", "A", "Militia"), Entity("b", "B", "Country")],
                        relations=[Relation("ceasefire", participants=["a", "b"], modality="rumoured", confidence=None)])
    data = page_data(to_html(kg))
    assert data["nodes"][0]["etype"] == "Other"
    assert [t["name"] for t in data["legend"]["relationTypes"]] == ["ceasefire"]
    assert [m["name"] for m in data["legend"]["modalities"]] == ["rumoured"]


def test_empty_graph_renders():
    from kgraph.export.html import to_html
    data = page_data(to_html(KnowledgeGraph()))
    assert data["nodes"] == [] and data["options"]["physics"]["enabled"] is False
    # Entities but no relation yet: nothing is hidden for being unconnected.
    data = page_data(to_html(KnowledgeGraph(entities=[Entity("Q17", "Japan", "Country")])))
    assert data["nodes"][0]["hidden"] is False and data["hideIsolated"] is False


def test_notebook_iframe_round_trips_the_page(page):
    from kgraph.export.html import notebook_iframe
    frame = notebook_iframe(page, height=450)
    assert frame.startswith("<iframe srcdoc=\"") and "height:450px" in frame
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', frame).group(1)
    assert "<" not in srcdoc and '"' not in srcdoc
    assert html.unescape(srcdoc) == page
    assert 'sandbox="allow-scripts' in frame and "allow-same-origin" not in frame


def test_knowledge_graph_to_html(graph):
    assert graph.to_html().startswith("<!DOCTYPE html>")


def test_seed_graph_page(seed_graph):
    from kgraph.export.html import to_html
    data = page_data(to_html(seed_graph))
    assert len(data["nodes"]) == len(seed_graph.entities)
    assert "North Korea" in {n["label"] for n in data["nodes"]}
    assert to_html(seed_graph) == to_html(seed_graph)


# ---------- kgraph view ----------

def write_graph(tmp_path: Path, kg: KnowledgeGraph) -> Path:
    from kgraph.export.json import write_json
    return write_json(kg, tmp_path / "graph.json")


def view(tmp_path: Path, graph: KnowledgeGraph, *args: str) -> tuple[int, dict | None]:
    """Run ``kgraph view`` on ``graph``; the exit code and the data of the page it wrote."""
    from kgraph.cli import main
    out = tmp_path / "view.html"
    out.unlink(missing_ok=True)
    code = main(["view", str(write_graph(tmp_path, graph)), "--out", str(out), *args])
    return code, page_data(out.read_text(encoding="utf-8")) if out.exists() else None


def test_view_command_writes_a_sub_view(tmp_path, graph):
    code, data = view(tmp_path, graph, "--focus", "North Korea", "--depth", "2", "--types", "arms_transfer,visit",
                      "--since", "2024-01")
    assert code == 0
    assert sorted(e["rtype"] for e in data["edges"]) == ["arms_transfer", "visit"]
    # The actors of those relations, and South Korea, whose report the arms transfer is.
    assert sorted(n["id"] for n in data["nodes"]) == ["Q159", "Q423", "Q7747", "Q884"]


def test_view_focus_by_alias_and_depth(tmp_path, graph):
    _code, one_hop = view(tmp_path, graph, "--focus", "dprk")
    assert {"Q159", "Q7747"} <= {n["id"] for n in one_hop["nodes"]}
    assert "hostile" not in {n["id"] for n in one_hop["nodes"]}
    _code, two_hops = view(tmp_path, graph, "--focus", "DPRK", "--depth", "2")
    assert "hostile" in {n["id"] for n in two_hops["nodes"]}  # it accuses Russia
    _code, everything = view(tmp_path, graph)
    assert len(everything["nodes"]) == len(graph.entities)


def test_view_time_window_uses_document_dates(tmp_path, graph):
    _code, june = view(tmp_path, graph, "--since", "2024-06", "--until", "2024-06")
    assert sorted(e["rtype"] for e in june["edges"]) == ["arms_transfer", "visit"]
    _code, march = view(tmp_path, graph, "--until", "2024-03")  # official_of has no time: its document's
    assert "official_of" in {e["rtype"] for e in march["edges"]}


def test_view_reports_bad_arguments(tmp_path, graph, capsys):
    assert view(tmp_path, graph, "--focus", "Nort Korea") == (1, None)
    assert "North Korea" in capsys.readouterr().err  # a close match is suggested
    assert view(tmp_path, graph, "--types", "arms_smuggling")[0] == 2
    assert view(tmp_path, graph, "--since", "June")[0] == 2


def test_contested_claims_are_marked_and_carry_the_other_side(page, graph):
    """make_graph's technology transfer: suspected on Shin's word, negated in the writer's, one article."""
    data = page_data(page)
    contested = {e["rel"]: e for e in data["edges"] if e.get("contested")}
    transfers = {r.modality: r.id for r in graph.relations if r.type == "technology_transfer"}
    suspected, negated = transfers["suspected"], transfers["negated"]
    assert set(contested) == {suspected, negated}
    assert all(e["label"] == "technology transfer (contested)" and e["background"]["enabled"] for e in contested.values())
    assert contested[negated]["hidden"] and not contested[suspected]["hidden"]
    assert data["relations"][suspected]["contested_by"] == [negated]
    assert data["relations"][negated]["contested_by"] == [suspected]
    assert all("contested_by" not in r for key, r in data["relations"].items() if key not in contested)
    assert data["contestedClaims"] == 1
