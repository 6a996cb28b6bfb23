"""Every widget of the course, swept through its controls' extremes.

Explorers are discovered, so a new notebook's widget is covered as soon as its
module exists in ``course/widgets/``.
"""

import io

import numpy as np
import pytest
from PIL import Image

from course.widgets import explorers
from course.widgets.live import all_finite


CLASSES = explorers()


def plotted_pixels(png: bytes) -> int:
    """Pixels that are clearly coloured or dark: lines and markers, not paper or grid."""
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    spread = rgb.max(axis=2) - rgb.min(axis=2)
    return int(np.sum((spread > 60) | (rgb.max(axis=2) < 90)))


def test_there_are_widgets_to_test():
    assert CLASSES, "no Explorer subclasses found in course/widgets"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_extreme_gives_finite_numbers_and_a_picture(cls):
    explorer = cls()
    explorer.layout()
    for setting in explorer.extremes():
        result = explorer.update(**setting)
        assert all_finite(result), (setting, result)
        assert explorer.readout.value, setting
        assert plotted_pixels(explorer.live.image.value) > 200, setting


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_moving_each_slider_changes_the_figure(cls):
    explorer = cls()
    explorer.layout()
    for name, control in explorer.controls.items():
        if hasattr(control, "min"):
            low, high = control.min, control.max
        elif type(control).__name__ == "SelectionSlider":
            values = [o[1] if isinstance(o, tuple) else o for o in control.options]
            low, high = values[0], values[-1]
        else:
            continue
        control.value = low
        before = explorer.live.image.value
        control.value = high
        assert explorer.live.image.value != before, f"{cls.__name__}.{name} redrew nothing"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_slider_is_labelled_and_keyboard_reachable(cls):
    explorer = cls()
    for name, control in explorer.controls.items():
        assert control.description, f"{name} has no visible label"
        assert not control.disabled


# A slider's label keeps its whole width. JupyterLab in a window 800 px wide with the file
# browser open (Binder's start) leaves a widget about 360 px, where the slider wraps its
# track under the label (course.widgets.live.slider; checked in the browser by
# tests/browser/test_browser_notebooks.py). At 32 characters (at most 6.8 px each in
# JupyterLab's font, measured) a label takes about 220 px: it fits on that line whole, and
# in a normal window label, track and readout share one line.
MAX_LABEL_CHARS = 32


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_slider_labels_leave_room_to_drag_in_a_narrow_window(cls):
    long = {name: control.description for name, control in cls().controls.items()
            if hasattr(control, "min") and len(control.description) > MAX_LABEL_CHARS}
    assert not long, (f"labels over {MAX_LABEL_CHARS} characters squeeze the track in a "
                      f"narrow window (say more in the notebook's parameter table): {long}")


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_figure_image_has_no_tooltip(cls):
    # An Image widget with a tooltip fails to render in JupyterLab (ipywidgets 8.1.9:
    # ImageView.updateTooltip reads a description that Image does not have).
    assert cls().live.image.tooltip is None


def test_every_dashboard_marker_lies_on_its_rows_track():
    # Each row of the capstone's dashboard runs from the lowest to the highest value the
    # sliders can reach (track 0 to 1 on the x axis): at every slider extreme and at
    # random packages, the package's marker must be on its track.
    from course.models import scenario
    from course.widgets.scenario import ScenarioExplorer

    explorer = ScenarioExplorer()
    explorer.layout()
    rng = np.random.default_rng(2026)
    packages = explorer.extremes() + [
        {s.name: float(rng.uniform(s.low, s.high)) for s in scenario.SETTINGS} for _ in range(40)]
    for package in packages:
        explorer.update(**package)
        xs = np.asarray(explorer.number_rows.markers[1].get_xdata(), dtype=float)
        assert len(xs) == len(scenario.quantities())
        assert np.all((xs >= -1e-9) & (xs <= 1 + 1e-9)), (package, xs)


def test_dashboard_texts_pasted_back_match_a_fresh_drawing():
    # The dashboard's value texts paste their last pixels back when unchanged
    # (course.widgets.live.BlitText): after many moves, its picture must be the one a
    # fresh dashboard draws at the same settings.
    from course.widgets.scenario import ScenarioExplorer

    moved = ScenarioExplorer()
    moved.layout()
    rng = np.random.default_rng(7)
    for name, control in list(moved.controls.items()) * 2:
        control.value = float(rng.uniform(control.min, control.max))
    fresh = ScenarioExplorer()
    for name, value in moved.values().items():   # before its first drawing
        fresh.controls[name].value = value
    fresh.layout()
    assert moved.live.image.value == fresh.live.image.value


def test_dashboard_texts_follow_a_rebuild():
    # After the rows' axes move (new limits, then LiveFigure.rebuild, as the docstring of
    # rebuild says), no value text may be pasted back at its old place: the picture must
    # be the one a fresh dashboard draws with the same limits. (With the key on the data
    # position alone, every value sat one row off its heading: 6,422 pixels differed.)
    from course.widgets.scenario import ScenarioExplorer

    def shifted(explorer):
        low, high = explorer.number_rows.ax.get_ylim()
        explorer.number_rows.ax.set_ylim(low + 1, high + 1)
        explorer.live.rebuild()

    moved = ScenarioExplorer()
    moved.layout()
    moved.update(military_share=0.12)
    shifted(moved)
    moved.update(military_share=0.12)
    fresh = ScenarioExplorer()
    shifted(fresh)
    fresh.update(military_share=0.12)
    assert moved.live.image.value == fresh.live.image.value
