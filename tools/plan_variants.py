"""The default (`steps="auto"`) with its plan's two knobs varied: Gauss-Legendre points per piece (`AUTO_POINTS`) and
the share of the target a round leaves unsplit (`UNSPLIT`; a large value splits one piece per round). Per pair and
variant: each text's probes and planned nodes, the pair's points, error and time. 08_performance: on
all-mpnet-base-v2 at layer 6, neither knob makes the plans cheaper than the defaults (4 points, 0.75).
Pairs: the near-jump pair of issue 11, then the start of STS-B test (`siamattr.data.load_benchmark`).

    OMP_NUM_THREADS=1 python tools/plan_variants.py MODEL_FOLDER [--layer 6] [--pairs 1] [--points 4,2,3,6] [--unsplit 0.75,1e9]
"""
import argparse, time, warnings
import siamattr.core as core
from siamattr.core import explain
from siamattr.data import load_benchmark
from siamattr.models import load_model

ap = argparse.ArgumentParser()
ap.add_argument("model"); ap.add_argument("--layer", type=int, default=6)
ap.add_argument("--pairs", type=int, default=1, help="STS-B test pairs after the near-jump pair")
ap.add_argument("--points", default="4,2,3,6", help="Gauss-Legendre points per piece, with UNSPLIT at its default")
ap.add_argument("--unsplit", default="0.75,1e9", help="UNSPLIT values, with AUTO_POINTS at its default")
a = ap.parse_args()
warnings.simplefilter("ignore")
model = load_model(a.model)
pairs = [("The kettle on the stove began to whistle loudly.", "Water was boiling in the pot on the cooker.")]
pairs += [(p[0], p[1]) for p in load_benchmark("stsb", "test")[:a.pairs]]
variants = [(int(p), core.UNSPLIT) for p in a.points.split(",")]
variants += [(core.AUTO_POINTS, float(u)) for u in a.unsplit.split(",") if (core.AUTO_POINTS, float(u)) not in variants]

plan_nodes, plans, knobs = core.plan_nodes, [], {}
def recorded(*args, **kwargs):  # `attribute` plans through the module's name: the variant's unsplit, and a record of each plan
    plan = plan_nodes(*args, **kwargs, unsplit=knobs["unsplit"]); plans.append((plan.probes, len(plan.nodes))); return plan
core.plan_nodes = recorded
points0 = core.AUTO_POINTS
explain(model, *pairs[0], layer=a.layer, steps=1)  # warm-up
for pair in pairs:
    for points, unsplit in variants:
        core.AUTO_POINTS, knobs["unsplit"] = points, unsplit  # `plan_start` reads AUTO_POINTS at call time
        plans.clear(); t = time.perf_counter()
        r = explain(model, *pair, layer=a.layer)
        print(f"{pair[0][:30]:30s} points per piece {points}, unsplit {unsplit:g}: plans (probes, nodes) {plans}, "
              f"{r.steps} points, error {r.error:.1e}, {time.perf_counter() - t:.1f} s", flush=True)
core.AUTO_POINTS = points0
