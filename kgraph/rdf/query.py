"""SPARQL over an embedded Oxigraph store (pyoxigraph).

    >>> from kgraph.rdf.query import sparql
    >>> sparql(kg, "PREFIX kg: <https://kgraph.dev/ontology#> ASK { ?s kg:modality kg:suspected }")  # doctest: +SKIP
    True

The store holds what a triple store would hold after loading kgraph's export: a KnowledgeGraph's
triples with the vocabulary (:func:`kgraph.rdf.mapping.quads`, default graph), or an RDF file as it
is (TriG and N-Quads keep their named graphs). Queries see the union of all graphs as their
default graph, as Virtuoso does and as Jena does with a union default graph, and ``GRAPH ?doc``
patterns see one document's graph. Shipped queries declare their prefixes; for quick
interactive queries the usual prefixes (kg:, ent:, stmt:, doc:, ev:, wd:, rdf:, rdfs:, owl:,
skos:, prov:, oa:, dcterms:, xsd:) are predeclared too.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import UsageError
from ..graph import KnowledgeGraph
from .formats import SUFFIX_FORMATS, format_for_path
from .mapping import ONTOLOGY_GRAPH as _ONTOLOGY_IRI
from .mapping import ONTOLOGY_PATH, Minter, OxigraphTerms, base_iri, quads

#: Named graph that holds ontologies/kgraph.ttl inside a store (and in TriG and N-Quads exports).
ONTOLOGY_GRAPH = str(_ONTOLOGY_IRI)
#: The result formats of :func:`serialize_results`: SPARQL 1.1 Query Results CSV, TSV, JSON, XML.
RESULT_FORMATS = {"csv": "CSV", "tsv": "TSV", "json": "JSON", "xml": "XML"}
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

_INTEGER_TYPES = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("decimal", "double", "float")}
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def prefixes(base: str | None = None) -> dict[str, str]:
    """The prefixes every query may use without declaring them: prefix -> namespace.

    Examples
    --------
    >>> prefixes()["ent"]
    'https://kgraph.dev/id/entity/'
    """
    return {**Minter(base_iri(base)).prefixes, "rdf": RDF_NS}


def open_store(source: KnowledgeGraph | str | Path | None = None, *, path: str | Path | None = None,
               base: str | None = None, ontology: bool = True) -> ox.Store:
    """A pyoxigraph Store holding ``source`` (a KnowledgeGraph, or an RDF file).

    Parameters
    ----------
    source : KnowledgeGraph, str, Path or None
        What to load; a str or Path is an RDF file (see :func:`load_file`).
    path : str or Path, optional
        An on-disk store directory (persistent); default in memory.
    base : str, optional
        The instance namespace for a KnowledgeGraph's triples.
    ontology : bool
        Make sure the kgraph vocabulary is there: a KnowledgeGraph's triples come with it; an RDF
        file that lacks it (no ``<https://kgraph.dev/ontology> a owl:Ontology``, e.g. an export of
        an older kgraph) gets ontologies/kgraph.ttl in the named graph ``ONTOLOGY_GRAPH``. kgraph's
        own exports carry it already, so nothing is added to them (no duplicate rows).

    Returns
    -------
    pyoxigraph.Store

    Raises
    ------
    UsageError
        When ``source`` is a file of no RDF format kgraph reads.
    OSError, SyntaxError
        When the file cannot be read or parsed.
    """
    store = ox.Store(str(path)) if path is not None else ox.Store()
    if isinstance(source, KnowledgeGraph):
        add_graph(store, source, base=base, vocabulary=ontology)
    elif source is not None:
        load_file(store, source)
    if ontology and not has_ontology(store):
        store.load(path=str(ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    return store


def has_ontology(store: ox.Store) -> bool:
    """Whether any graph of the store declares the kgraph ontology (``<https://kgraph.dev/ontology> a owl:Ontology``)."""
    return bool(store.query(f"ASK {{ <{ONTOLOGY_GRAPH}> a <http://www.w3.org/2002/07/owl#Ontology> }}",
                            use_default_graph_as_union=True))


def add_graph(store: ox.Store, kg: KnowledgeGraph, base: str | None = None, vocabulary: bool = True) -> None:
    """Add a KnowledgeGraph's triples (those of the Turtle export) to the store's default graph.

    Parameters
    ----------
    vocabulary : bool
        Add the kgraph vocabulary too (as the exports do).

    Raises
    ------
    ValueError
        When two relations share an id (an unmerged graph).
    """
    terms = OxigraphTerms()
    default = ox.DefaultGraph()
    store.extend(ox.Quad(terms(s), terms(p), terms(o), default)
                 for s, p, o, _ in quads(kg, base, named_graphs=False, vocabulary=vocabulary))


def load_file(store: ox.Store, path: str | Path) -> None:
    """Add an RDF file (.ttl, .nt, .trig, .nq, .jsonld and the other suffixes of
    :mod:`kgraph.rdf.formats`) as it is: triples to the default graph, quads to their named graphs.

    Raises
    ------
    UsageError
        When the suffix is no RDF format kgraph reads (a ValueError too).
    OSError, SyntaxError
        When the file cannot be read or parsed.
    """
    path = Path(path)
    spec = format_for_path(path)
    if spec is None:
        raise UsageError(f"{path}: not an RDF file kgraph reads ({', '.join(SUFFIX_FORMATS)})")
    store.load(path=str(path), format=getattr(ox.RdfFormat, spec.oxigraph))


def sparql(kg_or_store: KnowledgeGraph | ox.Store, query: str, *, base: str | None = None):
    """Run a SPARQL query: SELECT -> list of {variable: value} rows (None when unbound), ASK -> bool,
    CONSTRUCT/DESCRIBE -> list of (subject, predicate, object) tuples.

    IRIs come back as str, literals as Python values (int, float, bool, else their text).

    Parameters
    ----------
    kg_or_store : KnowledgeGraph or pyoxigraph.Store
        A graph is loaded into a fresh in-memory store (with the vocabulary) first.
    query : str
        SPARQL 1.1; the prefixes of :func:`prefixes` need no PREFIX lines.
    base : str, optional
        The instance namespace.

    Raises
    ------
    SyntaxError
        For a query pyoxigraph cannot parse.
    """
    result = run_query(kg_or_store, query, base=base)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return [{name: to_python(solution[name]) for name in names} for solution in result]
    return [(to_python(t.subject), to_python(t.predicate), to_python(t.object)) for t in result]


def run_query(kg_or_store: KnowledgeGraph | ox.Store, query: str, *, base: str | None = None):
    """Run a SPARQL query and return pyoxigraph's own result (for :func:`serialize_results`).

    The default graph is the union of the store's graphs; arguments and errors as in :func:`sparql`.

    Returns
    -------
    pyoxigraph.QuerySolutions, pyoxigraph.QueryBoolean or pyoxigraph.QueryTriples
    """
    store = kg_or_store if isinstance(kg_or_store, ox.Store) else open_store(kg_or_store, base=base)
    return store.query(query, prefixes=prefixes(base), use_default_graph_as_union=True)


def serialize_results(result, format: str) -> bytes:
    """A query result in a W3C format, written by pyoxigraph's standard serialisers.

    Parameters
    ----------
    result : pyoxigraph.QuerySolutions, QueryBoolean or QueryTriples
        From :func:`run_query`.
    format : {"csv", "tsv", "json", "xml"}
        SELECT and ASK: SPARQL 1.1 Query Results CSV, TSV, JSON (``application/sparql-results+json``)
        or XML (CSV and TSV have no boolean form: an ASK gives ``true`` or ``false``). CONSTRUCT and
        DESCRIBE: N-Triples whatever the format.

    Returns
    -------
    bytes
        UTF-8 text; CSV lines end with CRLF, as SPARQL 1.1 CSV says.

    Raises
    ------
    UsageError
        For an unknown format.
    """
    if format not in RESULT_FORMATS:
        raise UsageError(f"unknown result format {format!r}; choose among {', '.join(RESULT_FORMATS)}")
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.N_TRIPLES)
    return result.serialize(format=getattr(ox.QueryResultsFormat, RESULT_FORMATS[format]))


def to_python(term):
    """An RDF term as a plain Python value: IRI -> str, blank node -> "_:id", typed literal -> int,
    float or bool when its datatype says so (and its text parses), else the text; None stays None.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == _BOOLEAN:
            return term.value in ("true", "1")
        return term.value
    return str(term)
