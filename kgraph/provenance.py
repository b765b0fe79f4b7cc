"""What produced a graph: kgraph's version, the spaCy pipeline, a digest of the knowledge files.

The record (:class:`kgraph.model.Provenance`) goes into graph.json (``provenance``) and into the
RDF as a ``prov:Activity`` every statement ``prov:wasGeneratedBy``. It holds no timestamp and no
path, so the same build gives byte-identical exports, while a change to any file of
``ontologies/`` (a codebook revision) changes the digest.

Examples
--------
>>> p = build_provenance(None)
>>> p.pipeline, p.knowledge.startswith("sha256:")
('rule-only', True)
"""
from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from .version import __version__
from .model import Provenance

#: The ``pipeline`` of a build without a spaCy model.
RULE_ONLY = "rule-only"


def knowledge_digest(directory=None) -> str:
    """"sha256:" and the SHA-256 of a knowledge folder: every file's relative path and bytes, in
    sorted order (hidden files and ``__pycache__`` left out).

    Parameters
    ----------
    directory : path or importlib.resources Traversable, optional
        Default: :func:`kgraph.knowledge.ontologies_dir` (``--ontologies``/``KGRAPH_ONTOLOGIES``).

    Raises
    ------
    OSError
        When a file cannot be read.
    """
    if directory is None:
        from .knowledge import ontologies_dir
        directory = ontologies_dir()
    digest = hashlib.sha256()
    for name, entry in _files(Path(directory) if isinstance(directory, str) else directory, ""):
        content = entry.read_bytes()
        digest.update(f"{name}\0{len(content)}\0".encode("utf-8"))
        digest.update(content)
    return "sha256:" + digest.hexdigest()


def _files(directory, prefix: str):
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _files(entry, f"{prefix}{entry.name}/")
        elif entry.is_file():
            yield f"{prefix}{entry.name}", entry


def pipeline_of(model: str | None) -> tuple[str, str | None]:
    """The pipeline a build with ``model`` runs, and its version: the installed package's
    (name, version), or ("rule-only", None) without a model or when it is not installed
    (:func:`kgraph.nlp.load_pipeline` then falls back)."""
    if not model:
        return RULE_ONLY, None
    try:
        return model, metadata.version(model)
    except metadata.PackageNotFoundError:
        path = Path(model)
        meta = path / "meta.json"
        if meta.is_file():  # a model folder
            import json
            info = json.loads(meta.read_text(encoding="utf-8"))
            return f"{info.get('lang', 'xx')}_{info.get('name', path.name)}", info.get("version")
        return RULE_ONLY, None


def build_provenance(model: str | None, ontologies=None) -> Provenance:
    """The provenance of a build with ``model`` and the knowledge folder ``ontologies``.

    Parameters
    ----------
    model : str or None
        The spaCy model asked for (None: rule-only).
    ontologies : path, optional
        The knowledge folder (default: :func:`kgraph.knowledge.ontologies_dir`).
    """
    try:
        spacy_version = metadata.version("spacy")
    except metadata.PackageNotFoundError:  # pragma: no cover - spaCy is a dependency
        spacy_version = None
    name, version = pipeline_of(model)
    return Provenance(kgraph=__version__, spacy=spacy_version, pipeline=name, pipeline_version=version,
                      knowledge=knowledge_digest(ontologies))
