"""CPU throughput of the dataset path: `siamattr.runner.explain_dataset` (batches of pairs, repeated texts attributed
once) against `explain` pair by pair, on the first STS-B test pairs, all-MiniLM-L6-v2, layer 0, default settings.
Writes nbs/benchmarks/dataset_throughput_cpu.json (shown in 08_performance). Needs SIAMATTR_DATA.

    OMP_NUM_THREADS=1 python tools/dataset_throughput.py [--pairs 20] [--repeats 2]
"""
import argparse, json, sys, warnings
from pathlib import Path
import transformers
sys.path.insert(0, str(Path(__file__).parent))
from bench_meta import run_meta, finish
from siamattr.benchmark import dataset_throughput, THROUGHPUT_FILE
from siamattr.data import load_benchmark
from siamattr.models import load_model

warnings.simplefilter("ignore"); transformers.logging.set_verbosity_error()
ap = argparse.ArgumentParser()
ap.add_argument("--pairs", type=int, default=20); ap.add_argument("--repeats", type=int, default=2); ap.add_argument("--layer", type=int, default=0)
ap.add_argument("--out", default=str(Path(__file__).parent.parent / "nbs" / THROUGHPUT_FILE))
a = ap.parse_args()
meta = run_meta()
model = load_model(None)
pairs = [(p[0], p[1]) for p in load_benchmark("stsb", "test")[:a.pairs]]
runs = []
for rep in range(a.repeats):
    runs.append(dict(run=rep, **dataset_throughput(model, pairs, a.layer))); print(runs[-1], flush=True)
    Path(a.out).write_text(json.dumps(dict(finish(dict(meta)), model="all-MiniLM-L6-v2", runs=runs,
                                           note="no GPU was lent: the GPU targets of issue 30 item 4 were not measured"), indent=1) + "\n", encoding="utf-8")
