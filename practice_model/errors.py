"""Errors a user can cause, carrying the file and line so every tool reports them the same way."""

from __future__ import annotations


class UserError(Exception):
    """A mistake in the user's input: shown as ``file:line: message``, never as a traceback."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message
