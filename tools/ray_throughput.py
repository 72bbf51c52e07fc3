"""Pairs per second of `siamattr.runner.explain_dataset` in this process against a local Ray cluster, on the same
STS-B-like pairs, and a check that the two runs' records agree to 1e-6.

    python tools/ray_throughput.py [--n 16] [--workers 2] [--model NAME] [--layer 0] [--steps auto] [--batch-size 4] [--device cpu] [--threads 1]

The pairs: with SIAMATTR_DATA set, a seeded sample of N pairs of the STS-B test split (`siamattr.data.load_benchmark`);
without it, the first N of 16 built-in pairs. The Ray run starts a local cluster on 127.0.0.1 (usage statistics off)
whose actors take half a CPU each, so that Ray Data's read tasks are not starved, and shuts it down after the run: its
time includes starting the cluster and loading the model in every actor, as a real run's does. The local run's time
starts with the model already loaded. Prints one table (mode, pairs, seconds, pairs/s); exits 1 when the runs disagree.
"""
import argparse, os, random, sys, tempfile, time
from pathlib import Path

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
import torch
from siamattr.models import load_model
from siamattr.runner import explain_dataset, read_output

PAIRS = [  # STS-B-like: captions and headlines, similar and not
    ("A man is playing a guitar.", "A man plays an acoustic guitar."),
    ("A woman is slicing an onion.", "Someone is cutting an onion."),
    ("A cat is sleeping on the sofa.", "A dog is barking at the mailman."),
    ("Two boys are playing football in the park.", "Children play soccer on a field."),
    ("The stock market fell sharply on Monday.", "Shares dropped steeply at the start of the week."),
    ("A plane is taking off.", "An air plane is taking off."),
    ("A man is riding a horse on the beach.", "A woman is reading a book in the library."),
    ("The president met with foreign leaders today.", "World leaders held talks with the president."),
    ("A child is eating an apple.", "A kid eats some fruit."),
    ("A bird is flying over the lake.", "A man is swimming in the pool."),
    ("Heavy rain caused flooding in the city.", "The town was flooded after a storm."),
    ("A girl is brushing her hair.", "A girl is combing her hair."),
    ("The chef is cooking pasta in the kitchen.", "Someone is preparing spaghetti."),
    ("A man is not playing the piano.", "A man is playing the piano."),
    ("Three people are hiking up a mountain.", "A group climbs a hill."),
    ("The train arrived late at the station.", "A cat chases a mouse across the yard."),
]

def load_pairs(n:int) -> tuple:
    "(pairs, where they come from)"
    if os.environ.get("SIAMATTR_DATA"):
        from siamattr.data import load_benchmark
        sts = load_benchmark("stsb", "test")
        return [(p.sentence1, p.sentence2) for p in random.Random(0).sample(sts, min(n, len(sts)))], "STS-B test (seeded sample)"
    return PAIRS[:n], "built-in pairs"

def timed(pairs, out, **kw) -> float:
    start = time.perf_counter()
    summary = explain_dataset(pairs, out, progress=False, **kw)
    seconds = time.perf_counter() - start
    if summary["written"] != len(pairs) or summary["failures"]: sys.exit(f"{out}: {summary}")
    return seconds

def largest_difference(a:Path, b:Path) -> float:
    "The largest |difference| of any number of the two files' records, pair by pair; inf when their pairs or tokens differ"
    ra, rb = (sorted(read_output(p)[0], key=lambda r: r["index"]) for p in (a, b))
    if [(r["index"], r["tokens_a"], r["tokens_b"]) for r in ra] != [(r["index"], r["tokens_a"], r["tokens_b"]) for r in rb]: return float("inf")
    worst = 0.0
    for x, y in zip(ra, rb):
        for k in ("pairs", "unary_a", "unary_b"):
            worst = max(worst, float((torch.tensor(x[k], dtype=torch.float64) - torch.tensor(y[k], dtype=torch.float64)).abs().max()))
        for k in ("score", "total", "error", "bias"): worst = max(worst, abs(x[k] - y[k]))
    return worst

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=16, help="pairs (default 16)")
    ap.add_argument("--workers", type=int, default=2, help="Ray actors (default 2)")
    ap.add_argument("--model", default=None, help="a name or folder (default: all-MiniLM-L6-v2)")
    ap.add_argument("--layer", type=int, default=None)
    ap.add_argument("--steps", default=None, help="a number, or auto (default: the library's)")
    ap.add_argument("--batch-size", type=int, default=4, help="pairs per call of explain_many (default 4)")
    ap.add_argument("--threads", type=int, default=None, help="torch threads of the local run (default torch's; each Ray actor uses 1)")
    ap.add_argument("--device", default=None, help="cpu, cuda, ...: where both runs put the model (default: a GPU if there is one)")
    args = ap.parse_args(argv)
    if args.n < 1: ap.error("--n must be at least 1")
    if args.threads: torch.set_num_threads(args.threads)  # on a busy machine, more threads than free cores slow torch down
    steps = None if args.steps is None else (args.steps if args.steps == "auto" else int(args.steps))
    pairs, source = load_pairs(args.n)
    load_model(args.model, device=args.device)  # the local run starts with the model loaded; the actors load their own
    kw = dict(model=args.model, layer=args.layer, steps=steps, batch_size=args.batch_size, device=args.device)
    with tempfile.TemporaryDirectory() as d:
        local = timed(pairs, Path(d)/"local.jsonl", **kw)
        on_ray = timed(pairs, Path(d)/"ray.jsonl", ray=True, workers=args.workers, **kw)
        diff = largest_difference(Path(d)/"local.jsonl", Path(d)/"ray.jsonl")
        first = read_output(Path(d)/"local.jsonl")[0][0]
    print(f"{len(pairs)} pairs ({source}); model {first['model']['name']}, settings {first['settings']}, batch {args.batch_size}; "
          f"{os.cpu_count()} CPUs, torch threads {torch.get_num_threads()} locally, 1 per Ray actor")
    print(f"\n{'mode':<16}{'pairs':>6}{'seconds':>10}{'pairs/s':>10}")
    for mode, s in (("local", local), (f"ray ({args.workers} workers)", on_ray)):
        print(f"{mode:<16}{len(pairs):>6}{s:>10.1f}{len(pairs) / s:>10.3f}")
    ok = diff <= 1e-6
    print(f"\nlargest |difference| between the runs' records: {diff:.1e} ({'agree' if ok else 'DISAGREE'} to 1e-6)")
    return 0 if ok else 1

if __name__ == "__main__": sys.exit(main())
