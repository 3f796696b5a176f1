"""Identity files: validated like catalogs, every problem located."""

import pytest

from conftest import DATA
from chipcmp import identity
from chipcmp.cli import main
from chipcmp.problems import CatalogError

BAD = DATA / "merge" / "bad_identity.yaml"


def expected(path):
    return [line.split("expect:", 1)[1].strip() for line in
            path.read_text(encoding="utf-8").splitlines() if line.startswith("# expect:")]


def test_every_problem_of_an_identity_file_is_located():
    _, problems = identity.check([BAD])
    assert [f"{p.line}:{p.col} {p.code}" for p in problems] == expected(BAD)
    assert "did you mean 'same'" in problems[-1].message


def test_a_broken_identity_file_stops_a_command_with_exit_1(capsys):
    with pytest.raises(CatalogError, match="identity file has 4 error"):
        identity.load([BAD])
    code = main(["rank", "--catalog", "@bundled", "--catalog",
                 str(DATA / "merge" / "survey_a.yaml"), "--identity", str(BAD)])
    assert code == 1
    assert f"{BAD}:6:10: error bad-value" in capsys.readouterr().err


def test_validate_knows_an_identity_file_by_its_keys(capsys):
    assert main(["validate", str(BAD)]) == 1
    assert main(["validate", str(identity.bundled_identity_path())]) == 0
    out = capsys.readouterr().out
    assert "unknown top-level key" not in out and ":11:1: error unknown-key" in out


def test_the_bundled_identity_file_is_clean_and_every_decision_has_a_reason():
    decisions, problems = identity.check([identity.BUNDLED_IDENTITY])
    assert problems == []
    assert decisions.same and all(d.reason for d, _ in decisions.same)
