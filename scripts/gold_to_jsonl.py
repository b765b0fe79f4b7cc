"""Turn gold annotation files (FORMAT.md) into one JSON Lines corpus for `kgraph build`.

    python scripts/gold_to_jsonl.py ../shared/eval/dev/*.gold.json > dev.jsonl

Each gold file names its text (relative to the gold file) and the document date,
which anchors relative dates; the document id is the gold file's stem.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main(paths: list[str]) -> int:
    for path in map(Path, paths):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / gold["text"]).read_text(encoding="utf-8")
        print(json.dumps({"id": path.name.removesuffix(".gold.json"), "text": text,
                          "date": gold.get("date"), "source": gold.get("source")}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
