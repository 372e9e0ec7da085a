"""The handbook's settings (``pm_*`` in conf.py): declared in one table, checked once when the configuration is read.

Each setting has its default, what a change rebuilds, the types it takes and
what it is for; ``setup_config`` registers them all with Sphinx. At
``config-inited`` every value is checked once: its type, that the data files
and folders it names exist, that the active frameworks are defined. Each
problem names conf.py (and the line, when the value is written there) and
says how to fix it: a value of the wrong type stops the build with a
``ConfigError``; a missing file or folder, or an unknown framework, is a
``pm.config`` warning (fatal under ``-W``) and the build goes on without it.

Paths in conf.py are relative to the folder of conf.py. Their absolute forms
are derived, never written back into the configuration: they live on the
environment (``data_paths(env)``), so what conf.py says stays what Sphinx
compares between builds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sphinx.errors import ConfigError
from sphinx.util import logging

from .errors import UserError
from .warnings_ import PMWarning, warn

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: str  # what Sphinx rebuilds when it changes: "env" (re-read every page) or "html" (re-write them)
    types: tuple[type, ...]
    description: str
    items: type | None = None  # for a list: the type of each entry


SETTINGS: tuple[Setting, ...] = (
    Setting("pm_organisation", "Our organisation", "env", (str,),
            "The organisation's name, shown in pages and in the model."),
    Setting("pm_logo", "", "html", (str,),
            "A logo image, relative to conf.py; empty for none (conf.py passes it to html_logo, which Sphinx checks)."),
    Setting("pm_base_url", "", "html", (str,),
            "The published address, e.g. 'https://handbook.example.gov.uk/'; empty when not yet published."),
    Setting("pm_feedback_contact", "", "html", (str,),
            "Where readers send feedback (an email address or a page)."),
    Setting("pm_frameworks_active", ["pcf-2018", "kss-cf-2018", "kss-as-2015", "swe-2019"], "env", (list, tuple),
            "IDs of the frameworks this handbook maps to; each must be defined by a framework file.", items=str),
    Setting("pm_framework_dirs", [], "env", (list, tuple),
            "Extra folders of framework files, relative to conf.py (the built-in frameworks are always read).", items=str),
    Setting("pm_themes_file", "", "env", (str,),
            "The inspection themes data file, relative to conf.py; empty for none."),
    Setting("pm_version", "", "env", (str,),
            "The newest release, for 'new' and 'updated' badges; a change re-reads every page."),
    Setting("pm_templates_location", {}, "env", (dict,),
            "Where each practice template is in the case recording system, by name (chronology, pre-birth-plan, "
            "birth-plan, cp-plan), e.g. {'birth-plan': 'Mosaic: Forms > Pre-birth > Birth plan'}; a template "
            "kept as Markdown in docs/_data/templates/ is a Word download instead."),
    Setting("pm_exercise_pages", True, "html", (bool,),
            "Whether the handbook has its Exercises section (a page and Word files per standard and module)."),
)


def setup_config(app) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild, types=setting.types,
                             description=setting.description)
    app.connect("config-inited", check_config)
    app.connect("builder-inited", _note_data_paths)


# --- derived paths ---------------------------------------------------------
@dataclass(frozen=True)
class DataPaths:
    """The data the configuration names, as absolute paths (only those that exist: the others are warned about)."""

    framework_dirs: tuple[Path, ...]  # conf.py's folders only; the built-in one is added by frameworks_cache
    themes_file: Path | None


def _named_paths(confdir: str | Path, config) -> tuple[list[tuple[str, Path]], Path | None]:
    base = Path(confdir)
    dirs = [(p, (base / p).resolve()) for p in config.pm_framework_dirs]
    return dirs, (base / config.pm_themes_file).resolve() if config.pm_themes_file else None


def resolve_paths(confdir: str | Path, config) -> DataPaths:
    dirs, themes = _named_paths(confdir, config)
    return DataPaths(tuple(path for _, path in dirs if path.is_dir()), themes if themes and themes.is_file() else None)


def data_paths(env) -> DataPaths:
    return env.pm_data_paths


def _note_data_paths(app) -> None:
    app.env.pm_data_paths = resolve_paths(app.confdir, app.config)


# --- checking --------------------------------------------------------------
def _where(confdir: str | Path, name: str) -> str:
    """conf.py, with the line that sets ``name`` when there is one (a -D override has none)."""
    path = Path(confdir) / "conf.py"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return str(path)
    # The last assignment is the one that counts.
    match = None
    for match in re.finditer(rf"^{re.escape(name)}\s*=", text, re.MULTILINE):  # noqa: B007 (the last match is kept)
        pass
    return f"{path}:{text.count(chr(10), 0, match.start()) + 1}" if match else str(path)


def _type_names(types: tuple[type, ...]) -> str:
    return " or ".join({"str": "text", "list": "a list", "bool": "True or False"}.get(t.__name__, t.__name__)
                       for t in types if t is not tuple)


def type_problems(confdir: str | Path, config) -> list[str]:
    """Settings of the wrong type: nothing sensible can be built from them."""
    found = []
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        if not isinstance(value, setting.types) or (setting.items and not all(isinstance(v, setting.items) for v in cast(list, value))):
            what = _type_names(setting.types) + (f" of {_type_names((setting.items,))}" if setting.items else "")
            found.append(f"{_where(confdir, setting.name)}: {setting.name} = {value!r} should be {what}; "
                         f"{setting.description[0].lower()}{setting.description[1:]}")
    return found


def data_problems(confdir: str | Path, config) -> list[tuple[str, str]]:
    """(where, message) for each data file, folder or framework the settings name but that is not there."""
    found = []
    dirs, themes = _named_paths(confdir, config)
    for written, folder in dirs:
        if not folder.is_dir():
            found.append((_where(confdir, "pm_framework_dirs"),
                          f"pm_framework_dirs names '{written}', which is not a folder (looked for {folder}); "
                          f"create it, or remove it from the list (paths are relative to conf.py)"))
    if themes is not None and not themes.is_file():
        found.append((_where(confdir, "pm_themes_file"),
                      f"pm_themes_file names '{config.pm_themes_file}', which is not a file (looked for {themes}); "
                      f"fix the path (relative to conf.py), or set pm_themes_file = \"\""))
    return found + _unknown_frameworks(confdir, config)


def _unknown_frameworks(confdir, config) -> list[tuple[str, str]]:
    from .frameworks import BUILTIN_DIR, load_frameworks

    try:
        known = load_frameworks([BUILTIN_DIR, *resolve_paths(confdir, config).framework_dirs]).frameworks
    except UserError:
        return []  # a broken framework file is reported, with its line, where the build reads it
    return [(_where(confdir, "pm_frameworks_active"),
             f"pm_frameworks_active names '{fid}', which no framework file defines; choose from "
             f"{', '.join(sorted(known))}, or add a framework file to a folder in pm_framework_dirs")
            for fid in config.pm_frameworks_active if fid not in known]


def check_config(app, config) -> None:
    """A wrong type stops the build; a missing file or unknown framework is a typed warning (``-W`` makes it fatal)."""
    wrong = type_problems(app.confdir, config)
    if wrong:
        raise ConfigError("\n".join(wrong))
    for where, message in data_problems(app.confdir, config):
        warn(message, PMWarning.CONFIG, where)
