"""Contested claims (kgraph.contest): the rule, graph.json's contested_by, kg.contested(), kg:contestedBy,
the ready-made SPARQL query, and every way of building or loading a graph giving the same links."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pyoxigraph as ox

from kgraph.cli import main as cli
from kgraph.contest import contest_links, contested_pairs, different_sources, side_of
from kgraph.export.json import from_json, read_graph, to_json
from kgraph.graph import CONTESTED_COLUMNS, KnowledgeGraph
from kgraph.merge import GraphMerger, merge
from kgraph.model import Document, Entity, Evidence, Extraction, Relation
from kgraph.rdf.query import open_store, sparql
from kgraph.rdf.reader import from_rdf
from kgraph.rdf.shacl import validate
from kgraph.rdf.writers import serialize, to_rdflib

from .conftest import CONTESTED_ARTICLES

ROOT = Path(__file__).resolve().parent.parent
QUERY = (ROOT / "queries" / "contested_claims.rq").read_text(encoding="utf-8")
KG_NS = "https://kgraph.dev/ontology#"


def ev(doc: str, sentence: str, start: int = 0) -> Evidence:
    return Evidence(doc, sentence, start, start + len(sentence))


def rel(type_: str, source: str | None, target: str | None, modality: str, doc: str, sentence: str, *,
        by: str | None = None, participants: list[str] | None = None, start: int = 0) -> Relation:
    members = participants if participants is not None else [a for a in (source, target) if a]
    return Relation(type_, source, target, members, modality, by, evidence=[ev(doc, sentence, start)])


SAID = rel("arms_transfer", "Q184", "Q159", "reported", "a", "Kyiv said Minsk had shipped rifles to Moscow.", by="Q212")
DENIED = rel("arms_transfer", "Q184", "Q159", "negated", "b", "Minsk denied shipping rifles to Moscow.", by="Q184")


def small_graph(*relations: Relation) -> KnowledgeGraph:
    documents = [Document(d, "", f"title {d}", "2024-03-0" + str(i + 1)) for i, d in enumerate("abc")]
    entities = [Entity("Q159", "Russia", "Country", ["Moscow"], "Q159"),
                Entity("Q184", "Belarus", "Country", ["Minsk"]),
                Entity("Q212", "Ukraine", "Country", ["Kyiv"]), Entity("Q17", "Japan", "Country"),
                Entity("Q148", "China", "Country")]
    return merge([], KnowledgeGraph(documents, entities, list(relations)))


# ------------------------------------------------------------------ the rule

def test_a_report_and_a_denial_in_two_documents_contest_each_other():
    links = contest_links([SAID, DENIED])
    assert links == {SAID.id: [DENIED.id], DENIED.id: [SAID.id]}
    assert [(c.modality, d.modality) for c, d in contested_pairs([DENIED, SAID])] == [("reported", "negated")]


def test_suspicions_contest_denials_but_plans_do_not():
    suspected = rel("arms_transfer", "Q184", "Q159", "suspected", "c", "Minsk likely shipped rifles to Moscow.")
    hypothetical = rel("arms_transfer", "Q184", "Q159", "hypothetical", "c", "Minsk might ship rifles to Moscow.")
    planned = rel("arms_transfer", "Q184", "Q159", "planned", "c", "Minsk will ship rifles to Moscow.")
    assert [side_of(r) for r in (SAID, suspected, hypothetical, planned, DENIED)] == [
        "claim", "claim", "claim", None, "denial"]
    links = contest_links([suspected, hypothetical, planned, DENIED])
    assert links[DENIED.id] == sorted([suspected.id, hypothetical.id])
    assert planned.id not in links


def test_same_actors_means_same_direction_or_same_participants():
    reverse = rel("arms_transfer", "Q159", "Q184", "negated", "b", "Moscow did not ship rifles to Minsk.")
    other_target = rel("arms_transfer", "Q184", "Q212", "negated", "b", "Minsk shipped no rifles to Kyiv.")
    other_type = rel("technology_transfer", "Q184", "Q159", "negated", "b", "Minsk shared no know-how with Moscow.")
    assert contest_links([SAID, reverse, other_target, other_type]) == {}
    # Symmetric: the set of participants, in whatever order and slots.
    drills = rel("military_exercise", None, None, "asserted", "a", "Japan and China held drills.",
                 participants=["Q17", "Q148"])
    no_drills = rel("military_exercise", "Q148", "Q17", "negated", "b", "China said it held no drills with Japan.",
                    participants=["Q148", "Q17"], by="Q148")
    fewer = rel("military_exercise", None, None, "negated", "b", "Japan held no drills.", participants=["Q17"])
    assert contest_links([drills, no_drills, fewer]) == {drills.id: [no_drills.id], no_drills.id: [drills.id]}


def test_different_sources_are_other_documents_or_other_attributions():
    one_doc = {"type_": "arms_transfer", "source": "Q184", "target": "Q159", "doc": "a"}
    writer_says = rel(**one_doc, modality="asserted", sentence="Minsk shipped rifles to Moscow.")
    writer_denies = rel(**one_doc, modality="negated", sentence="Minsk did not ship rifles to Moscow.", start=40)
    minsk_denies = rel(**one_doc, modality="negated", sentence="Minsk denied shipping rifles to Moscow.", start=40,
                       by="Q184")
    # one document, one voice: the text contradicts itself (or the extractor erred), nobody contests
    assert not different_sources(writer_says, writer_denies)
    assert contest_links([writer_says, writer_denies]) == {}
    # one document, two voices
    assert contest_links([writer_says, minsk_denies]) == {writer_says.id: [minsk_denies.id],
                                                          minsk_denies.id: [writer_says.id]}
    # two documents, one voice each, even the same one
    again = rel("arms_transfer", "Q184", "Q159", "negated", "b", "Minsk did not ship rifles to Moscow.")
    assert different_sources(writer_says, again)


def test_links_are_sorted_and_independent_of_order():
    claims = [rel("arms_transfer", "Q184", "Q159", m, d, f"{m} in {d}.")
              for m, d in (("asserted", "a"), ("reported", "b"), ("suspected", "c"))]
    denial = rel("arms_transfer", "Q184", "Q159", "negated", "c", "Minsk denied it.", by="Q184", start=90)
    relations = [*claims, denial]
    expected = contest_links(relations)
    assert expected[denial.id] == sorted(c.id for c in claims)
    for seed in range(5):
        shuffled = relations[:]
        random.Random(seed).shuffle(shuffled)
        assert contest_links(shuffled) == expected
        assert list(contest_links(shuffled)) == sorted(expected)


# ------------------------------------------------------------------ graph.json

def test_graph_json_carries_contested_by_only_where_contested():
    uncontested = rel("visit", "Q212", "Q17", "asserted", "a", "Kyiv's envoy visited Tokyo.", start=60)
    data = to_json(small_graph(SAID, DENIED, uncontested))
    by_id = {r["id"]: r for r in data["relations"]}
    assert by_id[SAID.id]["contested_by"] == [DENIED.id]
    assert by_id[DENIED.id]["contested_by"] == [SAID.id]
    assert "contested_by" not in by_id[uncontested.id]
    assert list(by_id[SAID.id])[-2:] == ["contested_by", "evidence"]
    # read back, the links are computed again: the same JSON
    assert to_json(from_json(json.loads(json.dumps(data)))) == data


def test_links_appear_when_the_denial_arrives_later():
    merger = GraphMerger(small_graph(SAID))
    assert merger.graph().contest_links() == {}
    merger.add(Extraction(Document("b", "Minsk denied shipping rifles to Moscow."), relations=[DENIED]))
    assert merger.graph().contest_links() == {SAID.id: [DENIED.id], DENIED.id: [SAID.id]}


def test_subgraph_without_the_denial_has_no_contest():
    kg = small_graph(SAID, DENIED)
    assert kg.subgraph(modality="factual").contest_links() == {}
    assert len(kg.subgraph(types="arms_transfer").contested()) == 1


# ------------------------------------------------------------------ kg.contested()

def test_contested_table_one_row_per_pair():
    kg = small_graph(SAID, DENIED)
    table = kg.contested()
    assert tuple(table.columns) == CONTESTED_COLUMNS
    assert table.to_dict("records") == [{
        "type": "arms_transfer", "actors": "Belarus → Russia",
        "claim_modality": "reported", "claimed_by": "Ukraine", "claim_documents": "a",
        "claim_sentence": "Kyiv said Minsk had shipped rifles to Moscow.",
        "denial_modality": "negated", "denied_by": "Belarus", "denial_documents": "b",
        "denial_sentence": "Minsk denied shipping rifles to Moscow.", "claim": SAID.id, "denial": DENIED.id}]
    assert list(KnowledgeGraph().contested().columns) == list(CONTESTED_COLUMNS)


# ------------------------------------------------------------------ RDF

def test_rdf_links_both_ways_validates_and_round_trips():
    visit = rel("visit", "Q212", "Q17", "asserted", "a", "Kyiv's envoy visited Tokyo.", start=60)
    kg = small_graph(SAID, DENIED, visit)
    graph = to_rdflib(kg)
    from rdflib import URIRef
    contested_by = URIRef(KG_NS + "contestedBy")
    links = sorted((str(s).rsplit("/", 1)[-1], str(o).rsplit("/", 1)[-1])
                   for s, o in graph.subject_objects(contested_by))
    assert links == sorted([(SAID.id, DENIED.id), (DENIED.id, SAID.id)])
    assert validate(graph).conforms
    # JSON -> RDF -> KnowledgeGraph loses nothing, in any of the formats
    for format in ("turtle", "trig", "nquads", "jsonld"):
        back = from_rdf(serialize(kg, format), format)
        assert to_json(back) == to_json(kg)
    # a link one way only, or between statements that agree, breaks the shapes
    one_way = to_rdflib(kg)
    one_way.remove((next(iter(one_way.subjects(contested_by))), contested_by, None))
    assert not validate(one_way).conforms


def test_contest_shape_rejects_links_between_agreeing_statements():
    from rdflib import URIRef
    kg = small_graph(SAID, rel("arms_transfer", "Q184", "Q159", "suspected", "b", "Minsk likely shipped rifles."))
    graph = to_rdflib(kg)
    a, b = (URIRef(f"https://kgraph.dev/id/statement/{r.id}") for r in kg.relations)
    contested_by = URIRef(KG_NS + "contestedBy")
    graph.add((a, contested_by, b))
    graph.add((b, contested_by, a))
    result = validate(graph)
    assert not result.conforms and "contesting statements" in result.text


def test_query_lists_each_claim_once_and_stands_alone():
    kg = small_graph(SAID, DENIED)
    rows = sparql(kg, QUERY)
    assert len(rows) == 1
    row = rows[0]
    assert (row["type"], row["source"], row["target"], row["claim_modality"], row["claimed_by"], row["denied_by"]) == (
        "arms_transfer", "Belarus", "Russia", "reported", "Ukraine", "Belarus")
    assert (row["claim_document"], row["denial_document"]) == ("a", "b")
    assert (row["claim_document_count"], row["denial_document_count"], row["participant_count"]) == (1, 1, 2)
    assert row["denial_sentence"] == "Minsk denied shipping rifles to Moscow."
    assert row["claim"].endswith(SAID.id) and row["denial"].endswith(DENIED.id)
    # Its own PREFIX lines: a bare store without kgraph's ontology or predeclared prefixes gives the same.
    bare = open_store(kg, ontology=False)
    solutions = bare.query(QUERY)
    names = [v.value for v in solutions.variables]
    assert [{n: (s[n].value if s[n] is not None else None) for n in names} for s in solutions] == [
        {k: (str(v) if v is not None else None) for k, v in row.items()}]
    assert isinstance(bare, ox.Store)


# ------------------------------------------------------------------ the two articles, end to end

def test_two_articles_give_one_contested_claim_everywhere(contested_build):
    data = json.loads((contested_build / "graph.json").read_text(encoding="utf-8"))
    contested = [r for r in data["relations"] if r.get("contested_by")]
    assert [(r["type"], r["source"], r["target"], r["modality"]) for r in contested] == [
        ("arms_transfer", "Q184", "Q159", "reported"), ("arms_transfer", "Q184", "Q159", "negated")]
    assert contested[0]["contested_by"] == [contested[1]["id"]]
    assert contested[1]["contested_by"] == [contested[0]["id"]]

    kg = read_graph(contested_build / "graph.json")
    table = kg.contested()
    sides = ["type", "actors", "claim_modality", "claimed_by", "denial_modality", "denied_by"]
    assert table[sides].values.tolist() == [
        ["arms_transfer", "Belarus → Russia", "reported", "Ukraine", "negated", "Belarus"]]
    assert table.loc[0, "claim_documents"] == "kyiv_report" and table.loc[0, "denial_documents"] == "minsk_denial"
    assert "denied" in table.loc[0, "denial_sentence"]

    # the Turtle export, read by the query as a triple store would
    store = open_store(contested_build / "graph.ttl", ontology=False)
    assert len(list(store.query(QUERY))) == 1
    assert to_json(read_graph(contested_build / "graph.ttl")) == to_json(kg)


def test_incremental_store_build_finds_the_contest_across_runs(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in CONTESTED_ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    store = tmp_path / "kg.db"
    assert cli(["-q", "build", str(articles / "kyiv_report.txt"), "--store", str(store)]) == 0
    assert cli(["-q", "build", str(articles / "minsk_denial.txt"), "--store", str(store),
                "--out", str(tmp_path / "out"), "--formats", "json"]) == 0
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert sum(1 for r in data["relations"] if r.get("contested_by")) == 2
