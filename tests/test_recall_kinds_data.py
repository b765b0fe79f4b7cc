"""The issue-12 test sentences themselves (tests/data/recall_kinds/*.yaml, one file per family
of kinds): every kind has enough positive and negative cases, and no sentence comes from the
evaluation texts."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "recall_kinds"
FILES = sorted(DATA.glob("*.yaml"))
DEV = ROOT.parent / "shared" / "eval" / "dev"


@pytest.fixture(scope="module", params=FILES, ids=[p.stem for p in FILES])
def data(request):
    return yaml.safe_load(request.param.read_text(encoding="utf-8"))


def test_case_ids_are_unique_across_files():
    ids = [c["id"] for p in FILES for c in yaml.safe_load(p.read_text(encoding="utf-8"))["cases"]]
    assert FILES and len(ids) == len(set(ids))


def test_every_kind_has_three_positives_and_a_negative(data):
    for kind in data["kinds"]:
        cases = [c for c in data["cases"] if c["kind"] == kind]
        positives = [c for c in cases if c.get("expect") or c.get("entities")]
        negatives = [c for c in cases if c.get("absent") or c.get("not_entities")]
        assert len(positives) >= 3, kind
        assert negatives, kind


def test_cases_are_well_formed(data):
    ids = [c["id"] for c in data["cases"]]
    assert len(ids) == len(set(ids))
    for case in data["cases"]:
        assert case["kind"] in data["kinds"], case["id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(case["date"])), case["id"]
        for exp in case.get("expect") or ():
            assert ("participants" in exp) != ("source" in exp), case["id"]
            if "participants" in exp:
                assert len(exp["participants"]) == 2 and all(exp["participants"]), case["id"]
            else:
                assert exp["source"] and exp["target"], case["id"]
            assert exp.get("modality", "factual") in ("factual", "future", "uncertain", "negated"), case["id"]


@pytest.mark.external_data
@pytest.mark.skipif(not DEV.is_dir(), reason="the evaluation texts are not here")
def test_no_sentence_comes_from_the_evaluation_texts(data):
    squash = lambda s: re.sub(r"\s+", " ", s).strip().lower()  # noqa: E731
    dev = squash(" ".join(p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))))
    for case in data["cases"]:
        words = squash(case["text"]).split()
        # no run of eight words of ours appears in an evaluation text
        for i in range(len(words) - 7):
            assert " ".join(words[i:i + 8]) not in dev, (case["id"], i)
