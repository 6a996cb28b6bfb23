"""Speed and memory of the course, as students feel it. One command:

    .venv/bin/python benchmarks/run.py                  # all five parts (~11 min on 2 CPUs)
    .venv/bin/python benchmarks/run.py --skip-install   # parts 1-4 (~9 min); part 5 repeated
                                                        # from the last run, dated
    .venv/bin/python benchmarks/run.py --only 2,3       # just the widget parts
    .venv/bin/python benchmarks/run.py --install-only   # part 5 alone (~5 min); updates only
                                                        # its table in RESULTS.md
    .venv/bin/python benchmarks/run.py --only 1         # just the notebook times (and memory)
    .venv/bin/python benchmarks/run.py --only 1 --other-matplotlib 3.12.0
                                  # and every figure under that release beside the pinned one
    .venv/bin/python benchmarks/run.py --only 3 --drag-only --drag-ceiling --widgets TrustExplorer
                                  # just the drags of one explorer, with the throttle's ceiling
    .venv/bin/python benchmarks/run.py --only 3 --drag-only --drag-stock
                                  # the drags, and again on JupyterLab without jupyter-config/

Prints one table per part and writes them to ``benchmarks/RESULTS.md`` (raw
numbers in ``benchmarks/results.json``):

1. notebooks: each master (``instructor/source``) executed top to bottom in a
   fresh kernel, against the floor of starting a kernel and importing the
   libraries and the course (wall clock and kernel CPU; target: at most 1.5x);
   and every figure of ``course.figures`` drawn under the pinned Matplotlib and
   under another release (``--other-matplotlib``), side by side;
2. widgets, kernel side: ``Explorer.update`` (model + blitted redraw) against
   the naive ``interactive_output`` + inline backend (new figure each update),
   interleaved in the same kernel, same slider values. Target: median at most
   a third of the baseline's;
3. widgets, in the browser: key press on a focused slider until the new figure
   is painted, in JupyterLab in headless Chromium (and the same for the naive
   baseline). Target: median under 100 ms. And each slider dragged across its
   range in 1 s: figures painted per second (target at least 20, or every
   position painted for a slider with fewer steps) and time from releasing the
   mouse to the final figure painted (target under 150 ms). First, the kernel
   message round trip through the course's server and through the stock one
   (``course.kernel_websocket``);
4. peak memory (VmHWM) of each notebook's kernel. Target: under 300 MB
   (Binder guarantees 1 GB);
5. install footprint: time and size on disk of fresh environments, each with an
   empty pip cache: the student environment (``requirements-student.txt`` and the
   course package, what Binder installs; target at most 1.3x the size of the bare
   JupyterLab + ipywidgets + matplotlib stack at the same pins), the developer
   environment (the README's ``run.py setup``: plus test and grading tools), and
   that bare stack.

Nothing here is a test: numbers depend on the machine. Servers and kernels
started here are stopped by PID; temporary files go to a temporary directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(HERE))

import lab_harness as lab  # noqa: E402

UPDATE_RATIO_TARGET = 1 / 3
BROWSER_TARGET_MS = 100.0
DRAG_FPS_TARGET = 20.0
DRAG_RELEASE_TARGET_MS = 150.0
DRAG_SECONDS = 1.0
DRAG_MOVES = 60  # mouse moves a second in the drag: a 60 Hz mouse
NOTEBOOK_RATIO_TARGET = 1.5
MEMORY_TARGET_MB = 300.0
INSTALL_SIZE_TARGET = 1.3  # student environment against bare JupyterLab + widgets + matplotlib

# The floor: start a kernel and import what the notebooks import, i.e. the
# libraries and every module of the course package (its subpackages included)
# except course.instructor, the authoring and grading tool no notebook uses.
# Nothing is drawn, loaded or displayed.
FLOOR_CODE = """\
import importlib, pkgutil
import numpy, pandas, matplotlib, matplotlib.pyplot, ipywidgets, IPython.display
import course
def import_all(package):
    for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if module.name != "course.instructor":
            imported = importlib.import_module(module.name)
            if module.ispkg:
                import_all(imported)
import_all(course)
"""


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def say(message: str) -> None:
    print(f"[benchmarks] {message}", file=sys.stderr, flush=True)


def vmhwm_mb(pid: int) -> float | None:
    """Peak resident memory of a process (Linux VmHWM), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def kernel_env(workdir: Path) -> dict:
    """Kernel environment with its own IPython and matplotlib config dirs."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "IPYTHON", "MPL")) and k != "PYTHONSTARTUP"}
    for name in ("ipython", "mpl"):
        (workdir / name).mkdir(parents=True, exist_ok=True)
    env.update(IPYTHONDIR=str(workdir / "ipython"), MPLCONFIGDIR=str(workdir / "mpl"),
               PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    return env


def p95(values) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), 95))


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
              for i, h in enumerate(headers)]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *(line(r) for r in cells)])


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


# The Matplotlib release the course left (requirements-student.in says why): part 1 draws
# every figure under it and under the pinned one, side by side (--other-matplotlib to try
# another, such as a new release before moving the pin).
OTHER_MATPLOTLIB = "3.11.2"

# Build and draw every figure of course.figures as a notebook shows it (course/png.py),
# after one figure to load the fonts; kernel-free, one process per round and release.
FIGURES_CODE = """\
import json, time
import matplotlib
from course import figures, png
png.figure_png(figures.growth.defence_budget_share())
seconds = {}
for function in figures.catalogue():
    start = time.process_time()
    png.figure_png(function())
    seconds[function.__module__.rsplit(".", 1)[1] + "." + function.__name__] = \\
        time.process_time() - start
print(json.dumps({"version": matplotlib.__version__, "seconds": seconds}))
"""

# --------------------------------------------------------------------------
# 1 and 4: notebooks top to bottom, and their kernels' peak memory
# --------------------------------------------------------------------------
def kernel_cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used so far."""
    import psutil

    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.Error:
        return None
    return times.user + times.system


def execute_notebook(nb, cwd: Path, env: dict, timeout: int = 900) -> dict:
    """Run ``nb`` in a fresh kernel, as ``jupyter nbconvert --execute`` would.

    Returns ``seconds`` (wall clock, from starting the kernel to having shut it
    down after the last cell), ``peak_mb`` (the kernel's peak RSS) and ``cpu_s``
    (CPU seconds the kernel used from its start to the end of the last cell:
    unlike the wall clock, hardly changed by other work on a shared machine).
    """
    from nbclient import NotebookClient

    seen = {"mb": None, "cpu": None}
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})

    def on_cell_executed(**_kwargs):
        pid = client.km.provisioner.process.pid
        mb = vmhwm_mb(pid)
        if mb is not None:
            seen["mb"] = max(seen["mb"] or 0, mb)
        seen["cpu"] = kernel_cpu_s(pid)

    client.on_cell_executed = on_cell_executed
    t0 = time.perf_counter()
    client.execute(env=env)
    return {"seconds": time.perf_counter() - t0, "peak_mb": seen["mb"], "cpu_s": seen["cpu"]}



def bench_matplotlib(workdir: Path, rounds: int,
                     other_version: str = OTHER_MATPLOTLIB) -> dict | None:
    """CPU time to build and draw every course figure under the pinned Matplotlib and
    under ``other_version``, one process per release and round, rounds alternating.

    Returns
    -------
    dict or None
        Per release: ``total_cpu_s`` (median over rounds, seconds), ``totals`` and
        ``per_figure_s`` (median per figure). ``None`` when pip cannot fetch the other
        release or the figures fail under it (the reason is printed).
    """
    other = workdir / "other-matplotlib"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                          "--target", str(other), f"matplotlib=={other_version}"],
                         capture_output=True, text=True)
    if pip.returncode:
        say(f"figures: could not install matplotlib {other_version}: {pip.stderr[-300:]}")
        return None
    env = {**kernel_env(workdir), "MPLBACKEND": "agg"}
    runs: dict[str, list[dict]] = {}
    for _ in range(rounds):
        for path in ("", str(other)):
            out = subprocess.run([sys.executable, "-c", FIGURES_CODE], capture_output=True,
                                 text=True, cwd=REPO,
                                 env={**env, "PYTHONPATH": path} if path else env)
            if out.returncode:  # e.g. a release that needs newer dependencies than the pins
                say(f"figures: drawing under {'matplotlib ' + other_version if path else 'the pins'}"
                    f" failed: {out.stderr[-300:]}")
                return None
            result = json.loads(out.stdout)
            runs.setdefault(result["version"], []).append(result["seconds"])
    summary = {}
    for version, seconds in runs.items():
        totals = [sum(r.values()) for r in seconds]
        per_figure = {name: statistics.median(r[name] for r in seconds) for name in seconds[0]}
        summary[version] = {"total_cpu_s": statistics.median(totals), "totals": totals,
                            "per_figure_s": per_figure}
        say(f"figures: matplotlib {version}: {summary[version]['total_cpu_s']:.2f} s CPU")
    return summary


def summarise(runs: list[dict]) -> dict:
    """Median wall clock and kernel CPU time, peak memory, of repeated executions."""
    return {"median_s": statistics.median(r["seconds"] for r in runs),
            "cpu_s": statistics.median(r["cpu_s"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs if r["peak_mb"] is not None),
            "runs": [r["seconds"] for r in runs], "cpu_runs": [r["cpu_s"] for r in runs]}


def bench_notebooks(workdir: Path, repeats: int) -> tuple[list[dict], dict]:
    import nbformat

    from course.instructor.authoring import masters

    env = kernel_env(workdir)
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CODE)])
    floor_dir = workdir / "floor"
    floor_dir.mkdir(exist_ok=True)
    say("notebooks: warming up (matplotlib font cache, bytecode)")
    execute_notebook(floor_nb, floor_dir, env)

    # Interleaved rounds (floor, then every master), so that a burst of load from
    # other work on the machine hits the floor and the notebooks alike.
    copies = []
    for master in masters():
        copy = workdir / "masters" / master.parent.name
        shutil.copytree(master.parent, copy, dirs_exist_ok=True)
        copies.append(copy / master.name)
    floor_runs, runs = [], {path: [] for path in copies}
    for _ in range(repeats):
        floor_runs.append(execute_notebook(nbformat.from_dict(floor_nb), floor_dir, env))
        for path in copies:
            runs[path].append(execute_notebook(nbformat.read(path, as_version=4), path.parent, env))
    floor = summarise(floor_runs)
    say(f"notebooks: floor {floor['median_s']:.2f} s ({floor['cpu_s']:.2f} s CPU), "
        f"{floor['peak_mb']:.0f} MB")

    results = []
    for path in copies:
        nb = nbformat.read(path, as_version=4)
        row = {"notebook": path.stem, **summarise(runs[path]),
               "cells": sum(c.cell_type == "code" for c in nb.cells)}
        row["ratio"] = row["median_s"] / floor["median_s"]
        row["cpu_ratio"] = row["cpu_s"] / floor["cpu_s"]
        say(f"notebooks: {row['notebook']} {row['median_s']:.2f} s ({row['ratio']:.2f}x floor), "
            f"{row['cpu_s']:.2f} s CPU ({row['cpu_ratio']:.2f}x), {row['peak_mb']:.0f} MB")
        results.append(row)
    return results, floor


# Explorer class names chosen with --widgets (empty: all of them).
ONLY_WIDGETS: set[str] = set()


def selected_explorers() -> list:
    return [c for c in lab.explorer_classes() if not ONLY_WIDGETS or c.__name__ in ONLY_WIDGETS]


# --------------------------------------------------------------------------
# 2: kernel-side widget updates against the naive baseline
# --------------------------------------------------------------------------
def run_in_kernel(code: str, env: dict, cwd: Path, timeout: float = 900) -> list[str]:
    """Execute ``code`` in a fresh python3 kernel; return its stdout lines."""
    from jupyter_client import KernelManager

    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(cwd), env=env)
    lines: list[str] = []
    errors: list[str] = []

    def hook(msg):
        kind = msg["header"]["msg_type"]
        if kind == "stream" and msg["content"]["name"] == "stdout":
            lines.extend(msg["content"]["text"].splitlines())
        elif kind == "error":
            errors.append("\n".join(msg["content"]["traceback"]))

    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        kc.execute_interactive(code, timeout=timeout, output_hook=hook)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    if errors:
        raise RuntimeError("kernel error:\n" + "\n".join(errors))
    return lines


def bench_widget_updates(workdir: Path, n: int) -> list[dict]:
    env = kernel_env(workdir)
    results = []
    for cls in selected_explorers():
        if lab.needs_arguments(cls):
            say(f"widgets: {cls.__name__} needs constructor arguments: skipped")
            continue
        code = (f"%matplotlib inline\nimport sys\nsys.path.insert(0, {str(HERE)!r})\n"
                f"import in_kernel\nin_kernel.run({cls.__module__!r}, {cls.__name__!r}, {n})\n")
        lines = run_in_kernel(code, env, workdir)
        payload = [line for line in lines if line.startswith("BENCHMARK-JSON ")]
        result = json.loads(payload[-1].removeprefix("BENCHMARK-JSON "))
        result["ratio"] = result["course"]["median_ms"] / result["naive"]["median_ms"]
        say(f"widgets: {cls.__name__} course {result['course']['median_ms']:.1f} ms, "
            f"naive {result['naive']['median_ms']:.1f} ms (median)")
        results.append(result)
    return results


# --------------------------------------------------------------------------
# 3: key press to new figure, in JupyterLab in Chromium
# --------------------------------------------------------------------------
def naive_notebook(cls, root: Path) -> str:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                 "language": "python", "name": "python3"}
    nb.cells = [nbformat.v4.new_code_cell(
        f"%matplotlib inline\nimport sys\nsys.path.insert(0, {str(HERE)!r})\nimport in_kernel\n"
        f"in_kernel.show_naive({cls.__module__!r}, {cls.__name__!r})")]
    name = f"_naive-{cls.__name__}.ipynb"
    nbformat.write(nb, root / name)
    return name


def browser_steps(browser, server, name: str, steps: int, warmup: int = 2) -> dict:
    page = lab.NotebookPage(browser, server, name, workspace=f"bench-{Path(name).stem}")
    try:
        page.open()
        state = page.run_all(timeout=600)
        if state["errors"]:
            raise RuntimeError(f"{name}: {state['errors']}")
        views = page.wait_widgets()
        times, failed = [], 0
        broken = sum(v["broken_children"] + v["error"] + (not v["rendered"]) for v in views)
        for v in views:
            if not (v["images"] and v["sliders"]):
                continue
            view = page.view(v["index"])
            handles = view.locator(".widget-slider .noUi-handle")
            for h in range(handles.count()):
                direction = "ArrowRight"
                for step in range(steps + warmup):
                    handle = handles.nth(h)
                    state = handle.evaluate(lab.JS_SLIDER)
                    if state["now"] >= state["max"]:
                        direction = "ArrowLeft"
                    elif state["now"] <= state["min"]:
                        direction = "ArrowRight"
                    move = lab.move_slider(page, view, handle, key=direction)
                    if move.ms is None:
                        failed += 1
                    elif step >= warmup:
                        times.append(move.ms)
        return {"notebook": name, "n": len(times), "failed": failed, "broken_views": broken,
                "median_ms": statistics.median(times) if times else None,
                "p95_ms": p95(times) if times else None}
    finally:
        page.close()
        server.shutdown_kernels()


# Before a drag: every <img> of the view whose src changes is timed when its
# new picture is decoded and the next frame painted; frames superseded before
# they were decoded were never shown and are not counted. Pointer down and up
# on the slider are stamped in the page too, so Playwright's round trips are
# not counted.
JS_DRAG_ARM = """
([view, handle]) => {
  const record = {paints: [], down: null, up: null};
  window.__courseDrag = record;
  document.addEventListener('pointerdown', () => { record.down = performance.now(); },
                            {capture: true, once: true});
  document.addEventListener('pointerup', () => { record.up = performance.now(); },
                            {capture: true, once: true});
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type !== 'attributes' || m.target.tagName !== 'IMG') continue;
      m.target.decode()
        .then(() => new Promise(r => requestAnimationFrame(r)))
        .then(() => { record.paints.push(performance.now()); })
        .catch(() => { /* replaced by a newer frame before it was shown */ });
    }
  });
  observer.observe(view, {attributes: true, attributeFilter: ['src'], subtree: true});
  // Slider positions the drag passed (each one a new value sent to the kernel).
  record.values = [];
  const values = new MutationObserver(() => { record.values.push(performance.now()); });
  values.observe(handle, {attributes: true, attributeFilter: ['aria-valuetext']});
  record.stop = () => { observer.disconnect(); values.disconnect(); };
}
"""

JS_DRAG_RESULT = """
() => {
  const r = window.__courseDrag;
  r.stop();
  return {paints: r.paints, values: r.values, down: r.down, up: r.up};
}
"""


# The pointer's path while the button is down, played in the page: one
# mousemove every 1/60 s (a 60 Hz mouse; Chrome delivers at most one a frame),
# at the place a steady hand would be at that moment. Sent from the page, not
# through Playwright, whose round trip per move (tens of milliseconds on a busy
# machine) would otherwise set the pace. The button press and release that
# start and end the drag are real input events (Playwright's mouse).
JS_DRAG_PATH = """
([x0, x1, y, seconds, hz]) => new Promise((resolve) => {
  const t0 = performance.now();
  let moves = 0;
  const step = () => {
    const f = Math.min((performance.now() - t0) / (seconds * 1000), 1);
    const x = x0 + (x1 - x0) * f;
    // noUiSlider (ipywidgets' slider) listens for mouse events in Chrome.
    document.elementFromPoint(x, y)?.dispatchEvent(new MouseEvent('mousemove', {
      bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, buttons: 1}));
    moves += 1;
    if (f < 1) { setTimeout(step, 1000 / hz); } else { resolve(moves); }
  };
  setTimeout(step, 1000 / hz);
})
"""


def drag_slider(nbpage, view, handle) -> dict:
    """Drag one slider from its minimum to its maximum in DRAG_SECONDS, then let go.

    The handle is first sent to its minimum with the Home key (waiting for that
    figure). The drag is a real button press on the handle, up to DRAG_MOVES
    mouse moves a second played in the page (``JS_DRAG_PATH``), each where a
    steady hand would be at that moment, and a real release just past the end
    of the track; then the figure is left to settle (no new picture for
    300 ms, see ``lab_harness.wait_quiet``).

    Returns figures painted per second while the pointer was down, and the
    time from pointer release to the last figure painted (0 when the figure
    for the final position was already painted before the release).
    """
    state = handle.evaluate(lab.JS_SLIDER)
    if state["now"] > state["min"]:
        lab.move_slider(nbpage, view, handle, key="Home")
    page = nbpage.page
    track = handle.locator("xpath=ancestor::*[contains(@class, 'noUi-target')][1]")
    box, knob = track.bounding_box(), handle.bounding_box()
    y = knob["y"] + knob["height"] / 2
    x_start = knob["x"] + knob["width"] / 2
    x_end = box["x"] + box["width"] + 2  # just past the end of the track: the maximum
    view_handle = view.element_handle()
    page.evaluate(JS_DRAG_ARM, [view_handle, handle.element_handle()])
    page.mouse.move(x_start, y)
    page.mouse.down()
    moves = page.evaluate(JS_DRAG_PATH, [x_start, x_end, y, DRAG_SECONDS, DRAG_MOVES])
    page.mouse.move(x_end, y)
    page.mouse.up()
    lab.wait_quiet(page, view_handle, quiet_ms=300, timeout_ms=30000)
    raw = page.evaluate(JS_DRAG_RESULT)
    final = handle.evaluate(lab.JS_SLIDER)
    down, up, paints = raw["down"], raw["up"], raw["paints"]
    if down is None or up is None:
        return {"fps": None, "release_ms": None, "paints": len(paints), "at_max": False}
    seconds = (up - down) / 1000
    during = [t for t in paints if down <= t <= up]
    positions = [t for t in raw["values"] if down <= t <= up]
    last = max(paints) if paints else None
    return {"fps": len(during) / seconds if seconds > 0 else None,
            "positions_per_s": len(positions) / seconds if seconds > 0 else None,
            # A slider with fewer steps than the goal has fewer pictures to show: it
            # meets the goal when every position the handle passed was painted.
            "meets_fps_goal": seconds > 0 and (len(during) / seconds >= DRAG_FPS_TARGET
                                               or len(during) >= len(positions)),
            "release_ms": None if last is None else max(0.0, last - up),
            "paints": len(paints), "drag_ms": up - down, "moves": moves,
            "at_max": final["now"] >= final["max"]}


def kernel_run(nbpage, code: str) -> None:
    """Run ``code`` silently in the notebook's kernel and wait for it to finish."""
    nbpage.page.evaluate("""async (code) => {
      const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      await kernel.requestExecute({code, silent: true, store_history: false}).done;
    }""", code)


def browser_drags(browser, server, name: str, ceiling_file: Path | None = None) -> dict:
    """Drag every slider of every widget in a notebook (see :func:`drag_slider`).

    With ``ceiling_file``, the explorer's update is replaced by one that only
    notes the time (nothing is computed, drawn or sent), and each drag also
    reports ``values_per_s``: slider values that reached the kernel per second
    of dragging. That is the most figures a second the round trip through
    ipywidgets' throttle, the Jupyter server and the browser allows here,
    whatever the kernel does.
    """
    page = lab.NotebookPage(browser, server, name, workspace=f"drag-{Path(name).stem}")
    try:
        page.open()
        state = page.run_all(timeout=600)
        if state["errors"]:
            raise RuntimeError(f"{name}: {state['errors']}")
        drags = []
        for v in page.wait_widgets():
            if not (v["images"] and v["sliders"]):
                continue
            view = page.view(v["index"])
            handles = view.locator(".widget-slider .noUi-handle")
            kernel_run(page, "_bench_start = dict(explorer.values())")
            if ceiling_file:
                kernel_run(page, "import time as _bench_time\n_bench_seen = []\n"
                                 "explorer.update = lambda **_: "
                                 "_bench_seen.append(_bench_time.perf_counter())")
            for h in range(handles.count()):
                if ceiling_file:
                    kernel_run(page, "_bench_seen.clear()")
                drags.append(drag_slider(page, view, handles.nth(h)))
                if ceiling_file:
                    kernel_run(page, f"open({str(ceiling_file)!r}, 'w')"
                                     ".write(str(len(_bench_seen)))")
                    seen = int(ceiling_file.read_text())
                    drags[-1]["values_per_s"] = seen / (drags[-1]["drag_ms"] / 1000) \
                        if drags[-1].get("drag_ms") else None
                # Back to the starting values, so that each slider is dragged from
                # the same setting of the others (a slider left at its maximum can
                # make another one irrelevant).
                kernel_run(page, "for _k, _v in _bench_start.items():\n"
                                 "    explorer.controls[_k].value = _v")
                lab.wait_quiet(page.page, view.element_handle(), quiet_ms=300, timeout_ms=30000)
        if ceiling_file:
            values = [d["values_per_s"] for d in drags if d.get("values_per_s") is not None]
            return {"notebook": name, "sliders": len(drags), "drags": drags,
                    "values_per_s_median": statistics.median(values) if values else None,
                    "values_per_s_max": max(values) if values else None}
        fps = [d["fps"] for d in drags if d["fps"] is not None]
        release = [d["release_ms"] for d in drags if d["release_ms"] is not None]
        return {"notebook": name, "sliders": len(drags), "drags": drags,
                "fps_median": statistics.median(fps) if fps else None,
                "fps_min": min(fps) if fps else None,
                "release_median_ms": statistics.median(release) if release else None,
                "release_max_ms": max(release) if release else None,
                "meeting_fps_goal": sum(bool(d.get("meets_fps_goal")) for d in drags),
                "all_reached_max": all(d["at_max"] for d in drags)}
    finally:
        page.close()
        server.shutdown_kernels()


STOCK_CONNECTION = "jupyter_server.services.kernels.connection.channels.ZMQChannelsWebsocketConnection"


def round_trips(server, n: int) -> list[float]:
    """Milliseconds from sending a kernel_info request over the server's kernel
    WebSocket to receiving the kernel's "idle" status for it, ``n`` times."""
    import asyncio
    import uuid

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    kernel = server.api("POST", "/api/kernels", {"name": "python3"})

    async def measure() -> list[float]:
        url = (f"ws://127.0.0.1:{server.port}/api/kernels/{kernel['id']}/channels"
               f"?session_id={uuid.uuid4().hex}")
        ws = await websocket_connect(HTTPRequest(
            url, headers={"Authorization": f"token {server.token}"}))
        times = []
        for i in range(n + 3):  # the first three warm the connection and are dropped
            msg_id = uuid.uuid4().hex
            message = {"header": {"msg_id": msg_id, "session": "bench", "username": "bench",
                                  "msg_type": "kernel_info_request", "version": "5.3",
                                  "date": dt.datetime.now(dt.timezone.utc).isoformat()},
                       "parent_header": {}, "metadata": {}, "content": {},
                       "channel": "shell", "buffers": []}
            start = time.perf_counter()
            await ws.write_message(json.dumps(message))
            while True:
                reply = json.loads(await asyncio.wait_for(ws.read_message(), 30))
                if (reply.get("parent_header", {}).get("msg_id") == msg_id
                        and reply["msg_type"] == "status"
                        and reply["content"]["execution_state"] == "idle"):
                    break
            if i >= 3:
                times.append((time.perf_counter() - start) * 1000)
        ws.close()
        return times

    try:
        return asyncio.run(measure())
    finally:
        server.api("DELETE", f"/api/kernels/{kernel['id']}")


def stock_server(workdir: Path) -> "lab.LabServer":
    """A JupyterLab server without the course's Jupyter settings (jupyter-config/):
    Jupyter Server's own kernel WebSocket, the busy favicon back on and the busy
    circle back in the notebook's toolbar.

    The last two are user-level settings that undo the environment's. In a
    virtual environment Jupyter reads the environment's settings over the
    user's (jupyter_core's ``prefer_environment_over_user``), so this server is
    started with ``JUPYTER_PREFER_ENV_PATH=0``; :func:`check_servers` confirms
    what each server serves.
    """
    labconfig = workdir / "config" / "labconfig"
    (labconfig / "default_setting_overrides.d").mkdir(parents=True, exist_ok=True)
    (labconfig / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {lab.FAVICON_BUSY: False}}))
    (labconfig / "default_setting_overrides.d" / "stock.json").write_text(json.dumps(
        {lab.NOTEBOOK_TRACKER: {"kernelStatus": {"showOnStatusBar": False}}}))
    return lab.LabServer(workdir, extra_args=[
        f"--ServerApp.kernel_websocket_connection_class={STOCK_CONNECTION}"],
        extra_env={"JUPYTER_PREFER_ENV_PATH": "0"})


def check_servers(course: "lab.LabServer", stock: "lab.LabServer | None") -> None:
    """Refuse to compare unless the course's server has the course's JupyterLab
    settings and the stock one has none of them (the WebSocket is checked by
    :func:`bench_round_trip`)."""
    expected = [(course, True)] + ([(stock, False)] if stock else [])
    for server, course_settings in expected:
        found = server.lab_settings()
        if set(found.values()) != {course_settings}:
            raise RuntimeError(f"{server.url}: JupyterLab settings {found}, expected all "
                               f"{course_settings} (see jupyter-config/README.md)")


def bench_round_trip(workdir: Path, n: int = 60, rounds: int = 3) -> dict:
    """Kernel message round trip through the course's server and the stock one.

    The course's server loads ``course.kernel_websocket`` (Nagle's delay off);
    the stock one names Jupyter Server's own connection class, which the
    extension then leaves alone. Rounds alternate between the two servers, so
    load from other work hits both alike.
    """
    servers = {"course": lab.LabServer(workdir / "course"), "stock": stock_server(workdir / "stock")}
    times = {name: [] for name in servers}
    try:
        for server in servers.values():
            server.start()
        for _ in range(rounds):
            for name, server in servers.items():
                times[name] += round_trips(server, n // rounds)
    finally:
        for server in servers.values():
            server.stop()
    result = {name: {"n": len(t), "median_ms": statistics.median(t), "p95_ms": p95(t)}
              for name, t in times.items()}
    say("round trip: course {course[median_ms]:.1f} ms, stock {stock[median_ms]:.1f} ms "
        "(medians)".format(**result))
    return result


def bench_browser(workdir: Path, steps: int, drag_only: bool = False,
                  drag_ceiling: bool = False, drag_stock: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    if not lab.chromium_available():
        say(f"browser: {lab.CHROMIUM} missing: part 3 skipped")
        return []
    server = lab.LabServer(workdir / "lab")
    pairs = []
    for cls in selected_explorers():
        if lab.needs_arguments(cls):
            continue
        pairs.append((cls, lab.widget_notebook_name(cls), naive_notebook(cls, server.root)))
    lab.write_widget_notebooks(server.root)
    stock = stock_server(workdir / "stock") if drag_stock else None
    if stock:
        lab.write_widget_notebooks(stock.root)
        stock.start()
    results = []
    server.start()
    try:
        check_servers(server, stock)
        with sync_playwright() as playwright:
            browser = lab.launch_browser(playwright)
            try:
                for cls, course_nb, naive_nb in pairs:
                    skipped = {"notebook": course_nb, "n": 0, "failed": 0, "broken_views": 0,
                               "median_ms": None, "p95_ms": None, "skipped": True}
                    course = skipped if drag_only else browser_steps(browser, server,
                                                                     course_nb, steps)
                    naive = skipped if drag_only else browser_steps(browser, server,
                                                                    naive_nb, steps)
                    drag = browser_drags(browser, server, course_nb)
                    ceiling = (browser_drags(browser, server, course_nb,
                                             ceiling_file=workdir / "ceiling.txt")
                               if drag_ceiling else None)
                    on_stock = browser_drags(browser, stock, course_nb) if stock else None
                    if on_stock:
                        say(f"browser: {cls.__name__} drag on the stock server "
                            f"{fmt_fps(on_stock['fps_median'])} (slowest slider "
                            f"{fmt_fps(on_stock['fps_min'])})")
                    if ceiling:
                        say(f"browser: {cls.__name__} drag with a kernel that does nothing: "
                            f"{ceiling['values_per_s_median']:.1f} values/s reach the kernel "
                            f"(median; best slider {ceiling['values_per_s_max']:.1f})")
                    say(f"browser: {cls.__name__} {fmt_ms(course['median_ms'])} "
                        f"(naive {fmt_ms(naive['median_ms'])}), median of {course['n']}"
                        + (f"; {course['broken_views']} part(s) failed to render"
                           if course["broken_views"] else "")
                        + f"; drag {fmt_fps(drag['fps_median'])} (slowest slider "
                        f"{fmt_fps(drag['fps_min'])}), release to final "
                        f"{fmt_ms(drag['release_median_ms'])} (worst "
                        f"{fmt_ms(drag['release_max_ms'])})")
                    results.append({"widget": cls.__name__, "course": course, "naive": naive,
                                    "drag": drag, **({"drag_ceiling": ceiling} if ceiling else {}),
                                    **({"drag_stock": on_stock} if on_stock else {})})
            finally:
                browser.close()
    finally:
        server.stop()
        if stock:
            stock.stop()
    return results


# --------------------------------------------------------------------------
# 5: install footprint
# --------------------------------------------------------------------------
def dir_size_mb(path: Path) -> float:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            p = Path(root) / f
            if not p.is_symlink():
                total += p.stat().st_size
    return total / 1e6


def base_python() -> str:
    candidate = shutil.which("python3.11") or shutil.which("python3")
    return candidate or sys.executable


def bench_install(workdir: Path) -> list[dict]:
    """Fresh environments, each with an empty pip cache; the bare stack comes last."""
    python = base_python()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(REPO / ".venv")))
    results = []

    def timed(label: str, target: Path, commands: list[list[str]], extra_env: dict) -> None:
        cache = workdir / f"pip-cache-{target.name}"
        shutil.rmtree(cache, ignore_errors=True)
        run_env = {**env, "PIP_CACHE_DIR": str(cache), "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                   **extra_env}
        say(f"install: {label} (cold pip cache)...")
        t0 = time.perf_counter()
        for command in commands:
            subprocess.run(command, check=True, env=run_env, cwd=REPO,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - t0
        py = target / "bin" / "python"
        packages = len(json.loads(subprocess.run(
            [str(py), "-m", "pip", "list", "--format=json"], capture_output=True, text=True,
            env=run_env, check=True).stdout))
        results.append({"label": label, "seconds": seconds, "size_mb": dir_size_mb(target),
                        "packages": packages})
        say(f"install: {label}: {seconds:.0f} s, {results[-1]['size_mb']:.0f} MB")

    def pip(venv: Path, *args: str) -> list[str]:
        return [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *args]

    student = workdir / "student-venv"
    timed(STUDENT_LABEL, student,
          [[python, "-m", "venv", str(student)],
           pip(student, "-r", str(REPO / "requirements-student.txt")),
           pip(student, "--no-deps", str(REPO))], {})
    course_venv = workdir / "course-venv"
    timed("developer and instructor (README: python3 run.py setup)", course_venv,
          [[python, str(REPO / "run.py"), "setup"]], {"COURSE_VENV": str(course_venv)})
    bare = workdir / "bare-venv"
    timed("bare jupyterlab + ipywidgets + matplotlib", bare,
          [[python, "-m", "venv", str(bare)],
           pip(bare, "-c", str(REPO / "requirements-student.txt"),
               "jupyterlab", "ipywidgets", "matplotlib")], {})
    return results


STUDENT_LABEL = "student (Binder: requirements-student.txt + course)"


def install_table(installs: list[dict], install_note: str = "") -> list[str]:
    """Part 5 of the report, as lines: the table against the bare stack (the last row)."""
    out = ["## 5. Install footprint (fresh environment, empty pip cache)", ""]
    if install_note:
        out += [install_note, ""]
    if not installs:
        return out
    bare = installs[-1]

    def target(i: dict) -> str:
        if i["label"] != STUDENT_LABEL:
            return ""
        return verdict(i["size_mb"] / bare["size_mb"] <= INSTALL_SIZE_TARGET)

    out.append(table(["environment", "time", "size on disk", "packages", "vs bare", "target"],
                     [[i["label"], f"{i['seconds']:.0f} s", f"{i['size_mb']:.0f} MB",
                       i["packages"],
                       f"{i['seconds'] / bare['seconds']:.1f}x time, "
                       f"{i['size_mb'] / bare['size_mb']:.2f}x size", target(i)]
                      for i in installs]))
    out += ["", f"Target: the student environment at most {INSTALL_SIZE_TARGET}x the bare "
            "stack's size on disk. Sizes are of the venv alone; the course package is installed "
            "from the repository as Binder installs it (a regular install, with its Jupyter "
            "settings; before 2026-12-01 an editable one)."]
    return out


def install_only(output: Path, raw_path: Path) -> int:
    """Measure part 5 alone and replace only its section of RESULTS.md and results.json."""
    with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
        installs = bench_install(Path(tmp) / "install")
    raw = json.loads(raw_path.read_text()) if raw_path.exists() else {}
    raw["installs"] = installs
    raw["installs_date"] = dt.datetime.now().isoformat(timespec="minutes")
    raw["installs_machine"] = machine()
    section = install_table(installs, f"Measured on its own (`--install-only`) on {machine()}.")
    text = output.read_text() if output.exists() else "# Benchmark results\n"
    head = text.split("## 5. Install footprint", 1)[0].rstrip("\n")
    output.write_text(head + "\n\n" + "\n".join(section) + "\n")
    raw_path.write_text(json.dumps(raw, indent=1) + "\n")
    print("\n".join(section))
    say(f"part 5 written to {output} and {raw_path.name}")
    return 0


# --------------------------------------------------------------------------
# the report
# --------------------------------------------------------------------------
def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        chromium = subprocess.run([lab.CHROMIUM, "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        chromium = "no chromium"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    return (f"{dt.date.today().isoformat()}, commit {commit} (plus working tree), "
            f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {chromium}")


def report(args, notebooks, floor, updates, browser, installs, install_note="",
           load=(0, 0, 0), load_after=(0, 0, 0), round_trip=None, releases=None) -> str:
    out = ["# Benchmark results", "",
           f"`{' '.join(['.venv/bin/python', 'benchmarks/run.py', *sys.argv[1:]])}` on {machine()}.",
           f"Load average (1 min) {load[0]:.1f} before, {load_after[0]:.1f} after: other work on "
           "the machine inflates every timing.",
           "Regenerate with `.venv/bin/python benchmarks/run.py` (add `--skip-install` to "
           "skip part 5, which builds three fresh environments).", ""]

    out += ["## 1. Notebooks, top to bottom (master, fresh kernel)", "",
            f"Floor: start a kernel, import the libraries and every module of the course "
            f"(except `course.instructor`), stop the kernel: {floor['median_s']:.2f} s, "
            f"{floor['cpu_s']:.2f} s of kernel CPU (medians of {args.repeats}, run in turn "
            f"with the notebooks). Each notebook likewise, from kernel start to shut-down "
            f"after its last cell. Target: at most {NOTEBOOK_RATIO_TARGET}x the floor. Kernel "
            "CPU time is shown too: other work on the machine changes it much less than the "
            "wall clock." if floor else "Skipped.", ""]
    if notebooks:
        out.append(table(["notebook", "code cells", "time (median)", "ratio to floor",
                          "kernel CPU", "CPU ratio", "target"],
                         [[r["notebook"], r["cells"], f"{r['median_s']:.2f} s",
                           f"{r['ratio']:.2f}x", f"{r['cpu_s']:.2f} s", f"{r['cpu_ratio']:.2f}x",
                           verdict(r["ratio"] <= NOTEBOOK_RATIO_TARGET)] for r in notebooks]))
    elif floor:
        out.append("No master notebooks in instructor/source/.")
    out.append("")
    out += (matplotlib_table(releases, args.repeats, args.other_matplotlib)
            if 1 in args_parts(args) else [])

    out += ["## 2. Widget update, kernel side (model + redraw), same kernel, same values", "",
            f"Target: course median <= 1/3 of the naive baseline's "
            "(`interactive_output`, inline backend, new figure each update).", ""]
    if updates:
        out.append(table(
            ["widget", "updates", "course median", "course p95", "naive median", "naive p95",
             "ratio", "target"],
            [[u["widget"], u["course"]["n"], f"{u['course']['median_ms']:.1f} ms",
              f"{u['course']['p95_ms']:.1f} ms", f"{u['naive']['median_ms']:.1f} ms",
              f"{u['naive']['p95_ms']:.1f} ms", f"{u['ratio']:.2f}",
              verdict(u["ratio"] <= UPDATE_RATIO_TARGET)] for u in updates]))
    else:
        out.append("Skipped.")
    out.append("")

    out += ["## 3. In the browser: key press on a focused slider to the new figure painted", ""]
    if round_trip:
        out += ["### The server's round trip", "",
                "A kernel message sent over the server's kernel WebSocket to the kernel's "
                "\"idle\" status coming back: every slider value waits for one (ipywidgets "
                "sends the next value only after the kernel's idle status). The course's server "
                "loads `course.kernel_websocket`, which turns Nagle's algorithm off on that "
                "socket; the stock server is Jupyter Server as it comes. Rounds alternate "
                "between the two.", "",
                table(["server", "messages", "median", "p95"],
                      [[name, r["n"], f"{r['median_ms']:.1f} ms", f"{r['p95_ms']:.1f} ms"]
                       for name, r in round_trip.items()]), ""]
    out += ["### Key press", "",
            f"Target: median < {BROWSER_TARGET_MS:.0f} ms. JupyterLab {lab_version()}, headless "
            "Chromium; measured in the page from keydown to the frame after the new image "
            "is decoded.", ""]
    pressed = [b for b in browser if not b["course"].get("skipped")]
    if pressed:
        out.append(table(
            ["widget", "steps", "course median", "course p95", "naive median", "naive p95",
             "target"],
            [[b["widget"], b["course"]["n"], fmt_ms(b["course"]["median_ms"]),
              fmt_ms(b["course"]["p95_ms"]), fmt_ms(b["naive"]["median_ms"]),
              fmt_ms(b["naive"]["p95_ms"]),
              browser_verdict(b["course"])] for b in pressed]))
    else:
        out.append("Skipped." + (" (`--drag-only`)" if browser else ""))
    out.append("")
    drags = [b for b in browser if b.get("drag")]
    out += ["### Dragging a slider", "",
            f"Each slider of each widget dragged with the mouse from its minimum to its maximum "
            f"in {DRAG_SECONDS:g} s, starting from the widget's default setting: a real button "
            f"press and release, and between them one mouse move every 1/{DRAG_MOVES} s sent "
            "from the page where a steady hand would be (a 60 Hz mouse; fewer when the page "
            "is too busy to run them). Figures painted per second while the button is down "
            "(a new picture decoded and painted; pictures replaced before they were shown are "
            "not counted), beside the slider positions passed per second (the most there is "
            "to show); release to final: from letting go to the last picture painted (0 when "
            "it was painted before the release). Targets: at least "
            f"{DRAG_FPS_TARGET:.0f} figures a second, or every position passed painted for a "
            f"slider with fewer steps than that; final figure under "
            f"{DRAG_RELEASE_TARGET_MS:.0f} ms.", ""]
    if drags:
        compared = any(b.get("drag_ceiling") for b in drags)
        if compared:
            out += ["Ceiling: the same drags with the explorer's update replaced by one that "
                    "does nothing; slider values that reached the kernel per second (median "
                    "over the sliders). No kernel-side work can paint more figures than that: "
                    "the browser sends the next value only after the kernel has reported "
                    "finishing the last (ipywidgets' throttle).", ""]

        def before(b):
            d = b.get("drag_ceiling")
            return [fmt_fps(d["values_per_s_median"]).replace("fps", "/s") if d else "-"]

        def stock(b):
            d = b.get("drag_stock")
            return [f"{fmt_fps(d['fps_median'])} (slowest {fmt_fps(d['fps_min'])}), release "
                    f"{fmt_ms(d['release_median_ms'])} (worst {fmt_ms(d['release_max_ms'])})"
                    if d else "-"]

        on_stock = any(b.get("drag_stock") for b in drags)
        if on_stock:
            out += ["Stock: the same drags in the same run on a JupyterLab without the "
                    "course's Jupyter settings (`jupyter-config/`): Jupyter Server's own "
                    "kernel WebSocket (Nagle's algorithm on), the busy favicon on and the "
                    "busy circle in the notebook's toolbar.", ""]

        out.append(table(
            ["widget", "sliders", "figures/s (median)", "slowest slider", "positions/s",
             "sliders meeting the goal", "release to final (median)", "worst", "target"]
            + (["ceiling: values/s reaching an idle kernel"] if compared else [])
            + (["stock JupyterLab: figures/s (median)"] if on_stock else []),
            [[b["widget"], b["drag"]["sliders"], fmt_fps(b["drag"]["fps_median"]),
              fmt_fps(b["drag"]["fps_min"]),
              fmt_fps(statistics.median(d["positions_per_s"] for d in b["drag"]["drags"]
                                        if d.get("positions_per_s") is not None)
                      if b["drag"]["drags"] else None).replace("fps", "/s"),
              f"{b['drag'].get('meeting_fps_goal', '?')} of {b['drag']['sliders']}",
              fmt_ms(b["drag"]["release_median_ms"]), fmt_ms(b["drag"]["release_max_ms"]),
              drag_verdict(b["drag"])] + (before(b) if compared else [])
             + (stock(b) if on_stock else []) for b in drags]))
    else:
        out.append("Skipped.")
    out.append("")

    out += ["## 4. Peak memory of each notebook's kernel (VmHWM)", "",
            f"Target: < {MEMORY_TARGET_MB:.0f} MB (Binder guarantees 1 GB).", ""]
    if floor:
        rows = [["(floor: kernel + imports)", f"{floor['peak_mb']:.0f} MB", ""]]
        rows += [[r["notebook"], f"{r['peak_mb']:.0f} MB",
                  verdict(r["peak_mb"] < MEMORY_TARGET_MB)] for r in notebooks]
        out.append(table(["notebook", "peak RSS", "target"], rows))
    else:
        out.append("Skipped.")
    out.append("")

    out += install_table(installs, install_note)
    if not installs:
        out.append("Not measured yet (`--skip-install`)." if args.skip_install else "Skipped.")
    out.append("")
    return "\n".join(out)


def args_parts(args) -> set[int]:
    """The benchmark parts ``--only`` asks for, as numbers."""
    return {int(p) for p in args.only.split(",") if p.strip()}


def matplotlib_table(releases: dict | None, rounds: int,
                     other_version: str = OTHER_MATPLOTLIB) -> list[str]:
    """Part 1's second table: :func:`bench_matplotlib`'s results, as Markdown lines."""
    out = ["### Figures under two Matplotlib releases", "",
           "CPU time to build and draw every figure of `course.figures` as a notebook shows "
           "it (`course/png.py`), one process per release and round, rounds alternating "
           f"(medians of {rounds}). The course pins the faster release "
           "(`requirements-student.in` says why).", ""]
    if not releases:
        return out + [f"Not measured (matplotlib {other_version} could not be installed or "
                      "failed to draw; the run's log says why).", ""]
    import matplotlib

    pinned = matplotlib.__version__
    rows = []
    for version, r in sorted(releases.items()):
        figures = r["per_figure_s"].values()
        rows.append([version, len(r["per_figure_s"]), f"{r['total_cpu_s']:.2f} s",
                     f"{statistics.median(figures) * 1000:.0f} ms",
                     f"{max(figures) * 1000:.0f} ms",
                     f"{r['total_cpu_s'] / releases[pinned]['total_cpu_s']:.2f}x"])
    return out + [table(["matplotlib", "figures", "CPU, all figures", "per figure (median)",
                         "slowest figure", f"ratio to {pinned} (pinned)"], rows), ""]


def browser_verdict(result: dict) -> str:
    if result["median_ms"] is None:
        return ("FAIL (figure did not render)" if result.get("broken_views")
                else "FAIL (figure never changed)")
    return verdict(result["median_ms"] < BROWSER_TARGET_MS)


def drag_verdict(drag: dict) -> str:
    if drag["fps_min"] is None or drag["release_max_ms"] is None:
        return "FAIL (figure never changed)"
    fps_ok = drag.get("meeting_fps_goal", 0) == drag["sliders"]
    release_ok = drag["release_max_ms"] < DRAG_RELEASE_TARGET_MS
    if fps_ok and release_ok:
        return "PASS"
    return "FAIL (" + ", ".join(p for p, ok in (("figures/s", fps_ok), ("release", release_ok))
                               if not ok) + ")"


def fmt_ms(value) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def fmt_fps(value) -> str:
    return "-" if value is None else f"{value:.0f} fps"


def lab_version() -> str:
    try:
        import jupyterlab
        return jupyterlab.__version__
    except ImportError:
        return "?"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-install", action="store_true",
                        help="skip part 5 (three fresh environments: minutes, needs the network); "
                             "the table then repeats the last measured install numbers, dated")
    parser.add_argument("--install-only", action="store_true",
                        help="run part 5 alone and replace only its section of the results")
    parser.add_argument("--only", default="1,2,3,4,5",
                        help="comma-separated parts to run (1 and 4 run together), e.g. --only 2,3")
    parser.add_argument("--repeats", type=int, default=3,
                        help="executions of each notebook and of the floor (median)")
    parser.add_argument("--updates", type=int, default=60,
                        help="slider values per slider for part 2")
    parser.add_argument("--steps", type=int, default=15,
                        help="key presses per slider for part 3")
    parser.add_argument("--drag-only", action="store_true",
                        help="part 3: only the drags (no key presses, no naive baseline)")
    parser.add_argument("--drag-stock", action="store_true",
                        help="part 3: drag each slider again on a JupyterLab without the "
                             "course's Jupyter settings (jupyter-config/), side by side")
    parser.add_argument("--drag-ceiling", action="store_true",
                        help="part 3: drag each slider again with an explorer that does "
                             "nothing, counting the values that reach the kernel per second "
                             "(the most figures a second this machine allows)")
    parser.add_argument("--widgets", default="",
                        help="comma-separated explorer class names for parts 2 and 3 "
                             "(default: all)")
    parser.add_argument("--other-matplotlib", default=OTHER_MATPLOTLIB, metavar="X.Y.Z",
                        help="part 1: the Matplotlib release to draw every figure under, beside "
                             f"the pinned one (default {OTHER_MATPLOTLIB})")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    parts = args_parts(args)
    ONLY_WIDGETS.update(w.strip() for w in args.widgets.split(",") if w.strip())
    if args.skip_install:
        parts.discard(5)
    # Fail now, not after the runs, when the results cannot be written.
    args.output.parent.mkdir(parents=True, exist_ok=True)
    raw_path = args.output.with_name(args.output.stem.lower() + ".json")
    if args.install_only:
        return install_only(args.output, raw_path)
    previous = json.loads(raw_path.read_text()) if raw_path.exists() else {}

    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
        workdir = Path(tmp)
        notebooks, floor = bench_notebooks(workdir / "notebooks", args.repeats) \
            if parts & {1, 4} else ([], None)
        releases = (bench_matplotlib(workdir / "matplotlib", args.repeats, args.other_matplotlib)
                    if 1 in parts else None)
        updates = bench_widget_updates(workdir / "updates", args.updates) if 2 in parts else []
        round_trip = bench_round_trip(workdir / "round-trip") if 3 in parts else None
        browser = bench_browser(workdir / "browser", args.steps, args.drag_only,
                                args.drag_ceiling, args.drag_stock) if 3 in parts else []
        installs = bench_install(workdir / "install") if 5 in parts else []
    load_after = os.getloadavg()

    install_note = ""
    if not installs and previous.get("installs"):
        installs = previous["installs"]
        install_note = ("(not re-measured: numbers from the run of "
                        f"{previous.get('installs_date') or previous.get('date', '?')})")
    raw = {"date": dt.datetime.now().isoformat(timespec="minutes"), "machine": machine(),
           "load_before": load, "load_after": load_after, "notebooks": notebooks, "floor": floor,
           "matplotlib_releases": releases,
           "updates": updates, "round_trip": round_trip, "browser": browser,
           "installs": installs,
           "installs_date": previous.get("installs_date") if install_note
           else dt.datetime.now().isoformat(timespec="minutes")}
    text = report(args, notebooks, floor, updates, browser, installs, install_note,
                  load, load_after, round_trip, releases)
    print(text)
    args.output.write_text(text + "\n")
    raw_path.write_text(json.dumps(raw, indent=1) + "\n")
    say(f"written to {args.output} and {raw_path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
