"""The build end to end: CLI, outputs, bad input, determinism, the rule-only fallback."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import kgraph
from kgraph.cli import main
from kgraph.errors import (EngineUnavailable, GraphFormatError, InputError, KnowledgeError, StoreError,
                           UsageError)

from .conftest import SEED_FILE, SEEDS


def test_build_writes_all_three_outputs(tmp_path):
    assert main(["-q", "build", str(SEED_FILE), "--out", str(tmp_path)]) == 0
    graph = json.loads((tmp_path / "graph.json").read_text())
    assert graph["documents"][0]["id"] == "000_aecc20bfa61aa663"
    labels = {e["label"] for e in graph["entities"]}
    assert {"Russia", "North Korea", "South Korea"} <= labels
    assert graph["relations"], "the seed yields relations"
    assert (tmp_path / "graph.ttl").read_text().startswith("@prefix")
    assert "<html" in (tmp_path / "graph.html").read_text().lower()


def test_bad_files_are_skipped_and_named_but_the_build_goes_on(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("")
    (inputs / "latin1.txt").write_bytes(b"Caf\xe9 diplomacy in Paris.")
    (inputs / "good.txt").write_text("Japan and Australia signed a defence pact on Monday.")
    assert main(["build", str(inputs), str(tmp_path / "absent.md"), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert f"skipped {inputs / 'empty.txt'}: empty file" in err
    assert f"skipped {inputs / 'latin1.txt'}: not UTF-8 text" in err
    assert f"skipped {tmp_path / 'absent.md'}: no such file" in err
    graph = json.loads((tmp_path / "out" / "graph.json").read_text())
    assert [d["id"] for d in graph["documents"]] == ["good"]


def test_exit_status_is_non_zero_only_when_nothing_was_built(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("   \n")
    assert main(["build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out")]) == 1
    assert "nothing could be built" in capsys.readouterr().err
    assert not (tmp_path / "out" / "graph.json").exists()


def test_two_builds_give_byte_identical_outputs(tmp_path):
    for name in ("one", "two"):
        assert main(["-q", "build", str(SEEDS), "--out", str(tmp_path / name)]) == 0
    for output in ("graph.json", "graph.ttl", "graph.html"):
        assert (tmp_path / "one" / output).read_bytes() == (tmp_path / "two" / output).read_bytes(), output


def test_rule_only_pipeline_still_finds_the_actors(tmp_path):
    assert main(["-q", "build", str(SEED_FILE), "--no-model", "--formats", "json", "--out", str(tmp_path)]) == 0
    graph = json.loads((tmp_path / "graph.json").read_text())
    assert {"Russia", "North Korea"} <= {e["label"] for e in graph["entities"]}


def test_rule_only_pipeline_reads_would_right_after_the_trigger():
    """The window fallback's "future in the past" rule looked for a "would" before the trigger
    only, and crashed when the one cue was the word after it."""
    import kgraph
    texts = ["Officials said the sanctions would hit Iran's banks, and Britain imposed sanctions on Iran.",
             "Russia said strikes would follow if Ukraine attacked.",
             "Japan warned that talks would not resume."]
    for text in texts:
        kgraph.build([text], model=None)
    kg = kgraph.build([texts[0]], model=None)
    assert any(r.type == "sanction" for r in kg.relations)


def test_missing_model_is_said_once_on_stderr():
    code = ("import kgraph; kg = kgraph.build(['Russia and China held talks in Beijing.', "
            "'Iran launched a satellite on Monday.'], model='no_such_model_pkg'); print(len(kg.documents))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "2"
    assert done.stderr.count("is not installed") == 1
    assert "rule-only pipeline" in done.stderr


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out.startswith("kgraph ")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "build" in capsys.readouterr().out


def test_a_registered_engine_is_the_one_build_folds(monkeypatch):
    from kgraph import engines
    from kgraph.engines import ENGINES, register_engine
    from kgraph.model import Entity, Extraction

    monkeypatch.setattr(engines, "ENGINES", dict(ENGINES))
    calls = []

    @register_engine("toy")
    def toy(documents, *, model, ontologies, jobs, scheduler):
        calls.append((model, jobs, scheduler))
        for document in documents:
            yield Extraction(document, [Entity(f"toy-{document.id}", document.text.split()[0], "Organization",
                                               documents=[document.id])])

    kg = kgraph.build(["Alpha builds ships in a dry dock.", "Beta sells ships to anyone."], engine="toy",
                      model=None, jobs=3, scheduler="tcp://nowhere:1")
    assert calls == [(None, 3, "tcp://nowhere:1")]
    assert sorted(e.label for e in kg.entities) == ["Alpha", "Beta"]
    assert len(kg.documents) == 2 and not kg.relations
    with pytest.raises(UsageError, match="unknown engine 'nothing'; choose among local, dask, toy"):
        kgraph.build(["Alpha builds ships."], engine="nothing")


def test_the_cli_offers_the_built_in_engines():
    from kgraph.cli.build import ENGINES as CLI_ENGINES
    from kgraph.engines import ENGINES

    assert CLI_ENGINES == tuple(ENGINES)


@pytest.mark.parametrize("error", [InputError, UsageError, KnowledgeError, GraphFormatError, StoreError,
                                   EngineUnavailable])
def test_every_kgraph_error_ends_the_command_with_its_exit_code(error, monkeypatch, capsys):
    from kgraph.cli import build as build_command

    def fail(args):
        raise error("the reason, in one line")

    monkeypatch.setattr(build_command, "run", fail)
    assert main(["build", "anything.txt"]) == error.exit_code == (2 if error is UsageError else 1)
    assert capsys.readouterr().err == "kgraph: the reason, in one line\n"


def test_errors_the_cli_finds_itself_are_mapped_in_main_too(tmp_path, capsys):
    assert main(["build", str(SEED_FILE), "--formats", "json,pdf"]) == 2
    assert capsys.readouterr().err == "kgraph: unknown format(s) pdf; choose among json, ttl, html\n"
    assert main(["build", "--store", str(tmp_path / "absent.db")]) == 1
    assert capsys.readouterr().err == f"kgraph: {tmp_path / 'absent.db'}: no such store\n"
    (tmp_path / "notes.db").write_text("not a database")
    assert main(["build", str(SEED_FILE), "--store", str(tmp_path / "notes.db")]) == 1
    assert "not a kgraph store" in capsys.readouterr().err


def test_the_command_line_loads_no_heavy_library():
    code = ("import sys, kgraph.cli; kgraph.cli.make_parser(); "
            "print(sorted(m for m in ('spacy', 'pandas', 'rdflib', 'kgraph.pipeline') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
