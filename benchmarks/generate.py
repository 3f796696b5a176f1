"""Generate synthetic chipcmp catalogs for benchmarks, with sources, parts and claims in
realistic proportions (7 chips : 2 cards : 1 system; cards hold chips, systems hold
cards; claims compare random pairs on a few thousand workloads).

    python benchmarks/generate.py 10000 --claims 100000 > /tmp/catalog-10k.yaml
"""

from __future__ import annotations

import argparse
import random
import sys


def generate(products: int, claims: int | None = None, seed: int = 1) -> str:
    rng = random.Random(seed)
    claims = products // 2 if claims is None else claims
    sources = max(1, products // 20)
    lines = ["sources:"]
    for s in range(sources):
        lines.append(f"  src-{s}: {{title: Generated source {s}, url: https://example.com/{s}}}")
    lines.append("products:")
    chips, cards, speed = [], [], {}
    for i in range(products):
        pid = f"p-{i}"
        src = f"src-{rng.randrange(sources)}"
        roll = i % 10
        tops = round(rng.uniform(1, 1000), 1)
        watts = round(tops / rng.uniform(2, 10), 1)  # 2 to 10 TOPS/W, as real chips
        if roll < 7 or not chips:
            chips.append(pid)
            speed[pid] = tops
            lines += [f"  - id: {pid}", f"    name: Chip {i}", "    vendor: Vendor "
                      f"{i % 97}", "    kind: chip", "    segment: datacenter",
                      "    compute:",
                      f"      - {{precision: int8, peak: {tops} TOPS, source: {src}}}",
                      f"      - {{precision: fp16, peak: {round(tops / 2, 1)} TFLOPS, "
                      f"bound: max, source: {src}}}",
                      "    power:",
                      f"      - {{kind: tdp, scope: chip, value: {watts} W, source: {src}}}",
                      f"    process: {{value: {rng.choice([5, 7, 12, 16, 28])} nm, "
                      f"source: {src}}}"]
        elif roll < 9 or not cards:
            part, count = rng.choice(chips), rng.randint(1, 4)
            cards.append(pid)
            speed[pid] = speed[part] * count
            lines += [f"  - id: {pid}", f"    name: Card {i}", f"    vendor: Vendor {i % 97}",
                      "    kind: card", "    segment: datacenter",
                      f"    contains: [{{product: {part}, count: {count}}}]",
                      "    power:",
                      f"      - {{kind: tdp, scope: card, value: {watts} W, source: {src}}}"]
        else:
            part = rng.choice(cards)
            speed[pid] = speed[part] * 8
            lines += [f"  - id: {pid}", f"    name: System {i}",
                      f"    vendor: Vendor {i % 97}", "    kind: system",
                      "    segment: datacenter", f"    contains: [{{product: {part}, count: 8}}]",
                      "    power:", f"      - {{kind: max, scope: system, value: "
                                    f"{round(watts * 20, 1)} W, source: {src}}}"]
    lines.append("claims:")
    ids = list(speed)
    workloads = max(1, claims // 50)
    for c in range(claims):
        a, b = rng.sample(ids, 2)
        truth = speed[a] / speed[b] * rng.uniform(0.8, 1.6)
        bound = rng.choice(["exact", "min", "min", "max"])
        ratio = round(truth * (0.9 if bound == "min" else 1.1 if bound == "max" else 1), 4)
        lines.append(f"  - {{id: c-{c}, kind: ratio, subject: {a}, baseline: {b}, "
                     f"metric: throughput, workload: w-{rng.randrange(workloads)}, "
                     f"ratio: {max(ratio, 0.0001)}, bound: {bound}, "
                     f"source: src-{rng.randrange(sources)}}}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("products", type=int)
    parser.add_argument("--claims", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.stdout.write(generate(args.products, args.claims, args.seed))


if __name__ == "__main__":
    main()


def overlapping(records: int = 10_000, seed: int = 1) -> list[str]:
    """Three catalogs of `records` records in all that describe overlapping products, as
    a curated catalog and two survey datasets would: the first holds products 0..45%,
    the second 30..75%, the third 55..100% (about 7,700 products from 10,000 records), the
    surveys with their own ids, vendor spellings, a 'Tesla'-style line word, a few
    disagreeing power figures, and one product in ten under a bare name beside its PCIe
    and SXM variants (ambiguous)."""
    rng = random.Random(seed)
    spans = [(0, 0.45), (0.30, 0.75), (0.55, 1.0)]
    share = records / sum(high - low for low, high in spans)
    texts = []
    for n, (low, high) in enumerate(spans):
        prefix = "abc"[n]
        kind = "curated" if n == 0 else "dataset"
        lines = [f"about: {{name: gen-{prefix}, kind: {kind}}}", "sources:",
                 f"  src-{prefix}: {{title: Generated {prefix}, url: https://example.com/{prefix}}}",
                 "products:"]
        for i in range(int(low * share), int(high * share)):
            tops = round(rng.uniform(1, 1000), 1)
            watts = round(tops / rng.uniform(2, 10), 1)
            if n and i % 17 == 0:
                watts = round(watts * 2.1, 1)  # a source that disagrees
            name = f"Chip {i}" if n != 1 else f"Tesla Chip {i}"
            vendor = f"Vendor {i % 97}" + (" Inc." if n == 2 else "")
            variant = ""
            if i % 10 == 0:
                variant = ("", " PCIe", " SXM4")[n]
            lines += [f"  - id: {prefix}-{i}", f"    name: {name}{variant}",
                      f"    vendor: {vendor}", "    kind: card", "    segment: datacenter",
                      "    compute:",
                      f"      - {{precision: int8, peak: {tops} TOPS, source: src-{prefix}}}",
                      "    power:",
                      f"      - {{kind: tdp, scope: card, value: {watts} W, "
                      f"source: src-{prefix}}}"]
        texts.append("\n".join(lines) + "\n")
    return texts
