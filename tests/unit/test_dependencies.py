"""The declared dependency floors are the ones CI tests: constraints/floors.txt pins each
runtime dependency at exactly the lower bound pyproject.toml declares."""

import re
import tomllib

from conftest import REPO


def _floors_declared() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for requirement in project["dependencies"]:
        match = re.match(r"^([A-Za-z0-9_.-]+)\s*>=\s*([0-9][^,;\s]*)", requirement)
        assert match, f"{requirement!r} has no lower bound"
        floors[match[1].lower()] = match[2]
    return floors


def _floors_tested() -> dict[str, str]:
    pinned = {}
    for line in (REPO / "constraints" / "floors.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pinned[name.strip().lower()] = version.strip()
    return pinned


def _same_release(a: str, b: str) -> bool:
    """0.16 and 0.16.0 name one release."""
    def parts(v: str) -> list[int]:
        numbers = [int(p) for p in v.split(".")]
        while numbers and numbers[-1] == 0:
            numbers.pop()
        return numbers

    return parts(a) == parts(b)


def test_every_runtime_dependency_is_tested_at_its_declared_floor():
    declared, tested = _floors_declared(), _floors_tested()
    assert set(declared) == set(tested)
    for name, floor in declared.items():
        assert _same_release(floor, tested[name]), (name, floor, tested[name])


def test_ci_runs_the_suite_at_the_floors():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "constraints/floors.txt" in ci
