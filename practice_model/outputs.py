"""Writing a folder of outputs all at once: staged beside the target, moved into place when complete."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from .errors import UserError


def check_target(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise UserError("the output path is a file; give a folder", str(out))
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UserError("the output folder is not empty; choose a new folder or add --force to replace it", str(out))


@contextlib.contextmanager
def staged_folder(out: Path, force: bool):
    """Yield a temporary folder; on success it replaces ``out``. On any error nothing at ``out`` changes."""
    check_target(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old"
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
    stage.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write(stage: Path, relative: str, data: bytes) -> None:
    path = stage / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def parse_formats(value: str, allowed) -> list[str]:
    """A comma list of formats, or 'all'; an unknown one is a clear error."""
    chosen = list(allowed) if value.strip() == "all" else [v.strip() for v in value.split(",") if v.strip()]
    unknown = [f for f in chosen if f not in allowed]
    if unknown or not chosen:
        raise UserError(f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(allowed)} or 'all'")
    return chosen
