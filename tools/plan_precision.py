"""The step plan of one text in float32 and in float64, and the cost of T per point in each (the figures of
01_core's "The paper's own model": all-mpnet-base-v2 at layer 0, the kettle text against its partner).

    OMP_NUM_THREADS=1 python tools/plan_precision.py MODEL_FOLDER [--layer 0] [--text T] [--partner P] [--max-points N]
        [--points K --start S] [--unsplit U] [--float32-only] [--layer0-options]

--layer0-options also tries the two ideas for a path that float32 cannot resolve (all-mpnet-base-v2 at layer 0):
a float64 plan that starts from the float32 plan's pieces, and T in float32 at the float64 plan's nodes (its
residual in the score, against T in float64 there; both timed in full).
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
ap.add_argument("--layer0-options", action="store_true", help="also: a float64 plan started from the float32 plan's pieces, and T in float32 at the float64 plan's nodes")
a = ap.parse_args()
warnings.simplefilter("ignore")
enc = encoder_for(a.model)
partner = enc.model.encode([a.partner], convert_to_tensor=True)
points, start = plan_start(enc, a.layer)  # where `attribute` starts, unless given
points, start = a.points or points, a.start or start
measure = lambda p: score_measure(enc.similarity, p.embedding, partner)
plans, paths = {}, {}
for name, e in (("float32", enc),) + ((("float64", enc.float64()),) if not a.float32_only else ()):
    p = paths[name] = text_path(e, a.text, a.layer)
    t = time.perf_counter()  # the per-text target explain_many gives each text of a pair
    plan = plans[name] = plan_nodes(p.embed, p.x, p.r, a.tol / TEXT_SHARE, measure(p), points, start, a.max_points, unsplit=a.unsplit)
    took = time.perf_counter() - t
    print(f"{name}: plan {len(plan.nodes)} points ({plan.probes} probes), bound {plan.bound:.1e}, reached {plan.reached}, "
          f"stalled {plan.stalled}, {took:.0f} s")
    if a.float32_only: continue
    t = time.perf_counter(); integrated_jacobian(p.embed, p.x, p.r, *quadrature("gauss", 4)); per_point = (time.perf_counter() - t) / 4
    print(f"{name}: T {per_point:.2f} s per point ({p.x.shape[0]} tokens), so {per_point * len(plan.nodes) / 60:.1f} min "
          f"for the plan's points (extrapolated from 4)")
if a.layer0_options and not a.float32_only:
    p64, plan = paths["float64"], plans["float64"]
    t = time.perf_counter()
    warm = plan_nodes(p64.embed, p64.x, p64.r, a.tol / TEXT_SHARE, measure(p64), points, plans["float32"].pieces, a.max_points, unsplit=a.unsplit)
    print(f"float64 from the float32 plan's pieces: {len(warm.nodes)} points ({warm.probes} probes), bound {warm.bound:.1e}, "
          f"{time.perf_counter() - t:.0f} s; narrowest piece of the float64 plan {min(b - a for a, b in plan.pieces):.1e}")
    for name in ("float32", "float64"):  # T on the float64 plan's nodes, in each precision, against the same e(x) - e(r)
        q = paths[name]
        t = time.perf_counter(); T = integrated_jacobian(q.embed, q.x, q.r, plan.nodes, plan.weights)
        print(f"T in {name} at the float64 plan's nodes: residual in the score {measure(p64)(T.sum(0) - (p64.embedding - p64.ref_embedding)):.1e}, "
              f"{time.perf_counter() - t:.0f} s")
