"""Cooperative relations (issue 12): what the new lexicon keys mean and how they are checked.

The sentences each kind of English must read are in tests/data/recall_kinds/deals.yaml; here: a
named pattern is recorded on the relation (traceability), the keys ``name``, ``counterparts`` and
the places of ``kgraph.extract.places_deals`` are checked when the lexicon loads.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import kgraph
from kgraph.errors import KnowledgeError
from kgraph.extract.lexicon import load_lexicon
from kgraph.extract.places import resolve_place

from .conftest import alter


def build(text: str, tmp_path: Path):
    source = tmp_path / "doc.jsonl"
    source.write_text(json.dumps({"id": "doc", "date": "2025-07-08", "text": text}) + "\n", encoding="utf-8")
    return kgraph.build([source])


def test_a_named_pattern_is_recorded_on_the_relation(tmp_path):
    kg = build("Minister Anna Lindqvist signed the pact on behalf of Sweden while Defence Secretary "
               "Tomas Novak signed it on behalf of Poland.", tmp_path)
    patterns = {e.pattern for r in kg.relations if r.type == "agreement" for e in r.evidence}
    assert "triggers_supplement.yaml:agreement/verb:signed-on-behalf" in patterns


def test_counterparts_pair_with_the_others_only(tmp_path):
    kg = build("Mongolia says it has strategic ties with both Japan and India.", tmp_path)
    labels = {e.id: e.label for e in kg.entities}
    pairs = {frozenset(labels[p] for p in r.participants) for r in kg.relations if r.type == "military_cooperation"}
    assert pairs == {frozenset({"Mongolia", "Japan"}), frozenset({"Mongolia", "India"})}


def test_the_places_of_deals_are_registered():
    for name in ("behalf", "subj_from", "passive_by", "nested_between", "to_subj", "taker_subj", "led_by",
                 "noun_owner"):
        assert resolve_place(name, "participants").doc
    assert resolve_place("deal_party", "source").fallback


def test_a_malformed_pattern_name_names_file_and_line(folder):
    line = alter(folder / "triggers_supplement.yaml", "name: goods-arrived", "name: Goods Arrived")
    with pytest.raises(KnowledgeError) as caught:
        load_lexicon(folder)
    assert str(caught.value).startswith(f"ontologies/triggers_supplement.yaml, line {line}: malformed pattern name")


def test_counterparts_must_be_participant_places(folder):
    line = alter(folder / "relations.yaml", "counterparts: [prep:with]", "counterparts: [compound]")
    with pytest.raises(KnowledgeError) as caught:
        load_lexicon(folder)
    assert str(caught.value).startswith(f"ontologies/relations.yaml, line {line}: argument place 'compound' "
                                        "cannot stand in 'participants'")


def test_the_deal_party_reads_only_sources(folder):
    line = alter(folder / "relations.yaml", "target: [subj]", "target: [deal_party]")
    with pytest.raises(KnowledgeError) as caught:
        load_lexicon(folder)
    assert f"line {line}: argument place 'deal_party' cannot stand in 'target'" in str(caught.value)
