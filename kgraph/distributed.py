"""``--engine dask``: per-document extraction as a Dask bag on a dask.distributed cluster.

The documents become a bag of partitions; every worker loads the spaCy model
and the knowledge base once (a worker plugin) and maps its partitions to
extractions; the merge is the bag's reduce step.  The reduction folds the
partitions in input order into one :class:`~kgraph.merge.GraphMerger`, so the
graph is the one the local engine builds, byte for byte.  (One aggregate, not a
tree of partial graphs: the merge rounds corroborated confidences at every fold,
so folding partial graphs could differ from the local build in the last digit.)
Workers return extractions without the document text or the mentions (the
merge uses neither), which keeps what travels to the reducer small.

Dask is an optional extra: ``pip install 'kgraph[dask]'``.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path

from .graph import KnowledgeGraph
from .merge import GraphMerger
from .model import Document, Extraction

#: Documents per bag partition (one nlp.pipe batch); smaller when the corpus is small, so every worker works.
PARTITION_SIZE = 32
PLUGIN_NAME = "kgraph-pipeline"

try:
    from distributed import WorkerPlugin
except ImportError:  # the optional extra is not installed: build_graph says how to get it
    WorkerPlugin = object


class DaskUnavailable(RuntimeError):
    """The dask engine was asked for but the optional extra is not installed."""


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline and the knowledge base once per worker, when it starts."""

    def __init__(self, model: str | None, ontologies: str | None) -> None:
        self.model = model
        self.ontologies = ontologies
        self.nlp = self.kb = None

    def setup(self, worker) -> None:
        from .knowledge import load_knowledge
        from .nlp import load_pipeline
        # Workers of one process (a threaded LocalCluster) get a pipeline each: spaCy's
        # Language is not meant to be shared between threads, so bypass the process cache.
        self.nlp = load_pipeline.__wrapped__(self.model)
        self.kb = load_knowledge(Path(self.ontologies) if self.ontologies else None)


def build_graph(documents: Iterable[Document], *, model: str | None, ontologies: str | Path | None = None,
                scheduler: str | None = None, workers: int | None = None, graph: KnowledgeGraph | None = None,
                progress: Callable[[Iterator], Iterator] | None = None) -> KnowledgeGraph:
    """Extract ``documents`` on a Dask cluster and merge them (into ``graph`` when given).

    ``scheduler`` is the address of a running scheduler (``tcp://HOST:8786``); without
    it a LocalCluster of ``workers`` processes (default: one per core) runs for this build.
    Remote workers need kgraph installed and, if given, the ``ontologies`` folder at the same path.
    """
    try:
        import dask.bag as db
        from distributed import futures_of, wait
    except ImportError as err:
        raise DaskUnavailable("the dask engine needs the optional extra: pip install 'kgraph[dask]'") from err

    documents = list(documents)
    if not documents:
        return GraphMerger(graph).graph()
    with _client(scheduler, workers) as client:
        client.register_plugin(PipelinePlugin(model, str(ontologies) if ontologies else None), name=PLUGIN_NAME)
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        size = max(1, min(PARTITION_SIZE, math.ceil(len(documents) / n_workers)))
        extractions = client.persist(db.from_sequence(documents, partition_size=size)
                                     .map_partitions(_extract_partition))
        if progress:
            sizes = [len(documents[i:i + size]) for i in range(0, len(documents), size)]
            for _ in progress(_documents_done(futures_of(extractions), sizes)):
                pass
        else:
            wait(extractions)
        merged = extractions.reduction(list, partial(_merge_partitions, graph=graph), split_every=False)
        return client.compute(merged).result()


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
    from distributed import get_worker

    from .pipeline import extract_stream
    plugin = get_worker().plugins[PLUGIN_NAME]
    return [Extraction(replace(e.document, text=""), e.entities, [], e.relations)
            for e in extract_stream(documents, plugin.nlp, plugin.kb)]


def _merge_partitions(partitions: list[list[Extraction]], graph: KnowledgeGraph | None) -> KnowledgeGraph:
    """The reduce step: fold every partition, in input order, as the local engine does."""
    merger = GraphMerger(graph)
    for extractions in partitions:
        for extraction in extractions:
            merger.add(extraction)
    return merger.graph()


def _documents_done(futures: list, sizes: list[int]) -> Iterator[None]:
    """One item per extracted document, as partitions finish: what a progress bar counts."""
    from distributed import as_completed

    for future in as_completed(futures):
        _, partition = future.key
        for _ in range(sizes[partition]):
            yield None
