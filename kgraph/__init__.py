"""kgraph: geopolitical knowledge graphs from English news text.

    >>> import kgraph
    >>> kg = kgraph.build(["seeds/"])
    >>> kg.to_json()["relations"][0]["type"]

``build`` and ``KnowledgeGraph`` are imported on first use, so that importing the
package (the command line, ``kgraph --help``) loads neither spaCy nor pandas.
"""
from .errors import KgraphError
from .model import Document, Entity, Evidence, Extraction, Mention, Relation
from .version import __version__

__all__ = ["build", "KnowledgeGraph", "KgraphError", "Document", "Entity", "Evidence", "Extraction", "Mention",
           "Relation", "__version__"]


def __getattr__(name: str):
    """``kgraph.build`` and ``kgraph.KnowledgeGraph``, imported when first asked for (PEP 562).

    Raises
    ------
    AttributeError
        For any other name the package does not have.
    """
    if name == "build":
        from .pipeline import build
        return build
    if name == "KnowledgeGraph":
        from .graph import KnowledgeGraph
        return KnowledgeGraph
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"build", "KnowledgeGraph"})
