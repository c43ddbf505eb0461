#!/usr/bin/env python3
"""Table and target checks for scripts/bench-http.

Usage: wrk_report.py REPERTOIRE_WRK.txt DATASETTE_WRK.txt   (the output of `wrk --latency`)
       (DATASETTE_WRK.txt "-": datasette was skipped, Répertoire's figures and p99 target only)

Prints a Markdown table (requests/s, p50, p90, p99, max, errors per server), the ratio
Répertoire/datasette, then the targets: requests/s ≥ 100 × datasette's, p99 ≤ 50 ms at 32
connections. Exits 0, or 3 when a target is not met and BENCH_STRICT=1.
"""

import os
import re
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def millis(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"cannot read the duration {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse(path):
    text = open(path).read()
    out = {"text": text, "percentiles": {}, "errors": 0, "non2xx": 0}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    out["rps"] = float(rps.group(1)) if rps else 0.0
    requests = re.search(r"(\d+) requests in ([\d.]+\w+)", text)
    out["requests"] = int(requests.group(1)) if requests else 0
    latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", text)
    if latency:
        out["mean"], out["max"] = millis(latency.group(1)), millis(latency.group(3))
    for pct, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M):
        out["percentiles"][int(pct)] = millis(value)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if errors:
        out["errors"] = sum(int(g) for g in errors.groups())
        out["timeouts"] = int(errors.group(4))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non2xx:
        out["non2xx"] = int(non2xx.group(1))
    return out


def ms(value):
    return "—" if value is None else (f"{value:.2f}" if value < 10 else f"{value:.0f}")


def main(rep_path, ds_path):
    rep = parse(rep_path)
    ds = parse(ds_path) if ds_path != "-" else None
    print("| server | requests/s | requests | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | errors / non-2xx |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in (("Répertoire", rep), ("datasette", ds)):
        if r is None:
            continue
        p = r["percentiles"]
        print(f"| {name} | {r['rps']:,.1f} | {r['requests']:,} | {ms(p.get(50))} | {ms(p.get(90))} | {ms(p.get(99))} "
              f"| {ms(r.get('max'))} | {r['errors']} / {r['non2xx']} |")
    p99 = rep["percentiles"].get(99)
    checks = []
    if ds is not None:
        ratio = rep["rps"] / ds["rps"] if ds["rps"] > 0 else float("inf")
        print()
        print(f"Ratio Répertoire/datasette, requests/s: {ratio:,.1f}×")
        checks.append(("HTTP JSON search ≥ 100× datasette's requests/s", ratio >= 100, f"{ratio:,.1f}×"))
    checks += [
        ("HTTP p99 ≤ 50 ms at 32 connections", p99 is not None and p99 <= 50, f"{ms(p99)} ms"),
        ("every Répertoire response 2xx, no socket error", rep["errors"] == 0 and rep["non2xx"] == 0,
         f"{rep['errors']} errors, {rep['non2xx']} non-2xx"),
    ]
    if ds is not None and (ds["errors"] or ds["non2xx"]):
        print(f"Warning: datasette had {ds['errors']} socket errors (timeouts: {ds.get('timeouts', 0)}) "
              f"and {ds['non2xx']} non-2xx responses: its requests/s counts only answered requests.")
    return print_targets(checks, "bench-http")


def print_targets(checks, name):
    """Prints each (label, ok, value) as MET / NOT MET and a summary line; returns how many missed."""
    print()
    print("Targets:")
    missed = 0
    for label, ok, value in checks:
        missed += not ok
        print(f"  {'MET' if ok else 'NOT MET':<8} {label}  — {value}")
    print()
    print(f"{name}: {missed} target(s) not met" if missed else f"{name}: every target met")
    return missed


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    missed = main(sys.argv[1], sys.argv[2])
    sys.exit(3 if missed and os.environ.get("BENCH_STRICT") == "1" else 0)
