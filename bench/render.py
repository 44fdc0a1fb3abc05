"""Render a one-page notice in each language many times in one warm process.

Prints p50 / p90 milliseconds per PDF, the PDF size, and the process's
resident memory after warming up and at the end (steady memory means no leak).
Run with `make bench` (RENDERS=200 by default).
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "delaynote.settings")

import django  # noqa: E402

django.setup()

from composer.exports import render_html, render_pdf  # noqa: E402
from composer.letters import compose  # noqa: E402
from tests.cases import answers  # noqa: E402

RENDERS = int(os.environ.get("RENDERS", "200"))
TARGETS = {"zh-hans": (120, 160_000), "vi": (85, 40_000), "en": (85, 40_000)}


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    letters = {language: compose(answers(language=language)) for language in TARGETS}
    for letter in letters.values():
        render_pdf(letter)  # warm: fonts, stylesheet, templates
    warm = rss_mb()
    print(f"{RENDERS} renders per language, warm process (RSS after warm-up {warm:.0f} MB)\n")
    print(f"{'language':<9} {'p50 ms':>7} {'p90 ms':>7} {'PDF KB':>7} {'HTML ms':>8}  target")
    failed = False
    for language, letter in letters.items():
        times, html_times = [], []
        for _ in range(RENDERS):
            start = time.perf_counter()
            data = render_pdf(letter)
            times.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            render_html(letter)
            html_times.append((time.perf_counter() - start) * 1000)
        p50, p90 = statistics.median(times), percentile(times, 90)
        limit_ms, limit_bytes = TARGETS[language]
        ok = p50 <= limit_ms and len(data) <= limit_bytes
        failed |= not ok
        print(
            f"{language:<9} {p50:>7.1f} {p90:>7.1f} {len(data) / 1000:>7.1f} {statistics.median(html_times):>8.2f}"
            f"  p50 ≤ {limit_ms} ms, ≤ {limit_bytes // 1000} KB {'ok' if ok else 'MISSED'}"
        )
    end = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nmemory: {warm:.0f} MB after warm-up, {end:.0f} MB after {RENDERS * len(letters)} renders, peak {peak:.0f} MB"
    )
    memory_ok = peak <= 120 and end - warm <= 10
    print(f"memory target ≤ 120 MB and steady: {'ok' if memory_ok else 'MISSED'}")
    return 1 if failed or not memory_ok else 0


if __name__ == "__main__":
    sys.exit(main())
