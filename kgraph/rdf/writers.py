"""Serialising the graph's RDF: rdflib (sorted, pretty) or pyoxigraph (streaming), same input same bytes.

Both engines take their triples from :func:`kgraph.rdf.mapping.quads`. rdflib builds the graph in
memory and writes Turtle and TriG in reading order (documents, entities, statements, evidence),
N-Triples and N-Quads as sorted lines, and JSON-LD compacted with an inline context; pyoxigraph
streams, for graphs too large to sort in memory.

Examples
--------
>>> from kgraph.graph import KnowledgeGraph
>>> from kgraph.model import Entity
>>> text = serialize(KnowledgeGraph(entities=[Entity("Q423", "North Korea", "Country")]), "nt")
>>> text.splitlines()[0]
'<https://kgraph.dev/id/entity/Q423> <http://purl.org/dc/terms/identifier> "Q423" .'
"""
from __future__ import annotations

import io
import json
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer

from ..errors import UsageError
from ..export import write_atomic
from ..graph import KnowledgeGraph
from .formats import format_for_path, format_of
from .mapping import Minter, OxigraphTerms, base_iri, quads

#: Above this many relations and evidence records (each several triples), format="auto"
#: engines serialise through pyoxigraph: rdflib's in-memory sort grows too slow.
OXIGRAPH_MIN_RECORDS = 10_000
#: The serialisers ``engine`` may name.
ENGINES = ("auto", "rdflib", "oxigraph")


def to_rdflib(kg: KnowledgeGraph, base: str | None = None, named_graphs: bool = False,
              vocabulary: bool = True) -> Graph | Dataset:
    """The graph's triples in an rdflib Graph (or, with ``named_graphs``, a Dataset).

    Parameters
    ----------
    kg : KnowledgeGraph
    base : str, optional
        The instance namespace (see :func:`kgraph.rdf.mapping.base_iri`).
    named_graphs : bool
        A Dataset whose named graphs are the vocabulary, the shared graph and one graph per source
        document (see :mod:`kgraph.rdf.mapping`), its default graph empty, instead of one Graph.
    vocabulary : bool
        Include the kgraph vocabulary (ontologies/kgraph.ttl), as every export does.

    Returns
    -------
    rdflib.Graph or rdflib.Dataset
        With kgraph's prefixes bound.

    Raises
    ------
    ValueError
        When two relations share an id (an unmerged graph).
    """
    mint = Minter(base_iri(base))
    if named_graphs:
        dataset = Dataset()
        _bind(dataset, mint)
        graphs: dict[URIRef | None, Graph] = {}
        for s, p, o, g in quads(kg, base, named_graphs=True, vocabulary=vocabulary):
            if g not in graphs:
                graphs[g] = dataset.graph(g) if g is not None else dataset.default_graph
            graphs[g].add((s, p, o))
        return dataset
    graph = Graph()
    _bind(graph, mint)
    for s, p, o, _ in quads(kg, base, named_graphs=False, vocabulary=vocabulary):
        graph.add((s, p, o))
    return graph


def _bind(graph: Graph, mint: Minter) -> None:
    for prefix, namespace in mint.prefixes.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def serialize(kg: KnowledgeGraph, format: str = "turtle", *, base: str | None = None, engine: str = "auto") -> str:
    """The graph in ``format`` (turtle, nt, trig, nquads, jsonld); the same graph gives the same bytes.

    Parameters
    ----------
    kg : KnowledgeGraph
    format : str
        A format name or alias of :mod:`kgraph.rdf.formats`.
    base : str, optional
        The instance namespace (see :func:`kgraph.rdf.mapping.base_iri`).
    engine : {"auto", "rdflib", "oxigraph"}
        "rdflib" (sorted, compact Turtle), "oxigraph" (streams; for large graphs), or "auto"
        (oxigraph above OXIGRAPH_MIN_RECORDS relations and evidence records).

    Returns
    -------
    str
        The serialised text.

    Raises
    ------
    UsageError
        For an unknown format or engine.
    """
    out = io.BytesIO()
    write(kg, out, format, base=base, engine=engine)
    return out.getvalue().decode("utf-8")


def write_rdf(kg: KnowledgeGraph, path: str | Path, format: str | None = None, *, base: str | None = None,
              engine: str = "auto") -> Path:
    """Serialise to ``path`` atomically (a temporary file, then a rename).

    Parameters
    ----------
    kg : KnowledgeGraph
    path : str or Path
        The file to write; its folder is created when missing.
    format : str, optional
        Default: from the file's suffix, else Turtle.
    base, engine
        As in :func:`serialize`.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    UsageError
        For an unknown format or engine.
    OSError
        When the file cannot be written.
    """
    path = Path(path)
    format = format or format_for_path(path, default="turtle").name
    buffer = io.BytesIO()
    write(kg, buffer, format, base=base, engine=engine)
    return write_atomic(path, buffer.getvalue())


def write(kg: KnowledgeGraph, out: io.BufferedIOBase, format: str = "turtle", *, base: str | None = None,
          engine: str = "auto") -> None:
    """Serialise to the binary stream ``out``; arguments and errors as in :func:`serialize`."""
    format = format_of(format).name
    if engine == "auto":
        records = len(kg.relations) + sum(len(r.evidence) for r in kg.relations)
        engine = "oxigraph" if records > OXIGRAPH_MIN_RECORDS else "rdflib"
    if engine == "rdflib" or format == "jsonld":  # pyoxigraph writes expanded JSON-LD only, without a context
        out.write(_rdflib_bytes(kg, format, base))
    elif engine == "oxigraph":
        _oxigraph_write(kg, out, format, base)
    else:
        raise UsageError(f"unknown engine {engine!r}; choose rdflib, oxigraph or auto")


def _rdflib_bytes(kg: KnowledgeGraph, format: str, base: str | None) -> bytes:
    spec = format_of(format)
    graph = to_rdflib(kg, base, named_graphs=spec.dataset)
    if format == "jsonld":
        return _jsonld(graph, Minter(base_iri(base)))
    if format in ("turtle", "trig"):
        buffer = io.BytesIO()
        writer = _SectionedTurtle if format == "turtle" else _SectionedTrig
        writer(graph, Minter(base_iri(base))).serialize(buffer, encoding="utf-8")
        return buffer.getvalue()
    data = graph.serialize(format=spec.rdflib, encoding="utf-8")
    if format in ("nt", "nquads"):  # rdflib writes lines in store order: sort them into canonical order
        # Split on "\n" only: str.splitlines() would also split inside literals at U+2028, U+2029,
        # U+0085, \v, \f and \x1c-\x1e, which N-Triples leaves unescaped.
        lines = sorted({line.rstrip(" .") + " ." for line in data.decode("utf-8").split("\n") if line})
        data = ("\n".join(lines) + "\n").encode("utf-8")
    return data


class _SectionOrder:
    """Subjects in reading order: documents, entities, statements, evidence, then by IRI.

    (rdflib's own order puts the least-referenced subjects first, which scatters a graph's parts.)
    """
    sections: list[str]

    def orderSubjects(self):  # noqa: N802 (rdflib's name)
        def key(subject):
            rank = next((i for i, ns in enumerate(self.sections) if str(subject).startswith(ns)), len(self.sections))
            return (rank, str(subject))
        return sorted(self._subjects, key=key)


class _SectionedTurtle(_SectionOrder, TurtleSerializer):
    """Turtle with subjects in reading order."""

    def __init__(self, graph: Graph, mint: Minter) -> None:
        super().__init__(graph)
        self.sections = [mint.prefixes[name] for name in ("doc", "ent", "stmt", "ev")]


class _SectionedTrig(_SectionOrder, TrigSerializer):
    """TriG with the default graph first, then the named graphs by IRI."""

    def __init__(self, dataset: Dataset, mint: Minter) -> None:
        super().__init__(dataset)
        self.sections = [mint.prefixes[name] for name in ("doc", "ent", "stmt", "ev")]
        unique = {c.identifier: c for c in self.contexts}
        self.contexts = sorted(unique.values(),
                               key=lambda c: (c.identifier != self.default_context, str(c.identifier)))


def _jsonld(graph: Graph, mint: Minter) -> bytes:
    """JSON-LD compacted with an inline context (prefixes), node objects sorted by @id."""
    document = json.loads(graph.serialize(format="json-ld", context=mint.prefixes, auto_compact=True))
    nodes = document.get("@graph", [document] if "@id" in document else [])
    nodes = [_sorted_node(node) for node in nodes]
    nodes.sort(key=lambda node: node.get("@id", ""))
    result = {"@context": document["@context"], "@graph": nodes}
    return (json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _sorted_node(value):
    """Multi-valued properties come in store order; sort them so the bytes depend on the graph only."""
    if isinstance(value, dict):
        return {k: v if k == "@list" else _sorted_node(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_node(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _oxigraph_write(kg: KnowledgeGraph, out: io.BufferedIOBase, format: str, base: str | None) -> None:
    import pyoxigraph as ox

    spec = format_of(format)
    terms = OxigraphTerms()
    if spec.dataset:
        stream = (ox.Quad(terms(s), terms(p), terms(o), terms(g) if g is not None else ox.DefaultGraph())
                  for s, p, o, g in quads(kg, base))
    else:
        stream = (ox.Triple(terms(s), terms(p), terms(o)) for s, p, o, _ in quads(kg, base, named_graphs=False))
    ox.serialize(stream, out, getattr(ox.RdfFormat, spec.oxigraph), prefixes=Minter(base_iri(base)).prefixes)

