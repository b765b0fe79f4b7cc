"""The interactive HTML viewer: one self-contained, offline file, safe to open on untrusted news text.

The graph is laid out by vis-network, the library pyvis wraps: pyvis assembles the nodes, edges
and options, and its bundled copy of vis-network is inlined so no request ever leaves the page
(pyvis's own ``in_line`` template still links Bootstrap from a CDN, so we render our own page).
Article text is data, never markup: the whole graph travels as one JSON block in which ``<``,
``>`` and ``&`` are escaped, the page builds every label, tooltip and panel with ``textContent``,
and a Content-Security-Policy admits only the page's own two scripts, by hash.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pyvis.network import Network

from ..contest import contest_links
from ..dates import relation_date
from ..model import (
    MODALITIES,
    RELATION_TYPES,
    SYMMETRIC_TYPES,
    modality_class,
    vocabulary_order,
)

VIEWER_DIR = Path(__file__).with_name("viewer")
VIS_NETWORK_VERSION = "9.1.2"
#: Same seed, same picture: vis-network's initial placement is drawn from this seed.
DEFAULT_LAYOUT_SEED = 7
SIZE_BY = ("degree", "evidence")

#: Colour (Tableau 10, colour-blind safe) and vis-network shape of each entity type.
ENTITY_STYLE = {
    "Country": ("#4e79a7", "dot"),
    "Person": ("#f28e2b", "diamond"),
    "Organization": ("#59a14f", "square"),
    "Location": ("#b07aa1", "triangle"),
    "Event": ("#edc948", "star"),
    "Materiel": ("#9c755f", "triangleDown"),
    "Other": ("#bab0ac", "dot"),
}
#: Warm hues for force and coercion, greens for cooperation, blues for diplomacy.
RELATION_COLORS = {
    "arms_transfer": "#d62728",
    "technology_transfer": "#ff7f0e",
    "military_cooperation": "#2ca02c",
    "visit": "#1f77b4",
    "meeting": "#17becf",
    "request": "#9467bd",
    "agreement": "#7a9a01",
    "military_exercise": "#117733",
    "threat": "#e377c2",
    "armed_conflict": "#7f0000",
    "sanction": "#8c564b",
    "accusation": "#c2185b",
    "launch": "#404040",
    "official_of": "#9aa0a6",
}
OTHER_RELATION_COLOR = "#6b7280"
#: Line pattern by coarse modality class: solid facts, dashed futures, dotted doubts.
MODALITY_DASHES = {"factual": False, "future": [10, 6], "uncertain": [2, 5], "negated": [1, 8]}
#: The halo behind the edges of a contested claim (both sides), see kgraph.contest.
CONTESTED_HALO = {"enabled": True, "color": "rgba(245,158,11,0.55)", "size": 9, "dashes": False}

#: Above this many nodes the page trades polish for speed: Barnes-Hut instead of ForceAtlas2,
#: straight edges, no improved layout, edges hidden while dragging or zooming.
LARGE_GRAPH_NODES = 300
#: Stabilisation is bounded by a budget of node-iterations (an iteration costs about n log n), within
#: limits: up to 100 actors get 1,000 iterations, 1,000 actors 100, 2,000 actors and more 75.
ITERATION_BUDGET, ITERATION_LIMITS = 100_000, (75, 1000)
NODE_SIZE_MIN, NODE_SIZE_STEP, NODE_SIZE_MAX = 12.0, 5.0, 46.0
LABEL_MAX = 36
#: Edge labels start switched on up to this many edges (a checkbox toggles them).
EDGE_LABELS_MAX = 400


def to_html(kg, *, title: str | None = None, size_by: str = "degree", seed: int = DEFAULT_LAYOUT_SEED,
            show_negated: bool = False) -> str:
    """The graph as one HTML page: same graph and options, byte-identical page and the same layout.

    ``size_by`` scales actors by their number of relations ("degree") or by the number of evidence
    sentences behind them ("evidence"); negated relations are drawn only when ``show_negated``.
    The edges of a contested claim (:mod:`kgraph.contest`) carry an amber halo and "contested" in
    their label, whichever side is drawn; the details panel of either side lists the other side
    with its evidence, and "only contested claims" shows just them, negated sides included.
    """
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_BY)}, not {size_by!r}")
    title = title or _default_title(kg)
    payload = _payload(kg, size_by=size_by, seed=seed, show_negated=show_negated)
    assets = _assets()
    app_js = assets["app.js"]
    vis_js = assets["vis-network.min.js"]
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src {_script_hash(vis_js)} {_script_hash(app_js)}; "
           "base-uri 'none'; form-action 'none'")
    return _template().render(
        title=title, csp=csp, data_json=_json_for_script(payload), vis_css=assets["vis-network.css"],
        vis_js=vis_js, app_css=assets["app.css"], app_js=app_js, vis_version=VIS_NETWORK_VERSION)


def notebook_iframe(html_page: str, height: int = 600) -> str:
    """An ``<iframe srcdoc>`` that shows a page inline in JupyterLab, the classic Notebook and VS Code.

    ``srcdoc`` carries the page itself, so no front end has to reach a file; the sandbox lets its
    scripts run and its source links open, but gives it no access to the notebook's origin.
    """
    return (f'<iframe srcdoc="{html.escape(html_page, quote=True)}" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #d0d7de;border-radius:4px" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
            'referrerpolicy="no-referrer" loading="eager"></iframe>')



def _default_title(kg) -> str:
    if len(kg.documents) == 1 and kg.documents[0].title:
        return kg.documents[0].title
    return f"kgraph: {len(kg.documents)} documents"


def _payload(kg, *, size_by: str, seed: int, show_negated: bool) -> dict:
    """Everything the page needs, in a stable order: vis-network data and options, plus details."""
    entity_ids = {e.id for e in kg.entities}
    documents = {d.id: d for d in kg.documents}
    keys = _relation_keys(kg.relations)
    links = contest_links(kg.relations)
    key_of = {}
    for relation, key in zip(kg.relations, keys):
        key_of.setdefault(relation.id, key)
    contested = {key: [key_of[other] for other in links[r.id]] for r, key in zip(kg.relations, keys) if r.id in links}
    pairs = [(r, key, a, b) for r, key in zip(kg.relations, keys) for a, b in _endpoint_pairs(r)
             if a in entity_ids and b in entity_ids]
    large = len(kg.entities) > LARGE_GRAPH_NODES
    weights = _node_weights(kg, pairs, size_by)
    # Entities in no drawn relation (often materiel or places) stay out of the physics and, when the
    # graph has edges at all, start hidden: they would only push the connected actors apart.
    connected = {x for _r, _key, a, b in pairs for x in (a, b)}
    hide_isolated = bool(pairs)

    net = Network(directed=True)
    for entity in kg.entities:
        etype = _entity_type(entity)
        colour, shape = ENTITY_STYLE[etype]
        isolated = entity.id not in connected
        net.add_node(entity.id, label=_short(entity.label), shape=shape, etype=etype,
                     physics=not isolated, hidden=isolated and hide_isolated,
                     size=round(min(NODE_SIZE_MAX, NODE_SIZE_MIN + NODE_SIZE_STEP * math.sqrt(weights[entity.id])), 2),
                     color={"background": colour, "border": _darker(colour),
                            "highlight": {"background": colour, "border": "#111827"},
                            "hover": {"background": colour, "border": "#111827"}})
    parallel = Counter()
    for relation, key, a, b in pairs:
        pair = (min(a, b), max(a, b))
        rank = parallel[pair]
        parallel[pair] += 1
        net.add_edge(a, b, **_edge(relation, key, a, b, rank, reversed_pair=a > b, large=large,
                                   contested=key in contested))
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()

    present_types = Counter(r.type for r, _key, _a, _b in pairs)
    present_modalities = Counter(r.modality for r, _key, _a, _b in pairs)
    entity_types = Counter(_entity_type(e) for e in kg.entities)
    return {
        "showNegated": show_negated,
        "hideIsolated": hide_isolated,
        "edgeLabels": len(pairs) <= EDGE_LABELS_MAX,
        # one per (claim, denial) pair, as kg.contested() counts them
        "contestedClaims": sum(len(contested[key]) for r, key in zip(kg.relations, keys)
                               if key in contested and modality_class(r.modality) != "negated"),
        "nodes": nodes,
        "edges": [{**e, "hidden": e["modality"] == "negated" and not show_negated} for e in edges],
        "options": _vis_options(seed=seed, large=large, node_count=len(nodes)),
        "entities": {e.id: {"label": e.label, "type": e.type, "aliases": list(e.aliases), "wikidata": e.wikidata,
                            "country": e.country, "documents": list(e.documents)} for e in kg.entities},
        "relations": {key: {"type": r.type, "source": r.source, "target": r.target,
                             "participants": list(r.participants), "modality": r.modality,
                             "attributed_to": r.attributed_to, "time": r.time, "when": relation_date(r, documents)[0],
                             "location": r.location, "object": list(r.object), "confidence": r.confidence,
                             "role": r.role, "cameo": r.cameo, "plover": r.plover,
                             "evidence": [{"doc": ev.doc, "sentence": ev.sentence, "trigger": ev.trigger}
                                          for ev in r.evidence],
                             **({"contested_by": contested[key]} if key in contested else {})}
                      for r, key in zip(kg.relations, keys)},
        "documents": {d.id: {"title": d.title, "date": d.date, "source": d.source, "author": d.author}
                      for d in kg.documents},
        "legend": {
            "entityTypes": [{"name": t, "color": ENTITY_STYLE[t][0], "shape": ENTITY_STYLE[t][1],
                             "count": entity_types[t]} for t in ENTITY_STYLE if entity_types[t]],
            "relationTypes": [{"name": t, "color": RELATION_COLORS.get(t, OTHER_RELATION_COLOR),
                               "directed": t not in SYMMETRIC_TYPES, "count": present_types[t]}
                              for t in vocabulary_order(present_types, RELATION_TYPES)],
            "modalities": [{"name": m, "class": modality_class(m), "dashes": MODALITY_DASHES[modality_class(m)],
                            "count": present_modalities[m]} for m in vocabulary_order(present_modalities, MODALITIES)],
        },
    }


def _entity_type(entity) -> str:
    return entity.type if entity.type in ENTITY_STYLE else "Other"


def _relation_keys(relations) -> list[str]:
    """Relation ids made unique: an unmerged graph may hold two reports of the same relation."""
    seen: Counter = Counter()
    keys = []
    for relation in relations:
        seen[relation.id] += 1
        keys.append(relation.id if seen[relation.id] == 1 else f"{relation.id}#{seen[relation.id]}")
    return keys


def _undirected(relation) -> bool:
    """Symmetric by type, or with participants and no source to point from."""
    return relation.type in SYMMETRIC_TYPES or relation.source is None


def _endpoint_pairs(relation) -> list[tuple[str, str]]:
    """The edges a relation is drawn as: one per participant pair, source->target, or a launch loop."""
    if _undirected(relation):
        members = sorted(set(relation.actors()))
        return list(combinations(members, 2))
    return [(relation.source, relation.target if relation.target is not None else relation.source)]


def _node_weights(kg, pairs, size_by: str) -> dict[str, float]:
    """Degree over the drawn, non-negated edges, or the evidence sentences of an actor's relations."""
    weights: dict[str, float] = defaultdict(float)
    if size_by == "degree":
        for relation, _key, a, b in pairs:
            if relation.modality != "negated":
                weights[a] += 1
                weights[b] += a != b
    else:
        for relation in kg.relations:
            for member in {x for pair in _endpoint_pairs(relation) for x in pair}:
                weights[member] += len(relation.evidence)
    return weights


def _edge(relation, key: str, a: str, b: str, rank: int, *, reversed_pair: bool, large: bool,
          contested: bool = False) -> dict:
    """vis-network options of one drawn edge; parallel edges of a pair fan out on alternate sides;
    a contested one has a halo and says so in its label."""
    colour = RELATION_COLORS.get(relation.type, OTHER_RELATION_COLOR)
    coarse = modality_class(relation.modality)
    confidence = relation.confidence if isinstance(relation.confidence, (int, float)) else 0.5
    edge = {
        "id": f"{key}:{a}:{b}",
        "rel": key,
        "rtype": relation.type,
        "modality": relation.modality,
        "label": relation.type.replace("_", " "),
        "arrows": "" if _undirected(relation) else "to",
        "dashes": MODALITY_DASHES[coarse],
        "width": round(1.0 + 2.0 * max(0.0, min(1.0, confidence)), 2),
        "color": {"color": colour, "highlight": colour, "hover": colour,
                  "opacity": 0.45 if coarse == "negated" else 0.9},
    }
    if contested:
        edge["contested"] = True
        edge["label"] += " (contested)"
        edge["background"] = dict(CONTESTED_HALO)
    if rank:
        clockwise = (rank % 2 == 1) != reversed_pair
        edge["smooth"] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                          "roundness": round(0.25 * ((rank + 1) // 2), 2)}
    elif large:
        edge["smooth"] = False
    return edge


def _vis_options(*, seed: int, large: bool, node_count: int) -> dict:
    """Physics tuned to settle quickly, with a bounded number of stabilisation iterations."""
    low, high = ITERATION_LIMITS
    iterations = max(low, min(high, ITERATION_BUDGET // max(1, node_count)))
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": not large},
        "physics": {
            "enabled": node_count > 0,
            "solver": "barnesHut" if large else "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -90, "centralGravity": 0.012, "springLength": 140,
                                 "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 0.6},
            # theta 0.8: a coarser Barnes-Hut approximation, about twice as fast per iteration at 2,000 nodes.
            "barnesHut": {"theta": 0.8, "gravitationalConstant": -9000, "centralGravity": 0.35, "springLength": 160,
                          "springConstant": 0.03, "damping": 0.35, "avoidOverlap": 0.1},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"size": 15, "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                           "color": "#1f2937", "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"selectionWidth": 2, "hoverWidth": 1,
                  "arrows": {"to": {"scaleFactor": 0.6}},
                  "smooth": {"enabled": not large, "type": "continuous", "roundness": 0.4},
                  "font": {"size": 11, "align": "middle", "color": "#4b5563", "strokeWidth": 3,
                           "strokeColor": "#ffffff", "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"}},
    }


def _short(label: str) -> str:
    """A canvas label that cannot sprawl over its neighbours; tooltip and panel show it whole."""
    return label if len(label) <= LABEL_MAX else label[:LABEL_MAX - 1].rstrip() + "\u2026"


def _darker(colour: str, factor: float = 0.72) -> str:
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{int(c * factor):02x}" for c in channels)


def _json_for_script(data) -> str:
    """JSON that cannot end its ``<script>`` element or open markup, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network as pyvis ships it, and the viewer's own script and style."""
    import pyvis

    vis_dir = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_NETWORK_VERSION}"
    assets = {name: (vis_dir / name).read_text(encoding="utf-8") for name in ("vis-network.min.js", "vis-network.css")}
    assets.update({name: (VIEWER_DIR / name).read_text(encoding="utf-8") for name in ("app.js", "app.css")})
    for name in ("vis-network.min.js", "app.js"):
        if "</script" in assets[name].lower():
            raise ValueError(f"{name} cannot be inlined: it contains '</script'")
    return assets


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=FileSystemLoader(VIEWER_DIR), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    return env.get_template("page.html")
