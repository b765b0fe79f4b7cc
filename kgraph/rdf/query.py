"""SPARQL over an embedded Oxigraph store (pyoxigraph).

    >>> from kgraph.rdf.query import sparql
    >>> sparql(kg, "ASK { ?nk owl:sameAs wd:Q423 ; kg:armsTransfer ?ru . ?ru owl:sameAs wd:Q159 }")  # doctest: +SKIP
    True

The graph's triples go to the store's default graph (a statement read from several documents
once, so counts are right) and the kgraph ontology to a named graph of its own; queries see
both (the default graph is the union), and the usual prefixes (kg:, ent:, stmt:, doc:, ev:, wd:,
rdf:, rdfs:, owl:, skos:, prov:, oa:, dcterms:, xsd:) need no PREFIX lines.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import UsageError
from ..graph import KnowledgeGraph
from .formats import SUFFIX_FORMATS, format_for_path
from .mapping import Minter, ontology_path, OxigraphTerms, base_iri, quads

#: Named graph that holds ontologies/kgraph.ttl inside a store.
ONTOLOGY_GRAPH = "https://kgraph.dev/ontology"
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
    """A pyoxigraph Store holding ``source`` (a KnowledgeGraph, or an RDF file kgraph wrote).

    Parameters
    ----------
    source : KnowledgeGraph, str, Path or None
        What to load; a str or Path is an RDF file (see :func:`load_file`).
    path : str or Path, optional
        An on-disk store directory (persistent); default in memory.
    base : str, optional
        The instance namespace for a KnowledgeGraph's triples.
    ontology : bool
        Load kgraph.ttl of the knowledge folder in use (``$KGRAPH_ONTOLOGIES``) into the named graph ``ONTOLOGY_GRAPH``.

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
    if ontology:
        store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    if isinstance(source, KnowledgeGraph):
        add_graph(store, source, base=base)
    elif source is not None:
        load_file(store, source)
    return store


def add_graph(store: ox.Store, kg: KnowledgeGraph, base: str | None = None) -> None:
    """Add a KnowledgeGraph's triples (without named graphs) to the store's default graph.

    Raises
    ------
    ValueError
        When two relations share an id (an unmerged graph).
    """
    terms = OxigraphTerms()
    default = ox.DefaultGraph()
    store.extend(ox.Quad(terms(s), terms(p), terms(o), default)
                 for s, p, o, _ in quads(kg, base, named_graphs=False))


def load_file(store: ox.Store, path: str | Path) -> None:
    """Add an RDF file (.ttl, .nt, .trig, .nq, .jsonld) to the default graph; named graphs are merged.

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
    format = getattr(ox.RdfFormat, spec.oxigraph)
    default = ox.DefaultGraph()
    store.extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in ox.parse(path=str(path), format=format))


def sparql(kg_or_store: KnowledgeGraph | ox.Store, query: str, *, base: str | None = None):
    """Run a SPARQL query: SELECT -> list of {variable: value} rows (None when unbound), ASK -> bool,
    CONSTRUCT/DESCRIBE -> list of (subject, predicate, object) tuples.

    IRIs come back as str, literals as Python values (int, float, bool, else their text).

    Parameters
    ----------
    kg_or_store : KnowledgeGraph or pyoxigraph.Store
        A graph is loaded into a fresh in-memory store (with the ontology) first.
    query : str
        SPARQL 1.1; the prefixes of :func:`prefixes` need no PREFIX lines.
    base : str, optional
        The instance namespace.

    Raises
    ------
    SyntaxError
        For a query pyoxigraph cannot parse.
    """
    store = kg_or_store if isinstance(kg_or_store, ox.Store) else open_store(kg_or_store, base=base)
    result = store.query(query, prefixes=prefixes(base), use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return [{name: to_python(solution[name]) for name in names} for solution in result]
    return [(to_python(t.subject), to_python(t.predicate), to_python(t.object)) for t in result]


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
