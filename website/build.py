"""Build the course website: ``python3 run.py site`` (or ``python website/build.py``).

Stages the student-facing sources (``website/pages.py``) into
``build/site/src`` and runs Sphinx with warnings as errors and nitpicky
references, writing the site to ``build/site/html`` (git-ignored; publish that
folder). Notebooks are executed through myst-nb's cache
(``build/site/jupyter_cache/<digest of course/ and the pins>``), so a rebuild
without changes executes nothing, and a change to the course package executes
every notebook again.

Options:
    --hub URL   the JupyterHub the launch buttons open (nbgitpuller); without
                it they point to the placeholder https://hub.example.edu
    --out DIR   build somewhere else than build/site
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pages  # noqa: E402

DEFAULT_OUT = pages.REPO / "build" / "site"


def code_digest() -> str:
    """A digest of what the notebooks' outputs depend on besides their own code.

    myst-nb's cache is keyed by each notebook's code cells only, so a changed
    figure function or table in ``course/`` (or a changed pin) would otherwise
    leave yesterday's figures on the site.
    """
    digest = hashlib.sha256((pages.REPO / "requirements.txt").read_bytes())
    for path in sorted((pages.REPO / "course").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(pages.REPO).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def execution_cache(out: Path) -> Path:
    """The execution cache for the current course code; older ones are removed."""
    root = out / "jupyter_cache"
    current = root / code_digest()
    if root.exists():
        for old in root.iterdir():
            if old != current:
                shutil.rmtree(old) if old.is_dir() else old.unlink()
    return current


def build(out: Path = DEFAULT_OUT, hub: str | None = None) -> Path:
    """Stage the sources and build the HTML site; return the HTML folder.

    Raises
    ------
    RuntimeError
        If Sphinx reports a warning or an error; the incomplete pages are then
        moved to ``out/html-incomplete``, so ``out/html`` holds no broken site.
    """
    src, html = out / "src", out / "html"
    changed = pages.stage(src)
    url, placeholder = pages.repository_url()
    if placeholder:
        print(f"[site] CITATION.cff's repository-code is missing or the placeholder: launch buttons use "
              f"{url}", flush=True)
    if not hub:
        print(f"[site] no --hub given: JupyterHub buttons use the placeholder "
              f"{pages.PLACEHOLDER_HUB}", flush=True)
    env = {**os.environ, "COURSE_SITE_CACHE": str(execution_cache(out))}
    if hub:
        env["COURSE_SITE_HUB"] = hub
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q",
               "-c", str(HERE), "-d", str(out / "doctrees"), str(src), str(html)]
    print(f"[site] {len(changed)} source file(s) changed; building with Sphinx", flush=True)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=pages.REPO, env=env)
    if done.returncode != 0:
        # Move the pages out of html/, so a broken site cannot be published by mistake;
        # Sphinx rewrites every page whose HTML is missing on the next build.
        incomplete = out / "html-incomplete"
        shutil.rmtree(incomplete, ignore_errors=True)
        if html.exists():
            html.rename(incomplete)
        raise RuntimeError(f"Sphinx failed (exit {done.returncode}); see the messages above. "
                           f"The incomplete pages are in {incomplete}, not in {html}.")
    print(f"[site] built {html} in {time.perf_counter() - started:.1f} s", flush=True)
    return html


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", help="JupyterHub URL for the launch buttons")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        build(args.out, args.hub)
    except (RuntimeError, pages.SiteError) as error:
        print(f"[site] {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
