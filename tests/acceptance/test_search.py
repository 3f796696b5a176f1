"""Finding products by what people type (catalog/search.py): a name or alias wherever an
id is taken, when it names one product; several exit 2 with their ids."""

import json

import pytest


@pytest.mark.parametrize("key, product", [
    ("nvidia-t4", "nvidia-t4"),            # an id
    ("T4", "nvidia-t4"),                   # the name
    ("A100 40GB SXM", "nvidia-a100"),      # a name with spaces
    ("NVIDIA A100 SXM4 40 GB", "nvidia-a100"),  # an alias
    ("H100 SXM5", "nvidia-h100-sxm5-80gb"),  # whole words of one product's name
])
def test_show_takes_a_name(key, product, cli):
    shown = cli("show", key, "--format", "json")
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["id"] == product


def test_an_ambiguous_name_exits_2_listing_the_candidates(cli):
    shown = cli("show", "A100")
    assert shown.exit_code == 2
    err = shown.stderr
    assert "'A100' names" in err and "nvidia-a100 (A100 40GB SXM)" in err
    assert "epoch-nvidia-a100-pcie" in err


def test_compare_and_the_api_take_names(cli):
    import chipcmp

    compared = cli("compare", "T4", "A100 40GB SXM", "--format", "json")
    assert compared.exit_code == 0
    assert [r["id"] for r in json.loads(compared.stdout)] == ["nvidia-t4", "nvidia-a100"]
    assert chipcmp.load().product("T4").id == "nvidia-t4"
    assert cli("compare", "T4", "nope-nothing").exit_code == 2


def test_claims_take_claim_ids_or_products(cli):
    claims = cli("claims", "T4", "--format", "json")
    assert claims.exit_code == 0
    ids = {r["id"] for r in json.loads(claims.stdout)}
    assert "va1-resnet50-vs-t4" in ids
    assert all("t4" in i or "va1" in i for i in ids)
    one = cli("claims", "va1-resnet50-vs-t4", "--format", "json")
    assert one.exit_code == 0
    assert [r["id"] for r in json.loads(one.stdout)] == ["va1-resnet50-vs-t4"]
    unknown = cli("claims", "no-such-claim")
    assert unknown.exit_code == 2
    assert "is no claim id" in unknown.stderr
