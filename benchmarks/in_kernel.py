"""Code the widget benchmark runs inside a real IPython kernel (``run.py`` sends it).

For one course widget (an ``Explorer``) it times, side by side and interleaved,
for the same slider values:

* the course's update: ``explorer.update(**setting)`` (model, blitted redraw,
  PNG into the ``Image`` widget, readout), and
* the naive baseline: the same model and the same picture through
  ``interactive_output`` and the inline backend, building a new figure on each
  update (what a notebook without ``course.widgets.live`` would do).

The baseline figure is rebuilt generically from the explorer's own figure:
every line, filled area, patch, text, scale, limit, label and legend is drawn
again on a fresh pyplot figure, which ``interactive_output`` then shows
through the inline backend (PNG, ``bbox_inches="tight"``).
"""

from __future__ import annotations

import importlib
import json
import time

import ipywidgets as ipw
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from matplotlib.collections import PathCollection
from matplotlib.patches import PathPatch

SLIDERS = (ipw.IntSlider, ipw.FloatSlider, ipw.FloatLogSlider, ipw.SelectionSlider)


def _option_value(option):
    return option[1] if isinstance(option, tuple) else option


def slider_values(control, n: int) -> list:
    """``n`` values across a slider's range, in order (as a drag would visit them)."""
    if isinstance(control, ipw.SelectionSlider):
        options = [_option_value(o) for o in control.options]
        idx = np.linspace(0, len(options) - 1, min(n, len(options))).round().astype(int)
        values = [options[i] for i in idx]
        while len(values) < n:  # few options: sweep back and forth
            values += values[::-1][1:] if len(values) > 1 else values
        return values[:n]
    if isinstance(control, ipw.FloatLogSlider):
        exps = np.linspace(control.min, control.max, n)
        return [float(control.base ** e) for e in exps]
    raw = np.linspace(control.min, control.max, n)
    step = control.step or (control.max - control.min) / max(n, 1)
    snapped = np.clip(control.min + np.round((raw - control.min) / step) * step,
                      control.min, control.max)
    if isinstance(control, ipw.IntSlider):
        return [int(v) for v in snapped]
    return [float(v) for v in snapped]


def copy_control(control):
    """A fresh widget like ``control`` (so the baseline does not drive the explorer)."""
    kwargs = {k: getattr(control, k) for k in ("options", "min", "max", "step", "base", "value")
              if control.has_trait(k)}
    if "options" in kwargs:
        kwargs["options"] = list(kwargs["options"])
    return type(control)(**kwargs)


def _same_transform(src_ax, dst_ax, transform):
    for get in ("transData", "transAxes"):
        if transform == getattr(src_ax, get):
            return getattr(dst_ax, get)
    if transform == src_ax.get_xaxis_transform():
        return dst_ax.get_xaxis_transform()
    if transform == src_ax.get_yaxis_transform():
        return dst_ax.get_yaxis_transform()
    return dst_ax.transData


def naive_replot(src_fig) -> None:
    """Draw ``src_fig`` again on a new pyplot figure, artist by artist."""
    fig = plt.figure(figsize=src_fig.get_size_inches(), dpi=src_fig.dpi)
    for sax in src_fig.axes:
        ax = fig.add_axes(sax.get_position())
        ax.set_xscale(sax.get_xscale())
        ax.set_yscale(sax.get_yscale())
        for coll in sax.collections:
            colors = coll.get_facecolor()
            color = colors[0] if len(colors) else "none"
            if isinstance(coll, PathCollection):
                offsets = coll.get_offsets()
                ax.scatter(offsets[:, 0], offsets[:, 1], s=coll.get_sizes(), c=colors,
                           transform=_same_transform(sax, ax, coll.get_offset_transform()))
                continue
            for path in coll.get_paths():
                ax.add_patch(PathPatch(path, facecolor=color, alpha=coll.get_alpha(),
                                       linewidth=0, transform=_same_transform(
                                           sax, ax, coll.get_transform())))
        for patch in sax.patches:
            ax.add_patch(PathPatch(patch.get_path().transformed(patch.get_patch_transform()),
                                   facecolor=patch.get_facecolor(), edgecolor=patch.get_edgecolor(),
                                   linewidth=patch.get_linewidth(), alpha=patch.get_alpha(),
                                   transform=_same_transform(sax, ax, patch.get_data_transform())))
        for line in sax.lines:
            ax.plot(line.get_xdata(), line.get_ydata(), color=line.get_color(),
                    linestyle=line.get_linestyle(), linewidth=line.get_linewidth(),
                    marker=line.get_marker(), markersize=line.get_markersize(),
                    markerfacecolor=line.get_markerfacecolor(),
                    markeredgecolor=line.get_markeredgecolor(),
                    markeredgewidth=line.get_markeredgewidth(), alpha=line.get_alpha(),
                    label=line.get_label(),
                    transform=_same_transform(sax, ax, line.get_transform()))
        for text in sax.texts:
            ax.text(*text.get_position(), text.get_text(), fontsize=text.get_fontsize(),
                    color=text.get_color(), ha=text.get_ha(), va=text.get_va(),
                    transform=_same_transform(sax, ax, text.get_transform()))
        ax.set_xlim(sax.get_xlim())
        ax.set_ylim(sax.get_ylim())
        for loc in ("left", "center", "right"):
            if sax.get_title(loc):
                ax.set_title(sax.get_title(loc), loc=loc)
        ax.set_xlabel(sax.get_xlabel())
        ax.set_ylabel(sax.get_ylabel())
        ax.grid(any(g.get_visible() for g in sax.xaxis.get_gridlines()))
        legend = sax.get_legend()
        if legend is not None:
            anchor = legend.get_bbox_to_anchor().transformed(sax.transAxes.inverted())
            ax.legend(loc=legend._loc, bbox_to_anchor=anchor.bounds,
                      fontsize=legend.get_texts()[0].get_fontsize() if legend.get_texts() else None)
    for text in src_fig.texts:
        fig.text(*text.get_position(), text.get_text(), fontsize=text.get_fontsize(),
                 color=text.get_color(), ha=text.get_ha(), va=text.get_va())


def naive_widget(explorer):
    """The baseline UI for ``explorer``: copied controls, ``interactive_output``, a readout."""
    controls = {k: copy_control(c) for k, c in explorer.controls.items()}
    readout = ipw.HTML()

    def naive(**values):
        result = explorer.compute(**values)
        explorer.draw(result)
        naive_replot(explorer.fig)
        plt.show()  # inline backend: render the figure to PNG, display it, close it
        readout.value = explorer.describe(result)

    out = ipw.interactive_output(naive, controls)
    return controls, ipw.VBox([*controls.values(), out, readout])


def show_naive(module: str, name: str):
    """Display only the baseline version of a widget (for the browser benchmark)."""
    explorer = getattr(importlib.import_module(module), name)()
    controls, box = naive_widget(explorer)
    return box


def _stats(samples: list[float]) -> dict:
    ms = np.asarray(samples) * 1000
    return {"n": len(ms), "median_ms": float(np.median(ms)),
            "p95_ms": float(np.percentile(ms, 95)), "mean_ms": float(ms.mean())}


def benchmark_widget(module: str, name: str, n: int = 60, warmup: int = 3) -> dict:
    """Time the explorer's update and the naive baseline over ``n`` values per slider."""
    cls = getattr(importlib.import_module(module), name)
    explorer = cls()
    display(explorer)  # open the comms, as in a notebook: updates go out over iopub
    controls, box = naive_widget(explorer)
    display(box)

    course_times, naive_times, sliders = [], [], []
    for key, control in explorer.controls.items():
        if not isinstance(control, SLIDERS):
            continue
        sliders.append(key)
        default = control.value
        values, previous = [], default
        for value in slider_values(control, n + warmup):
            if value != previous:  # an unchanged value would not redraw the baseline
                values.append(value)
                previous = value
        for i, value in enumerate(values):
            t0 = time.perf_counter()
            explorer.update(**{key: value})
            t1 = time.perf_counter()
            controls[key].value = value  # interactive_output redraws on the value change
            t2 = time.perf_counter()
            if i >= warmup:
                course_times.append(t1 - t0)
                naive_times.append(t2 - t1)
        explorer.update(**{key: default})
        controls[key].value = default
    plt.close("all")
    return {"widget": name, "module": module, "sliders": sliders,
            "backend": matplotlib.get_backend(),
            "course": _stats(course_times), "naive": _stats(naive_times)}


def run(module: str, name: str, n: int) -> None:
    print("BENCHMARK-JSON " + json.dumps(benchmark_widget(module, name, n)))

