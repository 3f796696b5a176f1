"""analyses/suggest: the pairs `chipcmp identity --suggest` proposes for a person to
decide: the same figures and nothing different, neither merged nor decided apart."""

import yaml

from chipcmp import api
from chipcmp.analyses.suggest import suggest

SOURCES = {"s": {"title": "A source", "url": "https://example.com/s"}}


def card(pid, name, fp16="989 TFLOPS", power="700 W", memory="80 GB", vendor="Acme"):
    return {"id": pid, "name": name, "vendor": vendor, "kind": "card",
            "segment": "datacenter",
            "compute": [{"precision": "fp16", "peak": fp16, "source": "s"},
                        {"precision": "int8", "peak": "1979 TOPS", "source": "s"}],
            "power": [{"kind": "tdp", "scope": "card", "value": power, "source": "s"}],
            "memory": {"capacity": memory, "source": "s"}}


PRODUCTS = [
    card("x100", "Acme X100"),
    card("gx100", "Acme GX100"),                           # the die, the same figures
    card("x100-big", "Acme X100 160 GB", memory="160 GB"),  # a sibling: more memory
    card("y7", "Acme Y7", fp16="500 TFLOPS"),               # another part
    card("other", "Other X100", vendor="Other Corp"),       # another vendor
    card("z1", "Acme Z1", fp16="300 TFLOPS", power="300 W"),  # alike, decided distinct
    card("z2", "Acme Z2", fp16="300 TFLOPS", power="300 W"),
]


def load(tmp_path, identity=None):
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump({"sources": SOURCES, "products": PRODUCTS}),
                    encoding="utf-8")
    decisions = tmp_path / "identity.yaml"
    decisions.write_text(yaml.safe_dump(identity or {"distinct": [
        {"ids": ["z1", "z2"], "reason": "two parts"}]}), encoding="utf-8")
    return api.load(path, identity=[decisions])


def pairs(catalog):
    return {frozenset((s.first.id, s.second.id)): s for s in suggest(catalog.view)}


def test_a_die_beside_its_product_is_proposed_with_what_they_share(tmp_path):
    found = pairs(load(tmp_path))
    pair = found[frozenset(("x100", "gx100"))]
    assert pair.likely_same and "x100 in gx100" in pair.hint
    assert set(pair.shared) == {"989 TFLOPS fp16", "1979 TOPS int8", "700 W tdp",
                                "80 GB memory"}


def test_siblings_other_vendors_and_decided_pairs_are_not_proposed(tmp_path):
    found = pairs(load(tmp_path))
    assert set(found) == {frozenset(("x100", "gx100"))}


def test_a_pair_decided_same_is_one_product_and_not_proposed(tmp_path):
    catalog = load(tmp_path, {"same": [{"ids": ["x100", "gx100"], "reason": "the die"}],
                              "distinct": [{"ids": ["z1", "z2"], "reason": "two parts"}]})
    assert pairs(catalog) == {}
    assert catalog.view.find("gx100").id == catalog.view.find("x100").id


def test_the_command_lists_each_pair_and_how_to_decide_it(cli, tmp_path):
    load(tmp_path)
    ran = cli("identity", "--suggest", "--catalog", tmp_path / "catalog.yaml",
              "--identity", tmp_path / "identity.yaml")
    assert ran.exit_code == 0
    assert "x100 (Acme X100) and gx100 (Acme GX100)" in ran.stdout or \
        "gx100 (Acme GX100) and x100 (Acme X100)" in ran.stdout
    assert "same:\n  - ids: [" in ran.stdout
    rows = cli("identity", "--suggest", "--catalog", tmp_path / "catalog.yaml",
               "--identity", tmp_path / "identity.yaml", "--format", "json").json()
    assert len(rows) == 1 and rows[0]["hint"].startswith("same model number")
