"""The step plan of one text in float32 and in float64, and the cost of T per point in each (the figures of
01_core's "The paper's own model": all-mpnet-base-v2 at layer 0, the kettle text against its partner).

    OMP_NUM_THREADS=1 python tools/plan_precision.py MODEL_FOLDER [--layer 0] [--text T] [--partner P] [--max-points N]
        [--points K --start S] [--unsplit U] [--float32-only]
"""
import argparse, time, warnings
from siamattr.models import encoder_for
from siamattr.core import text_path, plan_nodes, score_measure, integrated_jacobian, quadrature, plan_start, UNSPLIT, TEXT_SHARE

ap = argparse.ArgumentParser()
ap.add_argument("model"); ap.add_argument("--layer", type=int, default=0)
ap.add_argument("--text", default="The kettle on the stove began to whistle loudly.")
ap.add_argument("--partner", default="Water was boiling in the pot on the cooker.")
ap.add_argument("--tol", type=float, default=1e-3)
ap.add_argument("--max-points", type=int, default=None, help="the plan's budget (default: the library's for each dtype, MAX_POINTS)")
ap.add_argument("--points", type=int, default=None, help="Gauss-Legendre points per piece (default: the library's, as `attribute` starts)")
ap.add_argument("--start", type=int, default=None, help="equal pieces to start from (default: as `attribute` starts)")
ap.add_argument("--unsplit", type=float, default=UNSPLIT, help="the share of the target a round leaves unsplit (default: the library's)")
ap.add_argument("--float32-only", action="store_true", help="plan in the model's float32 only, and skip timing T")
a = ap.parse_args()
warnings.simplefilter("ignore")
enc = encoder_for(a.model)
partner = enc.model.encode([a.partner], convert_to_tensor=True)
points, start = plan_start(enc, a.layer)  # where `attribute` starts, unless given
points, start = a.points or points, a.start or start
for name, e in (("float32", enc),) + ((("float64", enc.float64()),) if not a.float32_only else ()):
    p = text_path(e, a.text, a.layer)
    t = time.perf_counter()  # the per-text target explain_many gives each text of a pair
    plan = plan_nodes(p.embed, p.x, p.r, a.tol / TEXT_SHARE, score_measure(enc.similarity, p.embedding, partner), points, start, a.max_points,
                      unsplit=a.unsplit)
    took = time.perf_counter() - t
    print(f"{name}: plan {len(plan.nodes)} points ({plan.probes} probes), bound {plan.bound:.1e}, reached {plan.reached}, "
          f"stalled {plan.stalled}, {took:.0f} s")
    if a.float32_only: continue
    t = time.perf_counter(); integrated_jacobian(p.embed, p.x, p.r, *quadrature("gauss", 4)); per_point = (time.perf_counter() - t) / 4
    print(f"{name}: T {per_point:.2f} s per point ({p.x.shape[0]} tokens), so {per_point * len(plan.nodes) / 60:.1f} min "
          f"for the plan's points (extrapolated from 4)")
