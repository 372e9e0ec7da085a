"""Links from the files 'quiz' and 'mark' write (keys, profiles) to the handbook, that work where the files go.

With the handbook's base URL set (``pm_base_url``), every link is absolute. Without it, links point at the
built site beside the model (``practice-model.json`` sits at the site's top), by a path relative to the folder
the file is written to, so they work when the output is opened where it was written.
"""

from __future__ import annotations

import os
from pathlib import Path

from .model import Model


class HandbookLinks:
    def __init__(self, model: Model, folder: Path):
        """``folder``: where the file holding the links will be (its final place, not a staging folder)."""
        self.model = model
        self.folder = Path(os.path.abspath(folder))
        self.base = (model.handbook.get("base_url") or "").rstrip("/")
        self.site = Path(os.path.abspath(model.path)).parent

    @property
    def absolute(self) -> bool:
        return bool(self.base)

    def at(self, folder: Path) -> HandbookLinks:
        """The same links, for a file in another folder (a learner's folder below the output folder, say)."""
        return HandbookLinks(self.model, folder)

    def page(self, relative: str) -> str:
        """A page of the site by its path in the site, such as 'go/std-neglect.html' or 'exercises/std-neglect.html#supervision'."""
        if self.base:
            return f"{self.base}/{relative}"
        path, _, anchor = relative.partition("#")
        link = Path(os.path.relpath(self.site / path, self.folder)).as_posix()
        return f"{link}#{anchor}" if anchor else link

    def object(self, object_id: str) -> str:
        """An object's permanent link, or "" if the handbook has no such object."""
        obj = self.model.get(object_id)
        if obj is None:
            return ""
        if self.base and obj.get("absolute_permalink"):
            return obj["absolute_permalink"]
        return self.page(obj["permalink"])

    def note(self, out: Path) -> str:
        """What to say, once, when links are relative: they hold only while the output and the site stay put."""
        if self.base:
            return ""
        return (f"the handbook has no base URL (pm_base_url in conf.py), so links in these files point to the built site at "
                f"{self.site} by paths relative to {out}; they work while both stay where they are. "
                "Set pm_base_url and rebuild for links that work anywhere")
