"""Argument places of cooperative relations (deals, signatures, deliveries), registered in the
place registry of ``kgraph.extract.places`` when this module is imported (``kgraph.extract.lexicon``
imports it, so the lexicon's files may name them).

- ``behalf``: "A signed the pact on behalf of X while B signed it on behalf of Y" (X and Y are the
  parties, not the signatories);
- ``subj_from``: "the third battery from X has arrived in Y" (the goods that arrive name their supplier);
- ``nested_between``: "the signing of a cessation of hostilities between A and B";
- ``to_subj``: "X has committed to cooperation with Y" (X);
- ``passive_by``: "Y will be supplied with tanks by X" (the parser hangs the agent on the goods);
- ``deal_party`` (a fallback the frame reads, ``kgraph.extract.relations``): "the deal to supply Y
  with jets", "under the deal, Y will be supplied with ...": the deal's other party.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..syntax import is_passive, is_verbal, prepositional_objects, subjects
from .places import ACTOR_ROLES, PLACES, Place, place

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from .arguments import ArgumentReader
    from .lexicon import Trigger

#: Clauses that tell a second signature of the same text: "A signed it ..., while B signed it ...",
#: "A signed ... and B signed ...".
_SIGNATURE_LINKS = ("advcl", "conj")


def behalf_of(verb: Token) -> list[Token]:
    """The objects of "on behalf of" on a verb ("signed the pact on behalf of [X]")."""
    return [o for behalf in prepositional_objects(verb, "on") if behalf.lower_ == "behalf"
            for o in prepositional_objects(behalf, "of")]


@place("behalf", roles=ACTOR_ROLES)
def behalf_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """Those a verb trigger's subject acts for: "A signed the pact [on behalf of X] while B signed
    it [on behalf of Y]" (X and Y: the "on behalf of" phrases of the trigger and of the clauses of
    the same verb linked to it by "while", "whereas", "and")."""
    if entry.pos != "verb":
        return []
    lemma = trigger.lemma_.lower()
    clauses = [trigger] + [c for c in trigger.children if c.dep_ in _SIGNATURE_LINKS and c.lemma_.lower() == lemma]
    if trigger.dep_ in _SIGNATURE_LINKS and trigger.head.lemma_.lower() == lemma:
        clauses.append(trigger.head)
    return [o for clause in clauses for o in behalf_of(clause)]


@place("subj_from", roles=ACTOR_ROLES)
def subject_from_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """The "from" phrase on a verb trigger's subject: "the third battery [from X] has arrived in Y"
    (the goods that arrive name their supplier); also on the subject's "of" phrase ("a shipment of
    shells from X")."""
    if entry.pos != "verb":
        return []
    found: list[Token] = []
    for subject in subjects(trigger):
        for host in [subject] + prepositional_objects(subject, "of"):
            found += prepositional_objects(host, "from")
    return found


@place("passive_by", roles=ACTOR_ROLES)
def passive_agent_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """The "by" agent of a passive verb trigger that the parser hangs on the verb's last
    prepositional object: "Y will be supplied with tanks [by X]", "was equipped with radars by X"."""
    if entry.pos != "verb" or not is_passive(trigger):
        return []
    return [a for p in trigger.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
            for a in prepositional_objects(o, "by")]


@place("nested_between", roles=ACTOR_ROLES)
def nested_between_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """The "between" (or "among") phrase at the end of a noun trigger's chain of "of" phrases: "the
    signing of a cessation of hostilities [between A and B]", "the signing of the text of a truce
    between ..."."""
    if entry.pos != "noun":
        return []
    found: list[Token] = []
    chain = prepositional_objects(trigger, "of")
    for _ in range(3):
        if not chain or found:
            break
        found = [t for noun in chain for word in ("between", "among") for t in prepositional_objects(noun, word)]
        chain = [t for noun in chain for t in prepositional_objects(noun, "of")]
    return found


def _committed_subject(reader: ArgumentReader, trigger: Token, entry: Trigger,
                       goods: tuple[Token, ...]) -> tuple[list[str], str]:
    verb = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "to" else None
    if entry.pos != "noun" or verb is None or not is_verbal(verb):
        return [], "gov_subj"
    return reader.subject_actors(verb), "gov_subj"


@place("to_subj", roles=ACTOR_ROLES, reads="actors")
def committed_subject_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                             goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """The subject of the verb whose "to" phrase a noun trigger is: "X has committed [to] cooperation
    with Y", "X is open to a partnership with Y" (X)."""
    return _committed_subject(reader, trigger, entry, goods)


def deal_nouns(trigger: Token, words: frozenset[str]) -> list[Token]:
    """The deal nouns a verb trigger belongs to: the noun its infinitive completes ("the deal [to
    supply] Y", "a contract worth $2 billion [to buy] ..."), or a frame "under" phrase ("[under the
    deal], Y will be supplied ...")."""
    found: list[Token] = []
    if is_verbal(trigger):
        head = trigger.head
        if trigger.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "amod":  # "a deal worth $X to buy"
            head = head.head
        if trigger.dep_ in ("acl", "relcl", "xcomp") and head is not trigger and head.lemma_.lower() in words:
            found.append(head)
        found += [o for o in prepositional_objects(trigger, "under") if o.lemma_.lower() in words]
    return found


PLACES["deal_party"] = Place("deal_party", frozenset({"source"}), fallback=True, doc=(
    """(transfers) The other party of the deal a verb belongs to ("the deal [to supply] Y with jets",
"[under the deal], Y will be supplied with ..."): the parties the deal names, or those of the deal
told before with the same word, less the recipient, when one remains
(``RelationReader.deal_party``)."""))

