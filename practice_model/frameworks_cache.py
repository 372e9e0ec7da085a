"""Framework data for a build, loaded once per change of the files rather than per page."""

from __future__ import annotations

from pathlib import Path

from .config import data_paths
from .frameworks import BUILTIN_DIR, FrameworkSet, load_frameworks

_cache: dict[tuple, FrameworkSet] = {}


def framework_dirs(env) -> list[Path]:
    return [BUILTIN_DIR, *data_paths(env).framework_dirs]


def frameworks_for(env) -> FrameworkSet:
    """The frameworks the build's configuration names (raises UserError on a bad file)."""
    dirs = framework_dirs(env)
    key: tuple = tuple((str(p), tuple((f.name, f.stat().st_mtime_ns) for f in sorted(p.glob("*.toml")))) for p in dirs if p.is_dir())
    key += (tuple(str(p) for p in dirs),)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_frameworks(dirs)
    return _cache[key]
