"""Generate README.md and FINDINGS.md from their notebooks (Quarto is not needed).

    python tools/make_readme.py           # write README.md (from nbs/index.ipynb) and FINDINGS.md (from nbs/results.ipynb)
    python tools/make_readme.py --check   # exit 1 if a page is not what its notebook gives, or README.md is too long

FINDINGS.md holds the speed and findings tables: code cells whose stored outputs `--check` also compares with what
`siamattr.findings` and the saved benchmark give now. Cells marked `#| hide` are left out, `#|` directives are
stripped, stored outputs (text and PNG images that are committed files) are kept as they are: the notebooks are not
re-executed, so each page is a pure function of its committed notebook. A link to a notebook that has a page here
becomes a link to the page.
"""
import posixpath, sys, re
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"index.ipynb": "README.md", "results.ipynb": "FINDINGS.md"}  # notebook in nbs/ -> generated page in the root
README_LIMIT = 12_000  # characters: a README a newcomer reads in five minutes

def header(nb_name): return f"<!-- generated from nbs/{nb_name} by tools/make_readme.py: edit the notebook, not this file -->\n\n"

def _directives(src):
    return {m.group(1) for m in re.finditer(r"^#\|\s*([\w-]+)", src, re.M)}

def _strip(src):
    return "\n".join(l for l in src.splitlines() if not l.lstrip().startswith("#|")).strip("\n")

def _link(target):
    "A link relative to nbs/ (images, notebooks) made relative to the repository root, where the pages live"
    path, sep, anchor = target.partition("#")
    if path in PAGES: return PAGES[path] + sep + anchor
    return posixpath.normpath("nbs/" + path) + sep + anchor  # ../X: X

def _paths(md):
    return re.sub(r"\]\((?!https?:|#|/|nbs/)([^)]+)\)", lambda m: f"]({_link(m.group(1))})", md)

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
    return header(Path(nb_path).name) + "\n\n".join(out) + "\n"

def generated_tables():
    "What the generated tables are now, from the records the notebooks keep: {marker in the cell: Markdown}"
    import os
    from siamattr.findings import findings_table
    from siamattr import benchmark
    here = os.getcwd()
    os.chdir(ROOT/"nbs")  # the records' paths are relative to nbs/, where the notebooks run
    try: return {"findings_table()": findings_table(),
                 **{f"saved_summary({f})": benchmark.saved_summary(getattr(benchmark, f))
                    for f in ("BENCHMARK_FILE", "MPNET_BENCHMARK_FILE", "GPU_BENCHMARK_FILE")}}
    finally: os.chdir(here)

def stale_tables(nb_paths=tuple(ROOT/"nbs"/n for n in PAGES)):
    "Generated tables whose stored output in a notebook differs from what the records give now: [(notebook, table)]"
    now, stale = generated_tables(), []
    for nb_path in nb_paths:
        nb = nbformat.read(nb_path, as_version=4)
        for marker, table in now.items():
            for cell in nb.cells:
                if cell.cell_type == "code" and marker in cell.source and not cell.source.lstrip().startswith("#| hide"):
                    shown = [p[1] for p in _outputs(cell) if isinstance(p, tuple)]
                    if shown != [table]: stale.append((Path(nb_path).name, marker.rstrip("()")))
    return stale

def main(argv=sys.argv[1:]):
    pages = {ROOT/page: render(ROOT/"nbs"/nb) for nb, page in PAGES.items()}
    if "--check" in argv:
        bad = [p.name for p, text in pages.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        if bad: print(f"{', '.join(bad)} not current: run `python tools/make_readme.py` and commit"); return 1
        if (n := len(pages[ROOT/"README.md"])) >= README_LIMIT:
            print(f"README.md has {n:,} characters, over {README_LIMIT:,}: move detail to a notebook and link it"); return 1
        if stale := stale_tables():
            print("old tables: " + ", ".join(f"{t} in nbs/{nb}" for nb, t in stale)
                  + ": re-execute the notebook, then run `python tools/make_readme.py`"); return 1
        print(f"{', '.join(p.name for p in pages)} current; README.md {len(pages[ROOT/'README.md']):,} characters"); return 0
    for p, text in pages.items(): p.write_text(text, encoding="utf-8")
    print("wrote " + ", ".join(p.name for p in pages)); return 0

if __name__ == "__main__": sys.exit(main())
