"""A build's outputs are one set: an interrupted or failing build leaves the old set whole, Ctrl-C
ends with one line and status 130, and worker processes print no traceback."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgraph.cli import main
from kgraph.export import write_set

TEXT = "Iran sold drones to Venezuela last month. Japan and Australia signed a defence pact in Tokyo.\n"


def _build(folder: Path, text: str) -> int:
    source = folder / "note.txt"
    source.write_text(text, encoding="utf-8")
    return main(["-q", "build", str(source), "--no-model", "--out", str(folder / "out")])


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_an_interrupted_build_leaves_the_old_set_whole(tmp_path, monkeypatch, capsys):
    from kgraph.graph import KnowledgeGraph

    assert _build(tmp_path, TEXT) == 0
    before = _snapshot(tmp_path / "out")
    assert set(before) == {"graph.json", "graph.ttl", "graph.html"}

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt   # Ctrl-C while the last output renders, after graph.json and graph.ttl

    monkeypatch.setattr(KnowledgeGraph, "to_html", interrupted)
    capsys.readouterr()
    assert _build(tmp_path, "Russia shipped tanks to Syria in 2015.\n") == 130
    assert capsys.readouterr().err == "kgraph: interrupted\n"
    assert _snapshot(tmp_path / "out") == before   # no new graph.json beside old graph.ttl, no staging folder


def test_a_failing_output_leaves_the_old_set_whole(tmp_path, monkeypatch):
    from kgraph.graph import KnowledgeGraph

    assert _build(tmp_path, TEXT) == 0
    before = _snapshot(tmp_path / "out")

    def broken(self, *args, **kwargs):
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(KnowledgeGraph, "to_rdf", broken)
    with pytest.raises(RuntimeError, match="renderer bug"):
        _build(tmp_path, "Russia shipped tanks to Syria in 2015.\n")
    assert _snapshot(tmp_path / "out") == before


def test_ctrl_c_during_the_swap_waits_for_the_whole_new_set(tmp_path, monkeypatch):
    import kgraph.export as export

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("old")
    real_replace, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 1:
            signal.raise_signal(signal.SIGINT)   # Ctrl-C right after the first rename began
        real_replace(source, target)

    monkeypatch.setattr(export.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write_set(tmp_path, {name: (lambda: "new") for name in ("a.txt", "b.txt", "c.txt")})
    assert len(calls) == 3
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {"a.txt": "new", "b.txt": "new", "c.txt": "new"}
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_on_a_parallel_build_is_one_line_and_status_130(tmp_path):
    sentences = ["Iran sold drones to Venezuela last month.", "Japan and Australia signed a defence pact.",
                 "Russia shipped tanks to Syria in 2015.", "China and Pakistan held a joint exercise."]
    with (tmp_path / "many.jsonl").open("w") as corpus:
        for i in range(3000):
            corpus.write(json.dumps({"id": f"d{i}", "text": " ".join(sentences[j % 4] for j in range(i, i + 12))}) + "\n")
    process = subprocess.Popen([sys.executable, "-m", "kgraph", "build", str(tmp_path / "many.jsonl"), "--no-model",
                                "--jobs", "2", "--out", str(tmp_path / "out")],
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(6)   # workers started and busy
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)   # what a terminal does on Ctrl-C: the whole foreground group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "kgraph: interrupted"
    assert not (tmp_path / "out").exists()
