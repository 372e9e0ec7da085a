"""Every warning the practice model gives, typed ``pm.<subtype>``, in one registry.

Sphinx shows the type after each message (``[pm.missing-field]``), ``-W``
builds fail on it, ``suppress_warnings`` can name it and ``practice-model
check`` sorts by it. The authoring guide's table of warning types is drawn
from this enum (``pm:warning-types``), so a new subtype is documented where
it is declared.
"""

from __future__ import annotations

from enum import Enum

from sphinx.util import logging

WARNING_TYPE = "pm"
logger = logging.getLogger(__name__)


class PMWarning(Enum):
    """A warning subtype and what it tells the author to do."""

    description: str

    def __new__(cls, subtype: str, description: str) -> PMWarning:
        member = object.__new__(cls)
        member._value_ = subtype
        member.description = description
        return member

    # IDs and links
    DUPLICATE_ID = "duplicate-id", "Two objects have the same ID; the first (by page and line) is used. Give one a new ID."
    ID_PREFIX = "id-prefix", "An ID does not start with its kind's prefix (for example 'std-' for a standard); rename it."
    BAD_ID = "bad-id", "An ID is not lower-case words joined by hyphens after the kind's prefix."
    UNKNOWN_TARGET = "unknown-target", "A link option (such as ':principles:') names an ID no object has; check the spelling."
    WRONG_TARGET = "wrong-target", "A link option names an object of the wrong kind (for example a term in ':principles:')."
    # options
    MISSING_FIELD = "missing-field", "A required option (such as ':owner:' or ':maps:') or an object's text is missing."
    BAD_DATE = "bad-date", "A date option is not written YYYY-MM-DD."
    BAD_CHOICE = "bad-choice", "An option's value is not one of those allowed; the message lists them."
    BAD_QUESTION = "bad-question", "A question's body cannot be read: no stem, no option marked correct, or a wrong type."
    # settings
    CONFIG = ("config", "A setting in conf.py names a framework, folder or data file that does not exist; the message "
              "names the conf.py line and the choices.")
    # frameworks
    UNKNOWN_FRAMEWORK_ITEM = "unknown-framework-item", "An outcome's ':maps:' names an item no framework has (e.g. 'pcf-99')."
    UNKNOWN_FRAMEWORK = "unknown-framework", "'pm:coverage' names a framework the handbook does not have."
    FRAMEWORK = "framework", "A framework file cannot be read; the message names the file and line."
    # pages
    ANATOMY = "anatomy", "A standard or module page lacks one of its '## ' sections; the message lists them in order."
    MISPLACED = "misplaced", "A directive is where it cannot work, such as 'pm:related' before the page's standard or module."
    DATA_FILE = "data-file", "A mistake in a data file such as the inspection themes; the message names the file and line."
    RAW_HTML = ("raw-html", "HTML that could run script (such as '<script>', 'onclick=' or a 'javascript:' link) is left out "
                "of the page; write Markdown or use a directive instead.")
    NESTING = ("nesting", "Lists or quotes are nested about ten levels deep: the Markdown parser leaves out the lines the "
               "message names, so flatten or split the list.")
    TEMPLATE = "template", "An exercise template cannot be read; the message names the file and what to change."
    PRACTICE_TEMPLATE = ("practice-template", "'pm:template' names a template that is neither a Markdown file in "
                         "docs/_data/templates/ nor placed by pm_templates_location in conf.py; add one or the other.")

    @property
    def full_name(self) -> str:
        """The name Sphinx shows and ``suppress_warnings`` takes, e.g. ``pm.missing-field``."""
        return f"{WARNING_TYPE}.{self.value}"


def warn(message: str, subtype: PMWarning, location) -> None:
    """A typed warning, so ``-W`` fails the build and ``suppress_warnings`` can name it."""
    if not isinstance(subtype, PMWarning):
        raise TypeError(f"warning subtype {subtype!r} is not in the registry (practice_model/warnings_.py)")
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
