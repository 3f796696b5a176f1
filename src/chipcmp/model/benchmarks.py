"""The benchmarks measured results come from (MLPerf): the one registry of their names,
the spellings each round's folders use, the workload names a vendor's claim gives them,
which scenario answers which claim metric, and the operations one sample costs where a
published source gives it (with that source). A new benchmark is one entry here.

A claim is set beside measured results only for the same benchmark (its workload names
the model MLPerf runs: "ResNet-50 inference", "BERT-Large training"), or for one the claim
names itself as a proxy (`benchmark:` with `proxy: true`), and that is said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    title: str
    url: str
    quote: str


@dataclass(frozen=True)
class MLPerfBenchmark:
    name: str                          # MLPerf's name: resnet50, bert, ...
    title: str                         # the model: "ResNet-50 v1.5"
    spellings: tuple[str, ...]         # folder names across rounds (lower case)
    workloads: tuple[str, ...]         # model names a claim may give (squashed)
    ops_per_sample: float | None = None   # operations for one inference sample
    ops_source: Citation | None = None
    unit: str = "samples/s"            # its throughput's unit (an LLM's: tokens/s)

    @property
    def item(self) -> str:
        """What its throughput counts: 'sample', or an LLM's 'token'."""
        return "token" if self.unit == "tokens/s" else "sample"


# Texas Instruments' application note on MLPerf-style benchmarking of the TDA4VM gives
# each model's compute per input in its Table 3-1 (a multiply-add counted as two ops).
_TI_SPRACZ2 = ("Texas Instruments, SPRACZ2 (August 2022): AI benchmarking of the TDA4VM, "
               "Table 3-1")
_TI_SPRACZ2_URL = ("https://ti.com/document-viewer/ja-jp/lit/html/SPRACZ2/"
                   "GUID-85503253-EE12-47D4-B66B-060E8FA0E195")

# The parameters of each LLM MLPerf runs (active ones for a mixture of experts), from
# the model's makers: (title, address, what it says).
_LLAMA2 = ("H. Touvron et al. (Meta), Llama 2: Open Foundation and Fine-Tuned Chat Models "
           "(2023)", "https://arxiv.org/abs/2307.09288",
           "ranging in scale from 7 billion to 70 billion parameters")
_LLAMA31 = ("Meta, Llama 3.1 model card (2024)",
            "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md",
            "in 8B, 70B and 405B sizes")
_MIXTRAL = ("Mistral AI, Mixtral of experts (2023-12-11)",
            "https://mistral.ai/news/mixtral-of-experts",
            "only uses 12.9B parameters per token")
_DEEPSEEK = ("DeepSeek-AI, DeepSeek-V3 Technical Report (2024), the base of DeepSeek-R1",
             "https://arxiv.org/abs/2412.19437",
             "671B total parameters with 37B activated for each token")
_GPT_OSS = ("OpenAI, gpt-oss-120b & gpt-oss-20b model card (2025)",
            "https://openai.com/index/gpt-oss-model-card/",
            "5.1B active parameters per token")
_GPTJ = ("EleutherAI, GPT-J-6B (model page)", "https://huggingface.co/EleutherAI/gpt-j-6b",
         "6B parameters")


# An LLM's operations for one generated token: about twice the parameters that take part
# in it (a multiply-add is two operations), the attention over the context aside; for a
# mixture of experts, the parameters active for a token.
_KAPLAN = Citation("J. Kaplan et al., Scaling Laws for Neural Language Models (2020), "
                   "Table 1: the forward pass costs about 2N operations a token, N the "
                   "non-embedding parameters", "https://arxiv.org/abs/2001.08361",
                   "Forward Pass | 2N + 2nlayernctxdattn")


def _per_token(params: float, title: str, url: str, quote: str) -> dict:
    return {"ops_per_sample": 2 * params,
            "ops_source": Citation(f"{_KAPLAN.title}; parameters: {title}", url, quote)}


BENCHMARKS: dict[str, MLPerfBenchmark] = {b.name: b for b in (
    MLPerfBenchmark("resnet50", "ResNet-50 v1.5 (ImageNet 224x224)",
              ("resnet", "resnet50", "resnet-50"), ("resnet50", "resnet50v15"),
              ops_per_sample=8.2e9,
              ops_source=Citation(_TI_SPRACZ2, _TI_SPRACZ2_URL,
                                  "ResNet-50 | Image Classification | 224x224 | IMAGENET | "
                                  "8.2 GOPS 25.6 million parameters")),
    MLPerfBenchmark("ssd-mobilenet", "SSD-MobileNet-v1 (COCO 300x300)",
              ("ssd-small", "ssd-mobilenet"), ("ssdmobilenet", "ssdmobilenetv1"),
              ops_per_sample=2.47e9,
              ops_source=Citation(_TI_SPRACZ2, _TI_SPRACZ2_URL,
                                  "SSD MobileNet-V1 | Object Detection | 300x300 | COCO | "
                                  "2.47 GOPS 6.91 million parameters")),
    MLPerfBenchmark("mobilenet", "MobileNet-v1 (ImageNet 224x224)", ("mobilenet",),
              ("mobilenet", "mobilenetv1")),
    # BERT-Large: the operations a sample costs depend on its sequence length; no source
    # chipcmp cites gives one figure, so no share of peak is computed for it.
    MLPerfBenchmark("bert", "BERT-Large (SQuAD v1.1, 99% of the reference accuracy)",
              ("bert", "bert-99"), ("bert", "bertlarge")),
    MLPerfBenchmark("bert-99.9", "BERT-Large (SQuAD v1.1, 99.9% of the reference accuracy)",
              ("bert-99.9",), ()),
    # The LLMs, scored in tokens per second since Inference v4.1 (read/mlperf_rules.py).
    # A round publishes one run under its 99% and its 99.9% accuracy names: the 99% one
    # is the benchmark's plain name here.
    MLPerfBenchmark("llama2-70b", "Llama 2 70B (OpenOrca, 99% of the reference accuracy)",
              ("llama2-70b-99", "llama2-70b"), ("llama270b", "llama2"), unit="tokens/s",
              **_per_token(70e9, *_LLAMA2)),
    MLPerfBenchmark("llama2-70b-99.9", "Llama 2 70B (99.9% of the reference accuracy)",
              ("llama2-70b-99.9",), (), unit="tokens/s", **_per_token(70e9, *_LLAMA2)),
    MLPerfBenchmark("llama3.1-405b", "Llama 3.1 405B", ("llama3.1-405b", "llama3_1-405b"),
              ("llama31405b",), unit="tokens/s", **_per_token(405e9, *_LLAMA31)),
    MLPerfBenchmark("llama3.1-8b", "Llama 3.1 8B", ("llama3.1-8b", "llama3_1-8b"),
              ("llama318b",), unit="tokens/s", **_per_token(8e9, *_LLAMA31)),
    MLPerfBenchmark("mixtral-8x7b", "Mixtral 8x7B (mixture of experts)", ("mixtral-8x7b",),
              ("mixtral8x7b",), unit="tokens/s", **_per_token(12.9e9, *_MIXTRAL)),
    MLPerfBenchmark("deepseek-r1", "DeepSeek-R1 (mixture of experts)", ("deepseek-r1",),
              ("deepseekr1",), unit="tokens/s", **_per_token(37e9, *_DEEPSEEK)),
    MLPerfBenchmark("gpt-oss-120b", "gpt-oss-120b (mixture of experts)", ("gpt-oss-120b",),
              ("gptoss120b",), unit="tokens/s", **_per_token(5.1e9, *_GPT_OSS)),
    MLPerfBenchmark("gptj", "GPT-J 6B (CNN/DailyMail, 99% of the reference accuracy)",
              ("gptj-99", "gptj"), ("gptj", "gptj6b"), unit="tokens/s",
              **_per_token(6e9, *_GPTJ)),
    MLPerfBenchmark("gptj-99.9", "GPT-J 6B (99.9% of the reference accuracy)", ("gptj-99.9",),
              (), unit="tokens/s", **_per_token(6e9, *_GPTJ)),
    MLPerfBenchmark("whisper", "Whisper Large v3 (speech to text)", ("whisper",),
              ("whisper",), unit="tokens/s"),
    MLPerfBenchmark("stable-diffusion-xl", "Stable Diffusion XL", ("stable-diffusion-xl",),
              ("stablediffusionxl", "sdxl")),
)}
# The inference scenarios a measured ranking takes (Interactive: Server at the tighter
# latency limits MLPerf sets for it).
INFERENCE_SCENARIOS = ("offline", "server", "interactive")

# Folder spelling -> benchmark name, for the reader.
SPELLINGS = {spelling: b.name for b in BENCHMARKS.values() for spelling in b.spellings}

TRAINING, INFERENCE = "training", "inference"
# Which scenarios measure what a claim metric states, per mode: a training speed claim
# is a time to train; an inference throughput claim is Offline (and Server) samples/s; a
# latency claim is SingleStream latency. Throughput in training is not what MLPerf
# Training measures (it measures time to a quality target).
SCENARIOS_FOR = {("speed", TRAINING): ("training",),
                 ("throughput", INFERENCE): ("offline", "server"),
                 ("latency", INFERENCE): ("singlestream",)}


def spelled(folder: str) -> str:
    """The benchmark a results folder names (an unknown one keeps its own name)."""
    return SPELLINGS.get(folder.lower(), folder.lower())


@dataclass(frozen=True)
class WorkloadMatch:
    benchmark: MLPerfBenchmark
    mode: str | None          # training, inference, or None when the workload says neither
    proxy: bool = False


_MODES = {"training": TRAINING, "train": TRAINING, "inference": INFERENCE,
          "inferencing": INFERENCE}


def for_workload(workload: str | None, named: str | None = None,
                 proxy: bool = False) -> WorkloadMatch | None:
    """The benchmark a claim's workload is (or the one it names), with the mode its
    workload says; None when MLPerf does not run it."""
    words = re.findall(r"[a-z0-9]+", (workload or "").lower())
    mode = next((_MODES[w] for w in words if w in _MODES), None)
    if named is not None:
        return WorkloadMatch(BENCHMARKS[named], mode, proxy) if named in BENCHMARKS else None
    model = "".join(w for w in words if w not in _MODES)
    for benchmark in BENCHMARKS.values():
        if model and model in benchmark.workloads:
            return WorkloadMatch(benchmark, mode)
    return None


def scenarios_for(metric: str, mode: str | None) -> tuple[str, ...]:
    """The scenarios that measure a claim metric in a mode (inference when unsaid)."""
    return SCENARIOS_FOR.get((metric, mode or INFERENCE), ())
