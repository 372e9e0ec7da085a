"""Domain indices: standards by principle and by inspection theme; outcomes by framework item.

Sphinx writes each as ``pm-<name>.html`` on every build, from the domain data,
so they are never stale.
"""

from __future__ import annotations

from collections import defaultdict

from sphinx.domains import Index, IndexEntry

from .frameworks_cache import frameworks_for


def _entries(domain, groups: dict[str, list[str]], group_titles: dict[str, str]):
    content = []
    for key in sorted(groups, key=lambda k: (group_titles.get(k) or k).lower()):
        rows = []
        for oid in sorted(groups[key]):
            entry = domain.get(oid)
            rows.append(IndexEntry(entry["title"], 0, entry["docname"], entry["anchor"], "", "", ""))  # no raw IDs for readers
        content.append((group_titles.get(key, key), rows))
    return content, False


class _LinkIndex(Index):
    source_kind = ""
    link = ""
    target_kind = ""

    def generate(self, docnames=None):
        groups: dict[str, list[str]] = defaultdict(list)
        for entry in self.domain.of_kind(self.source_kind):
            for target in entry["links"].get(self.link, []):
                if self.domain.get(target):
                    groups[target].append(entry["id"])
        titles = {t: self.domain.get(t)["title"] for t in groups}
        return _entries(self.domain, groups, titles)


class StandardsByPrinciple(_LinkIndex):
    name = "by-principle"
    localname = "Practice standards by principle"
    shortname = "by principle"
    source_kind, link = "standard", "principles"


class StandardsByTheme(_LinkIndex):
    name = "by-theme"
    localname = "Practice standards by inspection theme"
    shortname = "by theme"
    source_kind, link = "standard", "themes"


class OutcomesByFrameworkItem(Index):
    name = "by-framework-item"
    localname = "Learning outcomes by framework item"
    shortname = "by framework item"

    def generate(self, docnames=None):
        frameworks = frameworks_for(self.domain.env)
        groups: dict[str, list[str]] = defaultdict(list)
        for entry in self.domain.of_kind("outcome"):
            for item in entry["fields"].get("maps", []):
                groups[item].append(entry["id"])
        titles = {}
        for item_id in groups:
            found = frameworks.item(item_id)
            titles[item_id] = f"{found[0].short} {found[1].number}: {found[1].title}" if found else item_id
        return _entries(self.domain, groups, titles)


INDICES = [StandardsByPrinciple, StandardsByTheme, OutcomesByFrameworkItem]
