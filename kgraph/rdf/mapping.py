"""The graph as RDF triples: ontology terms, stable IRIs, two layers (direct triples + statements).

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
  (both directions for symmetric types);
* ``stmt:r_a kg:contestedBy stmt:r_b`` (both ways) between the statements of a contested claim
  (:mod:`kgraph.contest`); readers need not keep it, it follows from the statements.

* the build, when the graph records it (:class:`~kgraph.model.Provenance`): a ``prov:Activity``
  ``{base}activity/<digest>`` that every statement ``prov:wasGeneratedBy``, associated with the
  kgraph and spaCy ``prov:SoftwareAgent`` s and using the pipeline and the knowledge files
  (``kg:digest``), versions as ``owl:versionInfo``; no timestamp, so exports stay byte-identical.

Every export also carries the vocabulary the data relies on: the triples of ontologies/kgraph.ttl
(class hierarchy, symmetric properties, the relation-type and modality schemes with their
``skos:notation`` and ``skos:broader``), so a triple store or a SHACL engine that loads one file
answers every shipped query and check without loading another.

Triples come from one generator (:func:`quads`), in an order that depends on the graph only; it
feeds rdflib and pyoxigraph (:mod:`kgraph.rdf.writers`) and the SPARQL store
(:mod:`kgraph.rdf.query`).

Named graphs (TriG, N-Quads): every triple is in exactly one named graph and none in the default
graph, so the union of the graphs is the Turtle export, triple for triple (no duplicates in a
store that queries the union with bag semantics, as Virtuoso does):

* ``https://kgraph.dev/ontology`` (:data:`ONTOLOGY_GRAPH`): the vocabulary;
* ``{base}graph/shared`` (:meth:`Minter.shared_graph`): what no one document owns: entities, the
  statements (type, participants, modality, time, codes...), the direct triples, contest links
  and the build's provenance;
* one graph per source document, named by the document's IRI: the document's metadata, the
  entities it mentions (``kg:mentionedIn``), and for each statement it reports the link
  ``prov:wasDerivedFrom`` and its evidence records (``kg:evidence``, selectors, sentence).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..contest import contest_links
from ..dates import date_precision
from ..graph import KnowledgeGraph
from ..model import ENTITY_TYPES, SYMMETRIC_TYPES, Document, Entity, Evidence, Provenance, Relation, stable_hash
from ..resources import ontology_file, shipped


#: The ontology's namespace: fixed, it names the vocabulary in ontologies/kgraph.ttl.
KG = Namespace("https://kgraph.dev/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
#: Where instance IRIs live unless the caller or KGRAPH_BASE_IRI says otherwise.
DEFAULT_BASE_IRI = "https://kgraph.dev/id/"
BASE_IRI_ENV = "KGRAPH_BASE_IRI"
#: The ontology's IRI; in TriG and N-Quads, the named graph that holds the vocabulary.
ONTOLOGY_GRAPH = URIRef("https://kgraph.dev/ontology")
#: The shipped ontology; :func:`ontology_path` is the one in use ($KGRAPH_ONTOLOGIES may replace it).
ONTOLOGY_PATH = shipped("ontologies") / "kgraph.ttl"


def ontology_path() -> Path:
    """kgraph.ttl of the knowledge folder in use (:func:`kgraph.resources.ontologies_dir`).

    Raises
    ------
    KnowledgeError
        When that folder has no kgraph.ttl.
    """
    return ontology_file("kgraph.ttl")

#: Precision of an ISO date (see :func:`kgraph.dates.date_precision`) -> its XSD datatype.
_DATE_DATATYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear, "datetime": XSD.dateTime}

#: Modalities that the text presents as fact: only these give a direct triple.
FACTUAL_MODALITIES = ("asserted", "reported")


def base_iri(base: str | None = None) -> str:
    """The instance namespace: the argument, else $KGRAPH_BASE_IRI, else the default.

    Returns
    -------
    str
        The namespace, ending in "/", "#" or ":" (a "/" is added otherwise).

    Examples
    --------
    >>> base_iri("https://example.org/kg")
    'https://example.org/kg/'
    """
    base = base or os.environ.get(BASE_IRI_ENV) or DEFAULT_BASE_IRI
    return base if base.endswith(("/", "#", ":")) else base + "/"


def property_name(relation_type: str) -> str:
    """The ontology's property for a relation type: its name in lower camel case.

    Examples
    --------
    >>> property_name("arms_transfer")
    'armsTransfer'
    """
    head, *rest = relation_type.split("_")
    return head + "".join(part.capitalize() for part in rest)


@dataclass(frozen=True)
class Minter:
    """IRIs of one export: every one is a function of an id, so the same input gives the same IRI.

    Parameters
    ----------
    base : str
        The instance namespace (see :func:`base_iri`); entities go under ``{base}entity/``,
        documents ``document/``, statements ``statement/``, evidence ``evidence/``.

    Examples
    --------
    >>> Minter("https://kgraph.dev/id/").entity("b news/2")
    rdflib.term.URIRef('https://kgraph.dev/id/entity/b%20news%2F2')
    """
    base: str

    @property
    def prefixes(self) -> dict[str, str]:
        """Prefix -> namespace of every export (kg:, ent:, doc:, stmt:, ev:, wd: and the W3C ones)."""
        return {"kg": str(KG), "ent": self.base + "entity/", "doc": self.base + "document/",
                "stmt": self.base + "statement/", "ev": self.base + "evidence/", "wd": str(WD),
                "dcterms": str(DCTERMS), "oa": str(OA), "owl": str(OWL), "prov": str(PROV),
                "rdfs": str(RDFS), "skos": str(SKOS), "xsd": str(XSD)}

    def entity(self, id_: str) -> URIRef:
        """The IRI of the entity ``id_`` (a QID or slug, percent-encoded as one path segment)."""
        return URIRef(f"{self.base}entity/{_segment(id_)}")

    def document(self, id_: str) -> URIRef:
        """The IRI of the document ``id_``; it also names the document's named graph."""
        return URIRef(f"{self.base}document/{_segment(id_)}")

    def shared_graph(self) -> URIRef:
        """The named graph of entities, statements and direct triples (TriG and N-Quads exports)."""
        return URIRef(f"{self.base}graph/shared")

    def statement(self, relation: Relation) -> URIRef:
        """The IRI of a relation's statement node, from ``relation.id`` (a digest of its key)."""
        return URIRef(f"{self.base}statement/{relation.id}")

    def activity(self, provenance: Provenance) -> URIRef:
        """The IRI of the build that produced a graph: a digest of its provenance record; its
        agents and inputs are ``/kgraph``, ``/spacy``, ``/pipeline`` and ``/knowledge`` below it."""
        fields = (provenance.kgraph, provenance.spacy, provenance.pipeline, provenance.pipeline_version,
                  provenance.knowledge)
        return URIRef(f"{self.base}activity/{stable_hash(*fields)}")

    def evidence(self, relation: Relation, evidence: Evidence) -> URIRef:
        """The IRI of one evidence record: a digest of relation id, document, offsets and trigger."""
        key = (relation.id, evidence.doc, evidence.start, evidence.end, evidence.trigger or "")
        return URIRef(f"{self.base}evidence/{stable_hash(*key)}")


def _segment(id_: str) -> str:
    """An id as one IRI path segment (QIDs and slugs pass unchanged)."""
    return quote(id_, safe="-._~")


#: (subject, predicate, object, named graph or None for the default graph).
Quad = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal, URIRef | None]


def quads(kg: KnowledgeGraph, base: str | None = None, named_graphs: bool = True,
          vocabulary: bool = True) -> Iterator[Quad]:
    """Every triple of the export with its named graph (None for the default graph).

    With ``named_graphs`` every triple is in exactly one named graph (see the module's layout:
    the vocabulary, the shared graph, one graph per document) and none in the default graph;
    without, every triple comes once, in the default graph.

    Parameters
    ----------
    kg : KnowledgeGraph
        A merged graph (one relation per id).
    base : str, optional
        The instance namespace (see :func:`base_iri`).
    named_graphs : bool
        Whether triples carry a named graph.
    vocabulary : bool
        Whether the ontology's triples come too (first), so that the export is self-sufficient.

    Yields
    ------
    Quad
        rdflib terms; the order depends on the graph only.

    Raises
    ------
    ValueError
        When two relations share an id (an unmerged graph).
    OSError
        When ``vocabulary`` is set and ontologies/kgraph.ttl cannot be read.
    """
    mint = Minter(base_iri(base))
    shared = mint.shared_graph() if named_graphs else None

    def own(doc: str) -> URIRef | None:
        return mint.document(doc) if named_graphs else None

    if vocabulary:
        for triple in vocabulary_triples():
            yield (*triple, ONTOLOGY_GRAPH if named_graphs else None)
    entity_ids = {e.id for e in kg.entities}
    materiel = _materiel_names(kg.entities)
    for document in kg.documents:
        for triple in _document_triples(document, mint):
            yield (*triple, own(document.id))
    for entity in kg.entities:
        node = mint.entity(entity.id)
        for triple in _entity_triples(entity, mint):
            yield (*triple, shared)
        for doc in entity.documents:
            yield node, KG.mentionedIn, mint.document(doc), own(doc)
    activity = None
    if kg.provenance is not None:
        activity = mint.activity(kg.provenance)
        for triple in provenance_triples(kg.provenance, activity):
            yield (*triple, shared)
    seen: set[str] = set()
    direct: set[tuple] = set()   # one plain edge may stand for several statements: written once
    links = contest_links(kg.relations)
    for relation in kg.relations:
        if relation.id in seen:
            raise ValueError(f"two relations share the id {relation.id} ({relation.key()}): merge the graph first")
        seen.add(relation.id)
        node = mint.statement(relation)
        for triple in _statement_triples(relation, mint, entity_ids, materiel):
            yield (*triple, shared)
        for triple in _direct_triples(relation, mint):
            if triple not in direct:
                direct.add(triple)
                yield (*triple, shared)
        for triple in _contest_triples(relation, links.get(relation.id, ()), mint):
            yield (*triple, shared)
        for doc in dict.fromkeys(ev.doc for ev in relation.evidence):
            yield node, PROV.wasDerivedFrom, mint.document(doc), own(doc)
        if activity is not None:
            yield node, PROV.wasGeneratedBy, activity, shared
        for evidence in relation.evidence:
            yield node, KG.evidence, mint.evidence(relation, evidence), own(evidence.doc)
            for triple in _evidence_triples(relation, evidence, mint):
                yield (*triple, own(evidence.doc))


_VOCABULARY: dict[Path, list[tuple]] = {}


def vocabulary_triples() -> list[tuple]:
    """The triples of kgraph.ttl (of the knowledge folder in use: :func:`ontology_path`), sorted, blank
    nodes labelled canonically (so the same bytes).

    Read once per process and ontology file.

    Raises
    ------
    OSError, KnowledgeError
        When the ontology file cannot be read.
    """
    path = ontology_path()
    if path not in _VOCABULARY:
        from rdflib.compare import to_canonical_graph
        canonical = to_canonical_graph(load_ontology())
        # to_canonical_graph labels blank nodes with digests of the graph: stable across runs.
        _VOCABULARY[path] = sorted(canonical, key=lambda t: tuple(t[i].n3() for i in range(3)))
    return _VOCABULARY[path]


def provenance_triples(provenance: Provenance, activity: URIRef):
    """The PROV-O description of the build ``activity`` (see the module's layout)."""
    yield activity, RDF.type, PROV.Activity
    yield activity, RDFS.label, Literal("kgraph build", lang="en")
    agents = (("kgraph", "kgraph", provenance.kgraph), ("spacy", "spaCy", provenance.spacy))
    for suffix, label, version in agents:
        if version is None:
            continue
        node = URIRef(f"{activity}/{suffix}")
        yield activity, PROV.wasAssociatedWith, node
        yield node, RDF.type, PROV.SoftwareAgent
        yield node, RDFS.label, Literal(label)
        yield node, OWL.versionInfo, Literal(version)
    pipeline = URIRef(f"{activity}/pipeline")
    yield activity, PROV.used, pipeline
    yield pipeline, RDF.type, PROV.Entity
    yield pipeline, RDFS.label, Literal(provenance.pipeline)
    if provenance.pipeline_version is not None:
        yield pipeline, OWL.versionInfo, Literal(provenance.pipeline_version)
    knowledge = URIRef(f"{activity}/knowledge")
    yield activity, PROV.used, knowledge
    yield knowledge, RDF.type, PROV.Entity
    yield knowledge, RDFS.label, Literal("ontologies")
    yield knowledge, KG.digest, Literal(provenance.knowledge)


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


def canonical_participants(source: str | None, target: str | None, participants) -> list[str]:
    """The order RDF restores without a list: source, target, then the others by id.

    Examples
    --------
    >>> canonical_participants("Q2", None, ["Q9", "Q2", "Q5"])
    ['Q2', 'Q5', 'Q9']
    """
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
        members = relation.members()
        for a in members:
            for b in members:
                if a != b:
                    yield mint.entity(a), predicate, mint.entity(b)
    elif relation.source and relation.target:
        yield mint.entity(relation.source), predicate, mint.entity(relation.target)


def _contest_triples(relation: Relation, contested_by, mint: Minter):
    """The statement's links to the statements that contest it (ids from :func:`kgraph.contest.contest_links`)."""
    node = mint.statement(relation)
    for other in contested_by:
        yield node, KG.contestedBy, URIRef(f"{mint.base}statement/{other}")


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
    if evidence.pattern:
        yield node, KG.pattern, Literal(evidence.pattern)
    yield position, RDF.type, OA.TextPositionSelector
    yield position, OA.start, Literal(str(evidence.start), datatype=XSD.nonNegativeInteger)
    yield position, OA.end, Literal(str(evidence.end), datatype=XSD.nonNegativeInteger)
    yield quote_, RDF.type, OA.TextQuoteSelector
    yield quote_, OA.exact, Literal(evidence.sentence)


def _entity_or_name(value: str, mint: Minter, entity_ids: set[str]) -> URIRef | Literal:
    """An entity of the graph by IRI; a name that is no entity stays a name."""
    return mint.entity(value) if value in entity_ids else Literal(value)


def date_literal(value: str) -> Literal:
    """ISO dates as precise as they are: xsd:date, xsd:gYearMonth, xsd:gYear, xsd:dateTime; other text stays text.

    Examples
    --------
    >>> date_literal("2024-06").datatype
    rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth')
    """
    datatype = _DATE_DATATYPES.get(date_precision(value))
    return Literal(value) if datatype is None else Literal(value, datatype=datatype)


def _decimal(value: float) -> str:
    return format(Decimal(repr(float(value))), "f")


def _is_url(text: str) -> bool:
    return re.match(r"(https?|ftp)://[^\s<>\"{}|\\^`]+$", text) is not None



class OxigraphTerms:
    """rdflib term -> pyoxigraph term, IRIs cached (the same few predicates recur millions of times).

    Call an instance on an rdflib ``URIRef``, ``BNode`` or ``Literal``; it returns the pyoxigraph
    ``NamedNode``, ``BlankNode`` or ``Literal``.

    Raises
    ------
    ModuleNotFoundError
        When pyoxigraph is not installed.
    """

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



def load_ontology() -> Graph:
    """kgraph.ttl of the knowledge folder in use (:func:`ontology_path`) as an rdflib Graph.

    Raises
    ------
    KnowledgeError
        When the ontology file is missing.
    """
    return Graph().parse(ontology_path(), format="turtle")
