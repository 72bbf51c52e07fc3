"""Open the docs site that tools/build_docs.py wrote in headless Chromium: every page loads, every image shows, no
internal link is broken, and search finds `explain`.

    python tools/docs_check.py DIR                 # DIR: the site (python tools/build_docs.py --out DIR)
    python tools/docs_check.py DIR --shots SHOTS   # also screenshots of the home page, an API page and a search

The site is served on 127.0.0.1 (a free port) from this process; Chromium is Debian's (`apt-get install -y chromium`;
SIAMATTR_CHROMIUM to use another), launched as tools/browser_check.py does. Requests that leave 127.0.0.1 (MathJax from
its CDN) are refused and counted, not failed: the site must work offline. Every page load and wait is bounded, and a
watchdog ends the whole check after --timeout seconds (default 300), failing.
"""
from __future__ import annotations
import argparse, functools, http.server, os, re, sys, threading, time
from pathlib import Path
from urllib.parse import urlsplit, unquote

CHROMIUM = os.environ.get("SIAMATTR_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]

IMAGES = """async () => {
  const imgs = Array.from(document.images);
  for (const i of imgs) { i.loading = "eager"; }
  await Promise.all(imgs.map(i => i.decode().catch(() => null)));
  return imgs.map(i => [i.getAttribute("src"), i.complete, i.naturalWidth]);
}"""
LINKS = "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass

def serve(site:Path):
    "A static server for `site` on 127.0.0.1 in a daemon thread: (server, base URL)"
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"

@functools.lru_cache(maxsize=None)
def _ids(path:Path) -> frozenset:
    "The ids (and old-style names) of the elements of an HTML file"
    text = path.read_text(encoding="utf-8", errors="replace")
    return frozenset(re.findall(r'\b(?:id|name)="([^"]+)"', text))

def link_problem(site:Path, base:str, href:str) -> str|None:
    "Why an internal link is broken, or None (an external link is not checked here)"
    if not href.startswith(base): return None
    parts = urlsplit(href)
    rel = unquote(parts.path)[1:]
    target = site/rel if rel else site/"index.html"
    if target.is_dir(): target = target/"index.html"
    if not target.exists(): return f"no file {rel or '/'}"
    if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
        return f"no #{unquote(parts.fragment)} in {rel}"
    return None

def check(site:Path, shots:Path|None=None, timeout:float=300) -> list:
    "Problems found, one line each"
    from playwright.sync_api import sync_playwright, Error as PlaywrightError
    site = site.resolve()
    if not (site/"index.html").exists(): return [f"no index.html in {site}: build it with tools/build_docs.py --out {site}"]
    if not Path(CHROMIUM).exists(): return [f"no Chromium at {CHROMIUM}: apt-get install -y chromium (or set SIAMATTR_CHROMIUM)"]
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("_"))
    httpd, base = serve(site)
    def on_timeout():
        print(f"FAIL: the docs check took longer than {timeout:.0f} s", flush=True)
        os._exit(1)  # the browser goes with this process
    watchdog = threading.Timer(timeout, on_timeout); watchdog.daemon = True; watchdog.start()
    problems, external, images, links = [], set(), 0, 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            try:
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                def route(r):
                    if r.request.url.startswith(base): r.continue_()
                    else: external.add(urlsplit(r.request.url).netloc); r.abort()
                ctx.route("**/*", route)
                page = ctx.new_page()
                page.set_default_timeout(30_000)
                failed = []
                page.on("requestfailed", lambda r: failed.append(r.url) if r.url.startswith(base) else None)
                for rel in pages:
                    failed.clear()
                    try: resp = page.goto(base + rel, wait_until="load", timeout=30_000)
                    except PlaywrightError as e: problems.append(f"{rel}: did not load ({str(e).splitlines()[0]})"); continue
                    if resp is None or resp.status != 200: problems.append(f"{rel}: HTTP {resp.status if resp else 'no response'}"); continue
                    if not page.title().strip(): problems.append(f"{rel}: no title")
                    for src, complete, width in page.evaluate(IMAGES):
                        images += 1
                        if not complete or not width: problems.append(f"{rel}: image {src} does not display")
                    for href in set(page.evaluate(LINKS)):
                        links += 1
                        if why := link_problem(site, base, href): problems.append(f"{rel}: broken link {href[len(base):]}: {why}")
                    problems += [f"{rel}: {u[len(base):]} failed to load" for u in failed]
                page.goto(base + "search.html?q=explain", wait_until="load")
                try: page.locator("#search-results li").first.wait_for(timeout=30_000)
                except PlaywrightError: problems.append("search.html?q=explain: no results within 30 s")
                if shots:
                    shots.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(shots/"search.png"))
                    for rel in ("index.html", "api/core.html"):
                        page.goto(base + rel, wait_until="load"); page.screenshot(path=str(shots/rel.replace("/", "-").replace(".html", ".png")))
            finally: browser.close()
    finally:
        watchdog.cancel()
        httpd.shutdown()
    print(f"{len(pages)} pages opened, {images} images, {links} links checked"
          + (f"; requests refused (offline): {', '.join(sorted(external))}" if external else ""))
    return problems

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path, help="the folder tools/build_docs.py wrote")
    ap.add_argument("--shots", type=Path, default=None, help="write screenshots here")
    ap.add_argument("--timeout", type=float, default=300, help="seconds for the whole check (default 300)")
    args = ap.parse_args(argv)
    t = time.time()
    problems = check(args.site, args.shots, args.timeout)
    for p in problems[:50]: print("FAIL:", p)
    if len(problems) > 50: print(f"... and {len(problems) - 50} more")
    print(f"docs check: {'ok' if not problems else f'{len(problems)} problems'} in {time.time() - t:.0f} s")
    return 1 if problems else 0

if __name__ == "__main__": sys.exit(main())
