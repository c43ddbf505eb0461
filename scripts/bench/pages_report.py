#!/usr/bin/env python3
"""Pages against the JSON search, for scripts/bench-http.

Usage: pages_report.py [--reference LABEL] JSON_WRK.txt LABEL=PAGE_WRK.txt... [--busy LABEL=IDLE_WRK.txt:BUSY_WRK.txt EXPORTS]

Prints a Markdown table of every HTML page (requests/s, share of the JSON search's requests/s,
p50, p99, errors), then the targets: each page at ≥ 40 % of the JSON search's requests/s and
p99 ≤ 100 ms. With --busy, compares one page measured alone and while 100,000-row exports ran
(EXPORTS: how many exports completed meanwhile). Exits 0, or 3 when a target is not met and
BENCH_STRICT=1.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from wrk_report import ms, parse, print_targets  # noqa: E402


def main(args):
    reference = "JSON search (reference)"
    if args[0] == "--reference":
        reference, args = f"{args[1]} (reference)", args[2:]
    busy = None
    if "--busy" in args:
        at = args.index("--busy")
        busy = args[at + 1:at + 3]
        args = args[:at]
    json_run = parse(args[0])
    pages = [(label, parse(path)) for label, path in (a.rsplit("=", 1) for a in args[1:])]
    print("| page | requests/s | share of the JSON search | p50 (ms) | p99 (ms) | errors / non-2xx |")
    print("|---|---:|---:|---:|---:|---:|")
    p = json_run["percentiles"]
    print(f"| {reference} | {json_run['rps']:,.1f} | 100 % | {ms(p.get(50))} | {ms(p.get(99))} "
          f"| {json_run['errors']} / {json_run['non2xx']} |")
    checks = []
    for label, run in pages:
        p = run["percentiles"]
        share = run["rps"] / json_run["rps"] if json_run["rps"] else 0
        print(f"| {label} | {run['rps']:,.1f} | {share:.0%} | {ms(p.get(50))} | {ms(p.get(99))} "
              f"| {run['errors']} / {run['non2xx']} |")
        checks.append((f"{label}: ≥ 40 % of the {reference.replace(' (reference)', '')}'s requests/s", share >= 0.40, f"{share:.0%}"))
        checks.append((f"{label}: p99 ≤ 100 ms", p.get(99) is not None and p[99] <= 100, f"{ms(p.get(99))} ms"))
        checks.append((f"{label}: every response 2xx", run["errors"] == 0 and run["non2xx"] == 0,
                       f"{run['errors']} errors, {run['non2xx']} non-2xx"))
    if busy:
        label, files = busy[0].rsplit("=", 1)
        idle, loaded = (parse(f) for f in files.split(":"))
        exports = busy[1]
        print()
        print(f"While 100,000-row exports ran one after another ({exports} completed during the run):")
        print()
        print("| page | requests/s | p50 (ms) | p99 (ms) |")
        print("|---|---:|---:|---:|")
        for name, run in ((f"{label}, alone", idle), (f"{label}, during exports", loaded)):
            p = run["percentiles"]
            print(f"| {name} | {run['rps']:,.1f} | {ms(p.get(50))} | {ms(p.get(99))} |")
        p99 = loaded["percentiles"].get(99)
        checks.append((f"{label} during exports: p99 ≤ 100 ms", p99 is not None and p99 <= 100, f"{ms(p99)} ms"))
    return print_targets(checks, "pages")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__.strip().splitlines()[2])
    missed = main(sys.argv[1:])
    sys.exit(3 if missed and os.environ.get("BENCH_STRICT") == "1" else 0)
