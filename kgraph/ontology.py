"""Validation of the knowledge files in ``ontologies/``, before anything reads them.

Each file has a schema in ``SCHEMAS`` (file name -> schema); a file with no schema
(a new data file another stage reads) is left alone, and a missing file is
skipped (the loaders read it as empty). YAML files are checked on the node tree
of ``yaml.compose``, so every error names the file and the line of the offending
value:

    KnowledgeError: ontologies/offices.yaml, line 42: malformed date '2023-13-01' in an office of Joe Biden

What is checked here: unknown keys, the kind of every value (word, word list,
number, date, Wikidata id, code) of the gazetteer's files, and the columns and
codes of countries.csv. The lexicon's files (relations.yaml, modality.yaml,
time.yaml, triggers_supplement.yaml, cameo_triggers.yaml) have their schemas in
``kgraph.extract.lexicon.SCHEMAS`` and are read with ``load_yaml`` (checked and built from
one parse), built from
the same checkers, which also check relation types, argument places (against
``kgraph.extract.places``), object classes and modality names.

A schema is made of small checkers (``Map``, ``Seq``, ``Word``, ``Date``, ...); to
cover a new file, add an entry to ``SCHEMAS``.

Examples
--------
>>> from kgraph.knowledge import ontologies_dir
>>> validate_ontologies(ontologies_dir())  # the shipped files are valid
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import KnowledgeError
from .model import ENTITY_TYPES


class Context:
    """Where a check is: the file's display name and the whole document, for cross-references."""

    def __init__(self, display: str, root: Node | None) -> None:
        self.display = display
        self.root = root

    def error(self, node: Node | None, message: str) -> KnowledgeError:
        """A KnowledgeError "FILE, line N: message" for the node (1-based line of its start)."""
        if node is None:
            return KnowledgeError(f"{self.display}: {message}")
        return KnowledgeError(f"{self.display}, line {node.start_mark.line + 1}: {message}")

    def top(self, key: str) -> Node | None:
        """The value node of a top-level key of the document, or None."""
        if isinstance(self.root, MappingNode):
            for k, v in self.root.value:
                if isinstance(k, ScalarNode) and k.value == key:
                    return v
        return None


Schema = Callable[[Node, Context, str], None]


def _kind(node: Node) -> str:
    return {MappingNode: "a mapping", SequenceNode: "a list", ScalarNode: "a word"}.get(type(node), "a value")


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Anything:
    """Any value (a place the loaders read loosely)."""

    def __call__(self, node: Node, at: Context, where: str) -> None:
        return None


@dataclass(frozen=True)
class Word:
    """A scalar (a word or phrase, a number read as text); ``pattern`` restricts its text, ``choices``
    its value."""
    pattern: str | None = None
    choices: tuple[str, ...] = ()
    what: str = "value"

    def __call__(self, node: Node, at: Context, where: str) -> None:
        if not isinstance(node, ScalarNode) or _is_null(node):
            raise at.error(node, f"{where}: expected a word, found {_kind(node) if not _is_null(node) else 'nothing'}")
        if self.choices and node.value not in self.choices:
            raise at.error(node, f"unknown {self.what} {node.value!r} in {where} (known: {', '.join(self.choices)})")
        if self.pattern and not re.fullmatch(self.pattern, node.value):
            raise at.error(node, f"malformed {self.what} {node.value!r} in {where}")


@dataclass(frozen=True)
class Integer:
    """A whole number, optionally within [low, high]."""
    low: int | None = None
    high: int | None = None

    def __call__(self, node: Node, at: Context, where: str) -> None:
        if not isinstance(node, ScalarNode) or not re.fullmatch(r"[-+]?\d+", node.value):
            raise at.error(node, f"{where}: expected a whole number, found {node.value if isinstance(node, ScalarNode) else _kind(node)!r}")
        value = int(node.value)
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise at.error(node, f"{where}: {value} is outside {self.low}..{self.high}")


@dataclass(frozen=True)
class Boolean:
    """true or false."""

    def __call__(self, node: Node, at: Context, where: str) -> None:
        if not (isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool"):
            raise at.error(node, f"{where}: expected true or false")


@dataclass(frozen=True)
class Date:
    """An ISO date that exists: a day (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY);
    "" when ``empty`` (an office still held)."""
    empty: bool = True

    def __call__(self, node: Node, at: Context, where: str) -> None:
        if not isinstance(node, ScalarNode):
            raise at.error(node, f"{where}: expected a date, found {_kind(node)}")
        if self.empty and node.value == "" and node.style in ('"', "'"):
            return
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", node.value)
        try:
            if match is None:
                raise ValueError(node.value)
            year, month, day = match.groups()
            date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise at.error(node, f"malformed date {node.value!r} in {where}") from None


@dataclass(frozen=True)
class Seq:
    """A list whose items follow ``item``; ``null`` counts as empty when ``nullable``."""
    item: Schema
    nullable: bool = True

    def __call__(self, node: Node, at: Context, where: str) -> None:
        if self.nullable and _is_null(node):
            return
        if not isinstance(node, SequenceNode):
            raise at.error(node, f"{where}: expected a list, found {_kind(node)}")
        for child in node.value:
            self.item(child, at, where)


@dataclass(frozen=True)
class Tuple:
    """A list of fixed length whose items follow ``items`` in turn."""
    items: tuple[Schema, ...]
    what: str = "entry"

    def __call__(self, node: Node, at: Context, where: str) -> None:
        if not isinstance(node, SequenceNode) or len(node.value) != len(self.items):
            raise at.error(node, f"{where}: expected a list of {len(self.items)} ({self.what})")
        for child, schema in zip(node.value, self.items):
            schema(child, at, where)


@dataclass(frozen=True)
class OneOf:
    """Any of several schemas (the first whose check passes)."""
    options: tuple[Schema, ...]

    def __call__(self, node: Node, at: Context, where: str) -> None:
        first: KnowledgeError | None = None
        for option in self.options:
            try:
                option(node, at, where)
                return
            except KnowledgeError as error:
                first = first or error
        assert first is not None
        raise first


@dataclass(frozen=True)
class Map:
    """A mapping. With ``fields``, its keys must be among them (``required`` ones present); with
    ``values``, any key (checked by ``keys``) whose value follows ``values``. ``name`` says what
    the mapping is in messages; ``label`` names the key whose value identifies an entry."""
    fields: dict[str, Schema] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    values: Schema | None = None
    keys: Schema | None = None
    name: str = "mapping"
    label: str | None = None
    nullable: bool = True

    def __call__(self, node: Node, at: Context, where: str) -> None:
        if self.nullable and _is_null(node):
            return
        if not isinstance(node, MappingNode):
            raise at.error(node, f"{where}: expected {self.name} (a mapping), found {_kind(node)}")
        seen: set[str] = set()
        entry = where
        if self.label:
            label = next((v.value for k, v in node.value if k.value == self.label and isinstance(v, ScalarNode)), None)
            if label:
                entry = f"{self.name} {label}"
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise at.error(key, f"{entry}: a key must be a word")
            name = key.value
            if name in seen:
                raise at.error(key, f"key {name!r} given twice in {entry}")
            seen.add(name)
            if self.fields and name in self.fields:
                self.fields[name](value, at, f"{entry}, {name}")
            elif self.values is not None:
                if self.keys is not None:
                    self.keys(key, at, entry)
                self.values(value, at, f"{entry}, {name}")
            else:
                raise at.error(key, f"unknown key {name!r} in {entry} (known: {', '.join(self.fields)})")
        missing = [k for k in self.required if k not in seen]
        if missing:
            raise at.error(node, f"{entry}: missing key {missing[0]!r}")


WORD = Word()
WORDS = Seq(WORD)
QID = Word(pattern=r"Q[1-9]\d*", what="Wikidata id")
CODE = Word(pattern=r"[A-Z][A-Z0-9_]*", what="code")

_NAMED = dict(label=Word(), wikidata=QID, aliases=WORDS, country=CODE)
PLACES = Map(name="places.yaml", fields={
    "states_without_cow": Seq(CODE),
    "extra_states": Map(name="extra_states", keys=CODE, values=Map(name="state", required=("label",), fields={
        "label": WORD, "wikidata": QID})),
    "not_actors": WORDS,
    "states": Map(name="states", keys=CODE, values=Map(name="state", fields={
        "names": WORDS, "demonyms": WORDS, "capitals": Seq(OneOf((WORD, WORDS))), "capital_qid": QID,
        "seats": WORDS})),
    "locations": Seq(Map(name="location", label="label", required=("label",), fields=dict(_NAMED))),
    "un_members_exclude": Seq(CODE),
    "not_bare_places": WORDS,
    "seats_of_government": Map(name="seats_of_government", keys=CODE, values=WORDS),
    "subdivision_wikidata": Map(name="subdivision_wikidata", keys=Word(pattern=r"[A-Z]{2}-[A-Z0-9]{1,3}",
                                                                        what="ISO 3166-2 code"), values=QID),
    "historical_states": Map(name="historical_states", keys=CODE, values=Map(
        name="historical state", required=("label", "from", "to"), fields={
            "label": WORD, "wikidata": QID, "from": Date(empty=False), "to": Date(empty=False),
            "successors": Seq(CODE), "names": WORDS, "demonyms": WORDS,
            "capitals": Seq(OneOf((WORD, WORDS))), "seats": WORDS}))})

#: world.yaml, generated by scripts/build_gazetteer.py (GeoNames ids are whole numbers).
_PLACE = Map(name="place", required=("name",), fields={"name": WORD, "geonames": Integer(1), "aliases": WORDS})
WORLD = Map(name="world.yaml", fields={
    "cities": Seq(Map(name="city", label="name", required=("name", "country"), fields={
        "name": WORD, "country": CODE, "geonames": Integer(1)})),
    "armed_groups": Seq(Map(name="armed group", label="name", required=("name",), fields={
        "name": WORD, "country": CODE, "names": WORDS})),
    "organizations": Seq(Map(name="organization", label="name", required=("name",), fields={
        "name": WORD, "names": WORDS})),
    "historical": Map(name="historical", keys=CODE, values=Map(name="withdrawn state", required=("name",), fields={
        "name": WORD, "names": WORDS, "withdrawn": Date(empty=False)})),
    "states": Map(name="states", keys=CODE, values=Map(name="state", label="name", required=("name",), fields={
        "name": WORD, "official": WORD, "names": WORDS, "demonyms": WORDS, "neighbours": Seq(CODE),
        "capital": _PLACE, "seats": Seq(_PLACE)})),
    "subdivisions": Map(name="subdivisions", keys=Word(pattern=r"[A-Z]{2}-[A-Z0-9]{1,3}", what="ISO 3166-2 code"),
                        values=Map(name="subdivision", label="name", required=("name", "country"), fields={
                            "name": WORD, "country": CODE, "forms": WORDS, "geonames": Integer(1),
                            "type": WORD, "common_word": Boolean()}))})

ORGANIZATIONS = Seq(Map(name="organisation", label="label", required=("label",), fields={
    **_NAMED, "key": CODE, "descriptors": WORDS}))

OFFICES = Seq(Map(name="person", label="name", required=("name",), fields={
    "name": WORD, "wikidata": QID, "aliases": WORDS, "country": CODE,
    "offices": Seq(Tuple((WORD, CODE, Date(empty=False), Date()), what="role, state or organisation, start, end"))}))

MATERIEL = Seq(Map(name="materiel", label="label", required=("label",), fields={
    "label": WORD, "category": WORD, "aliases": WORDS, "wikidata": QID}))

EVENTS = Map(name="events.yaml", fields={
    "prefixes": WORDS, "heads": WORDS,
    "events": Seq(Map(name="event", label="label", required=("label",), fields={
        **_NAMED, "kind": WORD, "type": Word(choices=ENTITY_TYPES, what="entity type")}))})

#: actor_cues.yaml: every key is a word list but these.
_CUE_TABLES: dict[str, Schema] = {
    "titles": Map(name="titles", values=WORDS),
    "short_references": Map(name="short_references", values=CODE),
    "ambiguous_states": Map(name="ambiguous_states", values=Seq(CODE)),
    "groups": Seq(Map(name="group expression", label="pattern", required=("pattern",), fields={
        "pattern": WORD, "size": Integer(0), "level": Word(choices=("state", "person", "party"), what="level")})),
}
ACTOR_CUES = Map(name="actor_cues.yaml", fields={
    **{key: WORDS for key in ("title_words", "former_markers", "honorifics", "government_nouns", "city_nouns",
                              "locative_prepositions", "actor_verbs", "pair_verbs", "counterpart_nouns",
                              "institutions", "org_suffixes", "ner_stoplist", "credit_markers", "byline_markers",
                              "administration_nouns", "place_nouns", "stance_words", "name_particles",
                              "service_words", "people_nouns", "document_heads", "vessel_nouns",
                              "sub_national_words")},
    "statement_nouns": WORDS, "ruler_nouns": WORDS, "armed_group_nouns": WORDS, "regime_nouns": WORDS,
    "company_appositions": WORDS, "company_nouns": WORDS,
    **_CUE_TABLES})

#: countries.csv: column -> pattern its cells follow ("" allowed where the pattern allows it).
COUNTRY_COLUMNS = {"iso3": r"[A-Z]{3}|[A-Z]{2}-[A-Z]{3}", "iso2": r"[A-Z]{2}|[A-Z]{2}-[A-Z]{3}|", "name": r".+", "wikidata": r"Q[1-9]\d*|",
                   "wikidata_label": r".*", "cow_letter": r"[A-Z]{3}|", "cow_code": r"\d+|", "aliases": r".*"}

#: File name -> schema of its YAML document, for the gazetteer's files (``countries.csv`` is checked
#: by ``check_countries``; the lexicon's files by ``kgraph.extract.lexicon.SCHEMAS``).
SCHEMAS: dict[str, Schema] = {
    "places.yaml": PLACES, "world.yaml": WORLD, "organizations.yaml": ORGANIZATIONS, "offices.yaml": OFFICES,
    "materiel.yaml": MATERIEL, "events.yaml": EVENTS, "actor_cues.yaml": ACTOR_CUES,
}


#: The C parser when PyYAML has it (several times faster on the large gazetteer files).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _display(path: Path) -> str:
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def check_yaml(path: Path, schema: Schema) -> Node | None:
    """Check one YAML file against its schema.

    Returns
    -------
    yaml.Node or None
        The file's node tree (None for an empty file), for ``load_yaml`` to build the data from
        without parsing the file again.

    Raises
    ------
    KnowledgeError
        The file is not YAML, or does not follow the schema; the message names file and line.
    """
    display = _display(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise KnowledgeError(f"{display}{line}: not valid YAML ({getattr(error, 'problem', None) or error})") from None
    if root is None:
        return None
    schema(root, Context(display, root), path.name)
    return root


def load_yaml(path: Path, schema: Schema):
    """Check one YAML file against its schema and return its data, parsing it once (the node tree the
    check walked is turned into Python values); an empty file is ``{}``, a missing one an error
    unless it is one of ``OPTIONAL_FILES``.

    Raises
    ------
    KnowledgeError
        As ``check_yaml``, and for a missing file.
    """
    path = Path(path)
    if not path.is_file():
        if path.name in OPTIONAL_FILES:
            return {}
        raise _missing(path)
    return construct(check_yaml(path, schema)) or {}


def check_countries(path: Path) -> None:
    """Check countries.csv: its header has exactly the columns of ``COUNTRY_COLUMNS``, each cell follows
    its column's pattern, and no ISO code is given twice.

    Raises
    ------
    KnowledgeError
        Naming file and line of the first fault.
    """
    display = _display(path)
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        unknown = [c for c in columns if c not in COUNTRY_COLUMNS]
        missing = [c for c in COUNTRY_COLUMNS if c not in columns]
        if unknown or missing:
            what = f"unknown column {unknown[0]!r}" if unknown else f"missing column {missing[0]!r}"
            raise KnowledgeError(f"{display}, line 1: {what} (known: {', '.join(COUNTRY_COLUMNS)})")
        seen: set[str] = set()
        for row in reader:
            for column, pattern in COUNTRY_COLUMNS.items():
                value = row.get(column) or ""
                if not re.fullmatch(pattern, value):
                    raise KnowledgeError(f"{display}, line {reader.line_num}: malformed {column} {value!r}")
            if row["iso3"] in seen:
                raise KnowledgeError(f"{display}, line {reader.line_num}: ISO code {row['iso3']!r} given twice")
            seen.add(row["iso3"])


def validate_ontologies(directory: Path, files: Iterable[str] | None = None,
                        schemas: dict[str, Schema] | None = None) -> dict[str, Node | None]:
    """Check the knowledge files of an ontologies folder against their schemas.

    Parameters
    ----------
    directory : path-like
        The folder (``kgraph.knowledge.ontologies_dir()``).
    files : iterable of str, optional
        The file names to check; default every file with a schema, and countries.csv.
        Missing files and files without a schema are skipped.
    schemas : dict, optional
        File name -> schema; default ``SCHEMAS`` (the lexicon passes its own).

    Returns
    -------
    dict of str to yaml.Node or None
        File name -> the node tree of each YAML file checked (None for an empty file), so that a
        loader builds the data from it without parsing the file again (``construct``).

    Raises
    ------
    KnowledgeError
        The first fault found, as "FOLDER/FILE, line N: what is wrong".
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise KnowledgeError(f"{directory}: no such knowledge folder (--ontologies, KGRAPH_ONTOLOGIES)")
    schemas = SCHEMAS if schemas is None else schemas
    names = list(files) if files is not None else [*schemas, "countries.csv"]
    roots: dict[str, Node | None] = {}
    for name in names:
        path = directory / name
        if not path.is_file():
            if name in OPTIONAL_FILES:
                continue
            raise _missing(path)
        if name == "countries.csv":
            check_countries(path)
        elif name in schemas:
            roots[name] = check_yaml(path, schemas[name])
    if files is None:
        check_references(directory, roots)
    return roots


def construct(root: Node | None):
    """The Python data of a node tree ``check_yaml`` returned (None for None)."""
    return None if root is None else yaml.constructor.SafeConstructor().construct_document(root)


#: Knowledge files a folder may leave out: generated data that only widens coverage.
OPTIONAL_FILES = frozenset({"world.yaml"})


def _missing(path: Path) -> KnowledgeError:
    """The error for a knowledge file that is not there."""
    return KnowledgeError(f"{_display(path)}: missing (every knowledge file but {', '.join(sorted(OPTIONAL_FILES))} "
                          "is needed; copy it from kgraph's ontologies/)")


def _known_codes(directory: Path, roots: dict[str, Node | None]) -> tuple[set[str], set[str]]:
    """(state codes, organisation keys) the knowledge files define: countries.csv's ISO codes,
    places.yaml's extra and historical states, organizations.yaml's keys."""
    states: set[str] = set()
    with open(directory / "countries.csv", newline="", encoding="utf-8") as handle:
        states.update(row["iso3"] for row in csv.DictReader(handle))
    for table in ("extra_states", "historical_states"):
        node = _top(roots["places.yaml"], table)
        if isinstance(node, MappingNode):
            states.update(str(k.value) for k, _ in node.value)
    organizations = roots["organizations.yaml"]
    keys = {str(key.value) for org in (organizations.value if isinstance(organizations, SequenceNode) else ())
            if isinstance(key := _top(org, "key"), ScalarNode) and key.value}
    return states, keys


def check_references(directory: Path, roots: dict[str, Node | None] | None = None) -> None:
    """Check that the codes the files refer to are defined: an office's holder in offices.yaml is a
    state code or an organisation key, and every ``country`` of a person, organisation or place is a
    state code.

    Raises
    ------
    KnowledgeError
        "FOLDER/FILE, line N: unknown state or organisation 'XYZ' in ..." for the first unknown code.
    """
    directory = Path(directory)
    roots = dict(roots or {})
    for name in ("places.yaml", "offices.yaml", "organizations.yaml"):
        if name not in roots:
            roots[name] = yaml.compose((directory / name).read_text(encoding="utf-8"), Loader=YAML_LOADER)
    states, keys = _known_codes(directory, roots)
    places = _display(directory / "places.yaml")
    historical = _top(roots["places.yaml"], "historical_states")
    for _, state in (historical.value if isinstance(historical, MappingNode) else ()):
        for successor in (_top(state, "successors").value if isinstance(_top(state, "successors"), SequenceNode)
                          else ()):
            if successor.value not in states:
                raise KnowledgeError(f"{places}, line {successor.start_mark.line + 1}: unknown successor state "
                                     f"{successor.value!r} (a code of countries.csv or places.yaml)")
    for name, holder_index in (("offices.yaml", 1), ("organizations.yaml", None), ("places.yaml", None)):
        path = directory / name
        display = _display(path)
        for mapping in _mappings(roots[name]):
            for key, value in mapping.value:
                if key.value == "country" and isinstance(value, ScalarNode) and value.value not in states:
                    raise KnowledgeError(f"{display}, line {value.start_mark.line + 1}: unknown state "
                                         f"{value.value!r} (a code of countries.csv or places.yaml)")
                if holder_index is not None and key.value == "offices" and isinstance(value, SequenceNode):
                    for office in value.value:
                        holder = office.value[holder_index] if isinstance(office, SequenceNode) and \
                            len(office.value) > holder_index else None
                        if isinstance(holder, ScalarNode) and holder.value not in states | keys:
                            raise KnowledgeError(
                                f"{display}, line {holder.start_mark.line + 1}: unknown state or organisation "
                                f"{holder.value!r} (an ISO3 code, or an organisation's key in organizations.yaml)")


def _top(node: Node | None, key: str) -> Node | None:
    """The value node of ``key`` in a mapping node, or None."""
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == key:
                return v
    return None


def _mappings(node: Node | None):
    """Every mapping node in a document, depth first."""
    if isinstance(node, MappingNode):
        yield node
        for _, value in node.value:
            yield from _mappings(value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _mappings(item)
