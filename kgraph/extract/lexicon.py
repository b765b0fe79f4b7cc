"""The extraction lexicon: trigger words with their argument places, object classes,
modality cues and time words, read from YAML files in ``ontologies/``.

Knowledge is data: a user adds a trigger verb or a cue word to the YAML files,
not to the code. The Lexicon is frozen and made of tuples/dicts so it pickles
for parallel builds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

RELATIONS_FILE = "relations.yaml"
MODALITY_FILE = "modality.yaml"
TIME_FILE = "time.yaml"
#: The pseudo-type whose relation type follows from the class of the object moved.
TRANSFER = "transfer"
#: Object class -> relation type of a transfer.
TRANSFER_TYPES = {"materiel": "arms_transfer", "technology": "technology_transfer"}


@dataclass(frozen=True)
class Trigger:
    """One trigger entry: lemmas of one part of speech and where its arguments are."""
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
    #: The trigger counts only as the complement of one of these verbs ("vowed to [punish] X").
    under: frozenset[str] = frozenset()
    #: Head words that are no argument of the trigger ("host a German [brigade]").
    not_args: frozenset[str] = frozenset()

    @property
    def symmetric(self) -> bool:
        return bool(self.participants)


@dataclass(frozen=True)
class Lexicon:
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
    #: modality -> {cue kind -> frozenset of lemmas}
    modality: dict = field(default_factory=dict)
    #: time words: seasons, parts of a period, relative words
    time: dict = field(default_factory=dict)

    def triggers_for(self, lemma: str, pos: str) -> list[Trigger]:
        return [t for t in self.triggers if t.pos == pos and lemma in t.lemmas]

    @cached_property
    def trigger_lemmas(self) -> frozenset[str]:
        return frozenset(lemma for t in self.triggers for lemma in t.lemmas)


def _words(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


def _trigger(entry: dict) -> Trigger:
    return Trigger(
        type=entry["type"], pos=entry["pos"], lemmas=_words(entry["lemmas"]),
        source=tuple(entry.get("source", ())), target=tuple(entry.get("target", ())),
        participants=tuple(entry.get("participants", ())), object=tuple(entry.get("object", ())),
        object_class=entry.get("object_class"), default_class=entry.get("default_class"),
        unknown_object=bool(entry.get("unknown_object", False)), requires=_words(entry.get("requires")),
        excludes=_words(entry.get("excludes")), bare_ok=_words(entry.get("bare_ok")),
        window=bool(entry.get("window", True)), also=entry.get("also"), under=_words(entry.get("under")),
        not_args=_words(entry.get("not_args")))


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.exists() else {}


def load_lexicon(directory: Path) -> Lexicon:
    """Read relations.yaml, modality.yaml and time.yaml from ``directory`` (missing files: empty)."""
    directory = Path(directory)
    relations = _read(directory / RELATIONS_FILE)
    modality = _read(directory / MODALITY_FILE)
    return Lexicon(
        triggers=tuple(_trigger(e) for e in relations.get("triggers", ())),
        codes={t: dict(v or {}) for t, v in (relations.get("types") or {}).items()},
        objects={k: _words(v) for k, v in (relations.get("objects") or {}).items()},
        support_verbs=_words(relations.get("support_verbs")),
        frame_prepositions=_words(relations.get("frame_prepositions")),
        threat_verbs=_words((relations.get("threats") or {}).get("verbs")),
        threatened_types=_words((relations.get("threats") or {}).get("types")),
        commitment_verbs=_words((relations.get("threats") or {}).get("commitments")),
        modality={m: {kind: _words(words) for kind, words in (cues or {}).items()}
                  for m, cues in modality.items()},
        time=_read(directory / TIME_FILE),
    )
