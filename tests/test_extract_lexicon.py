"""The knowledge files are validated when they load: one clear error naming file and line.

Each test copies the shipped ontologies/ folder into tmp_path, breaks one thing and
checks the error; the lexicon's typed records and the argument-place registry too.
"""
from __future__ import annotations

import re
import shutil

import pytest

from kgraph.errors import KnowledgeError, UnknownPlace
from kgraph.extract.lexicon import ModalityCues, TimeWords, load_lexicon
from kgraph.extract.places import PLACES, ROLES, resolve_place
from kgraph.extract.time import find_time_expressions, normalise
from kgraph.knowledge import load_knowledge, ontologies_dir
from kgraph.ontology import validate_ontologies

from .conftest import alter


def error_of(call) -> str:
    """The one-line message of the KnowledgeError the call raises."""
    with pytest.raises(KnowledgeError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_the_shipped_folder_is_valid():
    validate_ontologies(ontologies_dir())
    load_lexicon(ontologies_dir())


def test_a_typo_in_an_argument_place_names_file_and_line(folder):
    line = alter(folder / "relations.yaml", "source: [subj, prep:from]", "source: [subjct, prep:from]")
    message = error_of(lambda: load_lexicon(folder))
    assert message.startswith(f"ontologies/relations.yaml, line {line}: unknown argument place 'subjct'")
    assert "prep:WORD" in message  # the known places are listed


def test_a_malformed_preposition_place_is_unknown(folder):
    alter(folder / "relations.yaml", "prep:from", "prep:fr0m")
    assert "unknown argument place 'prep:fr0m'" in error_of(lambda: load_lexicon(folder))


def test_a_place_outside_its_role_is_refused(folder):
    # "goods_mod" reads a seller from the goods; it cannot name a target
    line = alter(folder / "relations.yaml", "target: [subj]", "target: [goods_mod]")
    message = error_of(lambda: load_lexicon(folder))
    assert message.startswith(f"ontologies/relations.yaml, line {line}: argument place 'goods_mod' cannot stand in 'target'")


def test_an_unknown_key_in_a_trigger(folder):
    line = alter(folder / "relations.yaml", "unknown_object: true", "unknown_objekt: true")
    message = error_of(lambda: load_lexicon(folder))
    assert message.startswith(f"ontologies/relations.yaml, line {line}: unknown key 'unknown_objekt' in trigger")


def test_an_unknown_relation_type(folder):
    line = alter(folder / "relations.yaml", "- type: military_cooperation", "- type: military_coperation")
    message = error_of(lambda: load_lexicon(folder))
    assert message.startswith(f"ontologies/relations.yaml, line {line}: unknown relation type 'military_coperation'")


def test_an_unknown_relation_type_among_the_event_codes(folder):
    line = alter(folder / "relations.yaml", "  visit: {cameo:", "  visits: {cameo:")
    assert error_of(lambda: load_lexicon(folder)).startswith(
        f"ontologies/relations.yaml, line {line}: unknown relation type 'visits'")


def test_an_unknown_object_class(folder):
    alter(folder / "relations.yaml", "object_class: projectile", "object_class: projectiles")
    assert "unknown object class 'projectiles'" in error_of(lambda: load_lexicon(folder))


def test_an_unknown_modality_and_cue_kind(folder):
    line = alter(folder / "modality.yaml", "\nsuspected:", "\nsuspicious:") + 1
    assert error_of(lambda: load_lexicon(folder)).startswith(
        f"ontologies/modality.yaml, line {line}: unknown modality 'suspicious'")
    shutil.copy(ontologies_dir() / "modality.yaml", folder / "modality.yaml")
    alter(folder / "modality.yaml", "  marks: [if", "  markers: [if")
    assert "unknown key 'markers'" in error_of(lambda: load_lexicon(folder))


def test_a_month_out_of_range_in_time_words(folder):
    line = alter(folder / "time.yaml", "summer: [6, 8]", "summer: [6, 13]")
    assert error_of(lambda: load_lexicon(folder)).startswith(f"ontologies/time.yaml, line {line}: ")


def test_a_bad_date_in_offices(folder):
    line = alter(folder / "offices.yaml", "2009-01-20, 2017-01-20", "2009-13-20, 2017-01-20")
    message = error_of(lambda: validate_ontologies(folder))
    assert message.startswith(f"ontologies/offices.yaml, line {line}: malformed date '2009-13-20' in person ")
    # the knowledge base checks the gazetteer's files before the gazetteer reads them
    assert error_of(lambda: load_knowledge(folder)) == message


def test_an_unknown_key_in_organizations(folder):
    line = alter(folder / "organizations.yaml", "key: UN, aliases:", "key: UN, alias:")
    assert error_of(lambda: validate_ontologies(folder)).startswith(
        f"ontologies/organizations.yaml, line {line}: unknown key 'alias' in organisation United Nations")


def test_a_malformed_wikidata_id_in_places(folder):
    line = alter(folder / "places.yaml", "wikidata: Q1246", "wikidata: 1246")
    assert error_of(lambda: validate_ontologies(folder)).startswith(
        f"ontologies/places.yaml, line {line}: malformed Wikidata id '1246'")


def test_countries_csv_columns_and_cells(folder):
    path = folder / "countries.csv"
    alter(path, "iso3,iso2,", "iso_3,iso2,")
    assert error_of(lambda: validate_ontologies(folder)).startswith(
        "ontologies/countries.csv, line 1: unknown column 'iso_3'")
    shutil.copy(ontologies_dir() / "countries.csv", path)
    line = alter(path, "AFG,AF,Afghanistan,Q889", "AFG,AF,Afghanistan,889")
    assert error_of(lambda: validate_ontologies(folder)).startswith(
        f"ontologies/countries.csv, line {line}: malformed wikidata '889'")


def test_not_yaml_names_the_line(folder):
    (folder / "events.yaml").write_text("prefixes: [Operation\nheads: [Summit]\n", encoding="utf-8")
    assert re.match(r"ontologies/events\.yaml, line \d+: not valid YAML", error_of(lambda: validate_ontologies(folder)))


def test_files_without_a_schema_are_left_alone(folder):
    (folder / "new_gazetteer.yaml").write_text("anything: [goes, here]\n", encoding="utf-8")
    validate_ontologies(folder)


def test_every_place_of_the_shipped_lexicon_resolves_in_its_role():
    lexicon = load_lexicon(ontologies_dir())
    for trigger in lexicon.triggers:
        for role in ROLES:
            for name in getattr(trigger, role):
                assert resolve_place(name, role).name == name


def test_the_registry():
    assert resolve_place("prep:against").tokens is not None
    assert PLACES["gov_subj"].actors is not None and PLACES["gov_subj"].tokens is None
    assert PLACES["context"].fallback and "target" in PLACES["context"].roles
    assert all(p.doc for p in PLACES.values())  # each place says what English it reads
    with pytest.raises(UnknownPlace):
        resolve_place("prep:to-be")
    with pytest.raises(UnknownPlace):
        resolve_place("compound", "source")


def test_modality_cues_are_typed_records():
    lexicon = load_lexicon(ontologies_dir())
    assert isinstance(lexicon.cues("hypothetical"), ModalityCues)
    assert {"if", "unless"} <= lexicon.cues("hypothetical").marks
    assert "would" in lexicon.cues("hypothetical").words()
    assert lexicon.cues("asserted").marks == frozenset()


def test_time_yaml_owns_its_season_words(folder):
    alter(folder / "time.yaml", "  winter: [12, 2]\n", "  winter: [12, 2]\n  monsoon: [6, 9]\n")
    words = load_lexicon(folder).time
    assert isinstance(words, TimeWords) and words.seasons["monsoon"] == (6, 9)
    text = "Flooding is feared this monsoon across the delta."
    assert [e for _, _, e in find_time_expressions(text, words)] == ["this monsoon"]
    assert normalise("this monsoon", "2024-05-02", words) == "2024-06/2024-09"
    # the shipped words know no monsoon
    shipped = load_lexicon(ontologies_dir()).time
    assert find_time_expressions(text, shipped) == []


def test_bare_parts_of_a_year_follow_time_yaml(folder):
    text = "Talks resume late 2025 and end by the close of 2026."
    shipped = load_lexicon(ontologies_dir()).time
    assert [e for _, _, e in find_time_expressions(text, shipped)] == ["late 2025", "the close of 2026"]
    alter(folder / "time.yaml", "bare_parts: [early, mid, late]", "bare_parts: [early, mid]")
    altered = load_lexicon(folder).time
    assert [e for _, _, e in find_time_expressions(text, altered)] == ["the close of 2026"]
