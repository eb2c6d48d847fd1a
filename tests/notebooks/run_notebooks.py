"""Execute notebooks with nbclient, in the environment this script runs in; print a JSON summary.

    python run_notebooks.py FOLDER    every *.ipynb in FOLDER (where the course's wheel also lies)

The tests run this with the fresh virtual environment's Python, so the kernel
has only what that environment has. For each notebook the summary gives, per
cell id, the cell type and its outputs' kinds and text, or the error that
stopped the run.
"""

import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def outputs(cell) -> list[dict]:
    found = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            found.append({"kind": "stream", "text": output["text"]})
        elif output["output_type"] == "error":
            found.append({"kind": "error", "text": f"{output['ename']}: {output['evalue']}"})
        else:
            data = output.get("data", {})
            found.append({"kind": "data", "mimes": sorted(data), "text": data.get("text/plain", "")})
    return found


def run(path: Path) -> dict:
    started = time.perf_counter()
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)  # raises for anything that is not a valid nbformat 4 notebook
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    error = None
    try:
        client.execute()
    except CellExecutionError as failure:
        error = str(failure)[-2000:]
    cells = [{"id": cell.get("id"), "type": cell["cell_type"], "tags": cell.get("metadata", {}).get("tags", []),
              "executed": cell.get("execution_count") is not None, "outputs": outputs(cell)}
             for cell in notebook.cells]
    return {"error": error, "cells": cells, "seconds": round(time.perf_counter() - started, 2)}


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    print(json.dumps({path.name: run(path) for path in sorted(folder.glob("*.ipynb"))}))
