"""The knowledge base: everything kgraph knows before it reads a word.

It is data in ``ontologies/`` (gazetteers, offices, lexicons), loaded once and
shared read-only by every document's extraction.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .extract.lexicon import Lexicon, load_lexicon
from .gazetteer import Gazetteer, load_gazetteer

#: The ontologies/ folder of the source tree; KGRAPH_ONTOLOGIES points elsewhere.
DEFAULT_ONTOLOGIES = Path(__file__).resolve().parent.parent / "ontologies"


def ontologies_dir() -> Path:
    return Path(os.environ.get("KGRAPH_ONTOLOGIES") or DEFAULT_ONTOLOGIES)


@dataclass(frozen=True)
class KnowledgeBase:
    gazetteer: Gazetteer
    lexicon: Lexicon


@lru_cache(maxsize=4)
def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    directory = Path(directory) if directory else ontologies_dir()
    return KnowledgeBase(gazetteer=load_gazetteer(directory), lexicon=load_lexicon(directory))
