"""Reading the cohort: --learner IDs, or a CSV with an id column, or a text file with one ID per line."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError

# Whole-string match (re.fullmatch): with re.match, "$" also matches before a final newline, so "A1\n" passed.
# IDs become folder names, so this rule is also what keeps every output inside --out.
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True)
class Learner:
    id: str
    extra_time: int = 0  # percent, for reasonable adjustments


def is_learner_id(value) -> bool:
    """The one rule for learner IDs, wherever they come from (--learner, cohort files, manifests, responses)."""
    return isinstance(value, str) and SAFE_ID.fullmatch(value) is not None


def check_learner_id(learner_id, where: str, line: int | None = None) -> str:
    if not is_learner_id(learner_id):
        raise UserError(f"learner ID {learner_id!r} should be a pseudonymous ID such as a staff number (letters, digits, "
                        "'.', '_' or '-', starting with a letter or digit, no spaces), never a name", where, line)
    return learner_id


def check_manifest_learners(manifest: dict, where: str) -> None:
    """A manifest may have been edited after it left the tool: its learner IDs must pass the same rule."""
    entries = manifest.get("learners") if isinstance(manifest, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        check_learner_id(entry.get("id") if isinstance(entry, dict) else entry, where)


def read_learners(ids: list[str], path: Path | None) -> list[Learner]:
    learners: list[Learner] = [Learner(check_learner_id(i, "--learner", None)) for i in ids]
    if path is not None:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise UserError("learners file not found", str(path)) from None
        except UnicodeDecodeError:
            raise UserError("the learners file is not UTF-8 text; save it as UTF-8 CSV", str(path)) from None
        if path.suffix.lower() == ".csv":
            reader = csv.DictReader(io.StringIO(text))
            if not reader.fieldnames or "id" not in [f.strip().lower() for f in reader.fieldnames]:
                raise UserError("the CSV needs an 'id' column (and may have 'extra_time')", str(path), 1)
            for row in reader:
                row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
                if not row.get("id"):
                    continue
                extra = row.get("extra_time") or "0"
                if not extra.isdigit():
                    raise UserError(f"extra_time '{extra}' should be a whole percentage, e.g. 25", str(path), reader.line_num)
                learners.append(Learner(check_learner_id(row["id"], str(path), reader.line_num), int(extra)))
        else:
            for number, line in enumerate(text.splitlines(), start=1):
                if line.strip() and not line.lstrip().startswith("#"):
                    learners.append(Learner(check_learner_id(line.strip(), str(path), number)))
    seen: set[str] = set()
    for learner in learners:
        # IDs name folders, and on Windows and macOS 'A1' and 'a1' are the same folder.
        if learner.id.casefold() in seen:
            raise UserError(f"learner '{learner.id}' is listed twice (IDs differing only in case count as the same)",
                            str(path) if path else "--learner")
        seen.add(learner.id.casefold())
    if not learners:
        raise UserError("no learners: give --learner ID (repeatable) or --learners FILE")
    return learners
