"""The plotting style: distinguishable without colour."""

from course import plots


def test_series_differ_in_shape_not_only_colour():
    styles = [plots.style(i) for i in range(99)]
    keys = {(s["color"], str(s["linestyle"]), s["marker"]) for s in styles}
    assert len(keys) == 99
    # Within one chart of up to 11 series, no two share line style and marker.
    first = {(str(s["linestyle"]), s["marker"]) for s in styles[:9]}
    assert len(first) == 9


def test_palette_is_okabe_ito():
    assert set(plots.PALETTE) == {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#000000",
                                  "#D55E00", "#56B4E9", "#F0E442"}


def test_imported_libraries_are_frozen_out_of_full_collections():
    # course.plots freezes what is imported by then (matplotlib, pandas, NumPy), so a
    # notebook's full garbage collections do not scan those objects again: they are
    # in the permanent generation, which gc.get_objects() does not list.
    import gc

    import matplotlib.figure

    assert gc.get_freeze_count() > 10_000
    assert id(matplotlib.figure.Figure) not in {id(o) for o in gc.get_objects()}


def test_log_axis_reads_in_plain_numbers():
    # Ticks at powers of ten labelled as a student reads them: "0.1", "1", "1,000",
    # "100,000", never a raised exponent; and no unlabelled minor ticks.
    fig, ax = plots.figure(interactive=True)
    ax.plot([0.1, 100_000], [0.1, 100_000])
    plots.log_scale(ax, "y")
    ax.set_ylim(0.1, 100_000)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()
              if 0.1 <= t.get_position()[1] <= 100_000]
    assert labels == ["0.1", "1", "10", "100", "1,000", "10,000", "100,000"]
    assert ax.get_yscale() == "log" and ax.get_xscale() == "linear"
    assert len(ax.yaxis.get_minorticklocs()) == 0


def test_figure_modules_load_when_first_used():
    # `from course import figures` is cheap; `figures.markets` imports that theme only,
    # so notebook 03 does not load notebook 10's models and tables. Every module of the
    # package is reachable this way (THEMES lists them all).
    import pkgutil
    import subprocess
    import sys

    from course import figures

    modules = {m.name for m in pkgutil.iter_modules(figures.__path__)}
    assert set(figures.THEMES) == modules
    assert set(figures.THEMES) <= set(dir(figures))
    code = ("import sys; from course import figures; figures.markets.prices_and_rates; "
            "print('course.figures.scenario' in sys.modules, 'course.models.scenario' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
