"""The notebooks in notebooks/ run top to bottom on a clean machine, show their plots, and are committed clean.

Each notebook runs in a fresh kernel of the Python running the tests (the project's .venv),
through a kernel spec written into a temporary folder, with HOME, IPYTHONDIR and the Jupyter
folders pointed there too: nothing the user has configured can change the result.
"""
from __future__ import annotations

import base64
import json
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK_NAMES = ("01_seed_walkthrough.ipynb", "02_corpus.ipynb")
#: Seconds one cell may take: building the corpus loads spaCy and reads four articles.
CELL_TIMEOUT = 600


@pytest.fixture
def clean_jupyter(tmp_path, monkeypatch) -> str:
    """A throwaway Jupyter environment whose "python3" kernel is this interpreter; returns its name."""
    data = tmp_path / "jupyter-data"
    spec_dir = data / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "kgraph test kernel", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec))
    for name, folder in {"HOME": "home", "IPYTHONDIR": "ipython", "JUPYTER_CONFIG_DIR": "jupyter-config",
                         "JUPYTER_RUNTIME_DIR": "jupyter-runtime", "MPLCONFIGDIR": "matplotlib"}.items():
        (tmp_path / folder).mkdir()
        monkeypatch.setenv(name, str(tmp_path / folder))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(data))
    # JUPYTER_PATH is searched before the virtualenv's and the system's kernel folders.
    monkeypatch.setenv("JUPYTER_PATH", str(data))
    monkeypatch.delenv("JUPYTER_PREFER_ENV_PATH", raising=False)
    return "python3"


def _read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def _output_text(notebook: nbformat.NotebookNode) -> str:
    """Every text and HTML output of an executed notebook, joined."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts.extend(data.get(kind, "") for kind in ("text/plain", "text/html"))
    return "\n".join(p if isinstance(p, str) else "".join(p) for p in parts)


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_is_committed_without_outputs(name):
    notebook = _read(name)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, f"{name} has no code"
    dirty = [i for i, cell in enumerate(code) if cell.outputs or cell.execution_count is not None]
    assert not dirty, f"{name}: code cells {dirty} carry outputs; clear them before committing"
    assert notebook.metadata.kernelspec.name == "python3"


def _figures(notebook: nbformat.NotebookNode, call: str) -> list[str]:
    """The PNG pictures output by the code cells whose source makes the call (e.g. "kg.plot_dyads(")."""
    cells = [cell for cell in notebook.cells if cell.cell_type == "code" and call in cell.source]
    assert cells, f"no code cell calls {call}"
    return [output["data"]["image/png"] for cell in cells for output in cell.get("outputs", [])
            if "image/png" in output.get("data", {})]


@pytest.mark.slow
@pytest.mark.parametrize("name, expected, figures", [
    ("01_seed_walkthrough.ipynb", ["North Korea", "Russia", "@prefix", "<iframe srcdoc="],
     ["kg.plot_dyads(", "kg.plot_timeline("]),
    # 02: the contested claims, from kg.contested() and from queries/contested_claims.rq
    ("02_corpus.ipynb", ["North Korea", "001_synthetic_putin_pyongyang_pact", "<iframe srcdoc=", "claimed_by",
                         "The Kremlin denied buying weapons from Pyongyang.", "004_synthetic_kremlin_denial"],
     ["kg.plot_timeline(", "kg.plot_modality("]),
])
def test_notebook_runs_top_to_bottom(name, expected, figures, clean_jupyter):
    notebook = _read(name)
    client = NotebookClient(notebook, kernel_name=clean_jupyter, timeout=CELL_TIMEOUT,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, when a cell fails
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert not errors
    text = _output_text(notebook)
    for needle in expected:
        assert needle in text, f"{name}: no output shows {needle!r}"
    # Each plot shows as a picture (a PNG, base64 in the notebook), and the plots of kgraph.plots only there.
    for call in figures:
        pictures = _figures(notebook, call)
        assert len(pictures) == 1, f"{name}: the cell calling {call} shows {len(pictures)} pictures, not 1"
        assert base64.b64decode(pictures[0]).startswith(b"\x89PNG"), f"{name}: {call} output is no PNG"
