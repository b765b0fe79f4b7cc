"""Argument places of acts told through the forces that do them (issue 13).

More places of the registry of ``kgraph.extract.places`` (registered with its ``@place``
decorator when ``kgraph.extract.lexicon`` loads). Conflict reports and statements name the
units, not the state: "Chinese coast guard personnel boarded two Philippine boats", "units of
the armed forces of X attacked Y border posts", "fighters of the M23 pushed into the outskirts
of Goma". The actor of such a phrase is the one its force noun belongs to (its modifiers, or the
end of its chain of "of" phrases); what they boarded or rammed belongs to the one its modifiers
or its "of" phrase name. The force and vessel words are data: ``forces`` and ``vessels`` among
relations.yaml's objects.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..syntax import objects, prepositional_objects, subjects, with_conjuncts, word_in
from .places import ACTOR_ROLES, place

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from .arguments import ArgumentReader
    from .lexicon import Trigger

#: How deep a chain of "of" phrases is followed ("units of the armed forces of the Republic of X").
OF_CHAIN_DEPTH = 3


def force_owner(reader: ArgumentReader, noun: Token, depth: int = OF_CHAIN_DEPTH) -> list[str]:
    """The actors a force or vessel phrase belongs to: those its own phrase names ("Chinese coast
    guard personnel", "Russia's troops"), else those at the end of its "of" chain ("units of the
    armed forces of Tajikistan", "the boats of the Ukrainian navy").

    Parameters
    ----------
    reader : ArgumentReader
    noun : spacy.tokens.Token
        The head of the phrase ("units", "boats").
    depth : int
        How many "of" phrases may still be followed.

    Returns
    -------
    list of str
        Entity ids in order of mention; empty when the phrase names none.
    """
    found = reader.actors.of_phrase(noun) or reader.actors.in_modifiers(noun)
    if found or depth <= 0:
        return found
    for inner in prepositional_objects(noun, "of"):
        for token in with_conjuncts([inner]):
            found.extend(e for e in force_owner(reader, token, depth - 1) if e not in found)
    return found


def _force_subject_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                          goods: tuple[Token, ...]) -> tuple[list[str], str]:
    forces = [t for t in force_subject_tokens(reader, trigger, entry)]
    found: list[str] = []
    for token in forces:
        found.extend(e for e in force_owner(reader, token) if e not in found)
    return found, entry.pos


@place("force_subj", roles=("source",), actors=_force_subject_actors, before_trigger=True)
def force_subject_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(hostile acts) The subject of a verb trigger when its head is a force word (``forces`` among
    relations.yaml's objects: "personnel", "units", "fighters", "troops"), with its conjuncts; its
    actor is the one the force belongs to ("Chinese coast guard personnel boarded ...": China;
    "units of the armed forces of X attacked ...": X; "fighters of the M23 pushed into ...": M23)."""
    if entry.pos != "verb":
        return []
    vocabulary = reader.lexicon.objects.get("forces", frozenset())
    return [t for t in with_conjuncts(subjects(trigger)) if word_in(t, vocabulary)]


def _vessel_owner_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                         goods: tuple[Token, ...]) -> tuple[list[str], str]:
    found: list[str] = []
    for token in vessel_object_tokens(reader, trigger, entry):
        found.extend(e for e in force_owner(reader, token) if e not in found)
    return found, entry.pos


@place("vessel_owner", roles=ACTOR_ROLES, actors=_vessel_owner_actors)
def vessel_object_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(hostile acts) The direct object of a verb trigger when its head is a vessel or post word
    (``vessels`` among relations.yaml's objects: "boats", "ships", "border posts"), even when the
    entry reads it as its object; its actor is the owner the phrase names ("boarded two Philippine
    navy boats": the Philippines; "rammed the vessels of the Vietnamese coast guard": Vietnam)."""
    if entry.pos != "verb":
        return []
    vocabulary = reader.lexicon.objects.get("vessels", frozenset())
    return [t for t in with_conjuncts(objects(trigger)) if word_in(t, vocabulary)]
