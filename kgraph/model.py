"""Typed records where the pipeline stages meet.

Data flows one way: Document -> (NLP) -> Mention/Entity -> Relation(+Evidence)
-> KnowledgeGraph -> exporters.  Every record is a plain dataclass so that it
pickles (parallel and distributed builds) and compares by value (tests).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

ENTITY_TYPES = ("Country", "Person", "Organization", "Location", "Event", "Materiel", "Other")
#: Actor types: the ones that can stand in a relation's source/target slots.
ACTOR_TYPES = ("Country", "Person", "Organization")

RELATION_TYPES = (
    "arms_transfer", "technology_transfer", "military_cooperation", "visit", "meeting",
    "request", "agreement", "military_exercise", "threat", "armed_conflict", "sanction",
    "accusation", "launch", "official_of",
)
#: Symmetric types list everyone in ``participants``; the others are directed.
SYMMETRIC_TYPES = frozenset({"military_cooperation", "meeting", "agreement", "military_exercise"})

MODALITIES = ("asserted", "reported", "planned", "expected", "suspected", "hypothetical", "negated")
#: Coarse classes, as the extraction contract scores them.
MODALITY_CLASS = {
    "asserted": "factual", "reported": "factual",
    "planned": "future", "expected": "future",
    "suspected": "uncertain", "hypothetical": "uncertain",
    "negated": "negated",
}


def slugify(text: str) -> str:
    """ASCII, lower-case, underscore-joined: the stable id of a name."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "x"


def stable_hash(*parts: object, length: int = 12) -> str:
    """A short digest that is the same on every run and machine."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Document:
    """One input text. ``date`` is ISO and may be partial ("2024-06")."""
    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a relation was read: the sentence and its character offsets in the document."""
    doc: str
    sentence: str
    start: int
    end: int
    trigger: str | None = None


@dataclass
class Entity:
    """A canonical real-world thing; ``id`` is the Wikidata QID when known, else a slug."""
    id: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    documents: list[str] = field(default_factory=list)
    #: Id of the state an organisation, person or place belongs to, when known.
    country: str | None = None

    def add_alias(self, name: str) -> None:
        if name and name != self.label and name not in self.aliases:
            self.aliases.append(name)


@dataclass(frozen=True)
class Mention:
    """A stretch of a document's text that refers to an entity."""
    doc: str
    start: int
    end: int
    text: str
    entity: str
    #: How it was recognised: name, alias, metonym, demonym, surname, group, ner.
    kind: str = "name"
    #: Debug trace, not exported: the resolution sieve that made the mention, then those that
    #: revised it, joined by ">" ("ner>people"); see kgraph.resolve.SIEVES.
    sieve: str = field(default="", compare=False)


@dataclass
class Relation:
    """A relation or event between entities, with its modality and provenance."""
    type: str
    source: str | None = None
    target: str | None = None
    participants: list[str] = field(default_factory=list)
    modality: str = "asserted"
    attributed_to: str | None = None
    time: str | None = None
    location: str | None = None
    object: list[str] = field(default_factory=list)
    confidence: float = 0.5
    role: str | None = None
    #: Event-data codes (CAMEO, PLOVER) so users can join with GDELT/ICEWS-style data.
    cameo: str | None = None
    plover: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def key(self) -> tuple:
        """What makes two reports the same relation (they merge into one)."""
        if self.type in SYMMETRIC_TYPES:
            return (self.type, None, None, tuple(sorted(set(self.participants))), self.modality)
        return (self.type, self.source, self.target, (), self.modality)

    @property
    def id(self) -> str:
        return "r_" + stable_hash(*self.key())


@dataclass
class Extraction:
    """Everything read from one document: the unit of parallel work and of merging."""
    document: Document
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
