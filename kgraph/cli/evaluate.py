"""``kgraph evaluate GRAPH.json GOLD.json...``: precision, recall and F1 of a graph against gold files."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    """Add the ``evaluate`` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "evaluate", help="score a graph against gold annotations",
        description="Score GRAPH.json (as `kgraph build` writes it) against one or more gold files of the "
                    "FORMAT.md convention: entity and relation precision/recall/F1 and modality accuracy, "
                    "micro-averaged over the gold files (each is matched to the document its text file names).")
    parser.add_argument("graph", type=Path, metavar="GRAPH.json")
    parser.add_argument("gold", nargs="+", type=Path, metavar="GOLD.json")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    parser.add_argument("--details", action="store_true",
                        help="list missed, spurious and duplicate entities, false positives, misses and "
                             "modality errors per gold file")
    parser.add_argument("--by-type", action="store_true",
                        help="add per relation type the required gold relations, how many were found "
                             "(recall) and the correct and wrong predictions (precision), as "
                             "../shared/eval/score.py --by-type prints them")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Score the graph against the gold files and print the figures; returns the exit status
    (0 scored, 1 a file missing or not in the gold format)."""
    from ..evaluate import by_type_json, by_type_table, evaluate_files

    for path in [args.graph, *args.gold]:
        if not path.is_file():
            print(f"kgraph: no such file: {path}", file=sys.stderr)
            return 2
    try:
        total, per_file = evaluate_files(args.graph, args.gold)
    except (json.JSONDecodeError, KeyError, TypeError) as err:
        print(f"kgraph: cannot score: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
    if args.details:
        for path, counts in per_file:
            print(f"== {path}")
            print(f"   entities missed: {counts.missed_entities}  false positives: {counts.spurious_entities}"
                  f"  duplicates: {counts.duplicate_entities}")
            for line in counts.details:
                print("  ", *line)
    summary = total.summary()
    if args.json:
        print(json.dumps({**summary, "by_type": by_type_json(total)} if args.by_type else summary))
        return 0
    if args.by_type:
        print(by_type_table(total))
    print(" ".join(f"{k}={v}" for k, v in summary.items()))
    return 0
