"""Time the forward engine three ways on one text (default model, layer 0, 64 Gauss-Legendre points):
cache-sized batches (the CPU default), the memory budget's largest batch, and the flattened fallback without vmap.

    python tools/engine_timing.py ["some text"]
"""
import sys, time, warnings
import torch
import siamattr
from siamattr.core import integrated_jacobian, quadrature, text_path, auto_chunk, memory_budget
from siamattr.models import encoder_for

warnings.simplefilter("ignore")
text = sys.argv[1] if len(sys.argv) > 1 else "A group of men play soccer on the beach."
p = text_path(encoder_for(siamattr.load_model()), text, 0)
x, r, f = p.x, p.r, p.embed
nodes, weights = quadrature("gauss", 64)

def seconds(**kw):
    integrated_jacobian(f, x, r, *quadrature("gauss", 2), **kw)  # warm-up
    start = time.perf_counter(); integrated_jacobian(f, x, r, nodes, weights, **kw); return time.perf_counter() - start

print(f"{x.shape[0]} tokens; cache-sized batches {seconds():.2f} s; memory-budget batch {seconds(chunk_size=auto_chunk(*x.shape, budget=memory_budget(x.device))):.2f} s")
vmap = torch.func.vmap
def refuse(*args, **kwargs): raise RuntimeError("vmap switched off")
torch.func.vmap = refuse  # forces the flattened fwAD fallback: one primal copy per token
try: print(f"flattened fallback (no shared primal), same batch {seconds():.2f} s")
finally: torch.func.vmap = vmap
