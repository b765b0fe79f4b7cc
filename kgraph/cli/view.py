"""``kgraph view GRAPH [--focus NAME --depth N --types T,... --since DATE] --out view.html``.

Writes the interactive viewer for a graph kgraph exported, or for the part of it an analyst asks
about: the neighbourhood of some actors, some relation types, some modalities, a time window.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
import webbrowser
from collections import deque
from pathlib import Path

from ..model import MODALITIES, RELATION_TYPES

ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class FocusError(LookupError):
    """A --focus name that no entity carries as its label or an alias."""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "view", help="write the interactive HTML viewer of a graph, or of part of it",
        description="Write a self-contained HTML page (opens offline) showing GRAPH, optionally narrowed to "
                    "the neighbourhood of some actors, some relation types or modalities and a time window.")
    parser.add_argument("graph", type=Path, metavar="GRAPH", help="graph.json (or an RDF export) kgraph wrote")
    parser.add_argument("--out", "-o", type=Path, default=Path("view.html"), help="output page (default: view.html)")
    parser.add_argument("--focus", action="append", default=[], metavar="NAME",
                        help="an actor's label or alias, e.g. \"North Korea\" or DPRK (repeatable)")
    parser.add_argument("--depth", type=int, default=1,
                        help="with --focus: how many relation hops around the focus to keep (default: 1)")
    parser.add_argument("--types", help=f"comma-separated relation types among {', '.join(RELATION_TYPES)}")
    parser.add_argument("--modalities", help=f"comma-separated modalities among {', '.join(MODALITIES)}")
    parser.add_argument("--since", help="keep relations on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--until", help="keep relations on or before this date")
    parser.add_argument("--size-by", choices=("degree", "evidence"), default="degree",
                        help="scale actors by their number of relations or of evidence sentences (default: degree)")
    parser.add_argument("--show-negated", action="store_true", help="draw negated relations (hidden by default)")
    parser.add_argument("--seed", type=int, help="layout seed (same seed, same picture)")
    parser.add_argument("--title", help="page title (default: the document title or a count)")
    parser.add_argument("--open", action="store_true", help="open the page in the default browser")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..export import write_atomic
    from ..export.html import DEFAULT_LAYOUT_SEED, to_html
    from ..export.json import read_graph

    try:
        types = _choices(args.types, RELATION_TYPES, "relation type")
        modalities = _choices(args.modalities, MODALITIES, "modality")
        for flag, value in (("--since", args.since), ("--until", args.until)):
            if value and not ISO_PREFIX.match(value):
                raise ValueError(f"{flag} {value!r} is not a date like 2024, 2024-06 or 2024-06-14")
        if args.depth < 0:
            raise ValueError("--depth must be 0 or more")
    except ValueError as error:
        print(f"kgraph: {error}", file=sys.stderr)
        return 2
    if not args.graph.exists():
        print(f"kgraph: no such graph: {args.graph}", file=sys.stderr)
        return 2
    kg = read_graph(args.graph)
    try:
        view = sub_view(kg, focus=args.focus, depth=args.depth, types=types, modalities=modalities,
                        since=args.since, until=args.until)
    except FocusError as error:
        print(f"kgraph: {error}", file=sys.stderr)
        return 1
    page = to_html(view, title=args.title, size_by=args.size_by, show_negated=args.show_negated,
                   seed=DEFAULT_LAYOUT_SEED if args.seed is None else args.seed)
    path = write_atomic(args.out, page)
    if not args.quiet:
        print(f"kgraph: {len(view.entities)} entities, {len(view.relations)} relations -> {path}", file=sys.stderr)
    if args.open:
        webbrowser.open(path.resolve().as_uri())
    return 0


def sub_view(kg, *, focus: list[str] | None = None, depth: int = 1, types: list[str] | None = None,
             modalities: list[str] | None = None, since: str | None = None, until: str | None = None):
    """The part of ``kg`` an analyst asked for, as a KnowledgeGraph of the same records.

    Relations are kept by type, modality and time (their own time, else their earliest document's
    date; undated ones drop out of a time window); with ``focus``, only those within ``depth`` hops
    of the focus actors. Without any narrowing every entity stays; with it, the actors the kept
    relations touch, plus the focus.
    """
    from ..export.html import relation_when
    from ..graph import KnowledgeGraph

    documents = {d.id: d for d in kg.documents}
    relations = [r for r in kg.relations
                 if (not types or r.type in types) and (not modalities or r.modality in modalities)
                 and _in_window(relation_when(r, documents), since, until)]
    narrowed = bool(focus or types or modalities or since or until)
    if focus:
        kept_ids = _neighbourhood(_resolve_focus(kg, focus), relations, depth)
        relations = [r for r in relations if len(_members(r) & kept_ids) >= min(2, len(_members(r)))]
    elif narrowed:
        kept_ids = {m for r in relations for m in _members(r)}
    else:
        kept_ids = {e.id for e in kg.entities}
    entities = [e for e in kg.entities if e.id in kept_ids]
    used_docs = {ev.doc for r in relations for ev in r.evidence} | {d for e in entities for d in e.documents}
    return KnowledgeGraph(documents=[d for d in kg.documents if d.id in used_docs or not narrowed],
                          entities=entities, relations=relations)


def _choices(text: str | None, allowed: tuple[str, ...], what: str) -> list[str] | None:
    if not text:
        return None
    chosen = [t.strip() for t in text.split(",") if t.strip()]
    unknown = [t for t in chosen if t not in allowed]
    if unknown:
        raise ValueError(f"unknown {what}(s) {', '.join(unknown)}; choose among {', '.join(allowed)}")
    return chosen


def _in_window(when: str | None, since: str | None, until: str | None) -> bool:
    """Whether a partial ISO date (or range "A/B") overlaps [since, until]; undated: only without a window."""
    if not since and not until:
        return True
    if not when:
        return False
    parts = when.split("/")
    start, end = _bound(parts[0], end=False), _bound(parts[-1], end=True)
    if start is None or end is None:
        return False
    return (not since or end >= _bound(since, end=False)) and (not until or start <= _bound(until, end=True))


def _bound(text: str, *, end: bool) -> str | None:
    """The first or last day a partial ISO date covers, as a comparable string."""
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{month or ('12' if end else '01')}-{day or ('31' if end else '01')}"


def _fold(name: str) -> str:
    """Names compared the way the scorer does: lower case, no punctuation, no leading "the"."""
    folded = " ".join(re.sub(r"[^\w]+", " ", name.lower()).split())
    return folded[4:] if folded.startswith("the ") else folded


def _resolve_focus(kg, names: list[str]) -> set[str]:
    """Entity ids named by labels (preferred) or aliases; a name nobody carries is an error."""
    found: set[str] = set()
    for name in names:
        key = _fold(name)
        by_label = {e.id for e in kg.entities if _fold(e.label) == key}
        by_alias = {e.id for e in kg.entities if any(_fold(a) == key for a in e.aliases)}
        if not (by_label or by_alias):
            known = sorted({e.label for e in kg.entities} | {a for e in kg.entities for a in e.aliases})
            close = difflib.get_close_matches(name, known, n=5, cutoff=0.5)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise FocusError(f"no entity is called {name!r}{hint}")
        found |= by_label or by_alias
    return found


def _members(relation) -> set[str]:
    return {x for x in (relation.source, relation.target, *relation.participants) if x}


def _neighbourhood(seeds: set[str], relations, depth: int) -> set[str]:
    """Entities within ``depth`` hops of the seeds, a relation linking all its members."""
    adjacency: dict[str, set[str]] = {}
    for relation in relations:
        members = _members(relation)
        for member in members:
            adjacency.setdefault(member, set()).update(members - {member})
    distance = {seed: 0 for seed in seeds}
    queue = deque(seeds)
    while queue:
        node = queue.popleft()
        if distance[node] == depth:
            continue
        for neighbour in sorted(adjacency.get(node, ())):
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                queue.append(neighbour)
    return set(distance)
