"""Issue 12: the CAMEO-derived lexicon (ontologies/cameo_triggers.yaml) and the hand-written
supplement (ontologies/triggers_supplement.yaml) loaded through the typed lexicon.

Sentences are our own. Each relation records the entry that read it (``Evidence.pattern``) and
the entry's own CAMEO code."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import kgraph
from kgraph.errors import KnowledgeError
from kgraph.export.json import dumps, from_json
from kgraph.extract.lexicon import (
    CAMEO_FILE,
    RELATIONS_FILE,
    SUPPLEMENT_FILE,
    TRIGGER_FILES,
    load_lexicon,
)
from kgraph.extract.places import phrase_matches, resolve_place
from kgraph.knowledge import load_knowledge


@pytest.fixture(scope="module")
def lexicon():
    return load_knowledge().lexicon


def build(tmp_path: Path, text: str, date: str = "2025-03-04"):
    source = tmp_path / "doc.jsonl"
    source.write_text(json.dumps({"id": "d1", "date": date, "text": text}) + "\n", encoding="utf-8")
    kg = kgraph.build([source])
    labels = {e.id: e.label for e in kg.entities}
    return kg, [(r.type, labels.get(r.source), labels.get(r.target), r) for r in kg.relations]


def test_three_trigger_files_load_in_order(lexicon):
    origins = [t.origin.split(":")[0] for t in lexicon.triggers]
    assert origins == sorted(origins, key=TRIGGER_FILES.index)
    assert {SUPPLEMENT_FILE, RELATIONS_FILE, CAMEO_FILE} <= set(origins)
    assert origins.count(CAMEO_FILE) > 1000
    first = lexicon.triggers_for("designate", "verb")[0]
    assert first.origin.startswith(SUPPLEMENT_FILE) and first.cameo == "163" and first.context


def test_multi_word_lemmas_are_listed_under_their_words(lexicon):
    entries = lexicon.triggers_for("lash", "verb")
    assert any("lash out" in e.lemmas for e in entries)
    assert "lash" in lexicon.trigger_words and "lash out" not in lexicon.trigger_words


def test_multi_word_lemmas_are_found_from_each_of_their_words(lexicon):
    entry = next(e for e in lexicon.triggers_for("lash", "verb") if "lash out" in e.lemmas)
    assert "lash out" in entry.phrases_by_word["lash"] and "lash out" in entry.phrases_by_word["out"]
    assert all(" " in lemma for lemmas in entry.phrases_by_word.values() for lemma in lemmas)


#: Sentences of our own in which ``when`` conditions hold ("designated X as a terrorist entity",
#: "froze the assets of", "met virtually", "attended the ceremony") and some in which they do not.
WHEN_SENTENCES = [
    "The State Department designated the militia as a foreign terrorist organization on Tuesday.",
    "Canada listed the network as a terrorist entity after the bombing.",
    "Britain froze the assets of three generals and added the firm to the sanctions list.",
    "The ministers met virtually on Friday and agreed to hold talks in Geneva.",
    "The envoy attended the signing ceremony in Hanoi with his Vietnamese counterpart.",
    "Seoul halted its exports of drones to the region and Tokyo banned sales of chips.",
    "The committee designated a new chair, and the board listed its priorities.",
    "Officials said the leaders met in person and attended a dinner.",
]


def test_the_sentence_words_a_when_condition_needs_never_reject_a_reading_it_holds(lexicon):
    """``Trigger.when_words`` is a prefilter: where ``when_holds`` accepts an entry at a token, the
    sentence has the words the prefilter asks for."""
    from kgraph.extract.places import when_holds
    from kgraph.extract.relations import _said_in
    from kgraph.nlp import load_pipeline

    nlp = load_pipeline()
    held = rejected = 0
    for text in WHEN_SENTENCES:
        doc = nlp(text)
        words = {w for t in doc for w in (t.lower_, t.lemma_.lower())}
        for token in doc:
            pos = "verb" if token.pos_ in ("VERB", "AUX") else "noun" if token.pos_ in ("NOUN", "PROPN") else None
            entries = lexicon.triggers_for(token.lemma_.lower(), pos) if pos else []
            for entry in entries:
                if not entry.when:
                    continue
                needed = _said_in(entry.when_words, words)
                if when_holds(token, entry.when):
                    held += 1
                    assert needed, (text, token.text, entry.origin)
                elif not needed:
                    rejected += 1
    assert held >= 6 and rejected > 100  # the prefilter met both outcomes


def test_bare_cameo_verbs_leave_hand_written_words_to_their_entries(lexicon):
    # relations.yaml reads "host" as a visit (with its not_args); CAMEO's bare "host" is not listed
    hosts = [e for e in lexicon.triggers_for("host", "verb") if e.type == "visit"]
    assert hosts and all(not e.origin.startswith(CAMEO_FILE) or e.when for e in hosts)


def test_cameo_verbs_are_no_event_words_for_anaphora(lexicon):
    # CAMEO lists "base" and "post" as verbs: "the base" still takes up a place
    assert "base" in lexicon.trigger_words and "base" not in lexicon.trigger_lemmas


def test_an_unknown_when_place_names_file_and_line(folder):
    path = folder / SUPPLEMENT_FILE
    text = path.read_text(encoding="utf-8")
    at = text.index('when: {"prep:as"')
    path.write_text(text[:at] + 'when: {"predicate"' + text[at + len('when: {"prep:as"'):], encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    with pytest.raises(KnowledgeError, match=rf"triggers_supplement.yaml, line {line}: unknown 'when' place"):
        load_lexicon(folder)


def test_an_unknown_place_in_the_generated_file_names_file_and_line(folder):
    path = folder / CAMEO_FILE
    text = path.read_text(encoding="utf-8")
    at = text.index("source: [subj]", text.index("triggers:"))
    path.write_text(text[:at] + "source: [subject]" + text[at + len("source: [subj]"):], encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    with pytest.raises(KnowledgeError, match=rf"cameo_triggers.yaml, line {line}: unknown argument place 'subject'"):
        load_lexicon(folder)


def test_an_unknown_object_class_in_the_supplement(folder):
    path = folder / SUPPLEMENT_FILE
    text = path.read_text(encoding="utf-8").replace("object_class: materiel", "object_class: armour", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown object class 'armour'"):
        load_lexicon(folder)


def test_new_places_are_in_the_registry():
    for name in ("ccomp_subj", "obj_poss", "part_obj", "xcomp_from", "obj_prep:of", "part_prep:at"):
        assert resolve_place(name, "target").name == name


def test_a_cameo_verb_records_its_pattern_and_code(tmp_path):
    kg, found = build(tmp_path, "Portugal castigated Venezuela over the detention of two fishermen.")
    accusations = [r for t, s, o, r in found if (t, s, o) == ("accusation", "Portugal", "Venezuela")]
    assert accusations, found
    evidence = accusations[0].evidence[0]
    assert evidence.pattern.startswith("cameo_triggers.yaml:") and "line" in evidence.pattern
    assert accusations[0].cameo.startswith("11")
    # the pattern survives the JSON export
    again = from_json(json.loads(dumps(kg)))
    assert again.relations[0].evidence[0].pattern == kg.relations[0].evidence[0].pattern


def test_hand_written_entries_record_their_file(tmp_path):
    _, found = build(tmp_path, "Estonia accused Belarus of pushing migrants across the border.")
    patterns = [r.evidence[0].pattern for t, s, o, r in found if t == "accusation"]
    assert patterns == ["relations.yaml:accusation/verb"]


def test_troop_movements_are_no_attacks(tmp_path):
    # CAMEO codes "moved into" as 192 (occupy); demoted in scripts/build_cameo_lexicon.py
    _, found = build(tmp_path, "About 2,000 Belarusian troops have moved into a border region of Russia.")
    assert not [f for f in found if f[0] == "armed_conflict"], found


def test_goods_that_arrive_are_no_visit(tmp_path):
    _, found = build(tmp_path, "A second air defence system from Norway has arrived in Moldova, the ministry said.")
    assert not [f for f in found if f[0] == "visit"], found


def test_repressive_measures_are_no_sanction(tmp_path):
    _, found = build(tmp_path, "Canada condemned the repressive measures of Belarus against journalists.")
    assert not [f for f in found if f[0] == "sanction"], found


def test_a_request_noun_parsed_as_a_clause_subject(tmp_path):
    _, found = build(tmp_path, "The EU on Friday repeated its call on Serbia not to recognise the annexation.")
    requests = [(s, o, r.modality) for t, s, o, r in found if t == "request"]
    assert ("European Union", "Serbia", "asserted") in requests, found


def test_a_modal_clause_under_a_saying_verb_is_a_request_but_not_to_oneself(tmp_path):
    _, found = build(tmp_path, "Chad and Libya should reopen their border, Niger said on Monday.")
    assert {(s, o) for t, s, o, _ in found if t == "request"} == {("Niger", "Chad"), ("Niger", "Libya")}
    _, found = build(tmp_path, "Finland must spend more on defence, Finnish President Alexander Stubb said.")
    assert not [f for f in found if f[0] == "request"], found


def test_phrase_matches_heads_and_phrases(tmp_path):
    nlp = load_knowledge  # noqa: F841 - the model is loaded by kgraph.build above
    from kgraph.nlp import load_pipeline
    doc = load_pipeline()("Spain called the raid an act of aggression by a terrorist group.")
    act = [t for t in doc if t.lower_ == "act"][0]
    group = [t for t in doc if t.lower_ == "group"][0]
    assert phrase_matches(act, "act of aggression")
    assert phrase_matches(group, "terrorist group") and not phrase_matches(group, "armed group")


@pytest.fixture(scope="module")
def reader_of(lexicon):
    """A RelationReader over a text of our own (no resolved actors: the word tests need none)."""
    from kgraph.extract.relations import RelationReader
    from kgraph.nlp import load_pipeline
    from kgraph.resolve.coreference import Actors

    nlp = load_pipeline()

    def make(text: str):
        doc = nlp(text)
        return RelationReader(lexicon, Actors(doc, [], [], None, "test", lexicon)), doc
    return make


def test_a_trigger_reads_the_words_of_its_own_sentence(reader_of):
    reader, doc = reader_of("Officials met in Oslo on Monday. The ministry designated the militia as a "
                            "terrorist entity. Talks resumed later.")
    for sentence in doc.sents:
        for token in sentence:
            words, text = reader._words_of_sentence(token)
            assert words == {w for t in sentence for w in (t.lower_, t.lemma_.lower())}
            assert text == sentence.text.lower()
    designated = next(t for t in doc if t.lower_ == "designated")
    assert "terrorist" in reader._words_of_sentence(designated)[0]
    assert "oslo" not in reader._words_of_sentence(designated)[0]


def test_a_multi_word_lemma_is_said_by_a_dependent_or_a_near_word(reader_of):
    # "for" is a dependent of "asked", five words after it; "out" is the next word after "lashed"
    reader, doc = reader_of("Ukraine asked its many Western partners for more air defence. Serbia lashed out at Brussels.")
    asked, lashed = (next(t for t in doc if t.lower_ == w) for w in ("asked", "lashed"))
    assert reader._phrase_said(asked, frozenset(("ask", "asked")), "ask for")
    assert reader._phrase_said(lashed, frozenset(("lash", "lashed")), "lash out")
    assert not reader._phrase_said(lashed, frozenset(("lash", "lashed")), "lash back")
