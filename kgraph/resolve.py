"""Actor recognition and resolution: the mentions of one document -> canonical entities.

Names come first from the gazetteer (longest match, both with the spaCy model and in the
rule-only pipeline), then from the statistical NER when there is one, then from titles
("Defense Minister Shin Won-sik"). Then, in order: a capital stands for its government only
when it acts or owns an official ("Seoul has reported"), and is a place otherwise ("the summit
in Moscow"); short names resolve to the full name met in the document ("Shin"), or to the
office holder at the document's date ("Prime Minister Abe" in 2016); titles become
``official_of`` relations; group expressions ("the three countries", "his U.S. and Japanese
counterparts") expand to the actors they stand for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from .gazetteer import NAME_SUFFIXES, Gazetteer, NameHit, normalise, person_key
from .knowledge import KnowledgeBase
from .model import Document, Entity, Evidence, Mention, Relation, slugify

#: spaCy NER labels kgraph reads, and the entity type an unknown name of that label gets.
NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location",
             "EVENT": "Event"}
POSSESSIVE = {"'s", "'"}
POSSESSIVE_PRONOUNS = {"his", "her", "their", "its"}
ENUMERATION_GLUE = {",", "and", "the", "&"}
STATE_KINDS = {"demonym", "metonym"}
#: A title read in the text: (its words, the state or organisation it names if any, token range).
Title = tuple[str, str | None, tuple[int, int]]
#: Confidence of an office stated in the text, and of one completed from offices.yaml.
STATED_OFFICE, KNOWN_OFFICE = 0.9, 0.75


@dataclass
class Resolution:
    """The actors of one document: entities, where they are mentioned, and stated offices."""
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    offices: list[Relation] = field(default_factory=list)


@dataclass
class _Span:
    """A recognised stretch of tokens [start, end) and what it refers to."""
    start: int
    end: int
    entity: str
    kind: str
    type: str
    label: str | None = None  # for entities not in the gazetteer
    #: Character range when the name is part of one token ("U.S." in "U.S.-made").
    chars: tuple[int, int] | None = None


@lru_cache(maxsize=8)
def _institution_phrases(institutions: tuple[str, ...] | frozenset[str],
                         descriptors: tuple[tuple[str, str], ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Institution phrases by first word, longest first: a state's name is followed by few of them."""
    phrases = [(tuple(p.lower().split()), p) for p in institutions]
    phrases += [(tuple(d.split()), d) for d, _ in descriptors]
    phrases.sort(key=lambda p: -len(p[0]))
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, written in phrases:
        if words:
            by_first.setdefault(words[0], []).append((words, written))
    return by_first


class _Spans:
    """The recognised spans, in insertion order, indexed by token so that "is this token taken?"
    costs the span count at one token, not all spans (resolution runs on every document).
    Group spans are kept but not indexed: they never block a name."""

    def __init__(self, n_tokens: int) -> None:
        self.items: list[_Span] = []
        self.at: list[list[_Span]] = [[] for _ in range(n_tokens)]

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def append(self, span: _Span) -> None:
        self.items.append(span)
        if span.kind != "group":
            for i in range(span.start, span.end):
                self.at[i].append(span)

    def extend(self, spans) -> None:
        for span in list(spans):
            self.append(span)

    def remove(self, span: _Span) -> None:
        self.items.remove(span)
        if span.kind != "group":
            for i in range(span.start, span.end):
                self.at[i].remove(span)


def resolve_document(document: Document, parsed: Doc, kb: KnowledgeBase) -> Resolution:
    return _Resolver(document, parsed, kb.gazetteer).run()


class _Resolver:
    def __init__(self, document: Document, parsed: Doc, gazetteer: Gazetteer) -> None:
        self.document = document
        self.doc = parsed
        self.g = gazetteer
        self.cues = gazetteer.cues
        self.texts = [normalise(t.text) for t in parsed]
        self.lowers = [t.lower() for t in self.texts]
        self.spans = _Spans(len(parsed))
        #: Token positions of each lower-case word, for the phrase scans.
        self.positions: dict[str, list[int]] = {}
        for i, word in enumerate(self.lowers):
            self.positions.setdefault(word, []).append(i)
        self.offices: dict[tuple[str, str], Relation] = {}
        #: State of a person or organisation as the text states it (their office, their qualifier).
        self.belongs_to: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.credits = self._credit_tokens()

    # ------------------------------------------------------------------ driver
    def run(self) -> Resolution:
        self._gazetteer_matches()
        self._add_events()
        self._add_titled_names()  # before the NER, which may call "Marcus Delaney" an ORG
        self._add_places()  # before the NER, which may call "Avdiivka" or "the Negev" an ORG
        self._add_ner()
        self._add_named_organisations()
        self._add_apposed_names()
        self._resolve_people()
        self._add_administrations()
        self._resolve_capitals()
        self._add_short_references()
        self._add_institutions()
        self._add_acronyms()
        self._add_offices()
        self._add_groups()
        self._resolve_materiel_anaphora()
        return self._resolution()

    # ------------------------------------------------------------------ helpers
    def covered(self, start: int, end: int) -> bool:
        return any(self.spans.at[i] for i in range(max(start, 0), min(end, len(self.texts))))

    def span_ending_at(self, end: int) -> _Span | None:
        if not 0 < end <= len(self.texts):
            return None
        return next((s for s in self.spans.at[end - 1] if s.end == end), None)

    def span_starting_at(self, start: int) -> _Span | None:
        """The longest: "South Korea's foreign ministry" rather than the state that opens it."""
        if not 0 <= start < len(self.texts):
            return None
        return max((s for s in self.spans.at[start] if s.start == start), key=lambda s: s.end, default=None)

    def spans_within(self, start: int, end: int) -> list[_Span]:
        """The (non-group) spans that overlap tokens [start, end), each once."""
        found: list[_Span] = []
        for i in range(max(start, 0), min(end, len(self.texts))):
            found.extend(s for s in self.spans.at[i] if not any(s is f for f in found))
        return found

    def occurrences(self, words: tuple[str, ...]) -> list[int]:
        """Where the lower-case word sequence ``words`` starts."""
        n = len(words)
        return [i for i in self.positions.get(words[0], ()) if tuple(self.lowers[i:i + n]) == words] if n else []

    def is_capitalised(self, i: int) -> bool:
        text = self.texts[i]
        return text[:1].isupper() and any(c.isalpha() for c in text)

    def sentence_start(self, i: int) -> int:
        return self.doc[i].sent.start if self.doc.has_annotation("SENT_START") else 0

    def entry_type(self, entity: str) -> str:
        entry = self.g.entries.get(entity)
        return entry.type if entry else self.types.get(entity, "Other")

    def state_of(self, entity: str) -> str | None:
        """The state an actor belongs to (itself for a state)."""
        if self.entry_type(entity) == "Country":
            return entity
        entry = self.g.entries.get(entity)
        return self.belongs_to.get(entity) or (entry.country if entry else None)

    def new_entity(self, label: str, type_: str) -> str:
        """Id of a name the gazetteer lacks (its slug), remembered with its label and type."""
        eid = slugify(label)
        if eid in self.g.entries:
            return eid
        self.labels.setdefault(eid, label)
        self.types.setdefault(eid, type_)
        return eid

    def _credit_tokens(self) -> set[int]:
        """Tokens of credit lines ("Reporting by Jane Doe; Editing by ..."), up to the line's end,
        and of bylines ("By Jane Doe and John Roe" on a line of its own)."""
        blocked: set[int] = set()
        firsts = {marker[0] for marker in self.cues.credit_markers}
        for i, word in enumerate(self.lowers):
            if word in firsts:
                marker = next((m for m in self.cues.credit_markers if tuple(self.lowers[i:i + len(m)]) == m), None)
                if marker:
                    blocked.update(self._to_line_end(i + len(marker)))
            elif word in self.cues.byline_markers and self._line_start(i):
                rest = self._to_line_end(i + 1)
                if rest and len(rest) <= 16 and all(self._byline_word(j) for j in rest):
                    blocked.update(rest)
        return blocked

    def _line_start(self, i: int) -> bool:
        return i == 0 or "\n" in self.doc[i - 1].text or "\n" in self.doc[i - 1].whitespace_

    def _to_line_end(self, j: int) -> list[int]:
        """Tokens from ``j`` to the end of its line or bracket."""
        tokens = []
        while j < len(self.texts) and self.texts[j] not in (")", "]") and "\n" not in self.doc[j].text \
                and not self._line_start(j):
            tokens.append(j)
            j += 1
        return tokens

    def _byline_word(self, i: int) -> bool:
        """A word a byline is made of: names, "and", "in" + place, punctuation."""
        text = self.texts[i]
        return self.is_capitalised(i) or not any(c.isalpha() for c in text) or text in ("and", "in", "of")

    # ------------------------------------------------------------------ 1. gazetteer
    def _gazetteer_matches(self) -> None:
        """Longest gazetteer names, left to right; ambiguous capitals are decided later."""
        person_ents: dict[int, tuple[int, int]] = {}  # token -> the PERSON entity around it
        for ent in self.doc.ents:
            if ent.label_ == "PERSON":
                person_ents.update((i, (ent.start, ent.end)) for i in range(ent.start, ent.end))
        found: list[_Span] = []
        i, n = 0, len(self.texts)
        while i < n:
            if self.texts[i] not in self.g.first_tokens and self.lowers[i] not in self.g.first_tokens \
                    and self.texts[i].title() not in self.g.first_tokens:
                found.extend(self._hyphenated_names(i))
                i += 1
                continue
            for length in range(min(self.g.max_name_tokens, n - i), 0, -1):
                hits = self.g.lookup(self.texts[i:i + length])
                if hits and not self._inside_person_name(i, i + length, hits, person_ents):
                    if hits[0].kind != "ignore":
                        found.append(self._span_for(i, i + length, hits))
                    i += length
                    break
            else:
                found.extend(self._hyphenated_names(i))
                i += 1
        self.spans.extend(found)
        for span in [s for s in found if s.type == "Event"]:
            found_inside = self._states_inside(span)
            self.spans.extend(found_inside)
        for span in [s for s in found if s.type == "Organization"]:
            self.spans.extend(self._state_qualifier(span))

    def _state_qualifier(self, span: _Span) -> list[_Span]:
        """The state that opens an organisation's name is named too: "South Korea's Joint Chiefs
        of Staff", "the Russian Defense Ministry", "the U.S. State Department"."""
        country = self.g.entries[span.entity].country if span.entity in self.g.entries else None
        if country is None:
            return []
        for length in range(min(span.end - span.start - 1, self.g.max_name_tokens), 0, -1):
            hit = next((h for h in self.g.lookup(self.texts[span.start:span.start + length])
                        if h.entry == country and h.kind in ("name", "alias", "demonym")), None)
            if hit:
                return [_Span(span.start, span.start + length, country, hit.kind, "Country")]
        return []

    def _hyphenated_names(self, i: int) -> list[_Span]:
        """States inside one hyphenated token: "U.S.-made", "U.S.-China talks"."""
        if "-" not in self.texts[i][1:-1]:
            return []
        token = self.doc[i]
        if "-" not in token.text[1:-1]:
            return []
        spans, offset = [], token.idx
        for part in token.text.split("-"):
            hits = self.g.lookup([normalise(part)]) if part else ()
            hit = next((h for h in hits if h.kind != "ignore" and self.g.entries[h.entry].type == "Country"), None)
            if hit and hit.kind in ("name", "alias", "demonym", "seat"):
                kind = {"seat": "metonym"}.get(hit.kind, hit.kind)
                spans.append(_Span(i, i + 1, hit.entry, kind, "Country", chars=(offset, offset + len(part))))
            offset += len(part) + 1
        return spans

    def _states_inside(self, span: _Span) -> list[_Span]:
        """States named inside an event's name stay actors: "the Russia-Ukraine war"."""
        inside = []
        for i in range(span.start, span.end):
            hits = self.g.lookup(self.texts[i:i + 1]) or self.g.lookup(self.texts[i:i + 2])
            hit = next((h for h in hits if h.kind in ("name", "alias", "demonym")
                        and self.g.entries[h.entry].type == "Country"), None)
            if hit:
                length = 1 if self.g.lookup(self.texts[i:i + 1]) else 2
                inside.append(_Span(i, min(i + length, span.end), hit.entry, hit.kind, "Country"))
        return inside

    def _inside_person_name(self, start: int, end: int, hits: tuple[NameHit, ...],
                            person_ents: dict[int, tuple[int, int]]) -> bool:
        """"Jordan" in "Jordan Peterson": a place name inside a longer person name."""
        if any(h.kind == "ignore" or self.g.entries[h.entry].type == "Person" for h in hits):
            return False
        s, e = person_ents.get(start, (start, start))
        return end <= e and e - s > end - start

    def _span_for(self, start: int, end: int, hits: tuple[NameHit, ...]) -> _Span:
        hit = hits[0]
        if any(h.kind == "capital" for h in hits):
            # Decided in _resolve_capitals: the state (metonym) or the city (place).
            state = next(h.entry for h in hits if self.g.entries[h.entry].type == "Country")
            return _Span(start, end, state, "capital", "Country")
        kind = {"seat": "metonym"}.get(hit.kind, hit.kind)
        return _Span(start, end, hit.entry, kind, self.g.entries[hit.entry].type)

    # ------------------------------------------------------------------ 2. named events
    def _add_events(self) -> None:
        """A capitalised name ending in an event head ("the 2022 Phnom Penh Summit")."""
        for head in self.cues.event_heads:
            size = len(head)
            for i in self.occurrences(tuple(w.lower() for w in head)):
                if i < 1 or tuple(self.texts[i:i + size]) != head or self.covered(i, i + size):
                    continue
                start = self._name_start(i)
                while start < i and self.doc[start].is_stop:  # "The Phnom Penh Summit"
                    start += 1
                if start == i:
                    continue
                inside = [s for s in self.spans if start <= s.start and s.end <= i]
                for span in inside:
                    if span.type in ("Location", "Event") or span.kind == "capital":
                        self.spans.remove(span)
                label = self.doc[start:i + size].text
                self.spans.append(_Span(start, i + size, self.new_entity(label, "Event"), "name", "Event", label))
        self._add_prefixed_events()

    def _add_prefixed_events(self) -> None:
        """A capitalised name after an event prefix ("Operation Prosperity Guardian"): its words
        are not actors of their own, except the states and people it names."""
        for i, text in enumerate(self.texts[:-1]):
            if text in self.cues.event_prefixes and self.is_capitalised(i + 1) and not self.covered(i, i + 1):
                end = i + 1
                while end < len(self.texts) and end - i <= 4 and self.is_capitalised(end) \
                        and not self.doc[end].is_stop:
                    end += 1
                for span in self.spans_within(i, end):
                    if span.type not in ("Country", "Person"):
                        self.spans.remove(span)
                label = self.doc[i:end].text
                self.spans.append(_Span(i, end, self.new_entity(label, "Event"), "name", "Event", label))

    def _name_start(self, end: int) -> int:
        """First token of the capitalised name that ends before token ``end``."""
        start, j, floor = end, end - 1, self.sentence_start(end)
        while j >= floor:
            if self.is_capitalised(j):
                start, j = j, j - 1
            elif self.texts[j] in ("-", "of", "and") and j - 1 >= floor and self.is_capitalised(j - 1):
                j -= 1
            else:
                break
        return start

    # ------------------------------------------------------------------ 2b. places by their context
    #: Words before an unknown name that make "<name> <place noun>" a place ("shelled the Sumy region").
    PLACE_LEADS = frozenset({"the", "in", "near", "of", "from", "to", "across", "into", "outside", "around", "toward"})

    def _add_places(self) -> None:
        """Unknown names that a place noun qualifies: "the town of Avdiivka", "the Negev desert",
        "Jeju Island" (the capitalised noun is part of the name)."""
        for noun in self.cues.place_nouns:
            n = len(noun)
            for i in self.occurrences(noun):
                if i < 1 or self.covered(i, i + n):
                    continue
                if self.texts[i].islower():
                    if self.lowers[i + n:i + n + 1] == ["of"] and self._after_article(i):
                        start, end = i + n + 1, self._place_name_end(i + n + 1)
                    else:
                        start, end = self._place_name_start(i), i
                        if start == end or start == 0 or (self.lowers[start - 1] not in self.PLACE_LEADS
                                                          and self.texts[start - 1] not in POSSESSIVE):
                            continue
                else:
                    start, end = self._place_name_start(i), i + n
                    if start == i:
                        continue
                if end > start and not self.covered(start, end):
                    label = self.doc[start:end].text
                    place = self.new_entity(label, "Location")
                    owner = self.span_ending_at(start - 1) if start > 1 and self.texts[start - 1] in POSSESSIVE else None
                    if owner and owner.type == "Country" and place not in self.g.entries:
                        self.belongs_to[place] = owner.entity  # "Syria's Hasakah province"
                    self.spans.append(_Span(start, end, place, "name", "Location", label))

    def _after_article(self, i: int) -> bool:
        """"the city of", "the northeastern port city of": an article, then at most two
        lower-case words, before token ``i``."""
        for k in range(i - 1, max(i - 4, -1), -1):
            if self.lowers[k] in ("the", "a"):
                return True
            if not self.texts[k].islower() or not self.texts[k].replace("-", "").isalpha():
                return False
        return False

    def _place_word(self, i: int) -> bool:
        """A word that may stand in an unknown place name."""
        return (self.is_capitalised(i) and not self.doc[i].is_stop and i not in self.credits
                and self.lowers[i] not in self.cues.title_words and self.lowers[i] not in self.cues.honorifics
                and self.lowers[i] not in self.cues.ner_stoplist and not self.covered(i, i + 1)
                and not any(c.isdigit() for c in self.texts[i]))

    def _place_name_start(self, end: int) -> int:
        start = end
        while start > 0 and end - start < 3:
            if self._place_word(start - 1):
                start -= 1
            elif self.texts[start - 1] == "-" and start > 1 and self._place_word(start - 2) and start < end:
                start -= 2
            else:
                break
        return start

    def _place_name_end(self, start: int) -> int:
        end = start
        while end < len(self.texts) and end - start < 3:
            if self._place_word(end):
                end += 1
            elif self.texts[end] == "-" and end > start and end + 1 < len(self.texts) and self._place_word(end + 1):
                end += 2
            else:
                break
        return end

    # ------------------------------------------------------------------ 3. statistical NER
    def _add_ner(self) -> None:
        for ent in self.doc.ents:
            type_ = NER_TYPES.get(ent.label_)
            if type_ is None:
                continue
            start, end = self._trim(ent.start, ent.end, type_)
            if start >= end or any(i in self.credits for i in range(start, end)):
                continue
            inside = self.spans_within(start, end)
            if inside and end - start > 1 and all(s.type == "Materiel" and start <= s.start and s.end <= end
                                                  and s.end - s.start < end - start for s in inside):
                for span in inside:  # "the Missile Administration" is not a missile
                    self.spans.remove(span)
            if self.covered(start, end) or self._is_junk(start, end, type_):
                continue
            label = self.doc[start:end].text
            if type_ == "Person" and self.lowers[end - 1] in self.cues.org_suffixes:
                type_ = "Organization"
            if type_ == "Person":
                self.spans.append(_Span(start, end, "", "ner", "Person", label))
            else:
                self.spans.append(_Span(start, end, self.new_entity(label, type_), "ner", type_, label))

    def _trim(self, start: int, end: int, type_: str) -> tuple[int, int]:
        """Drop a leading article, honorific or title and a trailing possessive."""
        while start < end and (self.lowers[start] in ("the", "a", "an") or self.lowers[start] in self.cues.honorifics
                               or (type_ == "Person" and self.lowers[start] in self.cues.title_words)):
            start += 1
        while end > start and (self.texts[end - 1] in POSSESSIVE or not any(c.isalnum() for c in self.texts[end - 1])):
            end -= 1
        return start, end

    def _is_junk(self, start: int, end: int, type_: str) -> bool:
        words = self.texts[start:end]
        text = " ".join(words)
        if text.lower() in self.cues.ner_stoplist or len(text) < 2 or not text[:1].isupper():
            return True
        if any(c.isdigit() for c in text) or self.g.lookup(words):
            return True
        if all(w.lower() in self.cues.title_words or not w[:1].isalpha() for w in words):
            return True
        if type_ == "Person":
            # "Kursk Where" (a headline): a place or a function word is not part of a name.
            if any(self.g.lookup([w]) or (self.doc[i].is_stop and self.texts[i - 1] != "-")
                   for w, i in zip(words, range(start, end))):
                return True
            return not all(self.is_capitalised(i) or self.texts[i] == "-" or self.doc[i - 1].text == "-"
                           for i in range(start, end))
        return False

    # ------------------------------------------------------------------ 4. names after titles
    def _add_titled_names(self) -> None:
        """A capitalised name right after a title or honorific ("President Yoon", "Dr. Ismail Demir")."""
        title_ends = {t.split()[-1] for t in self.cues.titles} | self.cues.honorifics
        for i in range(1, len(self.texts)):
            if (self.lowers[i - 1] in title_ends and self.is_capitalised(i) and not self.covered(i, i + 1)
                    and self.lowers[i] not in self.cues.title_words and self.lowers[i] not in self.cues.honorifics
                    and i not in self.credits):
                end = self._name_end(i)
                self.spans.append(_Span(i, end, "", "name", "Person", self.doc[i:end].text))

    def _add_named_organisations(self) -> None:
        """Without a statistical NER: a capitalised name around an organisation head word is an
        organisation ("the Harbin Institute of Technology", "Kalashnikov Concern"), when some word
        of it is more than a generic institution word ("the Security Council" alone is not)."""
        if self.doc.has_annotation("ENT_IOB"):
            return
        for i, word in enumerate(self.lowers):
            if word not in self.cues.org_suffixes or not self.is_capitalised(i) or self.covered(i, i + 1):
                continue
            start, end = i, i + 1
            while start > self.sentence_start(i) and self._name_word(start - 1):
                start -= 1
            if end + 1 < len(self.texts) and self.lowers[end] in ("of", "for") and self._name_word(end + 1):
                end += 1
                while end < len(self.texts) and end - i < 4 and self._name_word(end):
                    end += 1
            if start > 0 and self.span_ending_at(start):
                continue  # "the Gaza Health Ministry": a qualified institution, not a name
            distinctive = [k for k in range(start, end) if self.lowers[k] not in self.cues.org_suffixes
                           and self.lowers[k] not in ("of", "for") and self._name_word(k)]
            if distinctive and not self.covered(start, end):
                label = self.doc[start:end].text
                self.spans.append(_Span(start, end, self.new_entity(label, "Organization"), "name",
                                        "Organization", label))

    def _add_apposed_names(self) -> None:
        """An unknown full name followed by its title: "Lim Soo-suk, a spokesperson for the ministry,"
        (the statistical NER usually finds these; the rule-only pipeline needs the title)."""
        for comma in [i for i, text in enumerate(self.texts) if text == ","]:
            start = comma
            while start > 0:
                if self._name_word(start - 1):
                    start -= 1
                elif self.texts[start - 1] == "-" and start > 1 and self._name_word(start - 2) \
                        and self.texts[start][:1].isalpha():
                    start -= 2
                else:
                    break
            words = [w for w in self.texts[start:comma] if w != "-" and w[:1].isupper()]
            if len(words) < 2 or len(words) > 4 or self._title_after(comma) is None:
                continue
            label = self.doc[start:comma].text
            self.spans.append(_Span(start, comma, "", "name", "Person", label))

    def _name_word(self, i: int) -> bool:
        """A word that may stand in an unknown person's name (after a hyphen it may be lower-case)."""
        after_hyphen = i > 0 and self.texts[i - 1] == "-"
        return ((self.is_capitalised(i) or (after_hyphen and self.texts[i].isalpha())) and not self.doc[i].is_stop
                and self.lowers[i] not in self.cues.title_words and self.lowers[i] not in self.cues.honorifics
                and self.lowers[i] not in self.cues.ner_stoplist and i not in self.credits
                and not self.covered(i, i + 1) and self.texts[i].replace(".", "").isalpha())

    def _name_end(self, start: int) -> int:
        end = start + 1
        n = len(self.texts)
        while end < n and not self.covered(end, end + 1):
            text = self.texts[end]
            if text == "-" and end + 1 < n and self.texts[end + 1][:1].isalpha():
                end += 2
            elif (self.is_capitalised(end) and self.lowers[end] not in self.cues.title_words) or \
                    (len(text) == 2 and text[0].isupper() and text[1] == "."):
                end += 1
            else:
                break
        return end

    # ------------------------------------------------------------------ 5. people
    def _resolve_people(self) -> None:
        """Full names -> gazetteer people or new ones; single names -> the full name or the office holder."""
        people = [s for s in self.spans if s.type == "Person"]
        full = [s for s in people if s.entity or len(self._name_words(s)) > 1]
        for span in full:
            if not span.entity:
                known = self.g.person_keys.get(person_key(span.label or ""))
                span.entity = known or self.new_entity(span.label or "", "Person")
                span.kind = "name" if known else span.kind
        parts = self._name_parts(full)
        for span in [s for s in self.spans if s.kind == "ner" and s.end - s.start == 1 and s.type != "Person"]:
            if self.texts[span.start] in parts:  # "Singh" tagged GPE by the NER
                span.entity, span.type = "", "Person"
                people.append(span)
        for span in [s for s in people if not s.entity]:
            resolved = self._resolve_single(span.start, parts)
            if resolved:
                span.entity, span.kind = resolved, "surname"
            else:
                self.spans.remove(span)
        # Bare surnames the NER did not mark ("Shin's comments", "Singh said").
        for i, text in enumerate(self.texts):
            if text in parts and not self.covered(i, i + 1) and not self._in_longer_name(i):
                resolved = self._resolve_single(i, parts)
                if resolved:
                    self.spans.append(_Span(i, i + 1, resolved, "surname", "Person"))

    def _name_words(self, span: _Span) -> list[str]:
        return [w for w in (span.label or "").split() if w.lower() not in NAME_SUFFIXES]

    def _name_parts(self, full: list[_Span]) -> dict[str, list[tuple[int, str]]]:
        """Single words that may stand for a full name met in the document: the last word, and
        the first, which is the family name in East Asian names ("Kim Jong-un", "Wang Yi"); news
        style never calls a Western official by a bare given name, so the first word is safe."""
        parts: dict[str, list[tuple[int, str]]] = {}
        for span in full:
            names = {span.label or "", self.g.entries[span.entity].label if span.entity in self.g.entries else ""}
            for name in filter(None, names):
                words = [w for w in name.split() if w.lower().rstrip(".") not in NAME_SUFFIXES]
                if len(words) < 2:
                    continue
                for word in (words[-1], words[0]):
                    if len(word) > 1 and "." not in word:
                        parts.setdefault(word, []).append((span.start, span.entity))
        return parts

    def _in_longer_name(self, i: int) -> bool:
        """"Kim" in "Kim Yo Jong" is not Kim Jong Un."""
        nxt = i + 1 < len(self.texts) and self.is_capitalised(i + 1) and not self.covered(i + 1, i + 2) \
            and self.lowers[i + 1] not in self.cues.title_words
        # A sentence's first word is capitalised anyway ("Meanwhile Abe met Moon").
        prv = i - 1 > self.sentence_start(i) and self.is_capitalised(i - 1) and not self.covered(i - 1, i) \
            and self.lowers[i - 1] not in self.cues.title_words and self.lowers[i - 1] not in self.cues.honorifics
        return bool(nxt or prv)

    def _resolve_single(self, i: int, parts: dict[str, list[tuple[int, str]]]) -> str | None:
        candidates = parts.get(self.texts[i], [])
        if candidates:
            before = [c for c in candidates if c[0] <= i]
            return (max(before) if before else min(candidates))[1]
        title = self._title_before(i)
        if title:
            role_class = self.g.title_class(title[0].lower())
            holders = self.g.holders(None if role_class == "other" else role_class, self.texts[i], self.document.date)
            if len(holders) == 1:
                return holders[0]
        return None

    def _add_administrations(self) -> None:
        """"the Biden administration", "the Netanyahu government": the leader's state, not the person."""
        for span in [s for s in self.spans if s.type == "Person" and s.entity]:
            noun = next((n for n in self.cues.administration_nouns
                         if tuple(self.texts[span.end:span.end + len(n)]) == n), None)
            if noun is None:
                continue
            heads = [o.holder for o in self.g.offices
                     if o.person == span.entity and o.role_class in ("head_of_state", "head_of_government")
                     and self.entry_type(o.holder) == "Country"]
            if heads:
                for inside in [s for s in self.spans if span.end <= s.start < span.end + len(noun)]:
                    self.spans.remove(inside)  # "the Biden White House": one mention
                self.spans.remove(span)
                span.end += len(noun)
                span.entity, span.kind, span.type = heads[0], "metonym", "Country"
                self.spans.append(span)

    # ------------------------------------------------------------------ 6. capitals
    def _resolve_capitals(self) -> None:
        """A capital is its government when it acts or owns an official, else the city."""
        states = {s.entity for s in self.spans if s.type == "Country" and s.kind != "capital"}
        capitals = [s for s in self.spans if s.kind == "capital"]
        decided = {id(s): self._capital_is_government(s) for s in capitals}
        # Coordinated names share one reading: "condemnation from Seoul, Tokyo and Washington".
        for run in self._coordinated(capitals):
            if any(decided.get(id(s), s.type == "Country") for s in run):
                decided.update({id(s): True for s in run if s.kind == "capital"})
        for span in capitals:
            if decided[id(span)]:
                span.kind = "metonym"
                states.add(span.entity)
        for span in [s for s in self.spans if s.kind == "capital"]:
            # A city whose state is an actor here is named by the state's node, not a second one.
            if span.entity in states:
                span.kind = "place"
            else:
                city = next(h.entry for h in self.g.lookup(self.texts[span.start:span.end])
                            if h.kind == "capital" and self.g.entries[h.entry].type == "Location")
                span.entity, span.kind, span.type = city, "name", "Location"

    def _coordinated(self, capitals: list[_Span]) -> list[list[_Span]]:
        """Runs of capitals and states joined only by commas and "and" that hold a capital."""
        runs: list[list[_Span]] = []
        names = sorted((s for s in self.spans if s.type == "Country" or s.kind == "capital"), key=lambda s: s.start)
        glue: list[list[str]] = []
        for span in names:
            between = self.lowers[runs[-1][-1].end:span.start] if runs else []
            if runs and between and set(between) <= {",", "and"}:
                runs[-1].append(span)
                glue[-1] = between
            else:
                runs.append([span])
                glue.append([])
        # A list ends in "and"; "Warsaw, Poland" is an address, not a list.
        return [run for run, last in zip(runs, glue) if "and" in last and any(s in capitals for s in run)]

    def _capital_is_government(self, span: _Span) -> bool:
        cues = self.cues
        after = self.lowers[span.end:span.end + 6]
        if self.doc[span.start:span.end].text.isupper():
            return False  # a dateline: "WASHINGTON (Reuters) -", "SEOUL, Nov 5 -"
        if after[:1] and after[0] in POSSESSIVE:
            owned = after[1:4]
            return not any(w in cues.city_nouns or " ".join(owned[k:k + 2]) in cues.city_nouns
                           for k, w in enumerate(owned))
        j = span.start - 1
        while j >= 0 and self.lowers[j] in ("the", "a"):
            j -= 1
        head = self.doc[span.end - 1]
        has_parse = self.doc.has_annotation("DEP")
        nxt = span.end
        if not has_parse and nxt < len(self.texts) and self.is_capitalised(nxt) and not self.covered(nxt, nxt + 1) \
                and self.lowers[nxt] not in cues.title_words:
            return False  # the first word of a longer name: "the Tehran Times", "the Moscow Exchange"
        if j >= 0 and self.lowers[j] in cues.locative_prepositions:
            # "support from Beijing" (a noun's source) is the government; "flew from Beijing" the city.
            return has_parse and self.lowers[j] == "from" and self.doc[j].head.pos_ in ("NOUN", "PROPN")
        if has_parse:
            if head.dep_ == "compound":
                return head.head.lower_ in cues.government_nouns
            if head.dep_ in ("nsubj", "nsubjpass", "dobj", "conj", "appos", "pobj", "npadvmod", "attr", "ROOT"):
                return True
        if after[:1] and after[0] in cues.actor_verbs:
            return True
        if (after[:1] and after[0] == "and") or (j >= 0 and self.lowers[j] in ("and", ",", "between")):
            return True
        return not has_parse

    def _add_short_references(self) -> None:
        """"the North" for North Korea, once the document has named North Korea."""
        named = {s.entity for s in self.spans
                 if s.type == "Country" and s.kind in ("name", "alias", "demonym", "metonym")}
        for words, state in self.cues.short_references:
            if state not in named:
                continue
            n = len(words)
            for i in self.occurrences(tuple(w.lower() for w in words)):
                if i >= 1 and self.lowers[i - 1] == "the" and tuple(self.texts[i:i + n]) == words \
                        and not self.covered(i, i + n):
                    self.spans.append(_Span(i - 1, i + n, state, "alias", "Country"))

    # ------------------------------------------------------------------ 7. state institutions
    def _add_institutions(self) -> None:
        """"North Korean state media" -> KCNA; "Japan's Foreign Ministry" -> an organisation of Japan."""
        phrases = _institution_phrases(self.cues.institutions, tuple(self.g.descriptors))
        linked: dict[tuple[str, ...], set[str]] = {}  # phrase -> organisations it named here
        in_document = {s.entity for s in self.spans if s.type == "Organization"}
        for (descriptor, _), org in self.g.descriptors.items():
            if org in in_document:
                linked.setdefault(tuple(descriptor.split()), set()).add(org)
        for state_span in [s for s in self.spans if s.type == "Country" and s.kind != "place"]:
            if any(s.type == "Organization" and s.start <= state_span.start and state_span.end < s.end
                   for s in self.spans.at[state_span.start]):
                continue  # "South Korea's Joint Chiefs of Staff", matched whole
            k = state_span.end
            if k < len(self.texts) and self.texts[k] in POSSESSIVE:
                k += 1
            for words, written in phrases.get(self.lowers[k] if k < len(self.lowers) else "", ()):
                end = k + len(words)
                if tuple(self.lowers[k:end]) != words:
                    continue
                state = state_span.entity
                org = self.g.descriptors.get((" ".join(words), state))
                blocking = [s for s in self.spans_within(k, end) if s.start >= k]
                if any(s.type not in ("Organization", "Other") for s in blocking):
                    break
                for span in blocking:
                    self.spans.remove(span)
                if org is None:
                    label = f"{written[:1].upper()}{written[1:]} of {self.g.entries[state].label}"
                    org = self.new_entity(label, "Organization")
                    self.belongs_to[org] = state
                self.spans.append(_Span(state_span.start, end, org, "alias", "Organization"))
                linked.setdefault(words, set()).add(org)
                break
        self._add_bare_institutions(linked)

    def _add_bare_institutions(self, linked: dict[tuple[str, ...], set[str]]) -> None:
        """"the foreign ministry said" after "Beijing's foreign ministry": the one institution of
        that name the document has tied to a state (none when two states' ministries appear)."""
        for words, orgs in sorted(linked.items(), key=lambda item: -len(item[0])):
            if len(orgs) != 1:
                continue
            org, n = next(iter(orgs)), len(words)
            for i in self.occurrences(words):
                if not self.covered(i, i + n) and (self.is_capitalised(i) or (i > 0 and self.lowers[i - 1] == "the")):
                    self.spans.append(_Span(i, i + n, org, "alias", "Organization"))

    # ------------------------------------------------------------------ 8. acronyms defined in the text
    def _add_acronyms(self) -> None:
        """"Army Tactical Missile Systems, or ATACMS" / "... (ATACMS)": the acronym joins its name."""
        defined: dict[str, str] = {}
        for span in list(self.spans):
            rest = self.texts[span.end:span.end + 3]
            if rest[:1] == ["("] and len(rest) == 3 and rest[2] == ")":
                acronym = rest[1]
            elif rest[:2] == [",", "or"] and len(rest) == 3:
                acronym = rest[2]
            else:
                continue
            if acronym.isupper() and len(acronym) > 1 and span.kind != "group":
                defined.setdefault(acronym, span.entity)
        initials = self._organisation_initials()
        for i, text in enumerate(self.texts):
            if text in initials and len(initials[text]) == 1 and defined.setdefault(text, min(initials[text])) \
                    in initials[text]:
                ner = [s for s in self.spans if s.start == i and s.end == i + 1 and s.kind == "ner"]
                for span in ner:  # "JCS" after "Joint Chiefs of Staff": not a new organisation
                    self.spans.remove(span)
            if text in defined and not self.covered(i, i + 1):
                entity = defined[text]
                self.spans.append(_Span(i, i + 1, entity, "alias", self.entry_type(entity)))

    def _organisation_initials(self) -> dict[str, set[str]]:
        """Initials of the organisations named in the document ("JCS" for "Joint Chiefs of Staff",
        also inside "South Korea's Joint Chiefs of Staff"): the capitalised words of any tail of
        the name, two words at least."""
        found: dict[str, set[str]] = {}
        for span in [s for s in self.spans if s.type == "Organization" and s.kind != "group"]:
            label = self.g.entries[span.entity].label if span.entity in self.g.entries else self.labels.get(span.entity, "")
            for name in {label, " ".join(self.texts[span.start:span.end])}:
                words = [w for w in name.replace("-", " ").split() if w[:1].isupper() and w not in POSSESSIVE]
                for k in range(len(words) - 1):
                    key = "".join(w[0] for w in words[k:])
                    if len(key) > 1:
                        found.setdefault(key, set()).add(span.entity)
        return found

    # ------------------------------------------------------------------ 9. offices
    def _add_offices(self) -> None:
        for span in sorted((s for s in self.spans if s.type == "Person" and s.entity), key=lambda s: s.start):
            title = self._title_before(span.start) or self._title_after(span.end)
            if title is None:
                continue
            role, holder, (first, last) = title
            known = None
            if holder is None:
                role_class = self.g.title_class(role.lower())
                offices = self.g.offices_of(span.entity, self.document.date)
                known = next((o for o in offices if o.role_class == role_class), offices[0] if offices else None)
                holder = known.holder if known else None
            if holder is None:
                continue
            if self.state_of(holder):
                self.belongs_to.setdefault(span.entity, self.state_of(holder))
            key = (span.entity, holder)
            if key in self.offices:
                continue
            sentence = self.doc[first].sent if self.doc.has_annotation("SENT_START") else self.doc[:]
            self.offices[key] = Relation(
                type="official_of", source=span.entity, target=holder, participants=[span.entity, holder],
                modality="asserted", role=role[:1].upper() + role[1:],
                confidence=KNOWN_OFFICE if known else STATED_OFFICE,
                evidence=[Evidence(self.document.id, sentence.text, sentence.start_char, sentence.end_char,
                                   trigger=role)])

    def _title_before(self, start: int) -> Title | None:
        """The title right before a name: ("Deputy Pentagon Press Secretary", DoD, token range)."""
        title_tokens: list[int] = []
        holder: str | None = None
        modifiers: list[int] = []  # "Hamas political chief": lower-case words between holder and title
        j, floor = start - 1, self.sentence_start(start)
        apposition = False  # "Iran's chief of staff, Major General Mohammad Bagheri"
        k = j
        while k > floor and self.lowers[k] in self.cues.honorifics:
            k -= 1
        if k < j and self.texts[k] == ",":
            j = k  # a rank between the comma and the name ("General" is a title word too)
        while j >= floor:
            span = self.span_ending_at(j + 1)
            if span and holder is None and span.type in ("Country", "Organization") and span.kind != "place":
                holder, j = span.entity, span.start - 1
                title_tokens += modifiers
                modifiers = []
                continue
            if (self.lowers[j] in self.cues.title_words and not span and not modifiers
                    and (self.lowers[j] != "the" or self.lowers[j - 1] == "of")):
                title_tokens.append(j)
            elif title_tokens and holder is None and len(modifiers) < 2 and \
                    (self._modifier(j) or (self.lowers[j] in self.cues.title_words and self.texts[j].islower())):
                modifiers.append(j)
            elif self.texts[j] == "," and not title_tokens and holder is None and not apposition \
                    and j > floor and self.lowers[j - 1] in self.cues.title_words:
                apposition = True
            elif not (self.texts[j] in POSSESSIVE and holder is None and self.span_ending_at(j)) and \
                    not (self.lowers[j] in self.cues.honorifics and not title_tokens):
                break
            j -= 1
        return self._title(title_tokens, holder, j)

    def _modifier(self, i: int) -> bool:
        """A lower-case word that may qualify a title ("top nuclear envoy", "political chief")."""
        token = self.doc[i]
        if not (token.is_alpha and token.is_lower) or token.is_stop or token.lower_ in self.cues.actor_verbs:
            return False
        if self.doc.has_annotation("POS"):
            return token.pos_ in ("ADJ", "NOUN", "PROPN")
        return not token.lower_.endswith("ed")

    def _title_after(self, end: int) -> Title | None:
        """An apposition after a name: "Ismail Demir, SSB's president"."""
        if end >= len(self.texts) or self.texts[end] != ",":
            return None
        title_tokens: list[int] = []
        holder: str | None = None
        j = end + 1
        while j < len(self.texts):
            span = self.span_starting_at(j)
            if span and holder is None and span.type in ("Country", "Organization") and span.kind != "place":
                holder, j = span.entity, span.end
                continue
            if self.texts[j] in POSSESSIVE or self.lowers[j] in ("a", "an") or \
                    (self.lowers[j] == "the" and not title_tokens):
                j += 1
                continue
            if self.lowers[j] in self.cues.title_words and not span:
                title_tokens.append(j)
                j += 1
                continue
            skip = self._modifiers_before_holder(j) if title_tokens and holder is None else 0
            if skip:  # "a secretary of the ruling Workers' Party"
                j += skip
                continue
            break
        if j < len(self.texts) and self.texts[j] not in (",", ".", ";", ")", "\n"):
            return None
        return self._title(title_tokens, holder, end - 1)

    def _modifiers_before_holder(self, j: int) -> int:
        """How many lower-case qualifiers (at most two) stand between a title and the state or
        organisation that holds it ("the ruling Workers' Party"), 0 when no holder follows."""
        k = j
        while k < len(self.texts) and k - j < 2 and self.texts[k].isalpha() and self.texts[k].islower() \
                and not self.doc[k].is_stop:
            k += 1
        span = self.span_starting_at(k) if k > j else None
        return k - j if span and span.type in ("Country", "Organization") and span.kind != "place" else 0

    def _title(self, tokens: list[int], holder: str | None, before: int) -> Title | None:
        while tokens and self.lowers[max(tokens)] in ("of", "the", "and", "for", "-"):
            tokens.remove(max(tokens))
        while tokens and self.lowers[min(tokens)] in ("of", "the", "and", "for", "-"):
            tokens.remove(min(tokens))
        if not tokens:
            return None
        first, last = min(tokens), max(tokens)
        text = self.doc[first:last + 1].text
        if self.g.title_class(text.lower()) is None:
            return None
        former = self.cues.former_markers
        if (before >= 0 and self.lowers[before] in former) or self.lowers[first] in former:
            return None
        return text, holder, (first, last)

    # ------------------------------------------------------------------ 10. groups
    def _add_groups(self) -> None:
        enumerations = self._enumerations() + self._counterparts()
        grouped = {i for s in self.spans if s.kind == "group" for i in range(s.start, s.end)}
        for words, size, level in self.cues.groups:
            n = len(words)
            for i in self.occurrences(words):
                if self.covered(i, i + n) or i in grouped or self._names_its_members(i + n):
                    continue
                members = self._group_members(i, size, level, enumerations)
                for member in members:
                    self.spans.append(_Span(i, i + n, member, "group", self.entry_type(member)))
                if members:
                    grouped.update(range(i, i + n))

    def _names_its_members(self, end: int) -> bool:
        """"the defense ministers of Japan and Australia": the group's own "of" names its members."""
        if end + 1 >= len(self.lowers) or self.lowers[end] != "of":
            return False
        span = self.span_starting_at(end + 1)
        return span is not None and span.type in ("Country", "Person", "Organization")

    def _actor_spans(self) -> list[_Span]:
        return sorted((s for s in self.spans if s.type in ("Country", "Person", "Organization")
                       and s.kind not in ("group", "place")), key=lambda s: s.start)

    def _enumerations(self) -> list[tuple[int, int, list[str]]]:
        """Runs of actors joined by commas and "and": (start, end token, members in order)."""
        runs: list[tuple[int, int, list[str]]] = []
        current: list[_Span] = []
        for span in self._actor_spans():
            if current and current[-1].end <= span.start and self._joins(current[-1].end, span.start):
                current.append(span)
                continue
            if len({s.entity for s in current}) > 1:
                runs.append((current[0].start, current[-1].end, list(dict.fromkeys(s.entity for s in current))))
            current = [span]
        if len({s.entity for s in current}) > 1:
            runs.append((current[0].start, current[-1].end, list(dict.fromkeys(s.entity for s in current))))
        return runs

    def _joins(self, start: int, end: int) -> bool:
        """Whether tokens [start, end) join two actors into a pair or list: commas, "and", titles
        ("Russia and North Korean leader Kim"), or a verb of meeting ("Kim met Putin")."""
        rest = [w for w in self.lowers[start:end] if w not in ENUMERATION_GLUE and w not in self.cues.title_words]
        return not rest or tuple(rest) in self.cues.pair_verbs

    def _counterparts(self) -> list[tuple[int, int, list[str]]]:
        """"his U.S. and Japanese counterparts": a group of the states named, plus his own."""
        found = []
        for i, word in enumerate(self.lowers):
            if word not in self.cues.counterpart_nouns:
                continue
            members: list[str] = []
            j = i - 1
            while j >= 0:
                span = self.span_ending_at(j + 1)
                if span and span.type == "Country":
                    members.insert(0, span.entity)
                    j = span.start - 1
                elif self.lowers[j] in ("and", ","):
                    j -= 1
                else:
                    break
            if not members:
                continue
            for member in members:
                self.spans.append(_Span(j + 1, i + 1, member, "group", "Country"))
            own = None
            if j >= 0 and self.lowers[j] in POSSESSIVE_PRONOUNS:
                speaker = [s for s in self._actor_spans() if s.type == "Person" and s.end <= j]
                own = self.state_of(speaker[-1].entity) if speaker else None
            found.append((j + 1, i + 1, list(dict.fromkeys(([own] if own else []) + members))))
        return found

    def _group_members(self, i: int, size: int, level_name: str,
                       enumerations: list[tuple[int, int, list[str]]]) -> list[str]:
        def level(members: list[str]) -> list[str]:
            if level_name == "person":
                return [m for m in members if self.entry_type(m) == "Person"]
            if level_name == "state":
                return list(dict.fromkeys(filter(None, (self.state_of(m) for m in members))))
            return members
        earlier = sorted((e for e in enumerations if e[1] <= i), key=lambda e: e[1], reverse=True)
        # "South Korea and Japan expressed concern over ... the two countries": not themselves.
        outsiders = set(self._observers(i))
        outsiders.update(filter(None, (self.state_of(o) for o in list(outsiders))))
        for _, _, members in earlier:
            members = level(members)
            if outsiders & set(members):
                continue
            if (size and len(members) == size) or (not size and len(members) > 1):
                return members
        if not size:
            return []
        recent: list[str] = []
        for span in reversed([s for s in self._actor_spans() if s.end <= i]):
            member = (level([span.entity]) or [None])[0]
            if member and member not in recent and member not in outsiders:
                recent.append(member)
            if len(recent) == size:
                return list(reversed(recent))
        return []

    def _observers(self, group: int) -> list[str]:
        """The actors that, in the group's own sentence, speak through a stance word governing the
        group ("Japan and South Korea voiced alarm at the ties between the two countries", "the
        ministry is watching whether ... cooperation between the two countries"): they look at
        the group from outside, so they are not in it."""
        floor = self.sentence_start(group)
        stance = [k for k in range(floor, group) if self.lowers[k] in self.cues.stance_words]
        if stance and self.doc.has_annotation("DEP"):
            # The stance word governs the group, or is the object of the verb that does
            # ("voiced alarm at the ties between ...": the parser hangs "at" on "voiced").
            governors = {a.i for a in self.doc[group].ancestors}
            stance = [k for k in stance if k in governors
                      or (self.doc[k].head.i in governors and floor <= self.doc[k].head.i < group)]
        if not stance:
            return []
        return [s.entity for s in self._actor_spans() if floor <= s.start and s.end <= stance[0]]

    # ------------------------------------------------------------------ 11. "the missile"
    def _resolve_materiel_anaphora(self) -> None:
        """"the submarines" after "nuclear-powered submarines", "the missile" after "a ballistic
        missile": a definite generic class takes up the one more specific kind named before it."""
        materiel = sorted((s for s in self.spans if s.type == "Materiel"), key=lambda s: s.start)
        for k, span in enumerate(materiel):
            if span.start == 0 or self.lowers[span.start - 1] not in ("the", "these", "those", "this", "that"):
                continue
            generic = self.g.entries[span.entity].label if span.entity in self.g.entries else ""
            specific = {s.entity for s in materiel[:k] if s.entity != span.entity and generic
                        and s.entity in self.g.entries
                        and re.search(rf"[\s-]{re.escape(generic)}$", self.g.entries[s.entity].label)}
            if len(specific) == 1:
                span.entity = specific.pop()

    # ------------------------------------------------------------------ output
    def _resolution(self) -> Resolution:
        doc_id = self.document.id
        entities: dict[str, Entity] = {}
        mentions: list[Mention] = []
        for span in sorted(self.spans, key=lambda s: (s.start, s.end, s.entity)):
            if not span.entity:
                continue
            entity = entities.get(span.entity) or entities.setdefault(span.entity, self._entity(span.entity))
            first, last = self.doc[span.start], self.doc[span.end - 1]
            start, end = span.chars or (first.idx, last.idx + len(last.text))
            surface = self.document.text[start:end]
            mentions.append(Mention(doc_id, start, end, surface, span.entity, span.kind))
            if span.kind not in ("group", "place"):
                entity.add_alias(normalise(surface))
        for entity in entities.values():
            entity.country = self.belongs_to.get(entity.id) or entity.country
        # A title the text states makes the office's state a node even when the text does not
        # name it ("Prime Minister Abe" in 2016: Japan).
        offices = [r for r in self.offices.values() if r.source in entities]
        for relation in offices:
            if relation.target not in entities:
                entities[relation.target] = self._entity(relation.target)
        return Resolution(sorted(entities.values(), key=lambda e: e.id), mentions, offices)

    def _entity(self, eid: str) -> Entity:
        entry = self.g.entries.get(eid)
        if entry:
            return Entity(entry.id, entry.label, entry.type, list(entry.aliases), entry.wikidata,
                          [self.document.id], entry.country)
        return Entity(eid, self.labels[eid], self.types[eid], [], None, [self.document.id])
