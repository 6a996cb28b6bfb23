"""A dragged slider: drawn off the kernel's message thread, always ending in step.

While a slider is dragged the browser sends positions one at a time; an
explorer draws them in its drawing thread, skipping positions that a newer one
replaced. These tests play the browser's part with ``set_state`` (the way
ipywidgets applies a value that came from the browser) and check that once
the positions stop, the figure, the readout and the result all show the last
one, exactly as if it had been set from Python.
"""

import threading

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
    assert explorer.wait_drawn(timeout=120), "the drawing thread did not finish"
    dragged = (explorer.live.image.value, explorer.readout.value, explorer.values())

    # The same setting drawn from Python, in this thread, in a fresh explorer.
    reference = cls()
    reference.layout()
    setattr(reference.controls[name], "value", control.value)
    assert dragged[2] == reference.values()
    assert dragged[1] == reference.readout.value
    assert dragged[0] == reference.live.image.value


def test_a_browser_value_is_drawn_off_the_message_thread():
    """The kernel is free for the next position while the figure is drawn."""
    cls = CLASSES[0]
    explorer = cls()
    explorer.layout()
    _, control = sliders(explorer)[0]
    before = explorer.readout.value
    held, release = threading.Event(), threading.Event()

    def hold_the_figure():  # another update in progress, as a drawing thread's would be
        with explorer._drawing:
            held.set()
            release.wait(timeout=20)  # only reached if set_state below waited for drawing

    holder = threading.Thread(target=hold_the_figure)
    holder.start()
    held.wait(timeout=120)
    last = positions(control)[-1]
    control.set_state({state_key(control): last})  # returns without drawing
    not_yet = explorer.readout.value
    release.set()
    holder.join()
    assert explorer.wait_drawn(timeout=120)
    assert not_yet == before, "set_state drew the figure itself"
    assert explorer.readout.value != before


def test_a_value_set_from_python_is_drawn_at_once():
    explorer = CLASSES[0]()
    explorer.layout()
    _, control = sliders(explorer)[0]
    before = explorer.readout.value
    if hasattr(control, "options"):
        ends = [control.options[0], control.options[-1]]
    else:
        ends = [control.min, control.max]
    control.value = ends[0] if control.value != ends[0] else ends[1]  # a new value
    assert explorer.readout.value != before
    assert explorer._drawer is None
