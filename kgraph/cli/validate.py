"""``kgraph validate GRAPH``: check a graph's RDF against the SHACL shapes (ontologies/shapes.ttl)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import GraphFormatError


def register(subparsers) -> None:
    """Add the ``validate`` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "validate", help="check a graph's RDF against the kgraph SHACL shapes",
        description="Validate GRAPH with pySHACL against ontologies/shapes.ttl, nothing added: kgraph's "
                    "exports carry the vocabulary they rely on. GRAPH is an RDF file (.ttl, .nt, .trig, "
                    ".nq, .jsonld) or a graph.json, which is exported to RDF first. Exit status 0 when it "
                    "conforms, 1 when it does not.")
    parser.add_argument("graph", type=Path, metavar="GRAPH", help="an RDF file or graph.json")
    parser.add_argument("--shapes", type=Path, help="other SHACL shapes (default: ontologies/shapes.ttl)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate and report; returns the exit status (0 conforms, 1 does not, 2 unreadable graph)."""
    from ..export.json import read_graph
    from ..rdf.formats import is_rdf_path
    from ..rdf.reader import parse_rdf
    from ..rdf.shacl import validate
    from ..rdf.writers import to_rdflib

    try:
        # An RDF file is validated as it is (TriG and N-Quads: the union of their named graphs).
        data = parse_rdf(args.graph) if is_rdf_path(args.graph) else to_rdflib(read_graph(args.graph))
    except (OSError, ValueError, SyntaxError) as error:
        message = error if isinstance(error, GraphFormatError) else f"cannot read {args.graph}: {error}"
        print(f"kgraph: {message}", file=sys.stderr)
        return 2
    result = validate(data, shapes=args.shapes)
    if result.conforms:
        if not args.quiet:
            print(f"kgraph: {args.graph} conforms to the shapes ({len(data)} triples)", file=sys.stderr)
        return 0
    print(result.text, end="")
    return 1
