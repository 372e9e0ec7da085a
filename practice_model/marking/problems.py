"""A problem found while marking: where (file:line, or the learner) and what, reported without stopping."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    where: str
    message: str
