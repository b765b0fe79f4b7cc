"""kgraph's version: the installed distribution's, or ``0.0.0+source`` in a source tree that is not installed.

Its own module, imported by the package and by :mod:`kgraph.provenance`, so that neither needs the other.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kgraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
