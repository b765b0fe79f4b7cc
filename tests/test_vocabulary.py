"""The relation vocabulary is defined once, in kgraph/model.py; every other place must agree with it.

model.RELATION_TYPES / SYMMETRIC_TYPES / MODALITIES are the source. relations.yaml (event codes,
triggers), ontologies/kgraph.ttl (properties, symmetry, CAMEO/PLOVER matches),
ontologies/shapes.ttl (allowed types and modalities) and the viewer's colours are tested against it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, SKOS

from kgraph.export.html import RELATION_COLORS
from kgraph.model import MODALITIES, RELATION_TYPES, SYMMETRIC_TYPES
from kgraph.rdf.mapping import KG, load_ontology, property_name

ONTOLOGIES = Path(__file__).resolve().parent.parent / "ontologies"
SH = Namespace("http://www.w3.org/ns/shacl#")
#: The one relation type that is no event (it has no CAMEO/PLOVER code and no trigger in relations.yaml).
NOT_EVENTS = {"official_of"}


@pytest.fixture(scope="module")
def relations_yaml() -> dict:
    return yaml.safe_load((ONTOLOGIES / "relations.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGIES / "shapes.ttl", format="turtle")


def _type_of(term) -> str:
    """kg:armsTransfer -> arms_transfer, checked against the model's list."""
    by_property = {KG[property_name(t)]: t for t in RELATION_TYPES}
    assert term in by_property, f"{term} is no relation type of kgraph/model.py"
    return by_property[term]


def test_symmetric_types_are_relation_types():
    assert SYMMETRIC_TYPES <= set(RELATION_TYPES)


def test_relations_yaml_codes_every_event_type_and_only_those(relations_yaml):
    assert list(relations_yaml["types"]) == [t for t in RELATION_TYPES if t not in NOT_EVENTS]


def test_relations_yaml_triggers_and_threats_name_model_types(relations_yaml):
    # "transfer" is resolved to arms or technology transfer by the object's class.
    allowed = set(RELATION_TYPES) | {"transfer"}
    for trigger in relations_yaml["triggers"]:
        assert trigger["type"] in allowed, trigger
    assert set(relations_yaml["threats"]["types"]) <= set(RELATION_TYPES)


def test_ontology_scheme_lists_exactly_the_model_types_with_their_symmetry(ontology):
    scheme = {_type_of(c) for c in ontology.objects(KG.RelationTypeScheme, SKOS.hasTopConcept)}
    assert scheme == set(RELATION_TYPES)
    declared = {_type_of(p) for p in ontology.subjects(SKOS.inScheme, KG.RelationTypeScheme)}
    assert declared == set(RELATION_TYPES)
    symmetric = {_type_of(p) for p in ontology.subjects(RDF.type, OWL.SymmetricProperty)
                 if p in {KG[property_name(t)] for t in RELATION_TYPES}}
    assert symmetric == set(SYMMETRIC_TYPES)


def test_ontology_matches_the_event_codes_relations_yaml_exports(relations_yaml, ontology):
    """The PLOVER code a statement carries is the type's close match; its CAMEO code falls under one."""
    for type_, codes in relations_yaml["types"].items():
        prop = KG[property_name(type_)]
        close = set(ontology.objects(prop, SKOS.closeMatch))
        assert KG["plover" + codes["plover"]] in close, type_
        assert ontology.value(KG["plover" + codes["plover"]], SKOS.notation) is not None, codes["plover"]
        cameo = [str(c)[len(KG) + len("cameo"):] for p in (SKOS.closeMatch, SKOS.broadMatch)
                 for c in ontology.objects(prop, p) if str(c).startswith(str(KG) + "cameo")]
        assert any(codes["cameo"].startswith(c) for c in cameo), (type_, codes["cameo"], cameo)


def test_shapes_allow_exactly_the_model_types_and_modalities(shapes):
    lists = [list(Collection(shapes, head)) for head in shapes.objects(None, SH["in"])]
    types = next(items for items in lists if KG.armsTransfer in items)
    assert [_type_of(t) for t in types] == list(RELATION_TYPES)
    modalities = next(items for items in lists if KG.asserted in items)
    assert [str(m)[len(KG):] for m in modalities] == list(MODALITIES)


def test_shapes_check_direct_triples_of_every_type_that_has_them(shapes):
    targets = {_type_of(p) for p in shapes.objects(None, SH.targetSubjectsOf)}
    # A launch has a source and no target: it never gives a direct triple.
    assert targets == set(RELATION_TYPES) - {"launch"}


def test_viewer_colours_every_model_type_in_model_order():
    assert list(RELATION_COLORS) == list(RELATION_TYPES)
    assert len(set(RELATION_COLORS.values())) == len(RELATION_COLORS)
