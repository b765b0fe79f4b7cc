"""KnowledgeGraph: the merged result of a build, and the door to every export."""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from .model import Document, Entity, Relation


@dataclass
class KnowledgeGraph:
    """Documents, canonical entities and merged relations, in a stable order."""
    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def entity(self, id_: str) -> Entity | None:
        return self._entity_index().get(id_)

    def _entity_index(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def to_networkx(self) -> nx.MultiDiGraph:
        """A node per entity, an edge per relation (symmetric ones: one edge per pair)."""
        from .export.networkx import to_networkx
        return to_networkx(self)

    def to_json(self) -> dict:
        """The graph in the shape of the extraction contract (FORMAT.md)."""
        from .export.json import to_json
        return to_json(self)

    def to_rdf(self, format: str = "turtle") -> str:
        from .export.rdf import serialize
        return serialize(self, format=format)

    def to_html(self) -> str:
        from .export.html import to_html
        return to_html(self)
