"""The explorers' sliders in real JupyterLab: from releasing a slider to the new chart on screen.

    python benchmarks/bench_lab.py [--moves 5] [--no-python] [--heavy DIR] [--keep DIR] [--headed]

1. Starts a JupyterLab server headless (``jupyter lab --no-browser`` on a free port, with a token,
   its root, settings, workspaces and runtime files in a temporary folder) and writes there a
   notebook: ``import netlib; net = netlib.load_sample()``, then one cell per explorer
   (``decay_explorer``, ``reach_explorer`` with the sample's ``prospect`` segment,
   ``effort_explorer``, ``plan_explorer``).
2. Opens it in Chromium through Playwright (the Chromium the report's browser test uses), runs every
   cell (Shift+Enter) and waits for each explorer's chart (the ``img`` in its output).
3. For each explorer, drags one slider with the mouse and releases it, ``--moves`` times:

   * decay: the half-life slider; reach: the range slider's first handle (months); effort: the
     one-to-one weight; plan: the hours a month.

   In the page, a capturing ``pointerup`` listener stamps the release (``performance.now()``) and a
   ``MutationObserver`` on the explorer's output finds the new chart ``img``; once it is decoded,
   the next animation frame stamps it "on screen".  A wrapper around the page's ``WebSocket``
   stamps every kernel message, which splits each redraw into: the browser until the widget's
   ``comm_msg`` is sent; the kernel (callback + PNG) and the wire until the chart's
   ``display_data`` arrives; the browser until the image is on screen.
   Prints each move, then the median and the max per explorer.
4. Shuts the server (and its kernel) down however the run ends: ``/api/shutdown``, then SIGTERM and
   SIGKILL to the server's process tree if it lingers (Ctrl-C included).

Unless ``--no-python``, also prints the explorers' redraws timed in Python at the heavy size
(20,000 contacts, 200,000 meetings, uniform), by ``bench_report.py``'s ``EXPLORERS`` script (the
data is written first, or reused from ``--heavy DIR``), twice: as bench_report runs it (outside a
kernel ``display(fig)`` prints the figure's repr: no PNG is drawn) and with IPython's inline
formatter set up first, so that each redraw draws and encodes its PNG as a kernel does.

Times are wall-clock on whatever else the machine is doing: the load average is printed before and
after.  No timing is asserted anywhere: this is a measuring tool, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _procs import code_version, tree

TARGET_MS = 500

# (name, the cell's code, the slider dragged: which of the cell's .noUi-handle, its description)
EXPLORERS = [
    ("decay", "netlib.widgets.decay_explorer(net)", 0, "half-life (days)"),
    ("reach", 'netlib.widgets.reach_explorer(net, segment="prospect")', 0, "months (first handle)"),
    ("effort", "netlib.widgets.effort_explorer(net)", 0, "one-to-one weight"),
    ("plan", "netlib.widgets.plan_explorer(net)", 0, "hours a month"),
]
# pixels each move drags the handle by: every move changes the value, the handle stays on the track
OFFSETS = [40, 40, -60, -40, 30, 40, -30, 25, -45, 35]

# Runs before JupyterLab's own scripts: stamps releases and every kernel message.
INIT_JS = r"""
(() => {
  const log = window.__wsLog = [];
  const dec = new TextDecoder();
  const head = (data) => {
    let s = '';
    if (typeof data === 'string') s = data.slice(0, 4096);
    else if (data instanceof ArrayBuffer) s = dec.decode(new Uint8Array(data, 0, Math.min(data.byteLength, 4096)));
    else if (ArrayBuffer.isView(data)) s = dec.decode(new Uint8Array(data.buffer, data.byteOffset, Math.min(data.byteLength, 4096)));
    const m = s.match(/"msg_type":\s*"(\w+)"/), e = s.match(/"execution_state":\s*"(\w+)"/);
    return [m ? m[1] : '?', e ? e[1] : ''];
  };
  const size = d => typeof d === 'string' ? d.length : (d.byteLength ?? d.size ?? 0);
  const Native = window.WebSocket;
  class Traced extends Native {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', ev => {
        const [type, state] = head(ev.data);
        log.push({t: performance.now(), dir: 'in', type, state, size: size(ev.data)});
      });
    }
    send(d) {
      log.push({t: performance.now(), dir: 'out', type: head(d)[0], size: size(d)});
      return super.send(d);
    }
  }
  window.WebSocket = Traced;
  window.__armed = false;
  window.__release = null;
  window.addEventListener('pointerup', () => {
    if (window.__armed && window.__release === null) window.__release = performance.now();
  }, true);
})();
"""

# Arms the watch on cell i's output: the first new chart img after the release, decoded, then a frame.
ARM_JS = r"""
(i) => {
  const cell = document.querySelectorAll('.jp-Notebook .jp-Cell')[i];
  const out = cell.querySelector('.jp-OutputArea');
  const before = new Set(out.querySelectorAll('img'));
  const w = window;
  w.__release = null; w.__inserted = null; w.__shown = null; w.__logStart = w.__wsLog.length; w.__armed = true;
  if (w.__obs) w.__obs.disconnect();
  const obs = w.__obs = new MutationObserver(() => {
    if (w.__inserted !== null || w.__release === null) return;
    const img = [...out.querySelectorAll('.widget-output img')].find(im => !before.has(im) && im.getAttribute('src'));
    if (!img) return;
    w.__inserted = performance.now();
    obs.disconnect();
    const done = () => requestAnimationFrame(() => { w.__shown = performance.now(); w.__armed = false; });
    (img.decode ? img.decode() : Promise.resolve()).then(done, done);
  });
  obs.observe(out, {childList: true, subtree: true, attributes: true, attributeFilter: ['src']});
}
"""

# What one move's stamps say, in ms from the release.
SPLIT_JS = r"""
() => {
  const w = window, r = w.__release, log = w.__wsLog.slice(w.__logStart);
  const send = log.find(e => e.dir === 'out' && e.t >= r && e.type === 'comm_msg');
  const s = send ? send.t : r;
  const image = log.find(e => e.dir === 'in' && e.t >= s && e.type === 'display_data');
  const busy = log.find(e => e.dir === 'in' && e.t >= s && e.state === 'busy');
  const idle = log.find(e => e.dir === 'in' && e.t >= (image ? image.t : s) && e.state === 'idle');
  return {total: w.__shown - r, inserted: w.__inserted - r, send: send ? send.t - r : null,
          image: image ? image.t - r : null, image_kb: image ? image.size / 1024 : null,
          busy: busy ? busy.t - r : null, idle: idle ? idle.t - r : null};
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def notebook() -> dict:
    cells = ["import netlib\nnet = netlib.load_sample()"] + [code for _, code, _, _ in EXPLORERS]
    return {"nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
                         "language_info": {"name": "python"}},
            "cells": [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [], "source": src}
                      for i, src in enumerate(cells)]}


class Lab:
    """A JupyterLab server in its own session, rooted in ``root``; ``stop()`` leaves nothing running."""

    def __init__(self, root: Path):
        self.root, self.port, self.token = root, free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        venv_bin = str(Path(sys.executable).parent)
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
        for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                         ("JUPYTERLAB_SETTINGS_DIR", "settings"), ("JUPYTERLAB_WORKSPACES_DIR", "workspaces")]:
            env[var] = str(root / ".jupyter" / sub)
        quiet = root / ".jupyter" / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
        quiet.parent.mkdir(parents=True, exist_ok=True)
        quiet.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        self.log = open(root / ".jupyter" / "server.log", "w")  # noqa: SIM115 (open while the server runs; stop() closes it)
        cmd = [str(Path(venv_bin) / "jupyter"), "lab", "--no-browser", f"--IdentityProvider.token={self.token}",
               f"--port={self.port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.root_dir={root}", "--LabApp.extension_manager=readonly"]  # no look-ups on PyPI
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        self.proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)  # Ctrl-C reaches us, not the server: stop() ends it
        self.pids: set[int] = {self.proc.pid}

    def wait_ready(self, timeout: float = 120) -> float:
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited ({self.proc.returncode}): {self.tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as r:
                    if r.status == 200:
                        return time.perf_counter() - t0
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"jupyter lab not up after {timeout:.0f} s: {self.tail()}")

    def remember_processes(self) -> None:
        """Note the server's tree (its kernels are in sessions of their own): stop() ends only these."""
        if self.proc.poll() is None:
            self.pids.update(tree(self.proc.pid))

    def tail(self) -> str:
        self.log.flush()
        return (self.root / ".jupyter" / "server.log").read_text(errors="replace")[-1500:]

    def stop(self) -> None:
        self.remember_processes()
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):  # the server may be past answering: signals below
                req = urllib.request.Request(f"{self.url}/api/shutdown", method="POST",
                                             headers={"Authorization": f"token {self.token}"})
                urllib.request.urlopen(req, timeout=10).close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(15)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            alive = [p for p in self.pids if _alive(p)]
            if not alive:
                break
            for p in alive:
                with contextlib.suppress(OSError):  # gone since
                    os.kill(p, sig)
            deadline = time.time() + 5
            while time.time() < deadline and any(_alive(p) for p in alive):
                time.sleep(0.1)
        if self.proc.poll() is None:
            self.proc.wait(5)
        self.log.close()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _chromium() -> str | None:
    """The Chromium tests/test_report.py's browser fixture uses (Debian's package)."""
    for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if p and Path(p).exists():
            return p
    return None


def load() -> str:
    return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run_cells(page, lab: Lab) -> float:
    """Open the notebook, run every cell, wait for every explorer's chart; seconds from Run to the last chart."""
    page.goto(f"{lab.url}/lab/tree/bench.ipynb?reset&token={lab.token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell .jp-InputArea-editor", timeout=120_000)
    page.wait_for_function("window.__wsLog.some(e => e.type === 'kernel_info_reply')", timeout=120_000)
    page.wait_for_function(f"document.querySelectorAll('.jp-Notebook .jp-Cell').length >= {len(EXPLORERS) + 1}")
    page.locator(".jp-Notebook .jp-Cell").first.locator(".jp-InputArea-editor").click()
    t0 = time.perf_counter()
    for _ in range(len(EXPLORERS) + 1):
        page.keyboard.press("Shift+Enter")
        page.wait_for_timeout(100)
    for i in range(1, len(EXPLORERS) + 1):
        cell = page.locator(".jp-Notebook .jp-Cell").nth(i)
        cell.locator(".widget-output img").first.wait_for(state="attached", timeout=180_000)
        cell.locator(".noUi-handle").first.wait_for(state="attached", timeout=60_000)
    return time.perf_counter() - t0


def readout(cell) -> str:
    r = cell.locator(".widget-readout").first
    return (r.text_content() or "").strip() if r.count() else "?"


def move(page, i: int, handle_no: int, dx: int, timeout: float = 60_000) -> dict:
    """Drag cell i's slider handle by dx pixels and release it; the stamps of its redraw."""
    from playwright.sync_api import TimeoutError as Late

    cell = page.locator(".jp-Notebook .jp-Cell").nth(i)
    cell.evaluate("c => c.scrollIntoView({block: 'start'})")
    handle = cell.locator(".noUi-handle").nth(handle_no)
    handle.scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before = readout(cell)
    page.evaluate(ARM_JS, i)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y, steps=4)
    page.mouse.move(x + dx, y, steps=4)
    page.mouse.up()
    try:
        page.wait_for_function("window.__shown !== null", timeout=timeout)
    except Late:
        return {"failed": f"no new chart within {timeout / 1000:.0f} s ({before} -> {readout(cell)})"}
    with contextlib.suppress(Late):  # the kernel is done (decay's explorer shows a table after the chart) before the next move
        page.wait_for_function("window.__wsLog.slice(window.__logStart).some(e => e.state === 'idle' && e.t > window.__inserted)",
                               timeout=timeout)
    split = page.evaluate(SPLIT_JS)
    split["value"] = f"{before} -> {readout(cell)}"
    page.wait_for_timeout(300)
    return split


def fmt(v) -> str:
    return "   -" if v is None else f"{v:4.0f}"


def lab_part(args) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = _chromium()
    if chromium is None:
        sys.exit("no Chromium found: install Debian's chromium package (as tests/test_report.py's browser test needs)")
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_lab_"))
    root.mkdir(parents=True, exist_ok=True)
    (root / "bench.ipynb").write_text(json.dumps(notebook(), indent=1))
    results: dict[str, list[dict]] = {}
    lab = Lab(root)
    try:
        print(f"JupyterLab server up in {lab.wait_ready():.1f} s ({lab.url}, root {root})", flush=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=not args.headed,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                              "--disable-component-update", "--no-first-run"])
            try:
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                page.add_init_script(INIT_JS)
                took = run_cells(page, lab)
                lab.remember_processes()
                print(f"notebook run, every explorer's chart shown: {took:.1f} s after Run ({load()})", flush=True)
                page.wait_for_timeout(1000)
                for n, (name, _, handle_no, what) in enumerate(EXPLORERS, start=1):
                    results[name] = []
                    for k in range(args.moves):
                        r = move(page, n, handle_no, OFFSETS[k % len(OFFSETS)])
                        results[name].append(r)
                        if "failed" in r:
                            print(f"  {name:7s} move {k + 1}: {r['failed']}", flush=True)
                            continue
                        print(f"  {name:7s} move {k + 1}: {r['total']:5.0f} ms to the chart on screen   "
                              f"comm_msg sent {fmt(r['send'])}, kernel busy {fmt(r['busy'])}, chart message in {fmt(r['image'])} "
                              f"({r['image_kb'] or 0:.0f} KB), img in DOM {fmt(r['inserted'])}, kernel idle {fmt(r['idle'])}   "
                              f"[{what}: {r['value']}]", flush=True)
            finally:
                browser.close()
    finally:
        lab.stop()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return results


# Put before bench_report's script: display(fig) then draws the PNG as a kernel's inline backend does
# (IPython's formatter, bbox_inches="tight"), instead of printing the figure's repr outside a kernel.
KERNEL_PNG = """
from IPython.core.interactiveshell import InteractiveShell
_shell = InteractiveShell.instance()
_shell.enable_gui = lambda gui=None: None  # no event loop to hook: the inline backend needs none
_shell.enable_matplotlib("inline")
"""


def python_part(args) -> None:
    """bench_report.py's explorer redraws, timed in Python at the heavy size."""
    from bench_core import SHAPES
    from bench_report import EXPLORERS as SCRIPT
    from bench_report import SIZES

    contacts, meetings = SIZES["heavy"]
    own = args.heavy is None
    data = Path(args.heavy) if args.heavy else Path(tempfile.mkdtemp(prefix="bench_lab_heavy_"))
    try:
        if not (data / "meetings.csv").exists():
            data.mkdir(parents=True, exist_ok=True)
            t = time.perf_counter()
            SHAPES["uniform"](data, contacts, meetings)
            print(f"heavy data ({contacts:,} contacts, {meetings:,} meetings, uniform) written in {time.perf_counter() - t:.0f} s")
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        columns = {}
        for label, script in [("as bench_report", SCRIPT), ("with the PNG", KERNEL_PNG + SCRIPT)]:
            res = subprocess.run([sys.executable, "-c", script, str(data), "prospect"], capture_output=True, text=True, env=env)
            if res.returncode:
                print(f"  explorers failed ({label}): {res.stderr[-500:]}")
            for line in res.stdout.splitlines():
                name, secs = line.split()
                columns.setdefault(name, {})[label] = float(secs) * 1000
        print(f"In Python at the heavy size: bench_report.py's explorers, median of five moves of one control each "
              f"(reach: its mode/channel toggle; target under 300 ms; {load()})")
        print(f"  {'explorer':10}{'as bench_report':>16}{'with the PNG':>14}   (as bench_report: display() outside a kernel "
              "prints the figure's repr, no PNG is drawn; with the PNG: IPython's inline formatter draws it, as a kernel does)")
        for name, col in columns.items():
            cells = "".join(f"{col[k]:>{w}.0f}" if k in col else f"{'-':>{w}}" for k, w in [("as bench_report", 16), ("with the PNG", 14)])
            print(f"  {name:10}{cells}{'  over 300 ms' if max(col.values()) >= 300 else ''}")
    finally:
        if own:
            shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--moves", type=int, default=5, help="slider moves per explorer (default 5)")
    ap.add_argument("--no-python", action="store_true", help="skip the redraws timed in Python at the heavy size")
    ap.add_argument("--heavy", help="folder of the heavy data set (written there if missing; else a temporary one)")
    ap.add_argument("--keep", help="the JupyterLab root (notebook, settings, server.log) here, kept after the run")
    ap.add_argument("--headed", action="store_true", help="show the browser window")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill runs the finally blocks too
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {code_version()}; {load()}")
    print(f"JupyterLab in headless Chromium on the sample: each slider dragged and released {args.moves} times "
          "(times in ms from the release; other work on the machine counts too)", flush=True)
    try:
        results = lab_part(args)
    except KeyboardInterrupt:
        sys.exit("interrupted: the JupyterLab server and its kernel are stopped")
    print(f"\n{'explorer':10}{'median ms':>10}{'max ms':>8}{'kernel ms':>11}   (target: under {TARGET_MS} ms from release to chart on screen; "
          f"kernel: comm_msg sent to chart message in, median; {load()})")
    for name, moves in results.items():
        ok = [m for m in moves if "failed" not in m]
        if not ok:
            print(f"{name:10}{'failed':>10}")
            continue
        total = [m["total"] for m in ok]
        kernel = [m["image"] - m["send"] for m in ok if m["image"] is not None and m["send"] is not None]
        flag = "" if max(total) < TARGET_MS else ("  median over target" if statistics.median(total) >= TARGET_MS else "  max over target")
        missing = f"  ({len(moves) - len(ok)} moves without a new chart)" if len(ok) < len(moves) else ""
        print(f"{name:10}{statistics.median(total):>10.0f}{max(total):>8.0f}"
              f"{(statistics.median(kernel) if kernel else float('nan')):>11.0f}{flag}{missing}")
    if not args.no_python:
        print()
        python_part(args)


if __name__ == "__main__":
    main()
