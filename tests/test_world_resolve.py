"""Issue 13's inputs, resolver and extraction side: sub-national namesakes in context, names
inside names, bodies with near-identical names, negation by the clause around it, absolute dates
without a document date, ships named after people. The issue's own sentences, and sentences of
our own for each kind. One model load for the module; each document is extracted once."""
from __future__ import annotations

import pytest

from kgraph.knowledge import load_knowledge
from kgraph.model import Document
from kgraph.nlp import DEFAULT_MODEL, load_pipeline
from kgraph.pipeline import extract_stream

GEORGIA, GEORGIA_US, USA, KOREA = "Q230", "Q1428", "Q30", "Q884"
NIGER, NIGERIA, IRAN, ISRAEL, CHINA = "Q1032", "Q1033", "Q794", "Q801", "Q148"
TURKEY, SUDAN, INDIA, RUSSIA, SYRIA = "Q43", "Q1049", "Q668", "Q159", "Q858"

DOCUMENTS = {
    # 1. sub-national namesakes
    "georgia": ("2024-03-10", "The state of Georgia signed a trade agreement with South Korea's Gyeonggi province. "
                              "Georgia Governor Brian Kemp met South Korean President Yoon Suk Yeol in Seoul."),
    "georgia_governor_of": ("2024-03-10", "The governor of Georgia met Canadian officials in Ottawa. "
                                          "Georgia signed a deal with Canada on batteries."),
    "georgia_lawmakers": ("2024-03-10", "Georgia lawmakers approved a film tax credit. Georgia signed a pact with Japan."),
    "georgia_country": ("2024-03-10", "Russia accused Georgia of provocations near South Ossetia."),
    # 2. names inside names
    "niger": ("2024-06-01", "The Niger Delta Avengers threatened Nigeria. "
                            "The governor of Niger State accused bandits of killing farmers."),
    "inside_unknown": ("2024-06-01", "The Kivu Liberation Front threatened Rwanda."),
    # 8. negation by the clause around it, wherever the sentence stands
    "negation": ("2024-06-01", "Officials met in Geneva. Rumours that Turkey sent drones to Sudan were false. "
                               "India ruled out joining sanctions against Russia."),
    "negation_first": ("2024-06-01", "India ruled out joining sanctions against Russia. Officials met in Geneva."),
    "negation_own": ("2024-06-01", "Talks resumed on Monday. Claims that Iran supplied missiles to Russia are baseless, "
                                   "Tehran said. Reports that Brazil sold rifles to Chad proved untrue."),
    "not_negation": ("2024-06-01", "Talks resumed. Russia rejected the proposal, accusing Ukraine of provocations."),
    # 9. bodies with near-identical names
    "councils": ("2024-06-01", "The US National Security Council accused China of hacking. "
                               "Iran's Supreme National Security Council threatened Israel."),
    "councils_bare": ("2024-06-01", "Japan's National Security Council met on Monday. "
                                    "The Supreme National Security Council threatened Israel."),
    # 10. absolute dates need no document date
    "no_date": (None, "Russia sent missiles to Syria in May 2024, officials said."),
    "with_date": ("2024-08-01", "Russia sent missiles to Syria in May 2024, officials said."),
    "no_date_day": (None, "China sent drones to Iran on 3 March 2023."),
    "no_date_relative": (None, "China sent drones to Iran last month."),
    # 11. ships named after people and places
    "ship": ("2024-06-01", "The aircraft carrier Theodore Roosevelt sailed to the Red Sea."),
    "ships_own": ("2024-06-01", "The destroyer USS Carney shot down drones. China sent the carrier Shandong near "
                                "Taiwan. Russia agreed to ship Iran more drones."),
}


@pytest.fixture(scope="module")
def extractions():
    documents = [Document(key, text, date=date) for key, (date, text) in DOCUMENTS.items()]
    return {e.document.id: e for e in extract_stream(documents, load_pipeline(DEFAULT_MODEL), load_knowledge())}


def ends(relation):
    return {relation.source, relation.target, *relation.participants} - {None}


def found(extraction):
    return {(r.type, r.source, r.target, r.modality) for r in extraction.relations}


def types(extraction):
    return {e.id: e.type for e in extraction.entities}


# ---------------------------------------------------------------- 1. sub-national namesakes
def test_georgia_governor_is_the_us_state(extractions):
    extraction = extractions["georgia"]
    assert GEORGIA not in types(extraction)
    assert all(GEORGIA not in ends(r) for r in extraction.relations)
    assert [m.entity for m in extraction.mentions if m.text == "Georgia"] == [GEORGIA_US]
    kemp = [r for r in extraction.relations if r.type == "official_of" and r.source == "brian_kemp"]
    assert all(r.target != GEORGIA for r in kemp)
    assert any(r.type == "meeting" and "brian_kemp" in r.participants for r in extraction.relations)


@pytest.mark.parametrize("key", ["georgia_governor_of", "georgia_lawmakers"])
def test_a_sub_national_cue_makes_every_bare_namesake_the_unit(extractions, key):
    extraction = extractions[key]
    assert GEORGIA not in types(extraction), key
    assert {m.entity for m in extraction.mentions if m.text == "Georgia"} == {GEORGIA_US}


def test_without_a_cue_georgia_is_the_country(extractions):
    assert ("accusation", RUSSIA, GEORGIA, "asserted") in found(extractions["georgia_country"])


# ---------------------------------------------------------------- 2. names inside names
def test_niger_delta_avengers_threaten_nigeria_and_no_niger_node(extractions):
    extraction = extractions["niger"]
    assert NIGER not in types(extraction)
    threats = [r for r in extraction.relations if r.type == "threat"]
    assert [(r.target, types(extraction)[r.source]) for r in threats] == [(NIGERIA, "Organization")]
    assert next(e for e in extraction.entities if e.id == threats[0].source).label == "Niger Delta Avengers"


def test_an_unknown_group_named_after_a_place_is_an_organisation(extractions):
    extraction = extractions["inside_unknown"]
    threats = [r for r in extraction.relations if r.type == "threat"]
    assert len(threats) == 1
    source = next(e for e in extraction.entities if e.id == threats[0].source)
    assert (source.type, source.label) == ("Organization", "Kivu Liberation Front")


# ---------------------------------------------------------------- 8. negation by the clause
def test_negation_by_the_clause_around_it(extractions):
    assert {("arms_transfer", TURKEY, SUDAN, "negated"), ("sanction", INDIA, RUSSIA, "negated")} \
        <= found(extractions["negation"])
    assert ("sanction", INDIA, RUSSIA, "negated") in found(extractions["negation_first"])


def test_predicates_that_deny_a_claim(extractions):
    relations = [r for r in extractions["negation_own"].relations if r.type == "arms_transfer"]
    assert len(relations) == 2 and {r.modality for r in relations} == {"negated"}


def test_a_clause_after_a_comma_is_not_denied_by_the_verb_before(extractions):
    accusations = [r for r in extractions["not_negation"].relations if r.type == "accusation"]
    assert [r.modality for r in accusations] == ["asserted"]


# ---------------------------------------------------------------- 9. near-identical bodies
def test_a_body_never_links_to_another_states_body(extractions):
    extraction = extractions["councils"]
    entities = {e.id: e for e in extraction.entities}
    threat = next(r for r in extraction.relations if r.type == "threat")
    assert threat.target == ISRAEL
    assert threat.source == IRAN or entities[threat.source].country == IRAN
    accusation = next(r for r in extraction.relations if r.type == "accusation")
    assert accusation.target == CHINA and (entities[accusation.source].country or accusation.source) == USA


def test_a_longer_body_name_is_not_the_shorter_one_named_before(extractions):
    extraction = extractions["councils_bare"]
    threat = [r for r in extraction.relations if r.type == "threat"]
    japan_council = {e.id for e in extraction.entities if e.country == "Q17" and e.type == "Organization"}
    assert not [r for r in threat if r.source in japan_council]


# ---------------------------------------------------------------- 10. dates
def test_absolute_dates_need_no_document_date(extractions):
    for key in ("no_date", "with_date"):
        times = [r.time for r in extractions[key].relations if r.type == "arms_transfer"]
        assert times == ["2024-05"], key
    assert [r.time for r in extractions["no_date_day"].relations if r.type == "arms_transfer"] == ["2023-03-03"]
    assert [r.time for r in extractions["no_date_relative"].relations if r.type == "arms_transfer"] == [None]


# ---------------------------------------------------------------- 11. ships
def test_a_ship_named_after_a_person_is_materiel(extractions):
    entities = [e for e in extractions["ship"].entities if e.label == "Theodore Roosevelt"]
    assert [e.type for e in entities] == ["Materiel"]
    assert entities[0].id != "theodore_roosevelt"  # never merged with the president


def test_ships_named_after_places_and_with_prefixes(extractions):
    by_label = {e.label: e.type for e in extractions["ships_own"].entities}
    assert by_label.get("USS Carney") == "Materiel"
    assert by_label.get("Shandong") == "Materiel"
    assert by_label.get("Iran") == "Country"  # "to ship Iran more drones": a verb, not a vessel


# ---------------------------------------------------------------- generated armed groups
def test_armed_groups_generated_from_phoenix_are_organisations_of_their_state():
    gazetteer = load_knowledge().gazetteer
    for words, country in [(["Kurdistan", "Workers", "Party"], "Q43"),
                           (["Revolutionary", "Armed", "Forces", "of", "Colombia"], "Q739")]:
        hits = gazetteer.lookup(words)
        entry = gazetteer.entries[hits[0].entry]
        assert (entry.type, entry.country) == ("Organization", country), words
    # dates and common phrases among the source's names are left out
    assert not gazetteer.lookup(["21", "June"]) and not gazetteer.lookup(["La", "Liga"])
