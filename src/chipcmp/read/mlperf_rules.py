"""Which line of an MLPerf Inference run's summary is its result, by round, benchmark and
scenario: MLPerf's submission checker's tables, transcribed.

The checker (github.com/mlcommons/inference, tools/submission/submission_checker.py at
tag v4.1, and tools/submission/submission_checker/constants.py at b66003e1) scores a run
by `RESULT_FIELD` (rounds before v4.0), `RESULT_FIELD_NEW[version][scenario]` and, for the
LLMs, `RESULT_FIELD_BENCHMARK_OVERWRITE[version][model][scenario]`. It reads the run's
`mlperf_log_detail.txt` keys; every run also has `mlperf_log_summary.txt`, which prints
each of those keys as a line, so that is what is read here (KEYS: the checker's key -> the
summary's line). An Interactive run is scored as Server (its summary says "Scenario :
Server"); its latency limits are tighter (`ttft_latency (ns)`, `tpot_latency (ns)`).

A round newer than the newest table here is read by the newest table; a benchmark the
tables do not name, in a round where LLMs are scored in tokens, is scored in tokens when
its summary gives a tokens line (every LLM since v4.1 is).
"""

from __future__ import annotations

import re

# The checker's key -> (metric, unit, the summary's line, higher is better).
KEYS = {
    "result_samples_per_second": ("throughput", "samples/s", "Samples per second", True),
    "result_scheduled_samples_per_sec": ("throughput", "samples/s",
                                         "Scheduled samples per second", True),
    "result_completed_samples_per_sec": ("throughput", "samples/s",
                                         "Completed samples per second", True),
    "result_tokens_per_second": ("throughput", "tokens/s", "Tokens per second", True),
    "result_completed_tokens_per_second": ("throughput", "tokens/s",
                                           "Completed tokens per second", True),
    "result_inferred_tokens_per_second": ("throughput", "tokens/s",
                                          r"Tokens per second \(inferred\)", True),
    "result_inferred_completed_tokens_per_second": (
        "throughput", "tokens/s", r"Completed tokens per second \(inferred\)", True),
    "early_stopping_latency_ss": ("latency", "ms",
                                  r"\* Early stopping 90(?:\.0)?th percentile estimate", False),
    "early_stopping_latency_ms": ("latency", "ms",
                                  r"\* Early stopping 99(?:\.0)?th percentile estimate", False),
    "result_90.00_percentile_latency_ns": ("latency", "ms",
                                           r"90(?:\.0)?th percentile latency \(ns\)", False),
    "effective_samples_per_query": ("samples per query", "samples", "Samples per query", True),
}

# RESULT_FIELD: rounds before v4.0.
LEGACY = {"offline": "result_samples_per_second",
          "server": "result_scheduled_samples_per_sec",
          "singlestream": "result_90.00_percentile_latency_ns",
          "multistream": "effective_samples_per_query"}

# RESULT_FIELD_NEW, by the version it first holds for.
NEW = {
    (4, 0): {"offline": "result_samples_per_second",
             "singlestream": "early_stopping_latency_ss",
             "multistream": "early_stopping_latency_ms",
             "server": "result_scheduled_samples_per_sec"},
    (4, 1): {"offline": "result_samples_per_second",
             "singlestream": "early_stopping_latency_ss",
             "multistream": "early_stopping_latency_ms",
             "server": "result_completed_samples_per_sec"},
}

_TOKENS = {"offline": "result_tokens_per_second",
           "server": "result_completed_tokens_per_second"}
_GPTJ = {"offline": "result_inferred_tokens_per_second",
         "server": "result_inferred_completed_tokens_per_second"}
_LLAMA2 = ("llama2-70b-99", "llama2-70b-99.9")
# RESULT_FIELD_BENCHMARK_OVERWRITE, by the version it first holds for.
OVERWRITE = {
    (4, 0): {m: {"offline": "result_tokens_per_second",
                 "server": "result_completed_samples_per_sec"} for m in _LLAMA2},
    (4, 1): {**{m: _TOKENS for m in (*_LLAMA2, "mixtral-8x7b")},
             "gptj-99": _GPTJ, "gptj-99.9": _GPTJ},
    (5, 0): {**{m: _TOKENS for m in (*_LLAMA2, "llama2-70b-interactive-99",
                                     "llama2-70b-interactive-99.9", "mixtral-8x7b",
                                     "llama3.1-405b")},
             "gptj-99": _GPTJ, "gptj-99.9": _GPTJ},
    (5, 1): {**{m: _TOKENS for m in (*_LLAMA2, "llama3.1-8b", "mixtral-8x7b",
                                     "llama3.1-405b", "deepseek-r1")},
             "llama3.1-8b-edge": {"offline": "result_tokens_per_second",
                                  "singlestream": "result_90.00_percentile_latency_ns"},
             "whisper": {"offline": "result_tokens_per_second"}},
    (6, 0): {**{m: _TOKENS for m in ("gpt-oss-120b", *_LLAMA2, "llama3.1-8b",
                                     "mixtral-8x7b", "llama3.1-405b", "deepseek-r1")},
             "llama3.1-8b-edge": {"offline": "result_tokens_per_second",
                                  "singlestream": "result_90.00_percentile_latency_ns"},
             "whisper": {"offline": "result_tokens_per_second"}},
}
TOKENS_SINCE = (4, 1)  # from this round every LLM's throughput is in tokens

_ROUND = re.compile(r"v?(\d+)\.(\d+)")


def round_version(round_name: str) -> tuple[int, int]:
    """(4, 1) for 'inference v4.1'."""
    match = _ROUND.search(round_name)
    return (int(match[1]), int(match[2])) if match else (0, 0)


def _newest(table: dict, version: tuple[int, int]) -> dict:
    held = [v for v in table if v <= version]
    return table[max(held)] if held else {}


def key_for(version: tuple[int, int], benchmark: str, scenario: str,
            summary: str = "") -> str:
    """The checker's key that scores a run: Interactive as Server."""
    effective = "server" if scenario == "interactive" else scenario
    if version < (4, 0):
        return LEGACY[effective]
    override = _newest(OVERWRITE, version).get(benchmark.lower(), {})
    if effective in override:
        return override[effective]
    if version >= TOKENS_SINCE and effective in _TOKENS and benchmark.lower() not in \
            _newest(OVERWRITE, version) and _line(KEYS[_TOKENS[effective]][2], summary):
        return _TOKENS[effective]  # an LLM the tables here do not name yet
    return _newest(NEW, version)[effective]


def _pattern(label: str) -> str:
    """A summary line's pattern, its value as group 1."""
    return rf"^\s*{label}\s*:\s*(\S+)"


def _line(label: str, summary: str) -> re.Match | None:
    return re.search(_pattern(label), summary, re.M)


def headline(version: tuple[int, int], benchmark: str, scenario: str, summary: str
             ) -> tuple[str, str, str, bool]:
    """(metric, unit, the summary line's pattern with the value as group 1, higher is
    better) of a run of `benchmark` (its folder name) in `scenario` in that round."""
    metric, unit, label, higher = KEYS[key_for(version, benchmark, scenario, summary)]
    return metric, unit, _pattern(label), higher


def latency_limits(summary: str) -> tuple[float, float] | None:
    """(time to first token, time per output token) limits in ms, where the run states
    them (LLM Server and Interactive runs)."""
    ttft = re.search(r"^\s*ttft_latency \(ns\)\s*:\s*(\d+)", summary, re.M)
    tpot = re.search(r"^\s*tpot_latency \(ns\)\s*:\s*(\d+)", summary, re.M)
    if not ttft or not tpot or not int(ttft[1]) or not int(tpot[1]):
        return None  # no limits, or a zero that is none
    return int(ttft[1]) / 1e6, int(tpot[1]) / 1e6
