"""What the plots share: the figure class, modality colours and markers, argument checks, periods."""
from __future__ import annotations

import datetime as dt
import io
import math
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from ..errors import UsageError
from ..model import MODALITY_CLASS, RELATION_TYPES, Entity, Relation

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph


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
