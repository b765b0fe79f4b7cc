"""Cross-references between knowledge files, and the files a knowledge folder must hold: each fault is
one KnowledgeError naming file and line, before anything is loaded."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kgraph.errors import KnowledgeError
from kgraph.extract.lexicon import load_lexicon
from kgraph.ontology import validate_ontologies

ONTOLOGIES = Path(__file__).resolve().parent.parent / "ontologies"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "ont"
    shutil.copytree(ONTOLOGIES, copy)
    return copy


def _replace(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in the file; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:at].count("\n") + 1


def test_the_shipped_folder_is_consistent():
    validate_ontologies(ONTOLOGIES)


def test_an_office_held_for_an_unknown_state_names_file_and_line(folder):
    line = _replace(folder / "offices.yaml", "[[President, USA,", "[[President, XYZ,")
    with pytest.raises(KnowledgeError, match=rf"offices.yaml, line {line}: unknown state or organisation 'XYZ'"):
        validate_ontologies(folder)


def test_an_organisation_of_an_unknown_country_names_file_and_line(folder):
    text = (folder / "organizations.yaml").read_text(encoding="utf-8")
    old = "country: RUS"
    assert old in text
    line = _replace(folder / "organizations.yaml", old, "country: RUZ")
    with pytest.raises(KnowledgeError, match=rf"organizations.yaml, line {line}: unknown state 'RUZ'"):
        validate_ontologies(folder)


def test_an_unknown_successor_state_names_file_and_line(folder):
    line = _replace(folder / "places.yaml", "successors: [RUS]", "successors: [RUZ]")
    with pytest.raises(KnowledgeError, match=rf"places.yaml, line {line}: unknown successor state 'RUZ'"):
        validate_ontologies(folder)


def test_a_missing_file_or_folder_is_one_error(folder, tmp_path):
    (folder / "offices.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"offices.yaml: missing"):
        validate_ontologies(folder)
    (folder / "time.yaml").unlink()  # a lexicon file: its loader checks it
    with pytest.raises(KnowledgeError, match=r"time.yaml: missing"):
        load_lexicon(folder)
    with pytest.raises(KnowledgeError, match=r"no such knowledge folder"):
        validate_ontologies(tmp_path / "nowhere")


def test_generated_world_data_may_be_left_out(folder):
    (folder / "world.yaml").unlink()
    validate_ontologies(folder)
