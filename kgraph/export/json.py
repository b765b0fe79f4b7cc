"""The graph JSON of the extraction contract (FORMAT.md), both ways."""
from __future__ import annotations

import json
from pathlib import Path

from ..graph import KnowledgeGraph
from ..model import Document, Entity, Evidence, Relation
from . import write_atomic

DOCUMENT_FIELDS = ("id", "title", "date", "source", "author")
ENTITY_FIELDS = ("id", "label", "type", "aliases", "wikidata", "documents", "country")
RELATION_FIELDS = ("type", "source", "target", "participants", "modality", "attributed_to", "time",
                   "location", "object", "confidence", "role", "cameo", "plover")
EVIDENCE_FIELDS = ("doc", "sentence", "start", "end", "trigger", "pattern")


def to_json(kg: KnowledgeGraph) -> dict:
    """The graph as the contract's JSON object: {"documents": [...], "entities": [...], "relations": [...]}.

    Each relation carries its ``id`` and its evidence list; field order follows the ``*_FIELDS``
    tuples, so the same graph gives the same JSON.

    Examples
    --------
    >>> from kgraph.model import Entity
    >>> to_json(KnowledgeGraph(entities=[Entity("Q423", "North Korea", "Country")]))["entities"][0]["label"]
    'North Korea'
    """
    return {
        "documents": [{k: getattr(d, k) for k in DOCUMENT_FIELDS} for d in kg.documents],
        "entities": [{k: getattr(e, k) for k in ENTITY_FIELDS} for e in kg.entities],
        "relations": [{"id": r.id, **{k: getattr(r, k) for k in RELATION_FIELDS},
                       "evidence": [{k: getattr(ev, k) for k in EVIDENCE_FIELDS} for ev in r.evidence]}
                      for r in kg.relations],
    }


def dumps(kg: KnowledgeGraph) -> str:
    """:func:`to_json` as text: UTF-8 characters unescaped, indent 1, a final newline (graph.json's bytes)."""
    return json.dumps(to_json(kg), ensure_ascii=False, indent=1) + "\n"


def from_json(data: dict) -> KnowledgeGraph:
    """The inverse of :func:`to_json`; records keep the order they have in ``data``.

    Missing lists count as empty and missing optional fields take their defaults; documents
    get ``text=""``.

    Raises
    ------
    KeyError, TypeError
        When an entity lacks ``id``, ``label`` or ``type``, or a record has the wrong shape.
    """
    documents = [Document(text="", **{k: d.get(k) for k in DOCUMENT_FIELDS}) for d in data.get("documents", [])]
    entities = [Entity(**{k: e[k] for k in ENTITY_FIELDS if k in e}) for e in data.get("entities", [])]
    relations = []
    for r in data.get("relations", []):
        fields = {k: r[k] for k in RELATION_FIELDS if k in r}
        evidence = [Evidence(**{k: ev.get(k) for k in EVIDENCE_FIELDS}) for ev in r.get("evidence", [])]
        relations.append(Relation(**fields, evidence=evidence))
    return KnowledgeGraph(documents=documents, entities=entities, relations=relations)


def write_json(kg: KnowledgeGraph, path: str | Path) -> Path:
    """Write :func:`dumps` to ``path`` atomically and return the path.

    Raises
    ------
    OSError
        When the file cannot be written.
    """
    return write_atomic(path, dumps(kg))


def read_graph(path: str | Path) -> KnowledgeGraph:
    """Load a graph kgraph wrote: graph.json, or one of its RDF exports (by suffix, else Turtle).

    Raises
    ------
    OSError
        When the file cannot be read.
    ValueError, SyntaxError
        When its content is not a graph in that format.
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        return from_json(json.loads(path.read_text(encoding="utf-8")))
    from ..rdf.reader import from_rdf
    return from_rdf(path)
