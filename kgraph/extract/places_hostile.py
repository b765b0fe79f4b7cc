"""Argument places of hostile relations (armed conflict, threat, accusation, sanction).

More places of the registry of ``kgraph.extract.places`` (registered with its ``@place``
decorator when ``kgraph.extract.lexicon`` loads), kept here by concern:

- fights: the sides of a conjoined subject or a "between" phrase (``first_side``,
  ``other_side``), the one a defence belongs to (``helped_poss``: "to help X in its fight
  against Y"), the modifiers of a phrase the parser split (``conj_mod``), the one who "came under
  attack" (``under_subj``), "them" taking up a group (``group_obj``);
- measures: a passive's agent hung on its "as" phrase (``late_agent``), the one a measure is
  opened to (``exposed_obj``), the target of the measure "these sanctions" take up
  (``told_target``) and the co-actors "in coordination with X" (``coord``, read by the trigger
  frame of ``kgraph.extract.relations`` through :func:`co_actors`);
- warnings and accusations: those in a place a warning is to (``site_to``), the one who acts
  despite a warning (``defiant_subj``), the one an accusation's clause is about and the one who
  takes a measure over it (``claim_subj``, ``measure_subj``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..syntax import (PRONOUNS, agent_objects, anaphoric, in_subject, is_passive, is_verbal, lemma_forms,
                      objects, prepositional_objects, subjects, with_conjuncts, word_in)
from .places import ACTOR_ROLES, _fallback, place

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from .arguments import ArgumentReader
    from .lexicon import Trigger

#: Plural pronouns an object may be ("targeting [them]").
PLURAL_OBJECT_PRONOUNS = frozenset({"them", "they"})
#: Prepositions of a verb's complements: a verb with one of these names its target itself
#: ("fought [X]", "fought [against] X"), and the two sides are not its conjoined subjects.
_OWN_TARGET_PREPOSITIONS = frozenset({"against", "with", "on", "at", "alongside", "beside"})
#: Words that make the conjoined subjects of a fight allies ("fought together").
_TOGETHER = frozenset({"together", "jointly", "alongside", "side by side"})


def _sides(reader: ArgumentReader, trigger: Token) -> list[list[str]]:
    """The actors of each side of a fight: the conjuncts of a verb's subject ("A and B have been
    fighting"), each with the backers named on it ("A, backed by C,"), of a noun's "between" phrase
    ("hostilities between A and B"; "between A and B forces": one side per actor of the
    modifiers), or of the subject of an ``involvement_verbs`` verb the noun is "in" ("A and B are
    locked in a war"); none when the verb names its target itself."""
    if is_verbal(trigger):
        # "A and B fought [each other]" is theirs; "fought C", "fought against C", "fought alongside"
        # and "fought together" are not
        own_object = [o for o in objects(trigger) if not (o.lower_ == "other" and any(
            c.lower_ in ("each", "one") for c in o.children)) and not word_in(o, reader.actors.event_words)]
        if own_object or any((c.dep_ == "prep" and c.lower_ in _OWN_TARGET_PREPOSITIONS) or word_in(
                c, _TOGETHER) for c in trigger.children):
            return []
        heads = [s for s in subjects(trigger) if s.lower_ not in PRONOUNS]
        # allies fight side by side ("US and British troops fought in Iraq"): two sides need a sign
        # they face each other: "each other", a war as object, a backer, an armed group, "over" a prize
        facing = len(objects(trigger)) > 0 or any(c.dep_ == "prep" and c.lower_ == "over" for c in trigger.children)
    else:
        heads = prepositional_objects(trigger, "between")
        verb = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "in" else None
        if not heads and verb is not None and is_verbal(verb) and lemma_forms(verb) & reader.lexicon.objects.get(
                "involvement_verbs", frozenset()) and not any(
                    c.dep_ == "prep" and c.lower_ in _OWN_TARGET_PREPOSITIONS for c in trigger.children):
            heads = [s for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") and s.lower_ not in PRONOUNS]
        facing = True  # "the war between A and B", "A and B are locked in a war"
    if not heads:
        return []
    members = with_conjuncts(heads[:1])
    if len(members) == 1:  # "clashes between Armenian and Azerbaijani forces"
        named = reader.actors.in_modifiers(members[0])
        return [[e] for e in named] if len(named) >= 2 and facing else []
    patrons = reader.lexicon.objects.get("patron_modifiers", frozenset())
    sides = []
    for member in members:
        backers = [g for c in member.children if c.dep_ == "acl" and word_in(c, patrons)
                   for g in agent_objects(c) + prepositional_objects(c, "by")]
        side: list[str] = []
        for token in [member] + backers:
            side.extend(e for e in reader.actors.of_phrase(token) if e not in side)
        sides.append(side)
        facing = facing or bool(backers)
    if not facing and not any(reader.actors.type_of(e) == "Organization" for side in sides for e in side):
        return []  # two states fighting side by side, unless a group faces them ("Somalia and al-Shabaab")
    return sides


@place("first_side", roles=ACTOR_ROLES, reads="actors", before_trigger=True)
def first_side_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                      goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """(fights) The first of the sides of a verb's conjoined subject, with its backers ("[A], backed
    by [C], and B have been fighting"), of a noun's "between" phrase ("hostilities between [A]
    and B") or of the subject of the verb it is "in" ("[A] and B are locked in a war"); nothing
    when the verb names its target ("A and B fought C")."""
    sides = _sides(reader, trigger)
    return (sides[0] if sides else []), entry.pos


@place("other_side", roles=ACTOR_ROLES, reads="actors")
def other_side_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                      goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """(fights) The other sides of a conjoined subject or "between" phrase (see ``first_side``):
    "A and [B] have been fighting", "the war between A and [B]"."""
    found: list[str] = []
    for side in _sides(reader, trigger)[1:]:
        found.extend(e for e in side if e not in found)
    return found, entry.pos


@place("helped_poss", roles=ACTOR_ROLES, reads="actors", before_trigger=True)
def helped_possessor_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                            goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """(defence) The one a possessive pronoun stands for when the noun says what someone is helped
    in: "to help [X] in its war with Y", "support for [X] in its fight against Y" (the object of
    the verb, or the "for"/"to" phrase of the verb or noun, the "in" phrase hangs from), "sent arms
    to [X] to bolster its defence against Y" (with a purpose verb among ``aid_verbs``)."""
    if not any(c.dep_ == "poss" and c.lower_ in PRONOUNS for c in trigger.children):
        return [], entry.pos
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "in":
        host = trigger.head.head
    elif trigger.dep_ in ("dobj", "obj") and trigger.head.dep_ in ("advcl", "xcomp", "acl") and lemma_forms(
            trigger.head) & reader.lexicon.objects.get("aid_verbs", frozenset()):
        host = trigger.head.head  # "sent arms to X to support its defence against Y"
    else:
        return [], entry.pos
    helped = [c for c in host.children if c.dep_ in ("dobj", "dative") and c.i < trigger.i]
    # "support for X", the "in" phrase hung on the verb of "support" or on "support" itself
    for holder in [host] + helped + ([host.head] if host.dep_ in ("dobj", "pobj") else []):
        helped += [t for p in ("for", "to") for t in prepositional_objects(holder, p) if t.i < trigger.i]
    found = reader.actors_of([t for t in helped if reader.actors.at(t)])
    if not found and trigger.head.dep_ in ("advcl", "xcomp", "acl") and any(
            anaphoric(s) and not reader.actors.of_phrase(s) for s in subjects(host)):
        # "as the country received radars to bolster its defence": the state last named as a subject
        found = [e for p in trigger.children if p.dep_ == "poss" for e in reader.actors.pronoun_antecedent(p)]
    return found, "gov_subj"


@place("conj_mod", roles=ACTOR_ROLES, reads="actors", before_trigger=True)
def conjunct_modifier_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                             goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """(attacks) An actor in the modifiers of the noun a noun trigger is coordinated with, when the
    parser split one phrase in two ("[Iraqi] drone and missile attacks": "Iraqi drone" and "attacks")."""
    if entry.pos != "noun" or trigger.dep_ != "conj" or trigger.head.pos_ != "NOUN" or trigger.head.i > trigger.i \
            or word_in(trigger.head, reader.actors.event_words):  # "sanctions and attacks": two events
        return [], entry.pos
    return reader.actors.in_modifiers(trigger.head), entry.pos


@place("late_agent", roles=("source",))
def late_agent_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """The "by" agent of a passive verb trigger that the parser hung on the verb's "as" phrase
    ("X has been designated as a terrorist organisation [by] Y")."""
    if entry.pos != "verb" or not is_passive(trigger) or agent_objects(trigger):
        return []
    return [a for t in prepositional_objects(trigger, "as") for a in prepositional_objects(t, "by")]


@place("exposed_obj", roles=ACTOR_ROLES)
def exposed_object_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(measures) The object of a verb that exposes it to a noun trigger ("opened [X] to possible
    sanctions", "exposes [X] to penalties"; the verbs: ``exposure_verbs`` of relations.yaml)."""
    if entry.pos != "noun" or trigger.dep_ != "pobj" or trigger.head.lower_ != "to":
        return []
    verb = trigger.head.head
    if not is_verbal(verb) or not lemma_forms(verb) & reader.lexicon.objects.get("exposure_verbs", frozenset()):
        return []
    return [o for o in objects(verb) if o.i < trigger.i]


def _group_pronoun_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                          goods: tuple[Token, ...]) -> tuple[list[str], str]:
    found: list[str] = []
    for pronoun in group_object_tokens(reader, trigger, entry):
        sentence_start = reader._sentences_back(pronoun, 1)
        for token in reversed(pronoun.doc[sentence_start: pronoun.i]):
            if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ in ("NNS", "NNPS"):
                named = reader.actors.of_phrase(token, ("Organization",))
                if len(named) == 1:
                    found.extend(e for e in named if e not in found)
                    break
    return found, entry.pos


@place("group_obj", roles=ACTOR_ROLES, actors=_group_pronoun_actors)
def group_object_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """A plural pronoun object ("them") that takes up the last plural subject naming one
    organisation, in this sentence or the one before ("[ISIS fighters] hold a town, where US jets
    have been striking [them]")."""
    if entry.pos != "verb":
        return []
    return [o for o in objects(trigger) if o.lower_ in PLURAL_OBJECT_PRONOUNS]


@place("site_to", roles=ACTOR_ROLES)
def site_to_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(warnings) The place in which those a "to"/"against" phrase names are, when they are no actor
    themselves ("a stern warning to independence forces [in] X")."""
    return [p for word in ("to", "against") for t in prepositional_objects(trigger, word)
            if not reader.actors.of_phrase(t) for p in prepositional_objects(t, "in")]


@place("against_agent", roles=ACTOR_ROLES)
def against_agent_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(threats) The doer of the deed an "against" phrase names, when that deed is no actor itself:
    "vowed to retaliate against any provocation [by] X" (its "by" agent); "against [X]'s
    provocations" (its possessor)."""
    found: list[Token] = []
    for deed in prepositional_objects(trigger, "against"):
        if reader.actors.of_phrase(deed):
            continue
        found.extend(prepositional_objects(deed, "by") or [c for c in deed.children if c.dep_ == "poss"])
    return found


def _claim_subject_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                          goods: tuple[Token, ...]) -> tuple[list[str], str]:
    found: list[str] = []
    for subject in claim_subject_tokens(reader, trigger, entry):
        named = reader.actors_of([subject])
        if not named and subject.lower_ in PRONOUNS:
            # "sanctions on three officials over accusations [they] ...": the last phrase before it in
            # the sentence, outside the subject, that names an actor
            for token in reversed(subject.sent[: subject.i - subject.sent.start]):
                if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("pobj", "dobj", "obj", "dative") \
                        and not in_subject(token):
                    named = reader.actors.of_phrase(token)
                    if named:
                        break
        found.extend(e for e in named if e not in found)
    return found, entry.pos


@place("claim_subj", roles=ACTOR_ROLES, actors=_claim_subject_actors)
def claim_subject_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(accusations) The subject of the clause a noun trigger states ("accusations (that) [X]
    facilitated ..."); a pronoun there is the last object before it in the sentence that names an
    actor ("sanctions on three Malian officials over accusations they ...": Mali)."""
    if entry.pos != "noun":
        return []
    return [s for c in trigger.children if c.dep_ in ("acl", "ccomp", "relcl") and is_verbal(c)
            and not any(w.dep_ == "mark" and w.lower_ not in ("that",) for w in c.children)
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass") and s.lower_ not in ("which", "who")]


@place("measure_subj", roles=("source",), reads="actors")
def measure_subject_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                           goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """(accusations) The subject of an active verb that takes a measure "over" or "for" the noun
    trigger ("X imposed sanctions on Y [over] accusations that ...": X accuses; the measures:
    ``measures`` of relations.yaml)."""
    if entry.pos != "noun" or trigger.dep_ != "pobj" or trigger.head.lower_ not in ("over", "for"):
        return [], entry.pos
    verb = trigger.head.head
    if not is_verbal(verb) or is_passive(verb):
        return [], entry.pos
    measures = reader.lexicon.objects.get("measures", frozenset())
    if not any(word_in(o, measures) for o in objects(verb)) and not word_in(verb, measures):
        return [], entry.pos
    return reader.subject_actors(verb), "gov_subj"


@place("under_subj", roles=ACTOR_ROLES)
def under_subject_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(attacks) The subject of the verb whose "under" phrase holds a noun trigger ("[X] came under
    attack", "[the town] was under fire from Y")."""
    if entry.pos != "noun" or trigger.dep_ != "pobj" or trigger.head.lower_ != "under":
        return []
    verb = trigger.head.head
    return [s for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")] if is_verbal(verb) else []


def _defiant_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                    goods: tuple[Token, ...]) -> tuple[list[str], str]:
    return reader.actors_of(defiant_subject_tokens(reader, trigger, entry)), "gov_subj"


@place("defiant_subj", roles=ACTOR_ROLES, actors=_defiant_actors)
def defiant_subject_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(warnings, threats) The one who acts in spite of a noun trigger: the subject of the verb a
    "despite" phrase holding it hangs from ("[X] went ahead despite Y's warnings"), or of a verb
    that defies it ("[X] ignored Y's threats"; the verbs: ``defiance_verbs`` of relations.yaml)."""
    if entry.pos != "noun":
        return []
    verb = None
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("despite", "notwithstanding"):
        verb = trigger.head.head
        if not is_verbal(verb):  # "went ahead with the purchase [despite] ...", hung on the noun
            verb = verb.head if verb.dep_ in ("dobj", "pobj") and is_verbal(verb.head) else \
                verb.head.head if verb.dep_ == "pobj" and is_verbal(verb.head.head) else verb
    elif trigger.dep_ in ("dobj", "obj") and lemma_forms(trigger.head) & reader.lexicon.objects.get(
            "defiance_verbs", frozenset()):
        verb = trigger.head
    if verb is None or not is_verbal(verb):
        return []
    return [s for s in subjects(verb) if s.lower_ not in PRONOUNS]


_fallback("told_target", ("target",), """(measures) For a noun taking up an event told before ("these sanctions",
"the measures"), the target of the last event of its type told in the document: read by the frame
when the other target places named no one.""")
_fallback("coord", ("source",), """(measures) The co-actors named with "in coordination with", "together with",
"jointly with", "alongside" on the trigger or its verb ("X imposed the sanctions in coordination with
[Y]"): they act too. Read by the frame besides the source; the words: ``coordination`` of relations.yaml.""")


def co_actors(reader: ArgumentReader, trigger: Token, host: Token | None) -> list[str]:
    """The actors named as acting together with the source on the trigger or on its verb ``host``
    ("in coordination with [A] and [B]", "together with [A]", "alongside [A]")."""
    words = reader.lexicon.objects.get("coordination", frozenset())
    hosts = [t for t in (trigger, host) if t is not None]
    # the parser may hang the phrase on the object or on its own object ("sanctions on X alongside A")
    for verb in [t for t in hosts if is_verbal(t)]:
        for obj in objects(verb):
            hosts += [obj] + [g for c in obj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    found: list[Token] = []
    for token in hosts:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in words:  # "alongside A"
                found += [g for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ == "in":  # "in coordination with A"
                found += [g for p in child.children if p.dep_ == "pobj" and word_in(p, words)
                          for g in prepositional_objects(p, "with")]
            elif child.dep_ == "prep" and child.lower_ == "with" and any(
                    a.dep_ == "advmod" and word_in(a, words) for a in child.children):  # "together with A"
                found += [g for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ == "advmod" and word_in(child, words):  # "jointly with A" hung on the adverb
                found += prepositional_objects(child, "with")
    return reader.actors_of(found)
