"""Turn the real handbook into a plain Sphinx + MyST + sphinx-design project of the same pages.

The benchmark's baseline for the real handbook: every practice-model block
becomes an admonition with the same body, roles become literals and links to
object IDs become their text, so the plain build reads and writes the same
words without the extension's cards, listings, generated pages or model.

    python tools/plainify.py DOCS OUT     # writes OUT/docs and OUT/conf.py
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

OPENING = re.compile(r"^(?P<fence>:{3,}|`{3,})\{pm:(?P<kind>[a-z-]+)\}(?P<args>.*)$")
OPTION = re.compile(r"^:[a-z-]+:")
ROLE = re.compile(r"\{pm:[a-z-]+\}`([^`]*)`")
ID_LINK = re.compile(r"\[([^\]]*)\]\(#([A-Za-z0-9_-]+)\)")

PLAIN_CONF = '''
exec(compile(open({real_conf!r}).read(), {real_conf!r}, "exec"))
extensions = ["myst_parser", "sphinx_design"]
'''


def plain_markdown(text: str) -> str:
    """The page with practice-model markup replaced by admonitions (same words)."""
    out: list[str] = []
    in_options = False
    for line in text.splitlines():
        opening = OPENING.match(line)
        if opening:
            title = (opening["kind"].replace("-", " ") + opening["args"]).strip()
            out.append(f"{opening['fence']}{{admonition}} {title}")
            in_options = True
            continue
        if in_options and OPTION.match(line):
            continue  # the extension's fields; an admonition takes none of them
        if in_options:
            in_options = False
            if re.fullmatch(r":{3,}|`{3,}", line.strip()):
                # An admonition needs a body; generated listings have none in the source.
                out += ["", "(generated content)"]
        out.append(line)
    text = "\n".join(out) + "\n"
    # Roles and links may wrap across lines, so these work on the whole page.
    text = ROLE.sub(lambda m: f"`{m[1]}`", text)
    return ID_LINK.sub(lambda m: m[1] or m[2], text)


def write_plain_project(docs: Path, conf: Path, out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(docs, out / "docs")
    for page in (out / "docs").rglob("*.md"):
        page.write_text(plain_markdown(page.read_text(encoding="utf-8")), encoding="utf-8")
    (out / "conf.py").write_text(PLAIN_CONF.format(real_conf=str(conf.resolve())))
    return out


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    write_plain_project(Path(sys.argv[1]), root / "conf.py", Path(sys.argv[2]))
