"""kgraph's RDF core: the graph as RDF, both ways, and what works on that RDF.

* :mod:`kgraph.rdf.formats`: the one table of RDF formats (names, aliases, suffixes, media types);
* :mod:`kgraph.rdf.mapping`: stable IRIs (:class:`~kgraph.rdf.mapping.Minter`) and the one triple
  generator :func:`~kgraph.rdf.mapping.quads` that feeds rdflib, pyoxigraph and SPARQL;
* :mod:`kgraph.rdf.writers`: serialisation (rdflib or pyoxigraph), byte-identical for one graph;
* :mod:`kgraph.rdf.reader`: kgraph's RDF back into a :class:`~kgraph.graph.KnowledgeGraph`;
* :mod:`kgraph.rdf.query`: SPARQL over an embedded Oxigraph store;
* :mod:`kgraph.rdf.shacl`: SHACL validation against ``ontologies/shapes.ttl``.

This package's ``__init__`` imports nothing, so that :mod:`kgraph.rdf.formats` (pure data) stays
cheap for the command line's ``--help``.
"""
