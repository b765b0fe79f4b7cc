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

from .common import MODALITY_CLASSES, MODALITY_COLORS, MODALITY_MARKERS, PlotFigure
from .dyads import dyad_matrix, plot_dyads
from .modality import modality_by_period, plot_modality
from .timeline import event_timeline, plot_timeline

__all__ = ["PlotFigure", "MODALITY_CLASSES", "MODALITY_COLORS", "MODALITY_MARKERS", "dyad_matrix", "plot_dyads",
           "event_timeline", "plot_timeline", "modality_by_period", "plot_modality"]
