"""kgraph's one catalogue of errors: every error kgraph raises on purpose derives from ``KgraphError``.

Each class carries ``exit_code``, the status the command line ends with when the error
reaches it (``kgraph.cli`` maps them in one place); the message is one line for a user.

Examples:
    >>> from kgraph.errors import InputError, KgraphError
    >>> issubclass(InputError, KgraphError)
    True
"""
from __future__ import annotations


class KgraphError(Exception):
    """Base of every error kgraph raises on purpose; ``str(error)`` is a one-line message."""

    #: Exit status of the ``kgraph`` command when this error ends it.
    exit_code = 1


class InputError(KgraphError, ValueError):
    """A file or text that cannot be read as a document; the message is the reason."""


class UsageError(KgraphError, ValueError):
    """A command-line or API argument that makes no sense (an unknown format, engine or type)."""

    exit_code = 2


class KnowledgeError(KgraphError, ValueError):
    """A knowledge file in ``ontologies/`` that does not follow its format; the message names file and line."""


class UnknownPlace(KnowledgeError):
    """An argument place that is in no entry of the place registry (``kgraph.extract.places``), or one
    that cannot stand in the argument list it is given for.

    Attributes
    ----------
    what : str
        What is wrong ("unknown argument place 'subjct'").
    hint : str
        What would be right ("known: compound, context, ...").
    """

    def __init__(self, what: str, hint: str = "") -> None:
        super().__init__(f"{what} ({hint})" if hint else what)
        self.what = what
        self.hint = hint


class GraphFormatError(KgraphError, ValueError):
    """A graph file (JSON or RDF) that cannot be read as a kgraph graph."""


class StoreError(KgraphError, RuntimeError):
    """The file is not a kgraph store, or another build holds it."""


class EngineUnavailable(KgraphError, RuntimeError):
    """An extraction engine was asked for whose optional extra is not installed (``kgraph[dask]``)."""
