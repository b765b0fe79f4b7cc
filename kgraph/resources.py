"""Where kgraph's shipped data lives: the knowledge files (``ontologies/``) and the SPARQL queries (``queries/``).

In a source checkout they are the folders at the top of the tree, where a user edits them.  An
installed wheel carries them as package data, ``kgraph/ontologies`` and ``kgraph/queries``
(``setup.py`` maps the two folders into the package), found through :mod:`importlib.resources`.
``--ontologies DIR`` and ``$KGRAPH_ONTOLOGIES`` replace the knowledge folder for every reader:
the gazetteer and lexicons (:func:`kgraph.knowledge.load_knowledge`), the OWL ontology the
SPARQL store loads and the SHACL shapes (:mod:`kgraph.rdf`).  This module imports nothing heavy.
"""
from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from .errors import KnowledgeError

#: The environment variable that names another knowledge folder.
ONTOLOGIES_ENV = "KGRAPH_ONTOLOGIES"
#: The shipped data folders.
DATA_FOLDERS = ("ontologies", "queries")
#: The root of a source checkout, when kgraph runs from one.
SOURCE_ROOT = Path(__file__).resolve().parent.parent


def shipped(name: str) -> Path:
    """The shipped data folder ``name`` (one of :data:`DATA_FOLDERS`).

    Parameters
    ----------
    name : str
        ``"ontologies"`` or ``"queries"``.

    Returns
    -------
    pathlib.Path
        ``kgraph/<name>`` inside an installed package, else ``<checkout>/<name>``.

    Raises
    ------
    KnowledgeError
        When neither exists (a broken installation), or the package is not on a file system
        (a zip import: kgraph reads its knowledge folder as files).

    Examples
    --------
    >>> (shipped("ontologies") / "countries.csv").is_file()
    True
    """
    if name not in DATA_FOLDERS:
        raise KnowledgeError(f"no shipped data folder {name!r}; choose among {', '.join(DATA_FOLDERS)}")
    packaged = files(__package__).joinpath(name)
    if packaged.is_dir():
        if not isinstance(packaged, Path):
            raise KnowledgeError(f"kgraph's {name}/ is not on the file system ({packaged}); install kgraph "
                                 f"unzipped, or point {ONTOLOGIES_ENV} at a copy")
        return packaged
    source = SOURCE_ROOT / name
    if source.is_dir():
        return source
    raise KnowledgeError(f"kgraph's {name}/ folder is missing (looked in {packaged} and {source}): "
                         "reinstall kgraph")


def ontologies_dir(directory: str | os.PathLike | None = None) -> Path:
    """The knowledge folder in use: ``directory``, else ``$KGRAPH_ONTOLOGIES``, else the shipped one.

    Read at each call, so that a change of the environment variable applies at once.

    Parameters
    ----------
    directory : path-like, optional
        An explicit folder (``--ontologies DIR``, the ``ontologies=`` argument of :func:`kgraph.build`).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    KnowledgeError
        When no folder is given and the shipped one is missing (see :func:`shipped`).
    """
    if directory:
        return Path(directory)
    override = os.environ.get(ONTOLOGIES_ENV)
    return Path(override) if override else shipped("ontologies")


def ontology_file(name: str, directory: str | os.PathLike | None = None) -> Path:
    """A file of the knowledge folder in use (:func:`ontologies_dir`), e.g. ``kgraph.ttl`` or ``shapes.ttl``.

    Raises
    ------
    KnowledgeError
        When the folder has no such file (the message names the path).
    """
    path = ontologies_dir(directory) / name
    if not path.is_file():
        raise KnowledgeError(f"{path}: no such knowledge file")
    return path
