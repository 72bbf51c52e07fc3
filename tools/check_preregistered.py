"""Check that confirmatory findings were preregistered before they were run (issue 33). Standard library and git only.

    python tools/check_preregistered.py              # exit 1 with one line per problem
    python tools/check_preregistered.py --self-test  # the checks on a temporary git repository

Fails when
- an expectation (or criterion) in nbs/findings/preregistered.json changed after the commit that first added its key,
  or a key was dropped;
- a record in nbs/findings/*.json with `preregistered_in` names a commit that is not a proper ancestor of the commit that
  added the record (a record not yet committed is compared with HEAD), or one whose preregistered.json lacks the key;
- such a record's `expected` differs from the preregistered one, or its stage is not "confirmatory";
- a record of stage "confirmatory" has no `preregistered_in`.
"""
import json, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREREG = "nbs/findings/preregistered.json"
FINDINGS = "nbs/findings"

def git(*args, root:Path, check=False) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check)

def versions(root:Path, path:str) -> list:
    "(commit, text) of each committed version of `path`, oldest first, then (None, text) of the working tree when it differs"
    log = git("log", "--format=%H", "--follow", "--", path, root=root)
    out = []
    for c in reversed(log.stdout.split()):
        show = git("show", f"{c}:{path}", root=root)
        if show.returncode == 0: out.append((c, show.stdout))  # a commit that deleted it has none
    f = root/path
    if f.exists() and (not out or f.read_text(encoding="utf-8") != out[-1][1]): out.append((None, f.read_text(encoding="utf-8")))
    return out

def entries(text:str) -> dict:
    return {e["key"]: e for e in json.loads(text)}

def problems(root:Path) -> list:
    "Every problem, one line each (empty when all is well)"
    out = []
    vs = versions(root, PREREG)
    if git("rev-parse", "--is-shallow-repository", root=root).stdout.strip() == "true":
        return ["shallow clone: the preregistration check needs the full history (git fetch --unshallow)"]
    first = {}  # key -> (commit that added it, entry)
    for c, text in vs:
        try: es = entries(text)
        except (ValueError, KeyError) as e: out.append(f"{PREREG} at {c or 'the working tree'}: unreadable ({e})"); continue
        for k, (c0, e0) in first.items():
            if k not in es: out.append(f"{PREREG}: {k} (added in {c0[:10] if c0 else 'the working tree'}) was dropped at {c[:10] if c else 'the working tree'}")
            else:
                for field in ("expected", "criterion"):
                    if es[k].get(field) != e0.get(field):
                        out.append(f"{PREREG}: {k}'s {field} changed after its first commit {c0[:10] if c0 else ''}: "
                                   f"{e0.get(field)!r} -> {es[k].get(field)!r} at {c[:10] if c else 'the working tree'}")
        for k, e in es.items(): first.setdefault(k, (c, e))
    current = entries(vs[-1][1]) if vs else {}
    head = git("rev-parse", "HEAD", root=root).stdout.strip()
    n_conf = 0
    for p in sorted((root/FINDINGS).glob("*.json")):
        if p.name == Path(PREREG).name: continue
        rel = p.relative_to(root).as_posix()
        try: rows = json.loads(p.read_text(encoding="utf-8"))
        except ValueError as e: out.append(f"{rel}: unreadable ({e})"); continue
        fvs = None
        for r in rows:
            key, pre = r.get("key"), r.get("preregistered_in")
            if not pre:
                if r.get("stage") == "confirmatory": out.append(f"{rel}: {key} is confirmatory but names no preregistration (preregistered_in)")
                continue
            n_conf += 1
            if r.get("stage") != "confirmatory": out.append(f"{rel}: {key} names a preregistration but its stage is {r.get('stage')!r}")
            if git("cat-file", "-e", f"{pre}^{{commit}}", root=root).returncode != 0:
                out.append(f"{rel}: {key}: preregistered_in {pre} is not a commit of this repository"); continue
            at = git("show", f"{pre}:{PREREG}", root=root)
            if at.returncode != 0 or key not in entries(at.stdout):
                out.append(f"{rel}: {key}: {PREREG} at {pre[:10]} does not preregister it"); continue
            if key not in current: out.append(f"{rel}: {key} is not in the current {PREREG}")
            elif r.get("expected") != current[key]["expected"]:
                out.append(f"{rel}: {key}: expected {r.get('expected')!r}, preregistered {current[key]['expected']!r}")
            if fvs is None: fvs = versions(root, rel)
            added = next((c for c, text in fvs if any(x.get("key") == key and x.get("preregistered_in") for x in json.loads(text))), None)
            if added is None: added = head  # not committed yet: it will be committed on top of HEAD
            if added == pre: out.append(f"{rel}: {key} was committed together with its preregistration ({pre[:10]}), not after it")
            elif git("merge-base", "--is-ancestor", pre, added, root=root).returncode != 0:
                out.append(f"{rel}: {key}: its preregistration {pre[:10]} is not an ancestor of the commit that added it ({added[:10]})")
    if not out and root == ROOT: print(f"preregistration: {len(current)} claims, expectations unchanged since their first commit; {n_conf} confirmatory records, each committed after its preregistration and with its preregistered expectation")
    return out

def self_test() -> None:
    "The checks on a temporary repository: a clean history passes; each kind of violation is caught"
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        g = lambda *a: git("-c", "user.name=t", "-c", "user.email=t@t", *a, root=root, check=True).stdout.strip()
        g("init", "-q"); (root/FINDINGS).mkdir(parents=True)
        pre = [{"key": "conf_a", "criterion": "x > 1", "expected": True}, {"key": "conf_b", "criterion": "y > 1", "expected": False}]
        (root/PREREG).write_text(json.dumps(pre)); g("add", "-A"); g("commit", "-qm", "prereg"); c0 = g("rev-parse", "HEAD")
        rec = lambda **kw: [{"key": "conf_a", "expected": True, "holds": False, "stage": "confirmatory", "preregistered_in": c0, **kw}]
        (root/FINDINGS/"18_x.json").write_text(json.dumps(rec())); g("add", "-A"); g("commit", "-qm", "run")
        assert problems(root) == [], problems(root)
        (root/FINDINGS/"18_x.json").write_text(json.dumps(rec(expected=False)))
        assert any("preregistered True" in p for p in problems(root)), problems(root)
        (root/FINDINGS/"18_x.json").write_text(json.dumps(rec(preregistered_in="0" * 40)))
        assert any("not a commit" in p for p in problems(root)), problems(root)
        (root/FINDINGS/"18_x.json").write_text(json.dumps(rec(stage="exploratory")))
        assert any("stage is 'exploratory'" in p for p in problems(root)), problems(root)
        (root/FINDINGS/"18_x.json").write_text(json.dumps(rec()))
        pre[0]["expected"] = False; (root/PREREG).write_text(json.dumps(pre))  # an expectation edited after the run
        assert any("conf_a's expected changed" in p for p in problems(root)), problems(root)
        (root/PREREG).write_text(json.dumps(pre[1:]))
        assert any("conf_a (added in" in p and "dropped" in p for p in problems(root)), problems(root)
        g("checkout", "-q", "--", PREREG); assert problems(root) == [], problems(root)
        # a record committed together with its preregistration, or before it (on another branch)
        (root/PREREG).write_text(json.dumps(pre[1:] + [{"key": "conf_c", "criterion": "z", "expected": True}]))
        (root/FINDINGS/"19_y.json").write_text(json.dumps([{"key": "conf_c", "expected": True, "holds": True, "stage": "confirmatory", "preregistered_in": "HEAD"}]))
        g("checkout", "-q", "-b", "side"); pre[0]["expected"] = True
        (root/PREREG).write_text(json.dumps(pre + [{"key": "conf_c", "criterion": "z", "expected": True}])); g("add", PREREG); g("commit", "-qm", "prereg c"); c1 = g("rev-parse", "HEAD")
        (root/FINDINGS/"19_y.json").write_text(json.dumps([{"key": "conf_c", "expected": True, "holds": True, "stage": "confirmatory", "preregistered_in": c1}]))
        g("add", "-A"); g("commit", "-qm", "together", "--amend"); c2 = g("rev-parse", "HEAD")  # record and preregistration in one commit
        (root/FINDINGS/"19_y.json").write_text(json.dumps([{"key": "conf_c", "expected": True, "holds": True, "stage": "confirmatory", "preregistered_in": c2}])); g("add", "-A"); g("commit", "-qm", "name it")
        assert any("conf_c was committed together with its preregistration" in p for p in problems(root)), problems(root)  # first added in c2 itself
        # a preregistration on another branch: not an ancestor of the record's commit
        g("checkout", "-q", "-b", "other", c0); (root/PREREG).write_text(json.dumps(pre + [{"key": "conf_d", "criterion": "w", "expected": True}]))
        g("commit", "-qam", "prereg d"); c3 = g("rev-parse", "HEAD"); g("checkout", "-q", "side")
        (root/FINDINGS/"20_z.json").write_text(json.dumps([{"key": "conf_c", "expected": True, "holds": True, "stage": "confirmatory", "preregistered_in": c3}]))
        g("add", "-A"); g("commit", "-qm", "record naming a side branch")
        assert any("20_z.json: conf_c: " in p and "does not preregister" in p for p in problems(root)), problems(root)
        (root/FINDINGS/"20_z.json").write_text(json.dumps([{"key": "conf_a", "expected": True, "holds": True, "stage": "confirmatory", "preregistered_in": c3}]))
        g("commit", "-qam", "record naming a side branch's commit")
        assert any("20_z.json: conf_a: its preregistration" in p and "is not an ancestor" in p for p in problems(root)), problems(root)
    print("self-test passed")

def main(argv=sys.argv[1:]) -> int:
    if argv == ["--self-test"]: self_test(); return 0
    if argv: print(__doc__, file=sys.stderr); return 2
    ps = problems(ROOT)
    for p in ps: print(p)
    return 1 if ps else 0

if __name__ == "__main__": sys.exit(main())
