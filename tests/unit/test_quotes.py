import pytest

from chipcmp.model.quotes import matches, stated_numbers


@pytest.mark.parametrize("quote, value, ratio", [
    ("INT8峰值算力达到200TOPS", 200, False),
    ("The DGX delivers 5 petaFLOPS of AI", 5000, False),    # in TFLOPS
    ("可提供1T算力", 1, False),
    ("算力高达144tops", 144, False),
    ("one PetaFlop of Machine Intelligence compute", 1000, False),
    ("powered by four of our brand new GC200", 4, False),
    ("均采用双芯片方案", 2, False),
    ("峰值内存为188KB", 0.000188, False),                   # in GB
    ("可节省60%的服务器成本", 0.6, True),
    ("时延缩短超过16倍", 1 / 16, True),
    ("單路視頻的功耗能降到 1/5 到 1/10", 0.1, True),
    ("需要 13 萬美金", 130_000, False),
    ("supports 1,248 TOPS", 1248, False),
])
def test_the_number_a_quote_states_matches(quote, value, ratio):
    assert matches(value, stated_numbers(quote), ratio=ratio)


@pytest.mark.parametrize("quote, value", [
    ("INT8峰值算力达到200TOPS", 300),
    ("搭载SV102的VA1", 102),          # digits glued to a name state nothing
    ("时延缩短超过16倍", 1 / 16),     # an inverse only for a claim's ratio
    ("TF32算力最高则是160TFLOPS", 32),
])
def test_numbers_the_quote_does_not_state(quote, value):
    assert not matches(value, stated_numbers(quote))
