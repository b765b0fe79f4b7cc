#!/usr/bin/env python3
"""Offline measurement: do the gold relations kgraph misses have a trigger word in the lexicons?

usage: python scripts/trigger_coverage.py GRAPH.json GOLD.json [GOLD.json ...]
           [--scorer ../shared/eval/score.py] [--ontologies ontologies] [--words N]

For every required gold relation the graph misses (matched exactly as the scorer does: its
own functions are imported from ``--scorer``), the gold's evidence quote (annotator notes in a
trailing parenthesis removed) is lemmatised with kgraph's spaCy pipeline and checked for a
trigger lemma of the relation's type in

  (a) ontologies/relations.yaml (today's lexicon; the threat verbs of its ``threats`` block count),
  (b) ontologies/cameo_triggers.yaml: the lemma alone, and (b+) the lemma together with one word
      of every place of the entry's ``when`` pattern,
  (c) ontologies/triggers_supplement.yaml (hand-written, issue 12).

Only figures per type are printed (and, with ``--words``, the N most frequent trigger lemmas
that only (b)/(c) know): no evidence text is copied. ``official_of`` has no trigger lexicon
(offices and titles are read by resolution) and is counted apart.

Raises:
    SystemExit: the scorer or an input file is missing.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TRANSFER = {"arms_transfer", "technology_transfer"}


def load_scorer(path: Path):
    if not path.exists():
        raise SystemExit(f"no scorer at {path} (give --scorer)")
    spec = importlib.util.spec_from_file_location("kgraph_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def entry_types(entry: dict) -> set[str]:
    kind = entry["type"]
    types = set(TRANSFER) if kind == "transfer" else {kind}
    if entry.get("also"):
        types.add(entry["also"])
    return types


def lexicon(path: Path) -> dict[str, list[tuple[str, dict]]]:
    """type -> [(lemma, when)] of a trigger file (missing file: empty)."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for entry in data.get("triggers") or ():
        for t in entry_types(entry):
            for lemma in entry.get("lemmas") or ():
                out[t].append((str(lemma).lower(), entry.get("when") or {}))
    threats = data.get("threats") or {}
    for verb in threats.get("verbs") or ():
        out["threat"].append((str(verb).lower(), {}))
    return out


def clean_evidence(text: str) -> list[str]:
    """The quoted parts of a gold evidence string (ANNOTATION.md: ' / ' joins, '...' elides)."""
    text = text or ""
    while True:
        stripped = re.sub(r"\s*\([^()]*\)\s*$", "", text)
        if stripped == text:
            break
        text = stripped
    parts = [p.strip() for chunk in text.split(" / ") for p in chunk.split("...")]
    return [p for p in parts if p]


def has_lemma(entries, lemmas: set[str], words: set[str], with_pattern: bool) -> str | None:
    """The first trigger lemma of ``entries`` present (multi-word: all its words)."""
    for lemma, when in entries:
        parts = lemma.split()
        if not all(p in lemmas or p in words for p in parts):
            continue
        if with_pattern and when:
            ok = all(not options or any(all(w in lemmas or w in words for w in str(o).lower().split())
                                         for o in options)
                     for place, options in when.items() if place != "advmod")
            if not ok:
                continue
        return lemma
    return None


def missed_relations(score, graph: dict, gold_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    did = score.doc_of(graph, str(gold_path), gold)
    rels = [r for r in graph.get("relations", [])
            if did is None or any(ev.get("doc") == did for ev in r.get("evidence") or [])
            or not r.get("evidence")]
    ent_ids = {x for r in rels for x in [r.get("source"), r.get("target"), *(r.get("participants") or [])] if x}
    ents = [e for e in graph.get("entities", [])
            if did is None or e["id"] in ent_ids or did in (e.get("documents") or [did])]
    mapping, _ = score.match_entities(ents, gold)
    covered = set()
    for r in rels:
        keys, unordered = score.pred_keys(r, mapping)
        for key in keys:
            covered.update(i for i, g in enumerate(gold["relations"]) if score.gold_accepts(g, key, unordered))
    return [g for i, g in enumerate(gold["relations"]) if not g.get("optional") and i not in covered]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    parser.add_argument("--ontologies", type=Path, default=ROOT / "ontologies")
    parser.add_argument("--words", type=int, default=0, help="list the N most frequent new trigger lemmas")
    args = parser.parse_args(argv)
    score = load_scorer(args.scorer)
    graph = json.loads(args.graph.read_text(encoding="utf-8"))
    today = lexicon(args.ontologies / "relations.yaml")
    cameo = lexicon(args.ontologies / "cameo_triggers.yaml")
    extra = lexicon(args.ontologies / "triggers_supplement.yaml")

    from kgraph.nlp import load_pipeline
    nlp = load_pipeline()

    rows: dict[str, Counter] = defaultdict(Counter)
    new_words: dict[str, Counter] = defaultdict(Counter)
    for gold_path in args.gold:
        for g in missed_relations(score, graph, gold_path):
            t = g["type"]
            row = rows[t]
            row["missed"] += 1
            if t == "official_of":
                continue
            lemmas, words = set(), set()
            for part in clean_evidence(g.get("evidence", "")):
                for tok in nlp(part):
                    lemmas.add(tok.lemma_.lower())
                    words.add(tok.text.lower())
            if not lemmas:
                row["no evidence"] += 1
                continue
            a = has_lemma(today.get(t, ()), lemmas, words, False)
            b = has_lemma(cameo.get(t, ()), lemmas, words, False)
            bp = has_lemma(cameo.get(t, ()), lemmas, words, True)
            c = has_lemma(extra.get(t, ()), lemmas, words, False)
            row["(a) relations.yaml"] += bool(a)
            row["(b) cameo lemma"] += bool(b)
            row["(b+) cameo lemma+pattern"] += bool(bp)
            row["(c) supplement"] += bool(c)
            row["(b+)/(c), not (a)"] += bool((bp or c) and not a)
            row["any"] += bool(a or b or c)
            row["none"] += not (a or b or c)
            if not a and (bp or c):
                new_words[t][bp or c] += 1
    cols = ["missed", "(a) relations.yaml", "(b) cameo lemma", "(b+) cameo lemma+pattern", "(c) supplement",
            "(b+)/(c), not (a)", "any", "none"]
    short = ["missed", "(a)", "(b)", "(b+)", "(c)", "new", "any", "none"]
    print("Missed required gold relations whose evidence holds a trigger lemma of their type")
    print("(a) relations.yaml  (b) cameo_triggers.yaml lemma  (b+) lemma and pattern words  "
          "(c) triggers_supplement.yaml  new = (b+) or (c) but not (a)")
    print(f"{'type':22}" + "".join(f"{s:>7}" for s in short))
    total = Counter()
    for t in sorted(rows, key=lambda t: (-rows[t]["missed"], t)):
        total.update(rows[t] if t != "official_of" else Counter())
        note = "   (offices: no trigger lexicon)" if t == "official_of" else ""
        cells = [rows[t]["missed"]] + ([rows[t][c] for c in cols[1:]] if t != "official_of" else [])
        print(f"{t:22}" + "".join(f"{v:>7}" for v in cells) + note)
    print(f"{'all but official_of':22}" + "".join(f"{total[c]:>7}" for c in cols))
    if args.words:
        print(f"\nMost frequent trigger lemmas only (b+)/(c) know, per type (top {args.words}):")
        for t in sorted(new_words):
            print(f"  {t}: " + ", ".join(f"{w} {n}" for w, n in new_words[t].most_common(args.words)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
