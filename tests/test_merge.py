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
