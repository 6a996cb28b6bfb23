"""Authoring: masters in ``instructor/source`` are the single source of truth.

* ``execute`` runs each master top to bottom and stores its outputs (nbval
  compares against them).
* ``generate`` turns the masters into the student notebooks in ``notebooks/``
  with nbgrader's ``generate_assignment`` (solutions replaced by stubs, hidden
  tests and outputs removed), run in a throwaway copy of the course root so the
  instructor's gradebook is never touched.
* ``build`` does both, in that order.

``execute`` first rewrites ``course/exercises.json``, the registry the
self-checks read, from the ``grade(...)`` declarations in the masters.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import nbformat

from course.instructor import INSTRUCTOR, NOTEBOOKS, SOURCE

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def masters(source: Path = SOURCE) -> list[Path]:
    """Master notebooks, in course order: ``source/NN-slug/NN-slug.ipynb``."""
    found = sorted(source.glob("*/*.ipynb"))
    for path in found:
        if path.stem != path.parent.name:
            raise ValueError(f"{path}: a master must be named after its folder "
                             f"({path.parent.name}.ipynb)")
    return found


def execute(paths: list[Path], timeout: int = 600) -> None:
    """Run each notebook in place, storing outputs (and widget state).

    The exercise registry is rewritten from every master first, since the
    self-checks in the notebooks read it.
    """
    from nbclient import NotebookClient

    from course.instructor.exercises import write_registry

    if write_registry(masters()):
        print("rewrote course/exercises.json from the masters' grade(...) declarations")
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
        _normalise(notebook)
        nbformat.write(notebook, path)
        print(f"executed {path.relative_to(path.parents[2])}")


def _normalise(notebook) -> None:
    # Keep only what is stable, so regenerating gives identical bytes.
    kept = {k: notebook.metadata[k] for k in ("language_info",) if k in notebook.metadata}
    notebook.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, **kept})
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)


def generate(out: Path = NOTEBOOKS, course_root: Path = INSTRUCTOR) -> list[Path]:
    """Write the student version of every master into ``out``; return the paths.

    Uses the same generation and leak check as ``release``, in a throwaway copy
    of the course root.
    """
    from course.instructor.courseroot import CourseRoot
    from course.instructor.release import generate_student_copy, leaks

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(course_root / "nbgrader_config.py", root)
        shutil.copytree(course_root / "source", root / "source")
        course = CourseRoot.at(root)
        for master in masters(root / "source"):
            name = master.parent.name
            generate_student_copy(course, name)
            release = root / "release" / name / master.name
            problems = leaks(master, release)
            if problems:
                raise RuntimeError(f"{name}: the student copy would leak:\n  " + "\n  ".join(problems))
            notebook = nbformat.read(release, as_version=4)
            _normalise(notebook)
            target = out / master.name
            nbformat.write(notebook, target)
            written.append(target)
    return written


def _cmd_execute(args) -> int:
    execute(_selected(args.names))
    return 0


def _cmd_generate(args) -> int:
    for path in generate():
        print(f"wrote {path.relative_to(NOTEBOOKS.parent)}")
    return 0


def _cmd_build(args) -> int:
    _cmd_execute(args)
    return _cmd_generate(args)


def _selected(names: list[str]) -> list[Path]:
    every = masters()
    if not names:
        return every
    chosen = [p for p in every if any(p.stem.startswith(n) for n in names)]
    unknown = [n for n in names if not any(p.stem.startswith(n) for p in every)]
    if unknown:
        raise SystemExit(f"no master notebook matches {', '.join(unknown)}; "
                         f"masters: {', '.join(p.stem for p in every)}")
    return chosen


def register(subparsers) -> None:
    for name, func, text in (
        ("execute", _cmd_execute, "run master notebooks in place and store their outputs"),
        ("build", _cmd_build, "execute the masters, then regenerate notebooks/"),
    ):
        parser = subparsers.add_parser(name, help=text, description=text)
        parser.add_argument("names", nargs="*", help="notebook numbers or names (default: all)")
        parser.set_defaults(func=func)
    parser = subparsers.add_parser("generate", help="regenerate the student notebooks in notebooks/",
                                   description="regenerate the student notebooks in notebooks/ from the masters")
    parser.set_defaults(func=_cmd_generate)
