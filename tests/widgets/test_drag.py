"""A dragged slider ends with figure and readout in step.

While a slider is dragged the browser sends positions one after another.
This test plays the browser's part with ``set_state`` (the way ipywidgets
applies a value that came from the browser) and checks that once the
positions stop, the figure, the readout and the controls all show the last
one, exactly as a fresh explorer set to that value from Python shows it (so
no update is lost or left half done, e.g. by drawing moves out of order).
"""

import pytest

from course.widgets import explorers

CLASSES = explorers()


def positions(control, n: int = 12) -> list:
    """``n`` values across a slider's range, as a drag passes them (last: the maximum)."""
    if hasattr(control, "options"):  # a selection slider: its state is the index
        return list(range(len(control.options)))[-n:]
    return [control.min + (control.max - control.min) * i / (n - 1) for i in range(n)]


def state_key(control) -> str:
    return "index" if hasattr(control, "options") else "value"


def sliders(explorer):
    return [(name, c) for name, c in explorer.controls.items()
            if hasattr(c, "min") or type(c).__name__ == "SelectionSlider"]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_after_a_drag_figure_and_readout_show_the_last_position(cls):
    explorer = cls()
    explorer.layout()
    name, control = sliders(explorer)[0]
    for value in positions(control):
        control.set_state({state_key(control): value})  # as the browser sends it
    dragged = (explorer.live.image.value, explorer.readout.value, explorer.values())

    # The same setting drawn from Python in a fresh explorer.
    reference = cls()
    reference.layout()
    reference.controls[name].value = control.value
    assert dragged[2] == reference.values()
    assert dragged[1] == reference.readout.value
    assert dragged[0] == reference.live.image.value

