"""On a CUDA machine: run the core tests there, then the benchmark, and print one table.

    python tools/gpu_check.py [--pairs 3] [--layers 0,3,5] [--skip-tests]

The core notebooks (00_models, 00b_result, 01_core) run with nbdev_test; `load_model` puts models on CUDA when it
is available, so their numbers are checked on the GPU. The benchmark (`siamattr.benchmark.run_benchmark`) then
times siamattr's defaults against the published algorithm on the GPU, with forward-mode batches sized from the
card's free memory (`siamattr.core.memory_budget`). Set SIAMATTR_MPNET to an all-mpnet-base-v2 folder to add it.
Without CUDA it says so and exits 2: nothing it would print could be a GPU figure.
"""
import argparse, os, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=3, help="STS-B test pairs (or the example pairs without data)")
    ap.add_argument("--layers", default="0,3,5", help="layers of all-MiniLM-L6-v2 to benchmark")
    ap.add_argument("--skip-tests", action="store_true", help="only the benchmark")
    a = ap.parse_args()
    import torch
    if not torch.cuda.is_available():
        print("no CUDA device here: nothing to measure (run this on a machine with a GPU)"); sys.exit(2)
    print(f"device: {torch.cuda.get_device_name(0)}, torch {torch.__version__}, CUDA {torch.version.cuda}; "
          f"free {torch.cuda.mem_get_info()[0] / 2**30:.1f} GiB")
    rows = []
    if not a.skip_tests:
        for nb in ("00_models", "00b_result", "01_core"):
            t = time.time()
            rc = subprocess.run(["nbdev_test", "--path", f"nbs/{nb}.ipynb"], cwd=ROOT).returncode
            rows.append((f"tests {nb}", "passed" if rc == 0 else f"FAILED (exit {rc})", f"{time.time() - t:.0f} s"))
    from siamattr.benchmark import run_benchmark
    from siamattr.data import have_data
    layers = tuple(int(l) for l in a.layers.split(","))
    data = None
    if not have_data("stsb"):  # the README's example pairs stand in for STS-B
        import tempfile
        data = Path(tempfile.mkdtemp()) / "pairs.tsv"
        data.write_text("A man is playing a guitar.\tSomeone plays an instrument on stage.\n"
                        "The kettle on the stove began to whistle loudly.\tWater was boiling in the pot on the cooker.\n"
                        "A girl is styling her hair.\tA girl is brushing her hair.\n"
                        "The cat is not on the mat.\tA dog sleeps on a rug.\n", encoding="utf-8")
    res = run_benchmark(data=data, n_pairs=a.pairs, layers=layers, n_docs=20, lengths=(64, 512))
    for r in res["speed"]:
        if r["method"].startswith("siamattr") or "≤" in r["method"]:
            rows.append((f"MiniLM layer {r['layer']}: {r['method']}", f"steps {r['steps']}, |error| {r['max_error']}",
                         f"{r['sec_per_pair']:.3f} s/pair" + (f", {r['speedup']:.0f}×" if "speedup" in r else "")))
    if os.environ.get("SIAMATTR_MPNET"):
        res = run_benchmark(data=data, model=os.environ["SIAMATTR_MPNET"], n_pairs=a.pairs, layers=(0, 6, 11), n_docs=20, lengths=(64,))
        for r in res["speed"]:
            if r["method"].startswith("siamattr") or "≤" in r["method"]:
                rows.append((f"MPNet layer {r['layer']}: {r['method']}", f"steps {r['steps']}, |error| {r['max_error']}",
                             f"{r['sec_per_pair']:.3f} s/pair" + (f", {r['speedup']:.0f}×" if "speedup" in r else "")))
    print("\n| check | result | time |\n|---|---|---|")
    for r in rows: print("| " + " | ".join(map(str, r)) + " |")
    sys.exit(0 if all("FAILED" not in r[1] for r in rows) else 1)

if __name__ == "__main__": main()
