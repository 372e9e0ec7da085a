"""Writing outputs: a folder all at once, one file atomically, reproducible zips, safe CSV.

A folder is staged beside the target and moved into place when complete.
Only a folder the same command wrote before (it holds the ``MARKER`` file) may be replaced with
``--force``; anything else (inputs, the project, a folder of someone's files) is refused, so a
mistyped ``--out`` can never delete work.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from .errors import UserError

MARKER = ".practice-model-output"
# Where quiz and mark write when --out is not given: one folder, ignored by git (answer keys and learner IDs).
PRIVATE_FOLDER = "private-outputs"


def default_out(root: Path, command: str, name: str, today: str) -> Path:
    """A new folder under PRIVATE_FOLDER for this run: <command>/<name>-<today>, then -2, -3... so earlier
    runs (an earlier marking before essay marks arrived, say) are kept, never overwritten."""
    base = root / PRIVATE_FOLDER / command
    candidate = base / f"{name}-{today}"
    number = 2
    while candidate.exists():
        candidate = base / f"{name}-{today}-{number}"
        number += 1
    return candidate


def _marker_text(command: str) -> str:
    return f"practice-model {command}\n"


def _is_project_root(folder: Path) -> bool:
    return (folder / "conf.py").is_file() and (folder / "docs").is_dir()


def check_target(out: Path, force: bool, command: str, inputs=()) -> None:
    """Refuse an ``--out`` whose replacement could lose anything but this command's own earlier output."""
    target = out.resolve()
    for given in inputs:
        source = Path(given).resolve()
        if source == target or target in source.parents:
            raise UserError(f"the output folder is, or contains, an input ({given}); writing there would delete it. "
                            "Choose a separate, new folder for the output", str(out))
        if source.is_dir() and source in target.parents:
            raise UserError(f"the output folder is inside an input folder ({given}); the next run would read the output "
                            "as input. Choose a folder outside it", str(out))
    if _is_project_root(target) or (target.name == "docs" and _is_project_root(target.parent)):
        raise UserError("the output folder is the handbook project or its docs/ folder; choose a separate, new folder", str(out))
    if target.exists() and not target.is_dir():
        raise UserError("the output path is a file; give a folder", str(out))
    if not target.is_dir() or not any(target.iterdir()):
        return
    if not force:
        raise UserError("the output folder is not empty; choose a new folder or add --force to replace it", str(out))
    marker = target / MARKER
    written_by = marker.read_text(encoding="utf-8", errors="replace") if marker.is_file() else ""
    if written_by != _marker_text(command):
        what = f"was written by '{written_by.strip()}'" if written_by else "was not written by practice-model"
        raise UserError(f"the output folder {what}; --force only replaces an earlier output of 'practice-model {command}' "
                        f"(which holds a {MARKER} file). Choose a new folder, or remove this one yourself", str(out))


@contextlib.contextmanager
def staged_folder(out: Path, force: bool, command: str, inputs=()):
    """Yield a temporary folder; on success it replaces ``out``. On any error nothing at ``out`` changes.

    ``command`` names the writer (recorded in the marker); ``inputs`` are the files and folders the
    command reads, which ``out`` must neither be nor contain.
    """
    check_target(out, force, command, inputs)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        (stage / MARKER).write_text(_marker_text(command), encoding="utf-8")
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = None
    if out.exists():
        old = stage.with_name(stage.name + ".old")  # unique, like the stage: never someone else's folder
        out.rename(old)
    stage.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write(stage: Path, relative: str, data: bytes) -> None:
    """Write ``relative`` inside ``stage``; a path that would land outside it (``..``, absolute) is refused.

    So is writing one file twice: on Windows and macOS 'A1' and 'a1' are the same folder, and one learner's
    file would silently replace another's.
    """
    root = stage.resolve()
    path = (stage / relative).resolve()
    if root not in path.parents:
        raise UserError(f"refusing to write '{relative}': it is outside the output folder (a learner ID or name in an "
                        "input file is not a plain name)")
    if path.exists():
        raise UserError(f"refusing to write '{relative}' twice: two outputs would have the same file name (the same "
                        "learner in two manifests, or learner IDs that differ only in upper and lower case)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside ``path`` and rename into place, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes files private; published files must be readable by the web server
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # any fixed date: the zip format cannot hold one before 1980


def zip_bytes(files: Mapping[str, bytes], *, first: Sequence[str] = (), stored: Collection[str] = (),
              compresslevel: int | None = None, base: bytes = b"") -> bytes:
    """Every zip the tools write (Word, QTI, EPUB): the same ``files`` give the same bytes.

    Entries have fixed dates and permissions; ``first`` names come first in the order given (EPUB's
    ``mimetype``, Word's ``[Content_Types].xml``), then the rest sorted by name. Names in ``stored`` are
    not compressed (EPUB requires it of ``mimetype``). ``base``, a zip this function made, is appended
    to: Word documents reuse a template compressed once.
    """
    buffer = io.BytesIO(base)
    names = [n for n in first if n in files] + sorted(n for n in files if n not in first)
    with zipfile.ZipFile(buffer, "a" if base else "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=compresslevel)
    return buffer.getvalue()


# OWASP's CSV-injection rule: a text cell starting with one of these is read as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A text cell that a spreadsheet could run as a formula gets a leading ``'``, so it shows as text.

    Numbers the tools compute (ints and floats, such as a -0.5 discrimination) stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(cell: str) -> str:
    """Undo ``csv_cell`` when reading a sheet back (a key's answers used as a response sheet)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def csv_bytes(rows: list[dict], fields: list[str]) -> bytes:
    """Every CSV the tools write: a header of ``fields``, one row per dict, each cell made safe for spreadsheets.

    Lines end in CRLF (RFC 4180): with a bare LF ending, the csv module leaves a cell holding a lone CR
    unquoted, and a spreadsheet starts a new row there.
    """
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue().encode("utf-8")


def parse_formats(value: str, allowed) -> list[str]:
    """A comma list of formats, or 'all'; an unknown one is a clear error."""
    chosen = list(allowed) if value.strip() == "all" else [v.strip() for v in value.split(",") if v.strip()]
    unknown = [f for f in chosen if f not in allowed]
    if unknown or not chosen:
        raise UserError(f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(allowed)} or 'all'")
    return chosen
