"""The state the resolution sieves share: the document's tokens, the spans recognised so far,
and what the text says of unknown names (labels, types, the states they belong to).

A sieve (see :data:`kgraph.resolve.SIEVES`) is a function ``sieve(ctx) -> None`` that reads
this context and adds, removes or revises :class:`Span` objects in ``ctx.spans``; every span
records the sieve that made it (``Span.sieve``) and the sieves that revised it after
("ner>people": found by the NER, resolved to a full name by the people sieve).
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from spacy.attrs import ORTH
from spacy.tokens import Doc

from ..gazetteer import Cues, Gazetteer, normalise
from ..model import Document, Entity, Mention, Relation, slugify
from ..syntax import annotated

log = logging.getLogger(__name__)

#: spaCy NER labels kgraph reads, and the entity type an unknown name of that label gets.
NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location",
             "EVENT": "Event"}
POSSESSIVE = {"'s", "'"}
POSSESSIVE_PRONOUNS = {"his", "her", "their", "its"}
ENUMERATION_GLUE = {",", "and", "the", "&"}
STATE_KINDS = {"demonym", "metonym"}
#: A title read in the text: (its words, the state or organisation it names if any, token range).
Title = tuple[str, str | None, tuple[int, int]]
#: A heading is a line of at most this many words that does not end a sentence.
HEADING_WORDS = 30
SENTENCE_ENDS = (".", "?", "!", ";", ":", '"', "\u201d", "\u2019", "'", ")")
#: Confidence of an office stated in the text, and of one completed from offices.yaml.
STATED_OFFICE, KNOWN_OFFICE = 0.9, 0.75


class KnowledgeSource(Protocol):
    """What resolution reads of the knowledge base (kgraph.knowledge.KnowledgeBase)."""
    gazetteer: Gazetteer


@dataclass
class Resolution:
    """The actors of one document: entities, where they are mentioned, and stated offices.

    ``entities`` are sorted by id; ``mentions`` by character offset; ``offices`` are
    ``official_of`` relations read from titles ("Defense Minister Shin Won-sik").
    """
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    offices: list[Relation] = field(default_factory=list)


@dataclass(frozen=True)
class Voice:
    """Who speaks in a statement's first person.

    ``singular`` are the entity ids "I"/"my" stand for, ``plural`` those "we"/"our" stand
    for (each empty when the text does not say); ``cue`` names how the author was read:
    ``heading`` ("Statement by A"), ``apposition`` ("We, the European Union,") or ``""``.
    """
    singular: tuple[str, ...] = ()
    plural: tuple[str, ...] = ()
    cue: str = ""


@dataclass
class Span:
    """A recognised stretch of tokens [start, end) and what it refers to.

    ``entity`` is a gazetteer id or a slug ("" while a person's name is not yet resolved);
    ``kind`` says how it was recognised (name, alias, metonym, demonym, surname, group, ner,
    capital, place); ``sieve`` names the sieve that made it, then those that revised it,
    joined by ">".
    """
    start: int
    end: int
    entity: str
    kind: str
    type: str
    label: str | None = None  # for entities not in the gazetteer
    #: Character range when the name is part of one token ("U.S." in "U.S.-made").
    chars: tuple[int, int] | None = None
    sieve: str = ""


class Spans:
    """The recognised spans, in insertion order, indexed by token so that "is this token taken?"
    costs the span count at one token, not all spans (resolution runs on every document).
    Group spans are kept but not indexed: they never block a name.

    Parameters
    ----------
    n_tokens : int
        Length of the document in tokens.
    """

    def __init__(self, n_tokens: int) -> None:
        self.items: list[Span] = []
        self.at: list[list[Span]] = [[] for _ in range(n_tokens)]
        #: Name of the sieve now running: a span appended without one is credited to it.
        self.sieve = ""

    def __iter__(self) -> Iterator[Span]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def append(self, span: Span) -> None:
        """Add ``span`` (credited to the running sieve unless it names one already)."""
        if not span.sieve:
            span.sieve = self.sieve
        self.items.append(span)
        if span.kind != "group":
            for i in range(span.start, span.end):
                self.at[i].append(span)

    def extend(self, spans: Iterable[Span]) -> None:
        """Add each of ``spans`` in order."""
        for span in list(spans):
            self.append(span)

    def remove(self, span: Span) -> None:
        """Drop ``span``. Raises ValueError when it is not there."""
        self.items.remove(span)
        if span.kind != "group":
            for i in range(span.start, span.end):
                self.at[i].remove(span)


class ResolutionContext:
    """What the sieves of one document share.

    Parameters
    ----------
    document : Document
        The document (its ``date`` selects office holders, its ``id`` goes into entities).
    parsed : spacy.tokens.Doc
        Its parse: tokens always; sentences, NER and dependencies when the pipeline has them.
    gazetteer : Gazetteer
        Known names, offices and cue words (``kb.gazetteer``).

    Attributes
    ----------
    texts, lowers : list of str
        Each token's normalised text, and lower-cased.
    spans : Spans
        The spans recognised so far.
    offices : dict
        ``official_of`` relations by (person, holder).
    belongs_to : dict
        State of a person, organisation or place as the text states it.
    labels, types : dict
        Label and type of each name the gazetteer lacks, by slug.
    credits : set of int
        Tokens of credit lines and bylines, which name no actor.
    """

    def __init__(self, document: Document, parsed: Doc, gazetteer: Gazetteer) -> None:
        self.document = document
        self.doc = parsed
        self.g = gazetteer
        self.cues: Cues = gazetteer.cues
        strings = parsed.vocab.strings  # the texts through the array: no Token object per word
        self.texts = [normalise(strings[orth]) for orth in parsed.to_array([ORTH]).tolist()]
        self.lowers = [t.lower() for t in self.texts]
        self.spans = Spans(len(parsed))
        #: Token positions of each lower-case word, for the phrase scans.
        self.positions: dict[str, list[int]] = {}
        for i, word in enumerate(self.lowers):
            self.positions.setdefault(word, []).append(i)
        self.offices: dict[tuple[str, str], Relation] = {}
        #: State of a person or organisation as the text states it (their office, their qualifier).
        self.belongs_to: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.credits = _credit_tokens(self)
        self._headings: dict[int, bool] = {}
        #: Whom the first person stands for (the statement_voice sieve reads it).
        self.voice = Voice()

    # ------------------------------------------------------------------ spans
    def revise(self, span: Span) -> None:
        """Record that the running sieve changed ``span`` ("ner" -> "ner>people")."""
        if self.spans.sieve and not span.sieve.endswith(self.spans.sieve):
            span.sieve = f"{span.sieve}>{self.spans.sieve}" if span.sieve else self.spans.sieve

    def covered(self, start: int, end: int) -> bool:
        """Whether a (non-group) span holds any token of [start, end)."""
        return any(self.spans.at[i] for i in range(max(start, 0), min(end, len(self.texts))))

    def span_ending_at(self, end: int) -> Span | None:
        """A span whose last token is ``end - 1``, or None."""
        if not 0 < end <= len(self.texts):
            return None
        return next((s for s in self.spans.at[end - 1] if s.end == end), None)

    def span_starting_at(self, start: int) -> Span | None:
        """The longest: "South Korea's foreign ministry" rather than the state that opens it."""
        if not 0 <= start < len(self.texts):
            return None
        return max((s for s in self.spans.at[start] if s.start == start), key=lambda s: s.end, default=None)

    def spans_within(self, start: int, end: int) -> list[Span]:
        """The (non-group) spans that overlap tokens [start, end), each once."""
        found: list[Span] = []
        for i in range(max(start, 0), min(end, len(self.texts))):
            found.extend(s for s in self.spans.at[i] if not any(s is f for f in found))
        return found

    # ------------------------------------------------------------------ tokens
    def occurrences(self, words: tuple[str, ...]) -> list[int]:
        """Where the lower-case word sequence ``words`` starts (token indices)."""
        n = len(words)
        return [i for i in self.positions.get(words[0], ()) if tuple(self.lowers[i:i + n]) == words] if n else []

    def is_capitalised(self, i: int) -> bool:
        """Whether token ``i`` starts with a capital and has a letter ("U.S." yes, "-" no)."""
        text = self.texts[i]
        return text[:1].isupper() and any(c.isalpha() for c in text)

    def sentence_start(self, i: int) -> int:
        """First token of token ``i``'s sentence (0 without sentence boundaries)."""
        return self.doc[i].sent.start if annotated(self.doc, "SENT_START") else 0

    def name_word(self, i: int) -> bool:
        """A word that may stand in an unknown person's name (after a hyphen it may be lower-case)."""
        after_hyphen = i > 0 and self.texts[i - 1] == "-"
        return ((self.is_capitalised(i) or (after_hyphen and self.texts[i].isalpha())) and not self.doc[i].is_stop
                and self.lowers[i] not in self.cues.title_words and self.lowers[i] not in self.cues.honorifics
                and self.lowers[i] not in self.cues.ner_stoplist and i not in self.credits
                and not self.covered(i, i + 1) and self.texts[i].replace(".", "").isalpha())

    def name_particle(self, i: int) -> bool:
        """A lower-case particle inside a person's name, with a name word after it: "al" in
        "Khalil al Hayya", "bin" in "Mohammed bin Salman", "von der" in "Ursula von der Leyen"
        (actor_cues.yaml ``name_particles``)."""
        j = i
        while j < len(self.texts) and (self.lowers[j] in self.cues.name_particles or self.texts[j] == "-"):
            j += 1
        return j > i and self.lowers[i] in self.cues.name_particles and j < len(self.texts) \
            and self.is_capitalised(j) and self.lowers[j] not in self.cues.title_words

    def in_heading(self, i: int) -> bool:
        """Whether token ``i`` stands on a heading line: a line of four to 30 words that ends
        no sentence, most of them capitalised ("UN Chief Calls For Urgent De-Escalation") or
        all in capitals; a heading's capitals say nothing about which words are names."""
        text = self.document.text
        idx = self.doc[i].idx
        start = text.rfind("\n", 0, idx) + 1
        if start not in self._headings:
            end = text.find("\n", idx)
            line = text[start:end if end >= 0 else len(text)].strip()
            words = [w for w in line.split() if w[:1].isalpha()]
            upper = sum(1 for w in words if w[:1].isupper())
            self._headings[start] = (4 <= len(words) <= HEADING_WORDS and not line.endswith(SENTENCE_ENDS)
                                     and (upper >= 0.7 * len(words) or all(w.isupper() for w in words)))
        return self._headings[start]

    def name_word_text(self, i: int) -> bool:
        """A capitalised word that is no title, honorific or function word (a name's word,
        whatever span holds it)."""
        return (self.is_capitalised(i) and not self.doc[i].is_stop and self.texts[i].replace(".", "").isalpha()
                and self.lowers[i] not in self.cues.title_words and self.lowers[i] not in self.cues.honorifics)

    # ------------------------------------------------------------------ entities
    def entry_type(self, entity: str) -> str:
        """Type of a gazetteer entry or of a name met here; "Other" when unknown."""
        entry = self.g.entries.get(entity)
        return entry.type if entry else self.types.get(entity, "Other")

    def state_of(self, entity: str) -> str | None:
        """The state an actor belongs to (itself for a state)."""
        if self.entry_type(entity) == "Country":
            return entity
        entry = self.g.entries.get(entity)
        return self.belongs_to.get(entity) or (entry.country if entry else None)

    def new_entity(self, label: str, type_: str) -> str:
        """Id of a name the gazetteer lacks (its slug), remembered with its label and type."""
        eid = slugify(label)
        if eid in self.g.entries:
            return eid
        self.labels.setdefault(eid, label)
        self.types.setdefault(eid, type_)
        return eid


def _credit_tokens(ctx: ResolutionContext) -> set[int]:
    """Tokens of credit lines ("Reporting by Jane Doe; Editing by ..."), up to the line's end,
    and of bylines ("By Jane Doe and John Roe" on a line of its own)."""
    blocked: set[int] = set()
    firsts = {marker[0] for marker in ctx.cues.credit_markers}
    for i, word in enumerate(ctx.lowers):
        if word in firsts:
            marker = next((m for m in ctx.cues.credit_markers if tuple(ctx.lowers[i:i + len(m)]) == m), None)
            if marker:
                blocked.update(_to_line_end(ctx, i + len(marker)))
        elif word in ctx.cues.byline_markers and _line_start(ctx, i):
            rest = _to_line_end(ctx, i + 1)
            if rest and len(rest) <= 16 and all(_byline_word(ctx, j) for j in rest):
                blocked.update(rest)
    return blocked


def _line_start(ctx: ResolutionContext, i: int) -> bool:
    """Whether token ``i`` opens a line."""
    return i == 0 or "\n" in ctx.doc[i - 1].text or "\n" in ctx.doc[i - 1].whitespace_


def _to_line_end(ctx: ResolutionContext, j: int) -> list[int]:
    """Tokens from ``j`` to the end of its line or bracket."""
    tokens = []
    while j < len(ctx.texts) and ctx.texts[j] not in (")", "]") and "\n" not in ctx.doc[j].text \
            and not _line_start(ctx, j):
        tokens.append(j)
        j += 1
    return tokens


def _byline_word(ctx: ResolutionContext, i: int) -> bool:
    """A word a byline is made of: names, "and", "in" + place, punctuation."""
    text = ctx.texts[i]
    return ctx.is_capitalised(i) or not any(c.isalpha() for c in text) or text in ("and", "in", "of")



def build_resolution(ctx: ResolutionContext) -> Resolution:
    """The entities, mentions and offices the spans of ``ctx`` make, once every sieve has run.

    Spans without an entity (a name no sieve resolved) are dropped; each mention keeps the
    sieve trail of its span (``Mention.sieve``), which is logged at INFO (``kgraph -v``).
    """
    doc_id = ctx.document.id
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    for span in sorted(ctx.spans, key=lambda s: (s.start, s.end, s.entity)):
        if not span.entity:
            continue
        entity = entities.get(span.entity) or entities.setdefault(span.entity, _entity(ctx, span.entity))
        first, last = ctx.doc[span.start], ctx.doc[span.end - 1]
        start, end = span.chars or (first.idx, last.idx + len(last.text))
        surface = ctx.document.text[start:end]
        mentions.append(Mention(doc_id, start, end, surface, span.entity, span.kind, sieve=span.sieve))
        if log.isEnabledFor(logging.INFO):
            log.info("%s %d-%d %r -> %s (%s, sieve %s)", doc_id, start, end, surface, span.entity, span.kind,
                     span.sieve)
        if span.kind not in ("group", "place"):
            entity.add_alias(normalise(surface))
    for entity in entities.values():
        entity.country = ctx.belongs_to.get(entity.id) or entity.country
    # A title the text states makes the office's state a node even when the text does not
    # name it ("Prime Minister Abe" in 2016: Japan).
    offices = [r for r in ctx.offices.values() if r.source in entities]
    for relation in offices:
        if relation.target not in entities:
            entities[relation.target] = _entity(ctx, relation.target)
    return Resolution(sorted(entities.values(), key=lambda e: e.id), mentions, offices)


def _entity(ctx: ResolutionContext, eid: str) -> Entity:
    entry = ctx.g.entries.get(eid)
    if entry:
        return Entity(entry.id, entry.label, entry.type, list(entry.aliases), entry.wikidata,
                      [ctx.document.id], entry.country)
    return Entity(eid, ctx.labels[eid], ctx.types[eid], [], None, [ctx.document.id])
