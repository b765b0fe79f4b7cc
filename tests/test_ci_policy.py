"""What CI relies on besides the tests themselves: skips that fail under KGRAPH_NO_SKIPS=1, skip
reasons shown by `make test`, `make eval` without ../shared, a fast --help/--version."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFTEST = (Path(__file__).resolve().parent / "conftest.py").read_text(encoding="utf-8")
SKIPPING = """
import pytest

CHROMIUM = False

@pytest.mark.skipif(not CHROMIUM, reason="no browser here")
def test_marked():
    pass

def test_imperative():
    pytest.skip("no rapper here")

def test_importorskip():
    pytest.importorskip("no_such_module_for_kgraph")

@pytest.mark.external_data
@pytest.mark.skipif(True, reason="the shared texts are not here")
def test_external():
    pass

@pytest.mark.xfail(reason="known")
def test_expected_failure():
    assert False

def test_passes():
    pass
"""


@pytest.fixture
def suite(pytester):
    pytester.makeconftest(CONFTEST)
    pytester.makeini("[pytest]\nmarkers =\n    external_data: outside the repository\n")
    pytester.makepyfile(test_skipping=SKIPPING)
    return pytester


def test_skips_are_skips_by_default(suite, monkeypatch):
    monkeypatch.delenv("KGRAPH_NO_SKIPS", raising=False)
    result = suite.runpytest("-rs")
    result.assert_outcomes(passed=1, skipped=4, xfailed=1)
    result.stdout.fnmatch_lines(["*SKIPPED*no browser here*", "*SKIPPED*no rapper here*"])


def test_ci_turns_every_skip_but_external_data_into_a_failure(suite, monkeypatch):
    monkeypatch.setenv("KGRAPH_NO_SKIPS", "1")
    result = suite.runpytest("-rs")
    result.assert_outcomes(passed=1, skipped=1, xfailed=1, failed=2, errors=1)
    result.stdout.fnmatch_lines(["*KGRAPH_NO_SKIPS=1 makes a skip fail*no browser here*"])


def test_ci_and_make_test_use_the_policy():
    assert "KGRAPH_NO_SKIPS=1 make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-m pytest -rs" in makefile


def test_make_eval_without_the_evaluation_data_says_what_it_needs(tmp_path):
    missing = tmp_path / "no-shared"
    done = subprocess.run(["make", "-C", str(ROOT), "eval", f"EVAL={missing}", "VENV=" + str(tmp_path / "venv")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{missing}/score.py" in done.stdout and "EVAL=DIR" in done.stdout
    assert not (tmp_path / "venv").exists()   # nothing installed, nothing built


def test_make_eval_with_the_data_would_score_both(tmp_path):
    shared = tmp_path / "shared"
    (shared / "dev").mkdir(parents=True)
    for name in ("score.py", "seed.gold.json", "dev/a.gold.json"):
        (shared / name).write_text("")
    done = subprocess.run(["make", "-n", "-C", str(ROOT), "eval", f"EVAL={shared}"],
                          capture_output=True, text=True, check=True)
    assert f"{shared}/score.py out/eval-seed/graph.json {shared}/seed.gold.json" in done.stdout


@pytest.mark.parametrize("argv", [["--version"], ["--help"]] + [
    [command, "--help"] for command in ("build", "view", "export", "validate", "query", "evaluate")])
def test_help_and_version_load_no_heavy_library(argv):
    code = ("import sys\nfrom kgraph.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "heavy = ('spacy', 'thinc', 'pandas', 'rdflib', 'pyoxigraph', 'networkx', 'matplotlib', 'dateparser',"
            " 'kgraph.pipeline')\n"
            "print('LOADED', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    assert "LOADED []" in done.stderr
    assert done.stdout.strip()
