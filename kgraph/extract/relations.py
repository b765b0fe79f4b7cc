"""Relations from the dependency parse: trigger words (ontologies/relations.yaml) and
their arguments, found where the trigger's entry says they sit.

One candidate per trigger token: the first entry of the lexicon whose places
yield the actors it needs (a source and a target, two participants, or a
launcher) wins.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import ACTOR_TYPES, Entity, Mention
from .lexicon import TRANSFER, TRANSFER_TYPES, Lexicon, Trigger
from .syntax import (PRONOUNS, governing_verb, is_verbal, lemma_forms, objects, predicated_of,
                     prepositional_objects, subjects, with_conjuncts)

#: Modifier dependencies of a noun that may name an actor ("Russian strikes").
MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod")
#: "these troops" takes up the last "North Korean troops" within this many tokens.
ANAPHORIC_DETERMINERS = frozenset({"these", "those", "the", "this", "that", "such"})
ANAPHORA_REACH = 200
#: Pronouns that take up the last person named ("he said").
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
#: Prepositions of place and the entity types they take: a state is a place "in" it,
#: not "at" it ("fired missiles at Israel").
PLACE_PREPOSITIONS = {"in": ("Location", "Country"), "at": ("Location",)}
#: Confidence of a relation by how its arguments were found.
CONFIDENCE = {"verb": 0.8, "noun": 0.7, "gov_subj": 0.6, "unknown_object": 0.5}


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


class Actors:
    """Which entities the tokens of a parsed document refer to."""

    def __init__(self, parsed: Doc, mentions: list[Mention], entities: list[Entity], gazetteer=None,
                 document_id: str | None = None, lexicon: Lexicon | None = None) -> None:
        self.entities = {e.id: e for e in entities}
        #: Event nouns ("the strikes") are not phrases about actors; place nouns stand for their state.
        self.event_words = lexicon.trigger_lemmas if lexicon else frozenset()
        self.place_heads = lexicon.objects.get("place_heads", frozenset()) if lexicon else frozenset()
        self.document_id = document_id
        self.gazetteer = gazetteer
        #: States brought in for the places that stand for them; the caller adds them to the graph.
        self.added: list[Entity] = []
        self.by_token: dict[int, list[str]] = {}
        for mention in mentions:
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
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                for t in child.subtree:
                    found.extend(e for e in self.at(t, types) if e not in found)
        if not found:
            # "the defense chiefs of Japan and Korea", "officials from China", "cities across Ukraine"
            prepositions = ("of", "from", "in", "across") if _word_in(token, self.place_heads) else ("of", "from")
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ in prepositions:
                    for pobj in child.children:
                        for t in (pobj, *pobj.conjuncts):
                            found.extend(e for e in self.at(t, types) if e not in found)
        return found

    def in_modifiers(self, noun: Token) -> list[str]:
        """Actors named in a noun's modifiers: "Russian strikes", "US-Japan drills"."""
        found: list[str] = []
        for child in noun.children:
            if child.dep_ in MODIFIER_DEPS:
                for t in child.subtree:
                    found.extend(e for e in self.at(t) if e not in found)
        return found


class RelationReader:
    """Reads candidates from one parsed document."""

    def __init__(self, lexicon: Lexicon, actors: Actors) -> None:
        self.lexicon = lexicon
        self.actors = actors

    # --- argument places -------------------------------------------------------------
    def _subject_actors(self, verb: Token) -> list[str]:
        found = self._actors(subjects(verb))
        if found:
            return found
        # "X said the drills were ... and accused Y": the conjunct belongs one clause up
        if verb.dep_ == "conj" and verb.head.dep_ in ("ccomp", "xcomp") and not verb.head.head.dep_ == "conj":
            found = self._actors(subjects(verb.head.head))
            if found:
                return found
        # "X announced that they ...", "X said it would ...": a pronoun subject is the reporter
        pronoun = any(s.lower_ in PRONOUNS for s in subjects(verb))
        if pronoun and verb.dep_ in ("ccomp", "conj", "xcomp") and verb.head is not verb:
            return self._subject_actors(verb.head)
        return []

    def _actors(self, tokens: list[Token]) -> list[str]:
        found: list[str] = []
        # a list the parser read as apposition: "the United States, Japan, and Korea"
        listed = [a for t in tokens for a in t.children if a.dep_ == "appos"
                  and any(self.actors.at(x) for x in (a, *a.conjuncts))]
        for token in with_conjuncts(tokens + listed):
            found.extend(e for e in self.actors.of_phrase(token) if e not in found)
        return found

    def _place_tokens(self, place: str, trigger: Token, entry: Trigger) -> list[Token]:
        """The tokens at one argument place of the trigger (see ontologies/relations.yaml)."""
        verbal = entry.pos == "verb"
        if place == "subj":
            return subjects(trigger) if verbal else []
        if place == "obj":
            return objects(trigger) if verbal else []
        if place == "dative":
            return [c for c in trigger.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        if place.startswith("prep:"):
            word = place[5:]
            found = prepositional_objects(trigger, word)
            if verbal:
                hosts = objects(trigger)
            else:  # "imposed sanctions on X"; "the transfer of know-how from X"
                hosts = [governing_verb(trigger)[0]] + prepositional_objects(trigger, "of")
            for host in hosts:
                if host is not None and not found and (verbal or not is_verbal(host) or
                                                       lemma_forms(host) & self.lexicon.support_verbs):
                    # on the support verb only a named actor counts: "imposed sanctions on Iran"
                    found = [t for t in prepositional_objects(host, word) if verbal or self.actors.at(t)]
            return found
        if place == "poss":
            return [c for c in trigger.children if c.dep_ == "poss"]
        return []

    def _fill(self, places: tuple[str, ...], trigger: Token, entry: Trigger,
              union: bool = False) -> tuple[list[str], str]:
        """Actors of the first place that names some (of every place, with ``union``), and how
        they were found (the weakest way, with ``union``)."""
        gathered: list[str] = []
        ways: list[str] = []
        for place in places:
            how = entry.pos
            if place == "mod":
                found = self.actors.in_modifiers(trigger)
            elif place == "gov_subj":
                found, how = self._governing_subject(trigger), "gov_subj"
            elif place == "predicated":
                found = self._actors(predicated_of(trigger))
            elif place == "subj" and entry.pos == "verb":
                found = self._subject_actors(trigger)
            else:
                tokens = self._place_tokens(place, trigger, entry)
                found = self._actors(tokens)
                if not found and place == "poss" and any(t.lower_ in PRONOUNS for t in tokens):
                    found, how = self._governing_subject(trigger, any_verb=True), "gov_subj"
            if found and not union:
                return found, how
            if found:
                gathered.extend(e for e in found if e not in gathered)
                ways.append(how)
        return gathered, min(ways, key=CONFIDENCE.__getitem__, default="")

    def _governing_subject(self, noun: Token, any_verb: bool = False) -> list[str]:
        verb, preposition = governing_verb(noun)
        if verb is None:
            return []
        if preposition in self.lexicon.frame_prepositions or (preposition in (None, "in") and (
                any_verb or lemma_forms(verb) & self.lexicon.support_verbs)):
            return self._subject_actors(verb)
        return []

    # --- objects --------------------------------------------------------------------
    def _object_tokens(self, places: tuple[str, ...], trigger: Token, entry: Trigger) -> list[Token]:
        tokens: list[Token] = []
        for place in places:
            if place == "compound":
                found = [c for c in trigger.children if c.dep_ in ("compound", "nmod") and not self.actors.at(c)]
            else:
                found = self._place_tokens(place, trigger, entry)
            found = [self._contents(t) for t in found]
            found = [t for t in with_conjuncts(found) if not self.actors.at(t)
                     and t.lower_ not in PRONOUNS
                     and (t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "X") or t.dep_ in ("pobj", "dobj"))]
            if found:
                return found
        return []

    def _contents(self, token: Token) -> Token:
        """What a quantity or container noun holds: "dozens of [drones]", "a package of [weapons]"."""
        if token.lemma_.lower() in self.lexicon.objects.get("containers", ()):
            held = prepositional_objects(token, "of")
            if held:
                return held[0]
        return token

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
        pos = "verb" if is_verbal(token) else "noun" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return None
        lemma = token.lemma_.lower()
        for entry in self.lexicon.triggers_for(lemma, pos) or self.lexicon.triggers_for(token.lower_, pos):
            candidate = self._read_entry(token, entry)
            if candidate is not None:
                return candidate
        return None

    def _read_entry(self, token: Token, entry: Trigger) -> Candidate | None:
        if entry.pos == "noun" and not self._modifiers_allow(token, entry):
            return None
        object_tokens = self._object_tokens(entry.object, token, entry) if entry.object else []
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
        text = _trigger_text(token)
        if entry.symmetric:
            participants, how = self._fill(entry.participants, token, entry, union=True)
            participants = self._drop_own_officials(participants)
            if len(participants) < 2:
                return None
            return Candidate(relation_type, token, text, [], [], participants, objects_,
                             min(confidence, CONFIDENCE.get(how, confidence)))
        source, how = self._fill(entry.source, token, entry)
        target: list[str] = []
        if entry.target:
            target, _ = self._fill(entry.target, token, entry)
            target = [t for t in target if t not in source]
            if not target:
                return None
        # A noun event without a named source may take up an earlier one: "the attempted launch
        # on May 27 failed", "the sanctions include a ban on X".
        if not source and (entry.pos == "verb" or not (_anaphoric(token) or self._restates(token, entry))):
            return None
        return Candidate(relation_type, token, text, source, target, [], objects_,
                         min(confidence, CONFIDENCE.get(how, confidence)))

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


def _anaphoric(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in noun.children)


def _word_in(token: Token, words) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


def _phrase_tokens(token: Token) -> list[Token]:
    """A noun and the contiguous run of modifiers before it, without determiners, numbers,
    possessives or verbs ("cutting-edge military technology", not "assessing missiles")."""
    left = {t.i for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")
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

