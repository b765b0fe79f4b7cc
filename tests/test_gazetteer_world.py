"""Issue 13's inputs, gazetteer side: sub-national namesakes, names inside names, initialisms
without their last full stop, sentences ending in an initialism, historical states by the
document's date, the two Congos, capitals of every state. Sentences written for these tests."""
from __future__ import annotations

import pytest

from kgraph.knowledge import load_knowledge
from kgraph.model import Document
from kgraph.nlp import DEFAULT_MODEL, load_pipeline
from kgraph.pipeline import extract_stream

USA, JAPAN, UK, POLAND, NORTH_KOREA, IRAN = "Q30", "Q17", "Q145", "Q36", "Q423", "Q794"
GEORGIA, GEORGIA_US, NIGER, NIGERIA = "Q230", "Q1428", "Q1032", "Q1033"
RUSSIA, SOVIET_UNION, WEST_GERMANY, GERMANY, CUBA = "Q159", "Q15180", "Q713750", "Q183", "Q241"
DR_CONGO, CONGO, TURKEY, RWANDA = "Q974", "Q971", "Q43", "Q1037"


@pytest.fixture(scope="module")
def gazetteer():
    return load_knowledge().gazetteer


def states(gazetteer, tokens, date=None):
    return list(dict.fromkeys(h.entry for h in gazetteer.lookup(tokens, date)
                              if gazetteer.entries[h.entry].type == "Country"))


# ---------------------------------------------------------------- the gazetteer alone
def test_subdivisions_with_their_place_noun_are_places_of_their_state(gazetteer):
    for tokens, country in [(["state", "of", "Georgia"], USA), (["State", "of", "Georgia"], USA),
                            (["Niger", "State"], NIGERIA), (["Gyeonggi", "province"], "Q884"),
                            (["Niger", "Delta"], NIGERIA)]:
        hits = gazetteer.lookup(tokens)
        entry = gazetteer.entries[hits[0].entry]
        assert (entry.type, entry.country) == ("Location", country), tokens
    assert gazetteer.lookup(["state", "of", "Georgia"])[0].entry == GEORGIA_US
    # Alone, "Georgia" is still first the country; the US state follows, for the resolver to
    # choose in context ("Georgia Governor").
    assert states(gazetteer, ["Georgia"]) == [GEORGIA]
    assert [h.entry for h in gazetteer.lookup(["Georgia"])] == [GEORGIA, GEORGIA_US]
    assert [h.entry for h in gazetteer.lookup(["Niger"])][0] == NIGER


def test_bare_subdivisions_and_major_cities_are_places(gazetteer):
    for name, country in [("Texas", USA), ("Queensland", "Q408"), ("Lagos", NIGERIA)]:
        hits = gazetteer.lookup([name])
        assert hits and gazetteer.entries[hits[0].entry].type == "Location", name
        assert gazetteer.entries[hits[0].entry].country == country


def test_initialisms_without_their_last_full_stop(gazetteer):
    assert states(gazetteer, ["U.S"]) == [USA]
    assert states(gazetteer, ["U.K"]) == [UK]
    assert gazetteer.lookup(["U.N"])[0].entry == gazetteer.lookup(["U.N."])[0].entry


def test_names_and_capitals_by_date(gazetteer):
    assert states(gazetteer, ["Moscow"], "1962-10-20") == [SOVIET_UNION]
    assert states(gazetteer, ["Moscow"], "2024-03-01") == [RUSSIA]
    assert states(gazetteer, ["Moscow"]) == [RUSSIA]  # no date: today
    assert states(gazetteer.on("1962-10-20"), ["Moscow"]) == [SOVIET_UNION]
    assert states(gazetteer, ["USSR"], "1962") == [SOVIET_UNION]
    assert states(gazetteer, ["USSR"], "2024") == [SOVIET_UNION]  # a former state keeps its name
    assert states(gazetteer, ["West", "Germany"], "1962") == [WEST_GERMANY]
    assert states(gazetteer, ["Bonn"], "1975") == [WEST_GERMANY]
    assert states(gazetteer, ["Bonn"], "2024") == []  # a former capital is a city
    assert [gazetteer.entries[h.entry].type for h in gazetteer.lookup(["Bonn"], "2024")] == ["Location"]
    assert states(gazetteer, ["Federal", "Republic", "of", "Germany"], "1970") == [WEST_GERMANY]
    assert states(gazetteer, ["Federal", "Republic", "of", "Germany"], "2020") == [GERMANY]
    assert states(gazetteer, ["Belgrade"], "1980") == ["Q36704"]
    assert states(gazetteer, ["Belgrade"], "2000") == ["Q37024"]
    assert states(gazetteer, ["Belgrade"], "2024") == ["Q403"]
    assert states(gazetteer, ["Prague"], "1970") == ["Q33946"]
    assert states(gazetteer, ["Prague"], "2024") == ["Q213"]


def test_the_two_congos(gazetteer):
    for form in (["DR", "Congo"], ["DRC"], ["Kinshasa"], ["Democratic", "Republic", "of", "Congo"]):
        assert states(gazetteer, form) == [DR_CONGO], form
    assert states(gazetteer, ["Brazzaville"]) == [CONGO]


# ---------------------------------------------------------------- sentence splitting
@pytest.mark.parametrize("model", [DEFAULT_MODEL, None], ids=["model", "rule-only"])
def test_a_sentence_ending_in_an_initialism_ends(model):
    nlp = load_pipeline(model)
    doc = nlp("Pyongyang warned the U.S. Iran blamed the UK for the seizure.")
    assert [s.text for s in doc.sents] == ["Pyongyang warned the U.S.", "Iran blamed the UK for the seizure."]
    doc = nlp("Talks with the U.K. The ministers met again on Friday.")
    assert len(list(doc.sents)) == 2
    for text in ("The U.S. Navy said the U.N. Security Council would meet.",
                 "The U.S. State Department and U.S. officials declined to comment."):
        assert len(list(nlp(text).sents)) == 1, text


# ---------------------------------------------------------------- whole pipeline
DOCUMENTS = {
    "namesake": ("2024-03-10", "The state of Georgia signed a trade pact with Canada's Ontario province."),
    "namesake_context": ("2024-03-10", "The state of Georgia signed a trade pact with Canada. "
                                       "Georgia Governor Ann Marlow met Canadian Prime Minister Justin Trudeau."),
    "inside": ("2024-06-01", "The governor of Niger State accused gunmen of attacking a market. "
                             "Oil firms left the Niger Delta."),
    "stops": ("2024-05-02", "The U.S and Japan held talks in Osaka. London said the U.K would send tanks to Poland."),
    "ends": ("2024-05-02", "North Korea threatened the U.S. Iran accused the US of espionage."),
    "1962": ("1962-10-20", "The Soviet Union shipped rockets to Cuba in August. The USSR threatened West Germany, "
                           "and Moscow accused Washington of provocation."),
    "2024": ("2024-10-20", "Moscow accused Washington of provocation."),
    "congo": ("2024-06-01", "DR Congo asked Turkey for drones. The DRC accused Rwanda of aggression. "
                            "Kinshasa accused Kigali of arming rebels."),
    "capitals": ("2024-02-15", "Nairobi accused Addis Ababa of aggression. Dakar threatened Bamako. "
                               "Hanoi accused Vientiane of espionage. Accra threatened Lome. "
                               "Bogota accused Caracas of aggression. Kampala threatened Kigali. "
                               "Tashkent accused Bishkek of aggression. Lima threatened Quito."),
}


@pytest.fixture(scope="module")
def extractions():
    documents = [Document(key, text, date=date) for key, (date, text) in DOCUMENTS.items()]
    return {e.document.id: e for e in extract_stream(documents, load_pipeline(DEFAULT_MODEL), load_knowledge())}


def relations(extraction, type_=None):
    return {(r.type, r.source, r.target) if r.source else (r.type, frozenset(r.participants))
            for r in extraction.relations if type_ is None or r.type == type_}


def test_sub_national_namesakes_are_not_the_country(extractions):
    extraction = extractions["namesake"]
    assert [m.entity for m in extraction.mentions if m.text == "state of Georgia"] == [GEORGIA_US]
    assert all(GEORGIA not in (r.source, r.target, *r.participants) for r in extraction.relations)


def test_bare_namesake_in_a_sub_national_context(extractions):
    extraction = extractions["namesake_context"]
    assert all(GEORGIA not in (r.source, r.target, *r.participants) for r in extraction.relations)


def test_names_inside_names_are_not_the_country(extractions):
    extraction = extractions["inside"]
    assert NIGER not in {e.id for e in extraction.entities}
    types = {e.id: (e.type, e.country) for e in extraction.entities}
    for surface in ("Niger State", "Niger Delta"):
        ids = [m.entity for m in extraction.mentions if m.text == surface]
        assert ids and types[ids[0]][0] == "Location", surface


def test_initialisms_without_their_last_stop_act(extractions):
    found = relations(extractions["stops"])
    assert ("meeting", frozenset({USA, JAPAN})) in found
    transfer = [r for r in extractions["stops"].relations if r.type == "arms_transfer"]
    assert [(r.source, r.target, r.modality) for r in transfer] == [(UK, POLAND, "planned")]


def test_sentence_ending_in_an_initialism_keeps_both_relations(extractions):
    found = {(r.type, r.source, r.target, r.modality) for r in extractions["ends"].relations}
    assert ("threat", NORTH_KOREA, USA, "asserted") in found
    assert ("accusation", IRAN, USA, "asserted") in found


def test_historical_states_by_the_document_date(extractions):
    found = relations(extractions["1962"])
    assert ("arms_transfer", SOVIET_UNION, CUBA) in found
    assert ("threat", SOVIET_UNION, WEST_GERMANY) in found
    assert ("accusation", SOVIET_UNION, USA) in found
    assert not {RUSSIA, GERMANY} & {e.id for e in extractions["1962"].entities}
    assert relations(extractions["2024"]) == {("accusation", RUSSIA, USA)}


def test_the_two_congos_in_a_text(extractions):
    extraction = extractions["congo"]
    found = relations(extraction)
    assert ("accusation", DR_CONGO, RWANDA) in found
    assert any(t == "request" and s == DR_CONGO and o == TURKEY for t, s, o, *_ in
               [(r.type, r.source, r.target) for r in extraction.relations])
    assert CONGO not in {e.id for e in extraction.entities}
    assert not [e for e in extraction.entities if e.type == "Organization" and e.label == "DRC"]


def test_capitals_of_every_state_act(extractions):
    q = {"Kenya": "Q114", "Ethiopia": "Q115", "Senegal": "Q1041", "Mali": "Q912", "Vietnam": "Q881",
         "Laos": "Q819", "Ghana": "Q117", "Togo": "Q945", "Colombia": "Q739", "Venezuela": "Q717",
         "Uganda": "Q1036", "Rwanda": RWANDA, "Uzbekistan": "Q265", "Kyrgyzstan": "Q813", "Peru": "Q419",
         "Ecuador": "Q736"}
    expected = {("accusation", q["Kenya"], q["Ethiopia"]), ("threat", q["Senegal"], q["Mali"]),
                ("accusation", q["Vietnam"], q["Laos"]), ("threat", q["Ghana"], q["Togo"]),
                ("accusation", q["Colombia"], q["Venezuela"]), ("threat", q["Uganda"], q["Rwanda"]),
                ("accusation", q["Uzbekistan"], q["Kyrgyzstan"]), ("threat", q["Peru"], q["Ecuador"])}
    assert expected <= relations(extractions["capitals"])


def test_a_historical_state_with_an_unknown_successor_is_a_knowledge_error(tmp_path):
    import shutil

    from kgraph.errors import KnowledgeError
    from kgraph.gazetteer.build import load_gazetteer
    from kgraph.knowledge import ontologies_dir

    for name in ("countries.csv", "places.yaml"):
        shutil.copy(ontologies_dir() / name, tmp_path / name)
    places = tmp_path / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace("successors: [RUS]", "successors: [XYZ]"),
                      encoding="utf-8")
    with pytest.raises(KnowledgeError, match="XYZ"):
        load_gazetteer(tmp_path)
