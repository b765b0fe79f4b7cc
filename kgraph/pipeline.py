"""The build: read -> NLP -> resolve -> extract -> merge.

``extract_document`` is a pure function of (document, parse, knowledge base), the
unit that parallel and distributed builds run; ``build`` streams documents
through ``nlp.pipe`` and folds each extraction into the graph as it comes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .documents import ErrorHandler, read_documents
from .extract import extract_relations
from .graph import KnowledgeGraph
from .knowledge import KnowledgeBase, load_knowledge
from .merge import GraphMerger
from .model import Document, Extraction
from .nlp import DEFAULT_MODEL, load_pipeline
from .resolve import resolve_document

#: Documents per nlp.pipe batch: large enough for throughput, small enough for memory.
BATCH_SIZE = 32


def extract_document(document: Document, parsed: Doc, kb: KnowledgeBase) -> Extraction:
    resolution = resolve_document(document, parsed, kb)
    relations = resolution.offices + extract_relations(document, parsed, resolution, kb)
    return Extraction(document=document, entities=resolution.entities, mentions=resolution.mentions,
                      relations=relations)


def extract_stream(documents: Iterable[Document], nlp: Language, kb: KnowledgeBase,
                   batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
    """Parse in batches and extract one document at a time; nothing is kept."""
    for parsed, document in nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=batch_size):
        yield extract_document(document, parsed, kb)


def build(inputs: Iterable[str | Path] | str | Path, *, model: str | None = DEFAULT_MODEL,
          ontologies: str | Path | None = None, on_error: ErrorHandler | None = None,
          progress: Callable[[Iterator[Extraction]], Iterator[Extraction]] | None = None) -> KnowledgeGraph:
    """Build a KnowledgeGraph from files, folders, JSON Lines files or raw texts.

    ``on_error(path, reason)`` hears about unreadable inputs (default: raise);
    ``progress`` may wrap the stream of extractions (a progress bar).
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    kb = load_knowledge(Path(ontologies) if ontologies else None)
    stream = extract_stream(read_documents(inputs, on_error), load_pipeline(model), kb)
    merger = GraphMerger()
    for extraction in (progress(stream) if progress else stream):
        merger.add(extraction)
    return merger.graph()
