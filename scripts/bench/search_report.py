#!/usr/bin/env python3
"""Tables and target checks for scripts/bench-search.

Usage: search_report.py RESULT.json...   (one file per data-set size, written by scripts/bench-search:
{"n", "demo_seconds", "demo_message", "bench": <repertoire bench --json>})

Prints Markdown tables (they paste into BENCHMARKS.md as they are), then one line per target:
"MET", "NOT MET" or "not measured". The last line says how many targets were not met; exits 0,
or 3 when one was not met and BENCH_STRICT=1.
"""

import json
import os
import sys

KINDS = ["frequent", "rare", "prefix", "typo", "three-word"]


def fmt(value, spec):
    return "—" if value is None else format(value, spec)


def main(paths):
    results = sorted((json.load(open(p)) for p in paths), key=lambda r: r["n"])
    print("| enterprises | demo write (s) | load from store (s) | index build (s) | RSS (MB) |")
    print("|---:|---:|---:|---:|---:|")
    for r in results:
        b = r["bench"]
        print(f"| {r['n']:,} | {fmt(r.get('demo_seconds'), '.2f')} | {fmt(b.get('loadSeconds'), '.2f')} "
              f"| {b['buildSeconds']:.2f} | {fmt(b.get('residentMegabytes'), '.0f')} |")
    print()
    print("In-process latency, µs (p50 / p99), each query with the facet filters below, top 20 and every facet count:")
    print()
    print("| enterprises | " + " | ".join(KINDS) + " |")
    print("|---:|" + "---:|" * len(KINDS))
    for r in results:
        lines = {line["label"]: line for line in r["bench"]["lines"]}
        cells = [f"{lines[k]['p50Microseconds']:.0f} / {lines[k]['p99Microseconds']:.0f}" if k in lines else "—" for k in KINDS]
        print(f"| {r['n']:,} | " + " | ".join(cells) + " |")
    print()
    print("Queries (matches):")
    for r in results:
        b = r["bench"]
        text = ", ".join(f"{line['label']} «{line['query']}» ({line['matches']:,})" for line in b["lines"])
        print(f"- {r['n']:,}: {text}; filters {b['facets']}")
    demo_lines = [f"- {r['n']:,}: {r['demo_message']}" for r in results if r.get("demo_message")]
    if demo_lines:
        print()
        print("repertoire demo said:")
        print("\n".join(demo_lines))

    by_n = {r["n"]: r for r in results}
    checks = []

    def line(n, label):
        return next((l for l in by_n[n]["bench"]["lines"] if l["label"] == label), None) if n in by_n else None

    f100 = line(100_000, "frequent")
    b100 = by_n.get(100_000, {}).get("bench")
    checks.append(("100,000: frequent word + 3 facets + top 20, p50 ≤ 1 ms",
                   None if f100 is None else f100["p50Microseconds"] <= 1000,
                   None if f100 is None else f"{f100['p50Microseconds']:.0f} µs"))
    checks.append(("100,000: frequent word + 3 facets + top 20, p99 ≤ 3 ms",
                   None if f100 is None else f100["p99Microseconds"] <= 3000,
                   None if f100 is None else f"{f100['p99Microseconds']:.0f} µs"))
    checks.append(("100,000: index build < 3 s",
                   None if b100 is None else b100["buildSeconds"] < 3,
                   None if b100 is None else f"{b100['buildSeconds']:.2f} s"))
    rss = None if b100 is None else b100.get("residentMegabytes")
    checks.append(("100,000: RSS ≤ 400 MB", None if rss is None else rss <= 400,
                   None if rss is None else f"{rss:.0f} MB"))
    if 11_000 in by_n:
        worst = max(by_n[11_000]["bench"]["lines"], key=lambda l: l["p99Microseconds"])
        checks.append(("11,000: every query p99 ≤ 0.5 ms", worst["p99Microseconds"] <= 500,
                       f"worst {worst['label']} {worst['p99Microseconds']:.0f} µs"))
    else:
        checks.append(("11,000: every query p99 ≤ 0.5 ms", None, None))

    print()
    print("Targets:")
    missed = 0
    for label, ok, value in checks:
        verdict = "n/a" if ok is None else ("MET" if ok else "NOT MET")
        missed += ok is False
        print(f"  {verdict:<8} {label}" + (f"  — {value}" if value else "  — size not in SIZES"))
    print()
    print(f"bench-search: {missed} target(s) not met" if missed else "bench-search: every measured target met")
    return missed


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip().splitlines()[2])
    missed = main(sys.argv[1:])
    sys.exit(3 if missed and os.environ.get("BENCH_STRICT") == "1" else 0)
