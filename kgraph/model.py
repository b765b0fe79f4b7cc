"""Typed records where the pipeline stages meet.

Data flows one way: Document -> (NLP) -> Mention/Entity -> Relation(+Evidence)
-> KnowledgeGraph -> exporters.  Every record is a plain dataclass so that it
pickles (parallel and distributed builds) and compares by value (tests).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .names import slugify  # noqa: F401  (re-exported: the resolver and gazetteer make ids with it)

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


def modality_class(modality: str) -> str:
    """The coarse class of a modality (``MODALITY_CLASS``); an unknown one counts as "factual".

    Examples
    --------
    >>> modality_class("planned"), modality_class("made-up")
    ('future', 'factual')
    """
    return MODALITY_CLASS.get(modality, "factual")


def vocabulary_order(present: Mapping[str, int], known: Iterable[str]) -> list[str]:
    """The values counted in ``present``, in the vocabulary's order, then any others sorted.

    Parameters
    ----------
    present : mapping of str to int
        A count per value (a ``Counter``); known values counted 0 are left out.
    known : iterable of str
        The vocabulary (``RELATION_TYPES``, ``MODALITIES``...) giving the order.

    Returns
    -------
    list of str
        Known values first, then values a hand-made graph added, alphabetically.

    Examples
    --------
    >>> from collections import Counter
    >>> vocabulary_order(Counter(["visit", "meeting", "zz"]), RELATION_TYPES)[-1]
    'zz'
    """
    known = tuple(known)
    return [v for v in known if present.get(v)] + sorted(v for v in present if v not in known)


def actors_of(source: str | None, target: str | None, participants: Iterable[str]) -> list[str]:
    """Everyone in a relation's actor slots, once each, in slot order (see :meth:`Relation.actors`).

    Takes the slots rather than a Relation so that JSON records (the evaluation's) share it.

    Examples
    --------
    >>> actors_of("Q7747", None, ["Q7747", "Q423"])
    ['Q7747', 'Q423']
    """
    return list(dict.fromkeys(a for a in (source, target, *participants) if a is not None))


def members_of(source: str | None, target: str | None, participants: Sequence[str]) -> list[str]:
    """The members of a symmetric relation, sorted, once each (see :meth:`Relation.members`).

    Examples
    --------
    >>> members_of("Q884", "Q423", []), members_of(None, None, ["Q9", "Q1", "Q9"])
    (['Q423', 'Q884'], ['Q1', 'Q9'])
    """
    return sorted(set(participants or [p for p in (source, target) if p]))


def stable_hash(*parts: object, length: int = 12) -> str:
    """A short digest that is the same on every run and machine: SHA-1 of the parts' text, hex.

    Examples
    --------
    >>> stable_hash("arms_transfer", "Q423", "Q159")
    '814b4f171083'
    """
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
    """Where a relation was read: the sentence and its character offsets in the document, the trigger
    words, and the lexicon entry (``pattern``: file and entry, e.g. "relations.yaml:request/verb" or
    "cameo_triggers.yaml:ACCUSE * (OF +) line 7516") that read it."""
    doc: str
    sentence: str
    start: int
    end: int
    trigger: str | None = None
    pattern: str | None = None

    @classmethod
    def of(cls, doc: str, text: str, start: int, end: int, trigger: str | None = None,
           pattern: str | None = None) -> Evidence:
        """The evidence of the sentence ``text[start:end]``, without the white space around it.

        ``start`` and ``end`` are character offsets into a document's text (its body, after any
        front matter); the result keeps ``text[ev.start:ev.end] == ev.sentence``, also for a
        paragraph's last sentence, whose span ends in the blank line.

        Examples
        --------
        >>> Evidence.of("d", "Talks ended.\\n\\nThen", 0, 14)
        Evidence(doc='d', sentence='Talks ended.', start=0, end=12, trigger=None, pattern=None)
        """
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end = max(start, end - (len(piece) - len(piece.rstrip())))
        return cls(doc, text[start:end], start, end, trigger, pattern)


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
        """Record another name; the label, empty names and known aliases are ignored."""
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

    def actors(self) -> list[str]:
        """Everyone in the relation's actor slots, once each, in slot order: source, target, participants.

        Examples
        --------
        >>> Relation("visit", "Q7747", "Q423", ["Q7747", "Q423"]).actors()
        ['Q7747', 'Q423']
        """
        return actors_of(self.source, self.target, self.participants)

    def members(self) -> list[str]:
        """Who takes part, as a symmetric relation sees it: the participants, else source and target;
        sorted and once each (the pairs of a symmetric relation are drawn from these).

        Examples
        --------
        >>> Relation("meeting", participants=["Q884", "Q159", "Q884"]).members()
        ['Q159', 'Q884']
        """
        return members_of(self.source, self.target, self.participants)

    def key(self) -> tuple:
        """What makes two reports the same relation (they merge into one).

        A symmetric type's key is its set of participants, a directed type's its source and
        target; the modality is part of the key ("expected" and "asserted" visits stay apart), and
        so is the time, last: reports whose times do not overlap are two events (the merge folds
        reports with the same key but for a missing or overlapping time, see ``kgraph.merge``).
        """
        if self.type in SYMMETRIC_TYPES:
            return (self.type, None, None, tuple(sorted(set(self.participants))), self.modality, self.time)
        return (self.type, self.source, self.target, (), self.modality, self.time)

    @property
    def id(self) -> str:
        """"r_" and a digest of :meth:`key`: the same relation has the same id in every build."""
        return "r_" + stable_hash(*self.key())


@dataclass(frozen=True)
class Provenance:
    """What produced a graph (graph.json's ``provenance``, a ``prov:Activity`` in RDF); no timestamps.

    ``pipeline`` is the spaCy pipeline package or "rule-only"; ``knowledge`` is "sha256:" and the
    digest of the knowledge files used (see :func:`kgraph.provenance.knowledge_digest`), so two
    codebook versions tell apart.
    """
    kgraph: str
    spacy: str | None
    pipeline: str
    pipeline_version: str | None
    knowledge: str


@dataclass
class Extraction:
    """Everything read from one document: the unit of parallel work and of merging."""
    document: Document
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
