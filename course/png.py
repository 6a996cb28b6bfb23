"""How a notebook shows a course figure: one Agg draw, cropped, encoded once.

A notebook shows a matplotlib figure through the inline backend, which saves
it with ``bbox_inches="tight"``: a layout pass to find the box around
everything drawn, a second, full draw of the figure moved into that box, and
a PNG with an alpha channel at zlib level 6. In a course figure most of that
time goes to text (each string is laid out with FreeType and rasterised), and
the two passes measure every string twice.

:func:`figure_png` draws the figure once, at its full size; reads the same
tight box from that draw (the text sizes are cached by then); crops the
pixels to the box with the same padding and the same output size; and
encodes them as RGB at zlib level 3. The figures are opaque, so dropping the
alpha channel loses nothing; level 3 makes smaller files than the backend's
and encodes faster. The picture is the inline backend's, except that the crop
is at whole pixels, so the drawing can sit up to half a pixel from where the
backend would put it. Together this is about a third less work per figure
(see ``benchmarks/RESULTS.md``). When something is drawn outside the figure
(the tight box then reaches past the canvas) or the figure is transparent,
it falls back to the inline backend's way.

Figures made by :func:`course.plots.figure` are :class:`Figure` instances,
which register :func:`figure_png` as their PNG formatter in IPython.
"""

from __future__ import annotations

import io

import matplotlib as mpl
import matplotlib.figure
import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

# zlib level 3: smaller than the backend's level-6 RGBA file and half the time.
COMPRESS_LEVEL = 3


class Figure(matplotlib.figure.Figure):
    """A matplotlib figure that a notebook shows through :func:`figure_png`.

    Everything else (drawing, ``savefig``, its text form
    ``<Figure size 720x384 with 1 Axes>``) is matplotlib's ``Figure``; the
    class keeps that name so stored notebook outputs do not change.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        register()


def register() -> bool:
    """Make IPython show :class:`Figure` instances with :func:`figure_png`.

    Idempotent; does nothing outside IPython. The inline backend registers its
    own printer for ``matplotlib.figure.Figure`` (and replaces it whenever it
    is configured again); a printer for the subclass comes first and survives.

    Returns
    -------
    bool
        Whether a printer is registered (False outside IPython).
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["image/png"]
    if formatter.type_printers.get(Figure) is not figure_png:
        formatter.for_type(Figure, figure_png)
    return True


def figure_png(fig: matplotlib.figure.Figure) -> bytes:
    """The figure as the inline backend shows it, as PNG bytes (RGB).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        An opaque figure (the course style's white background).

    Returns
    -------
    bytes
        A PNG of the figure cropped to everything drawn, padded by
        ``savefig.pad_inches`` (0.1 inch), at ``savefig.dpi``: the size
        ``savefig(bbox_inches="tight")`` gives.
    """
    dpi = mpl.rcParams["savefig.dpi"]
    facecolor = mpl.colors.to_rgba(fig.get_facecolor())
    if (dpi != "figure" and dpi != fig.dpi) or facecolor[3] < 1:
        return _backend_png(fig)
    width, height = (int(v) for v in fig.bbox.size)
    # A canvas with room to the right and above, where course figures put
    # legends and titles that reach past the figure's edge (savefig's tight box
    # includes them), painted in the figure's colour as savefig's is. The
    # figure draws in its bottom-left corner.
    room_w, room_h = width + width // 2, height + height // 2
    renderer = RendererAgg(room_w, room_h, fig.dpi)
    paint = renderer.new_gc()
    paint.set_linewidth(0)
    renderer.draw_path(paint, Path.unit_rectangle(), Affine2D().scale(room_w, room_h),
                       facecolor)
    paint.restore()
    fig.draw(renderer)
    box = fig.get_tightbbox(renderer)  # inches; the text sizes are cached by the draw
    x0, y0, x1, y1 = np.asarray(box.extents) * fig.dpi
    if x0 < 0 or y0 < 0 or x1 > room_w or y1 > room_h:
        return _backend_png(fig)  # drawn left of or below the figure, or far outside
    padded = box.padded(mpl.rcParams["savefig.pad_inches"])
    # Output size as savefig's canvas (whole pixels, truncated); its bottom-left
    # corner is the padded box's, rounded to a whole pixel of the drawing.
    out_w, out_h = (int(v) for v in np.asarray(padded.size) * fig.dpi)
    left = round(padded.x0 * fig.dpi)
    top = round(room_h - padded.y0 * fig.dpi - out_h)
    out = np.empty((out_h, out_w, 3), dtype=np.uint8)
    out[...] = np.round(np.asarray(facecolor[:3]) * 255).astype(np.uint8)
    src_x0, src_y0 = max(left, 0), max(top, 0)
    src_x1, src_y1 = min(left + out_w, room_w), min(top + out_h, room_h)
    out[src_y0 - top:src_y1 - top, src_x0 - left:src_x1 - left] = \
        np.asarray(renderer.buffer_rgba())[src_y0:src_y1, src_x0:src_x1, :3]
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(out).save(buffer, format="png", compress_level=COMPRESS_LEVEL)
    return buffer.getvalue()


def _backend_png(fig) -> bytes:
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "png", bbox_inches="tight", base64=False)


__all__ = ["Figure", "figure_png", "register"]
