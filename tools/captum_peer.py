"""captum's LayerIntegratedGradients beside the reverse engine (the published algorithm, siamattr's reimplementation) and
siamattr's default, at the points each needs for |error| <= tol, on all-MiniLM-L6-v2 and the first STS-B test pairs.
Writes nbs/benchmarks/captum_peer.json (shown in 08_performance). Needs `pip install captum --no-deps` and SIAMATTR_DATA.

    OMP_NUM_THREADS=1 python tools/captum_peer.py [--pairs 2] [--layers 0 5] [--repeats 2] [--budget 300]
"""
import argparse, json, sys, warnings
from pathlib import Path
import transformers
sys.path.insert(0, str(Path(__file__).parent))
from bench_meta import run_meta, finish
from siamattr.benchmark import pair_matrix, linear_extrapolation, steps_needed, _timed, PEER_FILE
from siamattr.core import explain
from siamattr.data import load_benchmark
from siamattr.models import load_model

warnings.simplefilter("ignore"); transformers.logging.set_verbosity_error()
ap = argparse.ArgumentParser()
ap.add_argument("--pairs", type=int, default=2); ap.add_argument("--layers", type=int, nargs="+", default=[0, 5])
ap.add_argument("--repeats", type=int, default=2); ap.add_argument("--tol", type=float, default=1e-3)
ap.add_argument("--counts", type=int, nargs=2, default=[4, 8], help="right-Riemann counts always measured")
ap.add_argument("--budget", type=float, default=300, help="seconds per pair above which a time is extrapolated, not run")
ap.add_argument("--out", default=str(Path(__file__).parent.parent / "nbs" / PEER_FILE))
a = ap.parse_args()
meta = run_meta()
model = load_model(None)
pairs = [(p[0], p[1]) for p in load_benchmark("stsb", "test")[:a.pairs]]
per_pair = lambda impl, layer, steps, rule: [pair_matrix(model, p, layer, max(2, steps) if impl == "captum" else steps, rule, impl) for p in pairs]  # captum refuses n_steps=1
rows, agreement, needs = [], [], {}
def save():
    res = dict(finish(meta), model="all-MiniLM-L6-v2", pairs=a.pairs, tol=a.tol, repeats=a.repeats, points_needed={str(k): v for k, v in needs.items()},
               rows=rows, agreement=agreement, layers_done=sorted(int(k) for k in needs),
               note="sec_per_pair: one value per repeated run (mean over the pairs); captum is timed as users call it, one attribute() per embedding dimension, with n_steps at least 2 (captum refuses 1)")
    Path(a.out).write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
for layer in a.layers:
    need = {rule: steps_needed(model, pairs, layer, rule, a.tol) for rule in ("riemann", "gauss")}
    needs[layer] = need; print(layer, need, flush=True)
    times = {}  # (impl, rule, points) -> [sec per pair, per repeat]
    for rep in range(a.repeats):
        for impl in ("captum", "reverse"):
            mats = {}
            for n in a.counts:
                out = per_pair(impl, layer, n, "riemann")
                times.setdefault((impl, "riemann", n), []).append(sum(s for s, _ in out) / len(out)); mats[n] = [m for _, m in out]
                if rep == 0: times.setdefault(("mats", impl, n), mats[n])
            for rule in ("riemann", "gauss"):
                n = need[rule]
                if n in a.counts and rule == "riemann": continue
                est = linear_extrapolation({c: times[(impl, "riemann", c)][rep] for c in a.counts}, n)
                if est <= a.budget:
                    out = per_pair(impl, layer, n, rule)
                    times.setdefault((impl, rule, n), []).append(sum(s for s, _ in out) / len(out))
                    if rep == 0: times[("mats", impl, rule, n)] = [m for _, m in out]
                else: times.setdefault(("extrapolated", impl, rule, n), []).append(est)
            print(layer, rep, impl, {k: v for k, v in times.items() if k[0] != "mats"}, flush=True)
        sec, att = _timed(lambda: [explain(model, *p, layer=layer) for p in pairs])
        times.setdefault(("default",), []).append(sec / len(pairs)); times.setdefault(("default steps",), []).append(max(x.steps for x in att))
    for n in a.counts:  # captum's matrix against the reverse engine's at the same points
        d = max(float((c - r).abs().max()) for c, r in zip(times[("mats", "captum", n)], times[("mats", "reverse", n)]))
        agreement.append(dict(layer=layer, rule="riemann", points=n, max_abs_diff=d, max_abs_pair=max(float(r.abs().max()) for r in times[("mats", "reverse", n)])))
    if ("mats", "captum", "gauss", need["gauss"]) in times and ("mats", "reverse", "gauss", need["gauss"]) in times:
        cs, rs = times[("mats", "captum", "gauss", need["gauss"])], times[("mats", "reverse", "gauss", need["gauss"])]
        agreement.append(dict(layer=layer, rule="gauss", points=need["gauss"], max_abs_diff=max(float((c - r).abs().max()) for c, r in zip(cs, rs)),
                              max_abs_pair=max(float(r.abs().max()) for r in rs)))
    for impl, name in (("captum", "captum LayerIntegratedGradients"), ("reverse", "published algorithm (siamattr's reverse engine)")):
        for n in a.counts:
            rows.append(dict(layer=layer, implementation=name, rule="riemann", points=n, sec_per_pair=times[(impl, "riemann", n)], how="measured"))
        for rule in ("riemann", "gauss"):
            n = need[rule]
            if (impl, rule, n) in times and not (rule == "riemann" and n in a.counts):
                rows.append(dict(layer=layer, implementation=name, rule=rule, points=n, sec_per_pair=times[(impl, rule, n)], how=f"measured (≤{a.tol:g})"))
            elif ("extrapolated", impl, rule, n) in times:
                rows.append(dict(layer=layer, implementation=name, rule=rule, points=n, sec_per_pair=times[("extrapolated", impl, rule, n)],
                                 how=f"extrapolated (≤{a.tol:g}) from {a.counts[0]}, {a.counts[1]}"))
    rows.append(dict(layer=layer, implementation="siamattr default (forward, auto)", rule="gauss", points=max(times[("default steps",)]),
                     sec_per_pair=times[("default",)], how=f"measured (≤{a.tol:g})"))
    print(json.dumps(rows[-1]), flush=True)
    save()  # after each layer: a run cut short keeps what it measured
