"""Identity files: validated like catalogs, every problem located."""

import re

import pytest

from conftest import DATA
from chipcmp.read import bundled
from chipcmp.catalog import identity
from chipcmp.model.problems import CatalogError

BAD = DATA / "merge" / "bad_identity.yaml"


def expected(path):
    return [line.split("expect:", 1)[1].strip() for line in
            path.read_text(encoding="utf-8").splitlines() if line.startswith("# expect:")]


def test_every_problem_of_an_identity_file_is_located():
    _, problems = identity.check([BAD])
    assert [f"{p.line}:{p.col} {p.code}" for p in problems] == expected(BAD)
    assert "did you mean 'same'" in problems[-1].message


def test_a_broken_identity_file_stops_a_command_with_exit_1(cli):
    with pytest.raises(CatalogError, match="identity file has 4 error"):
        identity.load([BAD])
    ranked = cli("rank", "--catalog", "@bundled", "--catalog",
                 DATA / "merge" / "survey_a.yaml", "--identity", BAD)
    assert ranked.exit_code == 1
    assert f"{BAD}:6:10: error bad-value" in ranked.stderr


def test_validate_knows_an_identity_file_by_its_keys(cli):
    validated = cli("validate", BAD)
    assert validated.exit_code == 1
    out = validated.stdout
    assert "unknown top-level key" not in out and ":11:1: error unknown-key" in out


def test_the_bundled_identity_file_validates_alone(cli):
    # Its dataset ids are about catalogs not loaded; its curated ids exist.
    assert cli("validate", bundled.identity_path()).exit_code == 0


def test_validate_reports_ids_no_loaded_catalog_has(write, cli):
    path = write("same:\n  - ids: [nvidia-t4, nvidia-t5]\n    reason: typo\n"
                 "  - ids: [laics-x, epoch-y]\n    reason: datasets not loaded\n",
                 "identity.yaml")
    validated = cli("validate", path)
    assert validated.exit_code == 1
    out = validated.stdout
    # LAICS is not loaded (its ids are about a catalog not in use); Epoch's snapshot is
    assert re.findall(r":(\d+:\d+): error unknown-id .*'(\S+)'", out) == [
        ("2:22", "nvidia-t5"), ("4:20", "epoch-y")]


def test_validate_checks_ids_against_the_catalogs_given_together(write, cli):
    path = write("same:\n  - ids: [nvidia-t4, alpha-chip]\n    reason: test\n",
                 "identity.yaml")
    validated = cli("validate", "--together", DATA / "valid" / "small.yaml", path)
    assert validated.exit_code == 1
    assert "'nvidia-t4'" in validated.stdout  # not in small.yaml


def test_the_bundled_identity_file_is_clean_and_every_decision_has_a_reason():
    decisions, problems = identity.check([bundled.KEYWORD])
    assert problems == []
    assert decisions.same and all(d.reason for d, _ in decisions.same)


CONFLICT = """\
same:
  - ids: [nvidia-t4, vastai-va1]
    reason: one
distinct:
  - ids: [vastai-va1, nvidia-t4]
    reason: the other
"""


def test_a_pair_decided_both_same_and_distinct_fails_validate(write, cli):
    path = write(CONFLICT, "identity.yaml")
    validated = cli("validate", path)
    assert validated.exit_code == 1
    out = validated.stdout
    assert ":5:5: error identity-conflict " in out  # the later decision, located
    assert "identity.yaml:2:5" in out  # ... naming the other


def test_a_conflict_through_a_chain_of_same_decisions_is_found(write):
    path = write("same:\n  - ids: [a1, b1]\n    reason: r\n  - ids: [b1, c1]\n    reason: r\n"
                 "distinct:\n  - ids: [c1, a1]\n    reason: r\n", "identity.yaml")
    decisions, problems = identity.check([path])
    assert problems == []
    assert [p.code for p in identity.conflicts(decisions)] == ["identity-conflict"]


def test_a_conflict_stops_a_data_command_with_the_same_message(write, cli):
    path = write(CONFLICT, "identity.yaml")
    ranked = cli("rank", "--identity", path)
    assert ranked.exit_code == 1
    err = ranked.stderr
    assert ":5:5: error identity-conflict " in err


@pytest.mark.parametrize("text, status", [(None, 2), ("same: [\n", 1), (b"\xff\xfe", 1)])
def test_an_identity_file_named_explicitly_must_be_usable(write, cli, text, status,
                                                          tmp_path):
    path = tmp_path / "nope.yaml" if text is None else write(text, "identity.yaml")
    ranked = cli("rank", "--identity", path)
    assert ranked.exit_code == status
    assert f"{path}:" in ranked.stderr


def test_chipcmp_identity_names_a_file_that_must_be_usable(monkeypatch, tmp_path, cli):
    monkeypatch.setenv("CHIPCMP_IDENTITY", str(tmp_path / "nope.yaml"))
    ranked = cli("rank")
    assert ranked.exit_code == 2
    assert "nope.yaml:1:1: error read-error" in ranked.stderr
