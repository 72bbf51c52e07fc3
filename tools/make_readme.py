"""Generate README.md from nbs/index.ipynb (Quarto is not needed).

    python tools/make_readme.py           # write README.md
    python tools/make_readme.py --check   # exit 1 if README.md is not what the notebook gives

The findings and speed tables are code cells whose stored outputs `--check` also compares with what
`siamattr.findings` and the saved benchmark give now. Cells marked `#| hide` are left out, `#|` directives are stripped, stored outputs (text and PNG
images that are committed files) are kept as they are: the notebook is not re-executed, so the
README is a pure function of the committed notebook.
"""
import posixpath, sys, re
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parent.parent
HEADER = "<!-- generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file -->\n\n"

def _directives(src):
    return {m.group(1) for m in re.finditer(r"^#\|\s*([\w-]+)", src, re.M)}

def _strip(src):
    return "\n".join(l for l in src.splitlines() if not l.lstrip().startswith("#|")).strip("\n")

def _paths(md):
    "Links relative to nbs/ (images, notebooks) made relative to the repository root, where README.md lives"
    return re.sub(r"\]\((?!https?:|#|/|nbs/)([^)]+)\)", lambda m: f"]({posixpath.normpath('nbs/' + m.group(1))})", md)  # ../X: X

def _outputs(cell):
    parts = []
    for o in cell.get("outputs", []):
        if o.output_type == "stream": parts.append(o.text)
        elif o.output_type in ("execute_result", "display_data"):
            data = o.get("data", {})
            if "text/markdown" in data: parts.append(("MD", data["text/markdown"]))
            elif "text/plain" in data: parts.append(data["text/plain"])
    return parts

def render(nb_path=ROOT/"nbs"/"index.ipynb"):
    nb = nbformat.read(nb_path, as_version=4)
    out = []
    for cell in nb.cells:
        src = cell.source
        d = _directives(src)
        if "hide" in d: continue
        if cell.cell_type == "markdown": out.append(_paths(src.strip("\n"))); continue
        if cell.cell_type != "code": continue
        code = _strip(src)
        if code and "echo: false" not in src: out.append(f"```python\n{code}\n```")
        for p in _outputs(cell):
            if isinstance(p, tuple): out.append(_paths(p[1].strip("\n")))
            else: out.append("```\n" + p.rstrip("\n") + "\n```")
    return HEADER + "\n\n".join(out) + "\n"

def generated_tables():
    "What the README's generated tables are now, from the records the notebooks keep: {marker in the cell: Markdown}"
    import os
    from siamattr.findings import findings_table
    from siamattr import benchmark
    here = os.getcwd()
    os.chdir(ROOT/"nbs")  # the records' paths are relative to nbs/, where the notebooks run
    try: return {"findings_table()": findings_table(),
                 **{f"saved_summary({f})": benchmark.saved_summary(getattr(benchmark, f))
                    for f in ("BENCHMARK_FILE", "MPNET_BENCHMARK_FILE", "GPU_BENCHMARK_FILE")}}
    finally: os.chdir(here)

def stale_tables(nb_path=ROOT/"nbs"/"index.ipynb"):
    "Generated tables whose stored output in the notebook differs from what the records give now"
    nb, now, stale = nbformat.read(nb_path, as_version=4), generated_tables(), []
    for marker, table in now.items():
        for cell in nb.cells:
            if cell.cell_type == "code" and marker in cell.source:
                shown = [p[1] for p in _outputs(cell) if isinstance(p, tuple)]
                if shown != [table]: stale.append(marker.rstrip("()"))
    return stale

def main(argv=sys.argv[1:]):
    text, readme = render(), ROOT/"README.md"
    if "--check" in argv:
        if not readme.exists() or readme.read_text(encoding="utf-8") != text:
            print("README.md is not current: run `python tools/make_readme.py` and commit it"); return 1
        if stale := stale_tables():
            print(f"nbs/index.ipynb shows old {', '.join(stale)} tables: re-execute it, then run `python tools/make_readme.py`"); return 1
        print("README.md is current"); return 0
    readme.write_text(text, encoding="utf-8"); print("wrote README.md"); return 0

if __name__ == "__main__": sys.exit(main())
