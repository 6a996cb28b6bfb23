"""Links that open the course's notebooks, all made from one address.

The repository's address is written once, as ``repository-code`` in
``CITATION.cff``. Everything that points at the published course is derived
from it: the README's Binder badge and per-notebook links, the nbgitpuller
links an instructor hands out on a JupyterHub, and the hub kit's default URL
(``singleuser.defaultUrl`` in ``deploy/config.yaml``). Publishing the
course (or moving it) means changing that one line and running::

    python -m course.links --write-readme --write-deploy

Run without options it prints, for every student notebook, its Binder link
and (with ``--hub https://hub.example.edu``) its nbgitpuller link.

References
----------
BinderHub's launch URLs: ``https://mybinder.org/v2/gh/OWNER/REPO/REF?labpath=PATH``
opens PATH in JupyterLab. nbgitpuller's links:
``HUB/hub/user-redirect/git-pull?repo=URL&urlpath=lab/tree/DIR/PATH`` clones (or
merges into) DIR in the user's home, then opens PATH; DIR defaults to the last
part of the repository URL (nbgitpuller's ``targetpath`` parameter; see its
``handlers.py``, ``UIHandler``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import yaml

REPO = Path(__file__).resolve().parents[1]
CITATION = REPO / "CITATION.cff"
README = REPO / "README.md"
DEPLOY_CONFIG = REPO / "deploy" / "config.yaml"
NOTEBOOKS = "notebooks"
BINDER = "https://mybinder.org/v2/gh"
# The placeholder left in CITATION.cff until the course is published.
PLACEHOLDER = "https://github.com/OWNER/REPO"


class LinkError(ValueError):
    """The course's address is missing or is not a GitHub repository URL."""


def repository_url(citation: Path = CITATION) -> str:
    """Return the course's repository URL, from ``repository-code`` in CITATION.cff.

    Parameters
    ----------
    citation : Path
        The Citation File Format file (YAML).

    Returns
    -------
    str
        ``https://github.com/OWNER/REPO``, without a trailing slash or ``.git``.

    Raises
    ------
    LinkError
        If the file is missing or unreadable, has no ``repository-code``, or the
        value is not a GitHub repository URL (Binder's ``gh`` launcher needs one).
    """
    try:
        meta = yaml.safe_load(citation.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LinkError(f"cannot read {citation}: {error}") from error
    url = meta.get("repository-code") if isinstance(meta, dict) else None
    if not isinstance(url, str) or not url.strip():
        raise LinkError(f"{citation} has no `repository-code:` line; add the course's "
                        "GitHub address there, e.g. repository-code: https://github.com/OWNER/REPO")
    github_path(url)  # validates
    return url.strip().rstrip("/").removesuffix(".git")


def github_path(url: str) -> str:
    """Return ``OWNER/REPO`` of a GitHub repository URL.

    Raises
    ------
    LinkError
        If ``url`` is not ``https://github.com/OWNER/REPO`` (optionally ending in
        ``/`` or ``.git``).
    """
    parts = urlsplit(url.strip())
    match = re.fullmatch(r"/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", parts.path)
    if parts.scheme != "https" or parts.netloc.lower() != "github.com" or not match:
        raise LinkError(f"repository-code must be https://github.com/OWNER/REPO, not {url!r}")
    return f"{match.group(1)}/{match.group(2)}"


def notebooks(root: Path = REPO) -> list[str]:
    """Paths of the student notebooks relative to ``root``, in course order."""
    found = (root / NOTEBOOKS).glob("[0-9][0-9]-*.ipynb")
    return sorted(f"{NOTEBOOKS}/{path.name}" for path in found)


def binder_url(repo_url: str, notebook: str, ref: str = "HEAD") -> str:
    """mybinder.org link that builds ``repo_url`` at ``ref`` and opens ``notebook`` in JupyterLab.

    ``HEAD`` is the default branch, so the link follows what is published.
    """
    return f"{BINDER}/{github_path(repo_url)}/{ref}?labpath={quote(notebook, safe='')}"


def nbgitpuller_path(repo_url: str, notebook: str, branch: str | None = None) -> str:
    """nbgitpuller's address inside a user's server: pull ``repo_url``, then open ``notebook``.

    Parameters
    ----------
    repo_url : str
        Anything ``git clone`` accepts: the course's GitHub URL, or a local path in tests.
    notebook : str
        Path inside the repository, e.g. ``notebooks/00-....ipynb``.
    branch : str, optional
        Branch to pull; by default nbgitpuller uses the repository's default branch.

    Returns
    -------
    str
        ``/git-pull?repo=...&urlpath=lab/tree/FOLDER/NOTEBOOK``, query-escaped, where
        FOLDER is the last part of ``repo_url``, the folder nbgitpuller 1.3 clones into
        by default (it keeps a ``.git`` ending). It is the JupyterHub chart's
        ``singleuser.defaultUrl``.

    Notes
    -----
    nbgitpuller clones into FOLDER the first time, and on later clicks merges new
    commits without overwriting what the student changed.
    """
    folder = repo_url.rstrip("/").rsplit("/", 1)[-1]
    query = {"repo": repo_url, "urlpath": f"lab/tree/{folder}/{notebook}"}
    if branch:
        query["branch"] = branch
    return f"/git-pull?{urlencode(query)}"


def nbgitpuller_url(hub_url: str, repo_url: str, notebook: str, branch: str | None = None) -> str:
    """JupyterHub link that pulls the course into the user's home and opens ``notebook``.

    ``hub_url`` is the hub's address, e.g. ``https://hub.example.edu`` (a path prefix
    is kept); the other parameters are those of :func:`nbgitpuller_path`. The hub's
    ``user-redirect`` sends each student to their own server, starting it if needed.
    """
    return f"{hub_url.rstrip('/')}/hub/user-redirect{nbgitpuller_path(repo_url, notebook, branch)}"


# The README's badge line and table cells that this module writes.
_BADGE = re.compile(r"^\[!\[Launch on Binder\]\([^)]*\)\]\([^)]*\)$", re.M)
_ROW_LINK = re.compile(r"\[(?P<title>[^\]]+)\]\((?P<path>notebooks/\d\d-[\w.-]+\.ipynb)\)"
                       r"(?: \(\[on Binder\]\([^)]*\)\))?")


def readme_with_links(text: str, repo_url: str) -> str:
    """Return the README text with its Binder badge and notebook-table links made from ``repo_url``.

    The badge opens notebook 00; in each table row (a line starting ``| ``) a link to
    ``notebooks/NN-*.ipynb`` gets an ``(on Binder)`` link beside it. Other text is
    left as it is.

    Raises
    ------
    LinkError
        If the README has no Binder badge line to rewrite.
    """
    if not notebooks():
        raise LinkError(f"no student notebooks (NN-*.ipynb) in {REPO / NOTEBOOKS}")
    first = notebooks()[0]
    badge = (f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]"
             f"({binder_url(repo_url, first)})")
    if not _BADGE.search(text):
        raise LinkError("README.md has no line starting `[![Launch on Binder](` to rewrite")
    text = _BADGE.sub(lambda _m: badge, text, count=1)

    def with_binder(match: re.Match) -> str:
        return (f"[{match['title']}]({match['path']}) "
                f"([on Binder]({binder_url(repo_url, match['path'])}))")

    return "".join(_ROW_LINK.sub(with_binder, line) if line.startswith("| ") else line
                   for line in text.splitlines(keepends=True))


_DEFAULT_URL = re.compile(r'^(?P<indent>\s+)defaultUrl: ".*"$', re.M)


def deploy_with_links(text: str, repo_url: str) -> str:
    """Return deploy/config.yaml's text with ``singleuser.defaultUrl`` made from ``repo_url``.

    The default URL pulls the course with nbgitpuller and opens the first notebook.

    Raises
    ------
    LinkError
        If the file has no quoted ``defaultUrl: "..."`` line to rewrite.
    """
    if not _DEFAULT_URL.search(text):
        raise LinkError(f"{DEPLOY_CONFIG.name} has no `defaultUrl: \"...\"` line to rewrite")
    url = nbgitpuller_path(repo_url, notebooks()[0])
    return _DEFAULT_URL.sub(lambda m: f'{m["indent"]}defaultUrl: "{url}"', text, count=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.links",
        description="Print the Binder and JupyterHub (nbgitpuller) link of every notebook, "
                    "made from repository-code in CITATION.cff.")
    parser.add_argument("--hub", metavar="URL",
                        help="your JupyterHub's address, e.g. https://hub.example.edu")
    parser.add_argument("--branch", help="branch for nbgitpuller links (default: the repository's)")
    parser.add_argument("--write-readme", action="store_true",
                        help="rewrite README.md's Binder badge and notebook-table links")
    parser.add_argument("--write-deploy", action="store_true",
                        help="rewrite the default URL (nbgitpuller) in deploy/config.yaml")
    args = parser.parse_args(argv)
    if args.hub and urlsplit(args.hub).scheme not in ("http", "https"):
        print(f"error: --hub must be the hub's web address, such as https://hub.example.edu, "
              f"not {args.hub!r}", file=sys.stderr)
        return 2
    try:
        url = repository_url()
    except LinkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if url == PLACEHOLDER:
        print(f"note: CITATION.cff still has the placeholder {PLACEHOLDER}; put the course's "
              "GitHub address in `repository-code:` and run with --write-readme --write-deploy",
              file=sys.stderr)
    if args.write_readme or args.write_deploy:
        for wanted, path, rewrite in ((args.write_readme, README, readme_with_links),
                                      (args.write_deploy, DEPLOY_CONFIG, deploy_with_links)):
            if wanted:
                path.write_text(rewrite(path.read_text(encoding="utf-8"), url), encoding="utf-8")
                print(f"wrote the links of {url} into {path.relative_to(REPO)}")
        return 0
    print(f"repository: {url}")
    for notebook in notebooks():
        print(f"\n{notebook}\n  Binder:     {binder_url(url, notebook)}")
        if args.hub:
            print(f"  JupyterHub: {nbgitpuller_url(args.hub, url, notebook, args.branch)}")
    if not args.hub:
        print("\n(add --hub https://your-hub.example.edu for the JupyterHub links)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
