#!/usr/bin/python3
"""Markdown table of the information plane per beta: for each run folder under DIR (one per beta),
I(X;Z) and I(Z;Y) of the labeled set (I(Z;Y) left-one-out) and of the test sample, at step 0 (the
pre-trained embedding) and at the last step, the memorisation gap I(Z;Y) labeled - test at the last
step, and the run's KDE AUPRC after re-training.

  scripts/plane_table.py DIR
"""
import csv
import json
import os
import sys


def plane_points(folder):
    with open(os.path.join(folder, "infoplane.csv")) as f:
        rows = list(csv.DictReader(f))
    last = max(int(r["step"]) for r in rows)
    pick = {}
    for r in rows:
        step = int(r["step"])
        if step in (0, last):
            pick[(r["set"], "first" if step == 0 else "last")] = (float(r["ixz"]), float(r["izy"]))
    return pick, last


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    rows = []
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        if not os.path.exists(os.path.join(folder, "infoplane.csv")):
            continue
        with open(os.path.join(folder, "metrics.json")) as f:
            metrics = json.load(f)
        p, last = plane_points(folder)
        gap = p[("labeled", "last")][1] - p[("test", "last")][1]
        rows.append((metrics["beta"], last, p, gap, metrics["before"]["auprc"], metrics["after"]["auprc"]))
    if not rows:
        sys.exit(f"{root}: no run folder with an infoplane.csv")
    print("| β | steps | labeled I(X;Z) 0 → end | labeled I(Z;Y) 0 → end | test I(X;Z) 0 → end | "
          "test I(Z;Y) 0 → end | gap at end | AUPRC before → after |")
    print("|---|---|---|---|---|---|---|---|")
    for beta, last, p, gap, before, after in sorted(rows):
        def cells(s, k):
            return f"{p[(s, 'first')][k]:.3f} → {p[(s, 'last')][k]:.3f}"
        print(f"| {beta:g} | {last} | {cells('labeled', 0)} | {cells('labeled', 1)} | {cells('test', 0)} | "
              f"{cells('test', 1)} | {gap:.2f} | {before:.3f} → {after:.3f} |")


if __name__ == "__main__":
    main()
