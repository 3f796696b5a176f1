from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent
DATA = TESTS / "data"
REPO = TESTS.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def write(tmp_path: Path):
    """Write a catalog text to a temporary file and return its path."""

    def _write(text: str | bytes, name: str = "catalog.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


def tool(name: str) -> str | None:
    """A console script installed beside this Python (the venv's bin), else on PATH: the
    test command runs .venv/bin/python without activating the venv."""
    import shutil
    import sys

    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)
