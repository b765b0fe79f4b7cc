"""The shape of the code: data flows one way, modules stay small, public names say what they do.

These read the source with ``ast`` (nothing is imported), so they hold for every engine and
pipeline: no import cycle among kgraph's modules (imports inside functions count, except the
façade methods of ``KnowledgeGraph`` that reach the exporters, and annotation-only imports
under ``if TYPE_CHECKING:``), no module over 600 lines, and a
docstring on every public module, class and function.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "kgraph"
#: ``KnowledgeGraph`` methods that reach downstream stages on purpose (the user's façade).
FACADE_PREFIXES = ("to_", "sparql", "show")
MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _facade_nodes(tree: ast.Module) -> set[int]:
    """ids of the nodes inside KnowledgeGraph's façade methods and ``if TYPE_CHECKING:`` blocks."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            skip.update(id(n) for n in ast.walk(node))
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "KnowledgeGraph"):
        for fn in cls.body:
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and fn.name.startswith(FACADE_PREFIXES):
                skip.update(id(n) for n in ast.walk(fn))
    return skip


def import_graph() -> nx.DiGraph:
    """kgraph module -> kgraph modules it imports (at top level or inside functions)."""
    modules = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _facade_nodes(tree)
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, is_package, node)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target.startswith("kgraph") and target != module:
                    graph.add_edge(module, target)
    return graph


def test_the_import_graph_is_found():
    graph = import_graph()
    assert graph.has_edge("kgraph.work", "kgraph.resolve")
    assert graph.has_edge("kgraph.extract.relations", "kgraph.resolve.coreference")


def test_no_import_cycle():
    cycles = sorted(sorted(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == [], f"import cycles: {cycles}"


def test_data_flows_one_way_between_stages():
    graph = import_graph()
    upstream_of = {"kgraph.resolve": ("kgraph.extract", "kgraph.merge", "kgraph.pipeline", "kgraph.rdf"),
                   "kgraph.extract": ("kgraph.merge", "kgraph.pipeline", "kgraph.rdf", "kgraph.export")}
    for stage, later in upstream_of.items():
        for a, b in graph.edges:
            if a == stage or a.startswith(stage + "."):
                assert not b.startswith(later), f"{a} imports the later stage {b}"


def test_no_module_over_600_lines():
    long = {m: n for m, p in _modules().items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def _public_definitions(tree: ast.Module):
    """Module-level functions and classes, and the methods of public classes, not named with a "_"."""
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    for node in tree.body:
        if isinstance(node, kinds) and not node.name.startswith("_"):
            yield node
            if isinstance(node, ast.ClassDef):
                yield from (m for m in node.body if isinstance(m, kinds) and not m.name.startswith("_"))


def test_every_public_name_has_a_docstring():
    missing = []
    for module, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not ast.get_docstring(tree):
            missing.append(module)
        for node in _public_definitions(tree):
            if not ast.get_docstring(node):
                missing.append(f"{module}.{node.name} (line {node.lineno})")
    assert missing == []
