"""Check that every notebook in nbs/ is a valid nbformat 4 file (markdown cells without outputs, and so on).

    python tools/check_notebooks.py         # exit 1, naming the notebook and the problem, when one is invalid
    python tools/check_notebooks.py --fix   # drop code-only keys (outputs, execution_count) from non-code cells first
"""
import sys
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parent.parent

def main(argv=sys.argv[1:]) -> int:
    bad = 0
    for p in sorted((ROOT/"nbs").glob("*.ipynb")):
        nb = nbformat.read(p, as_version=4)
        if "--fix" in argv and any(c.cell_type != "code" and ("outputs" in c or "execution_count" in c) for c in nb.cells):
            for c in nb.cells:
                if c.cell_type != "code": c.pop("outputs", None); c.pop("execution_count", None)
            nbformat.write(nb, p); print(f"fixed {p.name}")
        try: nbformat.validate(nb)
        except nbformat.ValidationError as e: print(f"{p.name}: invalid notebook: {str(e).splitlines()[0]}"); bad += 1
    if not bad: print("all notebooks are valid nbformat 4")
    return 1 if bad else 0

if __name__ == "__main__": sys.exit(main())
