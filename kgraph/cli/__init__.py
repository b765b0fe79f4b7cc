"""Command-line interface: one module per subcommand, each with ``register(subparsers)``.

Each subcommand's ``run(args)`` returns the exit status, or raises; :func:`main` is the
one place that turns a :class:`~kgraph.errors.KgraphError` into ``kgraph: <message>`` on
stderr and the error's ``exit_code``.  Importing this package loads neither spaCy nor
the graph libraries, so ``kgraph --help`` answers at once.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path

from .. import __version__
from ..errors import KgraphError
from ..resources import ONTOLOGIES_ENV

#: Subcommands that read the knowledge folder besides ``build`` (the ontology, the SHACL shapes).
READ_ONTOLOGIES = ("validate", "query")
#: Exit status after Ctrl-C (128 + SIGINT), as a shell reports it.
INTERRUPTED = 130

#: Subcommand modules in kgraph/cli/, in the order --help lists them.
COMMANDS = ("build", "view", "export", "validate", "query", "evaluate")


def make_parser() -> argparse.ArgumentParser:
    """The ``kgraph`` argument parser, with every subcommand of :data:`COMMANDS` registered."""
    parser = argparse.ArgumentParser(
        prog="kgraph", description="Geopolitical knowledge graphs from English news text.")
    parser.add_argument("--version", action="version", version=f"kgraph {__version__}")
    _add_verbosity(parser, quiet=False, verbose=0)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    for name in READ_ONTOLOGIES:
        subparsers.choices[name].add_argument(
            "--ontologies", type=Path, help=f"knowledge folder (default: ${ONTOLOGIES_ENV}, else the shipped one)")
    for subparser in subparsers.choices.values():
        # -q/-v also after the subcommand; left unset there, they keep the value given before it.
        _add_verbosity(subparser, quiet=argparse.SUPPRESS, verbose=argparse.SUPPRESS)
    return parser


def _add_verbosity(parser: argparse.ArgumentParser, quiet, verbose) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", default=quiet, help="only errors on stderr")
    parser.add_argument("-v", "--verbose", action="count", default=verbose, help="more detail on stderr")


def main(argv: list[str] | None = None) -> int:
    """Run the ``kgraph`` command line.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status: 0 on success; a KgraphError's ``exit_code`` (1, or 2 for a usage
        error) after printing ``kgraph: <message>`` on stderr; 1 after ``kgraph: <file>: <reason>``
        for an OSError (a file the system would not read or write); 2 without a subcommand;
        130 after Ctrl-C, with one line on stderr (outputs are then the old set, untouched).

    Raises
    ------
    SystemExit
        From argparse, for ``--help``, ``--version`` and arguments it cannot parse.

    Examples
    --------
    >>> main(["--no-such-option"])  # doctest: +SKIP
    """
    parser = make_parser()
    args = parser.parse_args(argv)
    level = logging.ERROR if args.quiet else (logging.DEBUG if args.verbose > 1 else
                                              logging.INFO if args.verbose else logging.WARNING)
    logging.basicConfig(level=level, format="kgraph: %(message)s", stream=sys.stderr)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    previous = os.environ.get(ONTOLOGIES_ENV)
    if getattr(args, "ontologies", None):
        # one knowledge folder for every reader of this command and its workers
        os.environ[ONTOLOGIES_ENV] = str(args.ontologies)
    try:
        return args.func(args)
    except KgraphError as error:
        print(f"kgraph: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:  # the system refused: a read-only folder, a full disk, a folder for a file
        where = f"{error.filename}: " if error.filename else ""
        print(f"kgraph: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kgraph: interrupted", file=sys.stderr)
        return INTERRUPTED
    finally:
        if getattr(args, "ontologies", None):   # as it was for the caller of main()
            if previous is None:
                os.environ.pop(ONTOLOGIES_ENV, None)
            else:
                os.environ[ONTOLOGIES_ENV] = previous
