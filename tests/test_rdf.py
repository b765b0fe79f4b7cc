"""RDF export: ontology, two layers, stable IRIs, formats, SHACL, SPARQL, round trip."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS, XSD

from kgraph.cli import main as cli
from kgraph.rdf.mapping import KG, load_ontology, property_name
from kgraph.rdf.reader import from_rdf
from kgraph.rdf.writers import serialize, to_rdflib
from kgraph.rdf.shacl import validate
from kgraph.graph import KnowledgeGraph
from kgraph.merge import GraphMerger
from kgraph.model import (MODALITIES, MODALITY_CLASS, RELATION_TYPES, SYMMETRIC_TYPES, Document, Entity,
                          Evidence, Relation)
from kgraph.rdf.query import open_store, sparql

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
ENT = "https://kgraph.dev/id/entity/"
WD = "http://www.wikidata.org/entity/"
FORMATS = ("turtle", "nt", "trig", "nquads", "jsonld")
ASK_NK_ARMS_RUSSIA = "ASK { ?nk owl:sameAs wd:Q423 ; kg:armsTransfer ?ru . ?ru owl:sameAs wd:Q159 }"

A, B = "a_news", "b news/2"  # the second id needs escaping in an IRI
ARMS = "Seoul has reported observing at least 10,000 shipping containers sent from North Korea to Russia."
VISIT = "Russian President Vladimir Putin's upcoming visit to North Korea."


def _graph() -> KnowledgeGraph:
    """A small graph in the merger's order, with every kind of value the RDF must carry."""
    documents = [Document(A, "", "Russia unlikely to share technology, Seoul says", "2024-06",
                          "https://example.org/a?x=1&y=2", "Jane Doe"),
                 Document(B, "", None, "2024-06-20", "seeds/b.txt")]
    entities = [
        Entity("Q159", "Russia", "Country", ["Moscow", "Russian"], "Q159", [A, B]),
        Entity("Q423", "North Korea", "Country", ["DPRK", "Pyongyang"], "Q423", [A]),
        Entity("Q884", "South Korea", "Country", ["Seoul"], "Q884", [A]),
        Entity("Q7747", "Vladimir Putin", "Person", ["Putin"], "Q7747", [A, B], "Q159"),
        Entity("shin_won_sik", "Shin Won-sik", "Person", ["Shin"], None, [A], "Q884"),
        Entity("kcna", "Korean Central News Agency", "Organization", [], None, [A], "Q423"),
        Entity("singapore", "Singapore", "Location", [], None, [A]),
        Entity("shangri_la_dialogue", "Shangri-La \"Dialogue\"", "Event", [], None, [A]),
        Entity("ballistic_missile", "ballistic missile", "Materiel", ["Ballistic Missiles"], None, [A]),
        Entity("misc", "something else", "Other", [], None, [A]),
    ]
    relations = [
        Relation("arms_transfer", "Q423", "Q159", ["Q423", "Q159"], "reported", "Q884", "2024-06", None,
                 ["munitions", "ballistic missiles"], 0.8, None, "072", "AID", [Evidence(A, ARMS, 1493, 1591, "sent")]),
        Relation("visit", "Q7747", "Q423", ["Q7747", "Q423"], "expected", None, "2024-06/2024-07", None, [], 0.6,
                 evidence=[Evidence(A, VISIT, 900, 966, "visit"), Evidence(B, VISIT, 5, 71)]),
        Relation("technology_transfer", "Q159", "Q423", ["Q159", "Q423"], "suspected", "shin_won_sik", "2024-05", None,
                 ["engine technologies"], 0.55, None, "064", "COOPERATE",
                 [Evidence(A, "Shin noted that Moscow likely provided engine technologies.", 1700, 1760, "provided")]),
        Relation("technology_transfer", "Q159", "Q423", ["Q159", "Q423"], "hypothetical", None, None, None, [], 0.4,
                 evidence=[Evidence(A, "the likelihood of Russia sharing its technology remains very low", 10, 75)]),
        Relation("meeting", None, None, ["Q884", "Q159", "Q423"], "asserted", None, "2024", "singapore", [], 0.5,
                 evidence=[Evidence(A, "They met in Singapore.", 2000, 2022, "met")]),
        Relation("launch", "Q423", None, ["Q423"], "asserted", "kcna", "2024-05-27", "somewhere at sea",
                 ["satellite"], 0.7, evidence=[Evidence(A, "The attempted launch ended in failure.", 1800, 1838)]),
        Relation("official_of", "shin_won_sik", "Q884", ["shin_won_sik", "Q884"], "asserted",
                 role="Minister of National Defense", confidence=0.9,
                 evidence=[Evidence(A, "Defense Minister Shin Won-sik explained", 300, 339, "Minister"),
                           # the same sentence read twice, through two triggers: two evidence nodes
                           Evidence(A, "Defense Minister Shin Won-sik explained", 300, 339, "Defense")]),
        Relation("accusation", "Q884", "Q423", ["Q884", "Q423"], "negated", confidence=0.3,
                 evidence=[Evidence(B, "Seoul did not accuse Pyongyang.", 100, 131, "accuse")]),
    ]
    return GraphMerger(KnowledgeGraph(documents, entities, relations)).graph()


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return _graph()


@pytest.fixture(scope="module")
def turtle(kg) -> str:
    return serialize(kg, "turtle")


def _statements(graph: Graph, type_: str) -> list:
    return sorted(graph.subjects(KG.relationType, KG[property_name(type_)]))


# ------------------------------------------------------------------ parsing and formats

def test_turtle_parses_with_rdflib_pyoxigraph_and_rapper(turtle, tmp_path):
    rdflib_count = len(Graph().parse(data=turtle, format="turtle"))
    oxigraph_count = len(list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)))
    assert rdflib_count == oxigraph_count > 100
    if shutil.which("rapper") is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    path = tmp_path / "graph.ttl"
    path.write_text(turtle, encoding="utf-8")
    run = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f"returned {rdflib_count} triples" in run.stderr


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("format", FORMATS)
def test_every_format_loads_back_with_nothing_lost(kg, format, engine):
    assert from_rdf(serialize(kg, format, engine=engine), format=format).to_json() == kg.to_json()


def test_read_graph_loads_a_turtle_file_kgraph_wrote(kg, turtle, tmp_path):
    from kgraph.export.json import read_graph

    path = tmp_path / "graph.ttl"
    path.write_text(turtle, encoding="utf-8")
    assert read_graph(path).to_json() == kg.to_json()
    assert from_rdf(str(path)).to_json() == kg.to_json()


@pytest.mark.parametrize("format", FORMATS)
def test_both_engines_write_the_same_graph(kg, format):
    from rdflib.compare import isomorphic

    def parsed(text: str) -> tuple[Graph, set[str]]:
        dataset = Dataset()
        dataset.parse(data=text, format={"jsonld": "json-ld"}.get(format, format))
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union, {str(g.identifier) for g in dataset.graphs() if len(g)}

    (rdflib_graph, rdflib_names), (ox_graph, ox_names) = (parsed(serialize(kg, format, engine=e))
                                                          for e in ("rdflib", "oxigraph"))
    assert isomorphic(rdflib_graph, ox_graph)
    assert rdflib_names == ox_names


def test_trig_has_one_named_graph_per_source_document(kg):
    dataset = Dataset()
    dataset.parse(data=serialize(kg, "trig"), format="trig")
    named = {str(g.identifier) for g in dataset.graphs() if isinstance(g.identifier, URIRef) and len(g)}
    docs = {"https://kgraph.dev/id/document/a_news", "https://kgraph.dev/id/document/b%20news%2F2"}
    assert named == docs | {"https://kgraph.dev/ontology", "https://kgraph.dev/id/graph/shared"}
    [visit] = _statements(to_rdflib(kg), "visit")
    # The visit was read from both documents: its statement is once, in the shared graph; each
    # document's graph holds its own evidence, the link to it and prov:wasDerivedFrom, nothing else's.
    shared = dataset.graph(URIRef("https://kgraph.dev/id/graph/shared"))
    assert (visit, KG.modality, KG.expected) in shared
    has_source = URIRef("http://www.w3.org/ns/oa#hasSource")
    derived = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    for doc, doc_id in zip(sorted(docs), (A, B)):
        graph = dataset.graph(URIRef(doc))
        assert (visit, KG.modality, KG.expected) not in graph
        assert (visit, derived, URIRef(doc)) in graph
        evidence = list(graph.subjects(RDF.type, KG.Evidence))
        assert {graph.value(ev, has_source) for ev in evidence} == {URIRef(doc)}
        assert set(graph.objects(None, KG.evidence)) == set(evidence)
        assert len(evidence) == sum(ev.doc == doc_id for r in kg.relations for ev in r.evidence)


def test_jsonld_has_an_inline_context_and_no_remote_one(kg):
    document = json.loads(serialize(kg, "jsonld"))
    assert isinstance(document["@context"], dict)
    assert document["@context"]["kg"] == str(KG)
    ids = [node["@id"] for node in document["@graph"]]
    assert "ent:Q423" in ids and ids == sorted(ids)


# ------------------------------------------------------------------ the two layers

def test_direct_triple_only_for_asserted_and_reported(kg):
    graph = to_rdflib(kg)
    north_korea, russia, putin = (URIRef(ENT + q) for q in ("Q423", "Q159", "Q7747"))
    assert (north_korea, KG.armsTransfer, russia) in graph
    assert (putin, KG.visit, north_korea) not in graph
    assert (russia, KG.technologyTransfer, north_korea) not in graph
    assert not list(graph.triples((None, KG.accusation, None)))
    for relation in kg.relations:  # and a statement for each, whatever its modality
        [node] = [s for s in graph.subjects(RDF.type, KG.Statement) if str(s).endswith(relation.id)]
        assert (node, KG.modality, KG[relation.modality]) in graph


def test_symmetric_relations_give_direct_triples_both_ways(kg):
    graph = to_rdflib(kg)
    members = [URIRef(ENT + q) for q in ("Q884", "Q159", "Q423")]
    assert all((a, KG.meeting, b) in graph for a in members for b in members if a != b)


def test_statement_carries_participants_roles_time_place_attribution_and_provenance(kg):
    graph = to_rdflib(kg)
    [arms] = _statements(graph, "arms_transfer")
    assert graph.value(arms, KG.source) == URIRef(ENT + "Q423")
    assert graph.value(arms, KG.target) == URIRef(ENT + "Q159")
    assert graph.value(arms, KG.attributedTo) == URIRef(ENT + "Q884")
    assert graph.value(arms, KG.time) == Literal("2024-06", datatype=XSD.gYearMonth)
    assert graph.value(arms, KG.confidence) == Literal("0.8", datatype=XSD.decimal)
    assert set(graph.objects(arms, KG.object)) == {Literal("munitions", lang="en"), Literal("ballistic missiles", lang="en")}
    assert list(graph.objects(arms, KG.materiel)) == [URIRef(ENT + "ballistic_missile")]  # named by an alias
    assert str(graph.value(arms, KG.cameoCode)) == "072"
    doc = graph.value(arms, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    assert graph.value(doc, URIRef("http://purl.org/dc/terms/date")) == Literal("2024-06", datatype=XSD.gYearMonth)
    assert graph.value(doc, URIRef("http://purl.org/dc/terms/source")) == URIRef("https://example.org/a?x=1&y=2")
    evidence = graph.value(arms, KG.evidence)
    oa = "http://www.w3.org/ns/oa#"
    selectors = {graph.value(s, RDF.type): s for s in graph.objects(evidence, URIRef(oa + "hasSelector"))}
    position, quote = selectors[URIRef(oa + "TextPositionSelector")], selectors[URIRef(oa + "TextQuoteSelector")]
    assert int(graph.value(position, URIRef(oa + "start"))) == 1493
    assert int(graph.value(position, URIRef(oa + "end"))) == 1591
    assert str(graph.value(quote, URIRef(oa + "exact"))) == ARMS
    [meeting] = _statements(graph, "meeting")
    assert graph.value(meeting, KG.location) == URIRef(ENT + "singapore")
    assert graph.value(meeting, KG.time) == Literal("2024", datatype=XSD.gYear)
    [launch] = _statements(graph, "launch")
    assert graph.value(launch, KG.location) == Literal("somewhere at sea")  # a place that is no entity stays a name
    [visit] = _statements(graph, "visit")
    assert graph.value(visit, KG.startTime) == Literal("2024-06", datatype=XSD.gYearMonth)
    assert graph.value(visit, KG.endTime) == Literal("2024-07", datatype=XSD.gYearMonth)


def test_entities_have_wikidata_links_english_labels_and_classes(kg):
    graph = to_rdflib(kg)
    north_korea = URIRef(ENT + "Q423")
    assert (north_korea, OWL.sameAs, URIRef(WD + "Q423")) in graph
    assert (north_korea, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("North Korea", lang="en")) in graph
    assert (north_korea, SKOS.altLabel, Literal("DPRK", lang="en")) in graph
    assert (north_korea, RDF.type, KG.Country) in graph
    assert (URIRef(ENT + "shin_won_sik"), RDF.type, KG.Person) in graph
    assert not list(graph.objects(URIRef(ENT + "shin_won_sik"), OWL.sameAs))  # no QID, no link


# ------------------------------------------------------------------ IRIs and determinism

def test_iris_come_from_ids_and_only_list_cells_are_blank(kg):
    graph = to_rdflib(kg, vocabulary=False)
    blanks = {s for s in graph.subjects() if isinstance(s, BNode)}
    assert blanks and all(set(graph.predicates(b)) <= {RDF.first, RDF.rest} for b in blanks)
    assert URIRef("https://kgraph.dev/id/statement/" + kg.relations[0].id) in set(graph.subjects())


def test_base_iri_comes_from_the_argument_or_the_environment(kg, monkeypatch):
    assert "<https://example.org/kg/entity/>" in serialize(kg, base="https://example.org/kg")
    monkeypatch.setenv("KGRAPH_BASE_IRI", "urn:example:")
    text = serialize(kg)
    assert "@prefix ent: <urn:example:entity/> ." in text and "kgraph.dev/id" not in text
    assert from_rdf(text).to_json() == kg.to_json()


def test_turtle_is_byte_identical_across_processes(turtle):
    """Another interpreter, another hash seed: set and dict orders change, the bytes must not."""
    script = ("import sys; sys.path.insert(0, %r); from test_rdf import _graph; from kgraph.rdf.writers import serialize; "
              "sys.stdout.buffer.write(serialize(_graph(), sys.argv[1]).encode())") % str(Path(__file__).parent)
    for format in ("turtle", "trig", "nt", "jsonld"):
        outputs = {subprocess.run([sys.executable, "-c", script, format], capture_output=True, check=True,
                                  env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
        assert len(outputs) == 1, format
    assert outputs.pop().decode() == serialize(_graph(), "jsonld")


# ------------------------------------------------------------------ ontology and shapes

def test_ontology_declares_every_relation_type_and_modality():
    ontology = load_ontology()
    for type_ in RELATION_TYPES:
        prop = KG[property_name(type_)]
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology, type_
        assert (prop, SKOS.notation, Literal(type_)) in ontology
        assert ((prop, RDF.type, OWL.SymmetricProperty) in ontology) == (type_ in SYMMETRIC_TYPES), type_
        assert ontology.value(prop, SKOS.definition).language == "en"
    for modality in MODALITIES:
        concept = KG[modality]
        assert (concept, RDF.type, SKOS.Concept) in ontology
        broader = ontology.value(concept, SKOS.broader) or concept
        assert str(ontology.value(broader, SKOS.notation)) == MODALITY_CLASS[modality]
    assert (KG.armsTransfer, SKOS.closeMatch, KG.cameo072) in ontology
    assert str(ontology.value(KG.cameo072, SKOS.notation)) == "072"
    assert ontology.value(URIRef("https://kgraph.dev/ontology"), OWL.versionInfo) is not None


def test_exports_conform_to_the_shapes(kg):
    for format in ("turtle", "trig"):
        data = Graph()
        dataset = Dataset()
        dataset.parse(data=serialize(kg, format), format=format)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            data.add((s, p, o))
        result = validate(data)
        assert result.conforms, result.text


def test_shapes_reject_a_direct_triple_for_an_expected_visit_and_a_statement_without_type(kg):
    graph = to_rdflib(kg)
    graph.add((URIRef(ENT + "Q7747"), KG.visit, URIRef(ENT + "Q423")))
    [arms] = _statements(graph, "arms_transfer")
    graph.remove((arms, KG.relationType, None))
    result = validate(graph)
    assert not result.conforms
    assert "a direct relation triple has a statement with modality asserted or reported" in result.text
    assert "exactly one relation type" in result.text


# ------------------------------------------------------------------ SPARQL

def test_sparql_ask_select_and_python_values(kg):
    store = open_store(kg)
    assert sparql(store, ASK_NK_ARMS_RUSSIA) is True
    assert sparql(store, "ASK { ?p owl:sameAs wd:Q7747 ; kg:visit ?x }") is False
    rows = sparql(store, "SELECT ?c ?t WHERE { ?s kg:relationType kg:armsTransfer ; kg:confidence ?c . "
                         "OPTIONAL { ?s kg:role ?t } }")
    assert rows == [{"c": 0.8, "t": None}]
    assert sparql(kg, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement }") == [{"n": len(kg.relations)}]


def test_store_loads_each_rdf_format_kgraph_writes(kg, tmp_path):
    for format, suffix in (("turtle", ".ttl"), ("trig", ".trig"), ("nquads", ".nq"), ("jsonld", ".jsonld")):
        path = tmp_path / f"graph{suffix}"
        path.write_text(serialize(kg, format), encoding="utf-8")
        store = open_store(path)
        assert sparql(store, ASK_NK_ARMS_RUSSIA) is True
        # A statement read from two documents is counted once.
        assert sparql(store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement }") == [{"n": len(kg.relations)}]


def _ready(name: str) -> str:
    return (QUERIES / name).read_text(encoding="utf-8")


def test_ready_query_arms_suppliers(kg):
    rows = sparql(kg, _ready("arms_suppliers.rq"))
    assert [(r["supplier"], r["modality"], r["factual"], r["reports"]) for r in rows] == [
        ("North Korea", "reported", True, 1)]


def test_ready_query_suspected_events(kg):
    rows = sparql(kg, _ready("suspected_events.rq"))
    assert [(r["type"], r["source"], r["target"], r["attributed_to"]) for r in rows] == [
        ("technology_transfer", "Russia", "North Korea", "Shin Won-sik")]


def test_ready_query_attributed_to_a_source(kg):
    rows = sparql(kg, _ready("attributed_to.rq"))
    # Seoul itself, and its minister Shin.
    assert sorted((r["type"], r["modality"]) for r in rows) == [("arms_transfer", "reported"),
                                                                 ("technology_transfer", "suspected")]


def test_ready_query_actor_timeline(kg):
    rows = sparql(kg, _ready("actor_timeline.rq"))
    assert [(r["when"], r["type"], r["modality"], r["who"]) for r in rows] == [
        ("2024", "meeting", "asserted", "Russia"),
        ("2024-05", "technology_transfer", "suspected", "Russia"),
        ("2024-06", "arms_transfer", "reported", "Russia"),
        ("2024-06", "technology_transfer", "hypothetical", "Russia"),
        ("2024-06", "visit", "expected", "Vladimir Putin"),
    ]


# ------------------------------------------------------------------ command line

@pytest.fixture()
def graph_json(kg, tmp_path) -> Path:
    from kgraph.export.json import write_json
    return write_json(kg, tmp_path / "graph.json")


@pytest.mark.parametrize("format,suffix", [("turtle", ".ttl"), ("nt", ".nt"), ("trig", ".trig"),
                                           ("nquads", ".nq"), ("jsonld", ".jsonld")])
def test_cli_export_writes_each_format(kg, graph_json, format, suffix):
    out = graph_json.with_name("out" + suffix)
    assert cli(["-q", "export", str(graph_json), "--format", format, "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == serialize(kg, format)


def test_cli_validate_passes_an_export_and_fails_a_broken_one(kg, graph_json, capsys):
    ttl = graph_json.with_name("graph.ttl")
    assert cli(["-q", "export", str(graph_json), "--out", str(ttl)]) == 0
    assert cli(["-q", "validate", str(ttl)]) == 0
    assert cli(["-q", "validate", str(graph_json)]) == 0
    broken = graph_json.with_name("broken.ttl")
    broken.write_text(ttl.read_text(encoding="utf-8").replace("kg:confidence 0.8 ;", "kg:confidence 1.8 ;"),
                      encoding="utf-8")
    capsys.readouterr()
    assert cli(["-q", "validate", str(broken)]) == 1
    assert "MaxInclusive" in capsys.readouterr().out


def test_cli_query_prints_rows_and_answers_ask(graph_json, capsys):
    assert cli(["-q", "query", str(graph_json), ASK_NK_ARMS_RUSSIA]) == 0
    assert capsys.readouterr().out == "true\n"
    assert cli(["-q", "query", str(graph_json), str(QUERIES / "arms_suppliers.rq"), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.split("\r\n")
    assert lines[0] == "supplier,modality,factual,time,reports,sentence"
    # SPARQL 1.1 CSV: lexical forms (true, not True), CRLF line ends, the comma in "10,000" quoted
    assert lines[1] == f'North Korea,reported,true,2024-06,1,"{ARMS}"'
    assert cli(["-q", "query", str(graph_json), "SELECT WHERE {"]) == 2


# ------------------------------------------------------------------ the seed article

@pytest.fixture(scope="module")
def seed_turtle(seed_graph) -> str:
    return serialize(seed_graph, "turtle")


def test_seed_turtle_parses_everywhere_and_conforms(seed_turtle, tmp_path):
    graph = Graph().parse(data=seed_turtle, format="turtle")
    assert len(list(ox.parse(seed_turtle.encode(), format=ox.RdfFormat.TURTLE))) == len(graph)
    result = validate(graph)
    assert result.conforms, result.text
    if shutil.which("rapper") is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    path = tmp_path / "seed.ttl"
    path.write_text(seed_turtle, encoding="utf-8")
    run = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_seed_north_korea_supplies_arms_to_russia(seed_graph):
    assert sparql(seed_graph, ASK_NK_ARMS_RUSSIA) is True


def test_seed_putin_visit_is_only_an_expected_statement(seed_graph):
    rows = sparql(seed_graph, """
        SELECT ?modality WHERE {
          ?s kg:relationType kg:visit ; kg:source/owl:sameAs wd:Q7747 ; kg:target/owl:sameAs wd:Q423 ;
             kg:modality/skos:notation ?modality }""")
    assert rows == [{"modality": "expected"}]
    assert sparql(seed_graph, "ASK { ?putin owl:sameAs wd:Q7747 ; kg:visit ?x }") is False


def test_seed_round_trips_through_turtle(seed_graph, seed_turtle):
    assert from_rdf(seed_turtle).to_json() == seed_graph.to_json()


def test_two_builds_of_the_seed_give_byte_identical_turtle(seed_turtle):
    import kgraph

    assert serialize(kgraph.build([ROOT / "seeds" / "000_aecc20bfa61aa663.txt"]), "turtle") == seed_turtle
