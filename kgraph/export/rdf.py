"""The graph as RDF: ontology terms, stable IRIs, two layers (direct triples + statements), both ways.

Layout (ontologies/kgraph.ttl documents every term):

* an entity ``ent:Q423`` (QID, else slug) with its class, ``rdfs:label``/``skos:altLabel`` in
  English, ``owl:sameAs`` Wikidata, ``kg:country``, ``kg:mentionedIn`` its documents;
* a document ``doc:ID`` (``kg:Document``, a ``prov:Entity``) with its title, date and source;
* a statement ``stmt:r_...`` (``kg:Statement``) for every relation, whatever its modality, with
  type, source/target/participants, modality (a SKOS concept), time, place, object, confidence,
  attribution, codes, ``prov:wasDerivedFrom`` its documents and ``kg:evidence``: a W3C Web
  Annotation ``oa:SpecificResource`` on the document with a text-position selector (character
  offsets) and a text-quote selector (the sentence);
* a direct triple ``ent:Q423 kg:armsTransfer ent:Q159`` only for asserted and reported relations
  (both directions for symmetric types).

Triples come from one generator (:func:`quads`), in an order that depends on the graph only, and
go to rdflib (sorted, pretty Turtle) or pyoxigraph (fast, for large graphs).  Named graphs: one
per source document, named by the document's IRI; entities and documents sit in the default graph.
"""
from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, unquote

from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer

from ..graph import KnowledgeGraph
from ..model import ENTITY_TYPES, SYMMETRIC_TYPES, Document, Entity, Evidence, Relation, stable_hash

#: The ontology's namespace: fixed, it names the vocabulary in ontologies/kgraph.ttl.
KG = Namespace("https://kgraph.dev/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
#: Where instance IRIs live unless the caller or KGRAPH_BASE_IRI says otherwise.
DEFAULT_BASE_IRI = "https://kgraph.dev/id/"
BASE_IRI_ENV = "KGRAPH_BASE_IRI"
ONTOLOGY_PATH = Path(__file__).resolve().parents[2] / "ontologies" / "kgraph.ttl"

#: Modalities that the text presents as fact: only these give a direct triple.
FACTUAL_MODALITIES = ("asserted", "reported")
#: Above this many relations and evidence records (each several triples), format="auto"
#: engines serialise through pyoxigraph: rdflib's in-memory sort grows too slow.
OXIGRAPH_MIN_RECORDS = 10_000

#: Format names (and aliases) -> (rdflib name, pyoxigraph name, is a dataset format).
FORMATS = {
    "turtle": ("turtle", "TURTLE", False),
    "nt": ("nt", "N_TRIPLES", False),
    "trig": ("trig", "TRIG", True),
    "nquads": ("nquads", "N_QUADS", True),
    "jsonld": ("json-ld", "JSON_LD", False),
}
FORMAT_ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "nq": "nquads", "n-quads": "nquads",
                  "json-ld": "jsonld"}
#: File suffix -> format, to read back what kgraph wrote.
SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "jsonld"}

_DATE_DATATYPES = (
    (re.compile(r"-?\d{4}-\d{2}-\d{2}"), XSD.date),
    (re.compile(r"-?\d{4}-\d{2}"), XSD.gYearMonth),
    (re.compile(r"-?\d{4}"), XSD.gYear),
    (re.compile(r"-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?"), XSD.dateTime),
)


def canonical_format(name: str) -> str:
    key = FORMAT_ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ValueError(f"unknown RDF format {name!r}; choose among {', '.join(FORMATS)}")
    return key


def base_iri(base: str | None = None) -> str:
    """The instance namespace: the argument, else $KGRAPH_BASE_IRI, else the default."""
    base = base or os.environ.get(BASE_IRI_ENV) or DEFAULT_BASE_IRI
    return base if base.endswith(("/", "#", ":")) else base + "/"


def property_name(relation_type: str) -> str:
    """``arms_transfer`` -> ``armsTransfer``: the ontology's property for a relation type."""
    head, *rest = relation_type.split("_")
    return head + "".join(part.capitalize() for part in rest)


@dataclass(frozen=True)
class Minter:
    """IRIs of one export: every one is a function of an id, so the same input gives the same IRI."""
    base: str

    @property
    def prefixes(self) -> dict[str, str]:
        return {"kg": str(KG), "ent": self.base + "entity/", "doc": self.base + "document/",
                "stmt": self.base + "statement/", "ev": self.base + "evidence/", "wd": str(WD),
                "dcterms": str(DCTERMS), "oa": str(OA), "owl": str(OWL), "prov": str(PROV),
                "rdfs": str(RDFS), "skos": str(SKOS), "xsd": str(XSD)}

    def entity(self, id_: str) -> URIRef:
        return URIRef(f"{self.base}entity/{_segment(id_)}")

    def document(self, id_: str) -> URIRef:
        return URIRef(f"{self.base}document/{_segment(id_)}")

    def statement(self, relation: Relation) -> URIRef:
        return URIRef(f"{self.base}statement/{relation.id}")

    def evidence(self, relation: Relation, evidence: Evidence) -> URIRef:
        key = (relation.id, evidence.doc, evidence.start, evidence.end, evidence.trigger or "")
        return URIRef(f"{self.base}evidence/{stable_hash(*key)}")


def _segment(id_: str) -> str:
    """An id as one IRI path segment (QIDs and slugs pass unchanged)."""
    return quote(id_, safe="-._~")


Quad = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal, URIRef | None]


def quads(kg: KnowledgeGraph, base: str | None = None, named_graphs: bool = True) -> Iterator[Quad]:
    """Every triple of the export with its named graph (a document IRI, or None for the default).

    With ``named_graphs`` a statement read from several documents is in each document's graph;
    without, every triple comes once, in the default graph.
    """
    mint = Minter(base_iri(base))
    entity_ids = {e.id for e in kg.entities}
    materiel = _materiel_names(kg.entities)
    for document in kg.documents:
        for triple in _document_triples(document, mint):
            yield (*triple, None)
    for entity in kg.entities:
        for triple in _entity_triples(entity, mint):
            yield (*triple, None)
    seen: set[str] = set()
    for relation in kg.relations:
        if relation.id in seen:
            raise ValueError(f"two relations share the id {relation.id} ({relation.key()}): merge the graph first")
        seen.add(relation.id)
        graphs = list(dict.fromkeys(mint.document(ev.doc) for ev in relation.evidence)) if named_graphs else []
        statement = [*_statement_triples(relation, mint, entity_ids, materiel), *_direct_triples(relation, mint)]
        for graph in graphs or [None]:
            for triple in statement:
                yield (*triple, graph)
        for evidence in relation.evidence:
            for triple in _evidence_triples(relation, evidence, mint):
                yield (*triple, mint.document(evidence.doc) if named_graphs else None)


def _document_triples(document: Document, mint: Minter):
    node = mint.document(document.id)
    yield node, RDF.type, KG.Document
    yield node, DCTERMS.identifier, Literal(document.id)
    if document.title:
        yield node, DCTERMS.title, Literal(document.title, lang="en")
    if document.date:
        yield node, DCTERMS.date, date_literal(document.date)
    if document.source:
        source = document.source
        yield node, DCTERMS.source, URIRef(source) if _is_url(source) else Literal(source)
    if document.author:
        yield node, DCTERMS.creator, Literal(document.author)


def _entity_triples(entity: Entity, mint: Minter):
    node = mint.entity(entity.id)
    yield node, RDF.type, KG[entity.type] if entity.type in ENTITY_TYPES and entity.type != "Other" else KG.Entity
    yield node, RDFS.label, Literal(entity.label, lang="en")
    yield node, DCTERMS.identifier, Literal(entity.id)
    for alias in entity.aliases:
        yield node, SKOS.altLabel, Literal(alias, lang="en")
    if entity.wikidata:
        yield node, OWL.sameAs, WD[entity.wikidata]
    if entity.country:
        yield node, KG.country, mint.entity(entity.country)
    for doc in entity.documents:
        yield node, KG.mentionedIn, mint.document(doc)


def _materiel_names(entities: list[Entity]) -> dict[str, str]:
    """Lower-cased label and aliases of each Materiel entity -> its id, to link a statement's objects."""
    names: dict[str, str] = {}
    for entity in entities:
        if entity.type == "Materiel":
            for name in (entity.label, *entity.aliases):
                names.setdefault(name.lower(), entity.id)
    return names


def _statement_triples(relation: Relation, mint: Minter, entity_ids: set[str], materiel: dict[str, str]):
    node = mint.statement(relation)
    yield node, RDF.type, KG.Statement
    yield node, DCTERMS.identifier, Literal(relation.id)
    yield node, KG.relationType, KG[property_name(relation.type)]
    yield node, KG.modality, KG[relation.modality]
    if relation.source:
        yield node, KG.source, mint.entity(relation.source)
    if relation.target:
        yield node, KG.target, mint.entity(relation.target)
    for participant in relation.participants:
        yield node, KG.participant, mint.entity(participant)
    if relation.participants != canonical_participants(relation.source, relation.target, relation.participants):
        yield from _rdf_list(node, KG.participantList, [mint.entity(p) for p in relation.participants],
                             relation.id + "_p")
    if relation.attributed_to:
        yield node, KG.attributedTo, _entity_or_name(relation.attributed_to, mint, entity_ids)
    if relation.time:
        start, slash, end = relation.time.partition("/")
        if slash:
            if start:
                yield node, KG.startTime, date_literal(start)
            if end:
                yield node, KG.endTime, date_literal(end)
        else:
            yield node, KG.time, date_literal(relation.time)
    if relation.location:
        yield node, KG.location, _entity_or_name(relation.location, mint, entity_ids)
    objects = [Literal(thing, lang="en") for thing in relation.object]
    for thing in objects:
        yield node, KG.object, thing
    if relation.object != sorted(set(relation.object)):
        yield from _rdf_list(node, KG.objectList, objects, relation.id + "_o")
    for id_ in dict.fromkeys(materiel[t.lower()] for t in relation.object if t.lower() in materiel):
        yield node, KG.materiel, mint.entity(id_)
    yield node, KG.confidence, Literal(_decimal(relation.confidence), datatype=XSD.decimal)
    if relation.role:
        yield node, KG.role, Literal(relation.role, lang="en")
    if relation.cameo:
        yield node, KG.cameoCode, Literal(relation.cameo)
    if relation.plover:
        yield node, KG.ploverCode, Literal(relation.plover)
    for doc in dict.fromkeys(ev.doc for ev in relation.evidence):
        yield node, PROV.wasDerivedFrom, mint.document(doc)
    for evidence in relation.evidence:
        yield node, KG.evidence, mint.evidence(relation, evidence)


def canonical_participants(source: str | None, target: str | None, participants) -> list[str]:
    """The order RDF restores without a list: source, target, then the others by id."""
    lead = [p for p in dict.fromkeys((source, target)) if p is not None and p in participants]
    return lead + sorted(set(participants) - set(lead))


def _rdf_list(node: URIRef, predicate: URIRef, items: list, label: str):
    """An rdf:List of ``items`` with stably labelled cells, for an order RDF would not restore.

    The multi-valued property beside it is what queries use; the list keeps the text's order.
    """
    cells = [BNode(f"{label}{i}") for i in range(len(items))]
    yield node, predicate, cells[0]
    for i, (cell, item) in enumerate(zip(cells, items)):
        yield cell, RDF.first, item
        yield cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil


def _direct_triples(relation: Relation, mint: Minter):
    """The plain edge, for relations the text presents as fact."""
    if relation.modality not in FACTUAL_MODALITIES:
        return
    predicate = KG[property_name(relation.type)]
    if relation.type in SYMMETRIC_TYPES:
        members = sorted(set(relation.participants or [p for p in (relation.source, relation.target) if p]))
        for a in members:
            for b in members:
                if a != b:
                    yield mint.entity(a), predicate, mint.entity(b)
    elif relation.source and relation.target:
        yield mint.entity(relation.source), predicate, mint.entity(relation.target)


def _evidence_triples(relation: Relation, evidence: Evidence, mint: Minter):
    node = mint.evidence(relation, evidence)
    position, quote_ = URIRef(node + "-position"), URIRef(node + "-quote")
    yield node, RDF.type, KG.Evidence
    yield node, RDF.type, OA.SpecificResource
    yield node, OA.hasSource, mint.document(evidence.doc)
    yield node, OA.hasSelector, position
    yield node, OA.hasSelector, quote_
    if evidence.trigger:
        yield node, KG.trigger, Literal(evidence.trigger)
    yield position, RDF.type, OA.TextPositionSelector
    yield position, OA.start, Literal(str(evidence.start), datatype=XSD.nonNegativeInteger)
    yield position, OA.end, Literal(str(evidence.end), datatype=XSD.nonNegativeInteger)
    yield quote_, RDF.type, OA.TextQuoteSelector
    yield quote_, OA.exact, Literal(evidence.sentence)


def _entity_or_name(value: str, mint: Minter, entity_ids: set[str]) -> URIRef | Literal:
    """An entity of the graph by IRI; a name that is no entity stays a name."""
    return mint.entity(value) if value in entity_ids else Literal(value)


def date_literal(value: str) -> Literal:
    """ISO dates as precise as they are: xsd:date, xsd:gYearMonth, xsd:gYear; other text stays text."""
    for pattern, datatype in _DATE_DATATYPES:
        if pattern.fullmatch(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def _decimal(value: float) -> str:
    return format(Decimal(repr(float(value))), "f")


def _is_url(text: str) -> bool:
    return re.match(r"(https?|ftp)://[^\s<>\"{}|\\^`]+$", text) is not None


# ------------------------------------------------------------------------------------------ writing

def to_rdflib(kg: KnowledgeGraph, base: str | None = None, named_graphs: bool = False) -> Graph | Dataset:
    """An rdflib Graph (or, with ``named_graphs``, a Dataset with one graph per source document)."""
    mint = Minter(base_iri(base))
    if named_graphs:
        dataset = Dataset()
        _bind(dataset, mint)
        graphs: dict[URIRef | None, Graph] = {}
        for s, p, o, g in quads(kg, base, named_graphs=True):
            if g not in graphs:
                graphs[g] = dataset.graph(g) if g is not None else dataset.default_graph
            graphs[g].add((s, p, o))
        return dataset
    graph = Graph()
    _bind(graph, mint)
    for s, p, o, _ in quads(kg, base, named_graphs=False):
        graph.add((s, p, o))
    return graph


def _bind(graph: Graph, mint: Minter) -> None:
    for prefix, namespace in mint.prefixes.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def serialize(kg: KnowledgeGraph, format: str = "turtle", *, base: str | None = None, engine: str = "auto") -> str:
    """The graph in ``format`` (turtle, nt, trig, nquads, jsonld); the same graph gives the same bytes.

    ``engine``: "rdflib" (sorted, compact Turtle), "oxigraph" (streams; for large graphs), or
    "auto" (oxigraph above OXIGRAPH_MIN_RECORDS relations and evidence records).
    """
    out = io.BytesIO()
    write(kg, out, format, base=base, engine=engine)
    return out.getvalue().decode("utf-8")


def write_rdf(kg: KnowledgeGraph, path: str | Path, format: str | None = None, *, base: str | None = None,
              engine: str = "auto") -> Path:
    """Serialise to ``path`` atomically; the format defaults to the file's suffix."""
    from . import write_atomic

    path = Path(path)
    format = format or SUFFIX_FORMATS.get(path.suffix.lower(), "turtle")
    buffer = io.BytesIO()
    write(kg, buffer, format, base=base, engine=engine)
    return write_atomic(path, buffer.getvalue())


def write(kg: KnowledgeGraph, out: io.BufferedIOBase, format: str = "turtle", *, base: str | None = None,
          engine: str = "auto") -> None:
    format = canonical_format(format)
    if engine == "auto":
        records = len(kg.relations) + sum(len(r.evidence) for r in kg.relations)
        engine = "oxigraph" if records > OXIGRAPH_MIN_RECORDS else "rdflib"
    if engine == "rdflib" or format == "jsonld":  # pyoxigraph writes expanded JSON-LD only, without a context
        out.write(_rdflib_bytes(kg, format, base))
    elif engine == "oxigraph":
        _oxigraph_write(kg, out, format, base)
    else:
        raise ValueError(f"unknown engine {engine!r}; choose rdflib, oxigraph or auto")


def _rdflib_bytes(kg: KnowledgeGraph, format: str, base: str | None) -> bytes:
    rdflib_name, _, is_dataset = FORMATS[format]
    graph = to_rdflib(kg, base, named_graphs=is_dataset)
    if format == "jsonld":
        return _jsonld(graph, Minter(base_iri(base)))
    if format in ("turtle", "trig"):
        buffer = io.BytesIO()
        writer = _SectionedTurtle if format == "turtle" else _SectionedTrig
        writer(graph, Minter(base_iri(base))).serialize(buffer, encoding="utf-8")
        return buffer.getvalue()
    data = graph.serialize(format=rdflib_name, encoding="utf-8")
    if format in ("nt", "nquads"):  # rdflib writes lines in store order: sort them into canonical order
        lines = sorted({line.rstrip(" .") + " ." for line in data.decode("utf-8").splitlines() if line})
        data = ("\n".join(lines) + "\n").encode("utf-8")
    return data


class _SectionOrder:
    """Subjects in reading order: documents, entities, statements, evidence, then by IRI.

    (rdflib's own order puts the least-referenced subjects first, which scatters a graph's parts.)
    """
    sections: list[str]

    def orderSubjects(self):  # noqa: N802 (rdflib's name)
        def key(subject):
            rank = next((i for i, ns in enumerate(self.sections) if str(subject).startswith(ns)), len(self.sections))
            return (rank, str(subject))
        return sorted(self._subjects, key=key)


class _SectionedTurtle(_SectionOrder, TurtleSerializer):
    def __init__(self, graph: Graph, mint: Minter) -> None:
        super().__init__(graph)
        self.sections = [mint.prefixes[name] for name in ("doc", "ent", "stmt", "ev")]


class _SectionedTrig(_SectionOrder, TrigSerializer):
    """TriG with the default graph first, then the named graphs by IRI."""

    def __init__(self, dataset: Dataset, mint: Minter) -> None:
        super().__init__(dataset)
        self.sections = [mint.prefixes[name] for name in ("doc", "ent", "stmt", "ev")]
        unique = {c.identifier: c for c in self.contexts}
        self.contexts = sorted(unique.values(),
                               key=lambda c: (c.identifier != self.default_context, str(c.identifier)))


def _jsonld(graph: Graph, mint: Minter) -> bytes:
    """JSON-LD compacted with an inline context (prefixes), node objects sorted by @id."""
    document = json.loads(graph.serialize(format="json-ld", context=mint.prefixes, auto_compact=True))
    nodes = document.get("@graph", [document] if "@id" in document else [])
    nodes = [_sorted_node(node) for node in nodes]
    nodes.sort(key=lambda node: node.get("@id", ""))
    result = {"@context": document["@context"], "@graph": nodes}
    return (json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _sorted_node(value):
    """Multi-valued properties come in store order; sort them so the bytes depend on the graph only."""
    if isinstance(value, dict):
        return {k: v if k == "@list" else _sorted_node(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_node(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _oxigraph_write(kg: KnowledgeGraph, out: io.BufferedIOBase, format: str, base: str | None) -> None:
    import pyoxigraph as ox

    _, ox_name, is_dataset = FORMATS[format]
    terms = OxigraphTerms()
    if is_dataset:
        stream = (ox.Quad(terms(s), terms(p), terms(o), terms(g) if g is not None else ox.DefaultGraph())
                  for s, p, o, g in quads(kg, base))
    else:
        stream = (ox.Triple(terms(s), terms(p), terms(o)) for s, p, o, _ in quads(kg, base, named_graphs=False))
    ox.serialize(stream, out, getattr(ox.RdfFormat, ox_name), prefixes=Minter(base_iri(base)).prefixes)


class OxigraphTerms:
    """rdflib term -> pyoxigraph term, IRIs cached (the same few predicates recur millions of times)."""

    def __init__(self) -> None:
        import pyoxigraph as ox
        self.ox = ox
        self.iris: dict[str, object] = {}

    def __call__(self, term):
        if isinstance(term, BNode):
            return self.ox.BlankNode(str(term))
        if isinstance(term, URIRef):
            node = self.iris.get(term)
            if node is None:
                node = self.iris[term] = self.ox.NamedNode(str(term))
            return node
        if term.language:
            return self.ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return self.ox.Literal(str(term), datatype=self(term.datatype))
        return self.ox.Literal(str(term))


# ------------------------------------------------------------------------------------------ reading

def from_rdf(data_or_path: str | bytes | Path, format: str | None = None) -> KnowledgeGraph:
    """Load kgraph's own RDF (any of its formats) back into a KnowledgeGraph.

    ``data_or_path``: a path, or the serialised text itself.  Participants and objects come back
    in their canonical order (source, target, others by id; objects sorted) unless an rdf:List
    kept another; the rest is put in the merger's canonical order
    (documents and entities by id, evidence in text order, relations by first evidence).
    """
    graph = _parse(data_or_path, format)
    return _graph_to_kg(graph)


def _parse(data_or_path: str | bytes | Path, format: str | None) -> Graph:
    is_path = isinstance(data_or_path, Path) or (
        isinstance(data_or_path, str) and "\n" not in data_or_path and len(data_or_path) < 4096
        and Path(data_or_path).is_file())
    if is_path:
        path = Path(data_or_path)
        format = format or SUFFIX_FORMATS.get(path.suffix.lower(), "turtle")
        data = path.read_bytes()
    else:
        data = data_or_path.encode("utf-8") if isinstance(data_or_path, str) else data_or_path
        format = format or "turtle"
    rdflib_name, _, is_dataset = FORMATS[canonical_format(format)]
    if not is_dataset:
        return Graph().parse(data=data, format=rdflib_name)
    dataset = Dataset()
    dataset.parse(data=data, format=rdflib_name)
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


_CLASS_TYPES = {KG[t]: t for t in ENTITY_TYPES if t != "Other"}


def _graph_to_kg(graph: Graph) -> KnowledgeGraph:
    from ..merge import GraphMerger
    from ..model import RELATION_TYPES

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
                trigger=text(graph.value(ev, KG.trigger))))
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
    # The merger's canonical order: documents and entities by id, evidence in text order, and so on.
    return GraphMerger(KnowledgeGraph(documents=documents, entities=entities, relations=relations)).graph()


def _in_order(graph: Graph, node, predicate, list_predicate, convert) -> list:
    """The values of a multi-valued property: in the order of its rdf:List when there is one, else sorted."""
    head = graph.value(node, list_predicate)
    if head is not None:
        return [convert(item) for item in Collection(graph, head)]
    return sorted(convert(value) for value in graph.objects(node, predicate))


def load_ontology() -> Graph:
    """ontologies/kgraph.ttl as an rdflib Graph."""
    return Graph().parse(ONTOLOGY_PATH, format="turtle")
