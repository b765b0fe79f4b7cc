"""``--jobs N``: extraction in N worker processes, the merge in the parent.

Each worker holds the spaCy model and the knowledge base, loaded once (by the
pool initializer, or by the parent before forking the workers, which then share
them copy-on-write) and takes chunks of documents, each parsed with ``nlp.pipe``
and extracted with :func:`kgraph.work.extract_stream`.  The parent reads
documents lazily, keeps only a few chunks in flight and yields extractions in
input order, so the merged graph is the one a single process builds, byte for
byte, and memory follows the graph rather than the corpus.  The ``"local"``
engine (:mod:`kgraph.engines`) runs this when asked for more than one job.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from .knowledge import load_knowledge
from .model import Document, Extraction
from .nlp import load_pipeline
from .work import extract_stream

#: Documents per task: one nlp.pipe batch, enough to amortise the round trip to a worker.
CHUNK_SIZE = 32
#: Chunks queued per worker; bounds the documents and extractions held in memory.
CHUNKS_IN_FLIGHT_PER_WORKER = 2

# The worker's pipeline and knowledge base, set once by the pool initializer (or inherited).
_worker_state: tuple | None = None


def resolve_jobs(jobs: int | None) -> int:
    """The number of processes ``jobs`` asks for: ``None`` means 1; ``0`` or less means one per core.

    Examples
    --------
    >>> resolve_jobs(None), resolve_jobs(3)
    (1, 3)
    """
    if jobs is None:
        return 1
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def extract_parallel(documents: Iterable[Document], *, jobs: int, model: str | None,
                     ontologies: str | Path | None = None, chunk_size: int = CHUNK_SIZE) -> Iterator[Extraction]:
    """Extractions of ``documents`` in input order, computed by ``jobs`` worker processes.

    Parameters
    ----------
    documents : iterable of Document
        Read lazily, ``chunk_size`` at a time; at most ``jobs * CHUNKS_IN_FLIGHT_PER_WORKER``
        chunks are in flight.
    jobs : int
        Worker processes (at least 1).
    model : str or None
        The spaCy model every worker loads once (None: the rule-only pipeline).
    ontologies : str, Path or None, optional
        The knowledge folder (None: the project's ``ontologies/``).
    chunk_size : int, optional
        Documents per task (default :data:`CHUNK_SIZE`).

    Returns
    -------
    iterator of Extraction
        The extractions :func:`kgraph.work.extract_stream` gives for ``documents``, in input order.
    """
    method = start_method()
    ontologies = str(ontologies) if ontologies else None
    if method == "fork":
        _init_worker(model, ontologies)  # loaded once here; the forked workers share it copy-on-write
    with multiprocessing.get_context(method).Pool(jobs, initializer=_start_worker, initargs=(model, ontologies)) as pool:
        pending: deque = deque()
        for chunk in chunks(documents, chunk_size):
            pending.append(pool.apply_async(_extract_chunk, (chunk,)))
            if len(pending) >= jobs * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def start_method() -> str:
    """How to start workers: ``"fork"`` or ``"spawn"`` (a :mod:`multiprocessing` start method).

    "fork" on Linux when this process runs no other thread: workers then start at once with
    the model already loaded. Otherwise "spawn", as forking a threaded process (a Dask client, a
    progress bar) can deadlock, and macOS system libraries do not survive a fork.
    """
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily.

    Examples
    --------
    >>> list(chunks(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _start_worker(model: str | None, ontologies: str | None) -> None:
    # Ctrl-C reaches the whole process group: the parent stops the pool and says so in one line;
    # the workers must not each print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _init_worker(model, ontologies)


def _init_worker(model: str | None, ontologies: str | None) -> None:
    global _worker_state
    _worker_state = (load_pipeline(model), load_knowledge(Path(ontologies) if ontologies else None))


def _extract_chunk(documents: list[Document]) -> list[Extraction]:
    nlp, kb = _worker_state
    return list(extract_stream(documents, nlp, kb, batch_size=len(documents)))
