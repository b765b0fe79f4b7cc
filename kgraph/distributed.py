"""``--engine dask``: per-document extraction as a Dask bag on a dask.distributed cluster.

The documents become a bag of partitions; every worker loads the spaCy model
and the knowledge base once (a worker plugin) and maps its partitions to
extractions with :func:`kgraph.work.extract_stream`.  The partitions are
computed at once, all over the cluster, and gathered back **in input order**,
each as soon as it and those before it are done: the stream of extractions is
the local engine's, and the merge happens once, in :func:`kgraph.pipeline.build`.
(Folding in input order matters: the merge rounds corroborated confidences at
every fold, so folding partial graphs could differ in the last digit.)
Workers send extractions back without the document text or the mentions (the
merge uses neither), which keeps what travels small; the documents are put back
in the parent.

Dask is an optional extra: ``pip install 'kgraph[dask]'``.
"""
from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .errors import EngineUnavailable
from .knowledge import load_knowledge
from .model import Document, Extraction
from .nlp import load_pipeline
from .work import extract_stream

#: Documents per bag partition (one nlp.pipe batch); smaller when the corpus is small, so every worker works.
PARTITION_SIZE = 32
PLUGIN_NAME = "kgraph-pipeline"

try:
    from distributed import WorkerPlugin
except ImportError:  # the optional extra is not installed: extract_distributed says how to get it
    WorkerPlugin = object

#: The former name of :class:`kgraph.errors.EngineUnavailable`, kept for callers that catch it.
DaskUnavailable = EngineUnavailable


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline and the knowledge base once per worker, when it starts."""

    def __init__(self, model: str | None, ontologies: str | None) -> None:
        self.model = model
        self.ontologies = ontologies
        self.nlp = self.kb = None

    def setup(self, worker) -> None:
        """Called by the worker as it starts (or as the plugin is registered): loads both."""
        # Workers of one process (a threaded LocalCluster) get a pipeline each: spaCy's
        # Language is not meant to be shared between threads, so bypass the process cache.
        self.nlp = load_pipeline.__wrapped__(self.model)
        self.kb = load_knowledge(Path(self.ontologies) if self.ontologies else None)


def extract_distributed(documents: Iterable[Document], *, model: str | None,
                        ontologies: str | Path | None = None, scheduler: str | None = None,
                        workers: int | None = None) -> Iterator[Extraction]:
    """Extract ``documents`` on a Dask cluster; the extractions come back in input order.

    Parameters
    ----------
    documents : iterable of Document
        Read at once (the bag needs its length to size the partitions).
    model : str or None
        The spaCy model every worker loads once (None: the rule-only pipeline).
    ontologies : str, Path or None, optional
        The knowledge folder; remote workers need it at the same path (None: the project's).
    scheduler : str or None, optional
        Address of a running scheduler (``tcp://HOST:8786``); without it a LocalCluster of
        ``workers`` processes (default: one per core) runs while the stream is read.
    workers : int or None, optional
        Size of that LocalCluster.

    Returns
    -------
    iterator of Extraction
        One per document, in input order, without mentions.

    Raises
    ------
    EngineUnavailable
        At once, if dask.distributed (the extra ``kgraph[dask]``) is not installed.
    """
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as err:
        raise EngineUnavailable("the dask engine needs the optional extra: pip install 'kgraph[dask]'") from err
    return _stream(list(documents), model, str(ontologies) if ontologies else None, scheduler, workers)


def _stream(documents: list[Document], model: str | None, ontologies: str | None, scheduler: str | None,
            workers: int | None) -> Iterator[Extraction]:
    import dask.bag as db

    if not documents:
        return
    with _client(scheduler, workers) as client:
        client.register_plugin(PipelinePlugin(model, ontologies), name=PLUGIN_NAME)
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        size = max(1, min(PARTITION_SIZE, math.ceil(len(documents) / n_workers)))
        partitions = db.from_sequence(documents, partition_size=size).map_partitions(_extract_partition)
        # Every partition is computed at once; each is gathered, then let go of, in input order.
        futures = deque(client.compute(partitions.to_delayed()))
        extractions = (extraction for _ in range(len(futures)) for extraction in futures.popleft().result())
        for document, extraction in zip(documents, extractions, strict=True):
            yield replace(extraction, document=document)


@contextmanager
def _client(scheduler: str | None, workers: int | None):
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    logging.getLogger("distributed").setLevel(logging.WARNING)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def _extract_partition(documents: Iterable[Document]) -> list[Extraction]:
    """The task on a worker: a partition's extractions, without text or mentions to send back."""
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    return [Extraction(replace(e.document, text=""), e.entities, [], e.relations)
            for e in extract_stream(documents, plugin.nlp, plugin.kb)]
