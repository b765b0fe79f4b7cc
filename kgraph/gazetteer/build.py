"""Reads the files of ``ontologies/`` into a :class:`kgraph.gazetteer.Gazetteer` (see its module docstring)."""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import spacy
import yaml
from yaml.nodes import Node

from ..errors import KnowledgeError
from ..ontology import YAML_LOADER, construct
from ..model import slugify
from . import (
    ABBREVIATION,
    BARE_SUBDIVISION_TYPES,
    DEMONYM_PLURAL,
    NAME_SUFFIXES,
    SUBDIVISION_SUFFIXES,
    Cues,
    Entry,
    Gazetteer,
    NameHit,
    Office,
    _distinctive,
    _title_class,
    normalise,
    person_key,
    title_pattern,
)


class GazetteerBuilder:
    """Collects entries and names from the knowledge files, then freezes them into a Gazetteer."""

    def __init__(self, directory: Path, roots: Mapping[str, Node | None] | None = None) -> None:
        self.directory = directory
        #: File name -> node tree the validator already parsed (``kgraph.ontology.validate_ontologies``).
        self.roots = dict(roots or {})
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
        self.keys: dict[str, str] = {}
        self.files: dict[str, object] = {}

    def _yaml(self, name: str):
        """The data of file ``name`` (None when missing), read once: from the validator's node tree when
        it has one, else parsed here (libyaml's parser when present)."""
        if name not in self.files:
            path = self.directory / name
            if name in self.roots:
                self.files[name] = construct(self.roots[name])
            else:
                self.files[name] = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) \
                    if path.exists() else None
        return self.files[name]

    def _add(self, entry: Entry) -> None:
        self.entries.setdefault(entry.id, entry)

    def _key(self, surface: str) -> str:
        """Token-joined form of ``surface`` (as ``lookup`` takes it), memoised."""
        key = self.keys.get(surface)
        if key is None:
            key = self.keys[surface] = " ".join(t.text for t in self.tokenizer(normalise(str(surface)).strip()))
        return key

    def _known(self, surface: str) -> bool:
        """Whether a form already has a meaning (hand data and countries.csv win over world.yaml)."""
        key = self._key(surface)
        return bool(self.names.get(key)) or bool(self.names_any_case.get(key.lower()))

    def _name(self, surface: str, entry_id: str, kind: str, any_case: bool = False,
              start: str = "", end: str = "", alias: bool = True) -> None:
        """``surface`` means ``entry_id`` (as ``kind``); ``alias``: also listed among the entry's
        exported aliases (not so for generated variants and misspellings, which only match)."""
        surface = normalise(str(surface)).strip()
        if not surface:
            return
        key = self._key(surface)
        hit = NameHit(entry_id, kind, start, end)
        table, key = (self.names_any_case, key.lower()) if any_case else (self.names, key)
        if hit not in table[key]:
            table[key].append(hit)
        if alias and kind in ("name", "alias", "demonym", "capital", "seat") and surface not in self.aliases[entry_id]:
            self.aliases[entry_id].append(surface)
        if ABBREVIATION.fullmatch(surface):
            # "U.S" and "U.K" as written without their final period.
            self._name(surface[:-1], entry_id, kind, any_case, start, end, alias=False)

    def build(self) -> Gazetteer:
        """Read every file, in an order where hand-curated names win over generated ones; the Gazetteer."""
        self._countries()
        self._places()
        self._historical_states()
        self._world()
        self._organizations()
        self._world_organisations()
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
        prefixes = frozenset(" ".join(words[:n]) for words in (k.lower().split(" ") for k in [*names, *any_case])
                             for n in range(2, len(words) + 1))
        return Gazetteer(entries, names, any_case,
                         longest, tuple(self.offices), dict(self.person_keys),
                         dict(self.descriptors), cues, first, prefixes)

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

    def _historical_states(self) -> None:
        """States of the past (places.yaml ``historical_states``): their names and capitals mean
        them between ``from`` and ``to``; the capital belongs to its successor after ``to``.

        Raises:
            KnowledgeError: a successor that is no known state code.
        """
        data = self._yaml("places.yaml") or {}
        for code, info in (data.get("historical_states") or {}).items():
            eid = info.get("wikidata") or slugify(info["label"])
            start, end = str(info.get("from") or ""), str(info.get("to") or "")
            self._add(Entry(eid, info["label"], "Country", info.get("wikidata")))
            self.state_by_code[code] = eid
            unknown = [s for s in info.get("successors") or [] if s not in self.state_by_code]
            if unknown:
                raise KnowledgeError(f"places.yaml: historical_states: {code}: unknown successor {unknown[0]!r}")
            successors = [self.state_by_code[s] for s in info.get("successors") or []]
            for name in [info["label"], *(info.get("names") or [])]:
                self._claim(name, eid, "name" if name == info["label"] else "alias", start, end, successors)
            for demonym in info.get("demonyms") or []:
                self._claim(demonym, eid, "demonym", start, end, successors)
            for seat in info.get("seats") or []:
                self._claim(seat, eid, "seat", start, end, successors)
            for rank, capital in enumerate(info.get("capitals") or []):
                spellings = capital if isinstance(capital, list) else [capital]
                city = next((h.entry for h in self.names.get(self._key(spellings[0]), [])
                             if h.kind in ("capital", "name") and self.entries[h.entry].type == "Location"), None)
                if city is None:
                    qid = info.get("capital_qid") if rank == 0 else None
                    city = qid or slugify(spellings[0])
                    self._add(Entry(city, spellings[0], "Location", qid, successors[0] if successors else None))
                for spelling in spellings:
                    self._name(spelling, city, "capital")
                    self._claim(spelling, eid, "capital", start, end, successors)

    def _claim(self, surface: str, eid: str, kind: str, start: str, end: str, successors: list[str]) -> None:
        """``surface`` means the historical state ``eid`` from ``start`` to ``end``; a successor
        that has the same form holds it only from ``end`` on."""
        key = self._key(surface)
        self.names[key] = [NameHit(h.entry, h.kind, max(h.start, end), h.end) if h.entry in successors else h
                           for h in self.names.get(key, [])]
        self._name(surface, eid, kind, start=start, end=end)

    def _world(self) -> None:
        """The generated world gazetteer (world.yaml): only forms that have no meaning yet."""
        data = self._yaml("world.yaml") or {}
        has_capital = {h.entry for hits in self.names.values() for h in hits if h.kind == "capital"}
        for code, info in sorted((data.get("states") or {}).items()):
            state = self.state_by_code.get(code)
            if state is None or self.entries[state].type != "Country":
                continue  # territories keep their countries.csv names
            for name in [info["name"], info.get("official"), *(info.get("names") or [])]:
                if name and not self._known(name):
                    self._name(name, state, "alias", alias=False)
            for demonym in info.get("demonyms") or []:
                for form in (demonym, *([demonym + "s"] if DEMONYM_PLURAL.search(demonym) else [])):
                    if not self._known(form):
                        self._name(form, state, "demonym", alias=False)
            for rank, capital in enumerate([info.get("capital"), *(info.get("seats") or [])]):
                if capital:
                    self._world_capital(code, state, capital, seat=rank > 0, hand=state in has_capital)
        self._world_places(data)
        self._world_groups(data)

    def _world_capital(self, code: str, state: str, capital: dict, seat: bool, hand: bool) -> None:
        """A generated capital or seat of government (``seat``) of ``state`` and its spellings: each
        spelling with no meaning yet names the city and, acting, the state. A city the hand data
        already list as a capital of the state (under one of the spellings) gets the other
        spellings ("Ulan Bator" for places.yaml's "Ulaanbaatar"); a state whose capitals the hand
        data give (``hand``) gets no other generated capital, only seats."""
        spellings = [capital["name"], *(capital.get("aliases") or [])]
        cid = next((h.entry for s in spellings for h in self.names.get(self._key(s), [])
                    if h.kind == "capital" and self.entries[h.entry].type == "Location"
                    and self.entries[h.entry].country == state), None)
        if cid is None and hand and not seat:
            return
        new = [s for s in spellings if not self._known(s)]
        if not new:
            return
        if cid is None:
            cid = slugify(new[0])
            if cid in self.entries:
                cid = slugify(f"{new[0]} {code}")
            self._add(Entry(cid, new[0], "Location", None, state))
        for spelling in new:
            self._name(spelling, cid, "capital", alias=spelling == new[0])
            self._name(spelling, state, "capital", alias=False)

    def _world_groups(self, data: dict) -> None:
        """Armed non-state groups (world.yaml ``armed_groups``): organisations of the state they
        fight in, for the names nobody else gives a meaning ("the Niger Delta ..." stays hand data)."""
        for group in data.get("armed_groups") or []:
            forms = [f for f in [group["name"], *(group.get("names") or [])] if not self._known(f)]
            if not forms:
                continue
            eid = slugify(group["name"])
            if eid in self.entries:
                continue
            self._add(Entry(eid, group["name"], "Organization", None, self.state_by_code.get(group.get("country"))))
            for form in forms:
                self._name(form, eid, "name", alias=False)

    def _world_organisations(self) -> None:
        """International organisations (world.yaml ``organizations``), read after the hand-curated
        organizations.yaml: a generated entry that shares a form with a known organisation only
        adds its other forms to it (no second node for one body); forms with another meaning
        ("Security Council", a generic institution; a state's name) are left out."""
        for org in (self._yaml("world.yaml") or {}).get("organizations") or []:
            forms = [org["name"], *(org.get("names") or [])]
            known = {h.entry for f in forms for h in self.names.get(self._key(f), [])
                     if h.entry and self.entries[h.entry].type == "Organization"}
            new = [f for f in forms if not self._known(f)]
            if not new:
                continue
            if known:
                eid = min(known)
            else:
                eid = slugify(org["name"])
                if eid in self.entries:
                    continue
                self._add(Entry(eid, org["name"], "Organization"))
            for form in new:
                self._name(form, eid, "name", alias=False)

    def _world_places(self, data: dict) -> None:
        """First-level subdivisions and major cities as places of their state ("the state of
        Georgia", "Niger State", "Gyeonggi Province"); bare names only where unambiguous."""
        hand = self._yaml("places.yaml") or {}
        wikidata = hand.get("subdivision_wikidata") or {}
        not_bare = set(hand.get("not_bare_places") or [])
        subdivisions = data.get("subdivisions") or {}
        cities = data.get("cities") or []
        owners: dict[str, set[str]] = defaultdict(set)
        for info in subdivisions.values():
            for form in info.get("forms") or []:
                owners[form].add(info["country"])
        for city in cities:
            owners[city["name"]].add(city["country"])
        for code, info in sorted(subdivisions.items()):
            state = self.state_by_code.get(info["country"])
            if state is None:
                continue
            suffixes = SUBDIVISION_SUFFIXES.get(info["type"])
            bare = info["type"] in BARE_SUBDIVISION_TYPES
            if suffixes is None and not bare:
                continue
            forms = info.get("forms") or [info["name"]]
            label = min(forms, key=len)
            if info.get("common_word"):
                # "Delta", "Gulf", "Central": ordinary words name the unit only with its noun
                # ("Delta State", "Central Region", "the state of Delta"), and the node is
                # labelled so (no "the Delta" or "the Gulf" elsewhere takes its id).
                bare, suffixes = False, tuple(x for x in suffixes or () if x[:1].isupper())
                label = f"{label} {suffixes[0]}" if suffixes else label
            eid = wikidata.get(code) or slugify(label)
            if eid in self.entries and self.entries[eid].country != state:
                eid = slugify(f"{label} {info['country']}")
            self._add(Entry(eid, label, "Location", wikidata.get(code), state))
            for form in forms:
                phrases = [f"{form} {suffix}" for suffix in suffixes or ()]
                if info["type"] == "State":
                    phrases += [f"state of {form}", f"State of {form}"]
                elif info["type"] == "Province":
                    phrases += [f"province of {form}", f"Province of {form}"]
                if bare and len(owners[form]) == 1 and _distinctive(form) and form not in not_bare:
                    if self._known(form):
                        # A namesake ("Georgia", "Niger"): the known meaning stays first; the place
                        # follows, for the resolver to pick in context ("Georgia Governor").
                        self._name(form, eid, "name", alias=False)
                    else:
                        phrases.append(form)
                for phrase in phrases:
                    if not self._known(phrase):
                        self._name(phrase, eid, "name", alias=phrase in forms)
        for city in cities:
            state = self.state_by_code.get(city["country"])
            name = city["name"]
            if state is None or len(owners[name]) > 1 or not _distinctive(name) or self._known(name) \
                    or name in not_bare:
                continue
            eid = slugify(name)
            if eid in self.entries:
                continue
            self._add(Entry(eid, name, "Location", None, state))
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
                    lower("name_particles"), lower("service_words"), lower("people_nouns"), lower("document_heads"),
                    tuple(tuple(str(n).lower().split()) for n in data.get("vessel_nouns") or []),
                    tuple(tuple(str(n).lower().split()) for n in data.get("sub_national_words") or []),
                    lower("statement_nouns"),
                    tuple(tuple(str(n).lower().split()) for n in data.get("ruler_nouns") or []),
                    tuple(tuple(str(n).lower().split()) for n in data.get("armed_group_nouns") or []),
                    {str(name): tuple(self.state_by_code[c] for c in codes if c in self.state_by_code)
                     for name, codes in (data.get("ambiguous_states") or {}).items()},
                    lower("regime_nouns"), lower("company_appositions"), lower("company_nouns"))


def load_gazetteer(directory: Path, roots: Mapping[str, Node | None] | None = None) -> Gazetteer:
    """Read the actor data in ``directory`` (see the module docstring for the files).

    Parameters
    ----------
    directory : Path
        The ontologies folder.
    roots : mapping of str to yaml.Node, optional
        File name -> node tree already parsed (and checked) by ``validate_ontologies``: those files
        are not read again.

    Raises
    ------
    KnowledgeError
        A file that does not follow its format.
    """
    return GazetteerBuilder(Path(directory), roots).build()
