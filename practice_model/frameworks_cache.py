"""Framework data for a build, loaded once per change of the files rather than per page."""

from __future__ import annotations

from pathlib import Path

from .frameworks import BUILTIN_DIR, FrameworkSet, load_frameworks

_cache: dict[tuple, FrameworkSet] = {}


def framework_dirs(config) -> list[Path]:
    return [BUILTIN_DIR, *(Path(p) for p in config.pm_framework_dirs)]


def frameworks_for(config) -> FrameworkSet:
    """The frameworks the build's configuration names (raises UserError on a bad file)."""
    dirs = framework_dirs(config)
    key = tuple((str(p), tuple((f.name, f.stat().st_mtime_ns) for f in sorted(p.glob("*.toml")))) for p in dirs if p.is_dir())
    key += (tuple(str(p) for p in dirs),)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_frameworks(dirs)
    return _cache[key]
