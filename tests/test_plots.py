"""The analyst's plots draw exactly the graph's data: read back from the figures, checked against counts.

A small hand-made graph of fictional states (Atlantis, Borduria, Carpania) and one official has a
relation of every kind the plots treat differently: directed and symmetric, without a target,
dated by the text, by its article, by a partial date, by a year, and undated. The expected
figures are written out by hand; the seed graph is recounted independently of kgraph.plots.
"""
from __future__ import annotations

import datetime as dt
import doctest
import io
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from matplotlib import dates as mdates
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from kgraph import plots
from kgraph.errors import UsageError
from kgraph.export.html import RELATION_COLORS
from kgraph.graph import KnowledgeGraph
from kgraph.model import MODALITY_CLASS, SYMMETRIC_TYPES, Document, Entity, Evidence, Relation

CLASSES = ["factual", "future", "uncertain", "negated"]


def _evidence(doc: str) -> list[Evidence]:
    return [Evidence(doc, "A sentence we made up.", 0, 23, trigger="made")]


@pytest.fixture
def small() -> KnowledgeGraph:
    documents = [Document("d1", "...", date="2024-03-15"), Document("d2", "...", date="2024-05"),
                 Document("d3", "...")]
    entities = [Entity("A", "Atlantis", "Country"), Entity("B", "Borduria", "Country"),
                Entity("C", "Carpania", "Country"), Entity("P", "Petra Ostrova", "Person", country="A"),
                Entity("X", "Xanadu Bay", "Location")]
    relations = [
        Relation("arms_transfer", source="A", target="B", evidence=_evidence("d1")),                   # 2024-03-15
        Relation("arms_transfer", source="A", target="B", modality="planned", time="2024-06",
                 evidence=_evidence("d2")),
        Relation("meeting", participants=["A", "B", "C"], modality="expected", time="2024-04-02"),
        Relation("launch", source="B", modality="reported", time="2024-05-20", evidence=_evidence("d1")),
        Relation("sanction", source="B", target="C", modality="negated", evidence=_evidence("d2")),     # 2024-05
        Relation("visit", source="P", target="B", modality="suspected", evidence=_evidence("d3")),     # undated
        Relation("accusation", source="C", target="A", modality="hypothetical", time="2024",
                 evidence=_evidence("d1")),
        Relation("official_of", source="P", target="A", evidence=_evidence("d1")),                     # 2024-03-15
    ]
    return KnowledgeGraph(documents, entities, relations)


def _texts(fig: Figure) -> str:
    return "\n".join([t.get_text() for t in fig.texts] + [fig.get_suptitle()]
                     + [t.get_text() for ax in fig.axes for t in ax.texts]
                     + [ax.get_title(loc=loc) for ax in fig.axes for loc in ("left", "center")])


# -- dyads -------------------------------------------------------------------------------------------


def test_dyad_matrix_counts_directed_once_and_symmetric_both_ways(small):
    m = plots.dyad_matrix(small)
    names = ["Atlantis", "Borduria", "Carpania", "Petra Ostrova"]  # 8, 8, 6 and 2 dyads: ties by label
    assert list(m.columns) == names and m.columns.name == "target"
    assert m.index.names == ["type", "source"]
    # Relation types in the vocabulary's order; the launch has no target, so no dyad.
    assert list(dict.fromkeys(m.index.get_level_values(0))) == [
        "arms_transfer", "visit", "meeting", "sanction", "accusation", "official_of"]
    assert m.loc[("arms_transfer", "Atlantis"), "Borduria"] == 2
    assert m.loc["arms_transfer"].to_numpy().sum() == 2
    meeting = m.loc["meeting"]
    assert (meeting.to_numpy() == meeting.to_numpy().T).all()
    assert meeting.loc[["Atlantis", "Borduria", "Carpania"], ["Atlantis", "Borduria", "Carpania"]].to_numpy().tolist() \
        == [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    assert m.loc[("official_of", "Petra Ostrova"), "Atlantis"] == 1
    assert m.loc[("sanction", "Borduria"), "Carpania"] == 1
    assert m.loc[("sanction", "Carpania"), "Borduria"] == 0  # directed: not mirrored
    assert int(m.to_numpy().sum()) == 2 + 6 + 1 + 1 + 1 + 1


def test_dyad_matrix_by_modality_class(small):
    m = plots.dyad_matrix(small, by="modality")
    assert m.index.names == ["modality_class", "source"]
    assert list(dict.fromkeys(m.index.get_level_values(0))) == CLASSES
    total = {c: int(m.loc[c].to_numpy().sum()) for c in CLASSES}
    assert total == {"factual": 2, "future": 1 + 6, "uncertain": 2, "negated": 1}
    assert m.loc[("future", "Atlantis"), "Borduria"] == 2  # the planned transfer and the expected meeting


def test_dyad_matrix_actors_top_and_types(small):
    chosen = plots.dyad_matrix(small, actors=["carpania", "Atlantis"])
    assert list(chosen.columns) == ["Carpania", "Atlantis"]  # the order given; names in any case
    assert list(dict.fromkeys(chosen.index.get_level_values(0))) == ["meeting", "accusation"]
    assert chosen.loc[("accusation", "Carpania"), "Atlantis"] == 1
    assert list(plots.dyad_matrix(small, top=2).columns) == ["Atlantis", "Borduria"]
    only = plots.dyad_matrix(small, types="arms_transfer")
    assert list(only.columns) == ["Atlantis", "Borduria"]
    assert only.to_numpy().tolist() == [[0, 2], [0, 0]]


def test_plot_dyads_draws_the_matrix(small):
    m = plots.dyad_matrix(small, by="type")
    fig = small.plot_dyads()
    panels = [ax for ax in fig.axes if ax.images]
    categories = list(dict.fromkeys(m.index.get_level_values(0)))
    assert [ax.get_title() for ax in panels] == categories
    for ax, category in zip(panels, categories):
        image = ax.images[0].get_array()
        assert np.ma.getdata(image.filled(0)).tolist() == m.loc[category].to_numpy().tolist()
        cells = {(int(t.get_position()[1]), int(t.get_position()[0])): int(t.get_text()) for t in ax.texts}
        assert cells == {(i, j): v for (i, j), v in np.ndenumerate(m.loc[category].to_numpy()) if v}
    assert [t.get_text() for t in panels[0].get_yticklabels()] == list(m.columns)
    assert [t.get_text() for t in panels[-1].get_xticklabels()] == list(m.columns)
    assert "by relation type" in fig.get_suptitle()


def test_plot_dyads_by_modality_uses_the_same_actor_order(small):
    fig = plots.plot_dyads(small, by="modality", actors=["Borduria", "Atlantis"])
    panels = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in panels] == ["factual", "future"]
    assert [np.ma.getdata(ax.images[0].get_array().filled(0)).tolist() for ax in panels] == [
        [[0, 0], [1, 0]], [[0, 1], [2, 0]]]


def test_seed_dyads_match_an_independent_recount(seed_graph):
    m = plots.dyad_matrix(seed_graph, top=1000)
    labels = {e.id: e.label for e in seed_graph.entities}
    expected = Counter()
    for r in seed_graph.relations:
        if r.type in SYMMETRIC_TYPES:
            people = set(r.participants) | {a for a in (r.source, r.target) if a}
            expected.update((r.type, labels[a], labels[b]) for a in people for b in people if a != b)
        elif r.source and r.target:
            expected[(r.type, labels[r.source], labels[r.target])] += 1
    drawn = Counter({(t, s, c): int(n) for (t, s), row in m.iterrows() for c, n in row.items() if n})
    assert drawn == expected
    fig = seed_graph.plot_dyads()
    assert sum(int(ax.images[0].get_array().sum()) for ax in fig.axes if ax.images) == sum(expected.values())


# -- timeline ----------------------------------------------------------------------------------------


def _points(fig: Figure) -> list[tuple]:
    """(lane, day, type, modality class) of every marker, read back from the scatter collections."""
    ax = fig.axes[0]
    lanes = [t.get_text() for t in ax.get_yticklabels()]
    ticks = np.asarray(ax.get_yticks())
    colour_type = {to_hex(c): t for t, c in RELATION_COLORS.items()}
    points = []
    for collection in ax.collections:
        gid = collection.get_gid() or ""
        if not gid.startswith("modality:"):
            continue
        for (x, y), face in zip(collection.get_offsets(), collection.get_facecolors()):
            day = mdates.num2date(x).date()
            points.append((lanes[int(np.argmin(abs(ticks - y)))], day, colour_type[to_hex(face)], gid.split(":", 1)[1]))
    return sorted(points)


def test_event_timeline_dates_by_text_else_article(small):
    table = plots.event_timeline(small)
    assert table.attrs["lanes"] == ["arms_transfer", "visit", "meeting", "sanction", "accusation", "launch",
                                    "official_of"]
    columns = table[["lane", "when", "dated_by", "modality_class"]]
    rows = columns.astype(object).where(columns.notna(), None).values.tolist()
    assert rows == [
        ["arms_transfer", "2024-03-15", "document", "factual"],
        ["arms_transfer", "2024-06", "text", "future"],
        ["visit", None, None, "uncertain"],
        ["meeting", "2024-04-02", "text", "future"],
        ["sanction", "2024-05", "document", "negated"],
        ["accusation", "2024", "text", "uncertain"],
        ["launch", "2024-05-20", "text", "factual"],
        ["official_of", "2024-03-15", "document", "factual"],
    ]
    assert table.loc[1, "start"] == pd.Timestamp("2024-06-01") and table.loc[1, "end"] == pd.Timestamp("2024-06-30")
    assert pd.isna(table.loc[2, "start"])
    assert table.loc[0, "actors"] == "Atlantis → Borduria"


def test_plot_timeline_draws_every_dated_relation_once(small):
    fig = small.plot_timeline()
    assert _points(fig) == sorted([
        ("arms_transfer", dt.date(2024, 3, 15), "arms_transfer", "factual"),
        ("arms_transfer", dt.date(2024, 6, 1), "arms_transfer", "future"),
        ("meeting", dt.date(2024, 4, 2), "meeting", "future"),
        ("sanction", dt.date(2024, 5, 1), "sanction", "negated"),
        ("accusation", dt.date(2024, 1, 1), "accusation", "uncertain"),
        ("launch", dt.date(2024, 5, 20), "launch", "factual"),
        ("official_of", dt.date(2024, 3, 15), "official_of", "factual"),
    ])
    # The undated visit has no lane of its own and is counted in the subtitle.
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        "arms_transfer", "meeting", "sanction", "accusation", "launch", "official_of"]
    assert "1 undated not shown" in _texts(fig)
    # Partial dates run as a line from their first to past their last day: June, May, the year 2024.
    spans = sorted((mdates.num2date(line.get_xdata()[0]).date(), mdates.num2date(line.get_xdata()[1]).date())
                   for line in fig.axes[0].lines if line.get_gid() == "span")
    assert spans == [(dt.date(2024, 1, 1), dt.date(2025, 1, 1)), (dt.date(2024, 5, 1), dt.date(2024, 6, 1)),
                     (dt.date(2024, 6, 1), dt.date(2024, 7, 1))]


def test_timeline_by_actor_with_members(small):
    table = plots.event_timeline(small, actors=["Atlantis", "Borduria"], include_members=True)
    assert table.attrs["lanes"] == ["Atlantis", "Borduria"]
    by_lane = table.groupby("lane")["type"].apply(sorted).to_dict()
    # Petra Ostrova's visit is Atlantis's through her, and Borduria's as its target.
    assert by_lane == {"Atlantis": ["accusation", "arms_transfer", "arms_transfer", "meeting", "official_of", "visit"],
                       "Borduria": ["arms_transfer", "arms_transfer", "launch", "meeting", "sanction", "visit"]}
    without = plots.event_timeline(small, actors="Atlantis")
    assert sorted(without["type"]) == ["accusation", "arms_transfer", "arms_transfer", "meeting", "official_of"]
    by_type = plots.event_timeline(small, actors="Atlantis", lanes="type", include_members=True)
    assert by_type.attrs["lanes"] == ["arms_transfer", "visit", "meeting", "accusation", "official_of"]
    fig = plots.plot_timeline(small, actors=["Atlantis", "Borduria"], include_members=True, types="arms_transfer")
    assert [(lane, day) for lane, day, *_ in _points(fig)] == [
        ("Atlantis", dt.date(2024, 3, 15)), ("Atlantis", dt.date(2024, 6, 1)),
        ("Borduria", dt.date(2024, 3, 15)), ("Borduria", dt.date(2024, 6, 1))]


def test_timeline_top_actors_and_spread_points(small):
    table = plots.event_timeline(small, lanes="actor", top=2)
    assert table.attrs["lanes"] == ["Borduria", "Atlantis"]  # in 6 and 5 relations; Carpania 3, Petra Ostrova 2
    # The top actors of the chosen types: only Borduria and Carpania are in a sanction.
    fig = plots.plot_timeline(small, types="sanction", lanes="actor", top=2)
    assert _points(fig) == [("Borduria", dt.date(2024, 5, 1), "sanction", "negated"),
                            ("Carpania", dt.date(2024, 5, 1), "sanction", "negated")]
    two = KnowledgeGraph(small.documents, small.entities, [
        Relation("sanction", source="A", target="B", time="2024-05-03"),
        Relation("threat", source="A", target="B", time="2024-05-03")])
    fig = two.plot_timeline(actors="Atlantis")
    offsets = np.concatenate([c.get_offsets() for c in fig.axes[0].collections if c.get_gid()])
    assert len(set(offsets[:, 1])) == 2  # the same day, one above the other
    assert [lane for lane, *_ in _points(fig)] == ["Atlantis", "Atlantis"]


def test_seed_timeline_has_every_dated_relation(seed_graph):
    documents = {d.id: d.date for d in seed_graph.documents}
    dated = [r for r in seed_graph.relations
             if r.time or any(documents.get(ev.doc) for ev in r.evidence)]
    points = _points(seed_graph.plot_timeline())
    assert Counter((lane, kind) for lane, _, kind, _ in points) == Counter((r.type, r.type) for r in dated)
    assert Counter(c for *_, c in points) == Counter(MODALITY_CLASS[r.modality] for r in dated)


# -- modality over time ------------------------------------------------------------------------------


def test_modality_by_month_quarter_and_year(small):
    month = plots.modality_by_period(small)
    assert month.index.name == "period" and list(month.columns) == CLASSES
    assert month.to_dict("index") == {
        "2024-03": {"factual": 2, "future": 0, "uncertain": 0, "negated": 0},
        "2024-04": {"factual": 0, "future": 1, "uncertain": 0, "negated": 0},
        "2024-05": {"factual": 1, "future": 0, "uncertain": 0, "negated": 1},
        "2024-06": {"factual": 0, "future": 1, "uncertain": 0, "negated": 0},
    }
    assert month.attrs == {"undated": 1, "imprecise": 1}  # the visit; the accusation dated "2024"
    quarter = plots.modality_by_period(small, period="quarter")
    assert quarter.to_dict("index") == {"2024-Q1": {"factual": 2, "future": 0, "uncertain": 0, "negated": 0},
                                        "2024-Q2": {"factual": 1, "future": 2, "uncertain": 0, "negated": 1}}
    year = plots.modality_by_period(small, period="year")
    assert year.to_dict("index") == {"2024": {"factual": 3, "future": 2, "uncertain": 1, "negated": 1}}
    assert year.attrs == {"undated": 1, "imprecise": 0}


def test_modality_by_article_date_keeps_empty_periods(small):
    table = plots.modality_by_period(small, when="article")
    assert table.to_dict("index") == {
        "2024-03": {"factual": 3, "future": 0, "uncertain": 1, "negated": 0},
        "2024-04": {"factual": 0, "future": 0, "uncertain": 0, "negated": 0},
        "2024-05": {"factual": 0, "future": 1, "uncertain": 0, "negated": 1},
    }
    assert table.attrs["undated"] == 2  # the meeting has no article; the visit's article no date
    assert plots.modality_by_period(small, types=["sanction", "launch"]).sum().to_dict() == {
        "factual": 1, "future": 0, "uncertain": 0, "negated": 1}


def _bars(fig: Figure) -> dict[str, list[float]]:
    return {c.get_label(): [p.get_height() for p in c.patches] for c in fig.axes[0].containers}


def test_plot_modality_draws_the_table(small):
    table = plots.modality_by_period(small)
    fig = small.plot_modality()
    assert _bars(fig) == {c: [float(v) for v in table[c]] for c in CLASSES}
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == list(table.index)
    assert "1 undated" in _texts(fig) and "1 dated too coarsely for a month" in _texts(fig)
    shares = _bars(plots.plot_modality(small, when="article", share=True))
    assert shares["factual"] == [75.0, 0.0, 0.0] and shares["negated"] == [0.0, 0.0, 50.0]
    assert [sum(column) for column in zip(*shares.values())] == [100.0, 0.0, 100.0]


def test_seed_modality_counts_every_relation_once(seed_graph):
    table = plots.modality_by_period(seed_graph, period="year")
    by_class = Counter(MODALITY_CLASS[r.modality] for r in seed_graph.relations)
    assert table.sum().to_dict() == {c: by_class[c] for c in CLASSES}  # the seed article is dated 2024-06
    fig = seed_graph.plot_modality(period="year")
    assert sum(sum(heights) for heights in _bars(fig).values()) == len(seed_graph.relations)


# -- the rest ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["plot_dyads", "plot_timeline", "plot_modality"])
def test_nothing_to_draw_is_a_figure_that_says_so(method, small):
    fig = getattr(KnowledgeGraph(), method)()
    assert isinstance(fig, Figure) and "Nothing to draw" in _texts(fig)
    # Filters that leave nothing: a type absent from the graph.
    assert "Nothing to draw" in _texts(getattr(small, method)(types="threat"))


@pytest.mark.parametrize("method", ["plot_timeline", "plot_modality"])
def test_undated_relations_leave_nothing_to_draw_over_time(method, small):
    undated_only = KnowledgeGraph(small.documents, small.entities, [small.relations[5]])
    assert "Nothing to draw: no dated relation" in _texts(getattr(undated_only, method)())


@pytest.mark.parametrize("call, message", [
    (lambda kg: kg.plot_dyads(by="colour"), "by='colour' is not one of type, modality"),
    (lambda kg: kg.plot_dyads(types=["arms_transfer", "bribery"]), "unknown relation type 'bribery'"),
    (lambda kg: kg.plot_dyads(actors=["Atlantiss"]), "close matches: Atlantis"),
    (lambda kg: kg.plot_dyads(actors=[]), "actors is empty"),
    (lambda kg: kg.plot_dyads(top=0), "top=0"),
    (lambda kg: kg.plot_timeline(lanes="document"), "lanes='document'"),
    (lambda kg: kg.plot_timeline(actors="Nowhere"), "no entity named 'Nowhere'"),
    (lambda kg: kg.plot_modality(period="week"), "period='week' is not one of month, quarter, year"),
    (lambda kg: kg.plot_modality(when="reported"), "when='reported'"),
])
def test_bad_arguments_raise_usage_error(call, message, small):
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call(small)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60, metadata={"Software": None})
    return buffer.getvalue()


def test_figures_are_standalone_and_reproducible(small):
    for method in ("plot_dyads", "plot_timeline", "plot_modality"):
        fig = getattr(small, method)()
        assert fig.canvas.manager is None  # not held by pyplot: nothing leaks, renders headless
        png = _png(fig)
        assert png.startswith(b"\x89PNG") and png == _png(getattr(small, method)())
        # Jupyter shows it as a picture even when pyplot's inline backend was never set up.
        assert fig._repr_png_().startswith(b"\x89PNG")


def test_docstring_examples():
    import importlib
    attempted = 0
    for name in ("common", "dyads", "timeline", "modality"):
        result = doctest.testmod(importlib.import_module(f"kgraph.plots.{name}"), optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0, name
        attempted += result.attempted
    assert attempted >= 5
