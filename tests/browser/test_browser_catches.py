"""The browser checks themselves: each known way a widget breaks must fail them.

Small throwaway notebooks (written into the server's temporary root, never the
repository), each broken in one way a student would see, go through the same
``check_notebook`` as the course notebooks; a healthy one must pass.
"""

from __future__ import annotations

import nbformat
import pytest

import lab_harness as lab
from notebook_checks import check_notebook

pytestmark = pytest.mark.browser

SETUP = """\
import io
import ipywidgets as ipw
import numpy as np
from PIL import Image as PILImage

def png(color):
    pixels = np.full((100, 200, 3), 255, np.uint8)
    if color:
        pixels[30:70, 20:180] = color
    buffer = io.BytesIO()
    PILImage.fromarray(pixels).save(buffer, format="png")
    return buffer.getvalue()

BLUE, ORANGE = (0, 114, 178), (230, 159, 0)
slider = ipw.IntSlider(value=0, min=0, max=10)
image = ipw.Image(value=png(BLUE))
"""

CASES = {
    "healthy": (None, """\
slider.observe(lambda c: setattr(image, "value", png(ORANGE if c["new"] % 2 else BLUE)), "value")
ipw.VBox([slider, image])"""),
    "cell-error": ("cells show errors", "1 / 0"),
    "dead-slider": ("figure never changed", "ipw.VBox([slider, image])"),
    "goes-blank": ("went blank", """\
slider.observe(lambda c: setattr(image, "value", png(None)), "value")
ipw.VBox([slider, image])"""),
    "callback-raises": ("kernel reported errors", """\
def on_change(change):
    image.value = png(ORANGE)
    raise ValueError("boom in a widget callback")
slider.observe(on_change, "value")
ipw.VBox([slider, image])"""),
    "model-not-found": ("Error displaying widget", """\
from IPython.display import display
display({"application/vnd.jupyter.widget-view+json":
         {"model_id": "0" * 32, "version_major": 2, "version_minor": 0}}, raw=True)"""),
    # ipywidgets 8.1.9: an Image with a tooltip cannot build its view in JupyterLab.
    "view-fails": ("failed to render", """\
broken = ipw.Image(value=png(BLUE), tooltip="a text alternative")
ipw.VBox([slider, broken])"""),
}


@pytest.fixture(scope="module")
def case_notebooks(lab_server):
    for name, (_, code) in CASES.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                     "language": "python", "name": "python3"}
        nb.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell(code),
                    nbformat.v4.new_code_cell("print('end')")]
        nbformat.write(nb, lab_server.root / f"_case-{name}.ipynb")
    return lab_server


@pytest.mark.parametrize("case", list(CASES))
def test_the_checks_catch(browser, case_notebooks, case):
    expected, _ = CASES[case]
    run = lambda: check_notebook(browser, case_notebooks, f"_case-{case}.ipynb",  # noqa: E731
                                 lab.OUTPUT / "_checks" / case)
    if expected is None:
        report = run()
        assert report["moves"], "the healthy widget's slider was not moved"
    else:
        with pytest.raises(AssertionError, match=expected):
            run()
