"""Relations from the dependency parse: trigger words (ontologies/relations.yaml) and
their arguments, found where the trigger's entry says they sit.

One candidate per trigger token: the first entry of the lexicon whose places
yield the actors it needs (a source and a target, two participants, or a
launcher) wins.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..resolve.coreference import ANAPHORA_REACH, CONTEXT_SENTENCES, MODIFIER_DEPS, Actors, sentences_back
from ..resolve.coreference import is_anaphoric as _anaphoric
from ..resolve.coreference import word_in as _word_in
from .lexicon import TRANSFER, TRANSFER_TYPES, Lexicon, Trigger
from .syntax import (PRONOUNS, governing_verb, is_verbal, lemma_forms, objects, predicated_of, prepositional_objects,
                     subjects, with_conjuncts)

#: Prepositions of place and the entity types they take: a state is a place "in" it,
#: not "at" it ("fired missiles at Israel").
PLACE_PREPOSITIONS = {"in": ("Location", "Country"), "at": ("Location",)}
#: Confidence of a relation by how its arguments were found.
CONFIDENCE = {"verb": 0.8, "noun": 0.7, "gov_subj": 0.6, "unknown_object": 0.5, "context": 0.5}


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


class RelationReader:
    """Reads candidates from one parsed document."""

    def __init__(self, lexicon: Lexicon, actors: Actors) -> None:
        self.lexicon = lexicon
        self.actors = actors
        #: Candidates read so far, by trigger token; an event noun may be read early as the
        #: object of a verb ("condemned the launch").
        self.read_at: dict[int, Candidate | None] = {}

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
        pronouns = [s for s in subjects(verb) if s.lower_ in PRONOUNS]
        if pronouns and verb.dep_ in ("ccomp", "conj", "xcomp") and verb.head is not verb:
            found = self._subject_actors(verb.head)
        if not found and pronouns:  # "the two leaders held talks. They signed ..."
            found = self.actors.pronoun_antecedent(pronouns[0])
        if not found:
            found = self._issuer(verb)
        return found

    def _issuer(self, verb: Token) -> list[str]:
        """"X signed a statement pledging to ...", "X issued a declaration calling for ...": the
        document a participle hangs from speaks for whoever issued it; "X has no plans to meet",
        "X signed a deal to supply": the infinitive on the object of X's verb is X's."""
        token = verb
        while token.dep_ in ("xcomp", "conj") and token.head is not token:
            token = token.head
        document = token.head
        infinitive = token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if token.dep_ == "acl" and (token.tag_ == "VBG" or infinitive) and document.dep_ in ("dobj", "obj") \
                and not self.actors.at(document) and is_verbal(document.head):
            # "reflecting China's reluctance to criticise": the noun's owner acts
            owner = self._actors([c for c in document.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS])
            return owner or self._subject_actors(document.head)
        return []

    def _actors(self, tokens: list[Token]) -> list[str]:
        found: list[str] = []
        # a list the parser read as apposition: "the United States, Japan, and Korea"
        listed = [a for t in tokens for a in t.children if a.dep_ == "appos"
                  and any(self.actors.at(x) for x in (a, *a.conjuncts))]
        # "several defense firms, including Lockheed Martin and Raytheon"
        listed += [g for t in tokens for p in t.children if p.dep_ == "prep" and p.lower_ == "including"
                   for g in p.children if g.dep_ == "pobj"]
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
            found = [c for c in trigger.children if c.dep_ == "dative" and c.pos_ != "ADP"]
            # "offer Iran advanced technology", parsed as a modifier of the object
            found += [c for o in (objects(trigger) if verbal else []) for c in o.lefts
                      if c.dep_ == "nmod" and c.pos_ == "PROPN" and c.i == trigger.i + 1]
            return found
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
                    # on the support verb only a phrase naming an actor counts: "imposed sanctions on
                    # Iran", "on companies in China"
                    found = [t for t in prepositional_objects(host, word)
                             if t is not trigger and (verbal or self._actors([t]))]
            return found
        if place == "poss":
            return [c for c in trigger.children if c.dep_ == "poss"]
        return []

    def _fill(self, places: tuple[str, ...], trigger: Token, entry: Trigger,
              union: bool = False, goods: tuple[Token, ...] = ()) -> tuple[list[str], str]:
        """Actors of the first place that names some (of every place, with ``union``), and how
        they were found (the weakest way, with ``union``). A phrase that names the ``goods``
        moved is no party ("sent [AMX-10 RC vehicles]")."""
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
            elif place == "event_obj":
                found = self._event_actors(trigger) if entry.pos == "verb" else []
            elif place == "site_in":  # "hit a fuel depot in Syria": the state the site is in
                sites = objects(trigger) if entry.pos == "verb" else []
                found = self._actors(prepositional_objects(trigger, "in")) if sites and all(
                    _word_in(t, self.actors.place_heads) for t in sites) else []
            elif place == "subj" and entry.pos == "verb":
                found = self._subject_actors(trigger)
            else:
                tokens = [t for t in self._place_tokens(place, trigger, entry) if not _word_in(t, entry.not_args)]
                if place == "obj":
                    # an event noun object is no party: "hosted a meeting of X", "condemned the invasion of X"
                    tokens = [t for t in tokens if t not in goods and (
                        is_verbal(t) or not _word_in(t, self.actors.event_words))]
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
        if _anaphoric(noun) and lemma_forms(verb) & self.lexicon.modality.get("hypothetical", {}).get("heads", set()):
            return []  # "met to discuss the launch": those who discuss an event told before did not do it
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
        speaker = self._subject_actors(verb)
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

    def _event_actors(self, verb: Token) -> list[str]:
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

    def _conditional_subject(self, trigger: Token, source: list[str]) -> list[str]:
        """"X will impose sanctions if Y does": the one whose deed the measure answers."""
        hosts = [trigger]
        verb, _ = governing_verb(trigger)
        if verb is not None and not is_verbal(trigger):
            hosts.append(verb)
        marks = self.lexicon.modality.get("hypothetical", {}).get("marks", ())
        for host in hosts:
            for clause in host.children:
                if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children):
                    subject = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                    found = self._actors(subject) or [
                        e for s in subject for e in self.actors.pronoun_antecedent(s, exclude=source)]
                    found = [e for e in found if e not in source]
                    if found:
                        return found
        return []

    _sentences_back = staticmethod(sentences_back)

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
        elif entry.object_class:  # "warned X of [consequences]"
            vocabulary = self.lexicon.objects.get(entry.object_class, frozenset())
            if not any(_word_in(t, vocabulary) for t in object_tokens):
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
        if not source and "goods_mod" in entry.source:  # "India bought Russian S-400s": Russia supplied
            source = [e for t in object_tokens for e in self.actors.in_modifiers(t) if e not in source]
        target: list[str] = []
        if entry.target:
            target, _ = self._fill(entry.target, token, entry, goods=tuple(object_tokens))
            target = [t for t in target if t not in source]
            if not target:
                target = self._pronoun_target(entry.target, token, entry, source)
            if not target and "if_subj" in entry.target:
                target = self._conditional_subject(token, source)
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

    def _pronoun_target(self, places: tuple[str, ...], trigger: Token, entry: Trigger,
                        source: list[str]) -> list[str]:
        """A target said with a pronoun ("supplied them with drones") is its antecedent, not the source."""
        for place in places:
            for token in self._place_tokens(place, trigger, entry):
                found = self.actors.pronoun_antecedent(token, exclude=source)
                if found:
                    return found
        return []

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

