"""What goes on the course website, gathered into one source folder for Sphinx.

The site is made only of student-facing material: the student notebooks
(``notebooks/*.ipynb``, generated without solutions or hidden tests), the
student guide and glossary (``notebooks/README.md``, ``notebooks/glossary.md``),
the course overview from the top of the README (up to its first section for
developers) and the weeks of the syllabus (without the instructors' pacing,
assessment weights and grading calendar). Instructor material (masters,
rubrics, the grading guide) is never copied.

:func:`stage` writes these into a folder laid out like the repository
(``index.md``, ``syllabus.md``, ``notebooks/...``), so the links between the
pages stay as they are in the repository. A file is rewritten only when its
content changes: Sphinx then rebuilds only the pages that changed.

Each figure's text alternative is written in the markdown cell just after the
chart (``*Figure 2 (text alternative): ...*``). :func:`with_alt_text` copies
that sentence into the chart cell's metadata, where myst-nb reads the ``alt``
of the cell's image (``mystnb: image: alt:``), so the text shown to every
reader is also what a screen reader reads for the picture.
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
from pathlib import Path


REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"

# Launch links need the repository's address; CITATION.cff's `repository-code`
# is where the course keeps it. Without it the links point here, visibly wrong.
PLACEHOLDER_REPOSITORY = "https://github.com/OWNER/REPO"  # = course.links.PLACEHOLDER
PLACEHOLDER_HUB = "https://hub.example.edu"

ALT_MARK = re.compile(r"^\s*[*_](?:Figure\s+\d+|Widget)[^:]*\(text alternative\):\s*", re.I)


class SiteError(RuntimeError):
    """A source the site needs is missing or no longer has the expected shape."""


def repository_url(citation: Path = REPO / "CITATION.cff") -> tuple[str, bool]:
    """The repository's URL (read by :func:`course.links.repository_url`), and whether it is a placeholder.

    Returns
    -------
    (str, bool)
        The URL and False; or :data:`PLACEHOLDER_REPOSITORY` and True when
        CITATION.cff has no usable ``repository-code`` or still holds the placeholder.
    """
    from course import links

    try:
        url = links.repository_url(citation)
    except links.LinkError:
        return PLACEHOLDER_REPOSITORY, True
    return url, url == links.PLACEHOLDER


_LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def site_links(markdown: str, source: str, page: str, published: dict[str, str],
               repository: str) -> str:
    """Point the relative links of ``markdown`` at the site, or at the repository.

    Parameters
    ----------
    markdown : str
        A page's text, written for the repository (links relative to ``source``).
    source, page : str
        The file's path in the repository and its page's path on the site, both
        relative to their roots with ``/`` separators.
    published : dict of str to str
        Repository path -> site path of every file the site publishes.
    repository : str
        The repository's web address: a link to a file the site does not
        publish (a deploy kit, an instructor's guide) goes to that file there.
    """
    def relink(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"[a-z][a-z0-9+.-]*:|#", target):
            return match.group(0)  # web addresses and anchors on the same page
        path, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        if resolved in published:
            new = posixpath.relpath(published[resolved], posixpath.dirname(page) or ".")
        else:
            new = f"{repository}/blob/HEAD/{resolved}"
        return f"{match.group(1)}{new}{'#' + fragment if fragment else ''}{match.group(3)}"

    return _LINK.sub(relink, markdown)


def student_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def plain(markdown: str) -> str:
    """Markdown of one sentence or paragraph as plain text, for an ``alt`` attribute."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # links -> their text
    text = re.sub(r"[*_`]", "", text)
    text = text.replace("$", "")
    return " ".join(text.split())


def with_alt_text(notebook: dict) -> dict:
    """A copy of ``notebook`` whose chart cells carry their text alternative as ``alt``.

    A chart cell is a code cell followed by a markdown cell that opens with
    ``*Figure N (text alternative): ...`` or ``*Widget (text alternative): ...``;
    the first paragraph after the colon becomes the cell's image ``alt``.
    """
    notebook = copy.deepcopy(notebook)
    cells = notebook["cells"]
    for cell, following in zip(cells, cells[1:]):
        if cell["cell_type"] != "code" or following["cell_type"] != "markdown":
            continue
        source = "".join(following["source"])
        match = ALT_MARK.match(source)
        if match:
            paragraph = source[match.end():].split("\n\n")[0]
            cell["metadata"].setdefault("mystnb", {})["image"] = {"alt": plain(paragraph)}
    return notebook


def readme_overview(readme: str) -> str:
    """The README's course overview: its title and introduction, and "The notebooks".

    The other sections (commands, how it is built, speed, grading, data, pins)
    are for developers and instructors. The Binder badge is left out: its
    address is a placeholder there, and each notebook page has launch buttons.
    """
    sections = re.split(r"\n(?=## )", readme)
    notebooks = [s for s in sections if s.startswith("## The notebooks")]
    if len(notebooks) != 1:
        raise SiteError("README.md has no '## The notebooks' section for the site's front "
                        "page; update website/pages.py.")
    paragraphs = [p for p in f"{sections[0]}\n\n{notebooks[0]}".split("\n\n")
                  if "mybinder.org/badge" not in p]
    return "\n\n".join(p.strip("\n") for p in paragraphs if p.strip()) + "\n"


def student_syllabus(syllabus: str) -> str:
    """The syllabus as students see it: its title, what the course is, and the weeks.

    Leaves out what only instructors need: the status note, pacing advice,
    suggested assessment weights, the closing advice on checking editions and
    the grading calendar.
    """
    sections = re.split(r"\n(?=## )", syllabus)
    intro = sections[0].split("\n\n")
    weeks = [s for s in sections if s.startswith("## Weeks")]
    if len(intro) < 3 or len(weeks) != 1:
        raise SiteError("instructor/guide/syllabus.md no longer has a title, two opening "
                        "paragraphs and a '## Weeks' section; update website/pages.py.")
    # Title and the two paragraphs on the seminar and its essay; the rest is for instructors.
    opening = [intro[0], intro[1], re.sub(r"\s*\(see `course-brief`[^)]*\)", "", intro[2])]
    table = weeks[0].split("\n\n")[:2]  # heading and table; then advice to instructors
    return "\n\n".join([*opening, *table]).strip() + "\n"


def index_page(readme: str, notebooks: list[Path]) -> str:
    toc = ["notebooks/README", *(f"notebooks/{nb.stem}" for nb in notebooks),
           "notebooks/glossary", "syllabus", "peer-review-form"]
    return (readme_overview(readme) + "\n```{toctree}\n:hidden:\n:caption: The course\n\n"
            + "\n".join(toc) + "\n```\n")


def write_if_changed(path: Path, text: str) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def stage(destination: Path) -> list[str]:
    """Write the site's sources into ``destination``; return the files that changed."""
    notebooks = student_notebooks()
    if not notebooks:
        raise SiteError(f"no student notebooks in {NOTEBOOKS}")
    guide = REPO / "instructor" / "guide"
    # Repository path -> (site path, text): the markdown pages, before their links are fixed.
    markdown = {
        "README.md": ("index.md", index_page(
            (REPO / "README.md").read_text(encoding="utf-8"), notebooks)),
        "instructor/guide/syllabus.md": ("syllabus.md", student_syllabus(
            (guide / "syllabus.md").read_text(encoding="utf-8"))),
        # Students fill in the peer-review form, so it is theirs to read.
        "instructor/guide/peer-review-form.md": (
            "peer-review-form.md", (guide / "peer-review-form.md").read_text(encoding="utf-8")),
        "notebooks/README.md": ("notebooks/README.md",
                                (NOTEBOOKS / "README.md").read_text(encoding="utf-8")),
        "notebooks/glossary.md": ("notebooks/glossary.md",
                                  (NOTEBOOKS / "glossary.md").read_text(encoding="utf-8")),
    }
    published = {source: page for source, (page, _) in markdown.items()}
    published.update({f"notebooks/{nb.name}": f"notebooks/{nb.name}" for nb in notebooks})
    repository, _ = repository_url()
    pages = {page: site_links(text, source, page, published, repository)
             for source, (page, text) in markdown.items()}
    for nb in notebooks:
        notebook = with_alt_text(json.loads(nb.read_text(encoding="utf-8")))
        pages[f"notebooks/{nb.name}"] = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    changed = [name for name, text in pages.items() if write_if_changed(destination / name, text)]
    # Pages no longer produced (a renamed notebook) must not linger on the site.
    for path in destination.rglob("*"):
        if path.is_file() and path.relative_to(destination).as_posix() not in pages:
            path.unlink()
            changed.append(path.relative_to(destination).as_posix())
    return changed
