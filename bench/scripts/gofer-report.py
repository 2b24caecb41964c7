#!/usr/bin/env python3
"""Turns JMH JSON results of GoferBench (one or more runs) into the Markdown tables of the
"9P gofer" section of docs/PERFORMANCE.md: per row the mean score of each peer over the runs,
each peer's ratio to the host (java.nio on the exported directory), and the spread of the
runs. Usage: gofer-report.py run1.json [run2.json ...]"""
import json
import statistics
import sys

ROWS = [
    ("statSmall", "stat of a 4 KiB file, 3 dirs deep (cached path)", "ops"),
    ("openRead4kClose", "open + read 4 KiB + close", "ops"),
    ("seqRead64M_64k", "sequential read 64 MiB, 64 KiB reads", "MiB"),
    ("seqRead64M_1m", "sequential read 64 MiB, 1 MiB reads", "MiB"),
    ("seqWrite64M_64k", "sequential write 64 MiB, 64 KiB writes (O_TRUNC, close)", "MiB"),
    ("list1000WithStat", "list 1000 entries + lstat each", "ops"),
]
PEERS = ["9p-fscache", "9p-fscache-cold", "9p-revalidating", "9p-revalidating-stream", "tmpfs", "host"]


def load(paths):
    scores = {}
    for path in paths:
        with open(path) as f:
            for r in json.load(f):
                name = r["benchmark"].rsplit(".", 1)[1]
                scores.setdefault((name, r["params"]["fs"]), []).append(r["primaryMetric"]["score"])
    return scores


def fmt(v, unit):
    if unit == "MiB":
        return f"{v * 64:,.0f} MiB/s"
    if v >= 1e6:
        return f"{v / 1e6:.2f} M/s"
    if v >= 1e4:
        return f"{v / 1e3:.1f} K/s"
    return f"{v:,.0f} /s"


def main(paths):
    scores = load(paths)
    head = "| row | " + " | ".join(PEERS) + " | " + " | ".join(p + " ÷ host" for p in PEERS[:4]) + " |"
    print(head)
    print("|" + "---|" * (1 + len(PEERS) + 4))
    for key, label, unit in ROWS:
        mean = {p: statistics.mean(scores[(key, p)]) for p in PEERS if (key, p) in scores}
        cells = [fmt(mean[p], unit) if p in mean else "-" for p in PEERS]
        host = mean.get("host")
        ratios = [(lambda r: f"{r:.1f}%" if r < 10 else f"{r:.0f}%")(100 * mean[p] / host) if p in mean and host else "-" for p in PEERS[:4]]
        print(f"| {label} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
    print()
    if "statSmall" in {k for k, _ in scores} and ("statSmall", "tmpfs") in scores:
        f = statistics.mean(scores[("statSmall", "9p-fscache")])
        t = statistics.mean(scores[("statSmall", "tmpfs")])
        print(f"fscache stat ÷ tmpfs stat (time per op): {t / f:.2f}×")
        print()
    print("Spread (each run's score, ops/s):")
    print()
    for key, _, _ in ROWS:
        for p in PEERS:
            if (key, p) in scores:
                runs = ", ".join(f"{s:.4g}" for s in scores[(key, p)])
                print(f"- {key}/{p}: {runs}")


if __name__ == "__main__":
    main(sys.argv[1:])
