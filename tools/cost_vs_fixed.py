"""Time of the default (`steps="auto"`) against a fixed 64-point Gauss-Legendre run, pair by pair, each timed
`--repeats` times and alternating, end to end and inside the engine that computes T (`siamattr.benchmark.engine_row`);
the rest of the default's time is its plan. 08_performance: all-mpnet-base-v2 at layer 6, measured alone.
Pairs from the start of STS-B test (`siamattr.data.load_benchmark`, e.g. through SIAMATTR_DATA).

    OMP_NUM_THREADS=1 python tools/cost_vs_fixed.py MODEL_FOLDER [--layer 6] [--pairs 2] [--repeats 2]
"""
import argparse, warnings
from siamattr.benchmark import engine_row
from siamattr.core import explain
from siamattr.data import load_benchmark
from siamattr.models import load_model

ap = argparse.ArgumentParser()
ap.add_argument("model"); ap.add_argument("--layer", type=int, default=6)
ap.add_argument("--pairs", type=int, default=2); ap.add_argument("--repeats", type=int, default=2)
a = ap.parse_args()
warnings.simplefilter("ignore")
model = load_model(a.model)
pairs = [(p[0], p[1]) for p in load_benchmark("stsb", "test")[:a.pairs]]
explain(model, *pairs[0], layer=a.layer, steps=1)  # warm-up
for pair in pairs:
    rows = {64: [], "auto": []}
    for _ in range(a.repeats):
        for steps in rows:
            r = engine_row(model, [pair], a.layer, steps=steps); rows[steps].append(r)
            print(f"{pair[0][:30]:30s} steps={steps}: {r['steps']} points, error {r['max_error']:.1e}, {r['sec_per_pair']:.1f} s "
                  f"(T {r['engine_sec_per_pair']:.1f} s)", flush=True)
    total = {s: sum(r["sec_per_pair"] for r in rs) for s, rs in rows.items()}
    print(f"{pair[0][:30]:30s} default ÷ fixed 64 points: {total['auto'] / total[64]:.2f}×")
