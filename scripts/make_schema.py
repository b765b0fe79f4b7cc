"""Write kgraph/schema/graph.schema.json, the JSON Schema of graph.json, from kgraph.model.

The enumerations (entity types, relation types, modalities) come from :mod:`kgraph.model`, so
the published schema and the code cannot drift apart; ``tests/test_hardening.py`` checks that
the shipped file is what this script writes.

    python scripts/make_schema.py            # rewrite the file
    python scripts/make_schema.py --check    # exit 1 if it is out of date
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kgraph.model import ENTITY_TYPES, MODALITIES, RELATION_TYPES

OUT = Path(__file__).resolve().parent.parent / "kgraph" / "schema" / "graph.schema.json"

#: ISO 8601 dates as precise as the source (year, month, day, date-time) and EDTF intervals
#: "A/B" whose ends may be open; months 13-24 are EDTF seasons.
DATE_PATTERN = (r"^(-?\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)?"
                r"(/(-?\d{4}(-\d{2}(-\d{2})?)?)?)?$")


def nullable(schema: dict) -> dict:
    """``schema`` or null; its other keywords (pattern, minLength) apply to strings only."""
    return {**schema, "type": [schema["type"], "null"]}


def schema() -> dict:
    text = {"type": "string"}
    id_ = {"type": "string", "minLength": 1}
    date = {"type": "string", "minLength": 1, "pattern": DATE_PATTERN}
    strings = {"type": "array", "items": text}
    ids = {"type": "array", "items": id_}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kgraph.dev/schema/graph.schema.json",
        "title": "kgraph graph.json",
        "description": "A knowledge graph kgraph built: the shape of the extraction contract (documents, "
                       "entities, relations with evidence) with role, cameo and plover added, and a "
                       "provenance record. Other top-level keys are allowed and ignored. Relations must "
                       "point at entities the file lists; readers check that beyond this schema.",
        "type": "object",
        "required": ["documents", "entities", "relations"],
        "properties": {
            "provenance": {"$ref": "#/$defs/provenance"},
            "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}},
            "entities": {"type": "array", "items": {"$ref": "#/$defs/entity"}},
            "relations": {"type": "array", "items": {"$ref": "#/$defs/relation"}},
        },
        "$defs": {
            "provenance": {
                "description": "What produced the graph; no timestamps, so builds stay byte-identical.",
                "type": "object",
                "required": ["kgraph", "pipeline", "knowledge"],
                "properties": {
                    "kgraph": {"description": "kgraph's version", **text},
                    "spacy": nullable(text),
                    "pipeline": {"description": "the spaCy pipeline package, or 'rule-only'", **text},
                    "pipeline_version": nullable(text),
                    "knowledge": {"description": "sha256 of the ontologies/ files used (names and bytes)",
                                  "type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
                },
            },
            "document": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": id_, "title": nullable(text), "date": nullable(date),
                               "source": nullable(text), "author": nullable(text)},
            },
            "entity": {
                "type": "object",
                "required": ["id", "label", "type"],
                "properties": {
                    "id": id_, "label": id_, "type": {"enum": list(ENTITY_TYPES)}, "aliases": strings,
                    "wikidata": nullable({"type": "string", "pattern": "^Q[1-9][0-9]*$"}),
                    "documents": ids, "country": nullable(id_),
                },
            },
            "relation": {
                "type": "object",
                "required": ["type"],
                "properties": {
                    "id": id_, "type": {"enum": list(RELATION_TYPES)},
                    "source": nullable(id_), "target": nullable(id_), "participants": ids,
                    "modality": {"enum": list(MODALITIES)}, "attributed_to": nullable(id_),
                    "time": nullable(date), "location": nullable(id_), "object": strings,
                    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                    "role": nullable(text), "cameo": nullable(text), "plover": nullable(text),
                    "evidence": {"type": "array", "items": {"$ref": "#/$defs/evidence"}},
                },
            },
            "evidence": {
                "description": "start and end are character offsets into the document's body (the text "
                               "after any YAML front matter): body[start:end] == sentence.",
                "type": "object",
                "required": ["doc", "sentence", "start", "end"],
                "properties": {"doc": id_, "sentence": text, "start": {"type": "integer", "minimum": 0},
                               "end": {"type": "integer", "minimum": 0}, "trigger": nullable(text)},
            },
        },
    }


def render() -> str:
    return json.dumps(schema(), indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != render():
            print(f"{OUT} is out of date: run scripts/make_schema.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
