"""KnowledgeGraph: the merged result of a build, the door to every export, and the analyst's API.

The API reads like an analyst's questions: ``kg.find("DPRK")``, ``kg.neighbors("North Korea")``,
``kg.timeline("Russia")``, ``kg.subgraph(types="arms_transfer", since="2024")``; tables come back
as pandas DataFrames and names may be labels or aliases, in any case.
"""
from __future__ import annotations

import datetime as dt
import difflib
import html
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import networkx as nx
import pandas as pd

from .contest import contest_links, contested_pairs
from .dates import date_bound, date_sort_key, in_window, relation_date
from .describe import actors_text, label, plural
from .errors import UsageError
from .model import (
    MODALITIES,
    MODALITY_CLASS,
    RELATION_TYPES,
    SYMMETRIC_TYPES,
    Document,
    Entity,
    Provenance,
    Relation,
)
from .names import lookup_key

ENTITY_COLUMNS = ("id", "label", "type", "country", "wikidata", "aliases", "documents", "relations")
RELATION_COLUMNS = ("id", "type", "actors", "source", "target", "participants", "modality", "modality_class", "time",
                    "location", "attributed_to", "object", "role", "confidence", "evidence", "documents",
                    "sentence", "source_id", "target_id", "attributed_to_id")
EVIDENCE_COLUMNS = ("relation", "type", "modality", "doc", "title", "date", "source", "sentence", "trigger",
                    "start", "end")
TIMELINE_COLUMNS = ("when", "dated_by", "type", "actors", "modality", "acting_as", "source", "target", "participants",
                    "attributed_to", "evidence", "sentence", "id")
NEIGHBOR_COLUMNS = ("id", "label", "type", "relations", "types", "modalities", "directions")
CONTESTED_COLUMNS = ("type", "actors", "claim_modality", "claimed_by", "claim_documents", "claim_sentence",
                     "denial_modality", "denied_by", "denial_documents", "denial_sentence", "claim", "denial")
#: How many actors the notebook summary lists.
TOP_ACTORS = 5

@dataclass
class KnowledgeGraph:
    """Documents, canonical entities and merged relations, in a stable order.

    Parameters
    ----------
    documents : list of Document
        Metadata of the documents read (``text`` is "" in a built graph).
    entities : list of Entity
    relations : list of Relation
        One per ``Relation.key()`` in a merged graph.
    provenance : Provenance, optional
        What built it (:mod:`kgraph.provenance`); kept by :meth:`canonical` and :meth:`subgraph`.

    Examples
    --------
    >>> from kgraph.model import Entity
    >>> kg = KnowledgeGraph(entities=[Entity("Q423", "North Korea", "Country", ["DPRK"])])
    >>> kg.find("the dprk").label
    'North Korea'
    """
    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    #: What built the graph (kgraph, spaCy pipeline, knowledge digest); None when unknown.
    provenance: Provenance | None = None

    def entity(self, id_: str) -> Entity | None:
        """The entity whose id is ``id_``, or None."""
        return self._entity_index().get(id_)

    def canonical(self, *, in_place: bool = False) -> KnowledgeGraph:
        """The same records in canonical order: the order every build, merge, store and reader gives.

        Documents and entities by id; an entity's aliases sorted and its documents in document
        order; a relation's objects sorted and its evidence in text order (document, start, end,
        trigger); relations by their first evidence, then type and id.

        Parameters
        ----------
        in_place : bool
            False (default): entities and relations are copies and ``self`` is left as it is.
            True: the records' own lists are sorted and the records are shared, which saves
            memory on large graphs (the merger uses it on records it owns).

        Returns
        -------
        KnowledgeGraph
            A new graph; documents and evidence (immutable) are always shared.

        Examples
        --------
        >>> from kgraph.model import Document
        >>> KnowledgeGraph(documents=[Document("b", ""), Document("a", "")]).canonical().documents[0].id
        'a'
        """
        documents = sorted(self.documents, key=lambda d: d.id)
        doc_rank = {d.id: i for i, d in enumerate(documents)}
        unknown = len(doc_rank)
        entities = sorted(self.entities, key=lambda e: e.id)
        relations = list(self.relations)
        if not in_place:
            entities = [replace(e, aliases=list(e.aliases), documents=list(e.documents)) for e in entities]
            relations = [replace(r, participants=list(r.participants), object=list(r.object),
                                 evidence=list(r.evidence)) for r in relations]
        for entity in entities:
            entity.aliases.sort()
            entity.documents.sort(key=lambda d: doc_rank.get(d, unknown))
        for relation in relations:
            relation.object.sort()
            relation.evidence.sort(key=lambda ev: (doc_rank.get(ev.doc, unknown), ev.start, ev.end, ev.trigger or ""))
        relations.sort(key=lambda r: (_first_position(r, doc_rank), r.type, r.id))
        return KnowledgeGraph(documents=documents, entities=entities, relations=relations,
                              provenance=self.provenance)

    def _entity_index(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def to_networkx(self) -> nx.MultiDiGraph:
        """A node per entity, an edge per relation (symmetric ones: one edge per pair)."""
        from .export.networkx import to_networkx
        return to_networkx(self)

    def to_json(self) -> dict:
        """The graph in the shape of the extraction contract (FORMAT.md)."""
        from .export.json import to_json
        return to_json(self)

    def to_rdf(self, format: str = "turtle") -> str:
        """The graph as RDF text in ``format`` (see :func:`kgraph.rdf.writers.serialize`).

        Raises
        ------
        UsageError
            For an unknown format.
        """
        from .rdf.writers import serialize
        return serialize(self, format=format)

    def to_html(self, **options) -> str:
        """The self-contained viewer page; ``options`` go to :func:`kgraph.export.html.to_html`."""
        from .export.html import to_html
        return to_html(self, **options)

    # -- names -----------------------------------------------------------------------------------

    def find(self, name: Entity | str) -> Entity:
        """The entity called ``name``: id, label or alias, ignoring case, punctuation and a leading "the".

        A label beats an alias ("Seoul" the city over Seoul the metonym of South Korea); among
        equals, the entity in most relations wins.

        Raises
        ------
        KeyError
            When no entity has that name; the message names close matches.
        """
        if isinstance(name, Entity):
            return name
        by_id = self.entity(name)
        if by_id is not None:
            return by_id
        key = lookup_key(name)
        labels = [e for e in self.entities if lookup_key(e.label) == key]
        candidates = labels or [e for e in self.entities if any(lookup_key(a) == key for a in e.aliases)]
        if len(candidates) > 1:
            degrees = self._degrees()
            return min(candidates, key=lambda e: (-degrees[e.id], e.id))
        if candidates:
            return candidates[0]
        raise KeyError(self._not_found_message(name))

    def _not_found_message(self, name: str) -> str:
        names: dict[str, str] = {}
        for e in self.entities:
            for n in (e.label, *e.aliases):
                names.setdefault(lookup_key(n), e.label if n == e.label else f"{n} ({e.label})")
        close = difflib.get_close_matches(lookup_key(name), list(names), n=5, cutoff=0.6)
        hint = f"; close matches: {', '.join(names[c] for c in close)}" if close else ""
        return f"no entity named {name!r} among {len(self.entities)} entities{hint}"

    # -- tables ----------------------------------------------------------------------------------

    def entities_df(self) -> pd.DataFrame:
        """One row per entity, with how many documents mention it and how many relations it is in."""
        index, degrees = self._entity_index(), self._degrees()
        rows = [{"id": e.id, "label": e.label, "type": e.type,
                 "country": label(e.country, index) if e.country != e.id else None,
                 "wikidata": e.wikidata, "aliases": "; ".join(e.aliases), "documents": len(e.documents),
                 "relations": degrees[e.id]} for e in self.entities]
        return pd.DataFrame(rows, columns=list(ENTITY_COLUMNS))

    def relations_df(self) -> pd.DataFrame:
        """One row per relation: actors by label, modality, time, attribution and the first evidence."""
        index = self._entity_index()
        rows = [self._relation_row(r, index) for r in self.relations]
        return pd.DataFrame(rows, columns=list(RELATION_COLUMNS))

    def _relation_row(self, r: Relation, index: dict[str, Entity]) -> dict:
        first = r.evidence[0] if r.evidence else None
        return {
            "id": r.id, "type": r.type, "actors": actors_text(r, index),
            "source": label(r.source, index), "target": label(r.target, index),
            "participants": ", ".join(label(p, index) for p in r.participants),
            "modality": r.modality, "modality_class": MODALITY_CLASS.get(r.modality),
            "time": r.time, "location": label(r.location, index),
            "attributed_to": label(r.attributed_to, index),
            "object": "; ".join(r.object), "role": r.role, "confidence": r.confidence,
            "evidence": len(r.evidence), "documents": len({ev.doc for ev in r.evidence}),
            "sentence": first.sentence if first else None,
            "source_id": r.source, "target_id": r.target, "attributed_to_id": r.attributed_to,
        }

    def evidence_df(self) -> pd.DataFrame:
        """One row per evidence sentence, with its document's title, date and source."""
        documents = {d.id: d for d in self.documents}
        rows = []
        for r in self.relations:
            for ev in r.evidence:
                doc = documents.get(ev.doc)
                rows.append({"relation": r.id, "type": r.type, "modality": r.modality, "doc": ev.doc,
                             "title": doc.title if doc else None, "date": doc.date if doc else None,
                             "source": doc.source if doc else None, "sentence": ev.sentence,
                             "trigger": ev.trigger, "start": ev.start, "end": ev.end})
        return pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS))

    # -- questions -------------------------------------------------------------------------------

    def neighbors(self, name: Entity | str, *, include_members: bool = False) -> pd.DataFrame:
        """The actors ``name`` has relations with, most connected first.

        ``directions`` says how: "out" (it is the source), "in" (the target), "mutual" (symmetric).
        With ``include_members``, relations of its people and organisations (entities whose
        ``country`` it is, such as its president) count as its own.

        Returns
        -------
        pandas.DataFrame
            Columns ``NEIGHBOR_COLUMNS``, one row per counterpart.

        Raises
        ------
        KeyError
            When no entity is called ``name``.
        """
        group = self._actor_group(name, include_members)
        index = self._entity_index()
        counts: Counter = Counter()
        types, modalities, directions = defaultdict(set), defaultdict(set), defaultdict(set)
        for r in self.relations:
            for other, direction in _counterparts(r, group).items():
                counts[other] += 1
                types[other].add(r.type)
                modalities[other].add(r.modality)
                directions[other].add(direction)
        rows = [{"id": other, "label": label(other, index), "type": index[other].type if other in index else None,
                 "relations": n, "types": ", ".join(sorted(types[other])),
                 "modalities": ", ".join(m for m in MODALITIES if m in modalities[other]),
                 "directions": ", ".join(sorted(directions[other]))} for other, n in counts.items()]
        rows.sort(key=lambda row: (-row["relations"], row["label"], row["id"]))
        return pd.DataFrame(rows, columns=list(NEIGHBOR_COLUMNS))

    def timeline(self, name: Entity | str, *, include_members: bool = False) -> pd.DataFrame:
        """The relations ``name`` takes part in, oldest first; undated ones last.

        ``when`` is the relation's own time when the text gives one ("dated_by" = "text"), else
        the date of the earliest document reporting it ("document"). ``include_members`` as in
        :meth:`neighbors`.

        Raises
        ------
        KeyError
            When no entity is called ``name``.
        """
        group = self._actor_group(name, include_members)
        index, documents = self._entity_index(), {d.id: d for d in self.documents}
        rows = []
        for position, r in enumerate(self.relations):
            acting_as = _role_of(r, group)
            if acting_as is None:
                continue
            when, dated_by = relation_date(r, documents)
            row = {**self._relation_row(r, index), "when": when, "dated_by": dated_by, "acting_as": acting_as}
            rows.append((date_sort_key(when), position, row))
        rows.sort(key=lambda item: item[:2])
        return pd.DataFrame([row for *_, row in rows], columns=list(TIMELINE_COLUMNS))

    def contest_links(self) -> dict[str, list[str]]:
        """Relation id -> the sorted ids of the relations contesting it (see :mod:`kgraph.contest`).

        Uncontested relations are absent; graph.json writes the list as a relation's ``contested_by``.
        """
        return contest_links(self.relations)

    def contested(self) -> pd.DataFrame:
        """The contested claims: one row per pair of relations with the same type and actors that
        one source presents as fact or suspicion and another as negated (see :mod:`kgraph.contest`).

        "Ukraine's intelligence service said Belarus had sent tanks to Russia" in one article and
        "Belarus denied sending tanks to Russia" in another give one row: arms_transfer
        Belarus → Russia, claim "reported" claimed by Ukraine, denial "negated" denied by Belarus.

        Returns
        -------
        pandas.DataFrame
            Columns ``CONTESTED_COLUMNS``: the type, the actors by label, then for each side
            (claim, denial) its modality, who the text attributes it to (a label, or None when
            the writer says it), the ids of its documents (comma-separated) and its first evidence
            sentence; ``claim`` and ``denial`` are the relations' ids. Rows follow the claims'
            order in the graph, then the denials'.

        Examples
        --------
        >>> from kgraph.model import Evidence, Relation
        >>> said = Relation("arms_transfer", "Q184", "Q159", modality="reported", attributed_to="Q212",
        ...                 evidence=[Evidence("a", "Kyiv said Minsk sent tanks to Moscow.", 0, 38)])
        >>> denied = Relation("arms_transfer", "Q184", "Q159", modality="negated", attributed_to="Q184",
        ...                   evidence=[Evidence("b", "Minsk denied sending tanks to Moscow.", 0, 37)])
        >>> KnowledgeGraph(relations=[said, denied]).contested()[["claim_modality", "denied_by"]].values.tolist()
        [['reported', 'Q184']]
        """
        index = self._entity_index()
        rows = []
        for claim, denial in contested_pairs(self.relations):
            row = {"type": claim.type, "actors": actors_text(claim, index)}
            for side, verb, relation in (("claim", "claimed_by", claim), ("denial", "denied_by", denial)):
                first = relation.evidence[0] if relation.evidence else None
                row.update({f"{side}_modality": relation.modality, verb: label(relation.attributed_to, index),
                            f"{side}_documents": ", ".join(dict.fromkeys(ev.doc for ev in relation.evidence)),
                            f"{side}_sentence": first.sentence if first else None, side: relation.id})
            rows.append(row)
        return pd.DataFrame(rows, columns=list(CONTESTED_COLUMNS))

    def subgraph(self, *, types: str | Iterable[str] | None = None, modality: str | Iterable[str] | None = None,
                 since: str | dt.date | None = None, until: str | dt.date | None = None,
                 entities: Entity | str | Iterable[Entity | str] | None = None, depth: int = 1) -> KnowledgeGraph:
        """The part of the graph that passes every filter given, as a KnowledgeGraph of the same records.

        ``types``: relation types; ``modality``: modalities ("expected") or their classes ("future");
        ``since``/``until``: ISO dates, partial ones too ("2024-06"): a relation stays when its date
        (its own, else its earliest document's) can fall in the window, and drops out when it has
        none; ``entities``: names, keeps their neighbourhood ``depth`` relations deep and the
        relations among it (the ego network). Without filters, everything; with them, the
        entities the kept relations cite, plus the named ones.

        Raises
        ------
        UsageError
            For an unknown type or modality, a ``since``/``until`` that is no date, or a
            negative ``depth`` (a ValueError too).
        KeyError
            For a name in ``entities`` no entity has.
        """
        if depth < 0:
            raise UsageError(f"depth must be 0 or more, not {depth}")
        if all(f is None for f in (types, modality, since, until, entities)):
            return KnowledgeGraph(list(self.documents), list(self.entities), list(self.relations))
        wanted_types = _choices(types, RELATION_TYPES, "relation type")
        wanted_modalities = _modalities(modality)
        window = (date_bound(since, "since", 0), date_bound(until, "until", 1))
        documents = {d.id: d for d in self.documents}
        kept = [r for r in self.relations
                if (wanted_types is None or r.type in wanted_types)
                and (wanted_modalities is None or r.modality in wanted_modalities)
                and in_window(relation_date(r, documents)[0], *window)]
        named = {self.find(n).id for n in _as_list(entities)}
        if entities is not None:
            reach = _neighbourhood(named, kept, depth)
            kept = [r for r in kept if len(reach.intersection(r.actors())) >= min(2, len(r.actors()))]
        cited = set(named)
        for r in kept:
            cited.update(r.actors())
            cited.update(x for x in (r.attributed_to, r.location) if x)
        kept_entities = [e for e in self.entities if e.id in cited]
        doc_ids = {ev.doc for r in kept for ev in r.evidence} | {d for e in kept_entities for d in e.documents}
        return KnowledgeGraph(documents=[d for d in self.documents if d.id in doc_ids],
                              entities=kept_entities, relations=kept, provenance=self.provenance)

    def sparql(self, query: str, *, allow_service: bool = False) -> pd.DataFrame | bool:
        """Run SPARQL over the graph's RDF (common prefixes predeclared, see :mod:`kgraph.rdf.query`).

        SELECT gives a DataFrame with a column per variable, ASK a bool, CONSTRUCT and DESCRIBE
        a DataFrame of subject, predicate, object.

        Raises
        ------
        UsageError
            For a SPARQL Update, or a ``SERVICE`` clause (HTTP requests to another server)
            unless ``allow_service`` is true.
        SyntaxError
            For a query pyoxigraph cannot parse.
        """
        from .rdf.query import sparql
        result = sparql(self, query, allow_service=allow_service)
        if isinstance(result, bool):
            return result
        if result and isinstance(result[0], tuple):
            return pd.DataFrame(result, columns=["subject", "predicate", "object"])
        return pd.DataFrame(result)

    # -- display ---------------------------------------------------------------------------------

    def show(self, height: int = 600, **options) -> None:
        """Display the interactive viewer inline in a notebook, wherever it is called.

        It goes out through ``IPython.display.display``, so ``kg.show()`` shows the graph in a
        loop, a function or the middle of a cell, not only as a cell's last expression; it
        returns None (nothing is displayed twice).

        Parameters
        ----------
        height : int, optional
            Height of the inline frame in pixels (default 600).
        **options
            Passed to :meth:`to_html` (``size_by="evidence"``, ``show_negated=True``, ...).

        Raises
        ------
        ModuleNotFoundError
            Outside an environment with IPython installed.
        """
        from IPython.display import HTML, display

        from .export.html import notebook_iframe
        # Wrapped, because IPython warns about bare <iframe> HTML (it suggests IFrame, which needs a URL).
        display(HTML(f'<div class="kgraph-viewer">{notebook_iframe(self.to_html(**options), height=height)}</div>'))

    def __repr__(self) -> str:
        return (f"<KnowledgeGraph: {plural(len(self.documents), 'document')}, "
                f"{plural(len(self.entities), 'entity', 'entities')}, "
                f"{plural(len(self.relations), 'relation')}>")

    def _repr_html_(self) -> str:
        """A compact summary for notebooks: counts by type and modality, and the best-connected actors."""
        degrees = self._degrees()
        entity_types = Counter(e.type for e in self.entities)
        relation_types = Counter(r.type for r in self.relations)
        modalities = Counter(r.modality for r in self.relations)
        top = sorted((e for e in self.entities if degrees[e.id]), key=lambda e: (-degrees[e.id], e.label))
        tables = [
            _html_table("Entities", ("type", "n"), sorted(entity_types.items(), key=lambda kv: (-kv[1], kv[0]))),
            _html_table("Relations", ("type", "n"), [(t, relation_types[t]) for t in RELATION_TYPES
                                                     if relation_types[t]]),
            _html_table("Modality", ("modality", "n"), [(m, modalities[m]) for m in MODALITIES if modalities[m]]),
            _html_table("Top actors", ("actor", "relations"), [(e.label, degrees[e.id]) for e in top[:TOP_ACTORS]]),
        ]
        cell = '<div style="display:inline-block;vertical-align:top;margin-right:1.5em">{}</div>'
        return (f"<div><strong>{html.escape(repr(self))}</strong><br>"
                + "".join(cell.format(t) for t in tables) + "</div>")

    def _degrees(self) -> Counter:
        """How many relations each entity takes part in (as source, target or participant)."""
        return Counter(a for r in self.relations for a in r.actors())

    def _actor_group(self, name: Entity | str, include_members: bool) -> set[str]:
        entity = self.find(name)
        if not include_members:
            return {entity.id}
        return {entity.id} | {e.id for e in self.entities if e.country == entity.id}

    # -- plots (kgraph.plots; matplotlib figures) ------------------------------------------------

    def plot_dyads(self, **options):
        """Who does what to whom: actors x actors heatmaps, one per relation type or modality class.

        ``options`` go to :func:`kgraph.plots.plot_dyads` (``by``, ``actors``, ``top``, ``types``);
        returns a :class:`matplotlib.figure.Figure`. Raises UsageError on an unknown option value.
        """
        from .plots import plot_dyads
        return plot_dyads(self, **options)

    def plot_timeline(self, **options):
        """Relations over time, coloured by type and marked by modality class, in lanes by type or actor.

        ``options`` go to :func:`kgraph.plots.plot_timeline` (``actors``, ``types``, ``lanes``,
        ``include_members``, ``top``); returns a :class:`matplotlib.figure.Figure`.
        """
        from .plots import plot_timeline
        return plot_timeline(self, **options)

    def plot_modality(self, **options):
        """Factual, future, uncertain and negated relations per month, quarter or year, as stacked bars.

        ``options`` go to :func:`kgraph.plots.plot_modality` (``period``, ``types``, ``when``,
        ``share``); returns a :class:`matplotlib.figure.Figure`.
        """
        from .plots import plot_modality
        return plot_modality(self, **options)


def _first_position(relation: Relation, doc_rank: dict[str, int]) -> tuple[int, int]:
    """Where a relation was first read: (document rank, start offset); unread relations last."""
    if not relation.evidence:
        return (len(doc_rank), 0)
    first = relation.evidence[0]
    return (doc_rank.get(first.doc, len(doc_rank)), first.start)






def _counterparts(r: Relation, group: set[str]) -> dict[str, str]:
    """The actors on the other side of ``r`` from ``group``, with the direction seen from the group."""
    if r.type in SYMMETRIC_TYPES:
        actors = r.actors()
        if not group & set(actors):
            return {}
        return {a: "mutual" for a in actors if a not in group}
    if r.source in group and r.target is not None and r.target not in group:
        return {r.target: "out"}
    if r.target in group and r.source is not None and r.source not in group:
        return {r.source: "in"}
    return {}


def _role_of(r: Relation, group: set[str]) -> str | None:
    """How ``group`` takes part in ``r``: as its source, target or a participant (None: not at all)."""
    if r.type not in SYMMETRIC_TYPES:
        if r.source in group:
            return "source"
        if r.target in group:
            return "target"
    return "participant" if group & set(r.actors()) else None




def _neighbourhood(seeds: set[str], relations: list[Relation], depth: int) -> set[str]:
    """The entities within ``depth`` relations of the seeds (a relation links all its actors)."""
    graph = nx.Graph()
    graph.add_nodes_from(seeds)
    for r in relations:
        actors = r.actors()
        graph.add_edges_from((a, b) for i, a in enumerate(actors) for b in actors[i + 1:])
    reach: set[str] = set()
    for seed in seeds:
        reach.update(nx.single_source_shortest_path_length(graph, seed, cutoff=depth))
    return reach


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (str, Entity)):
        return [value]
    return list(value)


def _choices(value: str | Iterable[str] | None, allowed: Iterable[str], what: str) -> set[str] | None:
    if value is None:
        return None
    chosen, allowed = set(_as_list(value)), tuple(allowed)
    unknown = sorted(chosen - set(allowed))
    if unknown:
        raise UsageError(f"unknown {what} {', '.join(map(repr, unknown))}; choose from {', '.join(allowed)}")
    return chosen


def _modalities(value: str | Iterable[str] | None) -> set[str] | None:
    """Modalities, with a coarse class ("future") standing for all of its modalities."""
    chosen = _choices(value, dict.fromkeys((*MODALITIES, *MODALITY_CLASS.values())), "modality")
    if chosen is None:
        return None
    return {m for m in MODALITIES if m in chosen or MODALITY_CLASS[m] in chosen}




def _html_table(caption: str, header: tuple[str, str], rows: list[tuple[object, object]]) -> str:
    cells = "".join(f"<tr><td style='text-align:left'>{html.escape(str(a))}</td><td>{html.escape(str(b))}</td></tr>"
                    for a, b in rows)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    return (f"<table><caption style='text-align:left'><em>{html.escape(caption)}</em></caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>")
