"""Check that every third-party module siamattr imports is installed by its requirements.

    python tools/check_requirements.py    # exit 1, naming the module, when one is missing

Runs in a venv where siamattr is installed: each imported module is mapped to its distribution with
importlib.metadata, and each distribution must be named in `requirements` of settings.ini (or in an extra, for
the modules listed in EXTRAS, which are imported only inside the functions that need them).
"""
import ast, re, sys, configparser
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = {"spacy": "pos_requirements", "ray": "ray_requirements", "captum": "dev_requirements"}  # optional features: imported lazily, installed by an extra (captum: only the benchmark's peer)

def imported(lib=ROOT/"siamattr") -> set:
    mods = set()
    for f in lib.glob("*.py"):
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Import): mods |= {a.name.split(".")[0] for a in n.names}
            elif isinstance(n, ast.ImportFrom) and n.level == 0: mods.add(n.module.split(".")[0])
    return {m for m in mods if m not in sys.stdlib_module_names and m != "siamattr"}

def names(spec:str) -> set:
    return {re.split(r"[<>=!~\[; ]", s, maxsplit=1)[0].lower().replace("_", "-") for s in spec.split()}

def main() -> int:
    cfg = configparser.ConfigParser(delimiters=["="]); cfg.read(ROOT/"settings.ini", encoding="utf-8")
    dists = packages_distributions()
    bad = []
    for mod in sorted(imported()):
        key = EXTRAS.get(mod, "requirements")
        found = {d.lower().replace("_", "-") for d in dists.get(mod, [])}
        if not found & names(cfg["DEFAULT"].get(key, "")):
            bad.append(f"{mod} (distribution {', '.join(sorted(found)) or 'not installed'}) is not in {key}")
    for b in bad: print(f"missing requirement: {b}")
    if not bad: print(f"requirements cover all {len(imported())} third-party modules siamattr imports")
    return 1 if bad else 0

if __name__ == "__main__": sys.exit(main())
