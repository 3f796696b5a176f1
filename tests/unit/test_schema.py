import json
import subprocess

import pytest

from conftest import DATA, REPO, tool
from chipcmp.read.bundled import catalog_path as bundled_catalog_path
from chipcmp.model.schema import SCHEMA_DIALECT, json_schema

SCHEMA_FILE = REPO / "schema" / "chips.schema.json"


def test_schema_command_prints_draft_2020_12(cli):
    result = cli("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {"about", "sources", "products", "claims", "results",
                                         "prices"}


def test_schema_file_is_in_step_with_the_model():
    """Regenerate with: chipcmp schema --output schema/chips.schema.json"""
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema()


def test_catalog_points_editors_at_the_schema():
    first_line = bundled_catalog_path().read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/chips.schema.json"


CHECK_JSONSCHEMA = tool("check-jsonschema")


@pytest.mark.skipif(CHECK_JSONSCHEMA is None,
                    reason="check-jsonschema is not installed (pip install '.[test]')")
def test_check_jsonschema_accepts_the_bundled_catalog_and_rejects_a_bad_one():
    good = subprocess.run([CHECK_JSONSCHEMA, "--schemafile", str(SCHEMA_FILE),
                           str(bundled_catalog_path()), str(DATA / "valid" / "small.yaml")],
                          capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run([CHECK_JSONSCHEMA, "--schemafile", str(SCHEMA_FILE),
                          str(DATA / "invalid" / "unknown_key.yaml")],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "procss" in bad.stdout
