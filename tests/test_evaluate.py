"""``kgraph evaluate``: scoring a graph against gold files, and agreement with the shared scorer."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kgraph.cli import main
from kgraph.evaluate import evaluate, normalise_name

GOLD = {
    "text": "example.txt",
    "entities": [
        {"id": "russia", "type": "Country", "aliases": ["Russia", "Moscow"]},
        {"id": "iran", "type": "Country", "aliases": ["Iran", "Tehran"]},
        {"id": "china", "type": "Country", "aliases": ["China"]},
        {"id": "kcna", "type": "Organization", "aliases": ["KCNA"], "optional": True},
    ],
    "relations": [
        {"type": "arms_transfer", "source": ["iran"], "target": ["russia"], "modality": ["asserted", "reported"]},
        {"type": "meeting", "participants": [["russia"], ["china"]], "modality": ["planned"]},
        {"type": "launch", "source": ["iran"], "target": None, "modality": ["asserted"], "optional": True},
    ],
}


def graph(relations, entities=None):
    entities = entities or [
        {"id": "Q159", "label": "Russia", "type": "Country", "aliases": ["Moscow"], "documents": ["example"]},
        {"id": "Q794", "label": "Iran", "type": "Country", "aliases": [], "documents": ["example"]},
        {"id": "Q148", "label": "China", "type": "Country", "aliases": [], "documents": ["example"]},
    ]
    return {"documents": [{"id": "example", "source": "example.txt"}], "entities": entities,
            "relations": [{**r, "evidence": [{"doc": "example"}]} for r in relations]}


def test_names_are_normalised():
    assert normalise_name("The  U.S.") == "u s"
    assert normalise_name("Kim Jong\u2019un") == normalise_name("kim jong'un")


def test_perfect_graph_scores_one():
    total, _ = evaluate(graph([
        {"type": "arms_transfer", "source": "Q794", "target": "Q159", "modality": "reported"},
        {"type": "meeting", "participants": ["Q148", "Q159"], "modality": "planned"},
    ]), [(Path("example.gold.json"), GOLD)])
    assert total.summary() == {"entity_p": 1.0, "entity_r": 1.0, "entity_f1": 1.0, "relation_p": 1.0,
                               "relation_r": 1.0, "relation_f1": 1.0, "modality_acc": 1.0}


def test_wrong_direction_modality_and_spurious_entities_count():
    entities = [
        {"id": "Q159", "label": "Russia", "type": "Country", "aliases": []},
        {"id": "moscow", "label": "Moscow", "type": "Location", "aliases": []},
        {"id": "Q794", "label": "Iran", "type": "Country", "aliases": []},
        {"id": "x", "label": "Atlantis", "type": "Country", "aliases": []},
    ]
    total, per_file = evaluate(graph([
        {"type": "arms_transfer", "source": "Q159", "target": "Q794", "modality": "asserted"},  # reversed
        {"type": "arms_transfer", "source": "Q794", "target": "Q159", "modality": "negated"},
    ], entities), [(Path("example.gold.json"), GOLD)])
    counts = per_file[0][1]
    assert counts.missed_entities == ["china"]
    assert counts.spurious_entities == ["Atlantis"] and counts.duplicate_entities == ["Moscow"]
    assert (counts.relations_correct, counts.relations_wrong, counts.gold_found, counts.gold_relations) == (1, 1, 1, 2)
    assert total.summary()["modality_acc"] == 0.0


def test_optional_gold_costs_nothing_and_counts_when_found():
    total, _ = evaluate(graph([{"type": "launch", "source": "Q794", "target": None, "modality": "asserted"}]),
                        [(Path("example.gold.json"), GOLD)])
    summary = total.summary()
    assert summary["relation_p"] == 1.0 and summary["relation_r"] == 0.0


SHARED_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


@pytest.fixture()
def shared_scorer():
    """``../shared/eval/score.py`` as a module (the tests using it skip without the evaluation data)."""
    if not SHARED_SCORER.exists():
        pytest.skip("the shared scorer is not next to the project")
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    return shared


def write_files(tmp_path: Path, relations: list[dict]) -> tuple[Path, Path]:
    """(graph.json of ``relations``, the GOLD file) in ``tmp_path``."""
    graph_path, gold_path = tmp_path / "graph.json", tmp_path / "example.gold.json"
    gold_path.write_text(json.dumps(GOLD))
    graph_path.write_text(json.dumps(graph(relations)))
    return graph_path, gold_path


SCORED = [
    {"type": "arms_transfer", "source": "Q159", "target": "Q794", "modality": "asserted"},
    {"type": "meeting", "participants": ["Q148", "Q159", "Q794"], "modality": "asserted"},
    {"type": "launch", "source": "Q794", "target": None, "modality": "asserted"},
]


@pytest.mark.external_data
def test_agrees_with_the_shared_scorer(tmp_path, capsys, shared_scorer):
    graph_path, gold_path = write_files(tmp_path, SCORED)
    shared_scorer.main([str(graph_path), str(gold_path), "--json"])
    theirs = json.loads(capsys.readouterr().out)
    assert main(["evaluate", str(graph_path), str(gold_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == theirs


def test_cli_reports_a_missing_file(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "nope.json"), str(tmp_path / "gold.json")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.external_data
def test_by_type_agrees_with_the_shared_scorer(tmp_path, capsys, shared_scorer):
    """``kgraph evaluate --by-type`` prints the per-type table of ``score.py --by-type``, line for line:
    a correct transfer, a meeting with one right and two wrong pairs, an unmapped launch."""
    graph_path, gold_path = write_files(tmp_path, [
        *SCORED, {"type": "sanction", "source": "Q148", "target": "Q159", "modality": "asserted"}])
    shared_scorer.main([str(graph_path), str(gold_path), "--by-type"])
    theirs = capsys.readouterr().out
    assert main(["evaluate", str(graph_path), str(gold_path), "--by-type"]) == 0
    ours = capsys.readouterr().out
    assert ours == theirs
    assert "sanction" in ours and "precision" in ours


def test_by_type_json_holds_recall_and_precision(tmp_path, capsys):
    graph_path, gold_path = write_files(tmp_path, [
        {"type": "arms_transfer", "source": "Q159", "target": "Q794", "modality": "asserted"},
        {"type": "arms_transfer", "source": "Q794", "target": "Q159", "modality": "asserted"},
    ])
    assert main(["evaluate", str(graph_path), str(gold_path), "--json", "--by-type"]) == 0
    table = json.loads(capsys.readouterr().out)["by_type"]
    assert table["arms_transfer"]["correct"] == 1 and table["arms_transfer"]["wrong"] == 1
    assert table["arms_transfer"]["precision"] == 0.5
    assert table["arms_transfer"]["recall"] == table["arms_transfer"]["found"] / table["arms_transfer"]["gold"]
