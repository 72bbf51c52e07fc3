"""Merge the outputs of several runs of one benchmark tool (run side by side, or one layer or length each) into the
file 08_performance reads, keeping each run's command, commit, machine, threads and load in `parts`.

    python tools/merge_runs.py peer OUT.json RUN.json ...        # tools/captum_peer.py outputs
    python tools/merge_runs.py long OUT.json RUN.json|RUN.log ... # tools/long_texts.py outputs (or the log of a run
                                                                  # whose save failed: its printed rows, marked so)
"""
import ast, json, re, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
META = ("command", "commit", "tree_modified", "machine", "threads", "load", "gpu")

def load(f):
    if f.endswith(".json"): return json.loads(Path(f).read_text(encoding="utf-8"))
    rows = [ast.literal_eval(l) for l in Path(f).read_text().splitlines() if l.startswith("{'tokens'")]
    return dict(command="python tools/long_texts.py (its save failed on a bug since fixed; rows recovered from its printed log)",
                load="not recorded", threads=1, raw=rows)

def main(kind, out, *files):
    runs = [load(f) for f in files]
    parts = [{k: r.get(k) for k in META} for r in runs]
    for p in parts:  # the output file each run was told to write is not part of what it measured (nor a path to keep)
        if p["command"] and " --out " in p["command"]: p["command"] = re.sub(r" --out \S+", "", p["command"])
    if kind == "peer":
        res = dict(parts=parts, model=runs[0]["model"], tol=runs[0]["tol"], repeats=runs[0]["repeats"], pairs=runs[0]["pairs"],
                   points_needed={k: v for r in runs for k, v in r["points_needed"].items()},
                   rows=[x for r in runs for x in r["rows"]], agreement=[x for r in runs for x in r["agreement"]], note=runs[0]["note"])
    else:
        from siamattr.benchmark import crossover
        from long_texts import summarise
        raw = [x for r in runs for x in r["raw"]]
        rows = summarise(raw)
        res = dict(parts=parts, rows=rows, raw=raw, crossover={m: crossover([r for r in raw if r["model"] == m]) for m in sorted({r["model"] for r in raw})},
                   note="sec_per_pair: one value per run, each in a fresh process; peak_gib: that process's resident-set high-water mark (model and libraries included)")
    Path(out).write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")

if __name__ == "__main__": main(*sys.argv[1:])
