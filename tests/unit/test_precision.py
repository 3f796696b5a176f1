import pytest

from chipcmp.model import precision
from chipcmp.model.precision import parse_query
from chipcmp.model.problems import UsageError


def test_families_of_labels():
    assert precision.families("fp16.32") == ("fp16",)
    assert precision.families("int8.32") == ("int8",)
    assert precision.families("bf16") == ("bf16",)
    assert precision.families("fp16/bf16") == ("fp16", "bf16")
    assert precision.family("fp16.16") == "fp16"


def test_integer_or_float_and_the_unit_it_reads_in():
    assert precision.unit_of("int8") == "TOPS"
    assert precision.unit_of("fp16.32") == "TFLOPS"
    assert precision.unit_of("fp16/bf16") == "TFLOPS"
    assert precision.unit_of("unspecified") == "TOPS"


def test_labels_the_catalog_accepts():
    for label in ("int4", "int8.32", "fp4", "fp8", "fp16.16", "bf16.32", "tf32", "fp64",
                  "fp16/bf16", "unspecified"):
        assert precision.is_label(label), label
    for label in ("int7", "fp16.7", "FP16", "fp16/", "fp16 ", "int8/fp8x"):
        assert not precision.is_label(label), label


def test_a_family_query_takes_every_variant_and_either_labels():
    fp16 = parse_query("fp16")
    assert all(fp16.matches(label) for label in ("fp16", "fp16.16", "fp16.32", "fp16/bf16"))
    assert not fp16.matches("bf16") and not fp16.matches("bf16.32")
    assert fp16.is_exact_match("fp16.32") and not fp16.is_exact_match("fp16/bf16")


def test_an_exact_variant_takes_only_itself():
    variant = parse_query("fp16.32")
    assert variant.matches("fp16.32") and not variant.matches("fp16")


def test_families_are_mixed_only_when_asked():
    both = parse_query("fp16,bf16")
    assert both.matches("fp16") and both.matches("bf16.32")
    assert both.tag == "fp16_bf16" and both.unit == "TFLOPS"
    assert both.is_exact_match("fp16/bf16")


def test_bad_queries_are_usage_errors():
    with pytest.raises(UsageError, match="unknown precision"):
        parse_query("int7")
    with pytest.raises(UsageError, match="mixes integer and float"):
        parse_query("int8,fp16")
    with pytest.raises(UsageError):
        parse_query(" , ")


def test_order_and_ceilings():
    assert precision.ORDER.index("int4") < precision.ORDER.index("int8")
    assert precision.sort_key("fp16.32") < precision.sort_key("fp32")
    assert precision.ceiling("int8") == 100 and precision.ceiling("fp16.32") == 50
    assert precision.ceiling("unspecified") == precision.UNSPECIFIED_CEILING
