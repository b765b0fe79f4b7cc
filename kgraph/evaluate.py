"""Score a graph against gold annotations (the FORMAT.md convention).

Entities match gold by name (label first, then aliases, after lower-casing and
dropping punctuation and a leading "the"). Relations are projected to keys in
gold ids: a symmetric relation to every unordered pair of its participants, a
directed one to (type, source, target); a key is correct when some gold relation
accepts both slots. Optional gold items cost nothing when missed. Modality is
judged on correct keys by coarse class (factual, future, uncertain, negated).
With several gold files, each is matched to its document and the counts are
micro-averaged.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .model import MODALITY_CLASS, SYMMETRIC_TYPES, actors_of, members_of
from .names import gold_key

#: Predicted entities of these types that match no gold entity are false positives.
SCORED_ENTITY_TYPES = frozenset({"country", "person", "organization", "organisation"})


#: The name key entities match gold by (:func:`kgraph.names.gold_key`).
normalise_name = gold_key


@dataclass
class TypeCounts:
    """Tallies of one relation type: predicted keys judged correct or wrong (precision), required gold
    relations and how many of them were found (recall)."""
    correct: int = 0
    wrong: int = 0
    gold: int = 0
    found: int = 0

    def add(self, other: "TypeCounts") -> None:
        """Add another tally of the same type to this one."""
        self.correct += other.correct
        self.wrong += other.wrong
        self.gold += other.gold
        self.found += other.found

    @property
    def recall(self) -> float | None:
        """found / gold, or None without gold relations."""
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        """correct / (correct + wrong), or None without predictions."""
        judged = self.correct + self.wrong
        return self.correct / judged if judged else None


@dataclass
class Counts:
    """Tallies of one gold file (or their sum)."""
    entity_tp: int = 0
    entity_fp: int = 0
    entity_fn: int = 0
    relations_correct: int = 0
    relations_wrong: int = 0
    gold_relations: int = 0
    gold_found: int = 0
    modality_ok: int = 0
    modality_judged: int = 0
    #: relation type -> TypeCounts (``by_type_table`` prints them)
    by_type: dict[str, "TypeCounts"] = field(default_factory=dict)
    #: (kind, ...) lines: FP, FN, MODALITY
    details: list[tuple] = field(default_factory=list)
    missed_entities: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)
    duplicate_entities: list[str] = field(default_factory=list)

    def add(self, other: "Counts") -> None:
        """Add another file's tallies to these (the detail lists are left alone)."""
        for name in ("entity_tp", "entity_fp", "entity_fn", "relations_correct", "relations_wrong",
                     "gold_relations", "gold_found", "modality_ok", "modality_judged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for relation_type, tally in other.by_type.items():
            self.by_type.setdefault(relation_type, TypeCounts()).add(tally)

    def summary(self) -> dict[str, float]:
        """Precision, recall and F1 of entities and relations, and modality accuracy, rounded to 3 places.

        Keys: entity_p, entity_r, entity_f1, relation_p, relation_r, relation_f1, modality_acc
        (each 0.0 when its denominator is 0).
        """
        ep, er, ef = _prf(self.entity_tp, self.entity_fp, self.entity_fn)
        judged = self.relations_correct + self.relations_wrong
        rp = self.relations_correct / judged if judged else 0.0
        rr = self.gold_found / self.gold_relations if self.gold_relations else 0.0
        rf = 2 * rp * rr / (rp + rr) if rp + rr else 0.0
        ma = self.modality_ok / self.modality_judged if self.modality_judged else 0.0
        return {"entity_p": round(ep, 3), "entity_r": round(er, 3), "entity_f1": round(ef, 3),
                "relation_p": round(rp, 3), "relation_r": round(rr, 3), "relation_f1": round(rf, 3),
                "modality_acc": round(ma, 3)}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match_entities(predicted: list[dict], gold: dict, counts: Counts) -> dict[str, str]:
    """Predicted entity id -> gold id; entity counts into ``counts``."""
    alias: dict[str, str] = {}
    for g in gold["entities"]:
        for name in g["aliases"]:
            alias.setdefault(normalise_name(name), g["id"])
    mapping: dict[str, str] = {}
    hit: set[str] = set()
    for entity in predicted:
        gold_id = alias.get(normalise_name(entity.get("label") or ""))
        if gold_id is None:
            names = {normalise_name(n) for n in [entity.get("label") or "", *(entity.get("aliases") or [])] if n}
            gold_id = next((alias[n] for n in sorted(names) if n in alias), None)
        if gold_id is None:
            if (entity.get("type") or "").lower() in SCORED_ENTITY_TYPES:
                counts.spurious_entities.append(entity.get("label"))
            continue
        mapping[entity["id"]] = gold_id
        if gold_id in hit:
            counts.duplicate_entities.append(entity.get("label"))
        hit.add(gold_id)
    required = {g["id"] for g in gold["entities"] if not g.get("optional")}
    counts.entity_tp += len(hit)
    counts.entity_fp += len(counts.spurious_entities) + len(counts.duplicate_entities)
    counts.missed_entities = sorted(required - hit)
    counts.entity_fn += len(counts.missed_entities)
    return mapping


def relation_keys(relation: dict, mapping: dict[str, str]) -> tuple[list[tuple], bool]:
    """The gold-id keys of a predicted relation and whether they are unordered pairs."""
    rtype = relation.get("type")
    to_gold = lambda x: mapping.get(x) if x is not None else None  # noqa: E731
    if rtype in SYMMETRIC_TYPES or (relation.get("source") is None and relation.get("participants")):
        slots = members_of(relation.get("source"), relation.get("target"), relation.get("participants") or [])
        ids = sorted({to_gold(p) for p in slots if to_gold(p)})
        return [(rtype, a, b) for i, a in enumerate(ids) for b in ids[i + 1:]], True
    source, target = to_gold(relation.get("source")), to_gold(relation.get("target"))
    if source is None or (relation.get("target") is not None and target is None):
        return [], False
    return [(rtype, source, target)], False


def accepts(gold_relation: dict, key: tuple, unordered: bool) -> bool:
    """Whether a gold relation accepts a predicted key ``(type, a, b)`` in gold ids.

    A gold slot is a list of acceptable ids; symmetric gold relations (``participants``) accept
    either order, directed ones the key's order, or either when ``unordered``.
    """
    rtype, a, b = key
    if gold_relation["type"] != rtype:
        return False
    if "participants" in gold_relation:
        first, second = gold_relation["participants"][0], gold_relation["participants"][1]
        return (a in first and b in second) or (b in first and a in second)
    source, target = gold_relation["source"], gold_relation.get("target")
    if target is None:
        return a in source and b is None
    return (a in source and b in target) or (unordered and b in source and a in target)


def score_document(relations: list[dict], entities: list[dict], gold: dict) -> Counts:
    """Tallies of one document's predicted relations and entities (graph JSON records) against its gold file."""
    counts = Counts()
    mapping = match_entities(entities, gold, counts)
    gold_relations = gold["relations"]
    covered: set[int] = set()
    for relation in relations:
        keys, unordered = relation_keys(relation, mapping)
        tally = counts.by_type.setdefault(str(relation.get("type")), TypeCounts())
        if not keys:
            tally.wrong += 1
            counts.relations_wrong += 1
            counts.details.append(("FP", relation.get("type"), relation.get("source"), relation.get("target"),
                                   "unmapped"))
            continue
        for key in keys:
            hits = [i for i, g in enumerate(gold_relations) if accepts(g, key, unordered)]
            if not hits:
                tally.wrong += 1
                counts.relations_wrong += 1
                counts.details.append(("FP", *key))
                continue
            tally.correct += 1
            counts.relations_correct += 1
            covered.update(hits)
            predicted_class = MODALITY_CLASS.get(relation.get("modality"), "?")
            counts.modality_judged += 1
            if any(predicted_class in {MODALITY_CLASS[m] for m in gold_relations[i]["modality"]} for i in hits):
                counts.modality_ok += 1
            else:
                counts.details.append(("MODALITY", key, relation.get("modality")))
    required = [i for i, g in enumerate(gold_relations) if not g.get("optional")]
    counts.gold_relations += len(required)
    counts.gold_found += sum(1 for i in required if i in covered)
    for i in required:
        tally = counts.by_type.setdefault(str(gold_relations[i]["type"]), TypeCounts())
        tally.gold += 1
        tally.found += i in covered
    for i in required:
        if i not in covered:
            g = gold_relations[i]
            counts.details.append(("FN", g["type"], g.get("source") or g.get("participants"), g.get("target")))
    return counts


def document_for(graph: dict, gold_path: Path, gold: dict) -> str | None:
    """The id of the graph document a gold file annotates (by its text file's name)."""
    stem = Path(gold.get("text", gold_path)).stem.replace(".gold", "")
    documents = graph.get("documents") or []
    for document in documents:
        if stem in str(document.get("id", "")) or stem in str(document.get("source", "")):
            return document.get("id")
    return documents[0].get("id") if len(documents) == 1 else None


def evaluate(graph: dict, golds: list[tuple[Path, dict]]) -> tuple[Counts, list[tuple[Path, Counts]]]:
    """Micro-averaged counts over the gold files, and each file's counts."""
    total, per_file = Counts(), []
    for gold_path, gold in golds:
        doc_id = document_for(graph, gold_path, gold)
        relations = [r for r in graph.get("relations", [])
                     if doc_id is None or not r.get("evidence")
                     or any(ev.get("doc") == doc_id for ev in r["evidence"])]
        involved = {x for r in relations
                    for x in actors_of(r.get("source"), r.get("target"), r.get("participants") or []) if x}
        entities = [e for e in graph.get("entities", [])
                    if doc_id is None or e["id"] in involved or doc_id in (e.get("documents") or [doc_id])]
        counts = score_document(relations, entities, gold)
        total.add(counts)
        per_file.append((gold_path, counts))
    return total, per_file


def evaluate_files(graph_path: str | Path, gold_paths: list[str | Path]) -> tuple[Counts, list[tuple[Path, Counts]]]:
    """:func:`evaluate` on a graph.json and gold files read from disk.

    Raises
    ------
    OSError, json.JSONDecodeError
        When a file cannot be read or is no JSON.
    GraphFormatError
        When the graph or a gold file is not a JSON object whose ``entities`` and ``relations``
        are lists of objects (the extraction contract's shape; the graph may be any producer's).
    """
    from .errors import GraphFormatError

    graph = json.loads(Path(graph_path).read_text(encoding="utf-8"))
    golds = [(Path(p), json.loads(Path(p).read_text(encoding="utf-8"))) for p in gold_paths]
    for path, data in [(Path(graph_path), graph), *golds]:
        if not isinstance(data, dict) or not all(
                isinstance(data.get(key, []), list) and all(isinstance(r, dict) for r in data.get(key, []))
                for key in ("entities", "relations")):
            raise GraphFormatError(f"{path}: not a graph or gold file (expected a JSON object whose entities "
                                   "and relations are lists of objects)")
    return evaluate(graph, golds)


def by_type_table(counts: Counts) -> str:
    """The per-type table of ``score.py --by-type``: one line per relation type, most gold relations
    first, with gold, found, recall, correct, wrong and precision ("-" without gold or predictions).

    Examples
    --------
    >>> total = Counts(by_type={"visit": TypeCounts(correct=1, wrong=1, gold=4, found=1)})
    >>> print(by_type_table(total))  # doctest: +NORMALIZE_WHITESPACE
    type                    gold  found  recall  correct  wrong  precision
    visit                      4      1    0.25        1      1       0.50
    """
    lines = [f"{'type':22} {'gold':>5} {'found':>6} {'recall':>7} {'correct':>8} {'wrong':>6} {'precision':>10}"]
    for name in sorted(counts.by_type, key=lambda t: (-counts.by_type[t].gold, t)):
        t = counts.by_type[name]
        recall = f"{t.recall:.2f}" if t.recall is not None else "-"
        precision = f"{t.precision:.2f}" if t.precision is not None else "-"
        lines.append(f"{name:22} {t.gold:5} {t.found:6} {recall:>7} {t.correct:8} {t.wrong:6} {precision:>10}")
    return "\n".join(lines)


def by_type_json(counts: Counts) -> dict[str, dict]:
    """The per-type tallies as JSON-ready dicts: type -> gold, found, recall, correct, wrong, precision
    (recall and precision rounded to 3 places, None when undefined)."""
    return {name: {"gold": t.gold, "found": t.found,
                   "recall": None if t.recall is None else round(t.recall, 3),
                   "correct": t.correct, "wrong": t.wrong,
                   "precision": None if t.precision is None else round(t.precision, 3)}
            for name, t in sorted(counts.by_type.items())}
