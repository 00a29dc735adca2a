"""notebooks/explore.ipynb runs top to bottom on a small dataset (nbclient, a real kernel)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
DATA = ROOT / "tests" / "data" / "views"


def test_notebook_runs_top_to_bottom(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("pandas")
    pytest.importorskip("ipykernel")
    shutil.copy(DATA / "dataset.nq", tmp_path / "dataset.nq")
    monkeypatch.setenv("KG_OUT", str(tmp_path))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "<iframe srcdoc=" in html and "vis.Network" in html          # the view, inline
    assert any("image/svg+xml" in o.get("data", {}) for o in outputs)   # the chart
    last = nb.cells[-1].outputs[-1]["data"]["text/plain"]
    assert "'persons': 6" in last and "'events': 7" in last
    assert (tmp_path / "views" / "graph.html").is_file()
