"""The report page's size and how fast it opens (issue 16's figures): `chipcmp report` on
the curated catalog, on every bundled catalog (the default: curated, Epoch's and MLPerf's
snapshots) and, when ../shared/external holds it, with LAICS imported beside them; opened from file:// in headless Chromium (Debian's, driven by
playwright), timed to the page being interactive (the browser's domInteractive, and the
moment its script has run) over several loads. Needs the test extra and chromium.

    python benchmarks/report.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

import quick  # noqa: E402

from scale import CHIPCMP  # noqa: E402

EXTERNAL = Path(__file__).resolve().parents[2] / "shared" / "external"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def open_times(path: Path, runs: int) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    interactive, scripted = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=ARGS)
        for _ in range(runs):
            page = browser.new_page()
            page.goto(path.as_uri(), wait_until="load")
            timing = page.evaluate("""() => { const t = performance.timing;
                return [t.domInteractive - t.navigationStart,
                        t.domContentLoadedEventEnd - t.navigationStart]; }""")
            interactive.append(timing[0])
            scripted.append(timing[1])
            page.close()
        browser.close()
    return statistics.median(interactive), statistics.median(scripted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = quick.parse(parser, runs=1)
    print(f"{'report of':40} {'MB':>6} {'build s':>8} {'interactive':>12} {'script run':>11}")
    with tempfile.TemporaryDirectory() as folder:
        cases = {"the curated catalog": ["--catalog", "@curated"],
                 "every bundled catalog (the default)": ["--catalog", "@bundled"]}
        if EXTERNAL.is_dir():
            target = Path(folder) / "laics.yaml"
            subprocess.run([CHIPCMP, "import", "laics", str(EXTERNAL / "laics_2023.csv"),
                            "--output", str(target)], capture_output=True, check=False)
            cases["bundled + LAICS"] = ["--catalog", "@bundled", "--catalog", str(target)]
        for name, catalogs in cases.items():
            path = Path(folder) / "report.html"
            import time

            start = time.perf_counter()
            subprocess.run([CHIPCMP, "report", "--output", str(path), *catalogs],
                           capture_output=True, check=True)
            built = time.perf_counter() - start
            interactive, scripted = open_times(path, args.runs)
            print(f"{name:40} {path.stat().st_size / 1e6:6.2f} {built:8.2f} "
                  f"{interactive:9.0f} ms {scripted:8.0f} ms")


if __name__ == "__main__":
    main()
