"""Writing a release so that it never half-happens: a lock, a staging folder, and recovery.

A release's files are first written into a staging folder at the project root (outside
``docs/``, so Sphinx never reads them); a plan naming them is written there last. Then each
file is moved into place, the version's JSON (the file that makes a release exist) last, and
the staging folder is removed. After an interruption the next run either finishes the release
(the plan is there, so every file was staged and confirmed) or discards the staging folder
(nothing had been moved into the handbook yet).
"""

from __future__ import annotations

import datetime
import fcntl
import json
import os
import shutil
import socket
import subprocess
from contextlib import contextmanager
from pathlib import Path

from .errors import UserError
from .outputs import write_atomic
from .releases import VERSION, existing, parse_version

STAGING = ".release-staging"
LOCK = ".release.lock"
PLAN = "plan.json"
VERSION_FILES = ("{version}.md", "whats-new/{version}.txt", "whats-new/{version}.html")


def _move(staged: Path, target: Path) -> None:
    os.replace(staged, target)


def _discard(folder: Path) -> None:
    shutil.rmtree(folder)


# --- the lock -------------------------------------------------------------------------
def _holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
        return f"process {info['pid']} on {info['host']} (release {info['version']}, started {info['started']})"
    except (ValueError, KeyError, TypeError, OSError):
        return "another process"


@contextmanager
def release_lock(root: Path, version: str):
    """Hold an exclusive lock for the whole release. The system drops a flock when its holder
    dies, so a killed release never leaves a stale lock behind on a local disk."""
    path = root / LOCK
    for _ in range(10):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise UserError(f"another release is under way: {holder} holds the lock. Wait for it to finish and run "
                            f"again. A lock is dropped when its process ends; if no release is running (a network "
                            f"drive can keep a stale lock), delete {LOCK} and run again", str(path)) from None
        try:
            current = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(fd)  # the previous holder removed the file as we opened it: lock the new one
    else:
        raise UserError("could not take the release lock; try again", str(path))
    try:
        info = {"pid": os.getpid(), "host": socket.gethostname(), "version": version,
                "started": datetime.datetime.now().isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        yield
    finally:
        path.unlink(missing_ok=True)  # while still locked, so no one else can be holding this file
        os.close(fd)


# --- staging, moving into place, recovery -----------------------------------------------
def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def commit(root: Path, files: dict[Path, bytes], marker: Path, version: str) -> None:
    """Stage ``files``, then move them into place with ``marker`` (the version's JSON) last."""
    staging = root / STAGING
    if staging.exists():
        raise UserError("an earlier release's staging folder is still there; run the release again to finish "
                        "or roll it back", str(staging))
    order = [p for p in files if p != marker] + [marker]
    names = [p.relative_to(root).as_posix() for p in order]
    for path, name in zip(order, names):
        write_atomic(staging / "files" / name, files[path])
    write_atomic(staging / PLAN, (json.dumps({"version": version, "files": names}, indent=2) + "\n").encode())
    _finish(root, staging)


def _finish(root: Path, staging: Path) -> str:
    plan_path = staging / PLAN
    try:
        plan = json.loads(plan_path.read_text(encoding="utf-8"))
        version, names = plan["version"], list(plan["files"])
        if not isinstance(version, str) or not all(isinstance(n, str) for n in names):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise UserError(f"the staged release plan cannot be read; delete the folder {STAGING} to roll the "
                        "interrupted release back, then run the release again", str(plan_path)) from None
    for name in names:
        staged, target = staging / "files" / name, root / name
        if not (_inside(staged, staging) and _inside(target, root)):
            raise UserError(f"the staged release plan names '{name}', outside the project; delete the folder "
                            f"{STAGING} and run the release again", str(plan_path))
        if staged.is_file():  # a file already moved by the interrupted run is no longer staged
            target.parent.mkdir(parents=True, exist_ok=True)
            _move(staged, target)
    _discard(staging)
    return version


def _partial_release(source: Path, versions: list[str], version_pattern) -> tuple[str, list[Path]] | None:
    """Files in place from a release that stopped before completing (written by a version of this
    tool without staging, or staging removed by hand): the newest JSON missing its other files,
    or other files of a version newer than every JSON."""
    folder = source / "releases"
    newest = versions[-1] if versions else None
    if newest:
        own = [folder / p.format(version=newest) for p in VERSION_FILES]
        if not all(p.is_file() for p in own):
            return newest, [folder / f"{newest}.json", *(p for p in own if p.is_file())]
    strays = sorted(p for pattern in ("*.md", "whats-new/*.txt", "whats-new/*.html") for p in folder.glob(pattern)
                    if version_pattern.match(p.stem) and (newest is None or parse_version(p.stem) > parse_version(newest)))
    return (strays[0].stem, strays) if strays else None


def recover(root: Path, source: Path) -> tuple[str | None, list[str]]:
    """Finish or roll back an interrupted release. Returns the version finished (if any) and what was done."""
    notes: list[str] = []
    finished = None
    staging = root / STAGING
    if staging.exists():
        if (staging / PLAN).is_file():
            finished = _finish(root, staging)
            notes.append(f"finished release {finished}, which an earlier run had staged in full but was interrupted "
                         "while moving its files into place")
        else:
            _discard(staging)
            notes.append(f"rolled back a release that was interrupted while writing its files to {STAGING}/, before "
                         "any was moved into the handbook; nothing in docs/ or quizzes/ was changed")
    partial = _partial_release(source, existing(source), VERSION)
    if partial:
        version, paths = partial
        for path in paths:
            path.unlink()
        listed = ", ".join(str(p.relative_to(root)) for p in paths)
        notes.append(f"rolled back release {version}, which an earlier run left incomplete: removed {listed}")
    return finished, notes


# --- the git working tree ---------------------------------------------------------------
def uncommitted_files(root: Path) -> list[str]:
    """Files under the project that git reports as changed or untracked; empty without git or a repository."""
    if shutil.which("git") is None:
        return []
    try:
        result = subprocess.run(["git", "-C", str(root), "status", "--porcelain=v1", "-z", "--untracked-files=all",
                                 "--", ".", f":(exclude){LOCK}"], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    if result.returncode != 0:  # not a repository (or git refuses it): nothing to say
        return []
    entries = result.stdout.decode("utf-8", "replace").split("\0")
    found, skip = [], False
    for entry in entries:
        if skip:  # the old name of a rename
            skip = False
            continue
        if len(entry) > 3:
            found.append(entry[3:])
            skip = entry[0] in "RC"
    return found


def files_to_add(root: Path, written: list[str], folders: tuple[str, ...] = ("docs", "quizzes")) -> list[str] | None:
    """What the release commit needs: the files it wrote and every edited, added or deleted file under
    ``folders`` (the pages it describes). None without git or a repository, when git cannot say."""
    if shutil.which("git") is None:
        return None
    try:  # ls-files names paths from the folder it runs in, as 'git add' there expects them
        result = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--modified", "--deleted", "--others",
                                 "--exclude-standard", "--", *folders], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    changed = {name for name in result.stdout.decode("utf-8", "replace").split("\0") if name}
    return sorted(changed | set(written))
