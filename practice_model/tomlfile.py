"""Reading the project's TOML data files with errors that name the file and line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .errors import UserError


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed data and the raw text (kept to find lines for later errors)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read the file ({exc.strerror})", str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError("the file is not UTF-8 text; save it as UTF-8", str(path), line) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise UserError(
            f"not valid TOML ({exc}); check quotes, brackets and '=' signs", str(path),
            int(match.group(1)) if match else None,
        ) from None


def line_of(text: str, value: str) -> int | None:
    """The 1-based line where a quoted value first appears, to point errors at it."""
    for number, line in enumerate(text.splitlines(), start=1):
        if f'"{value}"' in line or f"'{value}'" in line:
            return number
    return None
