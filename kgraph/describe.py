"""How a graph reads for people: entity labels, "who relates to whom" cells, counted nouns.

Shared by the analyst's tables (:mod:`kgraph.graph`) and the plots (:mod:`kgraph.plots`), so
that both say the same thing the same way.

Examples
--------
>>> from kgraph.model import Entity, Relation
>>> index = {"Q423": Entity("Q423", "North Korea", "Country"), "Q159": Entity("Q159", "Russia", "Country")}
>>> actors_text(Relation("arms_transfer", "Q423", "Q159"), index)
'North Korea → Russia'
>>> plural(1, "entity", "entities"), plural(3, "relation")
('1 entity', '3 relations')
"""
from __future__ import annotations

from collections.abc import Mapping

from .model import SYMMETRIC_TYPES, Entity, Relation


def label(entity_id: str | None, index: Mapping[str, Entity]) -> str | None:
    """An entity's label by id; an id no entity has (a place name in ``location``) as it is; None for None."""
    if entity_id is None:
        return None
    entity = index.get(entity_id)
    return entity.label if entity else entity_id


def actors_text(relation: Relation, index: Mapping[str, Entity]) -> str:
    """Who relates to whom, in one readable cell: "North Korea → Russia", "Japan ↔ South Korea";
    a relation with no target (a launch) is its source alone."""
    if relation.type in SYMMETRIC_TYPES:
        return " ↔ ".join(sorted(label(a, index) for a in relation.actors()))
    if relation.target is None:
        return label(relation.source, index) or "?"
    return f"{label(relation.source, index) or '?'} → {label(relation.target, index)}"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """``n`` and the noun, singular for one: "1 document", "2 documents", "0 entities"."""
    return f"{n} {singular if n == 1 else plural_form or singular + 's'}"
