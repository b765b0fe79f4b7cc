"""Extraction engines: where the unit of work (:mod:`kgraph.work`) runs, all behind one signature.

An engine takes the documents and the build's options and yields one
:class:`~kgraph.model.Extraction` per document, **in input order**; it never
merges.  :func:`kgraph.pipeline.build` looks the engine up by name in
:data:`ENGINES` and folds whatever stream it yields, so every engine gives the
same graph, byte for byte.  A new engine is one registered function::

    @register_engine("threads")
    def threads(documents, *, model, ontologies, jobs, scheduler):
        ...  # yield extractions, in the order of documents

Built in: ``"local"`` (this process, or ``jobs`` worker processes, see
:mod:`kgraph.parallel`) and ``"dask"`` (a Dask cluster, see :mod:`kgraph.distributed`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from .errors import UsageError
from .knowledge import load_knowledge, validate_knowledge
from .model import Document, Extraction
from .nlp import load_pipeline
from .parallel import extract_parallel, resolve_jobs
from .work import extract_stream


class Engine(Protocol):
    """What every engine is: a function from documents to their extractions, in input order.

    Parameters
    ----------
    documents : iterable of Document
        The documents to extract, possibly a lazy stream read once.
    model : str or None
        The spaCy model package (None: the rule-only pipeline), as :func:`kgraph.nlp.load_pipeline` takes.
    ontologies : str, Path or None
        The knowledge folder (None: the project's ``ontologies/``).
    jobs : int or None
        Parallelism asked for: None for the engine's default, 0 or less for one per core.
    scheduler : str or None
        Address of a running cluster, for engines that use one; others ignore it.

    Returns
    -------
    iterator of Extraction
        One per document, in the order of ``documents``.  An engine may leave out the
        ``mentions`` (the merge does not read them), nothing else.

    Raises
    ------
    EngineUnavailable
        If the engine needs an optional extra that is not installed.
    """

    def __call__(self, documents: Iterable[Document], *, model: str | None, ontologies: str | Path | None,
                 jobs: int | None, scheduler: str | None) -> Iterator[Extraction]: ...


#: Engine name -> engine; filled by :func:`register_engine`, in registration order.
ENGINES: dict[str, Engine] = {}


def register_engine(name: str) -> Callable[[Engine], Engine]:
    """A decorator that makes the decorated function the engine called ``name``.

    Parameters
    ----------
    name : str
        What ``kgraph.build(..., engine=name)`` asks for; registering a name again replaces the engine.

    Returns
    -------
    callable
        The decorator; it returns the function unchanged.

    Examples
    --------
    >>> @register_engine("nothing")
    ... def nothing(documents, *, model, ontologies, jobs, scheduler):
    ...     return iter(())
    >>> get_engine("nothing") is nothing
    True
    >>> del ENGINES["nothing"]
    """
    def register(engine: Engine) -> Engine:
        ENGINES[name] = engine
        return engine
    return register


def get_engine(name: str) -> Engine:
    """The engine registered as ``name``.

    Raises
    ------
    UsageError
        If no engine has that name; the message lists those that do.
    """
    try:
        return ENGINES[name]
    except KeyError:
        raise UsageError(f"unknown engine {name!r}; choose among {', '.join(ENGINES)}") from None


@register_engine("local")
def local(documents: Iterable[Document], *, model: str | None, ontologies: str | Path | None = None,
          jobs: int | None = None, scheduler: str | None = None) -> Iterator[Extraction]:
    """This machine: one process (``jobs`` None or 1) or ``jobs`` worker processes (0: one per core).

    The model and knowledge base are loaded once (per process).  ``scheduler`` is ignored.
    See :class:`Engine` for the parameters and what is yielded.
    """
    jobs = resolve_jobs(jobs)
    if jobs > 1:
        return extract_parallel(documents, jobs=jobs, model=model, ontologies=ontologies)
    return extract_stream(documents, load_pipeline(model), load_knowledge(Path(ontologies) if ontologies else None))


@register_engine("dask")
def dask(documents: Iterable[Document], *, model: str | None, ontologies: str | Path | None = None,
         jobs: int | None = None, scheduler: str | None = None) -> Iterator[Extraction]:
    """A Dask cluster: the one at ``scheduler``, else a local one of ``jobs`` workers (default: one per core).

    Needs the optional extra ``kgraph[dask]``.  See :class:`Engine` for the parameters and what is
    yielded, and :func:`kgraph.distributed.extract_distributed` for how.

    Raises
    ------
    EngineUnavailable
        If dask.distributed is not installed.
    """
    from .distributed import extract_distributed  # the optional extra costs nothing until asked for
    validate_knowledge(Path(ontologies) if ontologies else None)  # one error here, not one per worker
    return extract_distributed(documents, model=model, ontologies=ontologies, scheduler=scheduler,
                               workers=resolve_jobs(jobs) if jobs is not None else None)
