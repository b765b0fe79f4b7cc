"""The event timeline: relations over time, one lane per type or actor, coloured by type, marked by modality class."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..dates import date_range as _date_range
from ..dates import relation_date as _when
from ..describe import actors_text as _actors_text
from ..describe import plural as _plural
from ..export.html import OTHER_RELATION_COLOR, RELATION_COLORS
from ..model import RELATION_TYPES, Entity, modality_class, vocabulary_order
from .common import (
    EVENT_TIMELINE_COLUMNS,
    MODALITY_CLASSES,
    MODALITY_MARKERS,
    TIMELINE_LANES,
    TOP_TIMELINE_ACTORS,
    PlotFigure,
    _check_choice,
    _check_top,
    _check_types,
    _labels,
    _nothing_to_draw,
    _resolve_actors,
    _sort_key,
)

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph


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
        lane_order = vocabulary_order(Counter(r.type for _, r in relations), RELATION_TYPES)
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
            "type": r.type, "modality": r.modality, "modality_class": modality_class(r.modality),
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
    for coarse in MODALITY_CLASSES:
        mask = (dated["modality_class"] == coarse).to_numpy()
        if not mask.any():
            continue
        collection = ax.scatter(x[mask], np.asarray(y)[mask], c=[c for c, m in zip(colours, mask) if m],
                                marker=MODALITY_MARKERS[coarse], s=64, edgecolors="white", linewidths=0.6,
                                zorder=3)
        collection.set_gid(f"modality:{coarse}")
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
    present_types = vocabulary_order(Counter(dated["type"]), RELATION_TYPES)
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
