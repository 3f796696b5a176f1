"""Problems are data: where (path, 1-based line and column), how bad, which rule, what to do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def __post_init__(self) -> None:
        # A file name that is not UTF-8 (a results folder, an archive) must still print.
        object.__setattr__(self, "path", readable(self.path))
        object.__setattr__(self, "message", readable(self.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "col": self.col,
                "severity": str(self.severity), "code": self.code, "message": self.message}


def readable(text: str) -> str:
    """Text that can be printed and written as UTF-8: the bytes of a file name that are
    not UTF-8 (Python keeps them as lone surrogates) shown as \\xNN."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


# Codes of a file that cannot be used at all (read/inputs.py gives them): exit 2, where a
# problem inside a file is exit 1.
READ_ERROR, NOT_A_FILE, TOO_LARGE = "read-error", "not-a-file", "file-too-large"
UNUSABLE = frozenset({READ_ERROR, NOT_A_FILE, TOO_LARGE})


def is_unusable(problem: Problem) -> bool:
    """Whether a problem says that an input could not be used at all (exit 2)."""
    return problem.code in UNUSABLE


def error(path: str, line: int, col: int, code: str, message: str) -> Problem:
    return Problem(path, line, col, Severity.ERROR, code, message)


def warning(path: str, line: int, col: int, code: str, message: str) -> Problem:
    return Problem(path, line, col, Severity.WARNING, code, message)


class ChipcmpError(Exception):
    """The one error chipcmp raises on purpose (the API documents it): a message, and in
    `problems` every located problem behind it (path, line, column, code), if any. The CLI
    turns it into the message and an exit code (2: the request itself cannot be served;
    1 for a catalog's problems)."""

    exit_code = 2
    problems: list[Problem] = []


class UsageError(ChipcmpError):
    """A request the core cannot serve: an unknown id, metric, precision or format."""


class CatalogError(ChipcmpError):
    """A catalog (or identity or config file) that cannot be used; carries every problem
    found. Exit 1, or 2 when a file could not be read at all (missing, not a regular
    file, over the size limit)."""

    exit_code = 1

    def __init__(self, problems: list[Problem], what: str = "catalog",
                 hint: str | None = None):
        self.problems = problems
        unusable = [p for p in problems if is_unusable(p)]
        if unusable:
            self.exit_code = 2  # a file that cannot be used at all, not one with problems
            first = unusable[0]
            more = f" (and {len(unusable) - 1} more file(s))" if len(unusable) > 1 else ""
            super().__init__(f"cannot use the {what} {_quoted(first.path)}: "
                             f"{first.message}{more}")
            return
        errors = [p for p in problems if p.severity is Severity.ERROR]
        files = list(dict.fromkeys(p.path for p in errors))
        shown = " ".join(_quoted(f) for f in files[:5]) + (" ..." if len(files) > 5 else "")
        hint = hint or f"'chipcmp validate {shown}' lists every problem"
        super().__init__(f"the {what} has {len(errors)} error(s); {hint}")


def _quoted(path: str) -> str:
    import shlex

    return shlex.quote(path)
