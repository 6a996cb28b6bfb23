"""Fast redraws for widget figures: blitting into an image widget.

The stock route (``interactive_output`` with the inline backend) builds and
encodes a whole new figure on every slider move: 85–133 ms here. Most of that
is drawing axes, ticks and text that do not change. A :class:`LiveFigure`
draws the static parts once, caches them, and on each update restores that
background, draws only the artists that move and sends the PNG to an
``ipywidgets.Image``: about 5 ms for a two-panel figure on this machine.

The price: axis limits are fixed when the figure is built, so widgets choose
limits that cover every slider position (which also keeps the picture from
jumping as students move a slider). Anything else that changes, such as a
readout, belongs in an HTML widget beside the figure.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as ipw
import numpy as np
import png
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image


class LiveFigure:
    """A matplotlib figure whose moving artists are redrawn by blitting.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with an Agg canvas (see ``course.plots.figure(interactive=True)``).
    moving : sequence of Artist
        The artists whose data change on updates. They are marked animated,
        so the cached background leaves them out.
    alt_text : str
        A sentence saying what the figure shows. Kept on the object for the
        notebook's text alternative; deliberately not set as the Image
        widget's tooltip, which crashes its view in JupyterLab (ipywidgets
        8.1.9: ``ImageView.updateTooltip`` reads a missing description).
    """

    def __init__(self, fig: Figure, moving: Sequence[Artist], alt_text: str = "") -> None:
        self.fig = fig
        self.set_moving(moving)
        self.image = ipw.Image(format="png", layout=ipw.Layout(max_width="100%", height="auto"))
        self.alt_text = alt_text
        self._background = None
        self.rebuild()

    def set_moving(self, moving: Sequence[Artist]) -> None:
        """Declare which artists move (after the static parts were redrawn)."""
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)

    def rebuild(self) -> None:
        """Mark the static parts as changed (at start and after limits change).

        The background is drawn again, once, by the next :meth:`refresh`, which
        every update makes: an explorer that rebuilds more than once before it
        is first shown (a menu setting its axes, say) draws its figure once, and
        a rebuild does not encode a PNG of its own.
        """
        self._background = None
        for text in self.fig.findobj(BlitText):
            text.forget()

    def refresh(self) -> None:
        """Redraw the moving artists on the cached background and update the image."""
        canvas = self.fig.canvas
        if self._background is None:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self.moving:
            artist.axes.draw_artist(artist)
        self.image.value = self.png()

    def png(self) -> bytes:
        """The current canvas as an RGB PNG.

        Encoding is the largest cost of an update, so: no alpha channel (the
        figures are opaque), fast compression, and no PNG row filters. Pillow
        tries every row filter on every row, which takes longer than the
        compression itself; these flat-coloured charts compress as well without
        (same size within 1 %), and pypng writes them about four times faster.
        Pillow drops the alpha channel, though: its conversion is about 2.5
        times faster than NumPy's copy of every pixel's first three bytes (0.65
        against 1.65 ms for the dashboard's 835 x 440 pixels).
        """
        canvas = self.fig.canvas
        width, height = canvas.get_width_height(physical=True)
        rgba = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        rows = np.frombuffer(rgba.convert("RGB").tobytes(), dtype=np.uint8).reshape(height, width * 3)
        buffer = io.BytesIO()
        png.Writer(width, height, greyscale=False, bitdepth=8, compression=1).write(buffer, rows)
        return buffer.getvalue()


class BlitText(Text):
    """A text for a :class:`LiveFigure`'s moving artists that renders only when it changes.

    Drawing a string costs about a millisecond with Matplotlib's Agg backend
    (FreeType lays the string out and renders every glyph; 1.3 ms under
    Matplotlib 3.11), which for a column of thirteen numbers was most of a
    dashboard update. A slider moves one setting, which changes a few of the
    numbers: this text keeps the pixels it drew last time and, drawn again with
    the same string at the same place on the same canvas, pastes them back (a
    copy of a few kilobytes) instead of rendering. So nothing else may be drawn
    inside its box, and what lies under it must not change between rebuilds
    (the pasted pixels carry it; :meth:`LiveFigure.rebuild` makes every such
    text render again); a renderer that cannot copy pixels (PDF, SVG) draws it
    as any text.

    Takes the arguments of :class:`matplotlib.text.Text`; add it with
    ``ax.add_artist``, passing ``clip_on=False`` for a text outside the axes
    (``add_artist`` clips to them).
    """

    _saved: tuple | None = None

    def draw(self, renderer) -> None:
        if not self.get_visible() or not hasattr(renderer, "copy_from_bbox"):
            super().draw(renderer)
            return
        # Where the text lands on the canvas, and everything that shapes its pixels: a
        # change of axes limits or position (then LiveFigure.rebuild) draws it afresh.
        anchor = tuple(self.get_transform().transform(self.get_unitless_position()))
        key = (self.get_text(), anchor, self.get_color(), self.get_alpha(),
               hash(self.get_fontproperties()), self.get_horizontalalignment(),
               self.get_verticalalignment(), self.get_rotation(), renderer.width,
               renderer.height)
        if self._saved is not None and self._saved[0] == key:
            renderer.restore_region(self._saved[1])
            return
        super().draw(renderer)
        # Two pixels around the box: antialiased glyph edges reach just past it.
        box = self.get_window_extent(renderer).padded(2)
        self._saved = (key, renderer.copy_from_bbox(box))

    def forget(self) -> None:
        """Drop the saved pixels: the next draw renders the string."""
        self._saved = None


class Explorer:
    """Controls, a live figure and a one-line reading, wired together.

    Subclasses build ``self.controls`` (name -> ipywidgets value widget) and a
    :class:`LiveFigure` in ``self.live``, and implement :meth:`compute` (model
    only: returns the key numbers) and :meth:`draw` (puts the numbers on the
    figure). :meth:`update` runs both and is what a slider move triggers; tests
    and benchmarks call it directly.
    """

    controls: dict[str, ipw.ValueWidget]
    live: LiveFigure
    # Control names, row by row, above the figure; None: two to a row in order.
    rows: Sequence[Sequence[str]] | None = None

    def __init__(self) -> None:
        self.readout = ipw.HTML(layout=ipw.Layout(min_height="2.5em"))
        self._box: ipw.Widget | None = None

    # --- to implement -------------------------------------------------------
    def compute(self, **values) -> dict:
        raise NotImplementedError

    def draw(self, result: dict) -> None:
        raise NotImplementedError

    def describe(self, result: dict) -> str:
        """One line (HTML allowed) reading the current result."""
        return ""

    # --- shared machinery ---------------------------------------------------
    def values(self) -> dict:
        """Current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, **overrides) -> dict:
        """Recompute with the controls' values (plus ``overrides``) and redraw.

        Returns the model result so callers can check it.
        """
        values = {**self.values(), **overrides}
        result = self.compute(**values)
        self.draw(result)
        self.live.refresh()
        self.readout.value = self.describe(result)
        self.result = result
        return result

    def _on_change(self, change) -> None:
        self.update()

    def layout(self, rows: Sequence[Sequence[str]] | None = None) -> ipw.Widget:
        """Controls above the figure (``rows``, else the class's ``rows``, else two to a
        row), the reading below, built once."""
        if self._box is None:
            names = list(self.controls)
            rows = rows or self.rows or [names[i:i + 2] for i in range(0, len(names), 2)]
            # Rows wrap, so two sliders with long labels never run past the page.
            control_rows = [ipw.HBox([self.controls[n] for n in row],
                                     layout=ipw.Layout(flex_flow="row wrap"))
                            for row in rows]
            self._box = ipw.VBox([*control_rows, self.live.image, self.readout])
            for control in self.controls.values():
                control.observe(self._on_change, names="value")
            self.update()
        return self._box

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.mimebundle(), raw=True)

    def mimebundle(self) -> dict:
        """The widget, plus a still picture for pages that cannot run it.

        JupyterLab renders the widget view (its MIME type ranks first) and
        ignores the ``text/html`` entry. A page made from the executed notebook
        has no kernel (the course website, GitHub's or nbviewer's preview), so
        it shows that entry instead: the figure as first drawn, with the text
        alternative as its ``alt``, the reading below it, and a note that the
        sliders work once the notebook runs.

        Returns
        -------
        dict
            MIME type -> data: ipywidgets' ``text/plain`` and widget view, and
            the ``text/html`` still (the PNG inlined as a data URL, about
            40-90 kB).
        """
        box = self.layout()
        bundle = box._repr_mimebundle_()
        bundle["text/html"] = still_html(self.live.image.value, self.live.alt_text,
                                         self.readout.value)
        return bundle

    def extremes(self) -> list[dict]:
        """Settings that put each slider at its minimum, default and maximum in turn.

        Non-slider controls (dropdowns) contribute each of their options.
        """
        defaults = self.values()
        settings = [dict(defaults)]
        for name, control in self.controls.items():
            if hasattr(control, "min") and hasattr(control, "max"):
                candidates = [control.min, control.max]
            elif hasattr(control, "options"):
                candidates = [_option_value(o) for o in control.options]
            else:
                continue
            settings += [{**defaults, name: value} for value in candidates]
        return settings


LIVE_NOTE = ("A still of the explorer at its starting settings. Its sliders work once the "
             "notebook runs in JupyterLab: use the launch button at the top of the page "
             "(Binder or JupyterHub) or open it on your computer.")


def still_html(png_bytes: bytes, alt_text: str, reading: str = "") -> str:
    """A figure element showing an explorer's PNG, its alt text and the live note.

    Parameters
    ----------
    png_bytes : bytes
        The PNG the widget shows.
    alt_text : str
        The figure's text alternative (plain text; escaped here).
    reading : str
        The explorer's one-line reading (its own HTML), shown under the picture.

    Raises
    ------
    ValueError
        If ``alt_text`` is empty: a picture without a text alternative fails
        WCAG 2.1 success criterion 1.1.1.
    """
    if not alt_text.strip():
        raise ValueError("an explorer needs a text alternative (LiveFigure alt_text) "
                         "for its still picture")
    data = base64.b64encode(png_bytes).decode("ascii")
    reading_html = f'<div class="course-explorer-reading">{reading}</div>' if reading else ""
    return (f'<figure class="course-explorer-still">'
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt_text)}" '
            f'style="max-width:100%;height:auto">{reading_html}'
            f'<figcaption>{html.escape(LIVE_NOTE)}</figcaption></figure>')


def _option_value(option):
    return option[1] if isinstance(option, tuple) else option


def slider(description: str, value: float, low: float, high: float, step: float,
           fmt: str = ".2f", **kwargs) -> ipw.FloatSlider:
    """A float slider in the course layout (whole label, live updates while dragging).

    At least 420 px wide, and wider when its label is long: the label keeps its
    whole width and the track takes what is left, so a fixed width let a long
    label squeeze the track to nothing (a slider that could be moved from the
    keyboard but not dragged). The label's width is estimated at 7 px a
    character of JupyterLab's 13 px interface font (6.1 measured). In a
    narrower window (JupyterLab with its file browser open in an 800-px window
    leaves about 360 px) the slider wraps: the track and its readout move
    under the label instead of shrinking.
    """
    width = max(420, 7 * len(description) + TRACK_AND_READOUT_PX)
    return ipw.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=fmt, continuous_update=True,
        style={"description_width": "initial"},
        layout=ipw.Layout(width=f"{width}px", flex_flow="row wrap", height="auto"), **kwargs,
    )


# ipywidgets' slider track starts at 148 px, the readout takes 72 px, plus margins.
TRACK_AND_READOUT_PX = 250


def all_finite(result: Mapping) -> bool:
    """True when every number (or array) in a result is finite."""
    for value in result.values():
        if isinstance(value, (int, float, np.ndarray, np.generic)):
            if not np.all(np.isfinite(np.asarray(value, dtype=float))):
                return False
    return True


__all__ = ["LiveFigure", "BlitText", "Explorer", "slider", "all_finite", "still_html"]
