"""scripts/build_cameo_lexicon.py: the CAMEO verb dictionary converted into trigger entries.

The converter is tested on a small dictionary written here in PETRARCH2's format, and the
generated ontologies/cameo_triggers.yaml is checked against the trigger format."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from kgraph.extract.places import resolve_place

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_cameo_lexicon.py"
GENERATED = ROOT / "ontologies" / "cameo_triggers.yaml"
SUPPLEMENT = ROOT / "ontologies" / "triggers_supplement.yaml"
SOURCE = ROOT.parent / "shared" / "data" / "petrarch2" / "CAMEO.2.0.txt"

MINI = """\
####### SYNONYM SETS #######

&ARMS
+RIFLE
+HOWITZER

####### VERB PATTERNS #######

---  SLAP_ON   [---]  ---
IMPOSE
SLAP {SLAPS SLAPPED SLAPPING}
- * SANCTIONS (ON +)                        [163]   # IMPOSE
- * CURFEW                                  [1723]  # IMPOSE
- * SANCTIONS (ON +)                        [163]   # SLAP duplicate line

---  SCOLD   [111]  ---
DENOUNCE
SAY {SAID SAYING SAYS}
- * &ARMS (TO +)                            [072]   # SAY odd but a pattern
- * AID                                     [:070]  # reverse only

---  GREET   [043:042]  ---
WELCOME
- * (WITH)                                  [046:046]
- FROGS *                                   [190]
"""

KGRAPH_TYPES = {"arms_transfer", "technology_transfer", "military_cooperation", "visit", "meeting", "request",
                "agreement", "military_exercise", "threat", "armed_conflict", "sanction", "accusation", "launch",
                "transfer"}
PLACES = {"subj", "obj", "dative", "poss", "mod", "gov_subj", "predicated", "event_obj", "if_subj", "site_in",
          "goods_mod", "context"}
NEW_PLACES = {"ccomp_subj", "obj_poss", "part_obj", "xcomp_from"}


@pytest.fixture(scope="module")
def converter():
    spec = importlib.util.spec_from_file_location("build_cameo_lexicon", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def mini(converter):
    entries, stats, demoted = converter.build(MINI)
    return entries, stats, demoted


def by_pattern(entries, pattern):
    return [e for e in entries if e["cameo_pattern"] == pattern]


def test_pattern_preposition_becomes_the_target_place(mini):
    entries, _, _ = mini
    (entry,) = by_pattern(entries, "* SANCTIONS (ON +)")
    assert entry["type"] == "sanction" and entry["cameo"] == "163"
    assert entry["lemmas"] == ["impose", "slap"]
    assert entry["when"] == {"obj": ["sanctions"], "prep:on": []}
    assert entry["target"][0] == "prep:on" and entry["target"][-1] == "obj"
    assert entry["source"] == ["subj"]
    assert len(entry["lines"]) == 2          # the duplicate pattern line merged, both traced


def test_codes_outside_the_mapping_and_reverse_codes_are_dropped(mini):
    entries, stats, _ = mini
    assert not by_pattern(entries, "* CURFEW")
    assert not by_pattern(entries, "* AID")
    assert stats["patterns dropped: code not mapped"] == 1
    assert stats["patterns dropped: reverse-only code [:x]"] == 1


def test_generic_verb_fires_only_with_its_pattern(mini):
    entries, _, demoted = mini
    bare = [e for e in entries if e["cameo_pattern"] == "*"]
    assert any("denounce" in e["lemmas"] and e["type"] == "accusation" for e in bare)
    assert not any("say" in e["lemmas"] for e in bare)
    assert ("SCOLD", "say", "generic verb: reporting verb") in demoted
    (arms,) = by_pattern(entries, "* &ARMS (TO +)")
    assert arms["type"] == "transfer" and arms["default_class"] == "materiel"
    assert arms["when"]["obj"] == ["howitzer", "rifle"] and arms["target"][0] == "prep:to"


def test_host_codes_point_from_guest_to_host_and_symmetric_codes_list_parties(mini):
    entries, _, _ = mini
    (host,) = [e for e in entries if e["cameo_block"] == "GREET" and e["cameo_pattern"] == "*"]
    assert host["type"] == "visit" and host["target"] == ["subj"] and "obj" in host["source"]
    (talks,) = by_pattern(entries, "* (WITH)")
    assert talks["type"] == "meeting" and talks["participants"][0] == "prep:with"
    assert not by_pattern(entries, "FROGS *")   # a subject word alone names no event


def test_rendering_is_deterministic_valid_yaml_with_the_licence(converter, mini):
    entries, stats, demoted = mini
    text = converter.render(entries, stats, demoted, "mini.txt", "The MIT License (MIT)\nCopyright (c) X")
    assert text == converter.render(entries, stats, demoted, "mini.txt", "The MIT License (MIT)\nCopyright (c) X")
    assert "#   The MIT License (MIT)" in text and text.startswith("# GENERATED FILE")
    data = yaml.safe_load(text)
    assert len(data["triggers"]) == len(entries)
    assert all(e["window"] is False for e in data["triggers"])


def _check_places(entry):
    for key in ("source", "target", "participants", "object"):
        for place in entry.get(key) or ():
            resolve_place(place, key)  # the argument-place registry knows it, in this role


def test_generated_file_follows_the_trigger_format():
    data = yaml.safe_load(GENERATED.read_text(encoding="utf-8"))
    assert GENERATED.read_text(encoding="utf-8").startswith("# GENERATED FILE")
    assert (ROOT / "ontologies" / "licenses" / "PETRARCH2-LICENSE").exists()
    for entry in data["triggers"]:
        assert entry["type"] in KGRAPH_TYPES and entry["pos"] == "verb" and entry["lemmas"]
        assert entry["cameo"].isdigit() and entry["lines"]
        assert ("participants" in entry) != ("source" in entry)
        _check_places(entry)
    keys = [(e["type"], e["cameo"], e["cameo_block"], e["cameo_pattern"]) for e in data["triggers"]]
    assert keys == sorted(keys)


def test_supplement_follows_the_trigger_format():
    data = yaml.safe_load(SUPPLEMENT.read_text(encoding="utf-8"))
    for entry in data["triggers"]:
        assert entry["type"] in KGRAPH_TYPES and entry["pos"] in ("verb", "noun") and entry["lemmas"]
        _check_places(entry)


@pytest.mark.external_data
@pytest.mark.skipif(not SOURCE.exists(), reason="the PETRARCH2 dictionary is not here")
def test_generated_file_is_reproducible(converter, tmp_path):
    out = tmp_path / "cameo_triggers.yaml"
    assert converter.main(["--source", str(SOURCE), "--out", str(out)]) == 0
    assert out.read_bytes() == GENERATED.read_bytes()
