"""Every file a build of the handbook reads, so that ``check`` can scan all of them.

Pages are not the only thing published: data files (inspection themes,
framework files), release snapshots, files pulled in with ``{include}`` or
``{literalinclude}`` (from anywhere) and conf.py's settings reach the site too.
"""

from __future__ import annotations

import re
from pathlib import Path

# Files the build reads that cannot hold text a reader sees as text.
BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".pdf", ".woff", ".woff2", ".ttf", ".otf",
                   ".eot", ".zip", ".gz", ".docx", ".xlsx", ".pptx", ".mp3", ".mp4", ".webm", ".pickle", ".doctree"}
INCLUDE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\s*\{(?:include|literalinclude)\}\s+(?P<path>\S.*?)\s*$")


def build_inputs(root: Path) -> list[Path]:
    """conf.py, every file under docs/ (but built output and hidden folders), the data files and
    framework folders conf.py names and every included file, in a stable order. The built-in
    frameworks are left out: they are the tool's own published national texts, the same in
    every project, and no project can change them."""
    root = root.resolve()
    source = root / "docs"
    found: dict[Path, None] = {}

    def add(path: Path) -> None:
        path = path.resolve()
        if path.is_file() and path.suffix.lower() not in BINARY_SUFFIXES:
            found.setdefault(path, None)

    add(root / "conf.py")
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).parts
        if not any(part == "_build" or part.startswith(".") or part == "__pycache__" for part in relative):
            add(path)
    themes, framework_dirs = _data_settings(root)
    if themes:
        add(root / themes)
    for folder in (root / d for d in framework_dirs):
        for path in sorted(folder.glob("*.toml")):
            add(path)
    pending = [p for p in found if p.suffix == ".md"]
    while pending:  # included files, and the files they include
        page = pending.pop()
        for target in _includes(page, source):
            if target.resolve() not in found:
                add(target)
                if target.suffix == ".md" and target.resolve() in found:
                    pending.append(target.resolve())
    return sorted(found)


def _includes(page: Path, source: Path) -> list[Path]:
    """Files a Markdown page includes: a path starting with / is from docs/, any other from the page's folder."""
    targets = []
    for line in page.read_text(encoding="utf-8", errors="replace").splitlines():
        m = INCLUDE.match(line)
        if m:
            name = m.group("path")
            targets.append(source / name.lstrip("/") if name.startswith("/") else page.parent / name)
    return targets


def _data_settings(root: Path) -> tuple[str, list[str]]:
    """pm_themes_file and pm_framework_dirs as conf.py sets them (paths relative to conf.py)."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    try:
        settings = eval_config_file(root / "conf.py", Tags())
    except Exception:  # a broken conf.py is reported by the build itself  # noqa: BLE001
        return "", []
    themes = settings.get("pm_themes_file") or ""
    dirs = settings.get("pm_framework_dirs") or []
    return (themes if isinstance(themes, str) else ""), [d for d in dirs if isinstance(d, str)]
