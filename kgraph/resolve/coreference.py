"""Coreference, in one place: what a phrase that names no one refers to.

Two halves, one before relation extraction and one during it:

- sieves over the resolution context (listed in :data:`kgraph.resolve.SIEVES`): group
  expressions ("the three countries", "his U.S. and Japanese counterparts", "the two
  leaders") expand to the actors they stand for; a definite generic materiel class takes up
  the one specific kind named before it ("the missile" after "a ballistic missile");
- :class:`Actors`, the index extraction asks "which actors does this token or phrase name?":
  pronouns ("he", "it", "they", "their navies"), definite anaphora ("these troops", "the
  group", "the two men", "both sides"), and :func:`retold_event`, an event told again
  ("the launch", "the sanctions include ...") taking up the one told before.

Extraction imports from here; nothing here imports extraction.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Token

from ..gazetteer import Gazetteer
from ..model import ACTOR_TYPES, Entity, Mention, Relation
from ..syntax import FINITE_OR_BARE, MODIFIER_DEPS, PRONOUNS, annotated, in_subject, is_vocative, word_in
from ..syntax import anaphoric as is_anaphoric
from .context import ENUMERATION_GLUE, POSSESSIVE_PRONOUNS, ResolutionContext, Span
from .descriptions import counted_people

#: "these troops" takes up the last "North Korean troops" within this many tokens.
ANAPHORA_REACH = 200
#: A transfer with no recipient named takes that of a transfer told up to this many sentences
#: before; "the launch" takes up a launch told as far back.
CONTEXT_SENTENCES = 3
#: A group expression with no number ("the parties", "their countries") takes up a list or a
#: group told at most this many tokens before it.
PARTY_REACH = 400
#: Prepositions before a list of capitals that makes them the places of an event ("held in
#: Riyadh and Muscat"), not a list of governments a group expression may take up.
HOST_PREPOSITIONS = frozenset({"in", "at", "near"})
#: Prepositions a list may repeat after "and" ("talked with A and with B", "to A and to B").
REPEATED_PREPOSITIONS = frozenset({"with", "to", "from"})
#: Pronouns that take up the last person named ("he said").
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
#: Pronouns standing for one state or organisation, and for several actors.
SINGULAR_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
#: Entity types "it" may stand for.
CORPORATE_TYPES = ("Country", "Organization")
#: Words that open a condition whose subject "it" is not read by syntax alone.
CONDITION_MARKS = frozenset({"if", "unless"})
#: A wire-service dateline at the head of the story, after any headline ("SEOUL (AP) - ",
#: "KYIV, Ukraine, May 3 (Reuters) -"): the city and agency are where the story was filed,
#: not actors of its first sentence.
DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z.'/\- ]{1,40}(?:,[\w.' ]{1,40}){0,2}[ \t]*(?:\([^()]{1,40}\))?[ \t]*"
                      r"[-\u2013\u2014]{1,2}[ \t]+(?=[\"\u201cA-Z])", re.MULTILINE)
#: How far into a text a dateline may be.
DATELINE_REACH = 600


# ---------------------------------------------------------------------- sieves: groups
def group_expressions(ctx: ResolutionContext) -> None:
    """Group expressions of actor_cues.yaml ("the two countries", "both leaders", "the three
    nations") become one group span per member: the members of the last enumeration before
    them of the right size and level ("Japan, South Korea and the U.S. ... the three
    countries"), else the last actors named; "his U.S. and Japanese counterparts" names the
    states listed plus the speaker's own. Actors that look at the group from outside ("Japan
    voiced alarm at ties between the two countries") are not in it. Counted groups of people
    ("three Malian officials") first: see :func:`counted_people`."""
    counted_people(ctx)
    enumerations = _enumerations(ctx) + _counterparts(ctx)
    grouped = {i for s in ctx.spans if s.kind == "group" for i in range(s.start, s.end)}
    # in document order, so that "the parties" can take up "both parties" told before it
    found = sorted(((i, -len(words), words, size, level) for words, size, level in ctx.cues.groups
                    for i in ctx.occurrences(words)), key=lambda f: f[:2])
    for i, _, words, size, level in found:
        n = len(words)
        if ctx.covered(i, i + n) or i in grouped or _names_its_members(ctx, i + n):
            continue
        members = _group_members(ctx, i, size, level, enumerations)
        for member in members:
            ctx.spans.append(Span(i, i + n, member, "group", ctx.entry_type(member)))
        if members:
            grouped.update(range(i, i + n))


def _names_its_members(ctx: ResolutionContext, end: int) -> bool:
    """"the defense ministers of Japan and Australia": the group's own "of" names its members."""
    if end + 1 >= len(ctx.lowers) or ctx.lowers[end] != "of":
        return False
    span = ctx.span_starting_at(end + 1)
    return span is not None and span.type in ("Country", "Person", "Organization")


def _actor_spans(ctx: ResolutionContext) -> list[Span]:
    """Spans of states, people and organisations (no groups, no places), by position."""
    return sorted((s for s in ctx.spans if s.type in ("Country", "Person", "Organization")
                   and s.kind not in ("group", "place")), key=lambda s: s.start)


def _enumerations(ctx: ResolutionContext) -> list[tuple[int, int, list[str]]]:
    """Runs of actors joined by commas and "and": (start, end token, members in order)."""
    runs: list[tuple[int, int, list[str]]] = []
    current: list[Span] = []
    for span in _actor_spans(ctx):
        if _parenthetical_agent(ctx, span):
            continue  # "government forces, backed by a Saudi-led coalition, and rebels": a backer
        if current and current[-1].end <= span.start and _joins(ctx, current[-1].end, span.start):
            current.append(span)
            continue
        if len({s.entity for s in current}) > 1:
            runs.append((current[0].start, current[-1].end, list(dict.fromkeys(s.entity for s in current))))
        current = [span]
    if len({s.entity for s in current}) > 1:
        runs.append((current[0].start, current[-1].end, list(dict.fromkeys(s.entity for s in current))))
    # "talks held in Riyadh and Muscat": cities where something happened, not parties to it
    return [r for r in runs if not (r[0] > 0 and ctx.lowers[r[0] - 1] in HOST_PREPOSITIONS
                                    and all(s.kind == "metonym" for s in ctx.spans_within(r[0], r[1])))]


def _parenthetical_agent(ctx: ResolutionContext, span: Span) -> bool:
    """Whether ``span`` is the agent of a participle set off by commas (", backed by Iran,",
    ", supported by the UN,"): it qualifies the item before it and is no item of the list."""
    k = span.start - 1
    while k >= 0 and ctx.lowers[k] in ("the", "a", "an"):
        k -= 1
    if k < 2 or ctx.lowers[k] != "by" or ctx.lowers[k - 2] != "," or span.end >= len(ctx.lowers) \
            or ctx.lowers[span.end] != ",":
        return False
    participle = ctx.doc[k - 1]
    return participle.tag_ == "VBN" or participle.lower_.endswith("ed")


def _listed(ctx: ResolutionContext, start: int, end: int) -> bool:
    """Whether the run [start, end) is a list ("A and B", "A, B"; "A met B") rather than a
    name and a title ("the UN Special Envoy for Yemen")."""
    words = ctx.lowers[start:end]
    return any(w in (",", "and", "&") for w in words) or any(
        tuple(words[k:k + len(v)]) == v for v in ctx.cues.pair_verbs for k in range(len(words)))


def _joins(ctx: ResolutionContext, start: int, end: int) -> bool:
    """Whether tokens [start, end) join two actors into a pair or list: commas, "and", titles
    ("Russia and North Korean leader Kim"), or a verb of meeting ("Kim met Putin"); a
    preposition said again after "and" ("spoke with A and with B")."""
    words = ctx.lowers[start:end]
    rest = [w for k, w in enumerate(words) if w not in ENUMERATION_GLUE and w not in ctx.cues.title_words
            and not (k and words[k - 1] == "and" and w in REPEATED_PREPOSITIONS)]
    return not rest or tuple(rest) in ctx.cues.pair_verbs


def _counterparts(ctx: ResolutionContext) -> list[tuple[int, int, list[str]]]:
    """"his U.S. and Japanese counterparts": a group of the states named, plus his own."""
    found = []
    for i, word in enumerate(ctx.lowers):
        if word not in ctx.cues.counterpart_nouns:
            continue
        members: list[str] = []
        j = i - 1
        while j >= 0:
            span = ctx.span_ending_at(j + 1)
            if span and span.type == "Country":
                members.insert(0, span.entity)
                j = span.start - 1
            elif ctx.lowers[j] in ("and", ","):
                j -= 1
            else:
                break
        if not members:
            continue
        k = i + 1 + (ctx.texts[i + 1:i + 2] == [","])
        named = ctx.span_starting_at(k) if k < len(ctx.texts) else None
        if named is not None and named.type == "Person":
            continue  # "his Tajik counterpart, NAME": the counterpart is the person named
        for member in members:
            ctx.spans.append(Span(j + 1, i + 1, member, "group", "Country"))
        own = None
        if j >= 0 and ctx.lowers[j] in POSSESSIVE_PRONOUNS:
            speaker = [s for s in _actor_spans(ctx) if s.type == "Person" and s.end <= j]
            own = ctx.state_of(speaker[-1].entity) if speaker else None
        found.append((j + 1, i + 1, list(dict.fromkeys(([own] if own else []) + members))))
    return found


def _group_members(ctx: ResolutionContext, i: int, size: int, level_name: str,
                   enumerations: list[tuple[int, int, list[str]]]) -> list[str]:
    """The actors a group expression of ``size`` (0: any) at token ``i`` stands for, at ``level_name``
    ("person", "state" or any): the last enumeration before it that fits, else the last actors
    named; [] when none fit."""
    def level(members: list[str]) -> list[str]:
        if level_name == "person":
            return [m for m in members if ctx.entry_type(m) == "Person"]
        if level_name == "state":
            return list(dict.fromkeys(filter(None, (ctx.state_of(m) for m in members))))
        if level_name == "party":
            return _parties(ctx, members)
        return members
    earlier = sorted((e for e in enumerations if e[1] <= i and (size or i - e[1] <= PARTY_REACH)
                      and (level_name != "party" or _listed(ctx, e[0], e[1]))),
                     key=lambda e: e[1], reverse=True)
    if not size:
        # "both Parties ... the Parties": a group told before, when it is nearer than any list
        told = _last_group(ctx, i)
        if told and told[0] > (earlier[0][1] if earlier else -1) and len(level(told[1])) > 1:
            return level(told[1])
    # "South Korea and Japan expressed concern over ... the two countries": not themselves.
    outsiders = set(_observers(ctx, i))
    if level_name == "party":
        outsiders.update(_agents_over(ctx, i))
    outsiders.update(filter(None, (ctx.state_of(o) for o in list(outsiders))))
    for _, _, members in earlier:
        members = level(members)
        if outsiders & set(members):
            continue
        if (size and len(members) == size) or (not size and len(members) > 1):
            return members
    if not size:
        return []
    recent: list[str] = []
    for span in reversed([s for s in _actor_spans(ctx) if s.end <= i]):
        member = (level([span.entity]) or [None])[0]
        if member and member not in recent and member not in outsiders:
            recent.append(member)
        if len(recent) == size:
            return list(reversed(recent))
    return []


def _parties(ctx: ResolutionContext, members: list[str]) -> list[str]:
    """The parties a list names: states and organisations, a person standing for the state he
    holds office in when the text says it ("Kosovo Prime Minister A and Serbian President B":
    Kosovo and Serbia; "the government of Ethiopia and the TPLF": both; "A, and B's foreign
    minister C": A's state and B)."""
    return list(dict.fromkeys((ctx.state_of(m) or m) if ctx.entry_type(m) == "Person" else m for m in members))


def _agents_over(ctx: ResolutionContext, group: int) -> list[str]:
    """The actors that act on the parties: the subjects and by-agents of the verbs above the
    group ("Norway and Cuba urged the parties", "the roles played by Qatar and Egypt in helping
    the sides"): one does not urge, help or meet oneself."""
    if not annotated(ctx.doc, "DEP"):
        return []
    found: list[str] = []
    for verb in ctx.doc[group].ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        agents = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        agents += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        for agent in agents:
            if agent.left_edge.i <= group <= agent.right_edge.i:
                continue
            found.extend(s.entity for s in ctx.spans_within(agent.left_edge.i, agent.right_edge.i + 1)
                         if s.type in ("Country", "Person", "Organization"))
    return found


def _last_group(ctx: ResolutionContext, i: int) -> tuple[int, list[str]] | None:
    """(end, members) of the last group expression before token ``i`` within PARTY_REACH tokens."""
    groups: dict[tuple[int, int], list[str]] = {}
    for span in ctx.spans:
        if span.kind == "group" and span.end <= i and i - span.end <= PARTY_REACH:
            groups.setdefault((span.start, span.end), []).append(span.entity)
    if not groups:
        return None
    (_, end), members = max(groups.items(), key=lambda item: item[0][1])
    return end, list(dict.fromkeys(members))


def _observers(ctx: ResolutionContext, group: int) -> list[str]:
    """The actors that, in the group's own sentence, speak through a stance word governing the
    group ("Japan and South Korea voiced alarm at the ties between the two countries", "the
    ministry is watching whether ... cooperation between the two countries"): they look at
    the group from outside, so they are not in it."""
    floor = ctx.sentence_start(group)
    stance = [k for k in range(floor, group) if ctx.lowers[k] in ctx.cues.stance_words]
    if stance and annotated(ctx.doc, "DEP"):
        # The stance word governs the group, or is the object of the verb that does
        # ("voiced alarm at the ties between ...": the parser hangs "at" on "voiced").
        governors = {a.i for a in ctx.doc[group].ancestors}
        stance = [k for k in stance if k in governors
                  or (ctx.doc[k].head.i in governors and floor <= ctx.doc[k].head.i < group)]
    if not stance:
        return []
    return [s.entity for s in _actor_spans(ctx) if floor <= s.start and s.end <= stance[0]]


# ---------------------------------------------------------------------- sieves: definite materiel
def materiel_anaphora(ctx: ResolutionContext) -> None:
    """"the submarines" after "nuclear-powered submarines", "the missile" after "a ballistic
    missile": a definite generic class takes up the one more specific kind named before it."""
    materiel = sorted((s for s in ctx.spans if s.type == "Materiel"), key=lambda s: s.start)
    for k, span in enumerate(materiel):
        if span.start == 0 or ctx.lowers[span.start - 1] not in ("the", "these", "those", "this", "that"):
            continue
        generic = ctx.g.entries[span.entity].label if span.entity in ctx.g.entries else ""
        specific = {s.entity for s in materiel[:k] if s.entity != span.entity and generic
                    and s.entity in ctx.g.entries
                    and re.search(rf"[\s-]{re.escape(generic)}$", ctx.g.entries[s.entity].label)}
        if len(specific) == 1:
            span.entity = specific.pop()
            ctx.revise(span)


# ---------------------------------------------------------------------- extraction's view
class WordLists(Protocol):
    """What :class:`Actors` reads of the relation lexicon (kgraph.extract.lexicon.Lexicon)."""
    trigger_lemmas: frozenset[str]
    objects: dict[str, frozenset[str]]


class Actors:
    """Which entities the tokens of a parsed document refer to, pronouns and anaphora included.

    Parameters
    ----------
    parsed : spacy.tokens.Doc
        The parsed document (dependency parse for the anaphora; tokens suffice for ``at``).
    mentions : list of Mention
        The resolution's mentions; those inside the opening dateline are left out.
    entities : list of Entity
        The resolution's entities (read, never changed).
    gazetteer : Gazetteer, optional
        Where the state of a city named as an actor comes from ("visited Moscow").
    document_id : str, optional
        Recorded in the entities this index adds.
    lexicon : WordLists, optional
        Event words (not actor phrases) and the object word lists (place heads, containers,
        patron modifiers, group nouns, aid nouns).

    Attributes
    ----------
    added : list of Entity
        States brought in for the places that stand for them, in the order met: extraction
        returns them for the pipeline to add to the document's entities.
    """

    def __init__(self, parsed: Doc, mentions: list[Mention], entities: list[Entity],
                 gazetteer: Gazetteer | None = None, document_id: str | None = None,
                 lexicon: WordLists | None = None) -> None:
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
            for i in range(span.start, span.end):
                ids = self.by_token.setdefault(i, [])
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

    def _local_office(self, token: Token) -> bool:
        """Whether the place at ``token`` owns a local office or body ("Georgia Governor", "the
        governor of Georgia", "Mexico City's mayor", "Victoria's Premier"): the sub-national
        words of actor_cues.yaml and "mayor"; such a place does not stand for its state."""
        while token.dep_ == "compound" and token.head.i != token.i \
                and self.by_token.get(token.head.i) == self.by_token.get(token.i):
            token = token.head  # "Mexico" in "Mexico City's mayor"
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "of":
            head = head.head
        elif token.dep_ not in ("poss", "compound", "nmod"):
            return False
        if self.gazetteer is None or head is token:
            return False
        words = {w[0] for w in self.gazetteer.cues.sub_national_words if len(w) == 1} | {"mayor"}
        return head.lower_ in words or any(c.lower_ in words for c in head.children if c.dep_ == "compound")

    def type_of(self, entity_id: str) -> str | None:
        """The entity type of an id this index knows, else None."""
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
                if self._local_office(token):
                    continue  # "the governor of Georgia", "Mexico City's mayor": the unit's, not the state's
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
        if not found and token.pos_ == "NOUN" and is_anaphoric(token) and not word_in(token, self.event_words):
            found = self._antecedent(token, types)
            if not found and word_in(token, self.group_nouns) and "Organization" in types:
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
        named = [(t, people) for t, people in named if people and not is_vocative(t)]  # "X, stop ...": addressed
        # the subject of a clause is the likelier antecedent: "X hosted Y as he pressed ..."
        subjects_ = [people for t, people in named if in_subject(t)]
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
        if types is None and not plural and word in SINGULAR_PRONOUNS and self._ambiguous_condition(pronoun):
            return []
        # a description ("the two men", "the group") reaches further back than a pronoun
        start = sentences_back(pronoun, 1 if types is None and not plural else CONTEXT_SENTENCES)
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

    def _ambiguous_condition(self, pronoun: Token) -> bool:
        """Whether "it" is the subject of a condition ("if", "unless") whose main clause names two
        states or organisations, its subject and another: "Germany could impose sanctions on Turkey
        if it invades Syria" is about Turkey by sense, not by syntax; left unresolved rather than
        taken for the main subject (precision). "Iran will respond if it is attacked" (one actor
        in the main clause) stays resolved."""
        verb = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "advcl" \
                or not any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in verb.children):
            return False
        main = verb.head
        clause = {t.i for t in verb.subtree}
        actors = {e for t in main.subtree if t.i not in clause for e in self.at(t, CORPORATE_TYPES)}
        return len(actors) >= 2

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
        """Actors of ``types`` a phrase names: at its head, through a personal pronoun, in its
        modifiers ("Russia's defense sector", "their navies") or in its "of"/"from" phrase
        ("the defense chiefs of Japan and Korea")."""
        found = self.at(token, types)
        if not found and token.lower_ in PERSONAL_PRONOUNS and "Person" in types:
            return self._last_person(token)
        if found or token.lower_ in PRONOUNS:
            return found
        for child in token.lefts:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.tag_ not in FINITE_OR_BARE \
                    and not word_in(child, self.patrons):  # "the Iran-backed group" is not Iran
                for t in child.subtree:
                    found.extend(e for e in self.at(t, types) if e not in found)
            if child.dep_ == "poss" and not found:  # "their navies will stage ..."
                found.extend(e for e in self.pronoun_antecedent(child) if self.type_of(e) in types)
        if not found and not word_in(token, self.aid_nouns):  # "with help from X": X helps, is not the one
            # "the defense chiefs of Japan and Korea", "officials from China", "cities across Ukraine"
            prepositions = ("of", "from", "in", "across") if word_in(token, self.place_heads) else ("of", "from")
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ in prepositions:
                    for pobj in child.children:
                        for t in (pobj, *pobj.conjuncts):
                            # "dozens of Houthi targets": a quantity names what it counts; "a refinery in
                            # Russia's Krasnodar region": a place is in the place its phrase names
                            nested = (word_in(token, self.containers) and child.lower_ == "of") or (
                                word_in(token, self.place_heads) and word_in(t, self.place_heads))
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


# ---------------------------------------------------------------------- events told again
def retold_event(relation_type: str, earlier: Sequence[Relation]) -> Relation | None:
    """The event a noun with no actor of its own tells again: the last relation of
    ``relation_type`` in ``earlier`` (document order) that has a source, else None.

    Handles "North Korea fired a missile on Monday ... the launch was its third this month"
    and "the sanctions include a ban on ...": the launch, the sanctions, are those told before.
    """
    return next((r for r in reversed(earlier) if r.type == relation_type and r.source), None)


def sentences_back(token: Token, count: int) -> int:
    """The index of the first token of the sentence ``count`` sentences before the token's
    (0 at the start of the document)."""
    sentence = token.sent
    for _ in range(count):
        if sentence.start == 0:
            break
        sentence = token.doc[sentence.start - 1].sent
    return sentence.start
