"""Build siamattr's docs site without Quarto: Sphinx with myst-nb and the Furo theme (all from PyPI, `dev` extras).

    python tools/build_docs.py --out DIR    # DIR/index.html: a page per notebook, an API page per module, search

Each notebook of nbs/ goes through nbdev's own processing of its directives (`#| hide` cells and `hide_line` lines
left out, the directive lines stripped, ANSI codes and magics removed), then `#| echo: false` becomes myst-nb's
`remove-input` and `#| output: false` its `remove-output`; `#| default_exp` cells are dropped. The notebooks are not
executed: pages show the stored outputs, figures included. Links to notebooks become links between pages; links
out of nbs/ (../DEVELOPERS.md) point at the repository. The API pages are Sphinx's autodoc of each module's
`__all__`, whose docstrings carry every parameter's description (siamattr.docstrings, from the docments).
"""
import argparse, configparser, json, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS, LIB = ROOT/"nbs", ROOT/"siamattr"
ASSETS = ("images", "benchmarks", "findings")  # folders of nbs/ that pages show or link to

def settings() -> dict:
    cfg = configparser.ConfigParser(); cfg.read(ROOT/"settings.ini")
    return dict(cfg["DEFAULT"])

def notebooks() -> list:
    "The notebooks of nbs/, in the order of their names (index first)"
    return sorted(NBS.glob("*.ipynb"), key=lambda p: (p.stem != "index", p.name))

def modules() -> list:
    "The modules of siamattr, by name (not `__init__` or `_modidx`)"
    return sorted(p.stem for p in LIB.glob("*.py") if not p.stem.startswith("_"))

def _outside_links(md:str, repo:str) -> str:
    "Links that leave nbs/ (../X) point at the repository's file X"
    return re.sub(r"\]\(\.\./([^)#\s]+)(#[^)]*)?\)", lambda m: f"]({repo}/{m.group(1)}{m.group(2) or ''})", md)

def process(path:Path, repo:str):
    "A notebook as the site shows it: nbdev's directive processing, then myst-nb's tags"
    from execnb.nbio import read_nb
    from nbdev.process import NBProcessor
    from nbdev.processors import hide_, hide_line, filter_stream_, strip_ansi, clean_magics, rm_header_dash, strip_hidden_metadata
    def myst(cell):
        d = getattr(cell, "directives_", None) or {}
        if "default_exp" in d: del cell["source"]; return
        tags = cell.metadata.setdefault("tags", [])
        if (d.get("echo:") or d.get("echo")) == ["false"]: tags.append("remove-input")  # Quarto's options, which nbdev leaves in the source
        if (d.get("output:") or d.get("output")) == ["false"]: tags.append("remove-output")
        if cell.cell_type == "code": cell.source = re.sub(r"^#\|.*\n?", "", cell.source, flags=re.M).strip("\n")
        if cell.cell_type == "markdown": cell.source = _outside_links(cell.source, repo)
        for o in cell.get("outputs", []):  # Markdown outputs (the generated tables): links out of nbs/ too
            md = o.get("data", {}).get("text/markdown")
            if md: o["data"]["text/markdown"] = _outside_links("".join(md) if isinstance(md, list) else md, repo)
    nb = read_nb(path)
    titled = any(c.cell_type == "markdown" and c.source.startswith("# ") for c in nb.cells[:4])
    for c in nb.cells[:3]:  # Quarto's front matter (--- title: ... ---): the title and summary, unless the notebook has them
        if c.cell_type in ("markdown", "raw") and (m := re.fullmatch(r"\s*---\n(.*?)\n---\s*", c.source, re.S)):
            meta = dict(re.findall(r"^([\w-]+):\s*(.*)$", m.group(1), re.M))
            c.cell_type, c.source = "markdown", ("" if titled else f"# {meta.get('title', path.stem)}"
                                                 + (f"\n\n> {meta['description']}" if meta.get("description") else ""))
            c.pop("outputs", None); c.pop("execution_count", None)
    NBProcessor(nb=nb, procs=[hide_, hide_line, filter_stream_, strip_ansi, clean_magics, rm_header_dash, strip_hidden_metadata, myst]).process()
    nb.cells = [c for c in nb.cells if "source" in c and (c.source.strip() or c.cell_type == "code")]
    nb.pop("path_", None)
    nb.metadata.update(kernelspec={"name": "python3", "display_name": "Python 3", "language": "python"}, language_info={"name": "python"})
    for c in nb.cells:
        for k in ("directives_", "idx_"): c.pop(k, None)
        if c.cell_type == "code" and not c.source.strip() and not c.get("outputs"): c.metadata.setdefault("tags", []).append("remove-cell")
    return nb

def _title(nb) -> str:
    "The notebook's first heading"
    for c in nb.cells:
        m = re.match(r"#\s+(.+)", c.source.strip()) if c.cell_type == "markdown" else None
        if m: return m.group(1).strip()
    return "untitled"

CONF = r"""\
project = {title!r}
author = {author!r}
copyright = {copyright!r}
extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
html_theme = "furo"
html_title = {title!r}
nb_execution_mode = "off"                      # the stored outputs, as committed
nb_render_markdown_format = "myst"             # Markdown outputs (the generated tables) with tables and links
myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3                       # #the-entry-point and the like, as on GitHub
napoleon_numpy_docstring = True
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {{"members": True, "undoc-members": True, "show-inheritance": True}}
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
suppress_warnings = ["myst.header", "myst.xref_missing", "mystnb.unknown_mime_type", "misc.highlighting_failure"]
html_static_path = []

import re
def _markdown_docstring(app, what, name, obj, options, lines):  # the docstrings are Markdown-ish: `code`, |x|
    for i, line in enumerate(lines):
        line = re.sub(r"(?<![`\w])`([^`]+)`(?!`)(\w?)", lambda m: "``" + m[1] + "``" + ("\\ " + m[2] if m[2] else ""), line)  # `code`s: ``code``\ s
        parts = re.split(r"(``.*?``)", line)  # outside literals, |x| is no substitution
        lines[i] = "".join(p if p.startswith("``") else re.sub(r"(?<!\\)\|", r"\\|", p) for p in parts)
def setup(app): app.connect("autodoc-process-docstring", _markdown_docstring, priority=400)  # before napoleon (500)
"""

def write_sources(src:Path) -> dict:
    "Processed notebooks, API pages, conf.py and assets in `src`: {page name: title}"
    import nbformat
    cfg = settings()
    repo = f"{cfg['git_url']}/blob/{cfg.get('branch', 'main')}"
    titles, nbs = {}, {}
    for p in notebooks():
        nb = process(p, repo)
        nbs[p.stem], titles[p.stem] = nb, _title(nb)
    for name in ASSETS:
        if (NBS/name).is_dir(): shutil.copytree(NBS/name, src/name)
    (src/"api").mkdir()
    for m in modules():
        (src/"api"/f"{m}.md").write_text(f"# siamattr.{m}\n\n```{{eval-rst}}\n.. automodule:: siamattr.{m}\n```\n", encoding="utf-8")
    (src/"api"/"index.md").write_text("# API\n\nOne page per module: every public function and class, each parameter described.\n\n"
                                      "```{toctree}\n:maxdepth: 1\n\n" + "\n".join(modules()) + "\n```\n", encoding="utf-8")
    library = [s for s in nbs if s != "index" and re.match(r"0\d", s)]
    tutorials = [s for s in nbs if s != "index" and s not in library]
    toc = ("```{toctree}\n:hidden:\n:caption: Library\n\n" + "\n".join(library) + "\n```\n\n"
           "```{toctree}\n:hidden:\n:caption: Tutorials and results\n\n" + "\n".join(tutorials) + "\n```\n\n"
           "```{toctree}\n:hidden:\n:caption: Reference\n\napi/index\n```\n")
    nbs["index"].cells.append(nbformat.v4.new_markdown_cell(toc))
    for stem, nb in nbs.items(): nbformat.write(nb, src/f"{stem}.ipynb")
    (src/"conf.py").write_text(CONF.format(title=cfg["title"], author=cfg["author"], copyright=cfg["copyright"]), encoding="utf-8")
    return {**titles, **{f"api/{m}": f"siamattr.{m}" for m in modules()}}

def build(out:Path, quiet:bool=False) -> dict:
    "Build the site into `out`; {page: title}"
    with tempfile.TemporaryDirectory(prefix="siamattr-docs-") as tmp:
        src = Path(tmp)/"src"; src.mkdir()
        pages = write_sources(src)
        if out.exists(): shutil.rmtree(out)
        cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(Path(tmp)/"doctrees"), "--keep-going", str(src), str(out)]
        if quiet: cmd.insert(3, "-q")
        subprocess.run(cmd, check=True, cwd=ROOT, env={**__import__("os").environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
    missing = [p for p in pages if not (out/f"{p}.html").exists()]
    if missing: raise SystemExit(f"pages not written: {', '.join(missing)}")
    (out/"pages.json").write_text(json.dumps(pages, indent=1), encoding="utf-8")  # what tools/docs_check.py opens
    return pages

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path, help="the folder to write the site into (replaced)")
    ap.add_argument("--quiet", action="store_true", help="only warnings and errors")
    args = ap.parse_args(argv)
    t = time.time()
    pages = build(args.out.resolve(), args.quiet)
    print(f"{len(pages)} pages ({len(notebooks())} notebooks, {len(modules())} API pages) in {args.out} in {time.time() - t:.0f} s")
    return 0

if __name__ == "__main__": sys.exit(main())
