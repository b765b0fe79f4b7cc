"""Relation extraction on sentences written for the purpose (not the seed's topics):
every relation type, active/passive/nominal forms, control, conjunctions, n-ary events."""
from __future__ import annotations

import pytest

from kgraph.knowledge import load_knowledge
from kgraph.merge import merge
from kgraph.model import Document
from kgraph.nlp import load_pipeline
from kgraph.pipeline import extract_document


@pytest.fixture(scope="module")
def read():
    nlp, kb = load_pipeline(), load_knowledge()
    if not nlp.has_pipe("parser"):
        pytest.skip("the spaCy model is not installed")

    def read(text: str, date: str = "2024-03-15"):
        extraction = extract_document(Document("test", text, date=date), nlp(text), kb)
        label = {e.id: e.label for e in extraction.entities}
        return [r for r in merge([extraction]).relations if r.type != "official_of"], label
    return read


def triples(relations, label):
    """(type, source label, target label) of directed relations, (type, frozenset of labels) of symmetric ones."""
    out = set()
    for r in relations:
        if r.source and not (r.participants and r.type in ("meeting", "agreement", "military_cooperation",
                                                            "military_exercise")):
            out.add((r.type, label.get(r.source), label.get(r.target)))
        else:
            out.add((r.type, frozenset(label.get(p) for p in r.participants)))
    return out


CASES = [
    # arms_transfer: active, passive, double object, nominal, receive frame
    ("The United States sent Patriot missiles to Ukraine.", ("arms_transfer", "United States", "Ukraine")),
    ("Ukraine was supplied with tanks by Germany.", ("arms_transfer", "Germany", "Ukraine")),
    ("Iran has been supplying Russia with drones.", ("arms_transfer", "Iran", "Russia")),
    ("Arms deliveries from France to Ukraine resumed in March.", ("arms_transfer", "France", "Ukraine")),
    ("India bought fighter jets from France.", ("arms_transfer", "France", "India")),
    # technology_transfer
    ("China shared its drone technology with Iran.", ("technology_transfer", "China", "Iran")),
    ("Russia provided Iran with missile technology.", ("technology_transfer", "Russia", "Iran")),
    ("The United States will transfer nuclear submarine technology to Australia.",
     ("technology_transfer", "United States", "Australia")),
    ("Iran received engine technology from North Korea.", ("technology_transfer", "North Korea", "Iran")),
    ("Russia's transfer of space technology to Iran worries Israel.",
     ("technology_transfer", "Russia", "Iran")),
    # military_cooperation (symmetric; nominal)
    ("Military cooperation between China and Russia has deepened.",
     ("military_cooperation", frozenset({"China", "Russia"}))),
    ("Iran and Russia are expanding their defense ties.",
     ("military_cooperation", frozenset({"Iran", "Russia"}))),
    ("The security partnership between Australia and Japan grew this year.",
     ("military_cooperation", frozenset({"Australia", "Japan"}))),
    ("Belarus and Russia strengthened their military alliance.",
     ("military_cooperation", frozenset({"Belarus", "Russia"}))),
    ("Security cooperation among Australia, the United Kingdom and the United States is the core of AUKUS.",
     ("military_cooperation", frozenset({"Australia", "United Kingdom", "United States"}))),
    # visit
    ("Chinese President Xi Jinping visited Moscow in March.", ("visit", "Xi Jinping", "Russia")),
    ("Zelensky's trip to Washington came days later.", ("visit", "Volodymyr Zelenskyy", "United States")),
    ("Blinken traveled to Beijing on Sunday.", ("visit", "Antony Blinken", "China")),
    ("Indian Prime Minister Narendra Modi arrived in Moscow on Monday.", ("visit", "Narendra Modi", "Russia")),
    ("The visit of Iran's president to Russia was announced.", ("visit", "Iran", "Russia")),
    # meeting
    ("Xi Jinping met Vladimir Putin in Moscow.", ("meeting", frozenset({"Xi Jinping", "Vladimir Putin"}))),
    ("Biden held talks with Xi Jinping in San Francisco.", ("meeting", frozenset({"Joe Biden", "Xi Jinping"}))),
    ("Talks between Israel and Hamas stalled.", ("meeting", frozenset({"Israel", "Hamas"}))),
    ("The foreign ministers of India and China met in Delhi.", ("meeting", frozenset({"India", "China"}))),
    ("Japan and South Korea held a summit in Seoul.", ("meeting", frozenset({"Japan", "South Korea"}))),
    # request
    ("Ukraine asked Germany for Taurus missiles.", ("request", "Ukraine", "Germany")),
    ("Zelensky requested more air defense systems from the United States.",
     ("request", "Volodymyr Zelenskyy", "United States")),
    ("Taiwan urged the United States to speed up arms deliveries.", ("request", "Taiwan", "United States")),
    ("Israel's request to the United States for interceptors was approved.",
     ("request", "Israel", "United States")),
    ("Poland appealed to NATO for more troops.", ("request", "Poland", "NATO")),
    # agreement
    ("Australia and the United Kingdom signed a submarine deal.",
     ("agreement", frozenset({"Australia", "United Kingdom"}))),
    ("Russia agreed with China on a new gas price.", ("agreement", frozenset({"Russia", "China"}))),
    ("The agreement between Israel and the United Arab Emirates normalised relations.",
     ("agreement", frozenset({"Israel", "United Arab Emirates"}))),
    ("Japan and the Philippines signed a defense pact on Monday.",
     ("agreement", frozenset({"Japan", "Philippines"}))),
    ("Armenia and Azerbaijan agreed to exchange prisoners.", ("agreement", frozenset({"Armenia", "Azerbaijan"}))),
    # military_exercise
    ("China and Russia held joint naval drills in the Sea of Japan.",
     ("military_exercise", frozenset({"China", "Russia"}))),
    ("The United States and the Philippines began their largest exercise in April.",
     ("military_exercise", frozenset({"United States", "Philippines"}))),
    ("Joint drills between Iran and Russia took place in the Gulf of Oman.",
     ("military_exercise", frozenset({"Iran", "Russia"}))),
    ("India and France conducted air exercises in Rajasthan.", ("military_exercise", frozenset({"India", "France"}))),
    ("Belarus and Russia staged military exercises near the Polish border.",
     ("military_exercise", frozenset({"Belarus", "Russia"}))),
    # threat
    ("Russia threatened Moldova over its pro-Western course.", ("threat", "Russia", "Moldova")),
    ("China's threat to Taiwan is growing.", ("threat", "China", "Taiwan")),
    ("Iran poses a threat to Israel.", ("threat", "Iran", "Israel")),
    ("North Korea threatened the United States with a nuclear strike.", ("threat", "North Korea", "United States")),
    ("Russia's threats against Finland intensified after it joined NATO.", ("threat", "Russia", "Finland")),
    # armed_conflict
    ("Russia invaded Ukraine in February 2022.", ("armed_conflict", "Russia", "Ukraine")),
    ("Israel attacked Hezbollah positions in Lebanon.", ("armed_conflict", "Israel", "Hezbollah")),
    ("Russia's war against Ukraine entered its third year.", ("armed_conflict", "Russia", "Ukraine")),
    ("Israeli strikes on Hamas continued overnight.", ("armed_conflict", "Israel", "Hamas")),
    ("Azerbaijan launched an offensive against Armenia.", ("armed_conflict", "Azerbaijan", "Armenia")),
    # sanction
    ("The European Union sanctioned Iran over drone sales.", ("sanction", "European Union", "Iran")),
    ("The United States imposed new sanctions on Russia.", ("sanction", "United States", "Russia")),
    ("Japan imposed an embargo on North Korea.", ("sanction", "Japan", "North Korea")),
    ("British sanctions against Iran were tightened.", ("sanction", "United Kingdom", "Iran")),
    ("China sanctioned Lockheed Martin over arms sales to Taiwan.", ("sanction", "China", "Lockheed Martin")),
    # accusation
    ("Ukraine accused Russia of shelling the Zaporizhzhia plant.", ("accusation", "Ukraine", "Russia")),
    ("China condemned Japan for the release of water from Fukushima.", ("accusation", "China", "Japan")),
    ("Israel blamed Iran for the attack.", ("accusation", "Israel", "Iran")),
    ("NATO denounced Russia after the drone incursion.", ("accusation", "NATO", "Russia")),
    ("Iran's accusations against Israel grew louder.", ("accusation", "Iran", "Israel")),
    # launch
    ("North Korea launched an intercontinental ballistic missile on Friday.", ("launch", "North Korea", None)),
    ("Iran fired ballistic missiles at Israel.", ("launch", "Iran", None)),
    ("China test-fired a hypersonic missile.", ("launch", "China", None)),
    ("North Korea's satellite launch failed.", ("launch", "North Korea", None)),
    ("Missiles launched by Russia hit Kyiv.", ("launch", "Russia", None)),
]


@pytest.mark.parametrize("text,expected", CASES, ids=lambda v: v if isinstance(v, str) else None)
def test_relation_of_each_type(read, text, expected):
    relations, label = read(text)
    assert expected in triples(relations, label)


def test_unrelated_transfer_is_not_an_arms_transfer(read):
    relations, _ = read("Germany sent humanitarian aid to Turkey after the earthquake.")
    assert not [r for r in relations if r.type in ("arms_transfer", "technology_transfer")]


def test_launch_of_a_policy_is_not_a_launch(read):
    relations, _ = read("France launched a new diplomatic initiative with Germany.")
    assert not [r for r in relations if r.type == "launch"]


def test_threat_without_a_target_is_not_output(read):
    relations, _ = read("Iran's missile threats worry its neighbours.")
    assert not [r for r in relations if r.type == "threat"]


def test_conjunctions_give_one_relation_per_conjunct(read):
    relations, label = read("The United States sent artillery shells to Ukraine and Israel.")
    assert {("arms_transfer", "United States", "Ukraine"), ("arms_transfer", "United States", "Israel")} <= triples(
        relations, label)


def test_n_ary_event_is_one_relation(read):
    relations, label = read("Japan, the Philippines and the United States held joint drills in the South China Sea.")
    drills = [r for r in relations if r.type == "military_exercise"]
    assert len(drills) == 1 and {label[p] for p in drills[0].participants} == {"Japan", "Philippines", "United States"}


def test_codes_object_place_time_and_evidence(read):
    text = "Russia fears nothing. Iran delivered Shahed drones to Russia in Crimea last month."
    relations, label = read(text, date="2024-03-15")
    transfer = next(r for r in relations if r.type == "arms_transfer")
    assert (transfer.cameo, transfer.plover) == ("072", "AID")
    assert transfer.object == ["Shahed drones"]
    assert transfer.time == "2024-02"
    evidence = transfer.evidence[0]
    assert text[evidence.start:evidence.end].strip() == evidence.sentence
    assert evidence.trigger == "delivered"


def test_repeated_mentions_fold_into_one_relation(read):
    relations, _ = read("Iran sent drones to Russia. Later, Iran sent more drones to Russia.")
    transfers = [r for r in relations if r.type == "arms_transfer"]
    assert len(transfers) == 1 and len(transfers[0].evidence) == 2


@pytest.fixture(scope="module")
def read_without_parser():
    nlp, kb = load_pipeline(None), load_knowledge()

    def read(text: str):
        extraction = extract_document(Document("test", text, date="2024-03-15"), nlp(text), kb)
        label = {e.id: e.label for e in extraction.entities}
        return [r for r in extraction.relations if r.type != "official_of"], label
    return read


@pytest.mark.parametrize("text,expected,modality", [
    ("The United States sent tanks to Ukraine.", ("arms_transfer", "United States", "Ukraine"), "asserted"),
    ("Germany will not send missiles to Ukraine.", ("arms_transfer", "Germany", "Ukraine"), "negated"),
    ("China and Russia held joint drills near Japan.", ("military_exercise", frozenset({"China", "Russia"})),
     "asserted"),
    ("Iran is expected to supply drones to Russia.", ("arms_transfer", "Iran", "Russia"), "expected"),
])
def test_without_a_parser_lexical_patterns_still_read_relations(read_without_parser, text, expected, modality):
    relations, label = read_without_parser(text)
    found = [r for r in relations if expected in triples([r], label)]
    assert found and found[0].modality == modality and found[0].confidence < 0.5


def test_without_a_parser_a_title_word_is_no_trigger(read_without_parser):
    relations, _ = read_without_parser("Deputy Pentagon Press Secretary Sabrina Singh spoke to reporters.")
    assert relations == []


def test_lexicon_is_data_a_user_extends(tmp_path, read):
    import pickle
    import shutil

    from kgraph.extract.lexicon import load_lexicon
    from kgraph.knowledge import ontologies_dir

    from kgraph.extract.lexicon import LEXICON_FILES

    for name in LEXICON_FILES:
        shutil.copy(ontologies_dir() / name, tmp_path / name)
    text = (tmp_path / "relations.yaml").read_text()
    (tmp_path / "relations.yaml").write_text(text.replace("lemmas: [threaten, menace,", "lemmas: [threaten, menace, bully,"))
    lexicon = load_lexicon(tmp_path)
    assert any("bully" in t.lemmas and t.type == "threat" for t in lexicon.triggers)
    assert pickle.loads(pickle.dumps(lexicon)) == lexicon
    assert lexicon.codes["sanction"] == {"cameo": "163", "plover": "SANCTION"}


def test_these_troops_take_up_the_earlier_troops(read):
    relations, label = read("North Korean troops entered Russia in October. "
                            "These troops have engaged in combat with Ukrainian forces.")
    assert ("armed_conflict", "North Korea", "Ukraine") in triples(relations, label)


def test_dual_use_goods_are_technology(read):
    relations, label = read("China has supplied Russia with machine tools and microelectronics.")
    assert ("technology_transfer", "China", "Russia") in triples(relations, label)


def test_a_noun_event_under_its_own_verb_is_one_relation(read):
    relations, _ = read("The European Union pledged military assistance to Ukraine.")
    transfers = [r for r in relations if r.type == "arms_transfer"]
    assert len(transfers) == 1 and transfers[0].object == ["military assistance"]


def test_an_event_taken_up_later_keeps_its_source(read):
    relations, label = read("North Korea launched a satellite last week. The launch on Tuesday failed.")
    launches = [r for r in relations if r.type == "launch"]
    assert {label[r.source] for r in launches} == {"North Korea"} and len(launches[0].evidence) == 2


@pytest.mark.parametrize("text", ["Iran, which supplied drones to Russia, denies it.",
                                  "The drones that Iran supplied to Russia hit Kyiv."])
def test_relative_clauses(read, text):
    relations, label = read(text)
    transfer = next(r for r in relations if r.type == "arms_transfer")
    assert (label[transfer.source], label[transfer.target], transfer.object) == ("Iran", "Russia", ["drones"])
    assert transfer.modality == "asserted"


@pytest.mark.parametrize("text,expected", [
    # a noun event under a verb that begins, ends or carries it
    ("Indian Prime Minister Narendra Modi wrapped up a two-day trip to Vienna on Wednesday.",
     ("visit", "Narendra Modi", "Austria")),
    ("Under a defense pact with Japan, the Philippines will host Japanese troops.",
     ("military_cooperation", frozenset({"Japan", "Philippines"}))),
    # a verb the parser hung on its own object still takes its subject and object
    ("The deal will see Paris share jet engine technology with New Delhi.", ("technology_transfer", "France", "India")),
    # a gerund after "by" shares its subject with the verb it hangs from
    ("Moscow retaliated by sanctioning several British journalists, including the BBC.",
     ("sanction", "Russia", "BBC")),
    ("The Kremlin answered by imposing sanctions on Latvia.", ("sanction", "Russia", "Latvia")),
    # an accused noun that acts under "of"
    ("Washington accused Turkish firms of shipping drone components and electronics to Russia.",
     ("technology_transfer", "Turkey", "Russia")),
    # "condemned the launch": those who launched
    ("North Korea fired a cruise missile on Sunday. Japan and South Korea condemned the launch.",
     ("accusation", "Japan", "North Korea")),
    ("Poland condemned Russia's invasion of Ukraine.", ("accusation", "Poland", "Russia")),
    # the target of a conditional measure is whoever's deed it answers
    ("Britain will impose sanctions if Iran transfers missiles to Russia.", ("sanction", "United Kingdom", "Iran")),
    ("The EU said it would impose sanctions if Serbia refused to cooperate.",
     ("sanction", "European Union", "Serbia")),
    # "they", "their": the last subject naming several actors
    ("The defense ministers of Greece and France met in Athens. They signed an agreement on frigates.",
     ("agreement", frozenset({"Greece", "France"}))),
    ("Spain and Italy agreed on a plan. Their navies will hold joint exercises next month.",
     ("military_exercise", frozenset({"Spain", "Italy"}))),
    # the issuer of a statement speaks through it
    ("India and Japan issued a joint statement pledging to deepen defense cooperation.",
     ("military_cooperation", frozenset({"India", "Japan"}))),
    ("Russia has used glide bombs against Ukraine for months.", ("armed_conflict", "Russia", "Ukraine")),
    ("Iran criticized what it called Israeli aggression.", ("accusation", "Iran", "Israel")),
    # "the group": the last organisation named, not the patron in "the Iran-backed group"
    ("Hezbollah fired rockets overnight. A spokesman for the Iran-backed group vowed that the group would "
     "retaliate against Israel.", ("threat", "Hezbollah", "Israel")),
    # "warned X of consequences (if ...)" is a threat, and it was made
    ("NATO warned Belarus of consequences if it deployed troops.", ("threat", "NATO", "Belarus")),
    # hosting a leader: a visit and a meeting
    ("Emmanuel Macron hosted Narendra Modi in Paris.", ("visit", "Narendra Modi", "Emmanuel Macron")),
    ("Emmanuel Macron hosted Narendra Modi in Paris.", ("meeting", frozenset({"Emmanuel Macron", "Narendra Modi"}))),
    # a purchase of goods named by their maker's state
    ("Egypt bought French Rafale fighter jets.", ("arms_transfer", "France", "Egypt")),
    ("Seoul lodged a protest with Tokyo over the textbooks.", ("accusation", "South Korea", "Japan")),
    # a quantity names what it counts; firms and targets stand for their country
    ("Israeli jets struck dozens of Hezbollah targets.", ("armed_conflict", "Israel", "Hezbollah")),
    ("Canada imposed sanctions on 30 firms in Iran.", ("sanction", "Canada", "Iran")),
    # fired at someone: an attack, and a launch
    ("Hezbollah fired rockets at Israel on Sunday.", ("armed_conflict", "Hezbollah", "Israel")),
    ("Hezbollah fired rockets at Israel on Sunday.", ("launch", "Hezbollah", None)),
    ("Turkish drones hit a fuel depot in Syria's Hasakah province.", ("armed_conflict", "Turkey", "Syria")),
    ("Iran's foreign minister vowed to punish Pakistan for the strikes.", ("threat", "Iran", "Pakistan")),
    ("Washington hit Moscow with new sanctions on Friday.", ("sanction", "United States", "Russia")),
    ("Israel used US-made bombs in strikes on Rafah.", ("armed_conflict", "Israel", "Palestine")),
    # a purpose clause shares the subject of the clause it serves
    ("Sweden's foreign minister flew to Ankara to ask Turkey for its support.", ("request", "Sweden", "Turkey")),
    ("Olaf Scholz held a phone call with Xi Jinping on Friday.",
     ("meeting", frozenset({"Olaf Scholz", "Xi Jinping"}))),
    # "the two men", "both sides": the last subject naming several actors, a few sentences back
    ("Lula and Biden met at the White House. Lula praised the host. The two men signed a climate pact.",
     ("agreement", frozenset({"Luiz Inácio Lula da Silva", "Joe Biden"}))),
])
def test_generalised_patterns(read, text, expected):
    relations, label = read(text)
    assert expected in triples(relations, label)


def test_an_elided_recipient_comes_from_the_parallel_transfer(read):
    relations, label = read("Sweden will send Archer howitzers to Ukraine, and Norway has pledged NASAMS launchers. "
                            "Denmark is considering sending F-16 jets.")
    found = triples(relations, label)
    assert {("arms_transfer", "Norway", "Ukraine"), ("arms_transfer", "Denmark", "Ukraine")} <= found
    relations, label = read("Norway has pledged NASAMS launchers.")
    assert not [r for r in relations if r.type == "arms_transfer"]
    relations, label = read("The United States sent tanks to Ukraine. Congress met on Monday. "
                            "Separately, analysts said China sells drones to many buyers. Turkey exports drones.")
    assert not [r for r in relations if r.type == "arms_transfer" and label.get(r.source) in ("China", "Turkey")]


def test_a_goods_phrase_names_no_recipient(read):
    relations, label = read("Poland sent German-made Leopard tanks.")
    assert ("arms_transfer", "Poland", "Germany") not in triples(relations, label)


def test_an_attack_under_a_threat_is_not_an_attack(read):
    relations, label = read("Turkey threatened to strike Kurdish militias in Syria.")
    assert not [r for r in relations if r.type == "armed_conflict"]
    relations, label = read("Iran warned that Israel would attack its nuclear sites.")
    assert not [r for r in relations if r.type == "threat" and label.get(r.source) == "Iran"]


def test_a_wire_dateline_is_no_actor(read):
    relations, label = read("BEIJING (Reuters) - North Korea fired two missiles on Monday, Japan said.")
    assert {label.get(r.source) for r in relations if r.type == "launch"} == {"North Korea"}


def test_a_host_of_a_meeting_is_not_visited(read):
    relations, _ = read("Germany will host a meeting of the G7 foreign ministers in Berlin.")
    assert not [r for r in relations if r.type == "visit"]


def test_help_from_a_state_names_no_enemy(read):
    relations, label = read("The drones were shot down by Israel with help from Jordan.")
    assert ("armed_conflict", "Israel", "Jordan") not in triples(relations, label)


def test_a_dateline_after_a_headline_is_no_actor(read):
    relations, label = read("Missile test fails\n\nTOKYO, May 2 (Reuters) - North Korea fired a missile on Monday.")
    assert {label.get(r.source) for r in relations if r.type == "launch"} == {"North Korea"}


def test_troops_hosted_are_no_visitors(read):
    relations, _ = read("Poland will host a US armoured brigade of about 4,000 troops.")
    assert not [r for r in relations if r.type in ("visit", "meeting")]


def test_those_who_discuss_an_event_did_not_do_it(read):
    relations, label = read("Iran launched a satellite on Friday. "
                            "The Security Council met on Monday to discuss the launch.")
    assert {label.get(r.source) for r in relations if r.type == "launch"} == {"Iran"}


def test_the_owner_of_a_noun_acts_in_its_infinitive(read):
    relations, label = read("The statement reflected India's refusal to condemn Russia.")
    accusations = [r for r in relations if r.type == "accusation"]
    assert accusations and all(label.get(r.source) == "India" and r.modality == "negated" for r in accusations)
