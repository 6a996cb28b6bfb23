"""What the site's page list takes from the repository, and when it executes again
(fast: no Sphinx, no notebook run)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pages  # website/, put on sys.path by this folder's conftest

REPO = Path(__file__).resolve().parents[2]


def test_front_page_is_the_readme_overview_without_developer_sections():
    text = pages.readme_overview((REPO / "README.md").read_text(encoding="utf-8"))
    assert text.startswith("# ") and "## The notebooks" in text
    assert "mybinder.org/badge" not in text          # placeholder address; pages have buttons
    for heading in ("## Three commands", "## How it is built", "## Grading", "## The data"):
        assert heading not in text


def test_syllabus_keeps_the_weeks_and_drops_instructor_sections():
    text = pages.student_syllabus(
        (REPO / "instructor" / "guide" / "syllabus.md").read_text(encoding="utf-8"))
    assert "## Weeks" in text and "| 1 | 00 |" in text
    for instructor_only in ("## Pacing", "## Suggested assessment", "## Calendar",
                            "**Status.**", "course-brief", "Check each reading"):
        assert instructor_only not in text


def test_text_alternative_below_a_chart_becomes_its_alt():
    notebook = {"cells": [
        {"cell_type": "code", "metadata": {}, "source": ["figures.growth.chart()"]},
        {"cell_type": "markdown", "metadata": {}, "source": [
            "*Figure 2 (text alternative): defence share, 1959–2024, see [glossary](glossary.md).*"
            "\n\nNext paragraph."]},
        {"cell_type": "code", "metadata": {}, "source": ["x = 1"]},
        {"cell_type": "markdown", "metadata": {}, "source": ["Plain prose."]},
    ]}
    out = pages.with_alt_text(notebook)
    assert out["cells"][0]["metadata"]["mystnb"]["image"]["alt"] == \
        "defence share, 1959–2024, see glossary."
    assert "mystnb" not in out["cells"][2]["metadata"]
    assert "mystnb" not in notebook["cells"][0]["metadata"]  # the input is left alone


def test_every_chart_of_the_student_notebooks_gets_an_alt():
    for path in pages.student_notebooks():
        cells = pages.with_alt_text(json.loads(path.read_text(encoding="utf-8")))["cells"]
        marked = [c for c in cells if pages.ALT_MARK.match("".join(c["source"]))]
        with_alt = [c for c in cells if c["metadata"].get("mystnb", {}).get("image", {}).get("alt")]
        assert marked and len(with_alt) == len(marked), path.name


def test_repository_url_comes_from_citation_or_a_marked_placeholder(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text("cff-version: 1.2.0\ntitle: x\n")
    assert pages.repository_url(cff) == (pages.PLACEHOLDER_REPOSITORY, True)
    cff.write_text("cff-version: 1.2.0\nrepository-code: https://github.com/a/b.git/\n")
    assert pages.repository_url(cff) == ("https://github.com/a/b", False)


def test_execution_cache_changes_with_the_course_code(site_builder, tmp_path, monkeypatch):
    (tmp_path / "course" / "__pycache__").mkdir(parents=True)
    (tmp_path / "requirements.txt").write_text("numpy==2.4.6\n")
    module = tmp_path / "course" / "figures.py"
    module.write_text("A = 1\n")
    monkeypatch.setattr(pages, "REPO", tmp_path)
    out = tmp_path / "build"
    first = site_builder.execution_cache(out)
    first.mkdir(parents=True)
    (tmp_path / "course" / "__pycache__" / "figures.pyc").write_bytes(b"\0")
    assert site_builder.execution_cache(out) == first   # bytecode is not the code
    module.write_text("A = 2\n")
    second = site_builder.execution_cache(out)
    assert second != first and not first.exists()     # the stale cache is removed


def test_links_point_at_the_site_or_at_the_repository():
    published = {"README.md": "index.md", "instructor/guide/syllabus.md": "syllabus.md",
                 "instructor/guide/peer-review-form.md": "peer-review-form.md",
                 "notebooks/00-a.ipynb": "notebooks/00-a.ipynb"}
    repo = "https://github.com/acme/nk"
    # From the syllabus (instructor/guide/ in the repository, the site's root on the site):
    text = ("[form](peer-review-form.md) [nb](../../notebooks/00-a.ipynb#top) "
            "[workflow](grading-workflow.md) [web](https://example.org/x.md) [here](#weeks)")
    assert pages.site_links(text, "instructor/guide/syllabus.md", "syllabus.md", published,
                            repo) == (
        "[form](peer-review-form.md) [nb](notebooks/00-a.ipynb#top) "
        f"[workflow]({repo}/blob/HEAD/instructor/guide/grading-workflow.md) "
        "[web](https://example.org/x.md) [here](#weeks)")
    # From the README (the site's front page) to the deploy kit, which the site leaves out:
    assert pages.site_links("see [deploy/README.md](deploy/README.md)", "README.md", "index.md",
                            published, repo) == f"see [deploy/README.md]({repo}/blob/HEAD/deploy/README.md)"
    # From a page one folder down back to the front page:
    assert pages.site_links("[home](../README.md)", "notebooks/README.md", "notebooks/README.md",
                            published, repo) == "[home](../index.md)"


def test_every_staged_page_links_only_to_pages_on_the_site_or_to_the_web(tmp_path):
    pages.stage(tmp_path)
    for page in tmp_path.rglob("*.md"):
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:|#", target):
                continue
            assert (page.parent / target.partition("#")[0]).exists(), (page, target)
