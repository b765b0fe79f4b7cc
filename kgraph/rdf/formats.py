"""The RDF formats kgraph writes and reads: one table, pure data (no rdflib import).

Every other module (writers, reader, SPARQL store, ``kgraph export``, ``kgraph query``,
``kgraph validate``) looks formats up here.

Examples
--------
>>> from kgraph.rdf.formats import format_of, format_for_path
>>> format_of("ttl").name, format_of("ttl").suffix
('turtle', '.ttl')
>>> format_for_path("out/graph.nq").name
'nquads'
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialisation format.

    Attributes
    ----------
    name : str
        kgraph's name for it (``--format`` on the command line).
    aliases : tuple of str
        Other accepted names, lower case ("ttl" for "turtle").
    suffix : str
        The file suffix kgraph writes it with; a file with this suffix is read in this format.
    other_suffixes : tuple of str
        Other suffixes read in this format (".nquads" for N-Quads): every suffix an alias gives.
    media_type : str
        Its IANA media type.
    rdflib : str
        rdflib's plugin name.
    oxigraph : str
        The member of ``pyoxigraph.RdfFormat``.
    dataset : bool
        True when it carries named graphs (quads), False for triples.
    """
    name: str
    aliases: tuple[str, ...]
    suffix: str
    media_type: str
    rdflib: str
    oxigraph: str
    dataset: bool
    other_suffixes: tuple[str, ...] = ()


#: Every format, in the order the command line lists them.
RDF_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat("turtle", ("ttl",), ".ttl", "text/turtle", "turtle", "TURTLE", False, (".turtle",)),
    RdfFormat("nt", ("ntriples", "n-triples"), ".nt", "application/n-triples", "nt", "N_TRIPLES", False,
              (".ntriples", ".n-triples")),
    RdfFormat("trig", (), ".trig", "application/trig", "trig", "TRIG", True),
    RdfFormat("nquads", ("nq", "n-quads"), ".nq", "application/n-quads", "nquads", "N_QUADS", True,
              (".nquads", ".n-quads")),
    RdfFormat("jsonld", ("json-ld",), ".jsonld", "application/ld+json", "json-ld", "JSON_LD", False,
              (".json-ld",)),
)
#: Name -> format (canonical names only), in table order.
FORMATS: dict[str, RdfFormat] = {f.name: f for f in RDF_FORMATS}
#: The canonical names, for argparse ``choices``.
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)
#: File suffix (lower case, with the dot) -> format: each format's own suffix and its other suffixes.
SUFFIX_FORMATS: dict[str, RdfFormat] = {s: f for f in RDF_FORMATS for s in (f.suffix, *f.other_suffixes)}
_BY_NAME: dict[str, RdfFormat] = {n: f for f in RDF_FORMATS for n in (f.name, *f.aliases)}


def format_of(name: str) -> RdfFormat:
    """The format called ``name`` (canonical name or alias, any case).

    Parameters
    ----------
    name : str
        "turtle", "ttl", "nt", "n-triples", "trig", "nquads", "nq", "jsonld", "json-ld", ...

    Returns
    -------
    RdfFormat

    Raises
    ------
    UsageError
        When no format has that name or alias.

    Examples
    --------
    >>> format_of("N-Quads").name
    'nquads'
    """
    found = _BY_NAME.get(name.lower())
    if found is None:
        raise UsageError(f"unknown RDF format {name!r}; choose among {', '.join(FORMATS)}")
    return found


def format_for_path(path: str | Path, default: str | None = None) -> RdfFormat | None:
    """The format of a file, from its suffix (any case).

    Parameters
    ----------
    path : str or Path
        A file name; only its suffix counts.
    default : str, optional
        A format name to fall back on when the suffix is no RDF suffix.

    Returns
    -------
    RdfFormat or None
        None when the suffix is unknown and no ``default`` is given.

    Raises
    ------
    UsageError
        When ``default`` is given and is no format name.

    Examples
    --------
    >>> format_for_path("graph.TTL").name
    'turtle'
    >>> format_for_path("graph.json") is None
    True
    """
    found = SUFFIX_FORMATS.get(Path(path).suffix.lower())
    if found is None and default is not None:
        return format_of(default)
    return found


def is_rdf_path(path: str | Path) -> bool:
    """Whether ``path`` has the suffix of an RDF format kgraph reads (.ttl, .nt, .trig, .nq, .jsonld,
    and the other suffixes of :data:`SUFFIX_FORMATS`, such as .nquads)."""
    return Path(path).suffix.lower() in SUFFIX_FORMATS
