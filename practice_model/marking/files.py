"""Reading the files that `mark` is given: only regular files of a sane size, and from a folder only what is inside it.

Learners' files arrive in the responses folder, so nothing there is trusted: a
link could point anywhere, a device (``/dev/zero``) never ends and a FIFO blocks
a reader forever. Each file is opened without blocking and checked on the open
handle (so it cannot be swapped between the check and the read).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024  # far more than any cohort's responses; stops a runaway read
SUFFIXES = (".json", ".csv")


class Refused(Exception):
    """A file that is not read, with the reason and how to fix it (and the line, when known)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message, self.line = message, line

    def where(self, path: Path) -> str:
        return f"{path}:{self.line}" if self.line else str(path)


def _inside(path: Path, folder: Path) -> bool:
    real, root = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, root]) == root


def files_in(folder: Path) -> list[Path]:
    """The .json and .csv files in a folder and its subfolders, and any link to a folder outside it (to be refused).

    Links to folders are not followed: one inside is read where it really is.
    """
    found = []
    for parent, folders, names in os.walk(folder, followlinks=False):
        folders.sort()
        found += [Path(parent) / name for name in names if Path(name).suffix.lower() in SUFFIXES]
        found += [Path(parent) / name for name in folders if (Path(parent) / name).is_symlink() and not _inside(Path(parent) / name, folder)]
    return sorted(found)


def read_bytes(path: Path, inside: Path | None = None) -> bytes:
    """The bytes of a regular file; ``inside``: the folder it was found in, which a link must not leave."""
    if inside is not None and not _inside(path, inside):
        raise Refused(f"a link to {os.path.realpath(path)}, outside the folder {inside}; copy the file itself into the folder")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise Refused("file not found (or a link to a file that does not exist)") from None
    except OSError as exc:
        raise Refused(f"cannot be opened ({exc.strerror})") from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not a regular file (a device, pipe or folder); give the saved .json or .csv file itself")
        if info.st_size > MAX_BYTES:
            raise Refused(f"{info.st_size:,} bytes, more than the {MAX_BYTES:,} a responses or marks file can be; "
                          "is this the right file?")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:  # it grew while being read
            raise Refused(f"more than the {MAX_BYTES:,} bytes a responses or marks file can be; is this the right file?")
        return data
    finally:
        os.close(handle)


def as_text(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is fine); otherwise the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Refused("not UTF-8 text (perhaps saved as 'CSV' rather than 'CSV UTF-8'); in Excel use "
                      "File > Save As > CSV UTF-8 (Comma delimited), then run mark again", line) from None
