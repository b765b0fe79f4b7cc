"""``kgraph view GRAPH [--focus NAME --depth N --types T,... --since DATE] --out view.html``.

Writes the interactive viewer for a graph kgraph exported, or for the part of it an analyst asks
about: the neighbourhood of some actors, some relation types or modalities, a time window. The
narrowing is :meth:`KnowledgeGraph.subgraph`, so the command line and notebooks agree.
"""
from __future__ import annotations

import argparse
import sys
import webbrowser
from pathlib import Path

from ..model import MODALITIES, RELATION_TYPES


def register(subparsers) -> None:
    """Add the ``view`` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "view", help="write the interactive HTML viewer of a graph, or of part of it",
        description="Write a self-contained HTML page (opens offline) showing GRAPH, optionally narrowed to "
                    "the neighbourhood of some actors, some relation types or modalities and a time window.")
    parser.add_argument("graph", type=Path, metavar="GRAPH", help="graph.json (or an RDF export) kgraph wrote")
    parser.add_argument("--out", "-o", type=Path, default=Path("view.html"), help="output page (default: view.html)")
    parser.add_argument("--focus", action="append", metavar="NAME",
                        help="keep this actor's neighbourhood: a label or alias, e.g. \"North Korea\" or DPRK "
                             "(repeatable)")
    parser.add_argument("--depth", type=int, default=1,
                        help="with --focus: how many relations deep the neighbourhood goes (default: 1)")
    parser.add_argument("--types", type=_comma_list, help=f"comma-separated relation types: {', '.join(RELATION_TYPES)}")
    parser.add_argument("--modalities", type=_comma_list,
                        help=f"comma-separated modalities ({', '.join(MODALITIES)}) or classes (factual, future, "
                             "uncertain, negated)")
    parser.add_argument("--since", help="keep relations that can fall on or after this date (2024, 2024-06, 2024-06-14); "
                                        "undated relations count from their document's date")
    parser.add_argument("--until", help="keep relations that can fall on or before this date")
    parser.add_argument("--size-by", choices=("degree", "evidence"), default="degree",
                        help="scale actors by their number of relations or of evidence sentences (default: degree)")
    parser.add_argument("--show-negated", action="store_true", help="draw negated relations (hidden at first)")
    parser.add_argument("--seed", type=int, help="layout seed (the same seed draws the same picture)")
    parser.add_argument("--title", help="page title (default: the document's title, or a count of documents)")
    parser.add_argument("--open", action="store_true", help="open the page in the default browser")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the viewer page of the graph, or of the part the options select; returns the exit status
    (0 written, 1 unreadable graph, 2 an option that selects nothing or makes no sense)."""
    from ..export import write_atomic
    from ..export.html import DEFAULT_LAYOUT_SEED, to_html
    from ..export.json import read_graph

    if not args.graph.exists():
        print(f"kgraph: no such graph: {args.graph}", file=sys.stderr)
        return 2
    kg = read_graph(args.graph)
    try:
        view = kg.subgraph(types=args.types, modality=args.modalities, since=args.since, until=args.until,
                           entities=args.focus, depth=args.depth)
    except KeyError as error:  # a --focus name no entity carries
        print(f"kgraph: {error.args[0]}", file=sys.stderr)
        return 1
    except ValueError as error:  # an unknown type or modality, a malformed date, a negative depth
        print(f"kgraph: {error}", file=sys.stderr)
        return 2
    page = to_html(view, title=args.title, size_by=args.size_by, show_negated=args.show_negated,
                   seed=DEFAULT_LAYOUT_SEED if args.seed is None else args.seed)
    path = write_atomic(args.out, page)
    if not args.quiet:
        print(f"kgraph: {len(view.entities)} entities, {len(view.relations)} relations -> {path}", file=sys.stderr)
    if args.open:
        webbrowser.open(path.resolve().as_uri())
    return 0


def _comma_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]
