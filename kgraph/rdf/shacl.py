"""SHACL validation of kgraph's RDF against ontologies/shapes.ttl (pySHACL).

The data is validated as it is, nothing added: kgraph's exports carry the vocabulary they rely on
(class hierarchy, symmetric properties, relation-type scheme), so a strict SHACL engine given only
``graph.ttl`` and ``shapes.ttl`` reaches the same verdict.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from ..resources import ontology_file
from .mapping import ONTOLOGY_PATH

#: The shipped shapes; without ``shapes``, :func:`validate` reads those of the knowledge folder in use.
SHAPES_PATH = ONTOLOGY_PATH.with_name("shapes.ttl")


@dataclass(frozen=True)
class Validation:
    """The outcome of :func:`validate`."""

    conforms: bool
    #: pySHACL's human-readable report.
    text: str
    #: The SHACL validation report as RDF.
    report: Graph


def validate(data: Graph, shapes: str | Path | None = None) -> Validation:
    """Check ``data`` against the shapes, as it is (no ontology or inference added).

    Parameters
    ----------
    data : rdflib.Graph
        kgraph's RDF (see :func:`kgraph.rdf.writers.to_rdflib`), which carries the kgraph
        vocabulary; RDF without it fails the checks that need the class hierarchy.
    shapes : str or Path, optional
        A Turtle file of SHACL shapes; default shapes.ttl of the knowledge folder in use
        (``$KGRAPH_ONTOLOGIES``, else the shipped one).

    Returns
    -------
    Validation

    Raises
    ------
    OSError, SyntaxError
        When the shapes file cannot be read or parsed.
    """
    from pyshacl import validate as pyshacl_validate

    shapes_graph = Graph().parse(Path(shapes) if shapes else ontology_file("shapes.ttl"), format="turtle")
    conforms, report, text = pyshacl_validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=False, allow_warnings=False)
    return Validation(conforms=bool(conforms), text=text, report=report)
