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

from dataclasses import dataclass, field

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
        self.spans: list[_Span] = []
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
        self._add_ner()
        self._resolve_people()
        self._resolve_capitals()
        self._add_short_references()
        self._add_institutions()
        self._add_acronyms()
        self._add_offices()
        self._add_groups()
        return self._resolution()

    # ------------------------------------------------------------------ helpers
    def covered(self, start: int, end: int) -> bool:
        return any(s.start < end and start < s.end for s in self.spans if s.kind != "group")

    def span_ending_at(self, end: int) -> _Span | None:
        return next((s for s in self.spans if s.end == end and s.kind != "group"), None)

    def span_starting_at(self, start: int) -> _Span | None:
        return next((s for s in self.spans if s.start == start and s.kind != "group"), None)

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
        """Tokens of credit lines ("Reporting by Jane Doe; Editing by ..."), up to the line's end."""
        blocked: set[int] = set()
        for marker in self.cues.credit_markers:
            n = len(marker)
            for i in range(len(self.lowers) - n + 1):
                if tuple(self.lowers[i:i + n]) == marker:
                    j = i + n
                    while j < len(self.texts) and self.texts[j] not in (")", "]") and "\n" not in self.doc[j].text \
                            and "\n" not in self.doc[j - 1].whitespace_:
                        blocked.add(j)
                        j += 1
        return blocked

    # ------------------------------------------------------------------ 1. gazetteer
    def _gazetteer_matches(self) -> None:
        """Longest gazetteer names, left to right; ambiguous capitals are decided later."""
        person_ents = [(e.start, e.end) for e in self.doc.ents if e.label_ == "PERSON"]
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

    def _hyphenated_names(self, i: int) -> list[_Span]:
        """States inside one hyphenated token: "U.S.-made", "U.S.-China talks"."""
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
                            person_ents: list[tuple[int, int]]) -> bool:
        """"Jordan" in "Jordan Peterson": a place name inside a longer person name."""
        if any(h.kind == "ignore" or self.g.entries[h.entry].type == "Person" for h in hits):
            return False
        return any(s <= start and end <= e and e - s > end - start for s, e in person_ents)

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
            for i in range(1, len(self.texts) - size + 1):
                if tuple(self.texts[i:i + size]) != head or self.covered(i, i + size):
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

    # ------------------------------------------------------------------ 3. statistical NER
    def _add_ner(self) -> None:
        for ent in self.doc.ents:
            type_ = NER_TYPES.get(ent.label_)
            if type_ is None:
                continue
            start, end = self._trim(ent.start, ent.end, type_)
            if start >= end or any(i in self.credits for i in range(start, end)):
                continue
            inside = [s for s in self.spans if s.start < end and start < s.end]
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
                    and self.lowers[i] not in self.cues.title_words and i not in self.credits):
                end = self._name_end(i)
                self.spans.append(_Span(i, end, "", "name", "Person", self.doc[i:end].text))

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
            for i in range(1, len(self.texts) - n + 1):
                if self.lowers[i - 1] == "the" and tuple(self.texts[i:i + n]) == words and not self.covered(i, i + n):
                    self.spans.append(_Span(i - 1, i + n, state, "alias", "Country"))

    # ------------------------------------------------------------------ 7. state institutions
    def _add_institutions(self) -> None:
        """"North Korean state media" -> KCNA; "Japan's Foreign Ministry" -> an organisation of Japan."""
        phrases = [(tuple(p.lower().split()), p) for p in self.cues.institutions]
        phrases += [(tuple(d.split()), d) for d, _ in self.g.descriptors]
        phrases.sort(key=lambda p: -len(p[0]))
        for state_span in [s for s in self.spans if s.type == "Country" and s.kind != "place"]:
            k = state_span.end
            if k < len(self.texts) and self.texts[k] in POSSESSIVE:
                k += 1
            for words, written in phrases:
                end = k + len(words)
                if tuple(self.lowers[k:end]) != words:
                    continue
                state = state_span.entity
                org = self.g.descriptors.get((" ".join(words), state))
                blocking = [s for s in self.spans if k <= s.start < end and s.kind != "group"]
                if any(s.type not in ("Organization", "Other") for s in blocking):
                    break
                for span in blocking:
                    self.spans.remove(span)
                if org is None:
                    label = f"{written[:1].upper()}{written[1:]} of {self.g.entries[state].label}"
                    org = self.new_entity(label, "Organization")
                    self.belongs_to[org] = state
                self.spans.append(_Span(state_span.start, end, org, "alias", "Organization"))
                break

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
        for i, text in enumerate(self.texts):
            if text in defined and not self.covered(i, i + 1):
                entity = defined[text]
                self.spans.append(_Span(i, i + 1, entity, "alias", self.entry_type(entity)))

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
            break
        if j < len(self.texts) and self.texts[j] not in (",", ".", ";", ")", "\n"):
            return None
        return self._title(title_tokens, holder, end - 1)

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
        for words, size, level in self.cues.groups:
            n = len(words)
            for i in range(len(self.lowers) - n + 1):
                if tuple(self.lowers[i:i + n]) != words or self.covered(i, i + n):
                    continue
                if any(s.kind == "group" and s.start <= i < s.end for s in self.spans):
                    continue
                members = self._group_members(i, size, level, enumerations)
                for member in members:
                    self.spans.append(_Span(i, i + n, member, "group", self.entry_type(member)))

    def _actor_spans(self) -> list[_Span]:
        return sorted((s for s in self.spans if s.type in ("Country", "Person", "Organization")
                       and s.kind not in ("group", "place")), key=lambda s: s.start)

    def _enumerations(self) -> list[tuple[int, list[str]]]:
        """Runs of actors joined by commas and "and": (end token, members in order)."""
        runs: list[tuple[int, list[str]]] = []
        current: list[_Span] = []
        for span in self._actor_spans():
            if current and all(w in ENUMERATION_GLUE or w in self.cues.title_words
                               for w in self.lowers[current[-1].end:span.start]) and current[-1].end <= span.start:
                current.append(span)
                continue
            if len({s.entity for s in current}) > 1:
                runs.append((current[-1].end, list(dict.fromkeys(s.entity for s in current))))
            current = [span]
        if len({s.entity for s in current}) > 1:
            runs.append((current[-1].end, list(dict.fromkeys(s.entity for s in current))))
        return runs

    def _counterparts(self) -> list[tuple[int, list[str]]]:
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
            found.append((i + 1, list(dict.fromkeys(([own] if own else []) + members))))
        return found

    def _group_members(self, i: int, size: int, level_name: str,
                       enumerations: list[tuple[int, list[str]]]) -> list[str]:
        def level(members: list[str]) -> list[str]:
            if level_name == "person":
                return [m for m in members if self.entry_type(m) == "Person"]
            if level_name == "state":
                return list(dict.fromkeys(filter(None, (self.state_of(m) for m in members))))
            return members
        earlier = sorted((e for e in enumerations if e[0] <= i), key=lambda e: e[0], reverse=True)
        for _, members in earlier:
            members = level(members)
            if (size and len(members) == size) or (not size and len(members) > 1):
                return members
        if not size:
            return []
        recent: list[str] = []
        for span in reversed([s for s in self._actor_spans() if s.end <= i]):
            member = (level([span.entity]) or [None])[0]
            if member and member not in recent:
                recent.append(member)
            if len(recent) == size:
                return list(reversed(recent))
        return []

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
