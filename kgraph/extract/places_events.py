"""Argument places of meetings, visits and requests told without their usual frame (issue 12).

Registered in the place registry of ``kgraph.extract.places`` (this module is imported by
``kgraph.extract.lexicon`` before any trigger file is read), one reader per place, each with
the English it handles:

- attendance: "the meeting was also attended by X", "X took part in the talks" (``attendee``),
  "X, alongside Y, joined the talks" (``alongside``), "the participation of X in the talks"
  (``participant_of``), and the parties of the meeting told before that "the meeting" takes up
  (``earlier_parties``);
- visits without the verb "visit": "a visiting U.S. delegation delivered a message to X"
  (``visiting_noun`` / ``visited_addressee``), "attended the ceremony between A and B in Gliwice,
  Poland" (``obj_site``), "the envoy is in Kosovo" (``person_subj``);
- requests: "calls for de-escalation by Israeli forces" (``for_agent``), "'President Putin, stop
  your troops,' he urged" (``ccomp_vocative``), "at the request of A and B, C did" (``framed_subj``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..syntax import (PRONOUNS, agent_objects, anaphoric, governing_verb, is_passive, is_verbal, is_vocative,
                      lemma_forms, objects, prepositional_objects, subjects, with_conjuncts)
from .places import ACTOR_ROLES, place

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from .arguments import ArgumentReader
    from .lexicon import Trigger

#: The key of relations.yaml's ``objects`` listing the verbs of attending an event ("attend", "join").
ATTENDANCE = "attendance"
#: Prepositions that add a party to the one a clause is about ("X, alongside Y, took part").
ALONGSIDE = frozenset({"alongside"})
#: Nouns of taking part whose "of" phrase names a party of the meeting in their "in" phrase.
PARTICIPATION = frozenset({"participation", "presence", "attendance", "involvement"})
#: Prepositions whose object, on a request noun, frames the clause the request was made for.
REQUEST_FRAMES = frozenset({"at", "upon", "on"})


def _attending_verb(reader: ArgumentReader, noun: Token) -> Token | None:
    """The verb of attending a noun event hangs from: "attended [the meeting]", "[the meeting] was
    attended by", "took part in [the talks]"."""
    words = reader.lexicon.objects.get(ATTENDANCE, frozenset())
    verb = noun.head
    if noun.dep_ in ("nsubjpass", "dobj", "obj") and is_verbal(verb) and lemma_forms(verb) & words:
        return verb
    found, _ = governing_verb(noun)
    if found is not None and lemma_forms(found) & words:
        return found
    if found is not None and found.lemma_.lower() == "take" and any(
            c.dep_ == "dobj" and c.lower_ == "part" for c in found.children):
        return found  # "took part in the talks"
    return None


@place("attendee", roles=ACTOR_ROLES, reads="actors")
def attendee_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                    goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """Who attends a meeting noun: the subject of the verb of attending ("X attended the talks", "X
    took part in the talks", "I accompanied the proceedings") or its "by" agent ("the meeting was also
    attended by X"); the verbs are relations.yaml's ``objects: attendance``."""
    if entry.pos != "noun":
        return [], entry.pos
    verb = _attending_verb(reader, trigger)
    if verb is None:
        return [], "gov_subj"
    if is_passive(verb):
        return reader.actors_of(agent_objects(verb)), "gov_subj"
    return reader.subject_actors(verb), "gov_subj"


@place("alongside", roles=ACTOR_ROLES, reads="actors")
def alongside_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                     goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """A party added with "alongside" to the one who attends ("X, alongside Y, took part in the
    talks"; "I attended the meeting alongside Ambassador Y"), on the verb or on its subject."""
    if entry.pos != "noun":
        return [], entry.pos
    verb = _attending_verb(reader, trigger)
    if verb is None:
        return [], "gov_subj"
    # on the verb, its subject, or its "as" phrase ("accompanied the talks as facilitator, alongside Y")
    hosts = [verb, *subjects(verb)] + [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "as"
                                       for g in p.children]
    tokens = [g for h in hosts for word in ALONGSIDE for g in prepositional_objects(h, word)]
    return reader.actors_of(tokens), "gov_subj"


@place("participant_of", roles=ACTOR_ROLES, reads="actors")
def participant_of_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                          goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """The parties a noun of taking part names for the meeting in its "in" phrase: "the participation
    of the foreign ministers of A and B in today's talks", "A's presence at the summit"."""
    if entry.pos != "noun" or trigger.dep_ != "pobj" or trigger.head.lower_ not in ("in", "at"):
        return [], entry.pos
    noun = trigger.head.head
    if noun.lemma_.lower() not in PARTICIPATION:
        return [], entry.pos
    tokens = prepositional_objects(noun, "of") + [c for c in noun.children if c.dep_ == "poss"
                                                    and c.lower_ not in PRONOUNS]
    return reader.actors_of(tokens), entry.pos


@place("traveller", roles=ACTOR_ROLES, reads="actors")
def traveller_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                     goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """Who travels for a meeting: "the crown prince flew to Paris [for] talks with President X", "X
    arrived in Y for a summit" (the subject of a verb of travel, relations.yaml's ``objects: travel``,
    whose "for" phrase is the meeting)."""
    if entry.pos != "noun" or trigger.dep_ != "pobj" or trigger.head.lower_ != "for":
        return [], entry.pos
    verb = trigger.head.head
    if not is_verbal(verb) or not lemma_forms(verb) & reader.lexicon.objects.get("travel", frozenset()):
        return [], entry.pos
    return reader.subject_actors(verb), "gov_subj"


@place("earlier_parties", roles=ACTOR_ROLES, reads="actors")
def earlier_party_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                         goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """"The meeting was also attended by X", "the talks": a definite meeting noun that names no party
    of its own (no "between", "with", "among", "of" phrase) takes up the parties of the last meeting
    told before, within a few sentences, when someone attends it (``attendee``, ``participant_of``), so
    that whoever attends it meets them."""
    earlier = getattr(reader, "earlier", None)
    if entry.pos != "noun" or earlier is None or not _definite(reader, trigger) or any(
            c.dep_ == "prep" and c.lower_ in ("between", "among", "with", "of") for c in trigger.children):
        return [], entry.pos
    # only for one who attends it: "X and Y held the talks" tells a meeting of its own
    if _attending_verb(reader, trigger) is None and not participant_of_actors(reader, trigger, entry, goods)[0]:
        return [], entry.pos
    told = earlier(trigger, entry.type, reach=trigger.i - reader._sentences_back(trigger, 3))
    return (list(told.participants) if told is not None else []), "gov_subj"


def _definite(reader: ArgumentReader, noun: Token) -> bool:
    """"the talks", "these meetings", "today's talks": a noun that takes up one told before (a possessor
    that names no actor is a day: "today's", "Monday's")."""
    return anaphoric(noun) or any(c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") and not reader.actors.at(c)
                                  for c in noun.children)


# --- visits --------------------------------------------------------------------------------
def _visiting(trigger: Token) -> Token | None:
    """The noun a participle of visiting modifies ("a [visiting] U.S. delegation")."""
    if trigger.tag_ == "VBG" and trigger.dep_ in ("amod", "acl", "compound") and trigger.head.i != trigger.i:
        return trigger.head
    return None


@place("visiting_noun", roles=ACTOR_ROLES)
def visiting_noun_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(visits) The noun the participle "visiting" modifies: "a visiting [U.S. delegation]", "the
    visiting [Japanese foreign minister]"."""
    noun = _visiting(trigger) if entry.pos == "verb" else None
    return [noun] if noun is not None else []


@place("visited_addressee", roles=ACTOR_ROLES)
def visited_addressee_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(visits) Whom the visitors of "a visiting delegation" address in their clause: "a visiting
    U.S. delegation delivered a message [to] the country's leadership", "the message was handed to X
    by a visiting delegation", "the visiting minister met [X]", "held talks [with] X"."""
    noun = _visiting(trigger) if entry.pos == "verb" else None
    if noun is None:
        return []
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "agent" or (noun.dep_ == "pobj" and verb.lower_ == "by"):
        verb = verb.head  # "... was delivered to X by a visiting delegation"
    elif noun.dep_ not in ("nsubj", "nsubjpass"):
        return []
    if not is_verbal(verb):
        return []
    found = prepositional_objects(verb, "to") + [c for c in verb.children if c.dep_ == "dative"]
    found += [t for o in objects(verb) if o is not noun for t in prepositional_objects(o, "to")]
    # "the visiting premier held talks [with] X", "met [with] X"
    found += [t for h in (verb, *objects(verb)) if h is not noun for t in prepositional_objects(h, "with")
              if reader.actors_of([t])]
    if not found and not is_passive(verb):
        found = [o for o in objects(verb) if o is not noun and reader.actors_of([o])]  # "met X's president"
    return found


@place("obj_site", roles=ACTOR_ROLES)
def object_site_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(visits) The places "in" which the event a verb's object names took place, anywhere in that
    object's phrase: "attended the signing ceremony between A and B's agency in Gliwice [in] southern
    Poland" (the parser may hang "in" on any noun of the phrase); not inside a clause of it."""
    if entry.pos != "verb":
        return []
    found: list[Token] = []
    for obj in objects(trigger):
        stack = [obj]
        while stack:
            token = stack.pop()
            for child in token.children:
                if is_verbal(child) or child.dep_ in ("relcl", "acl", "appos"):
                    continue
                if child.dep_ == "prep" and child.lower_ == "in":
                    found.extend(g for g in child.children if g.dep_ == "pobj")
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _person_subject_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                           goods: tuple[Token, ...]) -> tuple[list[str], str]:
    if entry.pos != "verb":
        return [], entry.pos
    found = [e for e in reader.subject_actors(trigger) if reader.actors.type_of(e) == "Person"]
    if not found:  # "the Egyptian president is in Riyadh": an official of a named state
        guests = reader.lexicon.objects.get("guests", frozenset())
        found = reader.actors_of([t for t in subjects(trigger) if t.lemma_.lower() in guests or t.lower_ in guests])
    return found, entry.pos


@place("person_subj", roles=ACTOR_ROLES, actors=_person_subject_actors)
def person_subject_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """The subject of a verb trigger when it names a person or is an official or delegation of a
    named state (relations.yaml's ``objects: guests``): "the EU envoy, X, is in Kosovo", "the
    Egyptian president is in Riyadh" are visits; "Russian troops are in Kursk" is not."""
    return subjects(trigger) if entry.pos == "verb" else []


@place("gov_prep_in", roles=ACTOR_ROLES)
def governing_in_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(visits) Where one is "on" a visit: "arrived [in] Hanoi on a state visit" (the "in" object of
    the verb the "on" phrase hangs from)."""
    if entry.pos != "noun" or trigger.dep_ != "pobj" or trigger.head.lower_ != "on":
        return []
    verb = trigger.head.head
    return prepositional_objects(verb, "in") if is_verbal(verb) else []


@place("on_subj", roles=ACTOR_ROLES, reads="actors")
def on_subject_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                      goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """(visits) Who is "on" a visit: "the chancellor is [on] a three-day visit to India", "X went on a
    trip to Y", "X arrived on a state visit" (the subject of the verb the "on" phrase hangs from)."""
    if entry.pos != "noun" or trigger.dep_ != "pobj" or trigger.head.lower_ != "on":
        return [], entry.pos
    verb = trigger.head.head
    return (reader.subject_actors(verb) if is_verbal(verb) else []), "gov_subj"


def _host_of_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                    goods: tuple[Token, ...]) -> tuple[list[str], str]:
    found: list[str] = []
    for token in host_of_tokens(reader, trigger, entry):  # each phrase alone: the host is a conjunct
        found.extend(e for e in reader.actors.of_phrase(token) if e not in found)
    return found, entry.pos


@place("host_of", roles=ACTOR_ROLES, actors=_host_of_actors)
def host_of_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(visits) The callers of "a courtesy call on X of A and B", which the parser hangs on the host:
    the "of" objects of the "on" object, and the names coordinated with the host after them ("on
    [President X] of A and B": B is read as a conjunct of X)."""
    if entry.pos != "noun":
        return []
    found: list[Token] = []
    for host in prepositional_objects(trigger, "on"):
        callers = prepositional_objects(host, "of")
        if callers:
            found += callers + [c for c in host.conjuncts if c.i > callers[0].i]
    return found


def _guest_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                  goods: tuple[Token, ...]) -> tuple[list[str], str]:
    tokens = guest_tokens(reader, trigger, entry)
    return reader.actors_of(tokens), entry.pos


@place("obj_guest", roles=ACTOR_ROLES, actors=_guest_actors)
def guest_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(visits) A verb's object that is a person or delegation of a named state: "welcomed [the
    Japanese foreign minister]", "received [a Chinese delegation]" (relations.yaml's ``objects:
    guests``); not "welcomed [the Japanese decision]"."""
    if entry.pos != "verb":
        return []
    words = reader.lexicon.objects.get("guests", frozenset())
    return [t for t in with_conjuncts(objects(trigger)) if t.lemma_.lower() in words or t.lower_ in words]


# --- requests ------------------------------------------------------------------------------
@place("for_agent", roles=ACTOR_ROLES)
def for_agent_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(requests) Who is to do what is called for: the "by" agent, or the possessor, of the action
    noun in the "for" phrase ("calls for de-escalation [by] Israeli forces", "called for [Russia's]
    withdrawal"), also on the verb when the parser hangs "by" there ("Calls For Restraint By X")."""
    actions = prepositional_objects(trigger, "for")
    found = [g for a in with_conjuncts(actions) for g in prepositional_objects(a, "by")]
    found += [c for a in with_conjuncts(actions) for c in a.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS]
    if not found and actions:
        found = [g for p in trigger.children if p.dep_ in ("prep", "agent") and p.lower_ == "by" and p.i > actions[0].i
                 for g in p.children if g.dep_ == "pobj"]
    return found


@place("noun_subj", roles=ACTOR_ROLES)
def noun_subject_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(requests) The subject the parser gives a noun trigger that is a headline's verb: "UN [Chief]
    Calls For Restraint By X" ("Calls" read as a plural noun)."""
    if entry.pos != "noun" or trigger.dep_ != "ROOT":
        return []
    return [c for c in trigger.children if c.dep_ == "nsubj"]


@place("ccomp_vocative", roles=ACTOR_ROLES)
def clause_vocative_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(requests) The addressee named in a quoted imperative the verb reports: "'President Putin,
    [stop] your troops,' he urged" (the name before the comma that opens the imperative)."""
    if entry.pos != "verb":
        return []
    found: list[Token] = []
    for clause in trigger.children:
        if clause.dep_ not in ("ccomp", "parataxis", "xcomp") or not is_verbal(clause):
            continue
        found.extend(child for child in clause.lefts if is_vocative(child))
    return found


#: Auxiliaries of obligation: "X must withdraw, Y demanded" asks X.
OBLIGATION = frozenset({"must", "should"})


def _fronted_clause(trigger: Token) -> Token | None:
    """The clause of obligation a speech verb follows when the parser made the verb its conjunct or its
    complement: "X must call off its operation, members of the council [demanded]"."""
    head = trigger.head
    if trigger.dep_ not in ("conj", "ccomp", "parataxis") or head.i > trigger.i or not is_verbal(head):
        return None
    return head if any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in head.children) else None


@place("fronted_subj", roles=ACTOR_ROLES)
def fronted_subject_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(requests) The subject of a clause of obligation that opens the sentence, when the parser made
    the speech verb after it its conjunct: "[Russia] must call off its operation, members of the
    council demanded" (with the clause parsed as the verb's complement, ``ccomp_subj`` reads it)."""
    clause = _fronted_clause(trigger) if entry.pos == "verb" else None
    return [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")] if clause is not None else []


@place("fronted_speaker", roles=ACTOR_ROLES)
def fronted_speaker_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(requests) Who speaks after such a fronted clause: the phrase just before the speech verb,
    back to the comma that opens it ("X must withdraw, [members of the council] demanded"), which the
    parser hangs somewhere in the clause."""
    if entry.pos != "verb" or _fronted_clause(trigger) is None or trigger.i == 0:
        return []
    doc = trigger.doc
    token = doc[trigger.i - 1]
    while token.head is not token and token.head.i < trigger.i and token.head.right_edge.i == trigger.i - 1 \
            and not is_verbal(token.head) and (token.left_edge.i == 0 or doc[token.left_edge.i - 1].text != ","):
        token = token.head
    before = doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
    return [token] if token.pos_ in ("NOUN", "PROPN") and before is not None and before.text == "," else []


@place("framed_subj", roles=ACTOR_ROLES)
def framed_subject_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(requests) Who did what a request noun framed the clause for: "[at] the request of A and B, C
    mediated" (C was asked), "upon Kenya's request, the UN sent ..."."""
    if entry.pos != "noun" or trigger.dep_ != "pobj" or trigger.head.lower_ not in REQUEST_FRAMES:
        return []
    verb = trigger.head.head
    return subjects(verb) if is_verbal(verb) else []
