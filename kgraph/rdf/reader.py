"""Reading kgraph's own RDF (any of its formats) back into a KnowledgeGraph.

The reader inverts :func:`kgraph.rdf.mapping.quads`: documents, entities, statements and their
evidence come back with nothing lost (``kg:contestedBy`` links follow from the statements and
are computed again, :mod:`kgraph.contest`); the graph is returned in
:meth:`~kgraph.graph.KnowledgeGraph.canonical` order, so a round trip gives the same graph.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from rdflib import Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from ..graph import KnowledgeGraph
from ..model import ENTITY_TYPES, RELATION_TYPES, Document, Entity, Evidence, Provenance, Relation
from .formats import format_for_path, format_of
from .mapping import KG, OA, WD, canonical_participants, property_name


def from_rdf(data_or_path: str | bytes | Path, format: str | None = None) -> KnowledgeGraph:
    """Load kgraph's own RDF (any of its formats) back into a KnowledgeGraph.

    Participants and objects come back in their canonical order (source, target, others by
    id; objects sorted) unless an rdf:List kept another; the rest is put in the graph's
    canonical order (:meth:`KnowledgeGraph.canonical`: documents and entities by id, evidence in
    text order, relations by first evidence).

    Parameters
    ----------
    data_or_path : str, bytes or Path
        A path (a Path, or a one-line str naming an existing file), or the serialised text itself.
    format : str, optional
        A format name of :mod:`kgraph.rdf.formats`; default: the file's suffix, else Turtle.

    Returns
    -------
    KnowledgeGraph
        Documents carry metadata only (``text`` is "").

    Raises
    ------
    UsageError
        For an unknown format name.
    OSError
        When the file cannot be read.
    SyntaxError, ValueError, KeyError
        From rdflib's parsers, for text that is not RDF in that format or not kgraph's layout.

    Examples
    --------
    >>> from kgraph.model import Entity
    >>> from kgraph.rdf.writers import serialize
    >>> kg = KnowledgeGraph(entities=[Entity("Q423", "North Korea", "Country", ["DPRK"])])
    >>> from_rdf(serialize(kg)).entities == kg.entities
    True
    """
    graph = parse_rdf(data_or_path, format)
    return _graph_to_kg(graph)


def parse_rdf(data_or_path: str | bytes | Path, format: str | None = None) -> Graph:
    """RDF text or file as one rdflib Graph; the named graphs of TriG and N-Quads are merged.

    Parameters
    ----------
    data_or_path : str, bytes or Path
        A path (a Path, or a one-line str naming an existing file), or the serialised text itself.
    format : str, optional
        A format name of :mod:`kgraph.rdf.formats`; default: the file's suffix, else Turtle.

    Returns
    -------
    rdflib.Graph
        Any RDF, not only kgraph's (SHACL validation reads files through it).

    Raises
    ------
    UsageError
        For an unknown format name.
    OSError
        When the file cannot be read.
    SyntaxError, ValueError
        From rdflib's parsers, for text that is not RDF in that format.
    """
    is_path = isinstance(data_or_path, Path) or (
        isinstance(data_or_path, str) and "\n" not in data_or_path and len(data_or_path) < 4096
        and Path(data_or_path).is_file())
    if is_path:
        path = Path(data_or_path)
        format = format or format_for_path(path, default="turtle").name
        data = path.read_bytes()
    else:
        data = data_or_path.encode("utf-8") if isinstance(data_or_path, str) else data_or_path
        format = format or "turtle"
    spec = format_of(format)
    if not spec.dataset:
        return Graph().parse(data=data, format=spec.rdflib)
    dataset = Dataset()
    dataset.parse(data=data, format=spec.rdflib)
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


_CLASS_TYPES = {KG[t]: t for t in ENTITY_TYPES if t != "Other"}


def _graph_to_kg(graph: Graph) -> KnowledgeGraph:
    ids = {s: str(o) for s, o in graph.subject_objects(DCTERMS.identifier)}

    def id_of(node) -> str:
        return ids.get(node) or unquote(str(node).rstrip("/").rsplit("/", 1)[-1])

    def ref(node) -> str | None:
        """An entity reference: an IRI (its id) or a plain name."""
        if node is None:
            return None
        return id_of(node) if isinstance(node, URIRef) else str(node)

    def text(node) -> str | None:
        return None if node is None else str(node)

    types = {KG[property_name(t)]: t for t in RELATION_TYPES}
    documents = [
        Document(id=id_of(node), text="", title=text(graph.value(node, DCTERMS.title)),
                 date=text(graph.value(node, DCTERMS.date)), source=text(graph.value(node, DCTERMS.source)),
                 author=text(graph.value(node, DCTERMS.creator)))
        for node in graph.subjects(RDF.type, KG.Document)]

    entities = []
    for node in set(graph.subjects(RDF.type, KG.Entity)) | {s for c in _CLASS_TYPES for s in graph.subjects(RDF.type, c)}:
        classes = set(graph.objects(node, RDF.type))
        type_ = next((t for c, t in _CLASS_TYPES.items() if c in classes), "Other")
        wikidata = graph.value(node, OWL.sameAs)
        entities.append(Entity(
            id=id_of(node), label=str(graph.value(node, RDFS.label)), type=type_,
            aliases=sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
            wikidata=str(wikidata)[len(WD):] if wikidata is not None and str(wikidata).startswith(WD) else None,
            documents=[id_of(d) for d in graph.objects(node, KG.mentionedIn)],
            country=ref(graph.value(node, KG.country))))

    relations = []
    for node in graph.subjects(RDF.type, KG.Statement):
        source, target = ref(graph.value(node, KG.source)), ref(graph.value(node, KG.target))
        participants = _in_order(graph, node, KG.participant, KG.participantList, id_of)
        if graph.value(node, KG.participantList) is None:
            participants = canonical_participants(source, target, participants)
        time = text(graph.value(node, KG.time))
        start, end = graph.value(node, KG.startTime), graph.value(node, KG.endTime)
        if time is None and (start is not None or end is not None):
            time = f"{text(start) or ''}/{text(end) or ''}"
        evidence = []
        for ev in graph.objects(node, KG.evidence):
            position = next((s for s in graph.objects(ev, OA.hasSelector)
                             if (s, RDF.type, OA.TextPositionSelector) in graph), None)
            quote_ = next((s for s in graph.objects(ev, OA.hasSelector)
                           if (s, RDF.type, OA.TextQuoteSelector) in graph), None)
            evidence.append(Evidence(
                doc=id_of(graph.value(ev, OA.hasSource)), sentence=str(graph.value(quote_, OA.exact)),
                start=int(graph.value(position, OA.start)), end=int(graph.value(position, OA.end)),
                trigger=text(graph.value(ev, KG.trigger)), pattern=text(graph.value(ev, KG.pattern))))
        relations.append(Relation(
            type=types[graph.value(node, KG.relationType)], source=source, target=target,
            participants=participants,
            modality=str(graph.value(node, KG.modality))[len(KG):],
            attributed_to=ref(graph.value(node, KG.attributedTo)), time=time,
            location=ref(graph.value(node, KG.location)),
            object=_in_order(graph, node, KG.object, KG.objectList, str),
            confidence=float(graph.value(node, KG.confidence)), role=text(graph.value(node, KG.role)),
            cameo=text(graph.value(node, KG.cameoCode)), plover=text(graph.value(node, KG.ploverCode)),
            evidence=evidence))
    # The canonical order: documents and entities by id, evidence in text order, and so on.
    return KnowledgeGraph(documents=documents, entities=entities, relations=relations,
                          provenance=_provenance(graph)).canonical(in_place=True)


def _provenance(graph: Graph) -> Provenance | None:
    """The build's record (:func:`kgraph.rdf.mapping.provenance_triples`), or None without one."""
    activity = next((a for a in graph.subjects(RDF.type, PROV.Activity)
                     if (a, PROV.used, URIRef(f"{a}/knowledge")) in graph), None)
    if activity is None:
        return None

    def value(suffix: str, predicate) -> str | None:
        found = graph.value(URIRef(f"{activity}/{suffix}"), predicate)
        return None if found is None else str(found)

    return Provenance(kgraph=value("kgraph", OWL.versionInfo), spacy=value("spacy", OWL.versionInfo),
                      pipeline=value("pipeline", RDFS.label), pipeline_version=value("pipeline", OWL.versionInfo),
                      knowledge=value("knowledge", KG.digest))


def _in_order(graph: Graph, node, predicate, list_predicate, convert) -> list:
    """The values of a multi-valued property: in the order of its rdf:List when there is one, else sorted."""
    head = graph.value(node, list_predicate)
    if head is not None:
        return [convert(item) for item in Collection(graph, head)]
    return sorted(convert(value) for value in graph.objects(node, predicate))

