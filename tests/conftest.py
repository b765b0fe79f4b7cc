"""Shared fixtures: the seed graph is built once per test session.

``KGRAPH_NO_SKIPS=1`` (set by CI) turns every skip into a failure, except for tests marked
``external_data``: those need files that are not in the repository (``../shared``, the
PETRARCH2 dictionaries). A test that skips for want of something CI installs (chromium,
rapper, the spaCy model, dask, Playwright) then fails, with the skip's reason.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kgraph.resources import ontologies_dir

pytest_plugins = ["pytester"]

#: The environment variable that makes skips fail.
NO_SKIPS_ENV = "KGRAPH_NO_SKIPS"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if (report.skipped and not hasattr(report, "wasxfail") and os.environ.get(NO_SKIPS_ENV) == "1"
            and item.get_closest_marker("external_data") is None):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped, and {NO_SKIPS_ENV}=1 makes a skip fail: {reason}"

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "000_aecc20bfa61aa663.txt"


@pytest.fixture(scope="session")
def seed_graph():
    """The KnowledgeGraph of the seed article, with the full spaCy model."""
    import kgraph
    return kgraph.build([SEED_FILE])


@pytest.fixture(scope="session")
def nlp():
    from kgraph.nlp import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="session")
def kb():
    from kgraph.knowledge import load_knowledge
    return load_knowledge()


#: Two articles written for the tests (synthetic): one reports an arms transfer, the other is
#: the supplier's denial. Together they make one contested claim (kgraph.contest).
CONTESTED_ARTICLES = {
    "kyiv_report.txt": ('---\ntitle: "Kyiv says Minsk shipped armour"\ndate: 2024-03-02\n'
                        'source: "kgraph tests, synthetic"\n---\n'
                        "Ukraine's intelligence service said Belarus had sent tanks to Russia.\n"),
    "minsk_denial.txt": ('---\ntitle: "Minsk rejects the claim"\ndate: 2024-03-04\n'
                         'source: "kgraph tests, synthetic"\n---\n'
                         "Belarus denied sending tanks to Russia.\n"),
}


@pytest.fixture(scope="session")
def contested_build(tmp_path_factory) -> Path:
    """`kgraph build` of the two articles into a folder holding graph.json, graph.ttl and graph.html."""
    from kgraph.cli import main as cli
    root = tmp_path_factory.mktemp("contested")
    articles = root / "articles"
    articles.mkdir()
    for name, text in CONTESTED_ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    out = root / "out"
    assert cli(["-q", "build", str(articles), "--out", str(out), "--formats", "json,ttl,html"]) == 0
    return out


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped ontologies folder, named ``ontologies`` as in messages."""
    target = tmp_path / "ontologies"
    shutil.copytree(ontologies_dir(), target)
    return target


def alter(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in the file by ``new``; the 1-based line of the change."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text.count("\n", 0, at) + 1
