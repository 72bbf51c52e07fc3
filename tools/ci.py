"""Helpers for .ci/run that need only the standard library (they run before any venv exists).

    python3 tools/ci.py readme N           # print the README's N-th shell command (1: the main job, 2: the tests)
    python3 tools/ci.py check-main FILE    # exit 1 unless FILE (the main job's output) shows a score and |error| <= 1e-3
    python3 tools/ci.py data-notebooks     # the notebooks whose default (non-slow) cells load STS-B or SICK
    python3 tools/ci.py structure          # exit 1 on an import cycle between siamattr's modules or a private name imported across them

The commands come from README.md itself, so CI runs exactly what a newcomer copies.
"""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOL = 1e-3

def readme_commands(readme=ROOT/"README.md") -> list:
    "The README's ```sh blocks, each one command"
    blocks = re.findall(r"^```(?:sh|bash)\n(.*?)^```", readme.read_text(encoding="utf-8"), re.M | re.S)
    return [b.strip() for b in blocks]

def check_main(text:str) -> str:
    "Why the main job's output is wrong, or '' when it shows a score and an error within TOL"
    score = re.search(r"^score\s+([+-]?\d+\.\d+)", text, re.M)
    error = re.search(r"^error\s+([+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?)", text, re.M)
    if not score: return "no 'score' line in the output"
    if not error: return "no 'error' line in the output"
    if not -1.0 <= float(score.group(1)) <= 1.0: return f"score {score.group(1)} is not a cosine similarity"
    if abs(float(error.group(1))) > TOL: return f"|error| = {abs(float(error.group(1))):.1e} exceeds {TOL:g}"
    return ""

def data_notebooks(nbs=ROOT/"nbs") -> list:
    "Notebooks with a default (not #| slow) code cell that loads a benchmark"
    out = []
    for p in sorted(nbs.glob("*.ipynb")):
        cells = json.loads(p.read_text(encoding="utf-8"))["cells"]
        for c in cells:
            src = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            if c["cell_type"] == "code" and "benchmark_or_skip(" in src and not re.match(r"\s*#\|\s*slow", src):
                out.append(p.name); break
    return out

def module_imports(lib=ROOT/"siamattr") -> dict:
    "module -> {imported siamattr module: names}, from every import statement (also those inside functions; not those under `if TYPE_CHECKING:`)"
    import ast
    graph = {}
    def typing_only(tree):  # imports under `if TYPE_CHECKING:` never run: annotations only, no cycle at run time
        return {id(n) for b in ast.walk(tree) if isinstance(b, ast.If) and getattr(b.test, "id", getattr(b.test, "attr", None)) == "TYPE_CHECKING"
                for s in b.body for n in ast.walk(s)}
    for f in sorted(lib.glob("*.py")):
        if f.name == "_modidx.py": continue
        mod, deps = f.stem, {}
        tree = ast.parse(f.read_text(encoding="utf-8"))
        skip = typing_only(tree)
        for n in ast.walk(tree):
            if id(n) in skip: continue
            if isinstance(n, ast.ImportFrom):
                target = n.module if n.level == 0 else (n.module or "")
                if n.level == 0 and not (target or "").startswith("siamattr"): continue
                target = (target or "").removeprefix("siamattr").lstrip(".") or "__init__"
                deps.setdefault(target, set()).update(a.name for a in n.names)
            elif isinstance(n, ast.Import):
                for a in n.names:
                    if a.name.startswith("siamattr."): deps.setdefault(a.name.split(".")[1], set())
        graph[mod] = deps
    return graph

def structure_problems(graph:dict) -> list:
    "Import cycles and private names imported across modules"
    problems = [f"{m} imports private {n} from {d}" for m, deps in graph.items() for d, names in deps.items()
                for n in sorted(names) if n.startswith("_") and n != "__version__"]
    state = {}
    def visit(m, stack):
        state[m] = "open"
        for d in graph.get(m, {}):
            if d == "__init__" or d not in graph: continue
            if state.get(d) == "open": problems.append("import cycle: " + " -> ".join(stack[stack.index(d):] + [d]))
            elif d not in state: visit(d, stack + [d])
        state[m] = "done"
    for m in graph:
        if m not in state and m != "__init__": visit(m, [m])
    return problems

def main(argv=sys.argv[1:]) -> int:
    if len(argv) == 2 and argv[0] == "readme":
        cmds = readme_commands()
        if len(cmds) != 2: print(f"README.md: expected 2 shell commands (```sh blocks), found {len(cmds)}", file=sys.stderr); return 1
        print(cmds[int(argv[1]) - 1]); return 0
    if len(argv) == 2 and argv[0] == "check-main":
        why = check_main(Path(argv[1]).read_text(encoding="utf-8"))
        print(f"main job output: {why or 'a score, and |error| <= %g' % TOL}")
        return 1 if why else 0
    if argv == ["data-notebooks"]: print(" ".join(data_notebooks())); return 0
    if argv == ["structure"]:
        problems = structure_problems(module_imports())
        for p in problems: print(p)
        if not problems: print(f"no import cycles and no private names across siamattr's {len(module_imports())} modules")
        return 1 if problems else 0
    print(__doc__, file=sys.stderr); return 2

if __name__ == "__main__": sys.exit(main())
