"""The analyst API of KnowledgeGraph: names, tables, neighbours, timelines, subgraphs, display.

Two graphs: the real seed graph (facts robust to extraction changes: who is a node, who is
linked to whom) and a small hand-made one whose every relation is known, for exact semantics.
"""
from __future__ import annotations

import datetime as dt

import networkx as nx
import pandas as pd
import pytest

from kgraph import Document, Entity, Evidence, KnowledgeGraph, Relation
from kgraph.model import MODALITY_CLASS

SEED = "000_aecc20bfa61aa663"
PACT = "001_pact"


def _evidence(doc: str, sentence: str, start: int) -> Evidence:
    return Evidence(doc, sentence, start, start + len(sentence))


@pytest.fixture(scope="module")
def small():
    """Two documents on Russia and North Korea, written for these tests."""
    documents = [Document(SEED, "", "Russia unlikely to share technology", "2024-06", "seed"),
                 Document(PACT, "", "Putin and Kim sign a pact", "2024-06-20", "synthetic")]
    entities = [
        Entity("Q159", "Russia", "Country", ["Kremlin", "Moscow", "Russian"], "Q159", [SEED, PACT]),
        Entity("Q423", "North Korea", "Country", ["DPRK", "North Korean", "Pyongyang"], "Q423", [SEED, PACT]),
        Entity("Q884", "South Korea", "Country", ["ROK", "Seoul"], "Q884", [SEED]),
        Entity("Q30", "United States", "Country", ["U.S.", "Washington"], "Q30", [SEED]),
        Entity("Q17", "Japan", "Country", ["Tokyo"], "Q17", [SEED]),
        Entity("Q7747", "Vladimir Putin", "Person", ["Putin"], "Q7747", [SEED, PACT], country="Q159"),
        Entity("Q8684", "Seoul", "Location", [], "Q8684", [SEED]),
        Entity("kcna", "KCNA", "Organization", [], None, [SEED], country="Q423"),
    ]
    relations = [
        Relation("military_cooperation", participants=["Q159", "Q423"], confidence=0.6,
                 evidence=[_evidence(SEED, "Despite growing military ties, ...", 0),
                           _evidence(PACT, "the growing military cooperation between Pyongyang and Moscow", 400)]),
        Relation("visit", "Q7747", "Q423", ["Q7747", "Q423"], modality="expected",
                 evidence=[_evidence(SEED, "Putin's upcoming visit to North Korea", 900)]),
        Relation("visit", "Q7747", "Q423", ["Q7747", "Q423"], time="2024-06-19",
                 evidence=[_evidence(PACT, "Putin arrived in Pyongyang on June 19", 0)]),
        Relation("arms_transfer", "Q423", "Q159", ["Q423", "Q159"], modality="reported", attributed_to="Q884",
                 object=["shipping containers"],
                 evidence=[_evidence(SEED, "Seoul has reported observing containers sent to Russia.", 1493)]),
        Relation("launch", "Q423", None, ["Q423"], time="2024-05-27",
                 evidence=[_evidence(SEED, "The attempted launch on May 27 ended in failure", 1800)]),
        Relation("military_exercise", participants=["Q17", "Q30", "Q884"], modality="planned",
                 time="2024-06-27/2024-06-29",
                 evidence=[_evidence(SEED, "initiate a trilateral multidomain exercise this summer", 2200)]),
        Relation("official_of", "Q7747", "Q159", ["Q7747", "Q159"], role="President",
                 evidence=[_evidence(SEED, "Russian President Vladimir Putin", 850)]),
    ]
    return KnowledgeGraph(documents, entities, relations)


# -- names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, label", [
    ("DPRK", "North Korea"), ("dprk", "North Korea"), ("  north   KOREA ", "North Korea"),
    ("Putin", "Vladimir Putin"), ("US", "United States"), ("the United States", "United States"),
    ("Q159", "Russia"), ("Kremlin", "Russia"),
    ("Seoul", "Seoul"),  # a label beats an alias: the city, not South Korea
])
def test_find_accepts_labels_aliases_and_ids_in_any_case(small, name, label):
    assert small.find(name).label == label


def test_find_passes_an_entity_through(small):
    russia = small.find("Russia")
    assert small.find(russia) is russia


def test_find_names_close_matches_when_nothing_matches(small):
    with pytest.raises(KeyError, match="North Korea") as raised:
        small.find("North Koria")
    assert "no entity named 'North Koria'" in str(raised.value)
    with pytest.raises(KeyError, match="no entity named 'Atlantis' among 8 entities") as raised:
        small.find("Atlantis")
    assert "close matches" not in str(raised.value)


def test_an_alias_shared_by_two_entities_goes_to_the_better_connected():
    entities = [Entity("kim_a", "Kim Yo Jong", "Person", ["Kim"]), Entity("kim_b", "Kim Jong Un", "Person", ["Kim"]),
                Entity("Q423", "North Korea", "Country")]
    kg = KnowledgeGraph([], entities, [Relation("official_of", "kim_b", "Q423", ["kim_b", "Q423"])])
    assert kg.find("kim").id == "kim_b"


# -- tables --------------------------------------------------------------------------------------

def test_relations_df_has_a_row_per_relation_with_labels_and_provenance(small):
    df = small.relations_df()
    assert list(df.id) == [r.id for r in small.relations]
    arms = df[df.type == "arms_transfer"].iloc[0]
    assert (arms.source, arms.target, arms.attributed_to) == ("North Korea", "Russia", "South Korea")
    assert (arms.source_id, arms.target_id, arms.attributed_to_id) == ("Q423", "Q159", "Q884")
    assert arms.modality_class == "factual" and arms["object"] == "shipping containers"
    cooperation = df[df.type == "military_cooperation"].iloc[0]
    assert (cooperation.evidence, cooperation.documents) == (2, 2)
    assert cooperation.sentence.startswith("Despite growing military ties")
    assert cooperation.participants == "Russia, North Korea"
    assert list(df.actors) == ["North Korea ↔ Russia", "Vladimir Putin → North Korea", "Vladimir Putin → North Korea",
                               "North Korea → Russia", "North Korea", "Japan ↔ South Korea ↔ United States",
                               "Vladimir Putin → Russia"]


def test_entities_df_counts_documents_and_relations(small):
    df = small.entities_df().set_index("id")
    assert df.loc["Q423", "relations"] == 5  # cooperation, two visits, arms, launch
    assert df.loc["Q7747", "country"] == "Russia"
    assert df.loc["Q7747", "documents"] == 2
    assert df.loc["Q8684", "relations"] == 0
    assert df.loc["Q423", "aliases"] == "DPRK; North Korean; Pyongyang"


def test_evidence_df_joins_each_sentence_to_its_document(small):
    df = small.evidence_df()
    assert len(df) == sum(len(r.evidence) for r in small.relations)
    pact_rows = df[df.doc == PACT]
    assert set(pact_rows.type) == {"military_cooperation", "visit"}
    assert set(pact_rows.source) == {"synthetic"} and set(pact_rows.date) == {"2024-06-20"}


def test_tables_of_an_empty_graph_have_columns_and_no_rows():
    kg = KnowledgeGraph()
    for df in (kg.entities_df(), kg.relations_df(), kg.evidence_df()):
        assert df.empty and len(df.columns) > 5


# -- questions -----------------------------------------------------------------------------------

def test_neighbors_lists_counterparts_with_direction(small):
    df = small.neighbors("DPRK").set_index("label")
    assert list(df.index) == ["Russia", "Vladimir Putin"]  # most relations first
    assert df.loc["Russia", "relations"] == 2
    assert df.loc["Russia", "directions"] == "mutual, out"
    assert df.loc["Vladimir Putin", "directions"] == "in"
    assert df.loc["Vladimir Putin", "modalities"] == "asserted, expected"


def test_neighbors_can_count_a_states_people_as_the_state(small):
    assert "North Korea" in set(small.neighbors("Russia", include_members=True).label)
    alone = small.neighbors("Russia")
    assert set(alone.label) == {"North Korea", "Vladimir Putin"}


def test_timeline_orders_by_date_and_says_where_the_date_came_from(small):
    df = small.timeline("Putin")
    assert list(df["when"]) == ["2024-06", "2024-06", "2024-06-19"]
    assert list(df.dated_by) == ["document", "document", "text"]
    assert set(df.acting_as) == {"source"}
    launch_first = small.timeline("North Korea")
    assert launch_first.iloc[0].type == "launch" and launch_first.iloc[0]["when"] == "2024-05-27"


def test_timeline_puts_undated_relations_last():
    kg = KnowledgeGraph([Document("d", "")], [Entity("a", "A", "Country"), Entity("b", "B", "Country")], [
        Relation("threat", "a", "b", ["a", "b"]),
        Relation("sanction", "a", "b", ["a", "b"], time="2023"),
    ])
    assert list(kg.timeline("A").type) == ["sanction", "threat"]
    assert pd.isna(kg.timeline("A").iloc[1].dated_by)


def test_subgraph_by_type_keeps_only_cited_entities(small):
    sub = small.subgraph(types="visit")
    assert {r.type for r in sub.relations} == {"visit"} and len(sub.relations) == 2
    assert {e.label for e in sub.entities} == {"Vladimir Putin", "North Korea"}
    assert isinstance(sub, KnowledgeGraph)


def test_subgraph_by_modality_accepts_classes(small):
    future = small.subgraph(modality="future")
    assert {r.modality for r in future.relations} == {"expected", "planned"}
    assert small.subgraph(modality=["expected"]).relations == [small.relations[1]]


def test_subgraph_time_window_uses_relation_time_else_document_date(small):
    may = small.subgraph(until="2024-05-31")
    assert [r.type for r in may.relations] == ["launch"]
    late_june = small.subgraph(since="2024-06-20")
    # the exercise (27-29 June), the seed's June-dated relations, and nothing from before
    assert "launch" not in {r.type for r in late_june.relations}
    assert "military_exercise" in {r.type for r in late_june.relations}
    assert [r.time for r in small.subgraph(since=dt.date(2024, 6, 19), until="2024-06-19",
                                           types="visit").relations] == [None, "2024-06-19"]


def test_subgraph_rejects_unknown_filters(small):
    with pytest.raises(ValueError, match="unknown relation type 'visits'"):
        small.subgraph(types="visits")
    with pytest.raises(ValueError, match="unknown modality 'maybe'"):
        small.subgraph(modality="maybe")
    with pytest.raises(ValueError, match="not a date"):
        small.subgraph(since="last year")
    with pytest.raises(KeyError):
        small.subgraph(entities=["Atlantis"])


def test_subgraph_around_entities_is_their_ego_network(small):
    ego = small.subgraph(entities="Putin")
    # Putin's neighbours are North Korea and Russia; relations among the three stay, Japan's exercise does not
    assert {e.label for e in ego.entities} >= {"Vladimir Putin", "North Korea", "Russia"}
    assert "military_exercise" not in {r.type for r in ego.relations}
    assert "military_cooperation" in {r.type for r in ego.relations}
    assert small.subgraph(entities="Putin", depth=0).relations == []


def test_subgraph_without_filters_is_the_whole_graph(small):
    whole = small.subgraph()
    assert (whole.documents, whole.entities, whole.relations) == (small.documents, small.entities, small.relations)


# -- display -------------------------------------------------------------------------------------

def test_repr_html_summarises_counts_and_top_actors(small):
    page = small._repr_html_()
    assert "2 documents, 8 entities, 7 relations" in page
    assert "<td style='text-align:left'>North Korea</td><td>5</td>" in page
    assert "military_exercise" in page and "planned" in page
    assert repr(small) == "<KnowledgeGraph: 2 documents, 8 entities, 7 relations>"


def test_repr_html_escapes_names():
    kg = KnowledgeGraph([], [Entity("x", "<script>alert(1)</script>", "Country")],
                        [Relation("launch", "x", None, ["x"])])
    assert "<script>" not in kg._repr_html_()


# -- the real seed graph -------------------------------------------------------------------------

def test_seed_graph_answers_by_alias(seed_graph):
    north_korea = seed_graph.find("North Korea")
    assert north_korea.type == "Country"
    assert seed_graph.find("dprk") is north_korea
    assert seed_graph.find("Putin").type == "Person"
    assert {"Russia", "North Korea"} <= set(seed_graph.entities_df().label)


def test_seed_graph_neighbours_of_north_korea_include_russia(seed_graph):
    neighbours = seed_graph.neighbors("North Korea", include_members=True)
    assert "Russia" in set(neighbours.label)
    assert (neighbours.relations >= 1).all()


def test_seed_graph_relations_table_matches_the_relations(seed_graph):
    df = seed_graph.relations_df()
    assert len(df) == len(seed_graph.relations) > 0
    assert list(df.evidence) == [len(r.evidence) for r in seed_graph.relations]
    assert (df.evidence >= 1).all() and df.sentence.notna().all()
    assert set(df.modality_class) <= set(MODALITY_CLASS.values())


def test_seed_graph_timeline_of_russia_is_dated_and_ordered(seed_graph):
    df = seed_graph.timeline("Russia", include_members=True)
    assert not df.empty
    assert df["when"].notna().all(), "the seed is dated, so every relation has a date"
    starts = [pd.Timestamp(w.split("/")[0]) for w in df["when"]]
    assert starts == sorted(starts)


def test_seed_graph_subgraph_and_networkx_agree(seed_graph):
    future = seed_graph.subgraph(modality="future")
    assert future.relations and all(MODALITY_CLASS[r.modality] == "future" for r in future.relations)
    graph = seed_graph.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    assert seed_graph.find("North Korea").id in graph
    assert seed_graph.subgraph(until="2023-12-31").relations == []


def test_seed_graph_show_embeds_the_viewer(seed_graph, monkeypatch):
    import IPython.display
    displayed = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects, **kw: displayed.extend(objects))
    assert seed_graph.show(height=420) is None  # displayed where it is called, not only as a cell's value
    [shown] = displayed
    assert "<iframe srcdoc=" in shown.data and "height:420px" in shown.data
    assert "North Korea" in shown.data


def test_seed_graph_sparql_gives_dataframes_and_booleans(seed_graph):
    countries = seed_graph.sparql("SELECT ?label WHERE { ?c a kg:Country ; rdfs:label ?label } ORDER BY ?label")
    assert list(countries.columns) == ["label"]
    assert {"Russia", "North Korea"} <= set(countries.label)
    assert seed_graph.sparql(f"ASK {{ ?c owl:sameAs wd:{seed_graph.find('DPRK').wikidata} }}") is True
    assert seed_graph.sparql("ASK { ?c rdfs:label ?l FILTER (STR(?l) = 'Atlantis') }") is False
    triples = seed_graph.sparql("CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a kg:Country ; rdfs:label ?l }")
    assert list(triples.columns) == ["subject", "predicate", "object"] and len(triples) == len(countries)
