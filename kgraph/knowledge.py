"""The knowledge base: everything kgraph knows before it reads a word.

It is data in ``ontologies/`` (gazetteers, offices, lexicons), validated
(``kgraph.ontology``), loaded once and shared read-only by every document's extraction.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .extract.lexicon import Lexicon, load_lexicon
from .gazetteer import Gazetteer
from .gazetteer.build import load_gazetteer
from .ontology import validate_ontologies

#: The ontologies/ folder of the source tree; KGRAPH_ONTOLOGIES points elsewhere.
DEFAULT_ONTOLOGIES = Path(__file__).resolve().parent.parent / "ontologies"


def ontologies_dir() -> Path:
    """The ontologies folder in use: ``$KGRAPH_ONTOLOGIES`` when set, else the source tree's."""
    return Path(os.environ.get("KGRAPH_ONTOLOGIES") or DEFAULT_ONTOLOGIES)


@dataclass(frozen=True)
class KnowledgeBase:
    """The gazetteer (names, offices, cue words of resolution) and the lexicon (triggers, cues, time words)."""
    gazetteer: Gazetteer
    lexicon: Lexicon


@lru_cache(maxsize=4)
def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """Validate and load the knowledge files of ``directory`` (default ``ontologies_dir()``), once per folder.

    Parameters
    ----------
    directory : path-like, optional

    Returns
    -------
    KnowledgeBase

    Raises
    ------
    kgraph.errors.KnowledgeError
        A knowledge file does not follow its format; the message names file and line.
    """
    directory = Path(directory) if directory else ontologies_dir()
    # the gazetteer's files are checked before the gazetteer reads them; the lexicon checks its own
    validate_ontologies(directory)
    return KnowledgeBase(gazetteer=load_gazetteer(directory), lexicon=load_lexicon(directory))
