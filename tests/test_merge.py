"""Merging: entities unify on id, repeated relations fold into one with several evidences."""
from __future__ import annotations

from kgraph.merge import merge
from kgraph.model import Document, Entity, Evidence, Extraction, Relation


def _extraction(doc_id: str, sentence: str, start: int, confidence: float, alias: str) -> Extraction:
    doc = Document(doc_id, sentence, date="2024-06-01")
    return Extraction(
        document=doc,
        entities=[Entity("Q423", "North Korea", "Country", [alias], "Q423", [doc_id]),
                  Entity("Q159", "Russia", "Country", [], "Q159", [doc_id])],
        relations=[Relation("arms_transfer", "Q423", "Q159", ["Q423", "Q159"], confidence=confidence,
                            object=["artillery shells"] if doc_id == "b" else ["missiles"],
                            evidence=[Evidence(doc_id, sentence, start, start + len(sentence))])],
    )


def test_repeated_reports_fold_into_one_relation_with_all_evidence():
    kg = merge([_extraction("b", "Pyongyang shipped shells to Moscow.", 0, 0.6, "Pyongyang"),
                _extraction("a", "North Korea sent missiles to Russia.", 10, 0.5, "DPRK")])
    [relation] = kg.relations
    assert [ev.doc for ev in relation.evidence] == ["a", "b"]
    assert relation.confidence == 0.8  # 1 - 0.4 * 0.5
    assert relation.object == ["artillery shells", "missiles"]
    north_korea = kg.entity("Q423")
    assert north_korea.aliases == ["DPRK", "Pyongyang"]
    assert north_korea.documents == ["a", "b"]
    assert [d.id for d in kg.documents] == ["a", "b"]


def test_merge_is_independent_of_arrival_order():
    one = [_extraction("a", "North Korea sent missiles to Russia.", 0, 0.5, "DPRK"),
           _extraction("b", "Pyongyang shipped shells to Moscow.", 0, 0.6, "Pyongyang")]
    assert merge(one).to_json() == merge(reversed(one)).to_json()


def test_different_modality_stays_a_different_relation():
    planned = _extraction("a", "North Korea will send missiles to Russia.", 0, 0.5, "DPRK")
    planned.relations[0].modality = "planned"
    kg = merge([planned, _extraction("b", "Pyongyang shipped shells to Moscow.", 0, 0.6, "Pyongyang")])
    assert sorted(r.modality for r in kg.relations) == ["asserted", "planned"]


# ------------------------------------------------------------------ canonical order

def _shuffled_graph():
    from kgraph.graph import KnowledgeGraph

    documents = [Document("b", "", date="2024-06-02"), Document("a", "", date="2024-06-01")]
    entities = [Entity("Q159", "Russia", "Country", ["Moscow", "Kremlin"], documents=["b", "a", "elsewhere"]),
                Entity("Q423", "North Korea", "Country", ["Pyongyang", "DPRK"], documents=["b", "a"])]
    relations = [
        Relation("visit", "Q159", "Q423", ["Q159", "Q423"], object=["delegation"],
                 evidence=[Evidence("b", "The Russian minister visited Pyongyang.", 40, 79, "visited")]),
        Relation("arms_transfer", "Q423", "Q159", ["Q423", "Q159"], object=["shells", "missiles"],
                 evidence=[Evidence("b", "Pyongyang shipped shells to Moscow.", 0, 35, "shipped"),
                           Evidence("a", "North Korea sent missiles to Russia.", 5, 40, "sent")]),
    ]
    return KnowledgeGraph(documents, entities, relations)


def test_canonical_orders_every_list_the_way_a_merge_does():
    kg = _shuffled_graph().canonical()
    assert [d.id for d in kg.documents] == ["a", "b"]
    assert [e.id for e in kg.entities] == ["Q159", "Q423"]
    assert kg.entities[0].aliases == ["Kremlin", "Moscow"]
    assert kg.entities[0].documents == ["a", "b", "elsewhere"]  # unknown documents last
    arms, visit = kg.relations  # by first evidence: document a comes before document b
    assert (arms.type, visit.type) == ("arms_transfer", "visit")
    assert [ev.doc for ev in arms.evidence] == ["a", "b"]
    assert arms.object == ["missiles", "shells"]


def test_canonical_copies_and_is_idempotent():
    original = _shuffled_graph()
    kg = original.canonical()
    assert original.entities[0].aliases == ["Moscow", "Kremlin"]  # the input is left as it was
    assert original.relations[1].object == ["shells", "missiles"]
    assert kg.canonical() == kg


def test_merger_and_canonical_agree():
    from kgraph.merge import GraphMerger

    kg = _shuffled_graph()
    assert GraphMerger(kg).graph() == kg.canonical()



def test_canonical_in_place_sorts_the_records_themselves():
    original = _shuffled_graph()
    kg = original.canonical(in_place=True)
    assert kg.entities[0] is original.entities[0]  # Q159 came first already
    assert original.entities[0].aliases == ["Kremlin", "Moscow"]
    assert kg == _shuffled_graph().canonical()


def _attack(doc_id: str, time: str | None) -> Extraction:
    sentence = "Russia attacked Ukraine."
    doc = Document(doc_id, sentence)
    return Extraction(doc, entities=[Entity("Q159", "Russia", "Country", [], "Q159", [doc_id]),
                                     Entity("Q212", "Ukraine", "Country", [], "Q212", [doc_id])],
                      relations=[Relation("armed_conflict", "Q159", "Q212", ["Q159", "Q212"], time=time,
                                evidence=[Evidence(doc_id, sentence, 0, len(sentence))])])


def test_reports_at_times_that_do_not_overlap_stay_two_events():
    kg = merge([_attack("a", "2022-03-03"), _attack("b", "2022-02-24"), _attack("c", None), _attack("d", "2022")])
    by_time = {r.time: sorted(ev.doc for ev in r.evidence) for r in kg.relations}
    # the undated and the year-long report fold into the first event they fit
    assert by_time == {"2022-03-03": ["a", "c", "d"], "2022-02-24": ["b"]}
    assert len({r.id for r in kg.relations}) == 2


def test_an_undated_report_takes_the_time_of_a_later_dated_one():
    [relation] = merge([_attack("a", None), _attack("b", "2024-10")]).relations
    assert relation.time == "2024-10" and len(relation.evidence) == 2
