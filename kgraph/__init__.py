"""kgraph: geopolitical knowledge graphs from English news text.

    >>> import kgraph
    >>> kg = kgraph.build(["seeds/"])
    >>> kg.to_json()["relations"][0]["type"]
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kgraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

from .graph import KnowledgeGraph  # noqa: E402
from .model import Document, Entity, Evidence, Extraction, Mention, Relation  # noqa: E402
from .pipeline import build  # noqa: E402

__all__ = ["build", "KnowledgeGraph", "Document", "Entity", "Evidence", "Extraction", "Mention",
           "Relation", "__version__"]
