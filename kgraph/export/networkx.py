"""The graph as a networkx MultiDiGraph: what analysts compute on."""
from __future__ import annotations

from dataclasses import asdict
from itertools import combinations

import networkx as nx

from ..model import SYMMETRIC_TYPES


def to_networkx(kg) -> nx.MultiDiGraph:
    """A node per entity; an edge per relation, keyed by relation id.

    A symmetric relation among n participants becomes one edge per pair (marked
    ``symmetric``); a relation with a source and no target (a launch) a self-loop.
    """
    graph = nx.MultiDiGraph(documents={d.id: {"title": d.title, "date": d.date, "source": d.source}
                                       for d in kg.documents})
    for e in kg.entities:
        graph.add_node(e.id, label=e.label, type=e.type, aliases=list(e.aliases), wikidata=e.wikidata,
                       country=e.country, documents=list(e.documents))
    for r in kg.relations:
        attrs = {"type": r.type, "modality": r.modality, "time": r.time, "attributed_to": r.attributed_to,
                 "location": r.location, "object": list(r.object), "confidence": r.confidence, "role": r.role,
                 "cameo": r.cameo, "plover": r.plover, "relation": r.id,
                 "evidence": [asdict(ev) for ev in r.evidence]}
        if r.type in SYMMETRIC_TYPES:
            for a, b in combinations(r.members(), 2):
                graph.add_edge(a, b, key=f"{r.id}:{a}:{b}", symmetric=True, **attrs)
        elif r.source is not None:
            graph.add_edge(r.source, r.target if r.target is not None else r.source, key=r.id,
                           symmetric=False, **attrs)
    return graph
