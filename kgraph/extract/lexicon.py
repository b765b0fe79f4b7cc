"""The extraction lexicon: trigger words with their argument places, object classes,
modality cues and time words, read from YAML files in ``ontologies/``.

Knowledge is data: a user adds a trigger verb or a cue word to the YAML files,
not to the code. The files are validated when they load (``kgraph.ontology``: an
unknown key, argument place or relation type raises ``KnowledgeError`` naming file
and line), then built once into frozen records (``Trigger``, ``ModalityCues``,
``TimeWords``, ``Lexicon``) made of tuples, frozensets and dicts, which pickle for
parallel builds.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from yaml.nodes import MappingNode, Node

from ..errors import KnowledgeError, UnknownPlace
from ..model import MODALITIES, RELATION_TYPES
from ..ontology import WORDS, Boolean, Context, Integer, Map, Schema, Seq, Tuple, Word, load_yaml
from . import places_deals  # noqa: F401  (registers the places of deals and signatures)
from . import places_events  # noqa: F401  (registers the places of meetings, visits and requests)
from . import places_forces  # noqa: F401  (registers the places of acts told through forces)
from . import places_hostile  # noqa: F401  (registers the argument places of hostile relations)
from . import places_parties  # noqa: F401  (registers the places of counterparts deep in an object)
from .places import ROLES, WHEN_PLACES, is_when_place, resolve_place

RELATIONS_FILE = "relations.yaml"
MODALITY_FILE = "modality.yaml"
TIME_FILE = "time.yaml"
#: The hand-written supplement (treasury wording, statement-prose meetings, buyer-side orders).
SUPPLEMENT_FILE = "triggers_supplement.yaml"
#: Trigger entries generated from PETRARCH2's CAMEO dictionary by scripts/build_cameo_lexicon.py.
CAMEO_FILE = "cameo_triggers.yaml"
#: Trigger files in the order their entries are tried at a token: the supplement's narrow
#: entries (each asks for words around the verb) first, relations.yaml's, then CAMEO's.
TRIGGER_FILES = (SUPPLEMENT_FILE, RELATIONS_FILE, CAMEO_FILE)
LEXICON_FILES = (RELATIONS_FILE, MODALITY_FILE, TIME_FILE, SUPPLEMENT_FILE, CAMEO_FILE)
#: The pseudo-type whose relation type follows from the class of the object moved.
TRANSFER = "transfer"
#: Object class -> relation type of a transfer.
TRANSFER_TYPES = {"materiel": "arms_transfer", "technology": "technology_transfer"}
#: Parts of speech a trigger entry may have.
TRIGGER_POS = ("verb", "noun")
#: The kinds of modality cue (keys under each modality of modality.yaml).
CUE_KINDS = ("heads", "modifiers", "auxiliaries", "marks", "infinitive_heads", "noncommittal", "rebutted_nouns")


def _place(role: str) -> Schema:
    """A place name that the registry knows and allows in ``role``."""
    def check(node: Node, at: Context, where: str) -> None:
        Word()(node, at, where)
        try:
            resolve_place(node.value, role)
        except UnknownPlace as error:
            raise at.error(node, f"{error.what} in {where} ({error.hint})") from None
    return check


def _object_class(node: Node, at: Context, where: str) -> None:
    """A key of the ``objects`` of the same file."""
    Word()(node, at, where)
    objects = at.top("objects")
    known = [k.value for k, _ in objects.value] if isinstance(objects, MappingNode) else []
    if node.value not in known:
        raise at.error(node, f"unknown object class {node.value!r} in {where} (known: {', '.join(known)})")


RELATION_TYPE = Word(choices=RELATION_TYPES, what="relation type")
TRIGGER_TYPE = Word(choices=(TRANSFER,) + RELATION_TYPES, what="relation type")
MONTH_RANGE = Tuple((Integer(1, 12), Integer(1, 12)), what="first and last month")

#: Where a ``when`` condition looks around a verb trigger (``kgraph.extract.places.WHEN_PLACES``).
def _when_place(node: Node, at: Context, where: str) -> None:
    Word()(node, at, where)
    if not is_when_place(node.value):
        raise at.error(node, f"unknown 'when' place {node.value!r} in {where} "
                             f"(known: {', '.join(WHEN_PLACES)}, prep:WORD)")


_TRIGGER_FIELDS = {
    "type": TRIGGER_TYPE, "pos": Word(choices=TRIGGER_POS, what="part of speech"), "lemmas": WORDS,
    **{role: Seq(_place(role)) for role in ROLES},
    "object_class": _object_class, "default_class": _object_class, "unknown_object": Boolean(),
    "requires": WORDS, "excludes": WORDS, "bare_ok": WORDS, "window": Boolean(), "also": RELATION_TYPE,
    "under": WORDS, "not_args": WORDS, "counterparts": Seq(_place("participants")),
    "planned_under": WORDS, "not_under": WORDS, "name": Word(pattern=r"[a-z][a-z0-9-]*", what="pattern name"),
    "mutual": Boolean()}
TRIGGER = Map(name="trigger", label="type", required=("type", "pos", "lemmas"), fields=_TRIGGER_FIELDS)
#: An entry of the supplement or the generated CAMEO file: relations.yaml's fields, its own
#: CAMEO code, the words it needs around the verb (``when``), in the sentence (``context``),
#: and where it comes from in CAMEO.2.0.txt.
EXTRA_TRIGGER = Map(name="trigger", label="type", required=("type", "pos", "lemmas"), fields={
    **_TRIGGER_FIELDS, "object_class": Word(), "default_class": Word(),  # checked against relations.yaml on load
    "cameo": Word(pattern=r"\d{2,4}", what="CAMEO code"),
    "when": Map(name="when", keys=_when_place, values=WORDS), "context": WORDS,
    "cameo_block": Word(), "cameo_pattern": Word(), "lines": Seq(Integer(1, 10**6)),
    "hypothetical_as": Word(choices=MODALITIES, what="modality"),
    "asserted_as": Word(choices=MODALITIES, what="modality")})
EXTRA_TRIGGERS = Map(name="trigger file", fields={"source": Word(), "triggers": Seq(EXTRA_TRIGGER)})

RELATIONS = Map(name="relations.yaml", fields={
    "support_verbs": WORDS, "frame_prepositions": WORDS,
    "threats": Map(name="threats", fields={"verbs": WORDS, "commitments": WORDS, "types": Seq(TRIGGER_TYPE)}),
    "types": Map(name="types", keys=RELATION_TYPE, values=Map(name="event codes", fields={
        "cameo": Word(pattern=r"\d{2,4}", what="CAMEO code"), "plover": Word(pattern=r"[A-Z_]+", what="PLOVER type")})),
    "objects": Map(name="objects", values=WORDS),
    "triggers": Seq(TRIGGER)})

MODALITY = Map(name="modality.yaml", keys=Word(choices=MODALITIES, what="modality"), values=Map(
    name="modality cues", fields={kind: WORDS for kind in CUE_KINDS}))

TIME = Map(name="time.yaml", fields={
    "seasons": Map(name="seasons", values=MONTH_RANGE), "parts_of_year": Map(name="parts_of_year", values=MONTH_RANGE),
    "bare_parts": WORDS, "shifts": Map(name="shifts", values=Integer(-10, 10)), "vague": WORDS})

#: File name -> schema of the lexicon's files (see ``kgraph.ontology``).
SCHEMAS: dict[str, Schema] = {RELATIONS_FILE: RELATIONS, MODALITY_FILE: MODALITY, TIME_FILE: TIME,
                              SUPPLEMENT_FILE: EXTRA_TRIGGERS, CAMEO_FILE: EXTRA_TRIGGERS}


@dataclass(frozen=True)
class Trigger:
    """One trigger entry of relations.yaml: lemmas of one part of speech and where its arguments are.

    ``source``, ``target``, ``participants`` and ``object`` are argument place names
    (``kgraph.extract.places``), tried in order; the names were checked against the
    place registry when the lexicon loaded.
    """
    type: str
    pos: str
    lemmas: frozenset[str]
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    object_class: str | None = None
    default_class: str | None = None
    unknown_object: bool = False
    requires: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()
    bare_ok: frozenset[str] = frozenset()
    #: Read also by the parser-less window fallback.
    window: bool = True
    #: A symmetric type the event implies among its parties ("hosted X": a meeting).
    also: str | None = None
    #: Each side acts on the other: a relation is read in both directions ("X's fight against Y",
    #: "the war between X and Y", "X and Y have been fighting").
    mutual: bool = False
    #: The trigger counts only as the complement of one of these verbs ("vowed to [punish] X").
    under: frozenset[str] = frozenset()
    #: Head words that are no argument of the trigger ("host a German [brigade]").
    not_args: frozenset[str] = frozenset()
    #: Participant places whose actors, when several, are each the counterpart of the other
    #: participants, not of one another ("X has ties with both A and B": X-A, X-B; not A-B).
    counterparts: tuple[str, ...] = ()
    #: Verbs that make an event noun in their object a plan when the clause asserts it ("the State
    #: Department approved arms sales to X": the sale is planned, not made).
    planned_under: frozenset[str] = frozenset()
    #: Verbs and nouns of asking under which a noun trigger is not read: "called for a ceasefire
    #: between A and B" tells no agreement yet.
    not_under: frozenset[str] = frozenset()
    #: The entry's own CAMEO code (the supplement's and CAMEO's entries); None: the type's code.
    cameo: str | None = None
    #: Words the entry needs around a verb trigger: (place, words) pairs, all of which must hold
    #: (``kgraph.extract.places.WHEN_PLACES``; no words: any word there).
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Words or phrases of which one must be in the sentence ("designated", in its sanctions sense).
    context: frozenset[str] = frozenset()
    #: Where the entry comes from, recorded on every relation read with it
    #: ("relations.yaml:request", "cameo_triggers.yaml:ACCUSE * (OF +) line 7516").
    origin: str = ""
    #: The modality a hypothetical reading at the trigger stands for with this entry ("approved a
    #: possible sale": planned); None: as read.
    hypothetical_as: str | None = None
    #: The modality the event has by its nature when the clause asserts it ("opened X to US
    #: sanctions": sanctions X now risks, hypothetical); None: as read.
    asserted_as: str | None = None

    @cached_property
    def when_words(self) -> tuple[tuple[frozenset[str], tuple[frozenset[str], ...]], ...]:
        """What each ``when`` condition with words needs in the trigger's sentence, at the least:
        one of its one-word words (the first set), or every word of one of its phrases (the
        sets after it). A sentence without them cannot hold the condition, wherever its place
        looks (a place never leaves the trigger's sentence), so readers test this first."""
        return tuple((frozenset(w for w in words if " " not in w),
                      tuple(frozenset(w.split()) for w in words if " " in w))
                     for _, words in self.when if words)

    @cached_property
    def phrases_by_word(self) -> dict[str, tuple[str, ...]]:
        """Each word of the multi-word lemmas ("ask for", "hit back") -> the lemmas it is in."""
        found: dict[str, list[str]] = {}
        for lemma in sorted(self.lemmas):
            if " " in lemma:
                for word in dict.fromkeys(lemma.split()):
                    found.setdefault(word, []).append(lemma)
        return {word: tuple(lemmas) for word, lemmas in found.items()}

    @property
    def symmetric(self) -> bool:
        """Whether the entry names participants (a symmetric event) rather than a source and target."""
        return bool(self.participants)


@dataclass(frozen=True)
class ModalityCues:
    """The cue words of one modality (modality.yaml), lower-case lemmas or words.

    Attributes
    ----------
    heads : frozenset of str
        Words above the trigger that colour the clause below them ("denied", "plans").
    modifiers : frozenset of str
        Adverbs, adjectives and determiners on a clause or noun ("reportedly", "possible").
    auxiliaries : frozenset of str
        Auxiliaries of the verb ("would", "will").
    marks : frozenset of str
        Subordinators of a clause ("if", "unless").
    infinitive_heads : frozenset of str
        Words before an infinitive ("is set to", "has yet to").
    noncommittal : frozenset of str
        Two verbs of which one coordinated with the other commits to nothing ("would not confirm
        or deny that X": X is unconfirmed, and the "not" above does not negate it).
    rebutted_nouns : frozenset of str
        Nouns a denial takes as its object when it answers the clause before it ("X accused Y of
        Z, a charge Y denies"): the denial disputes what the clause says, the clause stays the writer's.
    """
    heads: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    marks: frozenset[str] = frozenset()
    infinitive_heads: frozenset[str] = frozenset()
    noncommittal: frozenset[str] = frozenset()
    rebutted_nouns: frozenset[str] = frozenset()

    def words(self) -> frozenset[str]:
        """Every cue word of the modality that marks it (``noncommittal`` pairs undo marks: not among them)."""
        return self.heads | self.modifiers | self.auxiliaries | self.marks | self.infinitive_heads


@dataclass(frozen=True)
class TimeWords:
    """The time words of time.yaml, read against the document date.

    Attributes
    ----------
    seasons : Mapping[str, tuple[int, int]]
        Season word -> (first month, last month), 1-12; a winter runs over the new year (12, 2).
    parts_of_year : Mapping[str, tuple[int, int]]
        Part word ("early", "end", "first half") -> (first month, last month).
    bare_parts : frozenset of str
        Parts said straight before the year or month ("early 2024", "mid-2023"); the others are
        said "the end of 2023".
    shifts : Mapping[str, int]
        Relative word -> years (or months, weeks) it moves a period ("last": -1), in file order.
    vague : frozenset of str
        Words and phrases that carry no date ("recently").
    """
    seasons: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    parts_of_year: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    bare_parts: frozenset[str] = frozenset()
    shifts: Mapping[str, int] = field(default_factory=dict)
    vague: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """Everything extraction knows about words: triggers, event codes, object classes, cues, time words."""
    triggers: tuple[Trigger, ...] = ()
    #: relation type -> {"cameo": ..., "plover": ...}
    codes: dict = field(default_factory=dict)
    #: object class -> lemmas (technology, materiel, civil, projectile, ...)
    objects: dict = field(default_factory=dict)
    support_verbs: frozenset[str] = frozenset()
    frame_prepositions: frozenset[str] = frozenset()
    #: Verbs under which an action by their subject is a threat ("threatened to strike X").
    threat_verbs: frozenset[str] = frozenset()
    threatened_types: frozenset[str] = frozenset()
    #: Threat verbs whose unnamed speaker speaks for the one who would act ("vowed that ...").
    commitment_verbs: frozenset[str] = frozenset()
    #: modality -> its cue words
    modality: Mapping[str, ModalityCues] = field(default_factory=dict)
    #: time words: seasons, parts of a year, relative words
    time: TimeWords = field(default_factory=TimeWords)

    def triggers_for(self, lemma: str, pos: str) -> list[Trigger]:
        """The entries with ``lemma`` among their lemmas and part of speech ``pos`` ("verb", "noun"), in file order
        (``TRIGGER_FILES``); a multi-word lemma ("ask for") is listed under each of its words."""
        return self._index.get((lemma, pos), [])

    @cached_property
    def _index(self) -> dict[tuple[str, str], list[Trigger]]:
        """(word, pos) -> entries. A bare CAMEO verb (no ``when`` words) is not listed under a word a
        hand-written entry of its type reads: the hand-written frame decides there ("host a US
        brigade" is no visit), CAMEO's bare entry would overrule its refusals."""
        hand = {(lemma, t.pos, t.type) for t in self.triggers if not t.origin.startswith(CAMEO_FILE)
                for lemma in t.lemmas}
        index: dict[tuple[str, str], list[Trigger]] = {}
        for trigger in self.triggers:
            bare = trigger.origin.startswith(CAMEO_FILE) and not trigger.when
            for word in sorted({w for lemma in trigger.lemmas for w in lemma.split()}):
                if bare and (word, trigger.pos, trigger.type) in hand:
                    continue
                index.setdefault((word, trigger.pos), []).append(trigger)
        return index

    def cues(self, modality: str) -> ModalityCues:
        """The cue words of one modality (``kgraph.model.MODALITIES``); none for a modality without cues."""
        return self.modality.get(modality) or _NO_CUES

    @cached_property
    def trigger_lemmas(self) -> frozenset[str]:
        """The event words: every lemma of the hand-written entries (relations.yaml, the supplement)
        and every noun lemma; "the base" is no event, though CAMEO lists "base" as a verb."""
        return frozenset(lemma for t in self.triggers if t.pos == "noun" or not t.origin.startswith(CAMEO_FILE)
                         for lemma in t.lemmas)

    @cached_property
    def lemmas_by_type(self) -> dict[str, frozenset[str]]:
        """Relation type -> the lemmas of every entry of that type."""
        found: dict[str, set[str]] = {}
        for trigger in self.triggers:
            found.setdefault(trigger.type, set()).update(trigger.lemmas)
        return {kind: frozenset(lemmas) for kind, lemmas in found.items()}

    @cached_property
    def trigger_words(self) -> frozenset[str]:
        """Every word a trigger token may have as lemma or lower-case form (the words of multi-word lemmas)."""
        return frozenset(word for word, _ in self._index)


_NO_CUES = ModalityCues()


def _words(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


def _origin(file: str, entry: dict) -> str:
    if "cameo_block" in entry:
        lines = ",".join(str(n) for n in entry.get("lines", ()))
        return f"{file}:{entry['cameo_block']} {entry.get('cameo_pattern', '*')} line {lines}"
    name = f":{entry['name']}" if entry.get("name") else ""  # "triggers_supplement.yaml:transfer/verb:goods-arrived"
    return f"{file}:{entry['type']}/{entry['pos']}{name}"


def _trigger(entry: dict, file: str = RELATIONS_FILE) -> Trigger:
    return Trigger(
        type=entry["type"], pos=entry["pos"], lemmas=_words(entry["lemmas"]),
        source=tuple(entry.get("source", ())), target=tuple(entry.get("target", ())),
        participants=tuple(entry.get("participants", ())), object=tuple(entry.get("object", ())),
        object_class=entry.get("object_class"), default_class=entry.get("default_class"),
        unknown_object=bool(entry.get("unknown_object", False)), requires=_words(entry.get("requires")),
        excludes=_words(entry.get("excludes")), bare_ok=_words(entry.get("bare_ok")),
        window=bool(entry.get("window", True)), also=entry.get("also"), under=_words(entry.get("under")),
        not_args=_words(entry.get("not_args")),
        counterparts=tuple(str(p) for p in entry.get("counterparts") or ()),
        planned_under=_words(entry.get("planned_under")),
        not_under=_words(entry.get("not_under")), mutual=bool(entry.get("mutual", False)),
        cameo=str(entry["cameo"]) if entry.get("cameo") is not None else None,
        when=tuple((str(place), tuple(str(w).lower() for w in words or ()))
                   for place, words in sorted((entry.get("when") or {}).items())),
        context=_words(entry.get("context")), origin=_origin(file, entry),
        hypothetical_as=entry.get("hypothetical_as"), asserted_as=entry.get("asserted_as"))


def _cues(cues: dict | None) -> ModalityCues:
    return ModalityCues(**{kind: _words(words) for kind, words in (cues or {}).items()})


def _months(table: dict | None) -> dict[str, tuple[int, int]]:
    return {str(word): (int(first), int(last)) for word, (first, last) in (table or {}).items()}


def _time_words(data: dict) -> TimeWords:
    return TimeWords(seasons=_months(data.get("seasons")), parts_of_year=_months(data.get("parts_of_year")),
                     bare_parts=_words(data.get("bare_parts")),
                     shifts={str(word): int(shift) for word, shift in (data.get("shifts") or {}).items()},
                     vague=_words(data.get("vague")))


def load_lexicon(directory: Path) -> Lexicon:
    """Read relations.yaml, modality.yaml, time.yaml and the trigger files triggers_supplement.yaml and
    cameo_triggers.yaml from ``directory`` (each must be there).

    The trigger entries of the three trigger files are tried in the order of ``TRIGGER_FILES``.

    Parameters
    ----------
    directory : path-like
        An ontologies folder.

    Returns
    -------
    Lexicon

    Raises
    ------
    kgraph.errors.KnowledgeError
        A file does not follow its format: an unknown key, argument place, ``when`` place,
        relation type or object class, a value of the wrong kind; the message names the file
        and the line (the entry, for an object class of the supplement or CAMEO file).
    """
    directory = Path(directory)
    files = {name: load_yaml(directory / name, SCHEMAS[name]) for name in LEXICON_FILES}
    relations, modality = files[RELATIONS_FILE], files[MODALITY_FILE]
    classes = set(relations.get("objects") or ())
    for name in (SUPPLEMENT_FILE, CAMEO_FILE):
        for entry in files[name].get("triggers", ()):
            for key in ("object_class", "default_class"):
                if entry.get(key) is not None and entry[key] not in classes:
                    raise KnowledgeError(f"{name}: unknown object class {entry[key]!r} in trigger "
                                         f"{_origin(name, entry)} (known: {', '.join(sorted(classes))})")
    return Lexicon(
        triggers=tuple(_trigger(e, name) for name in TRIGGER_FILES for e in files[name].get("triggers", ())),
        codes={t: dict(v or {}) for t, v in (relations.get("types") or {}).items()},
        objects={k: _words(v) for k, v in (relations.get("objects") or {}).items()},
        support_verbs=_words(relations.get("support_verbs")),
        frame_prepositions=_words(relations.get("frame_prepositions")),
        threat_verbs=_words((relations.get("threats") or {}).get("verbs")),
        threatened_types=_words((relations.get("threats") or {}).get("types")),
        commitment_verbs=_words((relations.get("threats") or {}).get("commitments")),
        modality={m: _cues(cues) for m, cues in modality.items()},
        time=_time_words(files[TIME_FILE]),
    )


__all__ = ["CAMEO_FILE", "CUE_KINDS", "LEXICON_FILES", "SUPPLEMENT_FILE", "TRIGGER_FILES", "SCHEMAS", "TRANSFER", "TRANSFER_TYPES", "Lexicon", "ModalityCues",
           "TimeWords", "Trigger", "load_lexicon"]
