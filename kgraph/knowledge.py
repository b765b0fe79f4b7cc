"""The knowledge base: everything kgraph knows before it reads a word.

It is data in ``ontologies/`` (gazetteers, offices, lexicons), validated
(``kgraph.ontology``), loaded once and shared read-only by every document's extraction.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .extract.lexicon import Lexicon, load_lexicon
from .gazetteer import Gazetteer
from .gazetteer.build import load_gazetteer
from .ontology import validate_ontologies
from .resources import ontologies_dir  # noqa: F401  (the folder in use: $KGRAPH_ONTOLOGIES, else the shipped one)


@dataclass(frozen=True)
class KnowledgeBase:
    """The gazetteer (names, offices, cue words of resolution) and the lexicon (triggers, cues, time words)."""
    gazetteer: Gazetteer
    lexicon: Lexicon


def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """Validate and load the knowledge files of ``directory`` (default ``ontologies_dir()``: ``$KGRAPH_ONTOLOGIES``,
    else the shipped folder, read at each call), once per folder.

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
    return _load_knowledge(ontologies_dir(directory))


def validate_knowledge(directory: Path | None = None) -> None:
    """Check every knowledge file of ``directory`` (default as :func:`load_knowledge`) without loading it:
    what an engine does before it starts workers, so that a fault is one line here, not a traceback
    from each worker.

    Raises
    ------
    kgraph.errors.KnowledgeError
        The first fault, naming file and line.
    """
    from .extract.lexicon import LEXICON_FILES, SCHEMAS
    directory = ontologies_dir(directory)
    validate_ontologies(directory)
    validate_ontologies(directory, LEXICON_FILES, SCHEMAS)


@lru_cache(maxsize=4)
def _load_knowledge(directory: Path) -> KnowledgeBase:
    # the gazetteer's files are checked, then built from the node trees the check parsed; the lexicon
    # checks its own files as it reads them
    roots = validate_ontologies(directory)
    return KnowledgeBase(gazetteer=load_gazetteer(directory, roots), lexicon=load_lexicon(directory))
