"""Reading ``practice-model.json``: the one way every tool gets the handbook's objects."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import UserError

SUPPORTED_MAJOR = "1"


@dataclass
class Model:
    data: dict
    path: Path

    @property
    def handbook(self) -> dict:
        return self.data["handbook"]

    @cached_property
    def objects(self) -> dict[str, dict]:
        """ID -> object, built once (tools look objects up many times)."""
        return {o["id"]: o for o in self.data["objects"]}

    @cached_property
    def _by_kind(self) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for obj in self.data["objects"]:
            grouped.setdefault(obj["kind"], []).append(obj)
        return grouped

    def of_kind(self, kind: str) -> list[dict]:
        return list(self._by_kind.get(kind, []))

    def get(self, object_id: str) -> dict | None:
        return self.objects.get(object_id)

    @cached_property
    def _framework_items(self) -> dict[str, tuple[dict, dict]]:
        return {item["id"]: (fw, item) for fw in self.data["frameworks"] for item in fw["items"]}

    def framework_items(self) -> dict[str, tuple[dict, dict]]:
        return self._framework_items


def failed_build(data: dict) -> int:
    """How many warnings the build that wrote this model had (0: a clean build)."""
    build = data.get("build")
    return int(build.get("warnings", 1)) if isinstance(build, dict) and build.get("ok") is False else 0


def load_model(path: Path, allow_failed: bool = False) -> Model:
    """The model at ``path``; one written by a build with warnings only when ``allow_failed`` (as 'check' reads its own)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError("no model file here; build the handbook first with 'practice-model build'", str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise UserError("the model file is damaged (not JSON); rebuild it with 'practice-model build'", str(path), line) from None
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SUPPORTED_MAJOR:
        raise UserError(
            f"model schema version '{version}' is not supported (this tool reads {SUPPORTED_MAJOR}.x); "
            "rebuild the handbook with this version of practice-model", str(path))
    if not allow_failed and failed_build(data):
        raise UserError(f"this model comes from a build that failed ({failed_build(data)} warning(s)); fix the warnings "
                        "'practice-model build' shows, then use the model it writes", str(path))
    return Model(data, path)
