"""Train the paper's configuration by the reference code's recipe, and the unshifted cosine fine-tune of the same length,
in turns, one epoch each, resumable (issue 33, item 5; preregistered as conf_recipe_dot_on_par).

    SIAMATTR_DATA=... OMP_NUM_THREADS=1 nice -n 15 python tools/xsbert_recipe.py OUT [--until-epoch N] [--base MODEL]

OUT (a folder outside the repository, or under the git-ignored runs/) gets one folder per model, `finetune`'s:
checkpoints, then the final model and its `siamattr_finetune.json`. Both models train by `siamattr.adapt.XSBERT_RECIPE`
(5 epochs of STS-B train, best dev checkpoint). The script alternates: the dot model to the end of epoch 1, the cosine
model to the end of epoch 1, then epoch 2 of each, and so on (`finetune(..., resume=True, stop_after=...)`), so that
whenever it is stopped both models have trained (nearly) as long. Run the same command again to resume from the last
checkpoints. After each piece it writes OUT/progress.json (steps and dev curves); when both are done, OUT/result.json
holds their STS-B test correlations (`siamattr.adapt.evaluate`, all pairs). The test set is scored only then.
"""
import argparse, json, math, sys, time
from pathlib import Path

MODELS = {"minilm-xsbert-shift-dot": {"similarity": "dot", "shifted": True},          # the paper's configuration
          "minilm-xsbert-noshift-cos": {"similarity": "cosine", "shifted": False}}    # the unshifted cosine fine-tune

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--until-epoch", type=int, default=None, help="stop both models at the end of this epoch (default: the recipe's last)")
    ap.add_argument("--base", default=None, help="the model to start from (default: siamattr's default, all-MiniLM-L6-v2)")
    ap.add_argument("--smoke", action="store_true", help="a smoke test: 96 train, 100 dev and 100 test pairs, a checkpoint every 2 steps")
    args = ap.parse_args(argv)
    from siamattr.adapt import finetune, evaluate, XSBERT_RECIPE
    from siamattr.data import load_benchmark
    sts = {s: load_benchmark("stsb", s) for s in ("train", "dev", "test")}
    recipe = dict(XSBERT_RECIPE)
    if args.smoke: sts, recipe["save_steps"] = {"train": sts["train"][:96], "dev": sts["dev"][:100], "test": sts["test"][:100]}, 2
    epochs = recipe["epochs"]
    per_epoch = math.ceil(len(sts["train"]) / recipe["batch_size"])
    until = min(args.until_epoch or epochs, epochs)
    args.out.mkdir(parents=True, exist_ok=True)
    progress_file = args.out/"progress.json"
    progress = json.loads(progress_file.read_text()) if progress_file.exists() else {}
    for epoch in range(1, until + 1):
        for name, kw in MODELS.items():
            folder = args.out/name
            if (folder/"siamattr_finetune.json").exists(): continue  # finished
            if progress.get(name, {}).get("steps", 0) >= epoch * per_epoch: continue  # this piece is done
            t = time.time()
            print(f"[{time.strftime('%H:%M:%S')}] {name}: training to step {epoch * per_epoch} (epoch {epoch} of {epochs})", flush=True)
            m = finetune(sts["train"], folder, dev=sts["dev"], base=args.base, resume=True,
                         stop_after=epoch * per_epoch if epoch < epochs else None, **kw, **recipe)
            took = round(time.time() - t)
            progress[name] = {k: m[k] for k in ("paused", "steps", "dev_curve") if k in m} | {
                "seconds_last_piece": took, "seconds_total": progress.get(name, {}).get("seconds_total", 0) + took}
            progress_file.write_text(json.dumps(progress, indent=1))
            print(f"[{time.strftime('%H:%M:%S')}] {name}: step {m['steps']}, dev curve {m['dev_curve'][-3:]}", flush=True)
    if all((args.out/n/"siamattr_finetune.json").exists() for n in MODELS):
        result = {}
        for name, kw in MODELS.items():
            info = json.loads((args.out/name/"siamattr_finetune.json").read_text())
            result[name] = {**kw, "test": evaluate(str(args.out/name), sts["test"]),
                            **{k: info[k] for k in ("steps", "epochs", "best_checkpoint", "dev_spearman", "dev_curve", "loss", "weight_decay")},
                            "seconds_total": progress[name]["seconds_total"]}
        result["recipe"], result["smoke"] = recipe, args.smoke
        (args.out/"result.json").write_text(json.dumps(result, indent=1))
        print(json.dumps({n: r["test"] for n, r in result.items() if n in MODELS}), flush=True)
    return 0

if __name__ == "__main__":
    sys.exit(main())
