"""Digest every output of a build, to check that a refactoring changes none of them.

    python scripts/snapshot.py write snapshot.json   # before the change
    python scripts/snapshot.py check snapshot.json   # after it: exit 1 and name what differs

The corpora are ``seeds/`` and, when ``../shared/eval/dev`` exists, the dev texts built as
JSON Lines (as ``make eval`` does). For each corpus it builds json, ttl and html with the
model, json without it (``--no-model``), and exports N-Triples, TriG, N-Quads and JSON-LD
from the graph; the snapshot maps each file to its SHA-256 digest. ``--keep DIR`` keeps the
files for a diff.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
EXPORTS = {"nt": "graph.nt", "trig": "graph.trig", "nquads": "graph.nq", "jsonld": "graph.jsonld"}


def _kgraph(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "kgraph", "-q", *args], check=True, cwd=ROOT)


def _corpora(work: Path) -> dict[str, Path]:
    corpora = {"seeds": ROOT / "seeds"}
    if DEV.is_dir():
        lines = subprocess.run([sys.executable, str(ROOT / "scripts" / "gold_to_jsonl.py"),
                                *sorted(map(str, DEV.glob("*.gold.json")))],
                               check=True, capture_output=True, text=True).stdout
        (work / "dev.jsonl").write_text(lines, encoding="utf-8")
        corpora["dev"] = work / "dev.jsonl"
    return corpora


def digests(work: Path) -> dict[str, str]:
    """Build every corpus into ``work`` and return {relative path: sha256}."""
    for name, path in _corpora(work).items():
        out = work / name
        _kgraph("build", str(path), "--out", str(out))
        _kgraph("build", str(path), "--out", str(out / "no-model"), "--formats", "json", "--no-model")
        for fmt, filename in EXPORTS.items():
            _kgraph("export", str(out / "graph.json"), "--format", fmt, "--out", str(out / filename))
    return {str(p.relative_to(work)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(work.rglob("*")) if p.is_file() and p.suffix != ".jsonl"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("write", "check"))
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        now = digests(work)
    if args.action == "write":
        args.snapshot.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"snapshot: {len(now)} files -> {args.snapshot}")
        return 0
    before = json.loads(args.snapshot.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for name in differ:
        print(f"differs: {name}")
    print(f"snapshot: {len(before) - len(differ)} of {len(before)} files identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
