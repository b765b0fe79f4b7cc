"""Relations from the dependency parse: trigger words (ontologies/relations.yaml) and
their arguments, found where the trigger's entry says they sit.

One candidate per trigger token: the first entry of the lexicon whose places
yield the actors it needs (a source and a target, two participants, or a
launcher) wins. This module holds the trigger frames (``RelationReader``: what
an entry requires of its goods, modifiers and actors); which entities the tokens
name is ``kgraph.resolve.coreference.Actors``; the argument places are a registry
(``kgraph.extract.places``) read by ``kgraph.extract.arguments.ArgumentReader``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Token

from ..resolve.coreference import ANAPHORA_REACH, CONTEXT_SENTENCES, Actors
from ..syntax import anaphoric as _anaphoric
from ..syntax import MODIFIER_DEPS, governing_verb, is_verbal, lemma_forms, objects, prepositional_objects, subjects
from ..syntax import word_in as _word_in
from ..syntax import PRONOUNS

#: The rule that reads a quoted first-person future attack as a threat (``Candidate.rule``).
QUOTED_VOW = "quoted-vow"
#: Subjects by which a speaker speaks for their own side ("'We will strike back,' X said").
FIRST_PERSON = frozenset({"we", "i"})
from .arguments import CONFIDENCE, ArgumentReader, event_agents
from .places_hostile import co_actors
from .lexicon import TRANSFER, TRANSFER_TYPES, Lexicon, Trigger
from .places_deals import deal_nouns
from .places import when_holds

#: Prepositions of place and the entity types they take: a state is a place "in" it,
#: not "at" it ("fired missiles at Israel").
PLACE_PREPOSITIONS = {"in": ("Location", "Country"), "at": ("Location",)}


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
    #: The lexicon entry that read it: its CAMEO code and origin go on the relation.
    entry: Trigger | None = None
    #: The pairs of participants, when not every two of them ("X has ties with both A and B":
    #: X-A and X-B; see the entry's ``counterparts``); None: every two.
    pairs: list[tuple[str, str]] | None = None
    #: The named rule that retold the entry's reading, recorded after its pattern ("quoted-vow":
    #: "'We will retaliate against X,' Y said" read as a threat on Y's word).
    rule: str | None = None


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
        #: What the places of ``when`` conditions hold, by trigger token (read once for all entries).
        self._when_cache: dict[int, dict] = {}
        #: The words and text of a sentence, by its first token, for ``when`` and ``context`` conditions.
        self._sentence_words: dict[int, tuple[set[str], str]] = {}
        #: Where each sentence of the document starts and ends, in tokens (read at the first trigger).
        self._bounds: tuple[list[int], list[int]] | None = None
        #: Each token's lower-case form and lower-case lemma (read with the bounds).
        self._lowers: list[str] = []
        self._lemmas: list[str] = []
        #: The forms of a trigger token's dependents and next three words (multi-word lemmas).
        self._near: dict[int, frozenset[str]] = {}

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
        attacks = self.lexicon.lemmas_by_type.get("armed_conflict", frozenset())
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
        lemma, lower = token.lemma_.lower(), token.lower_
        words = self.lexicon.trigger_words
        if not (lemma in words or lower in words):
            return None
        pos = "verb" if is_verbal(token) else "noun" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return None
        own = frozenset((lemma, lower))
        sentence: tuple[set[str], str] | None = None  # read at the first entry that needs it
        for entry in self.lexicon.triggers_for(lemma, pos) or self.lexicon.triggers_for(lower, pos):
            if sentence is None and (entry.when_words or entry.context):
                sentence = self._words_of_sentence(token)
            if entry.when_words and not _said_in(entry.when_words, sentence[0]):
                continue  # the words a ``when`` condition needs are not in the sentence at all
            if not self._words_hold(token, entry, own, sentence):
                continue
            candidate = self._read_frame(token, entry)
            if candidate is not None:
                candidate.entry = entry
                return self._as_threat(candidate)
        return None

    def _as_threat(self, candidate: Candidate) -> Candidate:
        """"X threatened to strike Y", "X warned it would attack Y": the threat is the event
        the text tells, not the attack (when the one who threatens is the one who would act)."""
        trigger = candidate.trigger
        verb = trigger.head
        if candidate.type in self.lexicon.threatened_types and candidate.target and self._quoted_vow(trigger):
            candidate.type, candidate.anchor, candidate.objects = "threat", verb, []
            candidate.rule = QUOTED_VOW
            return candidate  # "'We will retaliate against X,' Y's minister said": a threat, reported
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

    def _quoted_vow(self, trigger: Token) -> bool:
        """Whether a verb trigger is a speaker's own side's future act, quoted under a reporting
        verb: "'We will retaliate against Israel,' the minister said" (a first-person subject,
        "will" or "shall", the clause between quotation marks): the text tells a threat, as it
        does with "vowed to retaliate"."""
        verb = trigger.head
        if trigger.dep_ != "ccomp" or not is_verbal(trigger) or \
                not lemma_forms(verb) & self.lexicon.cues("reported").heads:
            return False
        if not any(s.lower_ in FIRST_PERSON for s in subjects(trigger)):
            return False
        if not any(c.dep_ == "aux" and c.lower_ in self.lexicon.cues("planned").auxiliaries
                   for c in trigger.children):
            return False
        low, high = sorted((trigger.i, verb.i))
        between = trigger.doc[trigger.sent.start:high] if trigger.i < verb.i else trigger.doc[low:trigger.i]
        return any(t.is_quote for t in between)

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
            else:  # "condemned what it called Israeli aggression": the aggressor the noun names;
                # "denounced the manoeuvres by X": the agent
                named = self.actors.in_modifiers(noun) or self.actors_of(event_agents(noun))
                if not named and _anaphoric(noun):  # "the exercises were condemned": who held them
                    named = self._doers_before(noun)
                found.extend(e for e in named if e not in found)
        return found

    def _doers_before(self, noun: Token) -> list[str]:
        """"X staged naval exercises ... The exercises were condemned by Y": the actors of the last
        earlier phrase with the same head word, a few sentences back, that names its doer (its
        modifiers or possessor, else the subject of the verb it is the object of)."""
        lemma = noun.lemma_.lower()
        start = self._sentences_back(noun, CONTEXT_SENTENCES)
        for earlier in reversed(noun.doc[start: noun.i]):
            if earlier.lemma_.lower() != lemma or earlier.pos_ != "NOUN":
                continue
            owner = [c for c in earlier.children if c.dep_ == "poss"]
            named = self.actors.in_modifiers(earlier) or self.actors_of(owner)
            if not named and earlier.dep_ in ("dobj", "obj"):
                named = self.subject_actors(earlier.head)
            if named:
                return named
        return []

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

    def _words_hold(self, token: Token, entry: Trigger, own: frozenset[str],
                    sentence: tuple[set[str], str] | None) -> bool:
        """The words an entry needs besides its lemma: the rest of a multi-word lemma next to the
        token ("ask for", "hit back"), its ``when`` words around the trigger ("designated X [as] a
        [terrorist] entity") and one of its ``context`` words in the sentence.

        ``own`` holds the token's lemma and lower-case form; ``sentence`` the words and text of its
        sentence (:meth:`_words_of_sentence`), given whenever the entry has ``context`` words. The
        caller has found the sentence words of the ``when`` conditions (:func:`_said_in`)."""
        if own.isdisjoint(entry.lemmas) and not any(self._phrase_said(token, own, lemma) for word in own
                                                     for lemma in entry.phrases_by_word.get(word, ())):
            return False
        if entry.when and not when_holds(token, entry.when, self._when_cache.setdefault(token.i, {})):
            return False
        if entry.context:
            words, text = sentence
            if not any(w in words if " " not in w else w in text for w in entry.context):
                return False
        return True

    def _phrase_said(self, token: Token, own: frozenset[str], lemma: str) -> bool:
        """Whether a multi-word lemma ("ask for", "hit back") that has one of the token's forms
        (``own``) among its words is said at the token: each other word is a dependent of the
        token or among the next three words."""
        near = self._near.get(token.i)
        if near is None:
            near = self._near[token.i] = frozenset(
                w for t in list(token.children) + list(token.doc[token.i + 1: token.i + 4])
                for w in (t.lower_, t.lemma_.lower()))
        return all(w in near for w in lemma.split() if w not in own)

    def _words_of_sentence(self, token: Token) -> tuple[set[str], str]:
        """The lower-case forms and lemmas of the words of the token's sentence, and its text in
        lower case (read once per sentence)."""
        doc = token.doc
        if self._bounds is None:  # Token.sent scans for the bounds at every call: once per document here
            sentences = list(doc.sents)
            self._bounds = [s.start for s in sentences], [s.end for s in sentences]
            strings = doc.vocab.strings  # the forms through the arrays: no Token object per word
            self._lowers = [strings[h] for h in doc.to_array([LOWER]).tolist()]
            self._lemmas = [strings[h].lower() for h in doc.to_array([LEMMA]).tolist()]
        starts, ends = self._bounds
        k = bisect_right(starts, token.i) - 1
        found = self._sentence_words.get(starts[k])
        if found is None:
            start, end = starts[k], ends[k]
            found = self._sentence_words[start] = (set(self._lowers[start:end]) | set(self._lemmas[start:end]),
                                                   doc[start:end].text.lower())
        return found

    def _relieved(self, noun: Token, entry: Trigger) -> bool:
        """Whether a measure noun is the object of a verb that ends or eases it ("lifted / eased /
        waived sanctions on X"; relations.yaml objects ``relief_verbs``, for ``relieved_types``)."""
        if entry.type not in self.lexicon.objects.get("relieved_types", ()):
            return False
        verb, _ = governing_verb(noun)
        return verb is not None and bool(lemma_forms(verb) & self.lexicon.objects.get("relief_verbs", frozenset()))

    def _read_frame(self, token: Token, entry: Trigger) -> Candidate | None:
        if entry.under and not (token.dep_ in ("xcomp", "ccomp") and lemma_forms(token.head) & entry.under) \
                and not (token.dep_ == "acl" and not is_verbal(token.head) and lemma_forms(token.head) & entry.under):
            return None  # "vowed to [punish] X"; on a noun too: "its pledge to [defend] X"
        if entry.pos == "noun" and not self._modifiers_allow(token, entry):
            return None
        if entry.not_under and _asked_for(token, entry.not_under):
            return None
        if entry.pos == "noun" and self._relieved(token, entry):
            return None  # "lifted sanctions on X": relief, no sanction
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
        hosted = relation_type in self.lexicon.objects.get("hosted_types", ())
        if hosted and entry.pos == "verb" and entry.not_args and any(
                _word_in(o, entry.not_args) for o in objects(token)):
            return None  # "Egypt flies an arms shipment to Somalia": goods moved, no trip
        text = _trigger_text(token)
        if entry.symmetric:
            participants, how = self.fill(entry.participants, token, entry, union=True)
            if entry.type not in self.lexicon.objects.get("own_state_types", ()):
                participants = self._drop_own_officials(participants)
            else:  # a government signs with its rebels, not with its own minister
                participants = self._drop_own_officials(participants, types=("Person",))
            if entry.type == "meeting" and entry.pos == "noun":
                participants = self._without_hosts(token, participants)
            if len(participants) < 2:
                return None
            return Candidate(relation_type, token, text, [], [], participants, objects_,
                             min(confidence, CONFIDENCE.get(how, confidence)),
                             pairs=self._counterpart_pairs(token, entry, participants))
        source, how = self.fill(entry.source, token, entry)
        if not source and "goods_mod" in entry.source:  # "India bought Russian S-400s": Russia supplied
            source = [e for t in object_tokens for e in self.actors.in_modifiers(t) if e not in source]
        if not source and "goods_mod" in entry.source:  # "its purchase of Russia's S-400s": Russia sells
            source = self.actors_of([c for t in object_tokens for c in t.children
                                     if c.dep_ == "poss" and c.lower_ not in PRONOUNS])
        target: list[str] = []
        if entry.target:
            target, _ = self.fill(entry.target, token, entry, goods=tuple(object_tokens))
            if hosted:  # "X and his Polish counterpart attended ... in Poland": Poland hosts
                source = [s for s in source if s not in target or self.actors.type_of(s) != "Country"] or source
            target = [t for t in target if t not in source]
            if not target:
                target = self.pronoun_target(entry.target, token, entry, source)
            if not target and "if_subj" in entry.target:
                target = self.conditional_subject(token, source)
            if not target and source and "context" in entry.target and relation_type in TRANSFER_TYPES.values() \
                    and objects_:
                target, how = self._context_target(token, relation_type, source), "context"
            if not target and "told_target" in entry.target and _anaphoric(token) and token.dep_ in ("dobj", "obj"):
                target, how = self._told_target(token, relation_type, source), "context"
            if not target:
                return None
        if not source and "deal_party" in entry.source:  # "the deal to supply Y with jets": the deal's other party
            source = self.deal_party(token, target)
        if source and ("coord" in entry.source or relation_type in self.lexicon.objects.get("coacting_types", ())):
            # "X imposed them in coordination with Y": Y too
            verb = governing_verb(token)[0] if entry.pos == "noun" else None
            source = source + [e for e in co_actors(self, token, verb) if e not in source and e not in target]
        # A noun event without a named source may take up an earlier one: "the attempted launch
        # on May 27 failed", "the sanctions include a ban on X".
        if not source and (entry.pos == "verb" or not (_anaphoric(token) or self._restates(token, entry))):
            return None
        return Candidate(relation_type, token, text, source, target, [], objects_,
                         min(confidence, CONFIDENCE.get(how, confidence)), also=entry.also,
                         anchor=token.head if entry.under else _request_anchor(token, relation_type))

    def deal_party(self, verb: Token, target: list[str]) -> list[str]:
        """"the deal to supply India with S-400s", "Under the deal, Poland will be supplied with tanks":
        the party of the deal the verb belongs to (``places_deals.deal_nouns``) other than the
        recipients, read at the deal noun or, for "the deal", at the last deal told with the same
        word; none unless exactly one party remains."""
        for noun in deal_nouns(verb, self.lexicon.objects.get("deal_nouns", frozenset())):
            deal = self.read(noun)
            if (deal is None or not (deal.participants or deal.source)) and _anaphoric(noun):
                deal = self._told_before(noun)
            if deal is None:
                continue
            parties = deal.participants or deal.source + deal.target
            others = [p for p in self._drop_own_officials(parties) if p not in target]
            # a minister or agency of the recipient's own state is the recipient's side
            others = [p for p in others if getattr(self.actors.entities.get(p), "country", None) not in target]
            if len(others) == 1:
                return others
        return []

    def _counterpart_pairs(self, token: Token, entry: Trigger, participants: list[str]) -> list[tuple[str, str]] | None:
        """"X has strategic ties with both A and B", "X signed agreements with A and B": when the
        entry's ``counterparts`` places name several actors and its other places name some, each
        counterpart is paired with the others, not with another counterpart; None (every two
        participants) otherwise ("X and Y held talks", "a pact with A" read among all)."""
        if not entry.counterparts:
            return None
        counterparts, _ = self.fill(entry.counterparts, token, entry, union=True)
        counterparts = [c for c in counterparts if c in participants]
        others = [p for p in participants if p not in counterparts]
        if len(counterparts) < 2 or not others:
            return None
        return [(other, counterpart) for other in others for counterpart in counterparts]

    def _told_target(self, noun: Token, relation_type: str, source: list[str]) -> list[str]:
        """"Canada is imposing these sanctions in coordination with ...": the target of the last event
        of the type told before in the document, for a noun that takes it up (the ``told_target`` place)."""
        told = [c for i, c in self.read_at.items() if c is not None and c.type == relation_type and i < noun.i
                and c.target and (c.source or c.participants)]
        last = max(told, key=lambda c: c.trigger.i, default=None)
        return [t for t in last.target if t not in source] if last is not None else []

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

    def _drop_own_officials(self, ids: list[str], types: tuple[str, ...] = ("Person", "Organization")) -> list[str]:
        """A leader or a body listed with its own state is one party, not two ("met his Chinese
        counterpart, People's Liberation Army General X": China, once); with ``types``, only
        entities of these types are dropped ("X and his Tajik counterpart Y signed": Y is Tajikistan's
        side, no party of an agreement with Tajikistan)."""
        present = set(ids)
        out = []
        for entity_id in ids:
            entity = self.actors.entities.get(entity_id)
            if entity and entity.type in types and entity.country in present:
                continue
            out.append(entity_id)
        return out

    def _without_hosts(self, noun: Token, participants: list[str]) -> list[str]:
        """"A and B offered to host talks between the parties", "X will mediate negotiations between
        Y and Z": those who host, mediate or broker talks whose parties a "between"/"among" phrase
        names are no parties (the ``host_verbs`` of relations.yaml's objects); the parties meet."""
        verb, _ = governing_verb(noun)
        if verb is None or not lemma_forms(verb) & self.lexicon.objects.get("host_verbs", frozenset()) or not (
                prepositional_objects(noun, "between") or prepositional_objects(noun, "among")):
            return participants
        hosts = set(self.subject_actors(verb))
        return [p for p in participants if p not in hosts]

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


def _request_anchor(noun: Token, relation_type: str) -> Token | None:
    """"X reiterated its call on Y [not to] go ahead": a request noun parsed as the subject of the
    clause it asks for is told by the verb above that clause (the request is not negated)."""
    clause = noun.head
    if relation_type == "request" and not is_verbal(noun) and noun.dep_ in ("nsubj", "nsubjpass") \
            and clause.dep_ in ("ccomp", "xcomp") and is_verbal(clause.head):
        return clause.head
    return None


def _said_in(needs: tuple[tuple[frozenset[str], tuple[frozenset[str], ...]], ...], words: set[str]) -> bool:
    """Whether ``words`` (a sentence's forms and lemmas) hold, for each condition of ``needs``
    (:attr:`Trigger.when_words`), one of its one-word words or every word of one of its phrases."""
    for singles, phrases in needs:
        if singles.isdisjoint(words) and not any(phrase <= words for phrase in phrases):
            return False
    return True


def _asked_for(noun: Token, words: frozenset[str]) -> bool:
    """Whether a noun is what a verb or noun of ``words`` asks for: "called for a ceasefire", "urged a
    truce", "the demand for a ceasefire" (the noun, its "for" phrase or object, under that word)."""
    verb, _ = governing_verb(noun)
    if verb is not None and lemma_forms(verb) & words:
        return True
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None
    return head is not None and head is not noun and bool(lemma_forms(head) & words)




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

