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

import re
from pathlib import Path

import pyoxigraph as ox

from ..errors import UsageError
from ..graph import KnowledgeGraph
from .formats import SUFFIX_FORMATS, format_for_path
from .mapping import ONTOLOGY_GRAPH as _ONTOLOGY_IRI
from .mapping import Minter, OxigraphTerms, base_iri, ontology_path, quads

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

#: SPARQL's lexical tokens, enough to tell keywords from the text of strings, IRIs, comments,
#: variables and prefixed names (``ex:service`` and ``"SERVICE"`` are no keywords).
_SPARQL_TOKENS = re.compile(r"""
    \#[^\n\r]*                                                    # comment
  | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'   # long strings
  | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*'                        # strings
  | <[^<>"{}|^`\\\x00-\x20]*>                                    # IRI
  | [?$]\w+ | _:[\w.-]* | @[A-Za-z][\w-]*                           # variable, blank node, language tag
  | (?:[A-Za-z](?:[\w-]|\.(?=[\w-]))*)?:(?:[\w:%-]|\.(?=[\w:%-]))*  # prefixed name
  | (?P<keyword>[A-Za-z_]\w*)                                      # keyword or function name
""", re.VERBOSE | re.DOTALL)
#: Keywords that open a SPARQL 1.1 Update operation.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


def sparql_keywords(query: str) -> list[str]:
    """The keywords of a SPARQL text, upper-cased, in order; words inside strings, IRIs, comments,
    variables and prefixed names are not keywords.

    Examples
    --------
    >>> sparql_keywords('SELECT ?service WHERE { ?s ex:service "SERVICE" } # SERVICE')
    ['SELECT', 'WHERE']
    """
    return [m.group("keyword").upper() for m in _SPARQL_TOKENS.finditer(query) if m.group("keyword")]


def check_query(query: str, *, allow_service: bool = False) -> None:
    """Refuse what ``kgraph query`` does not run: SPARQL Update, and federated ``SERVICE`` clauses.

    A ``SERVICE <url> { ... }`` clause makes the engine send HTTP requests to ``url``, so a
    shared ``.rq`` file could reach any server; it is refused unless ``allow_service`` is true.
    The keyword is found wherever it is (any case, nested, ``SERVICE SILENT``, ``SERVICE ?var``),
    and never inside a string, an IRI, a comment or a name.

    Parameters
    ----------
    query : str
        SPARQL text.
    allow_service : bool, optional
        Let ``SERVICE`` clauses through (outbound requests), default False.

    Raises
    ------
    UsageError
        For an Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD, WITH), or a
        ``SERVICE`` clause without ``allow_service``.

    Examples
    --------
    >>> check_query("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kgraph.errors.UsageError: the query has a SERVICE clause, which would send requests to another server; refused (--allow-service, or allow_service=True, runs it)
    """
    keywords = [k for k in sparql_keywords(query) if k not in ("BASE", "PREFIX")]
    if keywords and keywords[0] in UPDATE_KEYWORDS:
        raise UsageError(f"the query is a SPARQL Update ({keywords[0]}); kgraph queries only read: "
                         "SELECT, ASK, CONSTRUCT or DESCRIBE")
    if "SERVICE" in keywords and not allow_service:
        raise UsageError("the query has a SERVICE clause, which would send requests to another server; "
                         "refused (--allow-service, or allow_service=True, runs it)")


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
        an older kgraph) gets kgraph.ttl of the knowledge folder in use (``$KGRAPH_ONTOLOGIES``, else the shipped one) in the named graph ``ONTOLOGY_GRAPH``. kgraph's
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
        store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
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


def sparql(kg_or_store: KnowledgeGraph | ox.Store, query: str, *, base: str | None = None,
           allow_service: bool = False):
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
    allow_service : bool, optional
        Run ``SERVICE`` clauses, which send HTTP requests to other servers (default: refused).

    Raises
    ------
    UsageError
        For a SPARQL Update, or a ``SERVICE`` clause without ``allow_service`` (:func:`check_query`).
    SyntaxError
        For a query pyoxigraph cannot parse.
    """
    result = run_query(kg_or_store, query, base=base, allow_service=allow_service)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return [{name: to_python(solution[name]) for name in names} for solution in result]
    return [(to_python(t.subject), to_python(t.predicate), to_python(t.object)) for t in result]


def run_query(kg_or_store: KnowledgeGraph | ox.Store, query: str, *, base: str | None = None,
              allow_service: bool = False):
    """Run a SPARQL query and return pyoxigraph's own result (for :func:`serialize_results`).

    The default graph is the union of the store's graphs; arguments and errors as in :func:`sparql`
    (a ``SERVICE`` clause is refused unless ``allow_service``: :func:`check_query`).

    Returns
    -------
    pyoxigraph.QuerySolutions, pyoxigraph.QueryBoolean or pyoxigraph.QueryTriples
    """
    check_query(query, allow_service=allow_service)
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
