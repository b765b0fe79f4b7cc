"""Argument places of signatures whose counterpart sits deep in the object (issue 13).

More places of the registry of ``kgraph.extract.places`` (registered with its ``@place``
decorator when ``kgraph.extract.lexicon`` loads): "X signed a memorandum of understanding with
Y", where the parser hangs the "with" phrase on the last noun of the object's chain of "of"
phrases ("understanding"), not on the verb or on "memorandum".
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..syntax import objects, prepositional_objects
from .places import ACTOR_ROLES, place

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from .arguments import ArgumentReader
    from .lexicon import Trigger

#: How many "of" phrases the chain may run ("a memorandum of understanding on the terms of ...").
CHAIN_DEPTH = 3


@place("obj_nested_with", roles=ACTOR_ROLES)
def nested_with_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(signatures) The "with" phrase at the end of a verb's object's chain of "of" phrases: "signed a
    memorandum of understanding [with] Y", "concluded a protocol of cooperation [with] Y"; the first
    link of the chain that has one."""
    if entry.pos != "verb":
        return []
    chain = [t for o in objects(trigger) for t in prepositional_objects(o, "of")]
    for _ in range(CHAIN_DEPTH):
        if not chain:
            break
        found = [t for noun in chain for t in prepositional_objects(noun, "with")]
        if found:
            return found
        chain = [t for noun in chain for t in prepositional_objects(noun, "of")]
    return []


#: The participle of a "-led" modifier ("Kenya-led", "a Brazilian-led mission").
LED_FORMS = frozenset({"led", "lead", "headed", "head"})


def _leader_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                   goods: tuple[Token, ...]) -> tuple[list[str], str]:
    found: list[str] = []
    for participle in trigger.children:
        if participle.dep_ in ("amod", "compound", "acl") and (
                participle.lower_ in LED_FORMS or participle.lemma_.lower() in LED_FORMS):
            for token in participle.subtree:
                if token is not participle and token.i < trigger.i:
                    found.extend(e for e in reader.actors.at(token) if e not in found)
    return found, entry.pos


@place("led_mod", roles=ACTOR_ROLES, reads="actors", before_trigger=True)
def leader_modifier_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                           goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """(missions) The actor named in a noun trigger's "-led" modifier ("a Kenya-led security mission",
    "the Brazilian-led peacekeeping mission"); not the mission's own name ("the Multinational
    Security Support (MSS) mission" names no party)."""
    if entry.pos != "noun":
        return [], entry.pos
    return _leader_actors(reader, trigger, entry, goods)
