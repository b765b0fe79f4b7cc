"""Argument places: the registry of where a trigger's arguments may sit in the dependency parse.

Each trigger of ``ontologies/relations.yaml`` lists, for its source, target,
participants and object, the places its arguments are read from ("subj",
"prep:to", "gov_subj", ...). Every place name maps to one ``Place`` here, made
by the ``@place`` decorator on the function that reads it; ``prep:WORD`` is a
family with one member per preposition. ``resolve_place`` turns a name into its
``Place`` or raises ``kgraph.errors.UnknownPlace``, so that a typo in the YAML is
reported when the lexicon loads (``kgraph.extract.lexicon.SCHEMAS``) instead of
silently disabling a trigger.

A place reads either tokens (the reader turns them into actors) or actors
directly; a *fallback* place is read by the trigger frame only when the
ordinary places named no one (see ``kgraph.extract.relations``).

The readers take the ``ArgumentReader`` of the document (``kgraph.extract.arguments``),
the trigger token and the trigger entry.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..errors import UnknownPlace
from ..syntax import (PRONOUNS, RELATIVE_PRONOUNS, governing_verb, is_verbal, lemma_forms, objects,
                     predicated_of, prepositional_objects, subjects, with_conjuncts, word_in)

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from .arguments import ArgumentReader
    from .lexicon import Trigger

#: The argument lists of a trigger entry that name places.
ROLES = ("source", "target", "participants", "object")
ACTOR_ROLES = frozenset({"source", "target", "participants"})
ANY_ROLE = frozenset(ROLES)
#: The family of places "prep:WORD": the object of the preposition WORD.
PREPOSITION_PREFIX = "prep:"
#: "obj_prep:WORD": the object of WORD on the verb's object ("froze the assets [of] X").
OBJECT_PREPOSITION_PREFIX = "obj_prep:"
#: "part_prep:WORD": the object of WORD on a participle modifying the noun ("sanctions aimed [at] X").
PARTICIPLE_PREPOSITION_PREFIX = "part_prep:"
_PREPOSITION = re.compile(r"[a-z]+")

TokenReader = Callable[["ArgumentReader", Token, "Trigger"], list[Token]]
#: (reader, trigger, entry, goods) -> (actor ids, how they were found: a key of CONFIDENCE)
ActorReader = Callable[["ArgumentReader", Token, "Trigger", tuple[Token, ...]], tuple[list[str], str]]


@dataclass(frozen=True)
class Place:
    """One argument place.

    Attributes
    ----------
    name : str
        As written in relations.yaml ("subj", "prep:to").
    roles : frozenset of str
        The argument lists (``ROLES``) the place may stand in.
    tokens : callable or None
        ``(reader, trigger, entry) -> list[Token]``: the tokens at the place; None for a
        place that names actors without tokens of its own.
    actors : callable or None
        ``(reader, trigger, entry, goods) -> (ids, how)``: the actors at the place; None to read
        the actors of ``tokens`` (the ``ArgumentReader.token_actors`` default).
    fallback : bool
        Read by the trigger frame only after the other places named no one.
    before_trigger : bool
        In plain word order the place stands before the trigger (a subject, a possessor): the
        parser-less window reading takes the actors before the trigger for it.
    doc : str
        The English the place handles (the reader's docstring).
    """
    name: str
    roles: frozenset[str]
    tokens: TokenReader | None = None
    actors: ActorReader | None = None
    fallback: bool = False
    before_trigger: bool = False
    doc: str = ""


#: Place name -> Place, filled by ``@place``; ``prep:WORD`` places are made by ``resolve_place``.
PLACES: dict[str, Place] = {}


def place(name: str, roles=ANY_ROLE, reads: str = "tokens", actors: ActorReader | None = None,
          before_trigger: bool = False):
    """Register the decorated function as the reader of the place ``name``.

    Parameters
    ----------
    name : str
        The place name used in relations.yaml.
    roles : iterable of str
        The argument lists the place may stand in (default: any).
    reads : {"tokens", "actors"}
        Whether the function returns the tokens at the place or ``(actor ids, how)``.
    actors : callable, optional
        For a token place, how its actors are read when not by ``ArgumentReader.token_actors``.
    before_trigger : bool
        The place stands before the trigger in plain word order (see ``Place``).

    Raises
    ------
    ValueError
        A place registered twice, or an unknown ``reads``.
    """
    if reads not in ("tokens", "actors"):
        raise ValueError(f"place {name!r}: reads must be 'tokens' or 'actors', not {reads!r}")

    def register(function):
        if name in PLACES:
            raise ValueError(f"place {name!r} registered twice")
        PLACES[name] = Place(name, frozenset(roles), tokens=function if reads == "tokens" else None,
                             actors=function if reads == "actors" else actors, before_trigger=before_trigger,
                             doc=(function.__doc__ or "").strip())
        return function
    return register


def known_places() -> list[str]:
    """Every place name, sorted, with each ``prep:WORD`` family as one item."""
    return sorted(PLACES) + [prefix + "WORD" for prefix in (PREPOSITION_PREFIX, OBJECT_PREPOSITION_PREFIX,
                                                             PARTICIPLE_PREPOSITION_PREFIX)]


def resolve_place(name: str, role: str | None = None) -> Place:
    """The Place of a name, checked against the argument list it stands in.

    Parameters
    ----------
    name : str
        A place name ("obj", "prep:against").
    role : str, optional
        One of ``ROLES``; when given, the place must be allowed there.

    Returns
    -------
    Place

    Raises
    ------
    kgraph.errors.UnknownPlace
        A name in no registry entry, or a place not allowed in ``role`` (the message says which).

    Examples
    --------
    >>> resolve_place("prep:to").name
    'prep:to'
    >>> resolve_place("subject")
    Traceback (most recent call last):
    ...
    kgraph.errors.UnknownPlace: unknown argument place 'subject' (known: ...)
    """
    found = PLACES.get(name)
    for prefix, family in ((PREPOSITION_PREFIX, _preposition_place),
                           (OBJECT_PREPOSITION_PREFIX, _object_preposition_place),
                           (PARTICIPLE_PREPOSITION_PREFIX, _participle_preposition_place)):
        if name.startswith(prefix):
            found = family(name[len(prefix):])
    if found is None:
        raise UnknownPlace(f"unknown argument place {name!r}", f"known: {', '.join(known_places())}")
    if role is not None and role not in found.roles:
        raise UnknownPlace(f"argument place {name!r} cannot stand in {role!r}",
                           f"it stands in: {', '.join(sorted(found.roles))}")
    return found


@lru_cache(maxsize=None)
def _preposition_place(word: str) -> Place | None:
    if not _PREPOSITION.fullmatch(word):
        return None

    def tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
        return preposition_tokens(reader, trigger, entry, word)
    return Place(PREPOSITION_PREFIX + word, ANY_ROLE, tokens=tokens, doc=(preposition_tokens.__doc__ or "").strip())


@lru_cache(maxsize=None)
def _object_preposition_place(word: str) -> Place | None:
    if not _PREPOSITION.fullmatch(word):
        return None

    def tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
        return object_preposition_tokens(reader, trigger, entry, word)
    return Place(OBJECT_PREPOSITION_PREFIX + word, ANY_ROLE, tokens=tokens,
                 doc=(object_preposition_tokens.__doc__ or "").strip())


@lru_cache(maxsize=None)
def _participle_preposition_place(word: str) -> Place | None:
    if not _PREPOSITION.fullmatch(word):
        return None

    def tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
        return [t for p in participles(trigger, _targeting(reader)) for t in prepositional_objects(p, word)]
    return Place(PARTICIPLE_PREPOSITION_PREFIX + word, ANY_ROLE, tokens=tokens,
                 doc="Object of the preposition WORD on a participle that modifies a noun trigger "
                     "(\"part_prep:at\": \"sanctions aimed at X\", \"measures directed against X\").")


def object_preposition_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger, word: str) -> list[Token]:
    """Object of the preposition WORD on a verb trigger's object ("obj_prep:of": "froze the assets of
    X"; "obj_prep:in": "attended the ceremony in Gliwice"; "obj_prep:to": "halted exports to X")."""
    if entry.pos != "verb":
        return []
    return [t for o in objects(trigger) for t in prepositional_objects(o, word)]


def participles(noun: Token, targeting: frozenset[str] = frozenset()) -> list[Token]:
    """Participles and relative verbs that modify a noun ("sanctions [aimed] at X", "measures
    [targeting] X"), also on the noun's "of" phrase ("a round of sanctions [targeting] X"); with
    ``targeting`` (lemmas) also a relative clause of one of those verbs whose subject is the
    relative pronoun ("sanctions which [target] X", "measures that [hit] X")."""
    hosts = [noun] + prepositional_objects(noun, "of")
    return [c for h in hosts for c in h.children if c.dep_ in ("acl", "relcl") and (
        c.tag_ in ("VBN", "VBG") or (c.dep_ == "relcl" and is_verbal(c) and c.lemma_.lower() in targeting
                                     and any(s.dep_ == "nsubj" and s.lower_ in RELATIVE_PRONOUNS
                                             for s in c.children)))]


# --- places that read tokens ---------------------------------------------------------------
def _subject_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                    goods: tuple[Token, ...]) -> tuple[list[str], str]:
    if entry.pos == "verb":
        if entry.not_args and any(word_in(t, entry.not_args) for t in subjects(trigger)):
            return [], entry.pos  # "the system from Germany arrived in Ukraine": goods, not a visitor
        return reader.subject_actors(trigger), entry.pos
    return reader.token_actors(PLACES["subj"], trigger, entry), entry.pos


@place("subj", actors=_subject_actors, before_trigger=True)
def subject_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """Grammatical subject of a verb trigger: the "by" agent of a passive, the controller of
    "X plans to ...", "X is expected to ...", "asked X to ..." (see ``syntax.subjects``).
    Its actors follow ``ArgumentReader.subject_actors`` ("X said it would ...": X)."""
    return subjects(trigger) if entry.pos == "verb" else []


def _object_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                   goods: tuple[Token, ...]) -> tuple[list[str], str]:
    # "urged the parties, Serbia and Kosovo, to ...": the conjuncts of a phrase that is no party count
    tokens = [t for t in with_conjuncts(object_tokens(reader, trigger, entry)) if not word_in(t, entry.not_args)]
    # "urged all states, including X, to ...": the phrase is no party, its "including" list is
    listed = [g for t in tokens if t in goods for p in t.children if p.dep_ == "prep" and p.lower_ == "including"
              for g in p.children if g.dep_ == "pobj"]
    tokens = [t for t in tokens if t not in goods and (is_verbal(t) or not word_in(t, reader.actors.event_words))]
    return reader.actors_of(tokens + listed), entry.pos


@place("obj", actors=_object_actors)
def object_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """Direct object of a verb trigger, or the subject of a passive, or the noun a past participle
    modifies ("containers sent from ..."). An event noun there is no party ("hosted a meeting
    of X"), nor a phrase naming the goods moved ("sent [AMX-10 RC vehicles]")."""
    return objects(trigger) if entry.pos == "verb" else []


def _named_object_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                         goods: tuple[Token, ...]) -> tuple[list[str], str]:
    tokens = [t for t in with_conjuncts(object_tokens(reader, trigger, entry)) if reader.actors.at(t)]
    return reader.actors_of(tokens), entry.pos


@place("obj_named", roles=ACTOR_ROLES, actors=_named_object_actors)
def named_object_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """Direct object of a verb trigger whose head word itself names an actor ("welcomed [Minister X]",
    not "welcomed [X's decision]"), with its conjuncts."""
    return objects(trigger) if entry.pos == "verb" else []


@place("dative")
def dative_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """Indirect object ("gave Ukraine tanks"; "offer Iran advanced technology", which the small
    parser reads as a modifier of the object)."""
    found = [c for c in trigger.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    found += [c for o in (objects(trigger) if entry.pos == "verb" else []) for c in o.lefts
              if c.dep_ == "nmod" and c.pos_ == "PROPN" and c.i > trigger.i
              and all(t.dep_ == "det" for t in trigger.doc[trigger.i + 1: c.left_edge.i])]  # "sell the UAE jets"
    return found


def preposition_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger, word: str) -> list[Token]:
    """Object of the preposition WORD ("prep:to": "sent to Russia"); for a verb trigger also on its
    object, for a noun trigger also on the verb that governs it or on its "of" phrase ("imposed
    sanctions on X", "the transfer of know-how from X"), where only a phrase naming an actor counts
    unless the verb is a support verb."""
    verbal = entry.pos == "verb"
    found = prepositional_objects(trigger, word)
    if verbal:
        hosts = with_conjuncts(objects(trigger))  # "ordered frigates and a batch of missiles from X"
        hosts += [held for h in hosts for held in (reader.contents(h),) if held is not h]  # "80 percent of its arms from X"
    else:
        hosts = [governing_verb(trigger)[0]] + prepositional_objects(trigger, "of")
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and word_in(
                trigger.head.head, reader.lexicon.objects.get("containers", ())):
            hosts.append(trigger.head.head)  # "hundreds of airstrikes [on] X": the count holds the phrase
        if trigger.dep_ == "conj" and trigger.head.pos_ == "NOUN" and trigger.head.i < trigger.i \
                and not word_in(trigger.head, reader.actors.event_words):
            hosts.append(trigger.head)  # "Syrian drone and missile attacks [in] X", split by the parser
    for host in hosts:
        support = host is not None and bool(lemma_forms(host) & reader.lexicon.support_verbs)
        if host is not None and not found and (verbal or not is_verbal(host) or support):
            # on another noun only a phrase naming an actor counts: "the transfer of know-how from
            # X"; on the support verb also goods: "signed a contract with X for [howitzers]"
            found = [t for t in prepositional_objects(host, word)
                     if t is not trigger and (verbal or (support and is_verbal(host)) or reader.actors_of([t]))]
    return found


def _possessor_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                      goods: tuple[Token, ...]) -> tuple[list[str], str]:
    tokens = [t for t in possessor_tokens(reader, trigger, entry) if not word_in(t, entry.not_args)]
    found = reader.actors_of(tokens)
    pronouns = [t for t in tokens if t.lower_ in PRONOUNS]
    if not found and pronouns:
        found = reader.governing_subject(trigger, any_verb=True)
        clause = trigger.head
        if not found and entry.type == "request" and trigger.dep_ in ("nsubj", "nsubjpass") \
                and clause.dep_ in ("ccomp", "xcomp") and is_verbal(clause.head):
            # "X reiterated [its call] on Y to ...", the noun parsed as the subject of a clause of X's verb
            found = reader.subject_actors(clause.head)
        return found, "gov_subj"
    return found, entry.pos


@place("poss", actors=_possessor_actors, before_trigger=True)
def possessor_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """Possessor of a noun trigger ("Russia's invasion"); "its invasion" follows the subject of
    the verb that governs the noun, or, when the noun is parsed as the subject of a clause, the
    subject of the verb above that clause, for a request ("X reiterated its call on Y to ...")."""
    return [c for c in trigger.children if c.dep_ == "poss"]


@place("ccomp_subj", roles=ACTOR_ROLES)
def clause_subject_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """Subject of the clause a verb trigger governs ("demanded that Russia withdraw", "urged that
    both sides return"; "insisted Tehran must stop")."""
    if entry.pos != "verb":
        return []
    return [s for c in trigger.children if c.dep_ == "ccomp" for s in c.children
            if s.dep_ in ("nsubj", "nsubjpass")]


@place("xcomp_from", roles=ACTOR_ROLES)
def infinitive_source_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """The "from" object of the infinitive a verb trigger governs: "asked to buy jets [from] X" (the
    one asked is the seller), also on the infinitive's object ("to buy jets from X")."""
    if entry.pos != "verb":
        return []
    found: list[Token] = []
    for clause in trigger.children:
        if clause.dep_ == "xcomp" and is_verbal(clause):
            found += prepositional_objects(clause, "from") or [
                t for o in with_conjuncts(objects(clause)) for t in prepositional_objects(o, "from")]
    return found


@place("obj_poss", roles=ACTOR_ROLES)
def object_possessor_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """Possessor of a verb trigger's object ("froze Iran's assets", "banned Russia's exports")."""
    if entry.pos != "verb":
        return []
    return [c for o in objects(trigger) for c in o.children if c.dep_ == "poss"]


@place("part_obj", roles=ACTOR_ROLES)
def participle_object_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """Object of a participle that modifies a noun trigger ("measures targeting X", "a package
    of sanctions targeting X")."""
    return [c for p in participles(trigger, _targeting(reader)) for c in p.children if c.dep_ in ("dobj", "obj")]


def _targeting(reader: ArgumentReader) -> frozenset[str]:
    """The verbs of a relative clause that says whom a measure is against (relations.yaml objects)."""
    return reader.lexicon.objects.get("targeting_verbs", frozenset())


@place("compound", roles=("object",))
def compound_tokens(reader: ArgumentReader, trigger: Token, entry: Trigger) -> list[Token]:
    """(objects) a compound modifier of a noun trigger that names no actor ("arms [shipments]")."""
    return [c for c in trigger.children if c.dep_ in ("compound", "nmod") and not reader.actors.at(c)]


# --- places that read actors -------------------------------------------------------------
@place("mod", roles=ACTOR_ROLES, reads="actors")
def modifier_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                    goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """An actor named in the noun's modifiers ("Russian strikes", "US sanctions")."""
    return reader.actors.in_modifiers(trigger), entry.pos


@place("gov_subj", roles=ACTOR_ROLES, reads="actors")
def governing_subject_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                             goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """Subject of the support verb that governs a noun trigger ("the US imposed sanctions", "they
    held talks", "engaged in combat"; see support_verbs and frame_prepositions)."""
    return reader.governing_subject(trigger), "gov_subj"


@place("predicated", roles=ACTOR_ROLES, reads="actors")
def predicated_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                      goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """What the noun is said of ("X is an ally of Y", "views X as a cobelligerent", "Turkey, a NATO ally")."""
    return reader.actors_of(predicated_of(trigger)), entry.pos


@place("event_obj", roles=ACTOR_ROLES, reads="actors")
def event_object_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                        goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """The actors of the event a verb's object names ("condemned Russia's invasion"; "condemned the
    launch": those of the launch told before)."""
    return (reader.event_actors(trigger) if entry.pos == "verb" else []), entry.pos


@place("site_in", roles=ACTOR_ROLES, reads="actors")
def site_actors(reader: ArgumentReader, trigger: Token, entry: Trigger,
                goods: tuple[Token, ...]) -> tuple[list[str], str]:
    """(attacks) The state a place attacked is in, named on the verb ("hit a fuel depot in Syria")."""
    sites = objects(trigger) if entry.pos == "verb" else []
    found = reader.actors_of(prepositional_objects(trigger, "in")) if sites and all(
        word_in(t, reader.actors.place_heads) for t in sites) else []
    return found, entry.pos


# --- fallbacks the frame reads after the other places ------------------------------------
def _fallback(name: str, roles, doc: str) -> None:
    PLACES[name] = Place(name, frozenset(roles), fallback=True, doc=doc)


_fallback("goods_mod", ("source",), """(purchases) An actor named in the goods' modifiers ("India bought Russian
S-400s": Russia supplied); read by the frame when the other source places named no one.""")
_fallback("if_subj", ("target",), """The subject of an "if" clause on the trigger or its verb ("will impose sanctions
if Y does"; a pronoun there is the last other actor named): ``ArgumentReader.conditional_subject``.""")
_fallback("context", ("target",), """(transfers) The recipient of a transfer told up to three sentences before, when
this one names goods but no recipient ("and Poland will deliver jets"): ``ArgumentReader.context_target``.""")


# --- ``when``: the words an entry needs around its verb --------------------------------------
#: The places a ``when`` condition may name besides ``prep:WORD``: the object (or object
#: predicate: "called X a liar"), the subject, a particle ("set off"), the object predicate
#: ("holds X responsible"), an adverb ("met virtually"), a governed clause ("demanded that") and a
#: governed clause of obligation ("X must return to talks, Y said").
WHEN_PLACES = ("obj", "subj", "prt", "oprd", "advmod", "ccomp", "ccomp_modal")
#: Auxiliaries of obligation: "X must return to talks, Y said" is Y's request to X (``ccomp_modal``).
OBLIGATION = frozenset({"must", "should"})


def is_when_place(name: str) -> bool:
    """Whether ``name`` is a place a ``when`` condition may name."""
    if name.startswith(PREPOSITION_PREFIX):
        return bool(_PREPOSITION.fullmatch(name[len(PREPOSITION_PREFIX):]))
    return name in WHEN_PLACES


def when_tokens(trigger: Token, name: str) -> list[Token]:
    """The tokens a ``when`` condition looks at around a verb trigger (see ``WHEN_PLACES``)."""
    if name == "obj":
        return objects(trigger) + [c for c in trigger.children if c.dep_ in ("oprd", "attr")]
    if name == "subj":
        return subjects(trigger)
    if name == "prt":
        return [c for c in trigger.children if c.dep_ == "prt"]
    if name == "oprd":  # "holds X responsible", "branded the strike a war crime" (parsed as a clause)
        found = [c for c in trigger.children if c.dep_ in ("oprd", "acomp", "attr")]
        for clause in trigger.children:
            # "held X fully [responsible]": an adjective the parser hangs as an adverbial clause
            if clause.dep_ in ("ccomp", "xcomp") or (clause.dep_ == "advcl" and clause.pos_ == "ADJ"):
                found.append(clause)
                found.extend(c for c in clause.children if c.dep_ in ("attr", "oprd", "acomp", "dobj"))
        for obj in objects(trigger):  # "holds X [responsible]" read as a modifier of X
            found.extend(c for c in obj.children if c.dep_ in ("amod", "appos", "acl") and c.i > obj.i)
        # "branded the strike [a war crime]" parsed as two objects: the later one is the predicate
        direct = [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
        found.extend(direct[1:])
        return found
    if name == "advmod":
        return [c for c in trigger.children if c.dep_ == "advmod"]
    if name == "ccomp":
        return [c for c in trigger.children if c.dep_ == "ccomp"]
    if name == "ccomp_modal":
        return [c for c in trigger.children if c.dep_ == "ccomp" and is_verbal(c)
                and any(a.dep_ == "aux" and a.lower_ in OBLIGATION for a in c.children)]
    if name.startswith(PREPOSITION_PREFIX):
        word = name[len(PREPOSITION_PREFIX):]
        found = prepositional_objects(trigger, word)
        if not found and not is_verbal(trigger):  # "signed a contract with X [for] howitzers"
            verb, _ = governing_verb(trigger)
            found = prepositional_objects(verb, word) if verb is not None else []
        return found
    return []


def phrase_matches(token: Token, phrase: str) -> bool:
    """Whether the phrase headed by ``token`` says ``phrase``: its last word is the token's lemma or
    form and the others stand among the token's modifiers ("terrorist entity", "war crime"), or the
    phrase is said as such inside it ("an [act of aggression] against X")."""
    return _Said(token).says(phrase)


class _Said:
    """What a token at a ``when`` place says, computed once: its own forms, the forms of the words
    before it in its phrase, and its phrase's text."""
    __slots__ = ("forms", "before", "text")

    def __init__(self, token: Token) -> None:
        self.forms = {token.lower_, token.lemma_.lower()}
        self.before = {w for t in token.subtree if t.i < token.i for w in (t.lower_, t.lemma_.lower())}
        self.text = " " + " ".join(t.lower_ for t in token.subtree) + " "

    def says(self, phrase: str) -> bool:
        words = phrase.split()
        if len(words) == 1:
            return phrase in self.forms
        if f" {phrase} " in self.text:
            return True
        return words[-1] in self.forms and all(w in self.before for w in words[:-1])


def when_holds(trigger: Token, when: tuple[tuple[str, tuple[str, ...]], ...],
               cache: dict | None = None) -> bool:
    """Whether every ``when`` condition of an entry holds at a verb trigger: some token at the place
    says one of the words (any token, when no words are given). ``cache`` (a dict the caller keeps
    per trigger token) holds the tokens read at each place, for the next entries of the same word."""
    cache = {} if cache is None else cache
    for name, singles, phrases in _split_when(when):
        said = cache.get(name)
        if said is None:
            said = cache[name] = [_Said(t) for t in when_tokens(trigger, name)]
            cache[name, "forms"] = frozenset(w for s in said for w in s.forms)
        if not said:
            return False
        if not singles and not phrases:
            continue
        if singles & cache[name, "forms"]:
            continue
        if not any(s.says(w) for s in said for w in phrases):
            return False
    return True


@lru_cache(maxsize=None)
def _split_when(when: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    """Each condition's one-word words as a set (matched on the forms of the tokens at once) and its phrases."""
    return tuple((name, frozenset(w for w in words if " " not in w), tuple(w for w in words if " " in w))
                 for name, words in when)
