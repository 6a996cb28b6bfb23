"""How notebooks show course figures (course/png.py) and widget frames (live.py)."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest
from PIL import Image

from course import figures, plots, png


def _pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.int16)


def _tight_savefig(fig) -> np.ndarray:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return _pixels(buffer.getvalue())


def _figure(legend_outside: bool):
    fig, ax = plots.figure()
    for i in range(3):
        ax.plot([2000, 2010, 2020], [i, i + 1, i + 0.5], label=f"series {i}", **plots.style(i))
    ax.set_title("A course figure")
    if legend_outside:  # as draw_sources does: past the figure's right edge
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    plots.add_source(fig, "Source: made up for the test.")
    return fig


@pytest.mark.parametrize("legend_outside", [False, True])
def test_figure_png_is_the_tight_savefig_picture(legend_outside):
    fig = _figure(legend_outside)
    ours, backend = _pixels(png.figure_png(fig)), _tight_savefig(fig)
    # Same size as savefig(bbox_inches="tight"), legend past the edge included.
    assert ours.shape == backend.shape
    # The crop is at whole pixels: the drawing may sit up to half a pixel off, so
    # edges differ but the picture does not (mean difference a few levels of 255).
    assert np.abs(ours - backend).mean() < 6
    # The outside legend is in the picture: plot colours at its place.
    if legend_outside:
        right = ours[:, -80:]
        assert ((right.max(axis=2) - right.min(axis=2)) > 60).any()


def test_figure_drawn_left_of_the_canvas_falls_back_to_the_backend():
    fig = _figure(legend_outside=False)
    fig.text(-0.2, 0.5, "left of the figure")
    ours = _pixels(png.figure_png(fig))
    assert ours.shape == _tight_savefig(fig).shape  # the backend's own picture


def test_course_figures_keep_matplotlibs_text_form():
    fig, _ = plots.figure()
    assert isinstance(fig, png.Figure)
    assert repr(fig).startswith("<Figure size 720x364.8 with 1 Axes>")


def test_register_outside_ipython_is_harmless():
    assert png.register() in (False, True)
    assert matplotlib.figure.Figure in png.Figure.__mro__


def test_widget_frame_is_the_canvas_exactly():
    from course.widgets.sanctions import SanctionsExplorer

    explorer = SanctionsExplorer()
    explorer.layout()  # first update: draws the background, sends a frame
    frame = _pixels(explorer.live.png())
    canvas = np.asarray(explorer.live.fig.canvas.buffer_rgba())[..., :3]
    assert frame.shape == canvas.shape
    assert (frame == canvas).all()


@pytest.mark.parametrize("function", figures.catalogue(),
                         ids=lambda f: f"{f.__module__.split('.')[-1]}.{f.__name__}")
def test_course_figures_take_the_one_draw_route(function, monkeypatch):
    # Anything drawn left of or below the canvas (a legend anchored too far left, say)
    # sends a figure to the backend's two draws: notebook 10's dot plot once took twice
    # as long that way, unseen.
    monkeypatch.setattr(png, "_backend_png", lambda fig: pytest.fail("drawn past the canvas"))
    png.figure_png(function())
