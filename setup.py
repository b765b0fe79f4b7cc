"""Package layout for setuptools; the project's metadata is in pyproject.toml.

``ontologies/`` and ``queries/`` stay at the top of the source tree, where users edit them; the wheel
ships them inside the package as ``kgraph/ontologies`` and ``kgraph/queries`` (package data found
through importlib.resources: see kgraph/resources.py). Every file of the two folders goes in.
"""
from setuptools import find_packages, setup

DATA = {"kgraph.ontologies": "ontologies", "kgraph.queries": "queries"}

setup(
    packages=find_packages(include=["kgraph", "kgraph.*"]) + list(DATA),
    package_dir=DATA,
    package_data={"kgraph.export": ["viewer/*.html", "viewer/*.js", "viewer/*.css"], "kgraph": ["schema/*.json"],
                  **{package: ["*", "**/*"] for package in DATA}},
    include_package_data=False,
)
