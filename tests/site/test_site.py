"""The course website: built from the student material only, accessible, links intact.

``python3 run.py site`` builds it (``website/``); this module builds it too
(once per run, reusing the execution cache) and checks what a reader gets:

* one page per student notebook, with Binder and JupyterHub launch buttons and
  each explorer's still picture with its note that it is live after launch;
* every ``<img>`` has a non-empty ``alt`` (the notebook's text alternative);
* nothing for instructors: no solution or hidden-test markers, no rubric or
  model-answer text from ``instructor/guide/rubrics.md``;
* every internal link, image and script points to a file of the site (and an
  anchor to an id on the target page);
* axe-core finds no serious or critical violation on any page, nor a heading
  that skips a level;
* the same axe check on notebook 00 running in JupyterLab, reported (not
  failed) in ``test-output/site/axe-jupyterlab.json``: what JupyterLab itself
  causes is outside the course's reach, but its size should be known.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

import lab_harness as lab  # tests/browser, put on sys.path by this folder's conftest

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "site"

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
LEAK_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
                "**Rubric**", "Model answer")
BLOCKING = ("serious", "critical")


def pages(html: Path) -> list[Path]:
    # Sphinx's theme fragments under _static are not pages.
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def rubric_snippets() -> list[str]:
    """The opening words of every rubric level and model answer of the guide."""
    text = (REPO / "instructor" / "guide" / "rubrics.md").read_text(encoding="utf-8")
    lines = re.findall(r"^- \*\*\d\*\*: (.+)$", text, re.M)
    lines += re.findall(r"^\*Model answer\.\* (.+)$", text, re.M)
    snippets = []
    for line in lines:
        words = re.sub(r"[*_`$\\]", "", line).split()[:8]
        snippets.append(" ".join(words))
    return snippets


# ---------------------------------------------------------------- content
def test_one_page_per_student_notebook_with_launch_buttons(site_html):
    assert NOTEBOOKS
    for notebook in NOTEBOOKS:
        page = site_html / "notebooks" / f"{notebook.stem}.html"
        assert page.exists(), f"no page for {notebook.name}"
        links = [a.get("href", "") for a in soup(page).find_all("a")]
        binder = [h for h in links if h.startswith("https://mybinder.org/v2/")]
        hub = [h for h in links if "/hub/user-redirect/git-pull?" in h]
        assert binder and binder[0].endswith(f"notebooks/{notebook.name}"), (notebook.name, binder)
        assert hub and f"notebooks/{notebook.name}" in unquote(hub[0]), (notebook.name, hub)


def test_every_explorer_shows_its_still_with_alt_text_and_the_live_note(site_html):
    for notebook in NOTEBOOKS:
        if "Explorer(" not in notebook.read_text(encoding="utf-8"):
            continue
        stills = soup(site_html / "notebooks" / f"{notebook.stem}.html").select(
            "figure.course-explorer-still")
        assert stills, f"{notebook.name}: the explorer's still picture is missing"
        for still in stills:
            assert still.img and len(still.img.get("alt", "").strip()) > 40
            assert "launch" in still.figcaption.get_text().lower()


def test_every_image_has_alt_text(site_html):
    missing = [f"{page.relative_to(site_html)}: {str(img)[:100]}"
               for page in pages(site_html) for img in soup(page).find_all("img")
               if not img.get("alt", "").strip()]
    assert not missing, missing


def test_chart_alt_text_is_the_notebooks_text_alternative(site_html):
    # Notebook 01's first chart; its text alternative opens with these words
    # (the markdown cell after the chart in notebooks/01-...ipynb).
    page = soup(site_html / "notebooks" / "01-byungjin-guns-butter-growth.html")
    alts = [img["alt"] for img in page.find_all("img") if img.get("src", "").endswith(".png")]
    assert alts and alts[0].startswith("defence as a percentage of state budget expenditure")


def test_no_solutions_hidden_tests_or_rubrics_on_the_site(site_html):
    snippets = rubric_snippets()
    assert len(snippets) >= 8 * 5, "the rubric guide changed shape; update rubric_snippets()"
    leaks = []
    for path in sorted(site_html.rglob("*")):
        if path.suffix not in (".html", ".ipynb", ".txt", ".md", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        plain = " ".join(BeautifulSoup(text, "html.parser").get_text(" ").split()) \
            if path.suffix == ".html" else " ".join(text.split())
        leaks += [f"{path.relative_to(site_html)}: {m}" for m in LEAK_MARKERS if m in text]
        leaks += [f"{path.relative_to(site_html)}: rubric text {s!r}" for s in snippets
                  if s in plain]
    assert not leaks, leaks


def test_internal_links_resolve(site_html):
    broken = []
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {tag["id"] for tag in soup(path).find_all(id=True)}
        return ids[path]

    for page in pages(site_html):
        for tag, attribute in (("a", "href"), ("link", "href"), ("img", "src"),
                               ("script", "src")):
            for element in soup(page).find_all(tag):
                target = element.get(attribute)
                if not target or target.startswith(("data:", "mailto:")):
                    continue
                parts = urlsplit(target)
                if parts.scheme or parts.netloc:
                    continue  # external: not checked (no network), launch links tested above
                path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
                if path.is_dir():
                    path = path / "index.html"
                if not path.exists():
                    broken.append(f"{page.relative_to(site_html)}: {target}")
                elif parts.fragment and path.suffix == ".html" \
                        and unquote(parts.fragment) not in ids_of(path):
                    broken.append(f"{page.relative_to(site_html)}: {target} (no such anchor)")
    assert not broken, broken


# ---------------------------------------------------------------- axe-core
def run_axe(page, axe_source: str) -> list[dict]:
    """axe-core's violations on the page, each with where its elements are.

    ``in_output`` counts the elements inside a notebook's cell outputs (what the
    course puts there); the rest belong to the page around them.
    """
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => {
        const found = await axe.run(document, {resultTypes: ['violations']});
        return found.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
            example: v.nodes.length ? v.nodes[0].html.slice(0, 200) : '',
            in_output: v.nodes.filter(n => {
                const el = n.target.length === 1 ? document.querySelector(n.target[0]) : null;
                return el !== null && el.closest('.jp-OutputArea-output') !== null;
            }).length,
        }));
    }""")
    return result


@pytest.mark.browser
def test_axe_finds_no_serious_violation_on_any_page(site_html, site_url, site_browser,
                                                    axe_source):
    context = site_browser.new_context(viewport={"width": 1280, "height": 900})
    # Offline as a reader without network would be: only this server answers.
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(site_url) else route.abort())
    report, failures = {}, []
    try:
        page = context.new_page()
        for path in pages(site_html):
            name = path.relative_to(site_html).as_posix()
            page.goto(f"{site_url}/{name}", wait_until="load", timeout=60_000)
            violations = run_axe(page, axe_source)
            report[name] = violations
            failures += [f"{name}: {v['impact']} {v['id']} ({v['help']}; {v['nodes']} "
                         f"element(s), e.g. {v['example']})" for v in violations
                         if v["impact"] in BLOCKING or v["id"] == "heading-order"]
    finally:
        context.close()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "axe-site.json").write_text(json.dumps(report, indent=1))
    assert len(report) >= len(NOTEBOOKS) + 3
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_axe_on_a_notebook_in_jupyterlab_is_reported(site_browser, axe_source, tmp_path):
    """Report, not fail: these violations come from JupyterLab's own interface
    (and any the course adds inside cells, which the site test above covers)."""
    notebook = NOTEBOOKS[0]
    server = lab.LabServer(tmp_path, [notebook])
    server.start()
    try:
        nbpage = lab.NotebookPage(site_browser, server, notebook.name, "axe")
        try:
            nbpage.open()
            nbpage.run_all()
            views = nbpage.wait_widgets()
            assert views and all(v["rendered"] for v in views), views
            violations = run_axe(nbpage.page, axe_source)
        finally:
            nbpage.close()
    finally:
        server.stop()
    impacts = ("critical", "serious", "moderate", "minor")
    counts = {
        "jupyterlab_interface": {i: sum(v["nodes"] - v["in_output"] for v in violations
                                        if v["impact"] == i) for i in impacts},
        "cell_outputs": {i: sum(v["in_output"] for v in violations if v["impact"] == i)
                         for i in impacts},
    }
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "axe-jupyterlab.json").write_text(json.dumps(
        {"notebook": notebook.name, "elements_by_impact": counts,
         "violations": violations}, indent=1))
    print(f"\naxe on {notebook.name} in JupyterLab (reported, not failed): {counts}; "
          + ", ".join(f"{v['id']} ({v['impact']}, {v['nodes']} elements, {v['in_output']} in "
                      "outputs)" for v in violations))
