"""``kgraph validate GRAPH``: check a graph's RDF against the SHACL shapes (ontologies/shapes.ttl)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    """Add the ``validate`` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "validate", help="check a graph's RDF against the kgraph SHACL shapes",
        description="Validate GRAPH with pySHACL against ontologies/shapes.ttl (and the kgraph ontology). "
                    "GRAPH is an RDF file (.ttl, .nt, .trig, .nq, .jsonld) or a graph.json, which is "
                    "exported to RDF first. Exit status 0 when it conforms, 1 when it does not.")
    parser.add_argument("graph", type=Path, metavar="GRAPH", help="an RDF file or graph.json")
    parser.add_argument("--shapes", type=Path, help="other SHACL shapes (default: ontologies/shapes.ttl)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate and report; returns the exit status (0 conforms, 1 does not, 2 unreadable graph)."""
    from rdflib import Dataset, Graph

    from ..export.json import read_graph
    from ..rdf.formats import format_for_path
    from ..rdf.shacl import validate
    from ..rdf.writers import to_rdflib

    spec = format_for_path(args.graph)
    try:
        if spec is not None:
            data = Graph()
            if spec.dataset:  # validate the union of the named graphs
                for s, p, o, _ in Dataset().parse(args.graph, format=spec.rdflib).quads((None, None, None, None)):
                    data.add((s, p, o))
            else:
                data.parse(args.graph, format=spec.rdflib)
        else:
            data = to_rdflib(read_graph(args.graph))
    except (OSError, ValueError, SyntaxError) as error:
        print(f"kgraph: cannot read {args.graph}: {error}", file=sys.stderr)
        return 2
    result = validate(data, shapes=args.shapes)
    if result.conforms:
        if not args.quiet:
            print(f"kgraph: {args.graph} conforms to the shapes ({len(data)} triples)", file=sys.stderr)
        return 0
    print(result.text, end="")
    return 1
