"""Long documents: a short STS-B test sentence against documents of 32, 128, 256 and 512 tokens, both engines
("forward": one tangent per token; "reverse": one backward pass per embedding dimension) at the same Gauss-Legendre
points, each run in a fresh process for its peak memory (resident-set high-water mark, model included), with the
points the Gauss rule needs for |error| <= 1e-3 on the pair (the time at those points is extrapolated, linearly in the points). Writes nbs/benchmarks/long_texts.json (shown in
08_performance). Needs SIAMATTR_DATA.

    OMP_NUM_THREADS=1 python tools/long_texts.py [--lengths 32 128 256 512] [--layer 5] [--repeats 2] [--model NAME_OR_FOLDER]
"""
import argparse, json, resource, subprocess, sys, warnings
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))

def texts(model, n):
    "The query (STS-B test's first sentence) and a document of `n` tokens made of the sentences that follow it"
    from siamattr.data import load_benchmark
    from siamattr.benchmark import text_of_tokens
    from siamattr.models import encoder_for
    sts = load_benchmark("stsb", "test")
    return sts[0][0], text_of_tokens(encoder_for(model), n, " ".join(s for p in sts[1:400] for s in (p[0], p[1])))

def one(model, n, layer, steps, engine):
    "One pair in this process: prints a JSON row with its time and peak memory"
    import transformers; transformers.logging.set_verbosity_error(); warnings.simplefilter("ignore")
    from siamattr.models import load_model
    from siamattr.benchmark import long_text_row
    m = load_model(model); m.max_seq_length = max(m.max_seq_length, 512)
    q, doc = texts(m, n)
    after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    row = long_text_row(m, q, doc, layer, steps, engine)
    print(json.dumps(row | dict(after_load_gib=after_load / 2**20, peak_gib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20)))

def summarise(raw:list) -> list:
    "One row per model, length and engine from the runs' rows: times, memory and extrapolated times as lists over the runs"
    by = {}
    for r in raw: by.setdefault((r["model"], r["tokens"], r["engine"]), []).append(r)
    return [dict(model=k[0], tokens=k[1], layer=v[0]["layer"], engine=k[2], steps=v[0]["steps"], points_needed=v[0]["points_needed"],
                 sec_per_pair=[r["sec_per_pair"] for r in v], peak_gib=[r["peak_gib"] for r in v], after_load_gib=[r["after_load_gib"] for r in v],
                 max_error=max(abs(r["error"]) for r in v),
                 sec_at_needed_extrapolated=[r["sec_per_pair"] * v[0]["points_needed"] / v[0]["steps"] for r in v]) for k, v in sorted(by.items())]

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--lengths", type=int, nargs="+", default=[32, 128, 256, 512]); ap.add_argument("--layer", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=2); ap.add_argument("--model", default=None)
    ap.add_argument("--steps", type=int, default=2, help="Gauss-Legendre points both engines are timed at (time is linear in them)")
    ap.add_argument("--cap", type=float, default=900, help="seconds: an engine whose run took longer is not run at longer lengths")
    ap.add_argument("--one", nargs=3, metavar=("N", "STEPS", "ENGINE"))
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    if a.one: one(a.model, int(a.one[0]), a.layer, int(a.one[1]), a.one[2]); sys.exit()
    import transformers; transformers.logging.set_verbosity_error(); warnings.simplefilter("ignore")
    from bench_meta import run_meta, finish
    from siamattr.benchmark import steps_needed, crossover, LONG_FILE
    from siamattr.models import load_model
    meta = run_meta()
    m = load_model(a.model); m.max_seq_length = max(m.max_seq_length, 512)
    name = Path(a.model).name if a.model else "all-MiniLM-L6-v2"
    out = Path(a.out or Path(__file__).parent.parent / "nbs" / LONG_FILE)
    old = json.loads(out.read_text()) if out.exists() else {}
    raw = [r for r in old.get("raw", []) if r["model"] != name]  # other models' rows are kept
    stopped = set()
    for n in a.lengths:
        q, doc = texts(m, n)
        need = steps_needed(m, [(q, doc)], a.layer, "gauss", 1e-3)
        print(n, "points needed", need, flush=True)
        for rep in range(a.repeats):
            for engine in ("forward", "reverse"):
                if engine in stopped: continue
                res = subprocess.run([sys.executable, __file__, "--one", str(n), str(a.steps), engine, "--layer", str(a.layer),
                                      *(["--model", a.model] if a.model else [])], capture_output=True, text=True)
                if res.returncode: print(res.stderr[-2000:]); raise SystemExit(1)
                row = json.loads(res.stdout.strip().splitlines()[-1]) | dict(model=name, points_needed=need, run=rep)
                raw.append(row); print(row, flush=True)
                if row["sec_per_pair"] > a.cap: stopped.add(engine)
        rows = summarise(raw)
        models = sorted({r["model"] for r in raw})
        result = dict(finish(dict(meta)), rows=rows, raw=raw, not_run=sorted(stopped),
                      crossover={mm: crossover([r for r in raw if r["model"] == mm]) for mm in models},
                      note="sec_per_pair: one value per run, each in a fresh process; peak_gib: that process's resident-set high-water mark (model and libraries included)")
        out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")  # after each length: a run cut short keeps what it measured
