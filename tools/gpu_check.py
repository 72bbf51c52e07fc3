"""On a CUDA machine: run the core tests there, then the benchmark, and print one table.

    python tools/gpu_check.py [--pairs 3] [--layers 0,3,5] [--skip-tests] [--out gpu.json]

The core notebooks (00_models, 00b_result, 01_core) run with nbdev_test; `load_model` puts models on CUDA when it
is available, so their numbers are checked on the GPU. The command line then explains one pair with `--device cuda`.
The benchmark (`siamattr.benchmark.run_benchmark`) times siamattr's defaults against the published algorithm on
the GPU, with forward-mode batches sized from the card's free memory (`siamattr.core.memory_budget`).
Set SIAMATTR_MPNET to an all-mpnet-base-v2 folder to add it at layers 0, 6 and 11.
Each row is printed (and, with --out, saved as JSON) as soon as it is measured, so a run cut short keeps what it had.
Without CUDA it says so and exits 2: nothing it would print could be a GPU figure.
"""
import argparse, json, os, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ("sentence1\tsentence2\tscore\n"  # the README's example pairs, scores unknown (0): only the model's own score is used
         "A man is playing a guitar.\tSomeone plays an instrument on stage.\t0\n"
         "The kettle on the stove began to whistle loudly.\tWater was boiling in the pot on the cooker.\t0\n"
         "A girl is styling her hair.\tA girl is brushing her hair.\t0\n"
         "The cat is not on the mat.\tA dog sleeps on a rug.\t0\n")

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=3, help="STS-B test pairs (or the example pairs without data)")
    ap.add_argument("--layers", default="0,3,5", help="layers of all-MiniLM-L6-v2 to benchmark")
    ap.add_argument("--skip-tests", action="store_true", help="no notebook tests")
    ap.add_argument("--skip-benchmark", action="store_true", help="no command-line check and no benchmark")
    ap.add_argument("--test-timeout", type=float, default=None, help="seconds each notebook's tests may take")
    ap.add_argument("--measure-within", type=float, default=120, help="time the published algorithm at the points it needs when that is predicted to take at most this many seconds per pair")
    ap.add_argument("--out", default=None, help="JSON file that holds every row and benchmark result so far")
    a = ap.parse_args()
    import torch
    if not torch.cuda.is_available():
        print("no CUDA device here: nothing to measure (run this on a machine with a GPU)"); sys.exit(2)
    from siamattr.core import memory_budget
    import transformers, sentence_transformers
    device = (f"{torch.cuda.get_device_name(0)}, torch {torch.__version__}, CUDA {torch.version.cuda}, transformers "
              f"{transformers.__version__}, sentence-transformers {sentence_transformers.__version__}; free "
              f"{torch.cuda.mem_get_info()[0] / 2**30:.1f} GiB, forward-mode batch budget {memory_budget('cuda') / 2**30:.1f} GiB")
    print("device:", device, flush=True)
    # --out has the shape of nbs/benchmarks/minilm_h200.json: `siamattr.benchmark.saved_summary` reads it as it is
    rows, report = [], dict(machine=device, note="", tests=[], rows=[])
    def save():
        if a.out: Path(a.out).write_text(json.dumps(report, indent=1, default=str) + "\n")
    def add(*row):
        rows.append(row); print("| " + " | ".join(map(str, row)) + " |", flush=True)
        report["rows"] = rows
        if row[0].startswith(("tests ", "siamattr ")): report["tests"].append(dict(zip(("check", "result", "time"), row)))
        save()
    if not a.skip_tests:
        for nb in ("00_models", "00b_result", "01_core"):
            t = time.time()
            try: rc = subprocess.run(["nbdev_test", "--path", f"nbs/{nb}.ipynb"], cwd=ROOT, timeout=a.test_timeout).returncode
            except subprocess.TimeoutExpired: rc = f"timed out after {a.test_timeout:g} s"
            add(f"tests {nb}", "passed" if rc == 0 else f"FAILED ({rc})", f"{time.time() - t:.0f} s")
    if a.skip_benchmark: return finish(rows)
    t = time.time()
    cli = subprocess.run([sys.executable, "-c", "import sys; from siamattr.cli import main; sys.exit(main())", "explain",
                          "The kettle on the stove began to whistle loudly.", "Water was boiling in the pot on the cooker.",
                          "--layer", "3", "--device", "cuda"], capture_output=True, text=True, cwd=ROOT)
    add("siamattr explain --device cuda", "passed" if cli.returncode == 0 else f"FAILED (exit {cli.returncode}): {cli.stderr.strip()[-300:]}",
        f"{time.time() - t:.0f} s")
    from siamattr.benchmark import run_benchmark, speed_summary  # the library's own table: one home for its format
    summaries = []
    from siamattr.data import benchmark_or_skip
    layers = tuple(int(l) for l in a.layers.split(","))
    data = None
    if benchmark_or_skip("stsb", "test") is None:  # the README's example pairs stand in for STS-B
        import tempfile
        data = Path(tempfile.mkdtemp()) / "pairs.tsv"
        data.write_text(PAIRS, encoding="utf-8")
    from siamattr.benchmark import MPNET_SETTINGS
    # a point of the published algorithm costs little on a GPU: time it at the points it needs instead of extrapolating
    runs = [("MiniLM", None, dict(n_pairs=a.pairs, layers=layers, n_docs=20, lengths=(64, 512), measure_within=a.measure_within))]
    if os.environ.get("SIAMATTR_MPNET"):
        runs.append(("MPNet", os.environ["SIAMATTR_MPNET"], dict(MPNET_SETTINGS, measure_within=a.measure_within)))
    for name, model, settings in runs:
        t = time.time()
        res = run_benchmark(data=data, model=model, **settings)
        if name == "MiniLM": report.update({k: v for k, v in res.items() if k != "machine"})  # the card's own line, with its free memory
        else: report[name.lower()] = res
        add(f"benchmark {name}", "done", f"{time.time() - t:.0f} s")
        summaries.append(f"{name} ({settings['n_pairs']} pairs; {device}):\n\n" + speed_summary(res))
        print(summaries[-1], flush=True)
    finish(rows, summaries)

def finish(rows:list, summaries:list=()):
    "Print the speed tables and the table of every check, and exit 1 if any check failed"
    for s in summaries: print("\n" + s)
    print("\n| check | result | time |\n|---|---|---|")
    for r in rows: print("| " + " | ".join(map(str, r)) + " |")
    sys.exit(0 if all("FAILED" not in r[1] for r in rows) else 1)

if __name__ == "__main__": main()
