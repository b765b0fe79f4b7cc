"""Static plots for the questions analysts ask: who does what to whom, what happened when, how sure the news is.

Each plot comes in two parts: a function returning the data as a pandas DataFrame, and a
``plot_*`` function drawing exactly that data as a :class:`matplotlib.figure.Figure`:

============================  ===========================  ==============================================
data                          figure                       question
============================  ===========================  ==============================================
:func:`dyad_matrix`           :func:`plot_dyads`           who does what to whom (actors x actors)
:func:`event_timeline`        :func:`plot_timeline`        which relations, when (coloured by type)
:func:`modality_by_period`    :func:`plot_modality`        how much is factual, future, uncertain, negated
============================  ===========================  ==============================================

The same functions are methods of the graph: ``kg.plot_dyads()``, ``kg.plot_timeline()``,
``kg.plot_modality()``; each works with no arguments, on the whole graph. To plot part of a graph,
cut it first: ``kg.subgraph(since="2024-06", entities=["North Korea"]).plot_dyads()``.

Figures are built with matplotlib's object API (:class:`~matplotlib.figure.Figure`, no pyplot state):
they render headless, are not kept alive by a global figure manager, and save with
``fig.savefig("dyads.png")``. In Jupyter, a figure returned by the last line of a cell shows as a
picture (a :class:`PlotFigure` is a Figure with a PNG display of its own). The same graph gives
the same figure: actors, types and periods are in a fixed order and relation types take the
colours of the HTML viewer. A graph with nothing to draw gives a figure that
says so; an argument that makes no sense raises :class:`kgraph.errors.UsageError`.

A relation's date is its own when the text gives one, else the date of the earliest article that
reports it (as in :meth:`KnowledgeGraph.timeline`). A partial date is a span ("2024-06" is all of
June, "2024-06/2024-08" the summer); plots place it on its first day.
"""
from __future__ import annotations

import datetime as dt
import io
import math
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .errors import UsageError
from .export.html import OTHER_RELATION_COLOR, RELATION_COLORS
from .dates import date_range as _date_range
from .graph import _actors_text, _plural, _when
from .model import MODALITY_CLASS, RELATION_TYPES, SYMMETRIC_TYPES, Entity, Relation

if TYPE_CHECKING:
    from .graph import KnowledgeGraph

#: The coarse modality classes, in the order plots stack and list them.
MODALITY_CLASSES = tuple(dict.fromkeys(MODALITY_CLASS.values()))  # factual, future, uncertain, negated
#: Colour of each modality class (Tableau 10, colour-blind safe): facts blue, futures orange, doubts purple.
MODALITY_COLORS = {"factual": "#4e79a7", "future": "#f28e2b", "uncertain": "#b07aa1", "negated": "#9d9d9d"}
#: Marker of each modality class on the timeline: dot for facts, a forward triangle for futures,
#: a diamond for doubts, a cross for negations.
MODALITY_MARKERS = {"factual": "o", "future": ">", "uncertain": "D", "negated": "X"}
DYAD_BY = ("type", "modality")
TIMELINE_LANES = ("type", "actor")
PERIODS = ("month", "quarter", "year")
WHEN = ("relation", "article")
#: Default number of actors in a dyad matrix and of actor lanes on a timeline.
TOP_DYAD_ACTORS = 20
TOP_TIMELINE_ACTORS = 12
EVENT_TIMELINE_COLUMNS = ("lane", "when", "dated_by", "start", "end", "type", "modality", "modality_class", "actors",
                    "id")


class PlotFigure(Figure):
    """A :class:`matplotlib.figure.Figure` that also shows itself as a PNG in Jupyter, without pyplot.

    A figure made outside pyplot has no notebook display of its own until the inline backend is
    set up (``%matplotlib inline`` or importing pyplot); this one needs neither. Everything else
    is matplotlib's: ``fig.savefig("plot.svg")``, ``fig.axes``, ...
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
        return buffer.getvalue()


# -- dyads -------------------------------------------------------------------------------------------


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
    pairs = [(r.type if by == "type" else _modality_class(r), a, b) for r in kg.relations
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
    categories = _ordered(Counter(c for c, _, _ in pairs), RELATION_TYPES if by == "type" else MODALITY_CLASSES)
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


def event_timeline(kg: KnowledgeGraph, *, actors: Iterable[Entity | str] | None = None,
                   types: str | Iterable[str] | None = None, lanes: str | None = None,
                   include_members: bool = False, top: int = TOP_TIMELINE_ACTORS) -> pd.DataFrame:
    """The relations of the chosen actors or types, with their dates, one row per point of the timeline.

    Parameters
    ----------
    kg : KnowledgeGraph
    actors : names or entities, optional
        Keep the relations these actors take part in (labels, aliases or ids).
    types : relation type or types, optional
        Keep these relation types.
    lanes : "type" or "actor", optional
        What the rows of the timeline are. "type": one lane per relation type, every relation
        once. "actor": one lane per actor (the chosen ones, in their order, else the ``top``
        actors in most relations), a relation in the lane of each of them it involves (a meeting
        of two of them shows twice). Default: "actor" when ``actors`` are given, else "type".
    include_members : bool
        The relations of an actor's people and organisations (entities whose ``country`` it is:
        its president, its ministry) count as its own, as in :meth:`KnowledgeGraph.timeline`:
        they go in its lane, and with type lanes they are kept with its relations.
    top : int
        How many actor lanes without ``actors``.

    Returns
    -------
    pandas.DataFrame
        Columns ``lane`` (a relation type or an actor label), ``when`` (the date as written: the
        relation's own, else its earliest article's), ``dated_by`` ("text" or "document"),
        ``start`` and ``end`` (the first and last day ``when`` can mean, pandas Timestamps; NaT
        when undated), ``type``, ``modality``, ``modality_class``, ``actors`` (readable, "North
        Korea → Russia") and the relation ``id``. Rows go lane by lane (in lane order), oldest
        first within a lane, undated last. The lane order is in ``df.attrs["lanes"]``.

    Raises
    ------
    UsageError
        An unknown relation type, lane kind or actor name, or a ``top`` below 1.

    Examples
    --------
    >>> from kgraph import Document, Entity, Evidence, Relation
    >>> from kgraph.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph(documents=[Document("d1", "...", date="2024-06-20")],
    ...                     entities=[Entity("A", "Atlantis", "Country"), Entity("B", "Borduria", "Country")],
    ...                     relations=[Relation("visit", source="A", target="B", time="2024-06-19"),
    ...                                Relation("sanction", source="B", target="A",
    ...                                         evidence=[Evidence("d1", "...", 0, 3)])])
    >>> event_timeline(kg)[["lane", "when", "dated_by", "modality_class"]]
           lane        when  dated_by modality_class
    0     visit  2024-06-19      text        factual
    1  sanction  2024-06-20  document        factual
    """
    chosen_types = _check_types(types)
    _check_top(top)
    if lanes is None:
        lanes = "actor" if actors is not None else "type"
    _check_choice(lanes, TIMELINE_LANES, "lanes")
    index = {e.id: e for e in kg.entities}
    documents = {d.id: d for d in kg.documents}
    relations = [(position, r) for position, r in enumerate(kg.relations)
                 if chosen_types is None or r.type in chosen_types]
    chosen = _resolve_actors(kg, actors) if actors is not None else None
    if chosen is not None:
        wanted = set(chosen)
        if include_members:
            wanted |= {e.id for e in kg.entities if e.country in wanted}
        relations = [(p, r) for p, r in relations if wanted & set(r.actors())]
    if lanes == "type":
        lane_order = _ordered(Counter(r.type for _, r in relations), RELATION_TYPES)
        points = [(r.type, p, r) for p, r in relations]
    else:
        if chosen is None:
            degree = Counter(a for _, r in relations for a in r.actors())
            label = _labels(kg)
            chosen = sorted(degree, key=lambda a: (-degree[a], label.get(a, a), a))[:top]
        members = {a: {a} | ({e.id for e in kg.entities if e.country == a} if include_members else set())
                   for a in chosen}
        labels = _labels(kg, chosen)
        lane_order = [labels[a] for a in chosen]
        points = [(labels[a], p, r) for a in chosen for p, r in relations if members[a] & set(r.actors())]
    lane_number = {lane: i for i, lane in enumerate(lane_order)}
    rows = []
    for lane, position, r in points:
        when, dated_by = _when(r, documents)
        span = _date_range(when)
        rows.append(((lane_number[lane], *_sort_key(span), position), {
            "lane": lane, "when": when, "dated_by": dated_by,
            "start": pd.Timestamp(span[0]) if span else pd.NaT, "end": pd.Timestamp(span[1]) if span else pd.NaT,
            "type": r.type, "modality": r.modality, "modality_class": _modality_class(r),
            "actors": _actors_text(r, index), "id": r.id}))
    rows.sort(key=lambda item: item[0])
    table = pd.DataFrame([row for _, row in rows], columns=list(EVENT_TIMELINE_COLUMNS))
    table["start"] = pd.to_datetime(table["start"])
    table["end"] = pd.to_datetime(table["end"])
    table.attrs["lanes"] = lane_order
    table.attrs["lane_kind"] = lanes
    return table


def plot_timeline(kg: KnowledgeGraph, *, actors: Iterable[Entity | str] | None = None,
                  types: str | Iterable[str] | None = None, lanes: str | None = None,
                  include_members: bool = False, top: int = TOP_TIMELINE_ACTORS) -> Figure:
    """The event timeline: one marker per relation on its lane at its date, coloured by type, shaped by modality.

    Draws exactly the dated rows of :func:`event_timeline` (same parameters). A marker sits on
    the first day of the relation's date; when the date is a span (a month, a season), a thin
    line of the type's colour runs to its last day. Markers: dot = factual, triangle = future,
    diamond = uncertain, cross = negated. Marks that would touch on one lane go on tracks one
    under the other, and a busy lane is taller; lanes are shaded alternately. Undated relations
    are counted in the subtitle, not drawn.

    Parameters
    ----------
    kg, actors, types, lanes, include_members, top
        As in :func:`event_timeline`.

    Returns
    -------
    matplotlib.figure.Figure
        One Axes: the x axis in matplotlib dates, the lanes top down, each a band whose y tick
        (labelled with the lane) is at its middle. One scatter collection per modality class,
        its gid "modality:<class>" (offsets: the dates and the lanes' tracks; face colours: the
        types' colours); span lines have the gid "span". Without a dated relation, a figure
        that says so.

    Raises
    ------
    UsageError
        As :func:`event_timeline`.

    Examples
    --------
    >>> kg.plot_timeline(actors=["North Korea", "Russia"], include_members=True)   # doctest: +SKIP
    """
    table = event_timeline(kg, actors=actors, types=types, lanes=lanes, include_members=include_members, top=top)
    title = "Timeline of relations" + (f" of {', '.join(table.attrs['lanes'])}"
                                       if actors is not None and len(table.attrs["lanes"]) <= 4 else "")
    dated = table[table["start"].notna()].reset_index(drop=True)
    undated = len(table) - len(dated)
    if dated.empty:
        return _nothing_to_draw(title, "no dated relation" if len(table) else "no relation to draw"
                                + (" among those chosen" if actors is not None or types is not None else ""))
    lane_order = table.attrs["lanes"]
    # Actor lanes all show (an empty one says something); type lanes only with something on them.
    shown_lanes = [lane for lane in lane_order
                   if table.attrs["lane_kind"] == "actor" or (dated["lane"] == lane).any()]
    x = mdates.date2num(dated["start"].to_numpy())
    x_end = mdates.date2num((dated["end"] + pd.Timedelta(days=1)).to_numpy())
    y, bands = _pack(shown_lanes, list(dated["lane"]), list(x), list(x_end))
    colours = [RELATION_COLORS.get(t, OTHER_RELATION_COLOR) for t in dated["type"]]
    height = bands[-1][1]  # in tracks
    fig = PlotFigure(figsize=(11.0, 1.7 + max(0.19 * height, 0.5 * len(shown_lanes), 1.4)), layout="constrained")
    ax = fig.add_subplot()
    # A partial date covers more than its first day: a line to the end of its last day.
    spans = [(y[i], x[i], x_end[i], colours[i]) for i in range(len(dated)) if x_end[i] - x[i] > 1]
    for yi, x0, x1, colour in spans:
        ax.plot([x0, x1], [yi, yi], color=colour, alpha=0.45, linewidth=2.2, solid_capstyle="butt", zorder=1,
                gid="span")
    for modality_class in MODALITY_CLASSES:
        mask = (dated["modality_class"] == modality_class).to_numpy()
        if not mask.any():
            continue
        collection = ax.scatter(x[mask], np.asarray(y)[mask], c=[c for c, m in zip(colours, mask) if m],
                                marker=MODALITY_MARKERS[modality_class], s=64, edgecolors="white", linewidths=0.6,
                                zorder=3)
        collection.set_gid(f"modality:{modality_class}")
    ax.set_yticks([(top_ + bottom) / 2 for top_, bottom in bands], shown_lanes, fontsize=9)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(height, 0)
    for i, (top_, bottom) in enumerate(bands):
        if i % 2 == 0:
            ax.axhspan(top_, bottom, color="#f4f4f4", zorder=0, linewidth=0)
    first, last = x.min(), max([x.max(), *(x1 for *_, x1, _ in spans)])
    pad = max(3.0, (last - first) * 0.04)
    ax.set_xlim(first - pad, last + pad)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#eeeeee", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    present_types = _ordered(Counter(dated["type"]), RELATION_TYPES)
    present_classes = [m for m in MODALITY_CLASSES if (dated["modality_class"] == m).any()]
    # One legend: the types' colours, then the modality classes' markers under a heading of their own.
    handles = [Patch(color=RELATION_COLORS.get(t, OTHER_RELATION_COLOR), label=t) for t in present_types]
    handles.append(Line2D([], [], linestyle="", label=" "))
    handles.append(Line2D([], [], linestyle="", label="modality"))
    handles += [Line2D([], [], linestyle="", marker=MODALITY_MARKERS[m], color="#555555", markersize=7, label=m)
                for m in present_classes]
    legend = fig.legend(handles=handles, title="relation type", loc="outside right upper", fontsize=8,
                        title_fontsize=9, frameon=False, alignment="left")
    legend.get_texts()[len(present_types) + 1].set_fontsize(9)
    ax.set_xlabel("date: the relation's own, else its article's; a partial date (a month, a year) is a marker on "
                  "its first day and a line to its last", fontsize=8)
    shown = dated["id"].nunique()
    note = f"; {undated} undated not shown" if undated else ""
    fig.suptitle(title, fontsize=12, x=0.01, ha="left")
    ax.set_title(f"{_plural(shown, 'relation')} in {_plural(len(shown_lanes), 'lane')} by "
                 f"{table.attrs['lane_kind']}{note}", fontsize=9, loc="left", color="#555555")
    return fig


def _pack(lanes: list[str], lane_of: list[str], starts: list[float], ends: list[float]
          ) -> tuple[list[float], list[tuple[float, float]]]:
    """Y positions that keep apart the marks of a lane, and each lane's band (top, bottom), top down.

    Within a lane, marks go oldest first into the first track where they do not touch the
    previous mark (its marker, or its span when it has one); one track is one unit of height,
    and a lane's band holds its tracks plus a margin, so a lane with more going on is taller.
    """
    gap = max(1.0, 0.012 * (max(ends) - min(starts)))  # about a marker's width, in days
    order = sorted(range(len(lane_of)), key=lambda i: (lanes.index(lane_of[i]), starts[i], ends[i], i))
    track_of: dict[int, int] = {}
    free_from: dict[str, list[float]] = {lane: [] for lane in lanes}
    for i in order:
        tracks = free_from[lane_of[i]]
        track = next((k for k, free in enumerate(tracks) if free <= starts[i]), len(tracks))
        if track == len(tracks):
            tracks.append(0.0)
        tracks[track] = max(ends[i], starts[i] + gap) + gap
        track_of[i] = track
    bands, top = [], 0.0
    for lane in lanes:
        bottom = top + max(1, len(free_from[lane])) + 1.0
        bands.append((top, bottom))
        top = bottom
    first_track = {lane: band[0] + 1.0 for lane, band in zip(lanes, bands)}
    return [first_track[lane_of[i]] + track_of[i] for i in range(len(lane_of))], bands


# -- modality over time ------------------------------------------------------------------------------


def modality_by_period(kg: KnowledgeGraph, *, period: str = "month", types: str | Iterable[str] | None = None,
                       when: str = "relation") -> pd.DataFrame:
    """How many relations are factual, future, uncertain and negated, period by period.

    A relation counts once, in the period its date starts in: "2024-06-19" and "2024-06" in
    June 2024, "2024-06/2024-08" (the summer) in June too. A date that starts less precisely
    than the period ("2024" by month or by quarter) cannot be placed: it is left out and
    counted apart, rather than put in a January it may not belong to. Periods with nothing in them between the first
    and the last are kept, with zeros, so that the index is a continuous calendar.

    Parameters
    ----------
    kg : KnowledgeGraph
    period : "month", "quarter" or "year"
    types : relation type or types, optional
        Count only these types.
    when : "relation" or "article"
        Which date places a relation: "relation", its own date, else its earliest article's
        (as everywhere in kgraph: when did it happen); "article", its earliest article's
        (when was it reported: the drift from "planned" to "happened" in the news).

    Returns
    -------
    pandas.DataFrame
        Indexed by period ("2024-06", "2024-Q2", "2024"; index named "period"), one integer
        column per modality class: factual, future, uncertain, negated. How many relations
        were left out is in ``df.attrs["undated"]`` (no date at all) and
        ``df.attrs["imprecise"]`` (a date too coarse for the period).

    Raises
    ------
    UsageError
        An unknown period, relation type or ``when``.

    Examples
    --------
    >>> from kgraph import Entity, Relation
    >>> from kgraph.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph(relations=[Relation("visit", source="A", target="B", modality="planned", time="2024-05"),
    ...                                Relation("visit", source="A", target="B", time="2024-07-02")])
    >>> modality_by_period(kg)
             factual  future  uncertain  negated
    period
    2024-05        0       1          0        0
    2024-06        0       0          0        0
    2024-07        1       0          0        0
    """
    _check_choice(period, PERIODS, "period")
    _check_choice(when, WHEN, "when")
    chosen_types = _check_types(types)
    documents = {d.id: d for d in kg.documents}
    counts: Counter = Counter()
    undated = imprecise = 0
    for r in kg.relations:
        if chosen_types is not None and r.type not in chosen_types:
            continue
        date = _when(r, documents)[0] if when == "relation" else _when(_undated(r), documents)[0]
        start = _date_range(date if date is None or not isinstance(date, str) else date.partition("/")[0])
        if start is None:
            undated += 1
        elif _period_ordinal(start[0], period) != _period_ordinal(start[1], period):
            imprecise += 1
        else:
            counts[(_period_ordinal(start[0], period), _modality_class(r))] += 1
    ordinals = [o for o, _ in counts]
    periods = range(min(ordinals), max(ordinals) + 1) if ordinals else range(0)
    table = pd.DataFrame([[counts[(o, m)] for m in MODALITY_CLASSES] for o in periods],
                         index=pd.Index([_period_label(o, period) for o in periods], name="period", dtype=object),
                         columns=list(MODALITY_CLASSES), dtype=int)
    table.attrs["undated"] = undated
    table.attrs["imprecise"] = imprecise
    return table


def plot_modality(kg: KnowledgeGraph, *, period: str = "month", types: str | Iterable[str] | None = None,
                  when: str = "relation", share: bool = False) -> Figure:
    """Modality over time: stacked bars of factual, future, uncertain and negated relations per period.

    Draws exactly :func:`modality_by_period` (same parameters): bar ``i`` of class ``m`` has the
    height ``df[m].iloc[i]`` (``share=True``: its percentage of the period's total, empty
    periods 0), the classes stacked in the order factual, future, uncertain, negated. Counts
    are written over the bars.

    Parameters
    ----------
    kg, period, types, when
        As in :func:`modality_by_period`.
    share : bool
        Bars of percentages (each period's bar totals 100) instead of counts.

    Returns
    -------
    matplotlib.figure.Figure
        One Axes whose bar containers are labelled by modality class, one bar per period (x tick
        labels: the periods). Without a dated relation, a figure that says so.

    Raises
    ------
    UsageError
        As :func:`modality_by_period`.

    Examples
    --------
    >>> kg.plot_modality(period="quarter", share=True)   # doctest: +SKIP
    """
    table = modality_by_period(kg, period=period, types=types, when=when)
    title = "Modality over time"
    if table.empty:
        return _nothing_to_draw(title, "no dated relation" + (" of the chosen types" if types is not None else ""))
    totals = table.sum(axis=1)
    heights = table.div(totals.where(totals > 0), axis=0).fillna(0.0) * 100 if share else table
    fig = PlotFigure(figsize=(min(14.0, max(6.5, 0.6 * len(table) + 3.5)), 4.6), layout="constrained")
    ax = fig.add_subplot()
    positions = np.arange(len(table))
    bottom = np.zeros(len(table))
    for modality_class in MODALITY_CLASSES:
        values = heights[modality_class].to_numpy(dtype=float)
        ax.bar(positions, values, bottom=bottom, width=0.7, color=MODALITY_COLORS[modality_class],
               label=modality_class, edgecolor="white", linewidth=0.6)
        bottom += values
    for x, top_, total in zip(positions, bottom, totals):
        if total:
            ax.text(x, top_, str(int(total)), ha="center", va="bottom", fontsize=8, color="#333333")
    ax.set_xticks(positions, list(table.index), rotation=0 if len(table) <= 12 else 90, fontsize=9)
    ax.set_ylabel("share of relations (%)" if share else "relations")
    if share:
        ax.set_ylim(0, 108)
    else:
        ax.set_ylim(0, max(1, bottom.max()) * 1.12)
        ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(-0.6, len(table) - 0.4)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.legend(title="modality", loc="outside right upper", frameon=False, fontsize=9, title_fontsize=9,
               alignment="left")
    dating = "its own date, else its article's" if when == "relation" else "its earliest article's date"
    ax.set_xlabel(f"{period} (a relation counts in the {period} of {dating})", fontsize=8)
    left_out = [f"{table.attrs['undated']} undated"] if table.attrs["undated"] else []
    if table.attrs["imprecise"]:
        left_out.append(f"{table.attrs['imprecise']} dated too coarsely for a {period}")
    note = f"; not counted: {' and '.join(left_out)}" if left_out else ""
    fig.suptitle(f"{title}, by {period}" + (" (shares)" if share else ""), fontsize=12, x=0.01, ha="left")
    ax.set_title(f"{_plural(int(totals.sum()), 'relation')}{note}", fontsize=9, loc="left", color="#555555")
    return fig


def _undated(r: Relation) -> Relation:
    """The relation without its own date, so that it is dated by its earliest article."""
    from dataclasses import replace
    return replace(r, time=None)


def _period_ordinal(day: dt.date, period: str) -> int:
    """A running number of the period holding ``day``: consecutive periods, consecutive numbers."""
    if period == "year":
        return day.year
    if period == "quarter":
        return day.year * 4 + (day.month - 1) // 3
    return day.year * 12 + day.month - 1


def _period_label(ordinal: int, period: str) -> str:
    if period == "year":
        return str(ordinal)
    if period == "quarter":
        return f"{ordinal // 4}-Q{ordinal % 4 + 1}"
    return f"{ordinal // 12}-{ordinal % 12 + 1:02d}"


# -- shared ------------------------------------------------------------------------------------------


def _modality_class(r: Relation) -> str:
    return MODALITY_CLASS.get(r.modality, "factual")


def _check_choice(value: object, allowed: tuple[str, ...], name: str) -> None:
    if value not in allowed:
        raise UsageError(f"{name}={value!r} is not one of {', '.join(allowed)}")


def _check_types(types: str | Iterable[str] | None) -> set[str] | None:
    if types is None:
        return None
    chosen = [types] if isinstance(types, str) else list(types)
    unknown = [t for t in chosen if t not in RELATION_TYPES]
    if unknown:
        raise UsageError(f"unknown relation type {', '.join(map(repr, unknown))}; "
                         f"choose from {', '.join(RELATION_TYPES)}")
    return set(chosen)


def _check_top(top: object) -> None:
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise UsageError(f"top={top!r} must be a whole number of actors, 1 or more")


def _resolve_actors(kg: KnowledgeGraph, actors: Iterable[Entity | str] | Entity | str) -> list[str]:
    """Entity ids of the named actors, in the order given, once each."""
    names = [actors] if isinstance(actors, (str, Entity)) else list(actors)
    if not names:
        raise UsageError("actors is empty; leave it out to plot every actor")
    ids = []
    for name in names:
        try:
            ids.append(kg.find(name).id)
        except KeyError as error:
            raise UsageError(error.args[0] if error.args else f"no entity named {name!r}") from None
    return list(dict.fromkeys(ids))


def _labels(kg: KnowledgeGraph, ids: Iterable[str] | None = None) -> dict[str, str]:
    """Display names: the label, with the id added where two of the given actors share a label."""
    index = {e.id: e for e in kg.entities}
    ids = list(index) if ids is None else list(ids)
    plain = {a: index[a].label if a in index else a for a in ids}
    shared = Counter(plain.values())
    return {a: f"{label} ({a})" if shared[label] > 1 else label for a, label in plain.items()}


def _ordered(present: Counter, known: tuple[str, ...]) -> list[str]:
    """The values present, in the vocabulary's order, then any others (a hand-made graph's), sorted."""
    return [v for v in known if present[v]] + sorted(v for v in present if v not in known)


def _sort_key(span: tuple[dt.date, dt.date] | None) -> tuple:
    return (0, span[0], span[1]) if span else (1, dt.date.max, dt.date.max)


def _count_colormap() -> ListedColormap:
    from matplotlib import colormaps
    blues = colormaps["Blues"]
    return ListedColormap(blues(np.linspace(0.25, 1.0, 256)), name="kgraph_counts")


def _integer_ticks(vmax: int) -> list[int]:
    step = max(1, math.ceil(vmax / 6))
    return list(range(1, vmax + 1, step)) if vmax >= 1 else [1]


def _nothing_to_draw(title: str, reason: str) -> Figure:
    """A small figure that says there is nothing to draw, and why."""
    fig = PlotFigure(figsize=(6.0, 2.0), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title, fontsize=12, loc="left")
    ax.text(0.5, 0.5, f"Nothing to draw: {reason}.", ha="center", va="center", fontsize=11, color="#555555",
            transform=ax.transAxes, gid="nothing-to-draw")
    return fig
