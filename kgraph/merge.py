"""Merge per-document extractions into one graph.

Entities unify on id (the Wikidata QID, else the slug of name and type) and
accumulate aliases and documents; repeated reports of one relation (same
``Relation.key()`` without its time, and times that overlap or are missing) fold into
one relation with several evidences. Reports in different documents whose times do not
overlap ("attacked on 24 February 2022", "attacked on 3 March 2022") are two events and
stay two relations; within one document a report told again ("launched a satellite last
week ... the launch on Tuesday failed") is the same event, whatever its relative date.
"""
from __future__ import annotations

from collections.abc import Iterable

from .dates import date_range
from .graph import KnowledgeGraph
from .model import Document, Entity, Evidence, Extraction, Relation


class GraphMerger:
    """Accumulates extractions one at a time, so memory follows the graph, not the corpus.

    Parameters
    ----------
    graph : KnowledgeGraph, optional
        A graph to start from (an incremental build's stored graph); its records are copied.

    Examples
    --------
    >>> from kgraph.model import Document, Entity, Extraction
    >>> merger = GraphMerger()
    >>> merger.add(Extraction(Document("a", "text"), [Entity("Q423", "North Korea", "Country", ["DPRK"])]))
    >>> merger.add(Extraction(Document("b", "text"), [Entity("Q423", "N. Korea", "Country")]))
    >>> merger.graph().entities[0].aliases
    ['DPRK', 'N. Korea']
    """

    def __init__(self, graph: KnowledgeGraph | None = None) -> None:
        self.documents: dict[str, Document] = {}
        self.entities: dict[str, Entity] = {}
        self.relations: dict[tuple, Relation] = {}
        # Relation.key() without its time -> the keys of the relations under it, one per event.
        self._events: dict[tuple, list[tuple]] = {}
        # What each entity and relation already holds, so a fold costs what it adds, not what is there.
        self._entity_documents: dict[str, set[str]] = {}
        self._evidence_keys: dict[tuple, set[tuple]] = {}
        if graph is not None:
            for document in graph.documents:
                self.documents[document.id] = document
            self._add_entities(graph.entities)
            self._add_relations(graph.relations, merged=True)

    def add(self, extraction: Extraction) -> None:
        """Fold one document's extraction in: its metadata (not its text), entities and relations."""
        document = extraction.document
        # The graph keeps document metadata, not the full text: evidence holds the sentences.
        self.documents[document.id] = Document(document.id, "", document.title, document.date,
                                               document.source, document.author)
        self._add_entities(extraction.entities)
        self._add_relations(extraction.relations)

    def _add_entities(self, entities: Iterable[Entity]) -> None:
        for entity in entities:
            known = self.entities.get(entity.id)
            if known is None:
                self.entities[entity.id] = Entity(entity.id, entity.label, entity.type, list(entity.aliases),
                                                  entity.wikidata, list(entity.documents), entity.country)
                self._entity_documents[entity.id] = set(entity.documents)
                continue
            for name in [entity.label, *entity.aliases]:
                known.add_alias(name)
            documents = self._entity_documents[entity.id]
            for doc in entity.documents:
                if doc not in documents:
                    documents.add(doc)
                    known.documents.append(doc)
            known.wikidata = known.wikidata or entity.wikidata
            known.country = known.country or entity.country
            if known.type == "Other":
                known.type = entity.type

    def _add_relations(self, relations: Iterable[Relation], merged: bool = False) -> None:
        """Fold relations in; ``merged``: they are a merged graph's, each an event of its own already."""
        for relation in relations:
            base = relation.key()[:-1]
            events = self._events.setdefault(base, [])
            docs = {ev.doc for ev in relation.evidence}
            key = None if merged else next(
                (k for k in events if _same_time(self.relations[k].time, relation.time)
                 or docs & {ev.doc for ev in self.relations[k].evidence}), None)
            if key is None:
                key = (*base, len(events))
                events.append(key)
                self.relations[key] = _copy(relation)
                self._evidence_keys[key] = {_evidence_key(ev) for ev in relation.evidence}
            else:
                _fold(self.relations[key], relation, self._evidence_keys[key])

    def graph(self) -> KnowledgeGraph:
        """The merged graph, in canonical order (:meth:`KnowledgeGraph.canonical`), whatever the order of arrival.

        The graph shares the merger's entity and relation records (no copy of a large graph):
        adding more afterwards updates them.
        """
        return KnowledgeGraph(documents=list(self.documents.values()), entities=list(self.entities.values()),
                              relations=list(self.relations.values())).canonical(in_place=True)


def merge(extractions: Iterable[Extraction], graph: KnowledgeGraph | None = None) -> KnowledgeGraph:
    """Fold extractions (into ``graph`` when given) and return the merged graph."""
    merger = GraphMerger(graph)
    for extraction in extractions:
        merger.add(extraction)
    return merger.graph()


def _copy(relation: Relation) -> Relation:
    return Relation(**{**relation.__dict__, "participants": list(relation.participants),
                       "object": list(relation.object), "evidence": list(relation.evidence)})


def _same_time(known: str | None, other: str | None) -> bool:
    """Whether two reports' times may be one event's: either is missing or unreadable, or their
    days overlap ("2022" and "2022-02-24" do; "2024-04" and "2024-10" do not)."""
    first, second = date_range(known), date_range(other)
    if first is None or second is None:
        return True
    return first[0] <= second[1] and second[0] <= first[1]


def _evidence_key(evidence: Evidence) -> tuple:
    return (evidence.doc, evidence.start, evidence.end)


def _fold(known: Relation, other: Relation, seen: set[tuple]) -> None:
    """Another report of the same relation: more evidence, more confidence.

    ``seen`` holds the evidence keys of ``known`` and is kept up to date.
    """
    new: list[Evidence] = [ev for ev in other.evidence if _evidence_key(ev) not in seen]
    if new:
        known.evidence.extend(new)
        seen.update(_evidence_key(ev) for ev in new)
        # Independent reports corroborate: noisy-or, kept below certainty.
        known.confidence = round(min(0.99, 1 - (1 - known.confidence) * (1 - other.confidence)), 3)
    else:
        known.confidence = max(known.confidence, other.confidence)
    known.object.extend(o for o in other.object if o not in known.object)
    for name in ("attributed_to", "time", "location", "role", "cameo", "plover"):
        if getattr(known, name) is None:
            setattr(known, name, getattr(other, name))
