"""What a point costs on one text's path, by kind: a plain forward pass, a planning probe (`path_jvp`: one JVP with the
whole of x - r as tangent) and a point of T (`integrated_jacobian`: one JVP per token), each over the same batch of
points. The ratio of probe to T says how much a plan's probes weigh against the points they choose.

    OMP_NUM_THREADS=1 python tools/probe_cost.py MODEL_FOLDER [--layer 6] [--text T] [--points 16,64]
"""
import argparse, time, warnings
import torch
from siamattr.models import encoder_for
from siamattr.core import text_path, path_jvp, integrated_jacobian, quadrature

ap = argparse.ArgumentParser()
ap.add_argument("model"); ap.add_argument("--layer", type=int, default=6)
ap.add_argument("--text", default="The kettle on the stove began to whistle loudly.")
ap.add_argument("--points", default="16,64", help="batch sizes to time")
a = ap.parse_args()
warnings.simplefilter("ignore")
enc = encoder_for(a.model)
p = text_path(enc, a.text, a.layer)
print(f"{a.text!r} at layer {a.layer}: {p.x.shape[0]} tokens, {torch.get_num_threads()} threads")

def seconds(fn, repeats=2):
    fn()  # warm-up
    t = time.perf_counter()
    for _ in range(repeats): fn()
    return (time.perf_counter() - t) / repeats

for n in map(int, a.points.split(",")):
    nodes, weights = quadrature("gauss", n)
    primal = p.r[None] + nodes.to(p.x.dtype)[:, None, None] * (p.x - p.r)[None]
    def forward():
        with torch.no_grad(): p.embed(primal)
    f, probe, T = (seconds(forward), seconds(lambda: path_jvp(p.embed, p.x, p.r, nodes)),
                   seconds(lambda: integrated_jacobian(p.embed, p.x, p.r, nodes, weights)))
    print(f"{n} points: forward {f:.3f} s, probes {probe:.3f} s, T {T:.3f} s; per point {f / n:.4f} / {probe / n:.4f} / {T / n:.4f} s")
