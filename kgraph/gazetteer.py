"""The actor gazetteer: every name kgraph knows before it reads a word, from ``ontologies/``.

- ``countries.csv`` (Our World in Data, CC BY 4.0): states and territories, ISO and COW codes, QIDs;
- ``places.yaml``: short/official forms, demonyms, capitals and seats of government, other places;
- ``organizations.yaml``: international bodies, ministries, armed forces, media;
- ``offices.yaml``: people and their date-ranged offices;
- ``materiel.yaml`` and ``events.yaml``: weapons/technology and named events;
- ``actor_cues.yaml``: titles, group expressions and the other cue words resolution reads.

The Gazetteer is built once and shared read-only by every document; it holds only plain
strings, tuples and dicts, so it pickles to parallel workers.
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import spacy
import yaml

from .model import slugify

#: Name suffixes that are not part of a surname ("Lloyd J. Austin III").
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@dataclass(frozen=True)
class Entry:
    """One known thing: a state, place, organisation, person, weapon or event."""
    id: str
    label: str
    type: str
    wikidata: str | None = None
    #: Id of the state it belongs to (a capital's, a ministry's, a person's by office).
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameHit:
    """What a surface form means. ``kind``: name, alias, demonym, capital, seat, or ignore
    (a phrase that names no actor, "Latin American": ``entry`` is empty)."""
    entry: str
    kind: str


@dataclass(frozen=True)
class Office:
    """``person`` held ``role`` (of class ``role_class``) in ``holder`` from ``start`` to ``end``."""
    person: str
    role: str
    role_class: str
    holder: str
    start: str
    end: str

    def active(self, date: str | None) -> bool:
        """Whether the office was held at ``date`` (ISO, possibly partial; None: any time)."""
        if not date:
            return True
        n = len(date)
        return self.start[:n] <= date and (not self.end or date <= self.end[:n])


@dataclass(frozen=True)
class Cues:
    """Cue words from actor_cues.yaml (lower-case unless noted)."""
    titles: Mapping[str, str]                      # title phrase -> class
    title_words: frozenset[str]                    # every word that may stand in a title
    former_markers: frozenset[str]
    honorifics: frozenset[str]
    government_nouns: frozenset[str]
    city_nouns: frozenset[str]
    locative_prepositions: frozenset[str]
    actor_verbs: frozenset[str]
    groups: tuple[tuple[tuple[str, ...], int, str], ...]  # (tokens, size or 0, level: state/person/"")
    counterpart_nouns: frozenset[str]
    institutions: tuple[str, ...]                  # as written (capitalised canonical form)
    org_suffixes: frozenset[str]
    ner_stoplist: frozenset[str]
    event_heads: tuple[tuple[str, ...], ...]       # token sequences, as written
    credit_markers: tuple[tuple[str, ...], ...]    # lower-case token sequences
    short_references: tuple[tuple[tuple[str, ...], str], ...] = ()  # (tokens after "the", state id)
    byline_markers: frozenset[str] = frozenset()
    administration_nouns: tuple[tuple[str, ...], ...] = ()        # token sequences, as written
    place_nouns: tuple[tuple[str, ...], ...] = ()                 # lower-case token sequences
    stance_words: frozenset[str] = frozenset()
    #: Every title phrase, longest first, as one pattern (see ``title_pattern``).
    title_regex: re.Pattern | None = None
    event_prefixes: frozenset[str] = frozenset()                  # as written ("Operation")
    pair_verbs: frozenset[tuple[str, ...]] = frozenset()          # lower-case token sequences
    name_particles: frozenset[str] = frozenset()                  # lower-case ("al", "bin", "van")
    service_words: frozenset[str] = frozenset()                   # lower-case ("air", "force", "navy")
    people_nouns: frozenset[str] = frozenset()                    # lower-case ("officials", "individuals")
    document_heads: frozenset[str] = frozenset()                  # lower-case ("act", "statement")


@dataclass(frozen=True)
class Gazetteer:
    entries: Mapping[str, Entry]
    #: Token-joined surface form (case as written, straight apostrophes) -> meanings.
    names: Mapping[str, tuple[NameHit, ...]]
    #: The same for forms matched in any case (lower-case lexicon terms), keyed lower-case.
    names_any_case: Mapping[str, tuple[NameHit, ...]]
    max_name_tokens: int
    offices: tuple[Office, ...]
    #: Compact person-name key (see ``person_key``) -> person id.
    person_keys: Mapping[str, str]
    #: (lower-case descriptor, state id) -> organisation id ("state media", PRK -> KCNA).
    descriptors: Mapping[tuple[str, str], str]
    cues: Cues
    first_tokens: frozenset[str] = field(default=frozenset())

    def lookup(self, tokens: list[str]) -> tuple[NameHit, ...]:
        """Meanings of a token sequence (normalised texts), exact case first; a name in
        capitals ("WASHINGTON" in a dateline, "NORTH KOREA" in a headline) as a title."""
        key = " ".join(tokens)
        hits = self.names.get(key) or self.names_any_case.get(key.lower(), ())
        if not hits and key.isupper() and len(key) > 3:
            hits = self.names.get(key.title(), ())
        return hits

    def offices_of(self, person: str, date: str | None) -> list[Office]:
        return [o for o in self.offices if o.person == person and o.active(date)]

    def holders(self, role_class: str | None, name_part: str, date: str | None) -> list[str]:
        """People whose name contains ``name_part`` and who held an office of ``role_class``
        (any class when None) at ``date``: "Prime Minister Abe" in 2016 -> Shinzo Abe."""
        part = name_part.lower()
        found = []
        for office in self.offices:
            if office.person in found or not office.active(date):
                continue
            if role_class and office.role_class != role_class:
                continue
            words = {w.lower() for w in re.split(r"[\s-]+", self.entries[office.person].label)}
            if part in words:
                found.append(office.person)
        return found

    def title_class(self, title: str) -> str | None:
        """Class of the longest known title phrase inside ``title`` (lower-case text)."""
        if self.cues.title_regex is None:
            return _title_class(title, self.cues.titles)
        found = max(self.cues.title_regex.findall(title.lower()), key=len, default=None)
        return self.cues.titles[found] if found else None


def person_key(name: str) -> str:
    """Spelling-insensitive key of a person's name: "Kim Jong-un" == "Kim Jong Un" (see kgraph.names)."""
    from .names import person_key as key
    return key(name, NAME_SUFFIXES)


def normalise(text: str) -> str:
    """Typographic apostrophes as ASCII ones (:func:`kgraph.names.straight_quotes`)."""
    from .names import straight_quotes
    return straight_quotes(text)


def load_gazetteer(directory: Path) -> Gazetteer:
    """Read the actor data in ``directory`` (see the module docstring for the files)."""
    return _Builder(Path(directory)).build()


class _Builder:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.tokenizer = spacy.blank("en").tokenizer
        self.entries: dict[str, Entry] = {}
        self.aliases: dict[str, list[str]] = defaultdict(list)
        self.names: dict[str, list[NameHit]] = defaultdict(list)
        self.names_any_case: dict[str, list[NameHit]] = defaultdict(list)
        self.person_keys: dict[str, str] = {}
        self.descriptors: dict[tuple[str, str], str] = {}
        self.offices: list[Office] = []
        self.state_by_code: dict[str, str] = {}
        self.org_by_key: dict[str, str] = {}

    def _yaml(self, name: str):
        path = self.directory / name
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None

    def _add(self, entry: Entry) -> None:
        self.entries.setdefault(entry.id, entry)

    def _name(self, surface: str, entry_id: str, kind: str, any_case: bool = False) -> None:
        surface = normalise(str(surface)).strip()
        if not surface:
            return
        key = " ".join(t.text for t in self.tokenizer(surface))
        hit = NameHit(entry_id, kind)
        table, key = (self.names_any_case, key.lower()) if any_case else (self.names, key)
        if hit not in table[key]:
            table[key].append(hit)
        if kind in ("name", "alias", "demonym", "capital", "seat") and surface not in self.aliases[entry_id]:
            self.aliases[entry_id].append(surface)

    def build(self) -> Gazetteer:
        self._countries()
        self._places()
        self._organizations()
        self._people()
        # Generic institutions ("National Security Council") are read whole, so that a shorter
        # name inside them ("Security Council") does not match; a state before them makes them
        # an organisation of that state (resolve._add_institutions).
        for phrase in (self._yaml("actor_cues.yaml") or {}).get("institutions") or []:
            self._name(str(phrase), "", "ignore")
        self._lexicon("materiel.yaml", "Materiel")
        events = self._yaml("events.yaml") or {}
        self._lexicon_entries(events.get("events") or [], "Event")
        cues = self._cues(events.get("heads") or [], events.get("prefixes") or [])
        entries = {eid: Entry(e.id, e.label, e.type, e.wikidata, e.country,
                              tuple(a for a in self.aliases[eid] if a != e.label))
                   for eid, e in self.entries.items()}
        names = {k: tuple(v) for k, v in self.names.items()}
        any_case = {k: tuple(v) for k, v in self.names_any_case.items()}
        longest = max(len(k.split(" ")) for k in [*names, *any_case])
        first = frozenset(k.split(" ")[0] for k in names) | frozenset(k.split(" ")[0] for k in any_case)
        return Gazetteer(entries, names, any_case,
                         longest, tuple(self.offices), dict(self.person_keys),
                         dict(self.descriptors), cues, first)

    def _countries(self) -> None:
        extra = self._yaml("places.yaml") or {}
        actors_without_cow = set(extra.get("states_without_cow") or [])
        with open(self.directory / "countries.csv", newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                qid = row["wikidata"] or None
                eid = qid or slugify(row["name"])
                is_state = bool(row["cow_code"]) or row["iso3"] in actors_without_cow
                self._add(Entry(eid, row["name"], "Country" if is_state else "Location", qid))
                self.state_by_code[row["iso3"]] = eid
                self._name(row["name"], eid, "name")
                # The CSV's alternatives include statistical forms ("Korea, Rep."): keep real names.
                for alias in [row["wikidata_label"], *(row["aliases"] or "").split("|")]:
                    if alias and not re.search(r"[,()&]|\.\w", alias) and alias != row["name"]:
                        self._name(alias, eid, "alias")

    def _places(self) -> None:
        data = self._yaml("places.yaml") or {}
        for code, info in (data.get("extra_states") or {}).items():
            eid = info.get("wikidata") or slugify(info["label"])
            self._add(Entry(eid, info["label"], "Country", info.get("wikidata")))
            self.state_by_code[code] = eid
            self._name(info["label"], eid, "name")
        for phrase in data.get("not_actors") or []:
            self._name(phrase, "", "ignore")
        for code, info in (data.get("states") or {}).items():
            state = self.state_by_code[code]
            for name in info.get("names") or []:
                self._name(name, state, "alias")
            for demonym in info.get("demonyms") or []:
                self._name(demonym, state, "demonym")
            for seat in info.get("seats") or []:
                self._name(seat, state, "seat")
            for rank, capital in enumerate(info.get("capitals") or []):
                spellings = capital if isinstance(capital, list) else [capital]
                qid = info.get("capital_qid") if rank == 0 else None
                cid = qid or slugify(spellings[0])
                self._add(Entry(cid, spellings[0], "Location", qid, state))
                for spelling in spellings:
                    self._name(spelling, cid, "capital")
                    self._name(spelling, state, "capital")  # listed among the state's names too
        for place in data.get("locations") or []:
            eid = place.get("wikidata") or slugify(place["label"])
            self._add(Entry(eid, place["label"], "Location", place.get("wikidata"),
                            self.state_by_code.get(place.get("country"))))
            for name in [place["label"], *(place.get("aliases") or [])]:
                self._name(name, eid, "name")

    def _organizations(self) -> None:
        for org in self._yaml("organizations.yaml") or []:
            eid = org.get("wikidata") or slugify(org["label"])
            country = self.state_by_code.get(org.get("country"))
            self._add(Entry(eid, org["label"], "Organization", org.get("wikidata"), country))
            if org.get("key"):
                self.org_by_key[org["key"]] = eid
            for name in [org["label"], *(org.get("aliases") or [])]:
                self._name(name, eid, "name")
            for descriptor in org.get("descriptors") or []:
                if country:
                    self.descriptors[(descriptor.lower(), country)] = eid

    def _people(self) -> None:
        cues = self._yaml("actor_cues.yaml") or {}
        title_class = {t.lower(): c for c, ts in (cues.get("titles") or {}).items() for t in ts}
        for person in self._yaml("offices.yaml") or []:
            eid = person.get("wikidata") or slugify(person["name"])
            holders = []
            for role, of, start, end in person.get("offices") or []:
                holder = self.state_by_code.get(of) or self.org_by_key.get(of)
                if holder is None:
                    raise ValueError(f"offices.yaml: {person['name']}: unknown state or organisation {of!r}")
                holders.append(holder)
                role_class = _title_class(role, title_class) or "other"
                self.offices.append(Office(eid, role, role_class, holder, str(start or ""), str(end or "")))
            country = self.state_by_code.get(person.get("country")) or \
                next((h for h in holders if self.entries[h].type == "Country"),
                     next((self.entries[h].country for h in holders if self.entries[h].country), None))
            self._add(Entry(eid, person["name"], "Person", person.get("wikidata"), country))
            for name in [person["name"], *(person.get("aliases") or [])]:
                self._name(name, eid, "name")
                self.person_keys.setdefault(person_key(name), eid)
                words = name.split()
                if len(words) in (2, 3) and not {w.lower() for w in words} & NAME_SUFFIXES:
                    self.person_keys.setdefault(person_key(" ".join(reversed(words))), eid)

    def _lexicon(self, filename: str, type_: str) -> None:
        self._lexicon_entries(self._yaml(filename) or [], type_)

    def _lexicon_entries(self, items: list[dict], type_: str) -> None:
        for item in items:
            eid = item.get("wikidata") or slugify(item["label"])
            self._add(Entry(eid, item["label"], item.get("type", type_), item.get("wikidata"),
                            self.state_by_code.get(item.get("country"))))
            for name in [item["label"], *(item.get("aliases") or [])]:
                name = str(name)
                self._name(name, eid, "name", any_case=name == name.lower())

    def _cues(self, event_heads: list[str], event_prefixes: list[str]) -> Cues:
        data = self._yaml("actor_cues.yaml") or {}
        lower = lambda key: frozenset(str(w).lower() for w in data.get(key) or [])  # noqa: E731
        titles = {str(t).lower(): c for c, ts in (data.get("titles") or {}).items() for t in ts}
        title_words = lower("title_words") | {w for t in titles for w in t.split()}
        groups = tuple((tuple(str(g["pattern"]).lower().split()), int(g.get("size") or 0),
                        str(g.get("level") or "")) for g in data.get("groups") or [])
        return Cues(titles, frozenset(title_words), lower("former_markers"),
                    lower("honorifics"), lower("government_nouns"), lower("city_nouns"), lower("locative_prepositions"),
                    lower("actor_verbs"), groups, lower("counterpart_nouns"),
                    tuple(str(i) for i in data.get("institutions") or []), lower("org_suffixes"), lower("ner_stoplist"),
                    tuple(tuple(t.text for t in self.tokenizer(h)) for h in event_heads),
                    tuple(tuple(str(m).lower().split()) for m in data.get("credit_markers") or []),
                    tuple((tuple(t.text for t in self.tokenizer(phrase))[1:], self.state_by_code[code])
                          for phrase, code in (data.get("short_references") or {}).items()),
                    lower("byline_markers"),
                    tuple(tuple(t.text for t in self.tokenizer(str(n))) for n in data.get("administration_nouns") or []),
                    tuple(tuple(str(n).lower().split()) for n in data.get("place_nouns") or []),
                    lower("stance_words"), title_pattern(titles), frozenset(map(str, event_prefixes)),
                    frozenset(tuple(str(v).lower().split()) for v in data.get("pair_verbs") or []),
                    lower("name_particles"), lower("service_words"), lower("people_nouns"), lower("document_heads"))


def title_pattern(titles: Mapping[str, str]) -> re.Pattern:
    """One pattern for all titles: at each word start, the longest title that starts there
    (a lookahead, so that overlapping titles are all seen)."""
    alternatives = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?=({alternatives})(?![\w-]))")


def _title_class(text: str, titles: Mapping[str, str]) -> str | None:
    """The class of the longest title phrase inside ``text`` ("deputy foreign minister" -> foreign_minister)."""
    text = text.lower()
    best = max((t for t in titles if re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", text)), key=len, default=None)
    return titles[best] if best else None
