"""``kgraph validate GRAPH``: check a graph's RDF against the SHACL shapes (ontologies/shapes.ttl)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate", help="check a graph's RDF against the kgraph SHACL shapes",
        description="Validate GRAPH with pySHACL against ontologies/shapes.ttl (and the kgraph ontology). "
                    "GRAPH is an RDF file (.ttl, .nt, .trig, .nq, .jsonld) or a graph.json, which is "
                    "exported to RDF first. Exit status 0 when it conforms, 1 when it does not.")
    parser.add_argument("graph", type=Path, metavar="GRAPH", help="an RDF file or graph.json")
    parser.add_argument("--shapes", type=Path, help="other SHACL shapes (default: ontologies/shapes.ttl)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rdflib import Dataset, Graph

    from ..export.json import read_graph
    from ..export.rdf import FORMATS, SUFFIX_FORMATS, to_rdflib
    from ..export.shacl import validate

    suffix = args.graph.suffix.lower()
    try:
        if suffix in SUFFIX_FORMATS:
            rdflib_name, _, is_dataset = FORMATS[SUFFIX_FORMATS[suffix]]
            data = Graph()
            if is_dataset:  # validate the union of the named graphs
                for s, p, o, _ in Dataset().parse(args.graph, format=rdflib_name).quads((None, None, None, None)):
                    data.add((s, p, o))
            else:
                data.parse(args.graph, format=rdflib_name)
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
