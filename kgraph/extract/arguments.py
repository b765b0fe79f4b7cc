"""Argument reading: the actors and goods at a trigger's argument places.

``ArgumentReader`` turns the place names of a trigger entry (``ontologies/relations.yaml``,
resolved by ``kgraph.extract.places``) into actor ids: the first place that names
some wins (every place, for the participants of a symmetric event). It undoes what
news English hides around a subject ("X said it would ...", "X signed a statement
pledging to ..."), a governing support verb ("the US imposed sanctions") and an
"if" clause ("will impose sanctions if Y does"). The trigger frames that decide
whether a candidate stands are in ``kgraph.extract.relations``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..resolve.coreference import sentences_back
from ..syntax import (PRONOUNS, agent_objects, anaphoric, governing_verb, is_passive, is_verbal, lemma_forms,
                      prepositional_objects, subjects, with_conjuncts, word_in)
from .lexicon import Lexicon, Trigger
from .places import Place, resolve_place

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from ..resolve.coreference import Actors

#: Confidence of a relation by how its arguments were found.
CONFIDENCE = {"verb": 0.8, "noun": 0.7, "gov_subj": 0.6, "unknown_object": 0.5, "context": 0.5}
#: Relative pronouns that take up a person ("X, who ...").
PERSON_RELATIVES = frozenset({"who"})
#: Parts of speech and dependencies of a token that can name goods.
GOODS_POS = ("NOUN", "PROPN", "ADJ", "NUM", "X")
GOODS_DEPS = ("pobj", "dobj")


class ArgumentReader:
    """Reads the actors at the argument places of triggers in one parsed document.

    Parameters
    ----------
    lexicon : Lexicon
        Support verbs, frame prepositions, modality cues and object classes.
    actors : Actors
        Which entities the document's tokens refer to (``kgraph.resolve.coreference.Actors``).
    """

    def __init__(self, lexicon: Lexicon, actors: Actors) -> None:
        self.lexicon = lexicon
        self.actors = actors

    # --- places ------------------------------------------------------------------------
    def place_tokens(self, place: str, trigger: Token, entry: Trigger) -> list[Token]:
        """The tokens at one argument place of the trigger; none for a place that names actors only.

        Raises
        ------
        kgraph.errors.UnknownPlace
            ``place`` is in no registry entry (a lexicon loaded by ``load_lexicon`` has none).
        """
        found = resolve_place(place)
        return found.tokens(self, trigger, entry) if found.tokens is not None else []

    def token_actors(self, place: Place, trigger: Token, entry: Trigger) -> list[str]:
        """The actors named by the tokens at a token place, less the entry's ``not_args`` words."""
        tokens = [t for t in place.tokens(self, trigger, entry) if not word_in(t, entry.not_args)] \
            if place.tokens is not None else []
        return self.actors_of(tokens)

    def fill(self, places: tuple[str, ...], trigger: Token, entry: Trigger,
             union: bool = False, goods: tuple[Token, ...] = ()) -> tuple[list[str], str]:
        """Actors of the first place that names some (of every place, with ``union``), and how
        they were found (a key of ``CONFIDENCE``; the weakest way, with ``union``). A phrase that
        names the ``goods`` moved is no party ("sent [AMX-10 RC vehicles]"). Fallback places
        are left to the frame.

        Returns
        -------
        (list of str, str)
            Entity ids in order of mention, and how; ``([], "")`` when no place names an actor.
        """
        gathered: list[str] = []
        ways: list[str] = []
        for name in places:
            place = resolve_place(name)
            if place.fallback:
                continue
            if place.actors is not None:
                found, how = place.actors(self, trigger, entry, goods)
            else:
                found, how = self.token_actors(place, trigger, entry), entry.pos
            if found and not union:
                return found, how
            if found:
                gathered.extend(e for e in found if e not in gathered)
                ways.append(how)
        return gathered, min(ways, key=CONFIDENCE.__getitem__, default="")

    def object_tokens(self, places: tuple[str, ...], trigger: Token, entry: Trigger) -> list[Token]:
        """The goods at the first object place that has some: nouns naming no actor ("sent [tanks]
        and [drones]"), through quantities and containers ("dozens of [drones]")."""
        tokens: list[Token] = []
        for place in places:
            found = [self.contents(t) for t in self.place_tokens(place, trigger, entry)]
            found = [t for t in with_conjuncts(found) if not self.actors.at(t)
                     and t.lower_ not in PRONOUNS
                     and (t.pos_ in GOODS_POS or t.dep_ in GOODS_DEPS)]
            if found:
                return found
        return tokens

    def contents(self, token: Token) -> Token:
        """What a quantity or container noun holds: "dozens of [drones]", "a package of [weapons]",
        "$500 million in [military aid]", "2 billion euros in [weapons]"."""
        lemma = token.lemma_.lower()
        held: list[Token] = []
        if lemma in self.lexicon.objects.get("containers", ()):
            held = prepositional_objects(token, "of")
        if not held and (token.pos_ == "NUM" or lemma in self.lexicon.objects.get("currencies", ())):
            held = prepositional_objects(token, "in")  # an amount "in" goods
        return held[0] if held else token

    def pronoun_target(self, places: tuple[str, ...], trigger: Token, entry: Trigger,
                       source: list[str]) -> list[str]:
        """A target said with a pronoun ("supplied them with drones") is its antecedent, not the source;
        in a clause asked of someone, that one ("called on X not to go ahead with its purchase": X);
        none when "them" takes up a group named earlier in the sentence ("deter [countries] from
        buying arms from X, threatening them": ``unnamed_groups`` of relations.yaml)."""
        groups = self.lexicon.objects.get("unnamed_groups", frozenset())
        for place in places:
            for token in self.place_tokens(place, trigger, entry):
                if token.lower_ in ("them", "they") and any(
                        t.dep_ in ("dobj", "pobj", "nsubj") and word_in(t, groups) and not self.actors.of_phrase(t)
                        for t in token.doc[token.sent.start: token.i]):
                    continue
                found = [e for e in self.addressee(token) if e not in source] if token.lower_ in PRONOUNS else []
                found = found or self.actors.pronoun_antecedent(token, exclude=source)
                if found:
                    return found
        return []

    # --- actors of phrases and clauses ----------------------------------------------------
    def addressee(self, pronoun: Token) -> list[str]:
        """The one a request addresses, for a pronoun in the infinitive it asks for: "X renewed its
        call on Y not to go ahead with [its] purchase", "X urged Y to cancel [its] order" (Y); a
        possessive only ("asked Y to sell [it] jets": the asker)."""
        if pronoun.dep_ != "poss":
            return []
        clause = pronoun.head
        for _ in range(4):  # up to the clause: "with its purchase" -> "go"
            if is_verbal(clause) or clause.head is clause:
                break
            clause = clause.head
        if not is_verbal(clause) or clause.dep_ not in ("advcl", "xcomp", "acl") or not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            return []
        asker = clause.head
        asked = [c for c in asker.children if c.dep_ == "dobj"]
        addressed = [t for n in [asker] + asked for p in ("on", "upon") for t in prepositional_objects(n, p)]
        return self.actors_of(addressed or (asked if clause.dep_ == "xcomp" else []))

    def actors_of(self, tokens: list[Token]) -> list[str]:
        """The actors the phrases headed by ``tokens`` name, with their conjuncts, an apposed
        list ("the United States, Japan, and Korea") and an "including" list ("several defense
        firms, including Lockheed Martin and Raytheon")."""
        found: list[str] = []
        expanded = with_conjuncts(tokens)
        # "X, an Iranian official, and his brother [Y]": the apposition of a conjunct too
        listed = [a for t in expanded for a in t.children if a.dep_ == "appos"
                  and any(self.actors.at(x) for x in (a, *a.conjuncts))]
        listed += [g for t in tokens for p in t.children if p.dep_ == "prep" and p.lower_ == "including"
                   for g in p.children if g.dep_ == "pobj"]
        listed += [m for t in tokens if t.lower_ in PRONOUNS for m in apposed_list(t) if m not in listed]
        for token in with_conjuncts(expanded + listed):
            named = self.actors.of_phrase(token) or self.seated_in(token) or self.short_name(token)
            if not named and token.pos_ == "NOUN" and word_in(token, self.actors.event_words):
                # "responded to the drills by X", "denounced the manoeuvres by X": the event's agent
                named = self.actors_of(event_agents(token))
            found.extend(e for e in named if e not in found)
        return found

    def short_name(self, noun: Token) -> list[str]:
        """"the Council" after "the Security Council", "the Commission" after "the European
        Commission": a capitalised noun with "the" and no other modifier names the last organisation
        named before it whose name or alias ends in that word (UN coverage shortens body names so).

        Returns
        -------
        list of str
            The organisation's id, or nothing when no earlier organisation's name ends so.
        """
        if not noun.text[:1].isupper() or noun.pos_ not in ("NOUN", "PROPN") or noun.i == noun.sent.start or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) or \
                any(c.dep_ in ("compound", "amod", "poss", "nmod") for c in noun.children):
            return []
        word = noun.lower_
        for i in range(noun.i - 1, -1, -1):
            for entity_id in self.actors.by_token.get(i, ()):
                entity = self.actors.entities.get(entity_id)
                if entity is not None and entity.type == "Organization" and any(
                        name.split()[-1].lower() == word for name in (entity.label, *entity.aliases) if name):
                    return [entity_id]
        return []

    def seated_in(self, noun: Token) -> list[str]:
        """"the government in Kabul", "the leaderships in the Kingdom of X": a governing body named
        by the place it sits in (``government_nouns`` of relations.yaml's objects)."""
        if noun.lemma_.lower() not in self.lexicon.objects.get("government_nouns", ()) and \
                noun.lower_ not in self.lexicon.objects.get("government_nouns", ()):
            return []
        return [e for place in prepositional_objects(noun, "in") for e in self.actors.of_phrase(place)]

    def subject_actors(self, verb: Token) -> list[str]:
        """The actors of a verb's subject: "X said the drills were ... and accused Y" (the conjunct
        belongs one clause up), "X said it would ..." (a pronoun subject is the reporter), "They
        signed ..." (the pronoun's antecedent), else the issuer of the document the verb hangs from."""
        found = self.actors_of(subjects(verb))
        if found:
            return found
        if verb.dep_ == "conj" and verb.head.dep_ in ("ccomp", "xcomp") and not verb.head.head.dep_ == "conj":
            found = self.actors_of(subjects(verb.head.head))
            if found:
                return found
        pronouns = [s for s in subjects(verb) if s.lower_ in PRONOUNS]
        if pronouns and verb.dep_ in ("ccomp", "conj", "xcomp") and verb.head is not verb:
            found = self.subject_actors(verb.head)
        if not found and pronouns:  # "the two leaders held talks. They signed ..."
            found = self.actors.pronoun_antecedent(pronouns[0])
        if not found:
            found = self.relative_antecedent([s for s in subjects(verb) if s.lower_ in PERSON_RELATIVES])
        if not found:
            found = self.issuer(verb)
        return found

    def relative_antecedent(self, relatives: list[Token]) -> list[str]:
        """"sanctioned the minister, X, who it said made several trips to Russia": the person named just
        before "who" (the parser may hang such a clause, with its inserted "it said", on another noun)."""
        for relative in relatives:
            before = relative.i - 1
            while before >= 0 and relative.doc[before].is_punct:
                before -= 1
            if before >= 0:
                found = self.actors.at(relative.doc[before], ("Person",))
                if found:
                    return found
        return []

    def issuer(self, verb: Token) -> list[str]:
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
            owner = self.actors_of([c for c in document.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS])
            return owner or self.subject_actors(document.head)
        return self._deal_signatory(verb)

    def _deal_signatory(self, clause: Token) -> list[str]:
        """"X signed a deal to buy ...", "X signed a contract worth $2 billion to purchase ...": an
        infinitive parsed as a relative clause of the object of X's verb, or hung on "worth", is X's."""
        while clause.dep_ == "conj" and clause.head is not clause:  # "a deal to build and supply ..."
            clause = clause.head
        noun = clause.head
        if clause.dep_ == "xcomp" and noun.pos_ == "ADJ" and noun.dep_ == "amod":
            noun = noun.head
        elif clause.dep_ != "relcl":
            return []
        infinitive = clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        if infinitive and noun.dep_ in ("dobj", "obj") and not self.actors.at(noun) and is_verbal(noun.head):
            return self.subject_actors(noun.head)
        return []

    def governing_subject(self, noun: Token, any_verb: bool = False) -> list[str]:
        """The subject of the verb a noun event hangs from, when that verb is a support verb ("the US
        imposed sanctions"; any verb with ``any_verb``) or the noun sits in a frame preposition
        ("during talks in Beijing, Xi and Putin signed"; "in", when the phrase opens the clause: "In
        today's talks, X and Y expressed ..."). None for "met to discuss the launch":
        those who discuss an event told before did not do it."""
        verb, preposition = governing_verb(noun)
        if verb is None:
            return self._passive_agent(noun)
        verb = _amount_verb(verb)
        if anaphoric(noun) and lemma_forms(verb) & self.lexicon.cues("hypothetical").heads:
            return []
        if preposition in self.lexicon.frame_prepositions or (preposition in (None, "in") and (
                any_verb or lemma_forms(verb) & self.lexicon.support_verbs)):
            return self.subject_actors(verb)
        if preposition == "in" and noun.i < verb.i and any(s.i > noun.i for s in subjects(verb)):
            # "In today's talks, X and Y agreed ...": an "in" phrase that opens the clause frames it
            return self.subject_actors(verb)
        return []

    def _passive_agent(self, noun: Token) -> list[str]:
        """"New sanctions targeting X were imposed by Y": the "by" agent of the passive support verb
        a noun event is the subject of (not of a verb of relief: "sanctions were lifted by Y")."""
        verb = noun.head
        if noun.dep_ != "nsubjpass" or verb is noun or not is_verbal(verb):
            return []
        forms = lemma_forms(verb)
        if not forms & self.lexicon.support_verbs or forms & self.lexicon.objects.get("relief_verbs", frozenset()):
            return []
        return self.actors_of(agent_objects(verb))

    def conditional_subject(self, trigger: Token, source: list[str]) -> list[str]:
        """"X will impose sanctions if Y does": the one whose deed the measure answers (the ``if_subj``
        place), other than the ``source``; a pronoun there is the last other actor named."""
        hosts = [trigger]
        verb, _ = governing_verb(trigger)
        if verb is not None and not is_verbal(trigger):
            hosts.append(verb)
        if is_verbal(trigger) and trigger.dep_ in ("xcomp", "ccomp"):  # "vowed to retaliate if Y ..."
            hosts.append(trigger.head)
        marks = self.lexicon.cues("hypothetical").marks
        for host in hosts:
            for clause in host.children:
                if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children):
                    subject = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                    found = self.actors_of(subject) or [
                        e for s in subject for e in self.actors.pronoun_antecedent(s, exclude=source)]
                    found = [e for e in found if e not in source]
                    if found:
                        return found
        return []

    #: The first token of the sentence ``count`` sentences before a token's (one home: coreference).
    _sentences_back = staticmethod(sentences_back)


def _amount_verb(verb: Token) -> Token:
    """"approved $5 billion [combined] in arms sales": a participle on an amount stands for the verb
    whose object the amount is (approved); any other verb is itself."""
    amount = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and amount.pos_ == "NUM" and amount.dep_ in ("dobj", "obj") \
            and is_verbal(amount.head):
        return amount.head
    return verb


def event_agents(noun: Token) -> list[Token]:
    """The "by" agents of an event noun ("the drills [by] X"), also when the parser hangs the "by"
    phrase that follows the noun on the active verb above it ("respond to the drills by X")."""
    found = prepositional_objects(noun, "by")
    if found or noun.dep_ not in ("pobj", "dobj"):
        return found
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head  # "denounced the launch [by] X as ..."
    if not is_verbal(verb) or is_passive(verb):
        return []
    return [g for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
            and c.i == noun.right_edge.i + 1 for g in c.children if g.dep_ == "pobj"]


def apposed_list(pronoun: Token) -> list[Token]:
    """The names a pronoun spells out: "we—Prime Minister A of X, Prime Minister B of Y, and President C
    of Z—met" (the parser chains the list as appositions, conjuncts and loose dependents of the
    pronoun and of each other); none without an apposition."""
    if not any(c.dep_ == "appos" for c in pronoun.children):
        return []
    found: list[Token] = []
    stack = [c for c in pronoun.children if c.dep_ in LIST_DEPS]
    while stack:
        token = stack.pop()
        if token.pos_ not in ("PROPN", "NOUN") or token in found:
            continue
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ in LIST_DEPS)
    return sorted(found, key=lambda t: t.i)


#: How the parser links the names of a list spelled out after a pronoun ("we—A, B, and C—").
LIST_DEPS = ("appos", "conj", "dep")
