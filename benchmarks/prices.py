"""What importing cloud price tables and ranking by cost cost (issue 37), as fresh
processes on generated tables of the real ones' shape and size.

    python benchmarks/prices.py [--zones 120] [--runs 3]

The generated tables, in SkyPilot's layout (catalogs/v8/<cloud>/vms.csv): an AWS-like
table (every instance type priced whole in every zone, GPU instances among some 300
CPU-only types: about 36,000 rows, 3.6 MB at 120 zones, as the real aws/vms.csv) and a
GCP-like one (machine types without accelerators, GPU rows without an instance type priced
apart, TPU slices: about 20,000 rows, 2.2 MB at 120 zones). Then `rank --metric
cost-per-million-tokens --benchmark llama2-70b` over the bundled catalogs and the prices.
Goal: the import takes a second or two, the ranking no more than the ranking without
prices (issue 36's, about 2 s).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

import quick  # noqa: E402

from scale import CHIPCMP, median  # noqa: E402

AWS_GPUS = (("p4d.24xlarge", "A100", 8, 40960, 32.77), ("p5.48xlarge", "H100", 8, 81920, 55.04),
            ("p5e.48xlarge", "H200", 8, 144384, 84.8), ("g4dn.xlarge", "T4", 1, 15360, 0.526),
            ("g4dn.12xlarge", "T4", 4, 15360, 3.912), ("g6.xlarge", "L4", 1, 23034, 0.8048),
            ("g6e.xlarge", "L40S", 1, 46068, 1.861), ("p6-b200.48xlarge", "B200", 8, 183359,
                                                         113.9))
GCP_GPUS = (("A100", "a2-highgpu", (1, 2, 4, 8), 40960, 2.93, 0.74),
            ("A100-80GB", "a2-ultragpu", (1, 2, 4, 8), 81920, 3.93, 1.10),
            ("H100", "a3-highgpu", (1, 2, 4, 8), 81920, 9.8, 1.18),
            ("L4", "g2-standard", (1,), 23034, 0.56, 0.15), ("T4", None, (1, 2, 4), 15360,
                                                             0.35, None))


def aws_table(zones: int, rng: random.Random) -> str:
    rows = ["InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,"
            "SpotPrice,Region,AvailabilityZone,Arch"]
    for zone in range(zones):
        region = f"region-{zone // 3}"
        for n in range(300):  # the CPU-only instance types
            price = rng.uniform(0.01, 10)
            rows.append(f"m{n}.xlarge,,,4.0,16.0,,{price:.4f},{price * 0.4:.6f},{region},"
                        f"{region}-az{zone % 3},x86_64")
        for instance, name, count, mib, price in AWS_GPUS:
            info = (f"\"{{'Gpus': [{{'Name': '{name}', 'Manufacturer': 'NVIDIA', 'Count': "
                    f"{count}, 'MemoryInfo': {{'SizeInMiB': {mib}}}}}], "
                    f"'TotalGpuMemoryInMiB': {mib * count}}}\"")
            rows.append(f"{instance},{name},{count}.0,96.0,1152.0,{info},{price},"
                        f"{price * rng.uniform(0.3, 0.7):.6f},{region},{region}-az{zone % 3},"
                        "x86_64")
    return "\n".join(rows) + "\n"


def gcp_table(zones: int, rng: random.Random) -> str:
    rows = ["InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,"
            "AvailabilityZone,Price,SpotPrice"]
    for zone in range(zones):
        region = f"region{zone // 3}"
        where = f"{region},{region}-{'abc'[zone % 3]}"
        for n in range(120):  # machine types without accelerators
            price = rng.uniform(0.01, 5)
            rows.append(f"n{n}-standard-8,8.0,32.0,,,,{where},{price:.5f},{price * 0.3:.5f}")
        for name, family, counts, mib, gpu, host in GCP_GPUS:
            for count in counts:
                if family is not None:
                    rows.append(f"{family}-{count}g,{12 * count}.0,{85 * count}.0,,,,{where},"
                                f"{host * count:.5f},{host * count * 0.4:.5f}")
                info = f"\"{{'Gpus': [{{'MemoryInfo': {{'SizeInMiB': {mib}}}}}]}}\""
                rows.append(f",,,{name},{count},{info},{where},{gpu * count:.5f},"
                            f"{gpu * count * 0.4:.5f}")
        for size in (4, 8, 16, 32, 64, 128, 256):
            rows.append(f",,,tpu-v6e-{size},1,tpu-v6e-{size},{where},{2.7 * size:.2f},"
                        f"{0.54 * size:.5f}")
    return "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    args = quick.parse(parser, zones=2, runs=1)
    rng = random.Random(37)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for cloud, table in (("aws", aws_table), ("gcp", gcp_table)):
            (root / cloud).mkdir()
            (root / cloud / "vms.csv").write_text(table(args.zones, rng), encoding="utf-8")
        rows = sum(p.read_text().count("\n") - 1 for p in root.glob("*/vms.csv"))
        size = sum(p.stat().st_size for p in root.glob("*/vms.csv"))
        print(f"generated 2 tables: {rows:,} rows, {size / 1e6:.1f} MB")
        out = root / "prices.yaml"
        command = [CHIPCMP, "import", "prices", str(root / "aws" / "vms.csv"),
                   str(root / "gcp" / "vms.csv"), "--output", str(out)]
        seconds, _ = median(command, args.runs)
        prices = out.read_text(encoding="utf-8").count("\n- id: ")
        print(f"chipcmp import prices, median of {args.runs}: {seconds:.2f} s for {prices:,} "
              f"prices ({rows / seconds:,.0f} rows/s)")
        rank = [CHIPCMP, "rank", "--catalog", "@bundled", "--catalog", str(out), "--metric",
                "cost-per-million-tokens", "--benchmark", "llama2-70b", "--format", "json"]
        began = time.perf_counter()
        seconds, _ = median(rank, args.runs)
        without = [CHIPCMP, "rank", "--metric", "throughput", "--benchmark", "llama2-70b",
                   "--format", "json"]
        baseline, _ = median(without, args.runs)
        print(f"chipcmp rank --metric cost-per-million-tokens, median of {args.runs}: "
              f"{seconds:.2f} s (rank --metric throughput without prices: {baseline:.2f} s); "
              f"{time.perf_counter() - began:.1f} s in all")
    print("\ngoal: the import in a second or two; the cost ranking as quick as the "
          "ranking without prices")


if __name__ == "__main__":
    main()
