"""Use the explorer widgets in a real browser, as a person does, and check what they show.

    python tools/browser_check.py --out DIR                # exit 0 when every step passed, 1 with one line on failure
    python tools/browser_check.py --out DIR --tamper 0.01  # expect every number 0.01 off: must fail (proves it can)
    python tools/browser_check.py --out DIR --readme nbs/images/explorer.png   # also write the README picture
    python tools/browser_check.py --out DIR --timeout 360  # the whole run is cut here (default), failing

Starts JupyterLab on 127.0.0.1 (a free port, a random token, a throw-away config, settings and workspace),
writes a small notebook holding the real `siamattr.widgets.Explorer` and `RankView` into a temporary folder,
opens it in headless Chromium through Playwright (Debian's `chromium`: `apt-get install -y chromium`; set
SIAMATTR_CHROMIUM for another binary), runs all cells, and then, step by step, with a screenshot in DIR after each:

1. the widgets render, without a progress bar or a traceback in the output;
2. two new texts are typed and *Explain* is pressed: the button is disabled while it works, and the numbers and
   every heatmap cell equal `siamattr.explain`'s for the same texts and settings, computed in this process;
3. hovering the strongest cell shows its token pair and value;
4. the layer slider is moved one step with the keyboard: the picture is marked as out of date;
5. *Explain* again: numbers and heatmap change, and equal `explain`'s at the new layer;
6. the *tokens* picture: each text's tokens, each with its share of the score, equal to `token_scores` and adding
   up to `total`; then back to the heatmap;
7. an empty text gives one line in the status, no traceback, and the last result stays;
8. the query view: a query and documents are typed and *Rank* is pressed: the ranked titles carry
   `explain_many`'s scores in order;
9. opening the best document shows the query's and the document's tokens by their shares and its heatmap, equal to
   `explain`'s;
10. why A rather than B: the best and the third document are chosen in the two dropdowns and the button is pressed:
   the numbers shown (the difference, each document's columns, the query's unary terms, the bias, total, error,
   settings and strongest cells) equal `siamattr.core.contrast`'s, the difference is that of the two ranked scores,
   and its picture (`plot_contrast`) is shown.

The server is shut down whatever happens; every wait is bounded, and the whole run is (by default) cut at
360 seconds.
"""
from __future__ import annotations
import argparse, json, math, os, re, secrets, signal, socket, subprocess, sys, tempfile, threading, time, urllib.request, shutil
from pathlib import Path

CHROMIUM = os.environ.get("SIAMATTR_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
OFFLINE = dict(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", HF_DATASETS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")

# what the notebook starts with, and what the check types over it
START = dict(text_a="A man is playing a guitar.", text_b="Someone plays an instrument.", layer=4)
TEXT_A, TEXT_B = "A woman slices an onion in the kitchen.", "Someone cuts vegetables for dinner."
QUERY = "Where can I learn to play the guitar?"
DOCS = ["The stock market fell sharply today.", "Guitar lessons for beginners, every Tuesday.",
        "Music school offers courses for string instruments."]

NOTEBOOK = [
    "from siamattr.widgets import Explorer, RankView",
    f"ex = Explorer({START['text_a']!r}, {START['text_b']!r}, layer={START['layer']})\nex",
    f"rv = RankView('What is the weather like?', ['Sunny all week.'], layer={START['layer']})\nrv",
]

class Failure(Exception): "One line saying what failed"

def check(ok, what:str):
    if not ok: raise Failure(what)

# --- the server ---------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def write_notebook(folder:Path) -> Path:
    cells = [dict(cell_type="code", metadata={}, source=src, outputs=[], execution_count=None, id=f"c{i}")
             for i, src in enumerate(NOTEBOOK)]
    nb = dict(nbformat=4, nbformat_minor=5, cells=cells,
              metadata=dict(kernelspec=dict(name="python3", display_name="Python 3", language="python")))
    path = folder/"explorer.ipynb"
    path.write_text(json.dumps(nb, indent=1))
    return path

def lab_settings(folder:Path):
    "User settings: every cell rendered (no windowing), no news, no update checks"
    def put(plugin, values):
        f = folder/f"{plugin}.jupyterlab-settings"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(values))
    put("@jupyterlab/notebook-extension/tracker", {"windowingMode": "none"})
    put("@jupyterlab/apputils-extension/notification", {"fetchNews": "false", "checkForUpdates": False})

def start_server(tmp:Path, port:int, token:str):
    for d in ("config", "data", "runtime", "settings", "workspaces", "ipython", "nb"): (tmp/d).mkdir()
    (tmp/"config"/"jupyter_server_config.py").write_text(
        "c.LabApp.news_url = None\n"
        "c.LabApp.check_for_updates_class = 'jupyterlab.NeverCheckForUpdate'\n"
        "c.LabApp.extension_manager = 'readonly'\n")
    lab_settings(tmp/"settings")
    env = {**os.environ, **OFFLINE, "JUPYTER_CONFIG_DIR": str(tmp/"config"), "JUPYTER_RUNTIME_DIR": str(tmp/"runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp/"settings"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp/"workspaces"),
           "JUPYTER_DATA_DIR": str(tmp/"data"), "IPYTHONDIR": str(tmp/"ipython")}  # nothing of the user's, nothing left behind
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp/'nb'}",
           "--ServerApp.allow_remote_access=False", "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0: cmd.append("--allow-root")  # containers often run as root
    with open(tmp/"server.log", "w") as log:
        return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp/"nb")

def wait_server(proc, port:int, token:str, timeout:float=60):
    url, end = f"http://127.0.0.1:{port}/api/status?token={token}", time.time() + timeout
    while time.time() < end:
        check(proc.poll() is None, f"JupyterLab exited at start (code {proc.returncode}): see server.log")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200: return
        except OSError: pass
        time.sleep(0.3)
    raise Failure(f"JupyterLab did not answer on 127.0.0.1:{port} within {timeout:.0f} s")

def stop_server(proc):
    "SIGTERM to the server's process group (server and kernel), SIGKILL after 10 s"
    if proc is None or proc.poll() is not None: return
    try: os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError: return
    try: proc.wait(10)
    except subprocess.TimeoutExpired:
        try: os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError: pass
        proc.wait(5)

# --- what explain says, in this process ---------------------------------------------------------------------

class Expected:
    "explain's numbers for what the check types, optionally all off by `tamper` (to prove the check can fail)"
    def __init__(self, tamper:float=0.0):
        import transformers
        transformers.logging.set_verbosity_error(); transformers.logging.disable_progress_bar()
        from siamattr.core import explain, explain_many, contrast
        from siamattr.models import load_model
        self.model, self.explain, self.explain_many, self.tamper = load_model(), explain, explain_many, tamper
        self.contrast = lambda query, better, worse, layer: contrast(self.model, query, better, worse, layer=layer)

    def pair(self, a:str, b:str, layer:int):
        return self.explain(self.model, a, b, layer=layer)

    def ranking(self, query:str, docs:list, layer:int) -> list:
        res = self.explain_many(self.model, [(query, d) for d in docs], layer=layer)
        return sorted(zip(docs, res), key=lambda p: -p[1].score)

def close(shown:float, expected:float, tol:float) -> bool:
    return math.isfinite(shown) and abs(shown - expected) <= tol

# --- reading the page ---------------------------------------------------------------------------------------

READ_NUMBERS = """root => {
  const out = {top: []};
  for (const tr of root.querySelectorAll('.siamattr-numbers tr[data-key]')) {
    const td = tr.querySelectorAll('td');
    if (tr.dataset.key === 'pair') out.top.push([td[0].title, td[1].textContent.trim()]);
    else out[tr.dataset.key] = td[1].textContent.trim();
  }
  return out;
}"""
READ_HEATMAP = """root => {
  const t = root.querySelector('.siamattr-heatmap table.siamattr-heat');
  if (!t) return null;
  return {rows: Array.from(t.querySelectorAll('th.a[title]')).map(th => th.title),
          cols: Array.from(t.querySelectorAll('th.b[title]')).map(th => th.title),
          cells: Array.from(t.querySelectorAll('td[data-kind]')).map(td => [td.dataset.kind, td.dataset.i, td.dataset.j, Number(td.dataset.v)])};
}"""
READ_TOKENS = """root => Array.from(root.querySelectorAll('.siamattr-heatmap .siamattr-text')).map(d => ({
  text: d.dataset.text,
  tokens: Array.from(d.querySelectorAll('.siamattr-token')).map(s => [s.textContent, Number(s.dataset.v)])}))"""
READ_CONTRAST = """root => {
  const out = {cells: []};
  for (const tr of root.querySelectorAll('.siamattr-contrast-numbers tr[data-key]')) {
    const td = tr.querySelectorAll('td');
    if (tr.dataset.key === 'cell') out.cells.push([td[0].title, td[0].textContent.trim(), td[1].textContent.trim()]);
    else out[tr.dataset.key] = td[1].textContent.trim();
  }
  const img = root.querySelector('.siamattr-contrast-image');
  out.image = img ? [img.naturalWidth, img.naturalHeight, img.offsetWidth > 0] : null;
  return out;
}"""
WATCH_BUSY = """btn => {
  window.__busy = {disabled: false, spinning: false};
  window.__busyObserver && window.__busyObserver.disconnect();
  window.__busyObserver = new MutationObserver(() => {
    if (btn.disabled) window.__busy.disabled = true;
    if (btn.querySelector('.fa-spin')) window.__busy.spinning = true;
  });
  window.__busyObserver.observe(btn, {attributes: true, childList: true, subtree: true});
}"""

def check_numbers(shown:dict, res, where:str, tamper:float, words:bool=False):
    "The decomposition table beside the picture against an Attribution"
    check(shown, f"{where}: no numbers shown")
    for key, value, fmt in [("score", res.score, ".4f"), ("pairs", float(res.pairs.sum()), "+.4f"),
                            ("unary A", float(res.unary_a.sum()), "+.4f"), ("unary B", float(res.unary_b.sum()), "+.4f"),
                            ("bias", res.bias, "+.4f"), ("total", res.total, ".4f")]:
        check(key in shown, f"{where}: the numbers have no {key!r} row")
        check(close(float(shown[key]), value + tamper, 6e-5),
              f"{where}: {key} shown {shown[key]} differs from explain's {value + tamper:{fmt}}")
    err = float(shown["error"])
    check(close(err, res.error + tamper, 1e-6 + 0.06 * abs(res.error)), f"{where}: error shown {shown['error']} differs from explain's {res.error + tamper:.1e}")
    for key, value in [("layer", res.layer), ("steps", res.steps), ("rule", res.rule)]:
        check(shown.get(key) == str(value), f"{where}: {key} shown {shown.get(key)!r}, explain used {value!r}")
    top = res.top_pairs(len(shown["top"]))
    check(len(shown["top"]) == 3, f"{where}: {len(shown['top'])} strongest pairs shown, not 3")
    for (name, v), (a, b, value, _, _) in zip(shown["top"], top):
        check(name == f"{a} · {b}" and close(float(v), value + tamper, 6e-5),
              f"{where}: strongest pair shown {name} {v}, explain's is {a} · {b} {value + tamper:+.4f}")

def check_heatmap(heat:dict|None, res, where:str, tamper:float):
    "Every cell of the heatmap table against an Attribution"
    check(heat is not None, f"{where}: no heatmap table shown")
    check(heat["rows"] == list(res.tokens_a), f"{where}: heatmap rows {heat['rows']} are not explain's tokens {res.tokens_a}")
    check(heat["cols"] == list(res.tokens_b), f"{where}: heatmap columns {heat['cols']} are not explain's tokens {res.tokens_b}")
    na, nb = len(res.tokens_a), len(res.tokens_b)
    want = {("pair", str(i), str(j)): float(res.pairs[i, j]) for i in range(na) for j in range(nb)}
    want |= {("unary_a", str(i), ""): float(res.unary_a[i]) for i in range(na)}
    want |= {("unary_b", "", str(j)): float(res.unary_b[j]) for j in range(nb)}
    want[("bias", "", "")] = float(res.bias)
    got = {(k, i, j): v for k, i, j, v in heat["cells"]}
    check(set(got) == set(want), f"{where}: heatmap has {len(got)} cells, explain gives {len(want)}")
    worst = max(want, key=lambda c: abs(got[c] - want[c] - tamper))
    check(close(got[worst], want[worst] + tamper, 1e-5),
          f"{where}: heatmap cell {worst} shows {got[worst]:.6f}, explain gives {want[worst] + tamper:.6f}")
    return got

def check_tokens(shown:list, res, where:str, tamper:float):
    "Each text's token boxes against `token_scores`: the tokens, every share, and their sum, `total`"
    check([t["text"] for t in shown] == ["a", "b"], f"{where}: the token view shows texts {[t['text'] for t in shown]}, not a and b")
    for t in shown:
        want = res.token_scores(t["text"])
        tokens = list(res.tokens_a if t["text"] == "a" else res.tokens_b)
        check([tok for tok, _ in t["tokens"]] == tokens, f"{where}: text {t['text']}'s boxes {[tok for tok, _ in t['tokens']]} are not explain's tokens {tokens}")
        worst = max(range(len(tokens)), key=lambda i: abs(t["tokens"][i][1] - want.iloc[i] - tamper))
        check(close(t["tokens"][worst][1], want.iloc[worst] + tamper, 1e-5),
              f"{where}: token {tokens[worst]!r} of {t['text']} shows {t['tokens'][worst][1]:.6f}, token_scores gives {want.iloc[worst] + tamper:.6f}")
        check(close(sum(v for _, v in t["tokens"]), res.total, 1e-4),
              f"{where}: the shares of {t['text']} add up to {sum(v for _, v in t['tokens']):.6f}, not the total {res.total:.6f}")

class Page:
    "The JupyterLab page, with a screenshot after each step"
    def __init__(self, page, out:Path):
        self.page, self.out, self.n = page, out, 0

    def shot(self, name:str, locator=None):
        self.n += 1
        path = self.out/f"{self.n:02d}-{name}.png"
        (locator or self.page).screenshot(path=str(path))
        return path

    def press(self, root, timeout:float=150, button:str=".siamattr-run"):
        "Click the root's `button`; it must show it is busy (disabled, spinning), then finish with 'done'"
        btn = root.locator(button)
        btn.evaluate(WATCH_BUSY)
        btn.click()
        self.page.wait_for_function("() => window.__busy.disabled", timeout=15_000)
        status = root.locator(".siamattr-status")
        end = time.time() + timeout
        while time.time() < end:
            text = status.inner_text().strip()
            if not btn.is_disabled() and text and not text.endswith("…"): break
            self.page.wait_for_timeout(200)
        else: raise Failure(f"the computation did not finish within {timeout:.0f} s (status: {status.inner_text()!r})")
        busy = self.page.evaluate("() => window.__busy")
        check(busy["spinning"], "the button did not show a busy (spinning) icon while working")
        return text

    def no_leaks(self, where:str):
        "No progress bar, stderr or traceback in any output of the notebook"
        texts = self.page.locator(".jp-OutputArea-output").all_inner_texts()
        for t in texts:
            check("Loading weights" not in t and "it/s]" not in t, f"{where}: a progress bar shows in the notebook output: {t[:80]!r}")
            check("Traceback" not in t, f"{where}: a traceback shows in the notebook output: {t[:120]!r}")
        n = self.page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count()
        check(n == 0, f"{where}: {n} stderr output(s) in the notebook")

    def no_overflow(self, root, where:str):
        "Nothing in the widget reaches beyond its right edge (wide content scrolls inside its own box)"
        w = root.evaluate("""e => {
            const right = e.getBoundingClientRect().right;
            const out = Array.from(e.querySelectorAll('*')).find(c => c.getBoundingClientRect().right > right + 1 && c.offsetParent !== null);
            const chain = [];  // the widths of the offender and its parents up to the widget: where the width comes from
            for (let c = out; c && c !== e; c = c.parentElement) chain.push(c.tagName + '.' + (c.classList[c.classList.length - 1] || '') + ' ' + Math.round(c.getBoundingClientRect().width));
            return [e.scrollWidth, e.clientWidth, out ? out.tagName + '.' + Array.from(out.classList).join('.') + ' (' + chain.join(' < ') + ')' : ''];
        }""")
        check(w[0] <= w[1] + 1 and not w[2], f"{where}: the widget is {w[0]} px wide inside {w[1]} px ({w[2] or 'overflow'} reaches beyond it)")

# --- the steps ----------------------------------------------------------------------------------------------

def open_notebook(pg:Page, port:int, token:str):
    page = pg.page
    page.goto(f"http://127.0.0.1:{port}/lab/tree/explorer.ipynb?reset&token={token}", timeout=60_000)
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=60_000)
    try: page.wait_for_function("""() => Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'))
                                  .some(e => /Python.*[|] Idle/.test(e.textContent))""", timeout=90_000)
    except Exception: raise Failure("the notebook's kernel did not become idle within 90 s")
    page.locator(".jp-NotebookPanel .jp-Notebook").click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+b")  # the file browser closed: the notebook gets the width
    prompt = page.locator(".jp-NotebookPanel .jp-Cell .jp-InputPrompt").first
    for attempt in range(2):  # a run-all sent while the kernel settles can be lost: then once more
        page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        end = time.time() + 15
        while time.time() < end and not re.search(r"\[[*\d]", prompt.inner_text()): page.wait_for_timeout(200)
        if re.search(r"\[[*\d]", prompt.inner_text()): break
    else: raise Failure("Run All Cells did not start the notebook")
    for cls in ("siamattr-explorer", "siamattr-rankview"):
        try: page.locator(f".{cls}").wait_for(timeout=120_000)
        except Exception: raise Failure(f"the notebook ran, but no .{cls} widget rendered within 120 s")

def explorer_steps(pg:Page, exp:Expected, readme:Path|None):
    page, tamper = pg.page, exp.tamper
    root = page.locator(".siamattr-explorer")
    pg.shot("opened", page)
    pg.no_leaks("after running the notebook")

    # 2. type two texts, press Explain
    root.locator(".siamattr-text-a textarea").fill(TEXT_A)
    root.locator(".siamattr-text-b textarea").fill(TEXT_B)
    status = pg.press(root)
    check(status.startswith("done in"), f"Explain: the status says {status!r}, not 'done in …'")
    layer = START["layer"]
    ref = exp.pair(TEXT_A, TEXT_B, layer)
    check_numbers(root.evaluate(READ_NUMBERS), ref, f"Explain at layer {layer}", tamper)
    first = check_heatmap(root.evaluate(READ_HEATMAP), ref, f"Explain at layer {layer}", tamper)
    pg.no_overflow(root, "Explain")
    pg.shot("explained", root)

    # 3. hover the strongest cell: its pair and value show
    a, b, v, i, j = ref.top_pairs(1)[0]
    cell = root.locator(f'.siamattr-heatmap td[data-kind="pair"][data-i="{i}"][data-j="{j}"]')
    cell.hover()
    page.wait_for_timeout(300)
    tip = cell.evaluate("td => getComputedStyle(td, '::after').content")
    check(f"{a} · {b}" in tip and f"{v + tamper:+.4f}" in tip,
          f"hovering the strongest cell shows {tip!r}, not '{a} · {b}  {v + tamper:+.4f}'")
    shot = pg.shot("hover", root)
    if readme: readme_picture(shot, readme)

    # 4. move the layer slider one step with the keyboard: the result is marked out of date
    handle = root.locator(".siamattr-layer .noUi-handle")
    handle.focus()
    page.keyboard.press("ArrowRight")
    readout = root.locator(".siamattr-layer .widget-readout")
    end = time.time() + 15
    while time.time() < end and readout.inner_text().strip() != str(layer + 1): page.wait_for_timeout(100)
    check(readout.inner_text().strip() == str(layer + 1), f"the layer slider shows {readout.inner_text()!r} after ArrowRight, not {layer + 1}")
    status = root.locator(".siamattr-status")
    end = time.time() + 15
    while time.time() < end and "press Explain" not in status.inner_text(): page.wait_for_timeout(100)
    check("press Explain" in status.inner_text(), f"moving the layer did not mark the result out of date (status: {status.inner_text()!r})")
    check(root.locator(".siamattr-stale").count() > 0, "moving the layer did not dim the result")
    pg.shot("layer-moved", root)

    # 5. Explain again: numbers and heatmap change, and are explain's at the new layer
    status = pg.press(root)
    check(status.startswith("done in"), f"Explain at layer {layer + 1}: the status says {status!r}")
    ref2 = exp.pair(TEXT_A, TEXT_B, layer + 1)
    shown = root.evaluate(READ_NUMBERS)
    check(shown.get("layer") == str(layer + 1), f"after moving the layer the numbers still say layer {shown.get('layer')}")
    check_numbers(shown, ref2, f"Explain at layer {layer + 1}", tamper)
    second = check_heatmap(root.evaluate(READ_HEATMAP), ref2, f"Explain at layer {layer + 1}", tamper)
    changed = max(abs(second[c] - first[c]) for c in first)
    check(changed > 1e-4, f"the heatmap did not change with the layer (largest change {changed:.1e})")
    check(root.locator(".siamattr-stale").count() == 0, "the new result is still dimmed")
    pg.shot("layer-explained", root)

    # 6. the tokens picture: each text's tokens by their share of the score, as token_scores says; then the heatmap again
    root.locator("button", has_text=re.compile(r"^\s*tokens\s*$")).click()
    try: root.locator(".siamattr-heatmap .siamattr-text").first.wait_for(timeout=30_000)
    except Exception: raise Failure("the tokens picture showed no tokens within 30 s")
    check_tokens(root.evaluate(READ_TOKENS), ref2, f"the tokens picture at layer {layer + 1}", tamper)
    check(root.evaluate(READ_HEATMAP) is None, "the tokens picture still shows the heatmap table")
    pg.no_overflow(root, "the tokens picture")
    pg.shot("tokens", root)
    root.locator("button", has_text=re.compile(r"^\s*heatmap\s*$")).click()
    try: root.locator(".siamattr-heatmap table.siamattr-heat").wait_for(timeout=30_000)
    except Exception: raise Failure("back to the heatmap: no table within 30 s")

    # 7. an empty text: one line in the status, no traceback, the last result stays
    root.locator(".siamattr-text-a textarea").fill("   ")
    status = pg.press(root)
    check("\n" not in status and "empty" in status, f"an empty text gives the status {status!r}, not one line about the empty text")
    check_heatmap(root.evaluate(READ_HEATMAP), ref2, "after an empty text", tamper)
    pg.no_leaks("after an empty text")
    pg.shot("error", root)

def rank_steps(pg:Page, exp:Expected):
    page, tamper = pg.page, exp.tamper
    root = page.locator(".siamattr-rankview")
    root.locator(".siamattr-query input").fill(QUERY)
    root.locator(".siamattr-documents textarea").fill("\n".join(DOCS))
    status = pg.press(root)
    check(status.startswith("done in"), f"Rank: the status says {status!r}, not 'done in …'")
    ranked = exp.ranking(QUERY, DOCS, START["layer"])
    titles = [t.strip() for t in root.locator(".siamattr-list .jupyter-widget-Collapse-header").all_inner_texts()]
    check(len(titles) == len(DOCS), f"Rank: {len(titles)} documents listed, not {len(DOCS)}")
    for n, (title, (doc, res)) in enumerate(zip(titles, ranked)):
        want = f"{n + 1}. {res.score + tamper:.3f}  {doc}"
        check(" ".join(title.split()) == " ".join(want.split()), f"Rank: title {n + 1} is {title!r}, explain_many gives {want!r}")
    check(root.locator(".siamattr-overview").is_visible(), "Rank: the overview picture is not shown")
    pg.no_overflow(root, "Rank")
    pg.shot("ranked", root)

    root.locator(".siamattr-list .jupyter-widget-Collapse-header").first.click()
    item = root.locator(".siamattr-list .jupyter-widget-Collapse").first
    try: item.locator(".siamattr-heatmap table.siamattr-heat").wait_for(timeout=60_000)
    except Exception: raise Failure("opening the best document showed no heatmap within 60 s")
    doc, res = ranked[0]
    ref = exp.pair(QUERY, doc, START["layer"])
    check_numbers(item.evaluate(READ_NUMBERS), ref, "the best document", tamper)
    check_heatmap(item.evaluate(READ_HEATMAP), ref, "the best document", tamper)
    check_tokens(item.evaluate(READ_TOKENS), ref, "the best document's tokens", tamper)
    pg.no_overflow(root, "the opened document")
    pg.no_leaks("after ranking")
    pg.shot("rank-opened", root)
    return ranked

def contrast_steps(pg:Page, exp:Expected, ranked:list):
    "10. why A rather than B: the best document against the third, chosen in the dropdowns"
    page, tamper = pg.page, exp.tamper
    root = page.locator(".siamattr-rankview")
    box = root.locator(".siamattr-contrast")
    box.scroll_into_view_if_needed()
    (a, ra), (b, rb) = ranked[0], ranked[2]
    root.locator(".siamattr-better select").select_option(index=0)
    root.locator(".siamattr-worse select").select_option(index=2)
    page.wait_for_timeout(300)  # the choices reach the kernel
    status = pg.press(root, button=".siamattr-why")
    check(status.startswith("done in"), f"Why A rather than B: the status says {status!r}, not 'done in …'")
    try: page.wait_for_function("""() => { const i = document.querySelector('.siamattr-rankview .siamattr-contrast-image');
                                          return i && i.naturalWidth > 0 && i.offsetWidth > 0; }""", timeout=30_000)
    except Exception: raise Failure("Why A rather than B: no picture shown within 30 s")
    ref = exp.contrast(QUERY, a, b, START["layer"])
    from siamattr.viz import document_sums
    sums, where = document_sums(ref), "Why A rather than B"
    shown = box.evaluate(READ_CONTRAST)
    check(shown.get("difference") is not None, f"{where}: no numbers shown")
    check(close(float(shown["difference"]), ra.score - rb.score + tamper, 1e-4),
          f"{where}: difference shown {shown['difference']}, the ranked scores differ by {ra.score - rb.score + tamper:+.4f}")
    for key, value in [("difference", ref.score), ("better", sums["better"]), ("worse", sums["worse"]), ("query", sums["query"]),
                       ("bias", sums["bias"]), ("total", ref.total)]:
        check(key in shown, f"{where}: the numbers have no {key!r} row")
        check(close(float(shown[key]), value + tamper, 6e-5), f"{where}: {key} shown {shown[key]}, contrast gives {value + tamper:+.4f}")
    check(close(float(shown["error"]), ref.error + tamper, 1e-6 + 0.06 * abs(ref.error)),
          f"{where}: error shown {shown['error']}, contrast gives {ref.error + tamper:.1e}")
    for key, value in [("layer", ref.layer), ("steps", ref.steps), ("rule", ref.rule)]:
        check(shown.get(key) == str(value), f"{where}: {key} shown {shown.get(key)!r}, contrast used {value!r}")
    top = ref.top_pairs(3)
    check(len(shown["cells"]) == 3, f"{where}: {len(shown['cells'])} strongest cells shown, not 3")
    for (title, name, v), (ta, tb, value, _, j) in zip(shown["cells"], top):
        side = "(A)" if j < ref.n_better else "(B)"
        check(title == f"{ta} · {tb}" and name.endswith(side) and close(float(v), value + tamper, 6e-5),
              f"{where}: strongest cell shown {name} {v}, contrast's is {ta} · {tb} {side} {value + tamper:+.4f}")
    w, h, visible = shown["image"]
    check(visible and w > 200 and h > 100, f"{where}: the picture is {w}×{h} px, visible {visible}")
    pg.no_overflow(root, where)
    pg.no_leaks("after Why A rather than B")
    pg.shot("contrast", box)

def readme_picture(shot:Path, dest:Path, width:int=1200, limit:int=300_000):
    "The explorer's screenshot, at most `width` px wide and `limit` bytes, for the README"
    from PIL import Image
    im = Image.open(shot).convert("RGB")
    if im.width > width: im = im.resize((width, round(im.height * width / im.width)), Image.LANCZOS)
    dest.parent.mkdir(parents=True, exist_ok=True)
    for colours in (256, 128, 64):
        im.quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(dest, optimize=True)
        if dest.stat().st_size <= limit: return dest
    raise Failure(f"the README picture is {dest.stat().st_size} bytes, over {limit}")

# --- main ---------------------------------------------------------------------------------------------------

def run(out:Path, tamper:float, readme:Path|None, timeout:float) -> None:
    from playwright.sync_api import sync_playwright, Error as PlaywrightError
    check(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: apt-get install -y chromium (or set SIAMATTR_CHROMIUM)")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("[0-9][0-9]-*.png"): old.unlink()
    tmp = Path(tempfile.mkdtemp(prefix="siamattr-browser-"))
    proc, watchdog = None, None
    try:
        port, token = free_port(), secrets.token_hex(24)
        proc = start_server(tmp, port, token)
        write_notebook(tmp/"nb")
        def on_timeout():
            print(f"FAIL: the browser check took longer than {timeout:.0f} s", flush=True)
            stop_server(proc)
            shutil.rmtree(tmp, ignore_errors=True)
            os._exit(1)  # the browser goes with this process
        watchdog = threading.Timer(timeout, on_timeout); watchdog.daemon = True; watchdog.start()
        exp = Expected(tamper)  # loads the model while the server starts
        wait_server(proc, port, token)
        with sync_playwright() as p:
            browser = p.chromium.launch_persistent_context(
                str(tmp/"chromium"), executable_path=CHROMIUM, headless=True, args=FLAGS,
                viewport={"width": 1280, "height": 1600}, device_scale_factor=1)
            try:
                page = browser.new_page()
                page.set_default_timeout(30_000)
                pg = Page(page, out)
                try:
                    open_notebook(pg, port, token)
                    explorer_steps(pg, exp, readme)
                    contrast_steps(pg, exp, rank_steps(pg, exp))
                except (Failure, PlaywrightError, TimeoutError) as e:
                    try: pg.shot("failed", page)
                    except Exception: pass
                    if isinstance(e, Failure): raise
                    raise Failure(f"browser: {str(e).splitlines()[0]}") from e
            finally: browser.close()
    finally:
        if watchdog: watchdog.cancel()
        stop_server(proc)
        if (tmp/"server.log").exists(): shutil.copy(tmp/"server.log", out/"server.log")
        shutil.rmtree(tmp, ignore_errors=True)

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="folder for the screenshots (and server.log)")
    ap.add_argument("--tamper", type=float, default=0.0, help="add this to every expected number: the check must fail")
    ap.add_argument("--readme", type=Path, help="also write the explorer's picture here (≤ 1200 px wide, < 300 KB)")
    ap.add_argument("--timeout", type=float, default=360, help="seconds for the whole run")
    args = ap.parse_args(argv)
    os.environ.update(OFFLINE)
    t0 = time.time()
    try: run(args.out, args.tamper, args.readme, args.timeout)
    except Failure as e:
        print(f"FAIL: {e}", flush=True)
        return 1
    shots = sorted(p.name for p in args.out.glob("[0-9][0-9]-*.png"))
    print(f"ok: the explorer and the query view (with why A rather than B) work in Chromium as explain and contrast say ({time.time() - t0:.0f} s; "
          f"{len(shots)} screenshots in {args.out})")
    return 0

if __name__ == "__main__": sys.exit(main())
