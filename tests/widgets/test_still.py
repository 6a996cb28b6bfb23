"""Each explorer's still picture: what a page without a kernel (the course
website, a notebook preview) shows in place of the live widget."""

import base64
import html.parser

import pytest

from course.widgets import explorers
from course.widgets.live import LIVE_NOTE, still_html

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class _Images(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


@pytest.mark.parametrize("cls", explorers(), ids=lambda c: c.__name__)
def test_bundle_keeps_the_widget_and_adds_a_still_with_alt_text(cls):
    explorer = cls()
    bundle = explorer.mimebundle()
    # JupyterLab renders the widget view, which must stay in the bundle.
    assert bundle[WIDGET_MIME]["model_id"] == explorer.layout().model_id
    parser = _Images()
    parser.feed(bundle["text/html"])
    [image] = parser.images
    assert image["alt"] == explorer.live.alt_text and len(image["alt"]) > 40
    # The still is the figure the widget shows at its starting settings.
    assert base64.b64decode(image["src"].split(",", 1)[1]) == explorer.live.image.value
    assert "launch button" in bundle["text/html"]


def test_a_still_without_text_alternative_is_refused():
    with pytest.raises(ValueError, match="text alternative"):
        still_html(b"\x89PNG", "  ")


def test_alt_text_is_escaped():
    text = still_html(b"\x89PNG", 'share "m" < 0.3 & rising')
    assert 'alt="share &quot;m&quot; &lt; 0.3 &amp; rising"' in text
    assert LIVE_NOTE in text
