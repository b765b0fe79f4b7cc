"""The build: read -> NLP -> resolve -> extract -> merge.

``extract_document`` is a pure function of (document, parse, knowledge base), the
unit that parallel and distributed builds run; ``build`` streams documents
through ``nlp.pipe`` and folds each extraction into the graph as it comes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
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
from .parallel import extract_parallel, resolve_jobs
from .resolve import resolve_document
from .store import GraphStore, SkipHandler

#: Documents per nlp.pipe batch: large enough for throughput, small enough for memory.
BATCH_SIZE = 32


def extract_document(document: Document, parsed: Doc, kb: KnowledgeBase) -> Extraction:
    # Names are read as of the document's date ("Moscow" in 1962 is the Soviet Union's capital).
    kb = replace(kb, gazetteer=kb.gazetteer.on(document.date)) if kb.gazetteer.date != document.date else kb
    resolution = resolve_document(document, parsed, kb)
    relations = resolution.offices + extract_relations(document, parsed, resolution, kb)
    return Extraction(document=document, entities=resolution.entities, mentions=resolution.mentions,
                      relations=relations)


def extract_stream(documents: Iterable[Document], nlp: Language, kb: KnowledgeBase,
                   batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
    """Parse in batches and extract one document at a time; nothing is kept."""
    for parsed, document in nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=batch_size):
        yield extract_document(document, parsed, kb)


#: Where extraction runs: here (one process, or ``jobs`` worker processes), or on a Dask cluster.
ENGINES = ("local", "dask")


def build(inputs: Iterable[str | Path] | str | Path, *, model: str | None = DEFAULT_MODEL,
          ontologies: str | Path | None = None, on_error: ErrorHandler | None = None,
          progress: Callable[[Iterator], Iterator] | None = None, jobs: int | None = None,
          engine: str = "local", scheduler: str | None = None, store: str | Path | None = None,
          on_skip: SkipHandler | None = None) -> KnowledgeGraph:
    """Build a KnowledgeGraph from files, folders, JSON Lines files or raw texts.

    ``on_error(path, reason)`` hears about unreadable inputs (default: raise);
    ``progress`` may wrap the stream of extractions (a progress bar).
    ``jobs`` worker processes extract in parallel (0: one per core); ``engine="dask"``
    extracts on a Dask cluster (``scheduler`` address, else a local one of ``jobs`` workers).
    With ``store`` (an SQLite file, created if missing) the graph stored there grows by
    the documents it has not seen (``on_skip(document, reason)`` hears of the others) and
    the whole stored graph is returned. Every engine gives the same graph.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose among {', '.join(ENGINES)}")
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    documents = read_documents(inputs, on_error)
    options = dict(model=model, ontologies=ontologies, progress=progress, jobs=jobs, engine=engine,
                   scheduler=scheduler)
    if store is None:
        return _extract_and_merge(documents, None, **options)
    with GraphStore(store, write=True) as graph_store:
        kg = _extract_and_merge(graph_store.unseen(documents, on_skip), graph_store.graph(), **options)
        graph_store.save(kg)
    return kg


def _extract_and_merge(documents: Iterable[Document], graph: KnowledgeGraph | None, *, model: str | None,
                       ontologies: str | Path | None, progress: Callable[[Iterator], Iterator] | None,
                       jobs: int | None, engine: str, scheduler: str | None) -> KnowledgeGraph:
    """Extract every document and fold it, in input order, into ``graph`` (or a new one)."""
    if engine == "dask":
        from .distributed import build_graph
        return build_graph(documents, model=model, ontologies=ontologies, scheduler=scheduler,
                           workers=resolve_jobs(jobs) if jobs is not None else None, graph=graph,
                           progress=progress)
    if resolve_jobs(jobs) > 1:
        stream = extract_parallel(documents, jobs=resolve_jobs(jobs), model=model, ontologies=ontologies)
    else:
        stream = extract_stream(documents, load_pipeline(model),
                                load_knowledge(Path(ontologies) if ontologies else None))
    merger = GraphMerger(graph)
    for extraction in (progress(stream) if progress else stream):
        merger.add(extraction)
    return merger.graph()
