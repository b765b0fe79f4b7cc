"""``kgraph export GRAPH --format turtle|nt|trig|nquads|jsonld --out FILE``: a built graph as RDF."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import GraphFormatError
from ..rdf.formats import FORMAT_NAMES, SUFFIX_FORMATS, format_for_path, format_of


def register(subparsers) -> None:
    """Add the ``export`` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "export", help="write a graph as RDF (Turtle, N-Triples, TriG, N-Quads, JSON-LD)",
        description="Read GRAPH (graph.json, or an RDF export kgraph wrote) and write it as RDF with the "
                    "kgraph ontology inside (load the one file into a triple store): entities, direct "
                    "triples for asserted/reported relations, a statement node with modality and provenance "
                    "for every relation. TriG and N-Quads put every triple in one named graph: the "
                    "vocabulary, a shared graph (entities, statements), and each source document's graph "
                    "(its metadata and evidence); query their union.")
    parser.add_argument("graph", type=Path, nargs="?", metavar="GRAPH", help="graph.json or an RDF file kgraph wrote")
    parser.add_argument("--store", type=Path, metavar="DB",
                        help="read the graph from the store that `kgraph build --store DB` fills, instead of GRAPH")
    parser.add_argument("--format", "-f", type=_format_name, metavar="|".join(FORMAT_NAMES),
                        help="a format or its alias (ttl, nq, json-ld, ...); default: from --out's suffix, "
                             "else turtle")
    parser.add_argument("--out", "-o", type=Path, help="output file (default: GRAPH with the format's suffix); "
                                                       "its suffix must be one the format is read back by")
    parser.add_argument("--base-iri", help="namespace of instance IRIs (default: $KGRAPH_BASE_IRI or "
                                           "https://kgraph.dev/id/)")
    parser.add_argument("--engine", choices=("auto", "rdflib", "oxigraph"), default="auto",
                        help="serialiser: rdflib (sorted, compact), oxigraph (fast, large graphs) or auto")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the graph as RDF; returns the exit status (0 done, 1 unreadable input, 2 bad arguments)."""
    from ..export.json import read_graph
    from ..rdf.writers import write_rdf
    from ..store import StoreError, read_store

    if (args.graph is None) == (args.store is None):
        print("kgraph: give either GRAPH or --store DB", file=sys.stderr)
        return 2
    source = args.store or args.graph
    format = args.format or (args.out and format_for_path(args.out, default="turtle").name) or "turtle"
    out = args.out or source.with_suffix(format_of(format).suffix)
    written_as = format_for_path(out)
    if written_as is None or written_as.name != format_of(format).name:
        # Every file kgraph writes must read back (kgraph query, view, from_rdf go by the suffix).
        suffixes = ", ".join(s for s, f in SUFFIX_FORMATS.items() if f.name == format_of(format).name)
        print(f"kgraph: --out {out}: a {format} file needs one of the suffixes {suffixes}", file=sys.stderr)
        return 2
    if out.resolve() == source.resolve():
        print(f"kgraph: --out {out} would overwrite the input graph", file=sys.stderr)
        return 2
    try:
        kg = read_store(args.store) if args.store else read_graph(args.graph)
    except (OSError, ValueError, StoreError) as error:
        message = error if isinstance(error, GraphFormatError) else f"cannot read {source}: {error}"
        print(f"kgraph: {message}", file=sys.stderr)
        return 1
    write_rdf(kg, out, format, base=args.base_iri, engine=args.engine)
    if not args.quiet:
        print(f"kgraph: {len(kg.entities)} entities, {len(kg.relations)} statements -> {out} ({format})",
              file=sys.stderr)
    return 0


def _format_name(name: str) -> str:
    """argparse type of --format: the canonical name of a format given by name or alias."""
    try:
        return format_of(name).name
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
