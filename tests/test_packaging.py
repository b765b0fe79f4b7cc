"""kgraph as a pip package: the knowledge files and queries ship inside the wheel, and one
knowledge folder (--ontologies / KGRAPH_ONTOLOGIES) serves every reader."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kgraph.cli import main
from kgraph.errors import KnowledgeError
from kgraph.resources import ONTOLOGIES_ENV, ontologies_dir, ontology_file, shipped

ROOT = Path(__file__).resolve().parent.parent
TEXT = "---\ntitle: Test\ndate: 2024-03-02\n---\nIran sold drones to Venezuela last month.\n"


@pytest.mark.slow
def test_the_wheel_ships_the_knowledge_and_builds_away_from_the_checkout(tmp_path):
    # pip builds the wheel as `pip install .` would (an isolated build, not editable)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
                   check=True, capture_output=True)
    wheel, = (tmp_path / "dist").glob("kgraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("ontologies", "queries"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                assert f"kgraph/{folder}/{path.relative_to(ROOT / folder).as_posix()}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    (work / "note.txt").write_text(TEXT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop(ONTOLOGIES_ENV, None)

    def kgraph(*args):
        return subprocess.run([sys.executable, "-m", "kgraph", *args], cwd=work, env=env, capture_output=True,
                              text=True)

    where = subprocess.run([sys.executable, "-c", "import kgraph.resources as r; print(r.shipped('ontologies'))"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()) == site / "kgraph" / "ontologies"
    built = kgraph("build", "note.txt", "--no-model", "--out", "out", "--formats", "json,ttl")
    assert built.returncode == 0, built.stderr
    assert (work / "out" / "graph.json").is_file() and (work / "out" / "graph.ttl").is_file()
    asked = kgraph("query", "out/graph.json", str(site / "kgraph" / "queries" / "suspected_events.rq"))
    assert asked.returncode == 0, asked.stderr
    checked = kgraph("validate", "out/graph.ttl")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_shipped_folders_are_found_in_the_checkout():
    assert shipped("ontologies") == ROOT / "ontologies" and shipped("queries") == ROOT / "queries"
    with pytest.raises(KnowledgeError, match="no shipped data folder 'seeds'"):
        shipped("seeds")


@pytest.fixture
def own_ontologies(tmp_path, monkeypatch):
    """A copy of the shipped knowledge folder whose ontology and shapes say something of their own."""
    folder = tmp_path / "knowledge"
    shutil.copytree(shipped("ontologies"), folder)
    with (folder / "kgraph.ttl").open("a", encoding="utf-8") as ttl:
        ttl.write('\n<https://example.org/own-term> <http://www.w3.org/2000/01/rdf-schema#label> "own term"@en .\n')
    # a shape no kgraph graph can meet: every entity needs a property nothing writes
    with (folder / "shapes.ttl").open("a", encoding="utf-8") as shapes:
        shapes.write('\n<https://example.org/OwnShape> a <http://www.w3.org/ns/shacl#NodeShape> ;\n'
                     '  <http://www.w3.org/ns/shacl#targetClass> <https://kgraph.dev/ontology#Country> ;\n'
                     '  <http://www.w3.org/ns/shacl#property> [ <http://www.w3.org/ns/shacl#path> '
                     '<https://example.org/never> ; <http://www.w3.org/ns/shacl#minCount> 1 ] .\n')
    monkeypatch.delenv(ONTOLOGIES_ENV, raising=False)
    return folder


def _graph(tmp_path) -> Path:
    (tmp_path / "note.txt").write_text(TEXT, encoding="utf-8")
    assert main(["-q", "build", str(tmp_path / "note.txt"), "--no-model", "--out", str(tmp_path / "out"),
                 "--formats", "json,ttl"]) == 0
    return tmp_path / "out"


OWN_TERM = "ASK { <https://example.org/own-term> rdfs:label ?l }"  # the default graph is the union of all


def test_the_environment_variable_replaces_the_ontology_and_shapes_everywhere(own_ontologies, tmp_path,
                                                                               monkeypatch, capsys):
    from kgraph.rdf.query import open_store, sparql

    out = _graph(tmp_path)
    assert sparql(open_store(), OWN_TERM) is False
    assert main(["validate", str(out / "graph.ttl")]) == 0
    monkeypatch.setenv(ONTOLOGIES_ENV, str(own_ontologies))
    assert ontologies_dir() == own_ontologies and ontology_file("kgraph.ttl") == own_ontologies / "kgraph.ttl"
    assert sparql(open_store(), OWN_TERM) is True
    capsys.readouterr()
    assert main(["query", str(out / "graph.json"), OWN_TERM]) == 0
    assert capsys.readouterr().out.strip() == "true"
    assert main(["validate", str(out / "graph.ttl")]) == 1
    assert "https://example.org/never" in capsys.readouterr().out


def test_the_ontologies_option_replaces_them_too(own_ontologies, tmp_path, monkeypatch, capsys):
    out = _graph(tmp_path)
    monkeypatch.delenv(ONTOLOGIES_ENV, raising=False)
    capsys.readouterr()
    assert main(["query", str(out / "graph.json"), OWN_TERM, "--ontologies", str(own_ontologies)]) == 0
    assert capsys.readouterr().out.strip() == "true"
    assert main(["validate", str(out / "graph.ttl"), "--ontologies", str(own_ontologies)]) == 1
    assert ONTOLOGIES_ENV not in os.environ   # the option held for the command only


def test_a_knowledge_folder_without_the_ontology_is_named(tmp_path, monkeypatch, capsys):
    from kgraph.rdf.query import open_store

    monkeypatch.setenv(ONTOLOGIES_ENV, str(tmp_path))
    with pytest.raises(KnowledgeError, match=f"{tmp_path / 'kgraph.ttl'}: no such knowledge file"):
        open_store()
