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
import statistics
import sys

KINDS = ["frequent", "rare", "prefix", "typo", "three-word", "place"]


def fmt(value, spec):
    return "—" if value is None else format(value, spec)


def row_label(r, runs):
    return f"{r['n']:,}" + (f" (run {r.get('run', 1)})" if runs[r["n"]] > 1 else "")


def median_run(results):
    """One result per size whose figures are the median over that size's runs."""
    by_n = {}
    for r in results:
        by_n.setdefault(r["n"], []).append(r)
    out = {}
    for n, rs in by_n.items():
        med = json.loads(json.dumps(rs[0]))
        b = med["bench"]
        b["buildSeconds"] = statistics.median(r["bench"]["buildSeconds"] for r in rs)
        rss = [r["bench"]["residentMegabytes"] for r in rs if r["bench"].get("residentMegabytes") is not None]
        b["residentMegabytes"] = statistics.median(rss) if rss else None
        for line in b["lines"]:
            same = [l for r in rs for l in r["bench"]["lines"] if l["label"] == line["label"]]
            line["p50Microseconds"] = statistics.median(l["p50Microseconds"] for l in same)
            line["p99Microseconds"] = statistics.median(l["p99Microseconds"] for l in same)
        out[n] = med
    return out


def main(paths):
    results = sorted((json.load(open(p)) for p in paths), key=lambda r: (r["n"], r.get("run", 1)))
    runs = {}
    for r in results:
        runs[r["n"]] = runs.get(r["n"], 0) + 1
    print("| enterprises | demo write (s) | load from store (s) | index build (s) | RSS (MB) |")
    print("|---:|---:|---:|---:|---:|")
    for r in results:
        b = r["bench"]
        print(f"| {row_label(r, runs)} | {fmt(r.get('demo_seconds'), '.2f')} | {fmt(b.get('loadSeconds'), '.2f')} "
              f"| {b['buildSeconds']:.2f} | {fmt(b.get('residentMegabytes'), '.0f')} |")
    print()
    print("In-process latency, µs (p50 / p99), each query with the facet filters below, top 20 and every facet count:")
    print()
    print("| enterprises | " + " | ".join(KINDS) + " |")
    print("|---:|" + "---:|" * len(KINDS))
    for r in results:
        lines = {line["label"]: line for line in r["bench"]["lines"]}
        cells = [f"{lines[k]['p50Microseconds']:.0f} / {lines[k]['p99Microseconds']:.0f}" if k in lines else "—" for k in KINDS]
        print(f"| {row_label(r, runs)} | " + " | ".join(cells) + " |")
    print()
    print("Queries (matches):")
    for r in (r for r in results if r.get("run", 1) == 1):
        b = r["bench"]
        text = ", ".join(f"{line['label']} «{line['query']}» ({line['matches']:,})" for line in b["lines"])
        print(f"- {r['n']:,}: {text}; filters {b['facets']}")
    demo_lines = [f"- {r['n']:,}: {r['demo_message']}" for r in results if r.get("demo_message") and r.get("run", 1) == 1]
    if demo_lines:
        print()
        print("repertoire demo said:")
        print("\n".join(demo_lines))

    by_n = median_run(results)
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
    print("Targets" + (" (median of the runs of each size):" if max(runs.values()) > 1 else ":"))
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
