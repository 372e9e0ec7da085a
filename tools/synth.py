"""Synthetic handbook corpora for benchmarks: N pages of standards, modules, outcomes, terms and questions.

Writes two projects with the same words: ``pm/`` uses our directives, and
``plain/`` has them replaced by plain Markdown (headings, paragraphs, links),
so a benchmark can compare our build with a plain Sphinx + MyST +
sphinx-design build of the same pages. Deterministic for a given N and seed.

    python tools/synth.py 300 /tmp/corpus-300
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

WORDS = ("child family parent carer assessment plan risk harm protection support network school health visit record chronology "
         "analysis supervision review conference strategy decision manager practitioner voice experience wishes feelings safety "
         "trust relationship history pattern neglect abuse domestic exploitation court care leaver transition adult services "
         "partner agency referral threshold early help outcome change impact evidence reflection judgement curiosity").split()
ANATOMY = ("Scope and who it is for", "Why it matters", "What good looks like", "Expectations", "How the principles apply",
           "Tools and templates", "Common pitfalls", "Reflective questions for supervision", "Practice questions",
           "Related modules and standards")
MODULE_ANATOMY = ("Learning outcomes", "Pre-reading", "Activities", "Evidence of learning and impact")
PRINCIPLES = ("safety", "trust", "choice", "collaboration", "empowerment", "cultural-consideration")

CONF = '''project = "Synthetic handbook"
release = "bench"
extensions = ["myst_parser", "sphinx_design"{extra}]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "_data"]
html_theme = "pydata_sphinx_theme"
html_theme_options = {{"navigation_depth": 2, "collapse_navigation": True, "show_toc_level": 2}}
html_last_updated_fmt = None
html_copy_source = False
{pm}'''


class Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self, words: int = 14) -> str:
        text = " ".join(self.rng.choice(WORDS) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int = 4) -> str:
        return " ".join(self.sentence(self.rng.randint(9, 18)) for _ in range(sentences))


def split(n: int) -> dict[str, int]:
    """How N pages divide into kinds (about 60% standards, 30% modules, 10% glossary pages)."""
    glossary = max(1, n // 10)
    modules = max(1, (n - glossary) // 3)
    return {"standards": max(1, n - glossary - modules), "modules": modules, "glossary": glossary}


def block(pm: bool, kind: str, oid: str, options: dict[str, str], body: str, title: str = "") -> str:
    if pm:
        opts = "".join(f":{k}: {v}\n" for k, v in options.items())
        return f":::{{pm:{kind}}} {oid}\n{opts}\n{body}\n:::\n"
    heading = f"**{title}**\n\n" if title else ""
    return f"{heading}{body}\n"


def link(pm: bool, oid: str, title: str, page: str) -> str:
    return f"[](#{oid})" if pm else f"[{title}]({page})"


def standard_page(w: Writer, pm: bool, i: int, counts: dict[str, int]) -> str:
    oid = f"std-s{i:04d}"
    principles = " ".join(f"prin-{p}" for p in w.rng.sample(PRINCIPLES, 2))
    related = [f"std-s{j:04d}" for j in w.rng.sample(range(counts["standards"]), min(2, counts["standards"])) if j != i]
    options = {"owner": "Principal social worker", "last-reviewed": "2026-11-01", "next-review": "2027-05-01",
               "principles": principles, "related": " ".join(related)}
    parts = [f"# Standard {i}: {w.rng.choice(WORDS)} and {w.rng.choice(WORDS)}\n",
             block(pm, "standard", oid, options, w.paragraph(3))]
    for number, section in enumerate(ANATOMY):
        parts.append(f"## {section}\n")
        if section == "Reflective questions for supervision":
            for q in range(3):
                parts.append(block(pm, "prompt", f"prompt-s{i:04d}-{q}", {}, w.sentence()))
        elif section == "Practice questions":
            for q in range(3):
                body = f"{w.sentence()}\n\n- [x] {w.sentence(6)}\n  > {w.sentence(8)}\n- [ ] {w.sentence(6)}\n  > {w.sentence(8)}\n- [ ] {w.sentence(6)}\n\n{w.sentence()}"
                if not pm:
                    body = body.replace("- [x] ", "- ").replace("- [ ] ", "- ")
                parts.append(block(pm, "question", f"q-s{i:04d}-{q}", {"difficulty": str(1 + q)}, body))
        elif section == "Related modules and standards":
            parts.append(":::{pm:related}\n:::\n" if pm else "".join(f"- {link(False, r, r, f's{int(r[5:]):04d}.md')}\n" for r in related))
        else:
            term = w.rng.randrange(counts["glossary"] * 10)
            parts.append(f"{w.paragraph(5)} See {link(pm, f'term-t{term:04d}', f'Term {term}', f'../glossary/g{term // 10:03d}.md')}.\n\n{w.paragraph(4)}\n")
        del number
    return "\n".join(parts)


def module_page(w: Writer, pm: bool, i: int, counts: dict[str, int]) -> str:
    oid = f"mod-m{i:04d}"
    teaches = " ".join(f"std-s{j:04d}" for j in w.rng.sample(range(counts["standards"]), min(3, counts["standards"])))
    options = {"audience": "children", "level": "asye", "format": "workshop", "length": "One day", "owner": "Workforce lead",
               "last-reviewed": "2026-11-01", "next-review": "2027-05-01", "teaches": teaches}
    parts = [f"# Module {i}: {w.rng.choice(WORDS)}\n", block(pm, "module", oid, options, w.paragraph(2))]
    for section in MODULE_ANATOMY:
        parts.append(f"## {section}\n")
        if section == "Learning outcomes":
            for o in range(3):
                maps = f"pcf-{w.rng.randint(1, 9)} kss-cf-{w.rng.randint(1, 10)} swe-{w.rng.randint(1, 6)}"
                parts.append(block(pm, "outcome", f"out-m{i:04d}-{o}", {"maps": maps}, w.sentence()))
        else:
            parts.append(w.paragraph(4) + "\n")
    return "\n".join(parts)


def glossary_page(w: Writer, pm: bool, g: int) -> str:
    parts = [f"# Glossary part {g}\n"]
    for t in range(10):
        number = g * 10 + t
        title = f"Term {number} {w.rng.choice(WORDS)}"
        options = {"title": title, "area": ("law", "plan")[number % 2], "acronym": f"T{number}",
                   "synonyms": f"{w.rng.choice(WORDS)} {number}; old term {number}"}
        parts.append(f"## {title}\n" if not pm else "")
        parts.append(block(pm, "term", f"term-t{number:04d}", options, w.sentence(), title if not pm else ""))
    return "\n".join(parts)


def principles_page(pm: bool) -> str:
    parts = ["# Principles\n"]
    for p in PRINCIPLES:
        title = p.replace("-", " ").capitalize()
        parts.append(block(pm, "principle", f"prin-{p}", {"title": title, "group": "trauma-informed", "in-a-visit": f"{title} on a visit."},
                           f"{title} means this.", title))
    return "\n".join(parts)


BANK_ITEM = """:::{{pm:question}} q-bank-{n:04d} <!-- pm-allow key-longest: synthetic benchmark item, not assessed -->
:tests: std-s{s:04d}
:difficulty: {d}

{stem}

- [x] {a}
  > {fa}
- [ ] {b}
  > {fb}
- [ ] {c}

{why}
:::
"""


def write_project(root: Path, n: int, seed: int, pm: bool) -> dict[str, int]:
    w = Writer(random.Random(seed))
    counts = split(n)
    docs = root / "docs"
    if root.exists():
        shutil.rmtree(root)
    for folder in ("standards", "modules", "glossary", "_data"):
        (docs / folder).mkdir(parents=True)
    extra = ', "practice_model"' if pm else ""
    settings = 'pm_themes_file = "docs/_data/themes.toml"\n' if pm else ""
    (root / "conf.py").write_text(CONF.format(extra=extra, pm=settings))
    (docs / "_data" / "themes.toml").write_text('[[themes]]\nid = "theme-bench"\ntitle = "Bench"\ndescription = "A theme."\n\n'
                                                '[[themes.findings]]\nkind = "gap"\ntext = "A finding."\nsource = "A letter, 2022"\n')
    (docs / "index.md").write_text("# Synthetic handbook\n\n```{toctree}\n:maxdepth: 1\n:glob:\n\nprinciples\nstandards/*\nmodules/*\nglossary/*\n```\n")
    (docs / "principles.md").write_text(principles_page(pm))
    for i in range(counts["standards"]):
        (docs / "standards" / f"s{i:04d}.md").write_text(standard_page(w, pm, i, counts))
    for i in range(counts["modules"]):
        (docs / "modules" / f"m{i:04d}.md").write_text(module_page(w, pm, i, counts))
    for g in range(counts["glossary"]):
        (docs / "glossary" / f"g{g:03d}.md").write_text(glossary_page(w, pm, g))
    if pm:
        banks = root / "quizzes" / "banks"
        banks.mkdir(parents=True)
        items = [BANK_ITEM.format(n=k, s=k % counts["standards"], d=1 + k % 3, stem=w.sentence(), a=w.sentence(6), b=w.sentence(6),
                                  c=w.sentence(6), fa=w.sentence(8), fb=w.sentence(8), why=w.sentence()) for k in range(max(30, n // 2))]
        (banks / "bank.md").write_text("# Synthetic bank\n\n" + "\n".join(items))
        (root / "quizzes" / "bench.toml").write_text(
            'title = "Benchmark quiz"\nseed = 1\ntime_limit = 30\npass_mark = 60\nbanks = ["banks/*.md"]\ngenerated = true\n\n'
            '[[slots]]\nname = "Bank"\ncount = 15\nsources = ["bank"]\n\n[[slots]]\nname = "Generated"\ncount = 5\nsources = ["generated"]\n')
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    counts = write_project(args.out / "pm", args.pages, args.seed, pm=True)
    write_project(args.out / "plain", args.pages, args.seed, pm=False)
    print(f"Wrote {args.pages} pages ({counts}) to {args.out}/pm and {args.out}/plain")
    return 0


if __name__ == "__main__":
    sys.exit(main())
