"""Relations from the dependency parse: trigger words (ontologies/relations.yaml) and
their arguments, found where the trigger's entry says they sit.

One candidate per trigger token: the first entry of the lexicon whose places
yield the actors it needs (a source and a target, two participants, or a
launcher) wins. This module holds the trigger frames (``RelationReader``: what
an entry requires of its goods, modifiers and actors) and ``Actors`` (which
entities the tokens name); the argument places are a registry
(``kgraph.extract.places``) read by ``kgraph.extract.arguments.ArgumentReader``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import ACTOR_TYPES, Entity, Mention
from .arguments import ANAPHORA_REACH, CONFIDENCE, CONTEXT_SENTENCES, ArgumentReader
from .lexicon import TRANSFER, TRANSFER_TYPES, Lexicon, Trigger
from .syntax import FINITE_OR_BARE, PRONOUNS, governing_verb, is_verbal, lemma_forms, objects, \
    prepositional_objects, subjects
from .syntax import anaphoric as _anaphoric
from .syntax import word_in as _word_in

#: Modifier dependencies of a noun that may name an actor ("Russian strikes") or qualify an
#: event noun ("military ties"); the cue dependencies of modality are ``modality.CUE_DEPS``.
MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod")
#: Pronouns that take up the last person named ("he said").
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
#: Prepositions of place and the entity types they take: a state is a place "in" it,
#: not "at" it ("fired missiles at Israel").
PLACE_PREPOSITIONS = {"in": ("Location", "Country"), "at": ("Location",)}
#: A wire-service dateline at the head of the story, after any headline ("SEOUL (AP) - ",
#: "KYIV, Ukraine, May 3 (Reuters) -"): the city and agency are where the story was filed,
#: not actors of its first sentence.
DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z.'/\- ]{1,40}(?:,[\w.' ]{1,40}){0,2}[ \t]*(?:\([^()]{1,40}\))?[ \t]*"
                      r"[-\u2013\u2014]{1,2}[ \t]+(?=[\"\u201cA-Z])", re.MULTILINE)
#: How far into a text a dateline may be.
DATELINE_REACH = 600
#: Pronouns standing for one state or organisation, and for several actors.
SINGULAR_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
#: Entity types "it" may stand for.
CORPORATE_TYPES = ("Country", "Organization")


@dataclass
class Candidate:
    """A relation read at one trigger, before modality, time and place."""
    type: str
    trigger: Token
    trigger_text: str
    source: list[str]
    target: list[str]
    participants: list[str]
    objects: list[str]
    confidence: float
    #: The word whose clause tells the modality and time, when not the trigger: the action
    #: under "threatened to [strike]" is told by "threatened".
    anchor: Token | None = None
    #: A symmetric type the event implies among its parties ("hosted X": they met).
    also: str | None = None


class Actors:
    """Which entities the tokens of a parsed document refer to."""

    def __init__(self, parsed: Doc, mentions: list[Mention], entities: list[Entity], gazetteer=None,
                 document_id: str | None = None, lexicon: Lexicon | None = None) -> None:
        self.entities = {e.id: e for e in entities}
        #: Event nouns ("the strikes") are not phrases about actors; place nouns stand for their state.
        self.event_words = lexicon.trigger_lemmas if lexicon else frozenset()
        self.place_heads = lexicon.objects.get("place_heads", frozenset()) if lexicon else frozenset()
        self.containers = lexicon.objects.get("containers", frozenset()) if lexicon else frozenset()
        self.patrons = lexicon.objects.get("patron_modifiers", frozenset()) if lexicon else frozenset()
        self.group_nouns = lexicon.objects.get("group_nouns", frozenset()) if lexicon else frozenset()
        self.aid_nouns = lexicon.objects.get("aid_nouns", frozenset()) if lexicon else frozenset()
        self.document_id = document_id
        self.gazetteer = gazetteer
        #: States brought in for the places that stand for them; the caller adds them to the graph.
        self.added: list[Entity] = []
        self.by_token: dict[int, list[str]] = {}
        # The opening characters from the tokens themselves: Doc.text would rebuild the whole text.
        opening = parsed[:DATELINE_REACH].text[:DATELINE_REACH]
        dateline = DATELINE.search(opening)
        filed = (dateline.start(), dateline.end()) if dateline else (0, 0)
        for mention in mentions:
            if filed[0] <= mention.start and mention.end <= filed[1]:
                continue
            span = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                ids = self.by_token.setdefault(token.i, [])
                if mention.entity not in ids:
                    ids.append(mention.entity)

    def _add_state(self, entity_id: str) -> None:
        entry = self.gazetteer.entries.get(entity_id) if self.gazetteer is not None else None
        if entry is None:
            return
        entity = Entity(entry.id, entry.label, entry.type, list(entry.aliases), entry.wikidata,
                        [self.document_id] if self.document_id else [], entry.country)
        self.entities[entity_id] = entity
        self.added.append(entity)

    def type_of(self, entity_id: str) -> str | None:
        entity = self.entities.get(entity_id)
        return entity.type if entity else None

    def at(self, token: Token, types=ACTOR_TYPES) -> list[str]:
        """Entities of ``types`` at the token; a city or region stands for its state when
        actors are asked for ("visited Moscow", "strikes on Kharkiv")."""
        found = []
        for entity_id in self.by_token.get(token.i, ()):
            entity = self.entities.get(entity_id)
            if entity is None:
                continue
            if entity.type not in types and types is ACTOR_TYPES and entity.type == "Location" and entity.country:
                entity_id = entity.country
                if entity_id not in self.entities:
                    self._add_state(entity_id)
            if self.type_of(entity_id) in types and entity_id not in found:
                found.append(entity_id)
        return found

    def of_phrase(self, token: Token, types=ACTOR_TYPES) -> list[str]:
        """The actors a noun phrase names: its head's, else its modifiers' ("North Korean troops",
        "Russia's defense sector"), else, for "these troops", those of the phrase it takes up."""
        found = self._named_in_phrase(token, types)
        if not found and token.pos_ == "NOUN" and _anaphoric(token) and not _word_in(token, self.event_words):
            found = self._antecedent(token, types)
            if not found and _word_in(token, self.group_nouns) and "Organization" in types:
                found = self.pronoun_antecedent(token, types=("Organization",))  # "the group" is the last one named
            if not found and token.tag_ in ("NNS", "NNPS") and any(
                    c.dep_ == "nummod" or c.lower_ == "both" for c in token.children):
                found = self.pronoun_antecedent(token, plural=True)  # "the two men", "both sides"
        return found

    def _last_person(self, pronoun: Token) -> list[str]:
        """"he", "she": the last person named before, in this sentence or the one before."""
        start = pronoun.sent.start
        if start > 0:
            start = pronoun.doc[start - 1].sent.start
        named = [(t, self.at(t, ("Person",))) for t in pronoun.doc[start: pronoun.i]]
        named = [(t, people) for t, people in named if people]
        # the subject of a clause is the likelier antecedent: "X hosted Y as he pressed ..."
        subjects_ = [people for t, people in named if _in_subject(t)]
        return (subjects_ or [people for _, people in named] or [[]])[-1][:1]

    def pronoun_antecedent(self, pronoun: Token, exclude=(), types=None, plural: bool = False) -> list[str]:
        """"it"/"its": the last subject before it, in this sentence or the one before, that names
        one state or organisation; "they"/"their": the last subject naming several actors
        ("the two leaders ... They signed"). Actors in ``exclude`` (the other party) are passed over.
        With ``types``, the pronoun is a noun such as "the group": one actor of these types; with
        ``plural``, a noun such as "the two men": several."""
        word = pronoun.lower_
        if types is None and not plural and word not in SINGULAR_PRONOUNS and word not in PLURAL_PRONOUNS:
            return []
        # a description ("the two men", "the group") reaches further back than a pronoun
        start = RelationReader._sentences_back(pronoun, 1 if types is None and not plural else CONTEXT_SENTENCES)
        plural = plural or (word in PLURAL_PRONOUNS and types is None)
        for token in reversed(pronoun.doc[start: pronoun.i]):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.lower_ in PRONOUNS:
                continue
            if plural:
                named = self._named_in_phrase(token, ACTOR_TYPES)
                named += [e for t in token.conjuncts for e in self._named_in_phrase(t, ACTOR_TYPES)
                          if e not in named]
            else:
                named = self._named_in_phrase(token, types or CORPORATE_TYPES)
            named = [e for e in named if e not in exclude]
            if (plural and len(named) >= 2) or (not plural and len(named) == 1):
                return named
        return []

    def _antecedent(self, noun: Token, types) -> list[str]:
        """The actors of the last earlier phrase with the same head noun that named some."""
        lemma = noun.lemma_.lower()
        for earlier in reversed(noun.doc[max(0, noun.i - ANAPHORA_REACH): noun.i]):
            if earlier.lemma_.lower() == lemma and earlier.pos_ == "NOUN":
                found = self._named_in_phrase(earlier, types)
                if found:
                    return found
        return []

    def _named_in_phrase(self, token: Token, types) -> list[str]:
        found = self.at(token, types)
        if not found and token.lower_ in PERSONAL_PRONOUNS and "Person" in types:
            return self._last_person(token)
        if found or token.lower_ in PRONOUNS:
            return found
        for child in token.lefts:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.tag_ not in FINITE_OR_BARE \
                    and not _word_in(child, self.patrons):  # "the Iran-backed group" is not Iran
                for t in child.subtree:
                    found.extend(e for e in self.at(t, types) if e not in found)
            if child.dep_ == "poss" and not found:  # "their navies will stage ..."
                found.extend(e for e in self.pronoun_antecedent(child) if self.type_of(e) in types)
        if not found and not _word_in(token, self.aid_nouns):  # "with help from X": X helps, is not the one
            # "the defense chiefs of Japan and Korea", "officials from China", "cities across Ukraine"
            prepositions = ("of", "from", "in", "across") if _word_in(token, self.place_heads) else ("of", "from")
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ in prepositions:
                    for pobj in child.children:
                        for t in (pobj, *pobj.conjuncts):
                            # "dozens of Houthi targets": a quantity names what it counts; "a refinery in
                            # Russia's Krasnodar region": a place is in the place its phrase names
                            nested = (_word_in(token, self.containers) and child.lower_ == "of") or (
                                _word_in(token, self.place_heads) and _word_in(t, self.place_heads))
                            named = self._named_in_phrase(t, types) if nested else self.at(t, types)
                            found.extend(e for e in named if e not in found)
        return found

    def in_modifiers(self, noun: Token) -> list[str]:
        """Actors named in a noun's modifiers: "Russian strikes", "US-Japan drills"."""
        found: list[str] = []
        for child in noun.children:
            if child.dep_ in MODIFIER_DEPS:
                for t in child.subtree:
                    found.extend(e for e in self.at(t) if e not in found)
        return found


class RelationReader(ArgumentReader):
    """Reads candidates from one parsed document: at each trigger token, the first entry of the
    lexicon whose frame is filled (see ``read``); argument places are read by ``ArgumentReader``.

    Parameters
    ----------
    lexicon : Lexicon
    actors : Actors
        Which entities the document's tokens refer to.
    """

    def __init__(self, lexicon: Lexicon, actors: Actors) -> None:
        super().__init__(lexicon, actors)
        #: Candidates read so far, by trigger token; an event noun may be read early as the
        #: object of a verb ("condemned the launch").
        self.read_at: dict[int, Candidate | None] = {}

    # --- objects --------------------------------------------------------------------
    def _classify(self, tokens: list[Token]) -> str | None:
        """The class of the goods: technology, materiel, civil or unknown; None without any."""
        if not tokens:
            return None
        words: set[str] = set()
        heads: set[str] = set()
        for token in tokens:
            heads.add(token.lemma_.lower())
            words.update(t.lemma_.lower() for t in _phrase_tokens(token))
            words.update(t.lower_ for t in _phrase_tokens(token))
            words.update(_phrase_text(token).lower().split())  # "know-how" is three tokens
        phrases = " ".join(_phrase_text(token).lower() for token in tokens)
        objects_ = self.lexicon.objects

        def named(kind: str) -> bool:
            vocabulary = objects_.get(kind, set())
            return bool(words & vocabulary) or any(" " in w and w in phrases for w in vocabulary)

        if named("technology"):
            return "technology"
        named_materiel = any(self.actors.at(t, ("Materiel",)) for token in tokens for t in _phrase_tokens(token))
        if named_materiel or named("materiel"):
            return "materiel"
        if heads & objects_.get("military_heads", set()) and words & objects_.get("military_qualifiers", set()):
            return "materiel"
        if named("civil"):
            return "civil"
        return "unknown"

    def _is_projectile(self, tokens: list[Token]) -> bool:
        """Missiles, rockets, satellites; not "missile strikes" (an attack is launched, not fired)."""
        projectile = self.lexicon.objects.get("projectile", set())
        attacks = {lemma for t in self.lexicon.triggers if t.type == "armed_conflict" for lemma in t.lemmas}
        return any(not _word_in(token, attacks) and any(_word_in(t, projectile) for t in _phrase_tokens(token))
                   for token in tokens)

    # --- candidates -----------------------------------------------------------------------
    def read(self, token: Token) -> Candidate | None:
        """The candidate read at a trigger token, or None; read once per token (an event noun may be
        read early as the object of a verb, "condemned the launch").

        Parameters
        ----------
        token : spacy.tokens.Token
            A token whose lemma or lower-case form is a trigger word.

        Returns
        -------
        Candidate or None
            The first entry of the lexicon (in file order, for the token's lemma and part of speech)
            whose frame is filled; an attack its own actor threatened is read as a threat.
        """
        if token.i not in self.read_at:
            self.read_at[token.i] = self._read(token)
        return self.read_at[token.i]

    def _read(self, token: Token) -> Candidate | None:
        if not (token.lemma_.lower() in self.actors.event_words or token.lower_ in self.actors.event_words):
            return None
        pos = "verb" if is_verbal(token) else "noun" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return None
        lemma = token.lemma_.lower()
        for entry in self.lexicon.triggers_for(lemma, pos) or self.lexicon.triggers_for(token.lower_, pos):
            candidate = self._read_entry(token, entry)
            if candidate is not None:
                return self._as_threat(candidate)
        return None

    def _as_threat(self, candidate: Candidate) -> Candidate:
        """"X threatened to strike Y", "X warned it would attack Y": the threat is the event
        the text tells, not the attack (when the one who threatens is the one who would act)."""
        trigger = candidate.trigger
        verb = trigger.head
        if candidate.type not in self.lexicon.threatened_types or trigger.dep_ not in ("xcomp", "ccomp") or \
                not (lemma_forms(verb) & self.lexicon.threat_verbs) or not candidate.target:
            return candidate
        speaker = self.subject_actors(verb)
        # the one who vows speaks for whoever acts ("a spokesman vowed the group would strike")
        committed = not speaker and lemma_forms(verb) & self.lexicon.commitment_verbs
        if not (set(candidate.source) & set(speaker) or committed):
            return candidate
        candidate.type, candidate.anchor, candidate.objects = "threat", verb, []
        return candidate

    def earlier(self, token: Token, relation_type: str, reach: int = ANAPHORA_REACH) -> Candidate | None:
        """The last candidate of a type read before the token, within ``reach`` tokens, that
        names its actors."""
        found = [c for i, c in self.read_at.items() if c is not None and c.type == relation_type
                 and token.i - reach <= i < token.i and (c.source or c.participants)]
        return max(found, key=lambda c: c.trigger.i, default=None)

    def event_actors(self, verb: Token) -> list[str]:
        """"condemned the launch", "denounced Russia's invasion": the actors of the event the
        object names, read there or, for "the launch", taken up from where it was told."""
        found: list[str] = []
        for noun in objects(verb):
            if not _word_in(noun, self.actors.event_words) or is_verbal(noun):
                continue
            event = self.read(noun)
            if (event is None or not (event.source or event.participants)) and _anaphoric(noun):
                event = self._told_before(noun)
            if event is not None:
                found.extend(e for e in (event.source or event.participants) if e not in found)
            else:  # "condemned what it called Israeli aggression": the aggressor the noun names
                found.extend(e for e in self.actors.in_modifiers(noun) if e not in found)
        return found

    def _told_before(self, noun: Token) -> Candidate | None:
        """The event "the strikes" takes up: the last one told with the same word ("struck",
        "strikes"), else the last of its type told in the last few sentences."""
        lemma = noun.lemma_.lower()
        told = [c for i, c in self.read_at.items() if c is not None and noun.i - ANAPHORA_REACH <= i < noun.i
                and (c.source or c.participants)]
        same_word = [c for c in told if c.trigger.lemma_.lower() == lemma]
        if same_word:
            return max(same_word, key=lambda c: c.trigger.i)
        start = self._sentences_back(noun, CONTEXT_SENTENCES)
        types = {t.type for t in self.lexicon.triggers if t.pos == "noun" and _word_in(noun, t.lemmas)}
        near = [c for c in told if c.trigger.i >= start and c.type in types]
        return max(near, key=lambda c: c.trigger.i, default=None)

    def _context_target(self, trigger: Token, relation_type: str, source: list[str]) -> list[str]:
        """"Germany will send tanks to Ukraine, and Poland plans to deliver jets": a transfer whose
        recipient goes unsaid has the recipient of the last transfer told in this sentence or the
        one before, or a few sentences before when the clause says it adds to it ("has also pledged")."""
        additive = any(t.lower_ in self.lexicon.objects.get("additive", ())
                       for host in (trigger, trigger.head) for t in host.children if t.dep_ == "advmod")
        back = self._sentences_back(trigger, CONTEXT_SENTENCES if additive else 1)
        earlier = self.earlier(trigger, relation_type, reach=trigger.i - back)
        return [t for t in earlier.target if t not in source] if earlier is not None else []

    def _read_entry(self, token: Token, entry: Trigger) -> Candidate | None:
        if entry.under and not (token.dep_ in ("xcomp", "ccomp") and lemma_forms(token.head) & entry.under):
            return None
        if entry.pos == "noun" and not self._modifiers_allow(token, entry):
            return None
        object_tokens = self.object_tokens(entry.object, token, entry) if entry.object else []
        objects_ = [_phrase_text(t) for t in object_tokens]
        relation_type = entry.type
        confidence = CONFIDENCE[entry.pos]
        if entry.type == TRANSFER:
            # a noun trigger can name the goods itself: "military aid", "a weapons package"
            own = [token] if entry.pos == "noun" and token.lemma_.lower() in self.lexicon.objects.get(
                "military_heads", ()) else []
            object_class = self._classify(object_tokens + own) or entry.default_class
            if own and all(t.head is token and t.dep_ != "pobj" for t in object_tokens):
                objects_ = [_phrase_text(token)]  # "long-term security assistance"
            if object_class in TRANSFER_TYPES:
                relation_type = TRANSFER_TYPES[object_class]
            elif entry.unknown_object and object_class in (None, "unknown"):
                relation_type, confidence = "arms_transfer", CONFIDENCE["unknown_object"]
            else:
                return None
        elif entry.object_class == "projectile":
            if object_tokens and not self._is_projectile(object_tokens):
                return None
            if not object_tokens and not _word_in(token, entry.bare_ok):
                return None
        elif entry.object_class:  # "warned X of [consequences]"
            vocabulary = self.lexicon.objects.get(entry.object_class, frozenset())
            if not any(_word_in(t, vocabulary) for t in object_tokens):
                return None
        text = _trigger_text(token)
        if entry.symmetric:
            participants, how = self.fill(entry.participants, token, entry, union=True)
            participants = self._drop_own_officials(participants)
            if len(participants) < 2:
                return None
            return Candidate(relation_type, token, text, [], [], participants, objects_,
                             min(confidence, CONFIDENCE.get(how, confidence)))
        source, how = self.fill(entry.source, token, entry)
        if not source and "goods_mod" in entry.source:  # "India bought Russian S-400s": Russia supplied
            source = [e for t in object_tokens for e in self.actors.in_modifiers(t) if e not in source]
        target: list[str] = []
        if entry.target:
            target, _ = self.fill(entry.target, token, entry, goods=tuple(object_tokens))
            target = [t for t in target if t not in source]
            if not target:
                target = self.pronoun_target(entry.target, token, entry, source)
            if not target and "if_subj" in entry.target:
                target = self.conditional_subject(token, source)
            if not target and source and "context" in entry.target and relation_type in TRANSFER_TYPES.values() \
                    and objects_:
                target, how = self._context_target(token, relation_type, source), "context"
            if not target:
                return None
        # A noun event without a named source may take up an earlier one: "the attempted launch
        # on May 27 failed", "the sanctions include a ban on X".
        if not source and (entry.pos == "verb" or not (_anaphoric(token) or self._restates(token, entry))):
            return None
        return Candidate(relation_type, token, text, source, target, [], objects_,
                         min(confidence, CONFIDENCE.get(how, confidence)), also=entry.also,
                         anchor=token.head if entry.under else None)

    def _restates(self, noun: Token, entry: Trigger) -> bool:
        """Whether the noun details an event its clause's subject takes up ("The sanctions
        include an asset freeze on X")."""
        verb, _ = governing_verb(noun)
        return verb is not None and any(
            _anaphoric(s) and _word_in(s, entry.lemmas) for s in subjects(verb))

    def _modifiers_allow(self, noun: Token, entry: Trigger) -> bool:
        words = {w for c in noun.children if c.dep_ in MODIFIER_DEPS + ("poss",)
                 for t in c.subtree for w in (t.lemma_.lower(), t.lower_)}
        if entry.excludes and words & entry.excludes:
            return False
        return not entry.requires or bool(words & entry.requires)

    def _drop_own_officials(self, ids: list[str]) -> list[str]:
        """A leader listed with his own state is one party, not two."""
        present = set(ids)
        out = []
        for entity_id in ids:
            entity = self.actors.entities.get(entity_id)
            if entity and entity.type == "Person" and entity.country in present:
                continue
            out.append(entity_id)
        return out

    def place_of(self, candidate: Candidate) -> str | None:
        """Where it happened: "in"/"at" a place on the trigger (or on the verb of a noun event)."""
        hosts = [candidate.trigger]
        verb, _ = governing_verb(candidate.trigger)
        if verb is not None:
            hosts.append(verb)
        taken = set(candidate.source + candidate.target + candidate.participants)
        for host in hosts:
            for preposition, types in PLACE_PREPOSITIONS.items():
                for token in prepositional_objects(host, preposition):
                    for place in self.actors.of_phrase(token, types):
                        if place not in taken:
                            return place
        return None


def _in_subject(token: Token) -> bool:
    """Whether the token is in a subject phrase ("President [Biden] hosted ...")."""
    while token.dep_ in ("compound", "flat", "appos", "amod") and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _phrase_tokens(token: Token) -> list[Token]:
    """A noun and the contiguous run of modifiers before it, without determiners, numbers,
    possessives or verbs ("cutting-edge military technology", not "assessing missiles")."""
    left = {t.i for c in token.lefts if c.dep_ in MODIFIER_DEPS
            for t in c.subtree if t.dep_ not in ("det", "poss", "case", "nummod", "quantmod", "advmod")}
    start = token.i
    while start - 1 in left and token.doc[start - 1].pos_ not in ("VERB", "AUX", "CCONJ", "PRON"):
        start -= 1
    return list(token.doc[start: token.i + 1])


def _phrase_text(token: Token) -> str:
    tokens = _phrase_tokens(token)
    return token.doc[tokens[0].i: token.i + 1].text


def _trigger_text(token: Token) -> str:
    """The trigger with the compound words that make it ("arms transfers", "test-fire")."""
    compounds = [c for c in token.lefts if c.dep_ == "compound" and c.i == token.i - 1]
    if compounds:
        return token.doc[compounds[0].i: token.i + 1].text
    return token.text

