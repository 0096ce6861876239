#!/usr/bin/python3
"""Recomputes a run's detection metrics with scikit-learn and compares them with the run's own.

    /usr/bin/python3 scripts/check_metrics.py OUTPUT_DIR [--tol 1e-6]

OUTPUT_DIR holds scores.csv (columns index,label,score_before,score_after; higher score = more
anomalous) and metrics.json ({"holdout": h, "before": {"auprc", "auroc", "fpr95"}, "after": {...}}).
The positive class is label == holdout. AUPRC is average_precision_score, AUROC roc_auc_score, and
FPR95 the smallest FPR with TPR >= 0.95 on roc_curve(drop_intermediate=False), the engine's
definitions. Prints a table and exits 0 only when every value matches to the tolerance; 1 on a
mismatch, 2 when the files are missing or malformed.
"""
import argparse
import csv
import json
import math
import pathlib
import sys

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score, roc_curve

STAGES = ("before", "after")
METRICS = ("auprc", "auroc", "fpr95")


def fail(message: str) -> None:
    print(f"check_metrics: {message}", file=sys.stderr)
    sys.exit(2)


def read_scores(path: pathlib.Path):
    if not path.is_file():
        fail(f"missing {path}")
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        needed = {"index", "label", "score_before", "score_after"}
        if reader.fieldnames is None or not needed <= set(reader.fieldnames):
            fail(f"{path}: expected columns {sorted(needed)}, got {reader.fieldnames}")
        rows = list(reader)
    if not rows:
        fail(f"{path}: no rows")
    try:
        labels = np.array([int(r["label"]) for r in rows])
        scores = {s: np.array([float(r[f"score_{s}"]) for r in rows]) for s in STAGES}
    except ValueError as e:
        fail(f"{path}: {e}")
    for stage, s in scores.items():
        if not np.all(np.isfinite(s)):
            fail(f"{path}: score_{stage} holds NaN or infinite values")
    return labels, scores


def read_metrics(path: pathlib.Path) -> dict:
    if not path.is_file():
        fail(f"missing {path}")
    try:
        m = json.loads(path.read_text())
        int(m["holdout"])
        for stage in STAGES:
            for name in ("auprc", "auroc"):
                float(m[stage][name])
    except (ValueError, KeyError, TypeError) as e:
        fail(f"{path}: malformed ({type(e).__name__}: {e})")
    return m


def fpr_at_tpr(y: np.ndarray, s: np.ndarray, tpr: float) -> float:
    fpr, tp_rate, _ = roc_curve(y, s, drop_intermediate=False)
    return float(fpr[tp_rate >= tpr].min())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output_dir", type=pathlib.Path)
    parser.add_argument("--tol", type=float, default=1e-6)
    args = parser.parse_args()

    labels, scores = read_scores(args.output_dir / "scores.csv")
    reported = read_metrics(args.output_dir / "metrics.json")
    holdout = int(reported["holdout"])
    y = (labels == holdout).astype(int)
    if y.sum() == 0 or y.sum() == len(y):
        fail(f"holdout {holdout}: scores.csv needs both positives and negatives")

    print(f"holdout {holdout}: {int(y.sum())} positives of {len(y)}")
    print(f"{'stage':<7} {'metric':<6} {'reported':>12} {'sklearn':>12} {'|diff|':>10}")
    ok = True
    for stage in STAGES:
        s = scores[stage]
        ours = {"auprc": average_precision_score(y, s), "auroc": roc_auc_score(y, s),
                "fpr95": fpr_at_tpr(y, s, 0.95)}
        for name in METRICS:
            if name not in reported[stage]:
                continue  # fpr95 is checked when the run reports it
            theirs = float(reported[stage][name])
            diff = abs(theirs - ours[name])
            good = math.isfinite(diff) and diff <= args.tol
            ok &= good
            print(f"{stage:<7} {name:<6} {theirs:>12.8f} {ours[name]:>12.8f} {diff:>10.2e}"
                  f"{'' if good else '  MISMATCH'}")
    print("OK" if ok else f"FAILED: some values differ by more than {args.tol}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
