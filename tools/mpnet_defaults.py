"""siamattr's defaults on all-mpnet-base-v2 (the paper's base model) at layers 0, 6 and 11, on three pairs, each timed
against a fixed 64-point float32 Gauss-Legendre run of the same pair in the same process (issue 30's targets: layer 0
at most 5×, layer 6 at most 2×). 01_core reads the file (*The paper's own model*).

    OMP_NUM_THREADS=2 python tools/mpnet_defaults.py MPNET_FOLDER [--out nbs/benchmarks/mpnet_defaults.json] [--layers 0,6,11]

The file is rewritten after every pair, so a run cut short keeps what it measured.
"""
import argparse, json, time, warnings
from pathlib import Path
from bench_meta import run_meta, finish
from siamattr.core import explain
from siamattr.models import load_model

PAIRS = [("The kettle on the stove began to whistle loudly.", "Water was boiling in the pot on the cooker."),
         ("A man is playing a guitar.", "Someone plays an instrument."),
         ("A girl is styling her hair.", "A girl is brushing her hair.")]  # the first STS-B test pair

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("model"); ap.add_argument("--out", default="nbs/benchmarks/mpnet_defaults.json")
ap.add_argument("--layers", default="0,6,11")
a = ap.parse_args()
model, meta, rows = load_model(a.model), run_meta(), []
meta["command"] = meta["command"].replace(a.model, "MPNET_FOLDER")  # no path of this machine in a stored file
for layer in (int(v) for v in a.layers.split(",")):
    for text_a, text_b in PAIRS:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            t0 = time.perf_counter(); planned = explain(model, text_a, text_b, layer=layer); t_planned = time.perf_counter() - t0
        t0 = time.perf_counter(); fixed = explain(model, text_a, text_b, layer=layer, steps=64); t_fixed = time.perf_counter() - t0
        rows.append(dict(layer=layer, text_a=text_a, text_b=text_b, points=planned.steps, error=planned.error, sec=t_planned,
                         warned=any("|error| up to" in str(w.message) for w in caught),
                         fixed64_error=fixed.error, fixed64_sec=t_fixed, cost_vs_fixed64=t_planned / t_fixed))
        print(f"layer {layer:2d}: default {planned.steps:3d} points, error {planned.error:+.1e}, {t_planned:6.1f} s | "
              f"64 points: error {fixed.error:+.1e}, {t_fixed:5.1f} s | {t_planned / t_fixed:.2f}× | {text_a[:24]}", flush=True)
        Path(a.out).write_text(json.dumps(dict(finish(dict(meta)), model=Path(a.model).name, rows=rows), indent=1) + "\n", encoding="utf-8")
