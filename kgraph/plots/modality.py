"""Modality over time: how much is factual, future, uncertain, negated per period."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..dates import date_range as _date_range
from ..dates import relation_date as _when
from ..describe import plural as _plural
from ..model import modality_class
from .common import (
    MODALITY_CLASSES,
    MODALITY_COLORS,
    PERIODS,
    WHEN,
    PlotFigure,
    _check_choice,
    _check_types,
    _nothing_to_draw,
    _period_label,
    _period_ordinal,
    _undated,
)

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph


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
            counts[(_period_ordinal(start[0], period), modality_class(r.modality))] += 1
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
    for coarse in MODALITY_CLASSES:
        values = heights[coarse].to_numpy(dtype=float)
        ax.bar(positions, values, bottom=bottom, width=0.7, color=MODALITY_COLORS[coarse],
               label=coarse, edgecolor="white", linewidth=0.6)
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
