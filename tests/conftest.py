"""Shared fixtures: the seed graph is built once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

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
