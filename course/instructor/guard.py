"""A tripwire inside the grading kernel (not a sandbox).

nbgrader runs each student's code in an ordinary local Python kernel, with the
instructor's user rights. Before the first cell runs, the grader starts the
kernel with a small startup file that installs a Python *audit hook*
(PEP 578; it cannot be removed once installed). The hook refuses, with a
``PermissionError`` that names the path:

* reading or listing the course root (masters, hidden tests, gradebook, other
  students' work) and the grading workspace outside the student's own folder;
* writing, deleting or renaming anything in the repository, the course root or
  the workspace outside the student's own folder;
* starting processes (``subprocess``, ``os.system``, ``!shell`` lines, fork)
  and looking up libc file and process functions through ``ctypes``.

Each refusal is also written to a log that the grader reads after the run and
reports. The hook only sees what Python reports: native code (a compiled
extension, or ``ctypes`` calls it does not see) can get past it, and nothing
limits memory, CPU or network. For real isolation run the grader in a
container or a JupyterHub (see the instructor guide).
"""

from __future__ import annotations

import json
from pathlib import Path

STARTUP = r'''
def _course_grader_guard(cfg):
    import json, os, sys
    realpath, fsdecode, getcwd, sep = os.path.realpath, os.fsdecode, os.getcwd, os.sep
    own = cfg["own"]
    no_read, no_write = tuple(cfg["no_read"]), tuple(cfg["no_write"])
    log = open(cfg["log"], "a", buffering=1)
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
    process_events = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
                      "os.fork", "os.forkpty", "pty.spawn", "os.startfile"}
    libc_names = {"open", "open64", "openat", "openat64", "fopen", "fopen64", "creat", "system",
                  "popen", "execv", "execve", "execvp", "execl", "execlp", "fork", "vfork",
                  "posix_spawn", "posix_spawnp", "unlink", "unlinkat", "rename", "renameat",
                  "symlink", "link", "truncate", "ftruncate", "remove", "rmdir", "chmod"}
    busy = []

    def resolve(p):
        if p is None or isinstance(p, int):
            return None
        try:
            p = fsdecode(os.fspath(p))
        except TypeError:
            return None
        if p == ":memory:" or p.startswith("file::memory:"):
            return None
        if p.startswith("file:"):
            p = p[5:].split("?")[0]
        return realpath(os.path.join(getcwd(), p))

    def inside(path, roots):
        if path is None or path == own or path.startswith(own + sep):
            return False
        return any(path == r or path.startswith(r + sep) for r in roots)

    def deny(event, what, path):
        try:
            log.write(json.dumps({"event": event, "what": what, "path": path}) + "\n")
        except Exception:
            pass
        raise PermissionError(f"blocked by the course grader: {what} {path}")

    def hook(event, args):
        if busy:
            return
        busy.append(1)
        try:
            if event == "open":
                path = resolve(args[0])
                mode, flags = args[1], args[2]
                writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                          (isinstance(flags, int) and flags & write_flags)
                if writing and inside(path, no_write):
                    deny(event, "writing", path)
                if inside(path, no_read):
                    deny(event, "reading", path)
            elif event in ("os.listdir", "os.scandir", "sqlite3.connect"):
                path = resolve(args[0] if args else ".")
                if inside(path, no_read):
                    deny(event, "reading", path)
            elif event in ("os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.truncate",
                           "os.utime", "shutil.rmtree", "os.chflags", "os.setxattr", "os.removexattr",
                           "shutil.chown"):
                path = resolve(args[0])
                if inside(path, no_write):
                    deny(event, "changing", path)
            elif event in ("os.rename", "os.link", "os.symlink", "shutil.copyfile", "shutil.copytree",
                           "shutil.move", "shutil.copymode", "shutil.copystat"):
                src, dst = resolve(args[0]), resolve(args[1])
                if inside(src, no_read):
                    deny(event, "reading", src)
                if inside(dst, no_write) or (event in ("os.rename", "shutil.move") and inside(src, no_write)):
                    deny(event, "writing", dst)
                if event in ("os.link", "os.symlink") and inside(src, no_write):
                    # A link to a protected file lets the grader itself write through it later.
                    deny(event, "linking to", src)
            elif event in process_events:
                deny(event, "starting a process:", str(args[0] if args else "")[:120])
            elif event == "ctypes.dlsym" and len(args) > 1 and args[1] in libc_names:
                deny(event, "calling C library function", str(args[1]))
        finally:
            busy.pop()

    log.write(json.dumps({"event": "installed"}) + "\n")
    sys.addaudithook(hook)


_course_grader_guard(__CONFIG__)
del _course_grader_guard
'''


def write_guard(folder: Path, own: Path, no_read: list[Path], no_write: list[Path]) -> tuple[Path, Path]:
    """Write the kernel startup file into ``folder``; return (startup file, log file)."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "guard.log"
    log.write_text("")
    config = {
        "own": str(own.resolve()),
        "no_read": sorted({str(p.resolve()) for p in no_read}),
        "no_write": sorted({str(p.resolve()) for p in no_write}),
        "log": str(log),
    }
    startup = folder / "guard_startup.py"
    startup.write_text(STARTUP.replace("__CONFIG__", repr(config)))
    return startup, log


def kernel_arguments(startup: Path) -> list[str]:
    """Extra kernel command-line arguments that run ``startup`` before any cell."""
    return [f"--IPKernelApp.exec_files={json.dumps([str(startup)])}"]


def read_log(log: Path) -> tuple[bool, list[str]]:
    """Whether the guard started, and one line per blocked action."""
    installed, blocked = False, []
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return False, []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("event") == "installed":
            installed = True
        elif entry.get("what"):
            blocked.append(f"{entry['what']} {entry.get('path', '')}".strip())
    seen = []
    for item in blocked:
        if item not in seen:
            seen.append(item)
    return installed, seen
