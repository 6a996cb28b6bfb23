"""Sphinx configuration of the course website (built by ``python3 run.py site``).

The sources are staged by ``website/pages.py`` into ``build/site/src``; see
``website/build.py`` for the command. Everything here installs from PyPI
(Sphinx, myst-nb, sphinx-book-theme): nothing is downloaded at build time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # noqa: E402

project = "North Korea's push for economic development and human rights"
author = "The course authors"
copyright = "the course authors; text CC BY 4.0, code MIT"
language = "en"  # <html lang="en"> (WCAG 3.1.1)

# githubpages writes .nojekyll, so GitHub Pages serves the _static and _images folders.
extensions = ["myst_nb", "sphinx.ext.githubpages"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
nitpicky = True

# The glossary's and guide's section links (glossary.md#markets-and-the-plan).
myst_heading_anchors = 3
myst_enable_extensions = ["dollarmath", "amsmath"]

# Execute the student notebooks once, cached by their code: an unchanged
# rebuild executes nothing. The cache sits beside the built site, git-ignored;
# website/build.py names it after a digest of course/ and the pins.
nb_execution_mode = "cache"
nb_execution_cache_path = os.environ.get(
    "COURSE_SITE_CACHE", str(pages.REPO / "build" / "site" / "jupyter_cache" / "default"))
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
# An explorer's widget view needs a kernel: the site shows the still picture the
# explorer puts beside it (text/html, see course.widgets.live.Explorer.mimebundle),
# and loads no widget JavaScript from a CDN.
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}

REPOSITORY, REPOSITORY_IS_PLACEHOLDER = pages.repository_url()
HUB = os.environ.get("COURSE_SITE_HUB") or pages.PLACEHOLDER_HUB

html_theme = "sphinx_book_theme"
html_title = "North Korea: economic development and human rights"
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": REPOSITORY,
    "repository_branch": "main",
    "path_to_docs": "",
    "use_repository_button": False,
    "use_download_button": True,
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "jupyterhub_url": HUB,
        "notebook_interface": "jupyterlab",
    },
}
