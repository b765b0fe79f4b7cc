"""The dyad matrix: actors x actors, cells counting relations by type or modality class (who does what to whom)."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..export.html import RELATION_COLORS
from ..model import (
    RELATION_TYPES,
    SYMMETRIC_TYPES,
    Entity,
    Relation,
    modality_class,
    vocabulary_order,
)
from .common import (
    DYAD_BY,
    MODALITY_CLASSES,
    MODALITY_COLORS,
    TOP_DYAD_ACTORS,
    PlotFigure,
    _check_choice,
    _check_top,
    _check_types,
    _count_colormap,
    _integer_ticks,
    _labels,
    _nothing_to_draw,
    _resolve_actors,
)

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph


def dyad_matrix(kg: KnowledgeGraph, *, by: str = "type", actors: Iterable[Entity | str] | None = None,
                top: int = TOP_DYAD_ACTORS, types: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Who does what to whom: relations counted by source actor, target actor and type (or modality class).

    A directed relation counts once, in its source's row and its target's column; one with no
    target (a launch) is no dyad and does not count. A symmetric relation (meeting, agreement,
    military cooperation, military exercise) counts once for every ordered pair of its
    participants, so its cells are mirrored: a meeting of A and B is in (A, B) and in (B, A), and
    the matrix of a symmetric type is symmetric.

    Parameters
    ----------
    kg : KnowledgeGraph
    by : "type" or "modality"
        Break the counts down by relation type, or by modality class (factual, future,
        uncertain, negated).
    actors : names or entities, optional
        The actors of the rows and columns, in this order (labels, aliases or ids). Relations
        with actors outside them are left out: to see everyone one actor deals with, cut the
        graph first (``kg.subgraph(entities=["North Korea"])``).
    top : int
        Without ``actors``, the ``top`` actors in most dyads (of the chosen types), most first,
        ties by label.
    types : relation type or types, optional
        Count only these types.

    Returns
    -------
    pandas.DataFrame
        Rows indexed by (``by`` value, source label), one column per target label (column axis
        named "target"), integer counts. ``m.loc["arms_transfer"]`` is the actors x actors matrix
        of arms transfers, ``m.groupby(level="source", sort=False).sum()`` the total. Only the
        types (or classes) with a counted relation appear, in the vocabulary's order. Two actors
        with the same label are told apart by their id: "Seoul (seoul)".

    Raises
    ------
    UsageError
        An unknown ``by``, relation type or actor name, or a ``top`` below 1.

    Examples
    --------
    >>> from kgraph import Entity, Relation
    >>> from kgraph.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph(entities=[Entity("A", "Atlantis", "Country"), Entity("B", "Borduria", "Country")],
    ...                     relations=[Relation("sanction", source="A", target="B"),
    ...                                Relation("meeting", participants=["A", "B"], modality="planned")])
    >>> dyad_matrix(kg).loc["meeting"]
    target    Atlantis  Borduria
    source
    Atlantis         0         1
    Borduria         1         0
    >>> int(dyad_matrix(kg, by="modality").loc[("factual", "Atlantis"), "Borduria"])
    1
    """
    _check_choice(by, DYAD_BY, "by")
    chosen_types = _check_types(types)
    _check_top(top)
    pairs = [(r.type if by == "type" else modality_class(r.modality), a, b) for r in kg.relations
             if chosen_types is None or r.type in chosen_types for a, b in _dyads(r)]
    if actors is not None:
        order = _resolve_actors(kg, actors)
    else:
        labels = _labels(kg)
        involvement = Counter(a for _, s, t in pairs for a in {s, t})
        order = sorted(involvement, key=lambda a: (-involvement[a], labels.get(a, a), a))[:top]
    wanted = set(order)
    pairs = [p for p in pairs if p[1] in wanted and p[2] in wanted]
    labels = _labels(kg, order)
    names = [labels[a] for a in order]
    counts = Counter(pairs)
    categories = vocabulary_order(Counter(c for c, _, _ in pairs), RELATION_TYPES if by == "type" else MODALITY_CLASSES)
    level = "type" if by == "type" else "modality_class"
    index = pd.MultiIndex.from_product([categories, names], names=[level, "source"])
    data = [[counts[(c, s, t)] for t in order] for c in categories for s in order]
    return pd.DataFrame(np.array(data, dtype=int).reshape(len(index), len(order)), index=index,
                        columns=pd.Index(names, name="target"))


def plot_dyads(kg: KnowledgeGraph, *, by: str = "type", actors: Iterable[Entity | str] | None = None,
               top: int = TOP_DYAD_ACTORS, types: str | Iterable[str] | None = None) -> Figure:
    """The dyad matrix as heatmaps: one panel per relation type (or modality class), sources down, targets across.

    Draws exactly :func:`dyad_matrix` (same parameters): panel ``i`` is ``m.loc[category_i]``,
    one image whose array is that matrix (zero cells masked, left white), each non-zero cell
    labelled with its count. All panels share one colour scale and one actor order, so the
    same cell in two panels is the same pair.

    Parameters
    ----------
    kg, by, actors, top, types
        As in :func:`dyad_matrix`.

    Returns
    -------
    matplotlib.figure.Figure
        One Axes per category, titled by it (in the order of the DataFrame), then the colour
        bar's Axes. Without any dyad to count, a figure that says so.

    Raises
    ------
    UsageError
        As :func:`dyad_matrix`.

    Examples
    --------
    >>> fig = kg.plot_dyads(by="modality")               # doctest: +SKIP
    >>> fig.savefig("dyads.png", dpi=150)                # doctest: +SKIP
    """
    matrix = dyad_matrix(kg, by=by, actors=actors, top=top, types=types)
    what = "relation type" if by == "type" else "modality class"
    if matrix.empty or not matrix.to_numpy().any():
        return _nothing_to_draw("Who does what to whom", "no relation links two actors"
                                + (" among those chosen" if actors is not None or types is not None else ""))
    categories = list(dict.fromkeys(matrix.index.get_level_values(0)))
    names = list(matrix.columns)
    n = len(names)
    k = len(categories)
    ncols = k if k <= 3 else min(4 if n <= 8 else 3 if n <= 14 else 2, math.ceil(math.sqrt(k)))
    nrows = math.ceil(len(categories) / ncols)
    label_room = 0.075 * max(len(x) for x in names) + 0.3
    cell = 0.32
    panel = cell * n + 0.5
    fig = PlotFigure(figsize=(ncols * panel + label_room + 1.3, nrows * (panel + 0.35) + label_room + 0.6),
                     layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    vmax = int(matrix.to_numpy().max())
    cmap = _count_colormap()
    image, used = None, []
    for i, ax in enumerate(axes.flat):
        if i >= len(categories):
            ax.remove()
            continue
        used.append(ax)
        category = categories[i]
        values = matrix.loc[category].to_numpy()
        image = ax.imshow(np.ma.masked_equal(values, 0), cmap=cmap, vmin=0.5, vmax=max(vmax, 1) + 0.5,
                          aspect="equal", interpolation="nearest")
        ax.set_title(category, fontsize=10, color=RELATION_COLORS.get(category, "black") if by == "type"
                     else MODALITY_COLORS.get(category, "black"), fontweight="bold")
        for (row, column), value in np.ndenumerate(values):
            if value:
                ax.text(column, row, str(value), ha="center", va="center", fontsize=7,
                        color="white" if value > vmax / 2 else "black")
        ax.set_xticks(range(n))
        ax.set_yticks(range(n))
        below = i + ncols < len(categories)
        left = i % ncols == 0
        ax.set_xticklabels(names if not below else [], rotation=90, fontsize=8)
        ax.set_yticklabels(names if left else [], fontsize=8)
        ax.tick_params(length=0)
        ax.set_xticks(np.arange(-0.5, n, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, n, 1), minor=True)
        ax.grid(which="minor", color="#e5e5e5", linewidth=0.5)
        ax.tick_params(which="minor", length=0)
        if left:
            ax.set_ylabel("source (who)", fontsize=9)
        if not below:
            ax.set_xlabel("target (to whom)", fontsize=9)
    colorbar = fig.colorbar(image, ax=used,
                            shrink=min(1.0, 3.5 / (nrows * (panel + 0.35))), aspect=25, pad=0.02)
    colorbar.set_label("relations")
    colorbar.set_ticks(_integer_ticks(vmax))
    fig.suptitle(f"Who does what to whom: relations between {n} actors, by {what}", fontsize=12)
    return fig


def _dyads(r: Relation) -> list[tuple[str, str]]:
    """The ordered (source, target) pairs a relation counts for: one if directed, every pair if symmetric."""
    if r.type in SYMMETRIC_TYPES:
        actors = r.actors()
        return [(a, b) for a in actors for b in actors if a != b]
    if r.source is not None and r.target is not None:
        return [(r.source, r.target)]
    return []


# -- timeline ----------------------------------------------------------------------------------------
