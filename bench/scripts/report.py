#!/usr/bin/env python3
"""Turns JMH JSON results (one or more runs of FsBenchmarks) into the Markdown tables of
docs/PERFORMANCE.md: per row the median score of each filesystem over the runs, the spread
(min-max of the per-run scores, and JMH's 99.9% error of each run), and the ratios
Cairn/Jimfs and Cairn/host. Usage: report.py run1.json [run2.json ...]"""
import json
import statistics
import sys

ROWS = [
    ("createStatDelete", "create + stat + delete a small file", "ops/s"),
    ("createStatDelete2T", "create + stat + delete, 2 threads (total)", "ops/s"),
    ("stat16Deep", "stat of a file 16 directories deep", "ops/s"),
    ("stat16Deep2T", "stat 16-deep, 2 threads (total)", "ops/s"),
    ("list1000", "list a directory of 1000 entries", "ops/s"),
    ("write4kReadDelete", "write 4 KiB to a new file, read it, delete", "ops/s"),
    ("seqWrite64M", "sequential write 64 MiB, 64 KiB chunks", "GiB/s"),
    ("seqRead64M", "sequential read 64 MiB, 64 KiB chunks", "GiB/s"),
]
FS = ["cairn", "jimfs", "host"]


def load(paths):
    scores, errors, alloc = {}, {}, {}
    for path in paths:
        with open(path) as f:
            for r in json.load(f):
                name = r["benchmark"].rsplit(".", 1)[1]
                fs = r["params"]["fs"]
                pm = r["primaryMetric"]
                scores.setdefault((name, fs), []).append(pm["score"])
                errors.setdefault((name, fs), []).append(pm["scoreError"])
                sec = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                if sec:
                    alloc.setdefault((name, fs), []).append(sec["score"])
    return scores, errors, alloc


def fmt(v, unit):
    if unit == "GiB/s":
        return "%.2f GiB/s" % v
    if v >= 1e6:
        return "%.2f M" % (v / 1e6)
    if v >= 1e3:
        return "%.1f K" % (v / 1e3)
    return "%.0f" % v


def main():
    scores, errors, alloc = load(sys.argv[1:])
    print("| operation | Cairn tmpfs | Jimfs 1.3.2 | host /dev/shm | Cairn ÷ Jimfs | Cairn ÷ host |")
    print("|---|---|---|---|---|---|")
    for key, label, unit in ROWS:
        med = {}
        cells = []
        for fs in FS:
            s = scores.get((key, fs))
            if not s:
                cells.append("–")
                continue
            factor = 1 / 16 if unit == "GiB/s" else 1  # one op = 64 MiB
            vals = [x * factor for x in s]
            med[fs] = statistics.median(vals)
            errs = [e * factor for e in errors[(key, fs)]]
            spread = "runs %s–%s, ±%s" % (fmt(min(vals), unit), fmt(max(vals), unit),
                                          "/".join(fmt(e, unit) for e in errs))
            cells.append("%s (%s)" % (fmt(med[fs], unit), spread))
        rj = "%.2f×" % (med["cairn"] / med["jimfs"]) if "cairn" in med and "jimfs" in med else "–"
        rh = "%.2f×" % (med["cairn"] / med["host"]) if "cairn" in med and "host" in med else "–"
        print("| %s | %s | %s | %s | %s | %s |" % (label, cells[0], cells[1], cells[2], rj, rh))
    print()
    print("| bytes allocated per op (`-prof gc`, median) | Cairn tmpfs | Jimfs 1.3.2 | host /dev/shm | Cairn ÷ Jimfs | Cairn ÷ host |")
    print("|---|---|---|---|---|---|")
    for key, label, unit in ROWS:
        med = {fs: statistics.median(alloc[(key, fs)]) for fs in FS if (key, fs) in alloc}
        if not med:
            continue
        cells = ["{:,.0f} B".format(med[fs]) if fs in med else "–" for fs in FS]
        rj = "%.2f×" % (med["cairn"] / med["jimfs"]) if med.get("jimfs") else "–"
        rh = "%.2f×" % (med["cairn"] / med["host"]) if med.get("host") else "–"
        print("| %s | %s | %s | %s | %s | %s |" % (label, cells[0], cells[1], cells[2], rj, rh))


if __name__ == "__main__":
    main()
