"""What a stored speed run records about itself: the command, the commit, the machine, the thread count and the load."""
import os, platform, subprocess, sys
import torch

def run_meta() -> dict:
    "The command line, the commit (and whether the working tree differed from it), the machine, torch's threads and the load average"
    git = lambda *a: subprocess.run(["git", *a], capture_output=True, text=True).stdout.strip()
    return dict(command="python " + " ".join(sys.argv), commit=git("rev-parse", "--short", "HEAD"),
                tree_modified=bool(git("status", "--porcelain", "--untracked-files=no")),
                machine=f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}, torch {torch.__version__}",
                threads=torch.get_num_threads(), load=dict(start=os.getloadavg()), gpu=None if not torch.cuda.is_available() else torch.cuda.get_device_name())

def finish(meta:dict) -> dict:
    "Adds the load average at the end of the run"
    meta["load"]["end"] = os.getloadavg(); return meta
