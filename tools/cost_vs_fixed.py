"""Time of the default (`steps="auto"`) against a fixed 64-point Gauss-Legendre run, pair by pair, each timed twice and
alternating, with nothing else measured in between (08_performance: all-mpnet-base-v2 at layer 6, measured alone).
Pairs from the start of STS-B test (`siamattr.data.load_benchmark`, e.g. through SIAMATTR_DATA).

    OMP_NUM_THREADS=1 python tools/cost_vs_fixed.py MODEL_FOLDER [--layer 6] [--pairs 2] [--repeats 2]
"""
import argparse, time, warnings
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
for x, y in pairs:
    took = {64: [], "auto": []}
    for _ in range(a.repeats):
        for steps in (64, "auto"):
            t = time.perf_counter(); ex = explain(model, x, y, layer=a.layer, steps=steps); took[steps].append(time.perf_counter() - t)
            print(f"{x[:30]:30s} steps={steps}: {ex.steps} points, error {ex.error:+.1e}, {took[steps][-1]:.1f} s", flush=True)
    ratio = sum(took["auto"]) / sum(took[64])
    print(f"{x[:30]:30s} default ÷ fixed 64 points: {ratio:.2f}×")
