"""The published rule's error (right Riemann sum) on the benchmark's pairs at a ladder of points: what the error law
of `siamattr.benchmark.points_by_error_law` (C/n from 32 and 64 points) predicts against what the rule gives.
Errors come from the cheap path sums (`quadrature_errors`: one Jacobian-vector product per point and text), so even
thousands of points take minutes, where the published algorithm itself would take hours.

    OMP_NUM_THREADS=1 SIAMATTR_DATA=... python tools/riemann_errors.py MODEL --layer 6 --points 32,64,128,256,512,1024 [--pairs 2]

MODEL: anything `explain` takes (a folder, e.g. all-mpnet-base-v2's). Prints one line per point count, as it goes;
with --out FILE.json, adds the rows to that file (one per layer and point count, with the run's command, commit and
machine), which 08_performance reads.
"""
import argparse, json, time, warnings
from pathlib import Path
from bench_meta import run_meta, finish
from siamattr.models import load_model
from siamattr.core import quadrature_errors
from siamattr.data import load_benchmark

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("model"); ap.add_argument("--layer", type=int, default=0)
ap.add_argument("--points", default="32,64,128,256,512,1024", help="right-Riemann point counts, comma-separated")
ap.add_argument("--pairs", type=int, default=2, help="the first pairs of STS-B test (MPNET_SETTINGS uses 2)")
ap.add_argument("--tol", type=float, default=1e-3)
ap.add_argument("--out", help="a JSON file to add the rows to (kept rows of other layers and point counts)")
a = ap.parse_args()
meta, rows = run_meta(), []
meta["command"] = meta["command"].replace(a.model, "MODEL")  # no path of this machine in a stored file
warnings.simplefilter("ignore")
model = load_model(a.model)
pairs = [tuple(p[:2]) for p in load_benchmark("stsb", "test")[:a.pairs]]
law = None  # C/n through the error at 64 points, as points_by_error_law extends it
for n in (int(v) for v in a.points.split(",")):
    t = time.perf_counter()
    worst = max(map(abs, quadrature_errors(model, pairs, layer=a.layer, steps=n, rule="riemann")))
    if n == 64: law = worst * 64
    rows.append(dict(layer=a.layer, points=n, pairs=a.pairs, max_error=worst, sec=time.perf_counter() - t))
    print(f"layer {a.layer}, {n:5d} points: max |error| {worst:.2e}" + (f" (C/n from 64 points: {law / n:.2e})" if law else "")
          + f"{'' if worst > a.tol else ' within ' + format(a.tol, 'g')}; {time.perf_counter() - t:.0f} s", flush=True)
if a.out:
    out = Path(a.out)
    old = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"runs": [], "rows": []}
    new = {(r["layer"], r["points"], r["pairs"]) for r in rows}
    old["rows"] = [r for r in old["rows"] if (r["layer"], r["points"], r["pairs"]) not in new] + [dict(r, run=len(old["runs"])) for r in rows]
    old["runs"].append(dict(finish(meta), model=Path(a.model).name, data="STS Benchmark test, the first pairs"))
    out.write_text(json.dumps(old, indent=1) + "\n", encoding="utf-8")
