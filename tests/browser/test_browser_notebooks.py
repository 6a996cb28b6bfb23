"""Every student notebook, run in JupyterLab in a real browser.

What nbval cannot see: a widget that never renders, a slider that redraws
nothing, a plot that goes blank. For each notebook in ``notebooks/`` (found by
globbing, so new notebooks are covered) and for each course widget on its own:

1. open it in JupyterLab (headless Debian Chromium), Run > Run All Cells, wait
   until the kernel is idle and no cell is queued;
2. every code cell ran and none shows an error;
3. every widget rendered: no "Loading widget...", no "Error displaying widget";
4. for each widget with a figure, every slider is moved with the keyboard
   (focus the handle, ArrowRight, or ArrowLeft at the maximum): its value
   changes, JupyterLab does not take the key (the active cell stays put), the
   figure changes and still has plotted content (not an empty axis), and the
   kernel reports no error (widget callbacks included);
5. screenshots of the notebook before and after the slider moves, and of each
   widget, go to ``test-output/browser/<notebook>/``.

Run: ``.venv/bin/python -m pytest tests/browser -q -m browser``.
"""

from __future__ import annotations

import pytest

import lab_harness as lab
from notebook_checks import MIN_TRACK_PX, RUN_TIMEOUT, check_notebook

pytestmark = pytest.mark.browser

NOTEBOOKS = [path.name for path in lab.student_notebooks()]
WIDGETS = lab.explorer_classes()


@pytest.mark.parametrize("name", NOTEBOOKS, ids=[n.removesuffix(".ipynb") for n in NOTEBOOKS])
def test_student_notebook_in_browser(browser, lab_server, name):
    check_notebook(browser, lab_server, name, lab.OUTPUT / name.removesuffix(".ipynb"))


@pytest.mark.parametrize("cls", WIDGETS, ids=[c.__name__ for c in WIDGETS])
def test_widget_in_browser(browser, lab_server, cls):
    """Each course widget on its own, with its default arguments."""
    if lab.needs_arguments(cls):
        pytest.skip(f"{cls.__name__} needs constructor arguments; covered by its notebook only")
    report = check_notebook(browser, lab_server, lab.widget_notebook_name(cls),
                            lab.OUTPUT / f"widget-{cls.__name__}")
    views = [v for v in report["views"] if v["images"]]
    assert views, f"{cls.__name__}: no figure rendered"
    assert report["moves"], f"{cls.__name__}: no slider to move"


# JupyterLab in an 800-px window with its file browser open (how Binder starts) leaves
# each widget about 360 px: sliders must wrap rather than squeeze their tracks.
NARROW = (800, 700)


@pytest.mark.parametrize("cls", WIDGETS, ids=[c.__name__ for c in WIDGETS])
def test_sliders_stay_draggable_in_a_narrow_window(browser, lab_server, cls):
    if lab.needs_arguments(cls):
        pytest.skip(f"{cls.__name__} needs constructor arguments; covered by its notebook only")
    name = lab.widget_notebook_name(cls)
    nb = lab.NotebookPage(browser, lab_server, name, workspace=f"narrow-{cls.__name__}",
                          viewport=NARROW)
    try:
        nb.open()
        state = nb.run_all(timeout=RUN_TIMEOUT)
        assert not state["errors"], state["errors"]
        views = [v for v in nb.wait_widgets() if v["sliders"]]
        assert views, f"{cls.__name__}: no slider rendered"
        widths = [round(w) for v in views for w in nb.view(v["index"]).evaluate(
            "(el) => Array.from(el.querySelectorAll('.widget-slider .noUi-target'))"
            ".map(t => t.getBoundingClientRect().width)")]
        assert widths and min(widths) >= MIN_TRACK_PX, (
            f"{cls.__name__} at {NARROW[0]}x{NARROW[1]}: slider tracks {widths} px, "
            f"at least {MIN_TRACK_PX} needed to drag")
        outdir = lab.OUTPUT / f"widget-{cls.__name__}"
        outdir.mkdir(parents=True, exist_ok=True)
        nb.page.screenshot(path=str(outdir / "narrow.png"))
    finally:
        nb.close()


# Counts DOM changes inside the notebook's toolbar. JupyterLab's toolbar is a web
# component that, whenever anything inside it changes, resets every button's
# tabindex and asks the browser where each one is: a forced layout of the page.
JS_WATCH_TOOLBAR = """() => {
  const toolbar = document.querySelector('.jp-NotebookPanel-toolbar');
  window.__toolbarChanges = 0;
  window.__toolbarWatch = new MutationObserver((changes) => {
    window.__toolbarChanges += changes.length; });
  window.__toolbarWatch.observe(toolbar, {subtree: true, childList: true, attributes: true,
                                          characterData: true});
}"""


def test_a_redrawn_figure_leaves_the_notebook_toolbar_alone(browser, lab_server):
    """Each figure a slider draws turns the kernel busy and idle again. The course puts
    JupyterLab's busy circle in the status bar (``jupyter-config/``), so the toolbar
    does not change with it, and the browser is spared two forced layouts a figure
    (``benchmarks/MEASUREMENTS.md``)."""
    cls = next(c for c in WIDGETS if not lab.needs_arguments(c))
    nb = lab.NotebookPage(browser, lab_server, lab.widget_notebook_name(cls),
                          workspace="toolbar")
    try:
        nb.open()
        state = nb.run_all(timeout=RUN_TIMEOUT)
        assert not state["errors"], state["errors"]
        view_index = next(v["index"] for v in nb.wait_widgets() if v["images"] and v["sliders"])
        view = nb.view(view_index)
        nb.page.evaluate(JS_WATCH_TOOLBAR)
        for _ in range(3):
            move = lab.move_slider(nb, view, view.locator(".widget-slider .noUi-handle").first)
            assert move.ms is not None, f"{cls.__name__}: the figure did not change"
        changes = nb.page.evaluate("() => { window.__toolbarWatch.disconnect();"
                                   " return window.__toolbarChanges; }")
        assert changes == 0, f"the notebook toolbar changed {changes} times in three redraws"
        # The circle is still there for students, in the status bar.
        assert nb.page.locator(".jp-StatusBar-Widget .jp-Notebook-ExecutionIndicator").count() == 1
    finally:
        nb.close()


def test_the_server_gives_jupyterlab_the_course_settings(lab_server):
    # What JupyterLab itself serves from the environment's jupyter-config/ files.
    assert lab_server.lab_settings() == {"favicon_busy_off": True,
                                         "busy_circle_in_status_bar": True}


def test_there_are_notebooks_to_test():
    assert NOTEBOOKS, "no student notebooks in notebooks/"
