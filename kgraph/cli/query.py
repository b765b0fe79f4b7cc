"""``kgraph query GRAPH 'SPARQL'``: SPARQL over an embedded Oxigraph store."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import GraphFormatError


def register(subparsers) -> None:
    """Add the ``query`` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "query", help="run a SPARQL query over a graph (embedded Oxigraph store)",
        description="Load GRAPH (graph.json or an RDF file) into an in-memory Oxigraph store, as a triple "
                    "store would hold it (TriG and N-Quads keep their named graphs; the default graph is "
                    "their union), and run QUERY. The files in queries/ declare their prefixes; for quick "
                    "queries kg: ent: stmt: doc: ev: wd: rdf: rdfs: owl: skos: prov: oa: dcterms: xsd: "
                    "are predeclared. csv, tsv and json are the W3C SPARQL 1.1 result formats.")
    parser.add_argument("graph", type=Path, metavar="GRAPH", help="graph.json or an RDF file kgraph wrote")
    parser.add_argument("query", metavar="QUERY", help="the SPARQL text, or a .rq/.sparql file holding it")
    parser.add_argument("--format", "-f", choices=("table", "tsv", "csv", "json", "xml"), default="table",
                        help="table (default), or SPARQL 1.1 Query Results csv, tsv, json "
                             "(application/sparql-results+json) or xml; CONSTRUCT gives N-Triples")
    parser.add_argument("--allow-service", action="store_true",
                        help="run SERVICE clauses, which send HTTP requests to other SPARQL servers "
                             "(refused by default: a shared .rq file could reach any URL)")
    parser.add_argument("--base-iri", help="namespace of instance IRIs for a graph.json "
                                           "(default: $KGRAPH_BASE_IRI or https://kgraph.dev/id/)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the query and print its result; returns the exit status (0 done, 2 unreadable graph or bad SPARQL)."""
    from ..export.json import read_graph
    from ..rdf.formats import is_rdf_path
    from ..rdf.query import open_store, run_query, serialize_results, to_python

    text = _query_text(args.query)
    try:
        if is_rdf_path(args.graph):
            store = open_store(args.graph, base=args.base_iri)
        else:
            store = open_store(read_graph(args.graph), base=args.base_iri)
    except (OSError, ValueError, SyntaxError) as error:
        message = error if isinstance(error, GraphFormatError) else f"cannot read {args.graph}: {error}"
        print(f"kgraph: {message}", file=sys.stderr)
        return 2
    try:
        result = run_query(store, text, base=args.base_iri, allow_service=args.allow_service)
        if args.format != "table":
            sys.stdout.flush()
            sys.stdout.buffer.write(serialize_results(result, args.format))
            sys.stdout.buffer.flush()
            return 0
    except SyntaxError as error:
        message = " ".join(str(error).split())  # pyoxigraph's message runs over several lines
        print(f"kgraph: bad SPARQL: {message[:200]}{'...' if len(message) > 200 else ''}", file=sys.stderr)
        return 2
    import pyoxigraph as ox
    if isinstance(result, ox.QueryBoolean):
        print("true" if result else "false")
        return 0
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [[to_python(solution[c]) for c in columns] for solution in result]
    else:
        columns = ["subject", "predicate", "object"]
        rows = [[to_python(t.subject), to_python(t.predicate), to_python(t.object)] for t in result]
    _print_table(columns, rows)
    return 0


def _query_text(query: str) -> str:
    """The SPARQL text of QUERY: the text itself, or the content of the file it names.

    Raises
    ------
    UsageError
        When QUERY looks like a file name (a .rq/.sparql suffix, or one word with no SPARQL in
        it) and no such file can be read.
    """
    from ..errors import UsageError

    path = Path(query)
    looks_like_file = path.suffix.lower() in (".rq", ".sparql") or (
        query.strip() and not any(c.isspace() or c in "{}<>?$" for c in query.strip()))
    if not looks_like_file:
        return query
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"no such query file: {query}") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise UsageError(f"cannot read query file {query}: {reason}") from None


def _print_table(columns: list[str], rows: list[list]) -> None:
    """Rows as aligned plain-text columns (values as Python shows them; unbound is empty)."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=sys.stderr)
