"""Issue 12: the kinds of relation kgraph misses on real news (tests/data/recall_kinds/*.yaml).

Each case is built on its own with ``kgraph.build`` (a one-line JSON Lines file, so that the
document has its date) and must show the expected relations and entities, and none of the
relation types its negative sentences rule out. Cases not yet read are listed in
:data:`PENDING` with the reason, as strict expected failures.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import kgraph

DATA = Path(__file__).resolve().parent / "data" / "recall_kinds"
#: Every case of every file in DATA (one file per family of kinds), in file then case order.
CASES = [case for path in sorted(DATA.glob("*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
#: Cases still failing, by id, with the reason; every other case must pass (strict: a case
#: listed here that starts to pass fails the run until it is taken off the list).
PENDING: dict[str, str] = {
}


def _param(case: dict):
    reason = PENDING.get(case["id"])
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, id=case["id"], marks=marks)


SYMMETRIC = {"meeting", "agreement", "military_cooperation", "military_exercise"}
COARSE = {"asserted": "factual", "reported": "factual", "planned": "future", "expected": "future",
          "suspected": "uncertain", "hypothetical": "uncertain", "negated": "negated"}


def build(case: dict, tmp_path: Path):
    source = tmp_path / f"{case['id']}.jsonl"
    record = {"id": case["id"], "date": str(case["date"]), "text": case["text"]}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return kgraph.build([source])


def names(entity) -> set[str]:
    return {n.lower() for n in [entity.id, entity.label, *entity.aliases] if n}


def matches(entity_id: str | None, accepted: list[str], entities: dict) -> bool:
    entity = entities.get(entity_id)
    return entity is not None and bool(names(entity) & {a.lower() for a in accepted})


def found(expected: dict, relations, entities: dict) -> bool:
    for r in relations:
        if r.type != expected["type"]:
            continue
        if "modality" in expected and COARSE.get(r.modality) != expected["modality"]:
            continue
        if "participants" in expected:
            first, second = expected["participants"]
            parties = r.participants or [x for x in (r.source, r.target) if x]
            if any(matches(a, first, entities) and matches(b, second, entities)
                   for a in parties for b in parties if a != b):
                return True
            continue
        if matches(r.source, expected["source"], entities) and matches(r.target, expected["target"], entities):
            return True
    return False


def describe(relations, entities: dict) -> list[str]:
    label = lambda x: entities[x].label if x in entities else x  # noqa: E731
    return [f"{r.type} {label(r.source)} -> {label(r.target)} {[label(p) for p in r.participants]} {r.modality}"
            for r in relations]


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_recall_kind(case, tmp_path):
    kg = build(case, tmp_path)
    entities = {e.id: e for e in kg.entities}
    seen = describe(kg.relations, entities)
    for expected in case.get("expect") or ():
        assert found(expected, kg.relations, entities), f"missing {expected}; read {seen}"
    for unwanted in case.get("not_expect") or ():  # a pair that is no party ("ties with both A and B")
        assert not found(unwanted, kg.relations, entities), f"unexpected {unwanted}; read {seen}"
    for rel_type in case.get("absent") or ():
        assert not [r for r in kg.relations if r.type == rel_type], f"unexpected {rel_type}; read {seen}"
    all_names = set().union(*(names(e) for e in kg.entities)) if kg.entities else set()
    for name in case.get("entities") or ():
        assert name.lower() in all_names, f"no entity {name!r}; entities {sorted(all_names)}"
    for part in case.get("not_entities") or ():
        bad = [e.label for e in kg.entities if part.lower() in e.label.lower()]
        assert not bad, f"entities {bad} hold {part!r}"
    for part in case.get("one_entity") or ():
        holders = [e.label for e in kg.entities if any(part.lower() in n for n in names(e))]
        assert len(holders) == 1, f"{part!r} is in {holders}"
