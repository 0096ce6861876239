#!/usr/bin/python3
"""Markdown tables of stored runs for docs/RESULTS.md: mean and 95 % Student-t half-width over seeds.

  scripts/results_tables.py digits   --store DB [--metric auprc|auroc|fpr95|entanglement|entanglement_min]
                                     [--score kde|nearest|own]
  scripts/results_tables.py change   --store DB [--method xdd] [--score kde|nearest]
  scripts/results_tables.py ablation --store DB [--method xdd] [--score kde|nearest]

`digits`: one row per held-out digit, one column per method (the pre-trained embedding first), and
the mean over the digits. Each method's column reads the seeds that every digit has for it, so a
sweep still running (some digits with more seeds than others) gives comparable rows; `n` is the
largest number of seeds of a column.
`--metric entanglement`: the class entanglement of the test embedding at the median temperature
(metrics.json "entanglement"); `entanglement_min`: at its minimising temperature ("entanglement_min").
Runs recorded before a readout existed have none and are left out.
`--score`: the KDE score with the median bandwidth (kde), its nearest-neighbour limit (nearest), or,
after re-training, each method's own score (own).
`change`: one row per held-out digit for one method: AUPRC before and after (KDE score), the paired
change after - before over seeds, how many seeds improved, and the method's own score.
`ablation`: one row per combination of the settings that differ between the stored runs of one
method (read from each run's config.json), with AUPRC before, after and the paired change over seeds.
`--max-seed S` keeps only the runs with seed <= S (a store with more seeds read beside another).
Runs are read with `xdd runs list --json`, so the tables show exactly what the run store holds;
`--store` given more than once reads the runs of every store.
"""
import argparse
import json
import math
import os
import subprocess
import sys
from collections import defaultdict

from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
METHODS = ["xdd", "bn_only", "softmax", "mcdd", "isomax", "isomax_plus", "snn", "svdd"]
# The metric kinds of the run store for each --score: (before, after).
SCORE_KINDS = {"kde": ("kde_before", "kde_after"), "nearest": ("nn_before", "nn_after"),
               "own": ("kde_before", "own_after")}
# Settings that say where or how fast a run computed, or which repetition it is: never a row.
NOT_SETTINGS = {"seed", "threads", "device", "cache_dir", "data_dir", "holdout", "method"}


def stored_runs(xdd, store):
    out = subprocess.run([xdd, "runs", "list", "--json", "--store", store], check=True,
                         capture_output=True, text=True).stdout
    return [r for r in json.loads(out) if r.get("status") == "done"]


def mean_interval(values):
    """Mean and the half-width of its 95 % Student-t interval ('' with one value)."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, None
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return mean, stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)


def cell(values, signed=False):
    if not values:
        return "-"
    mean, half = mean_interval(values)
    text = f"{mean:+.3f}" if signed else f"{mean:.3f}"
    return text if half is None else f"{text} ± {half:.3f}"


def metric(run, kind, name):
    value = run.get("metrics", {}).get(kind, {}).get(name)
    return None if value is None or math.isnan(value) else value


def entanglement(run, key, when):
    value = (run.get(key) or {}).get(when)
    return None if value is None or math.isnan(value) else value


def is_entanglement(name):
    return name.startswith("entanglement")


def before_value(run, name, before_kind):
    return entanglement(run, name, "before") if is_entanglement(name) else metric(run, before_kind, name)


def after_value(run, name, after_kind):
    return entanglement(run, name, "after") if is_entanglement(name) else metric(run, after_kind, name)


def with_complete_seeds(runs):
    """The runs of each method whose seed that method has for every held-out digit it was run on."""
    seeds = defaultdict(lambda: defaultdict(set))
    for r in runs:
        seeds[r["method"]][r["holdout"]].add(r["seed"])
    complete = {m: set.intersection(*per_digit.values()) for m, per_digit in seeds.items()}
    return [r for r in runs if r["seed"] in complete[r["method"]]]


def digits_table(runs, name, score):
    before_kind, after_kind = SCORE_KINDS[score]
    runs = with_complete_seeds(runs)
    methods = [m for m in METHODS if any(r["method"] == m for r in runs)]
    before, after, chance, seeds = defaultdict(dict), defaultdict(lambda: defaultdict(list)), {}, defaultdict(set)
    for r in runs:
        d = r["holdout"]
        chance[d] = r.get("chance_auprc")
        b = before_value(r, name, before_kind)
        if b is not None:
            before[d][r["seed"]] = b  # one pre-trained embedding per (digit, seed), whatever the method
        a = after_value(r, name, after_kind)
        if a is not None:
            after[d][r["method"]].append(a)
            seeds[d].add(r["seed"])
    header = ["digit", "n"] + (["chance"] if name == "auprc" else []) + ["pre-trained"] + methods
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for d in sorted(before):
        row = [str(d), str(len(seeds[d]))]
        if name == "auprc":
            row.append(f"{chance[d]:.3f}")
        row.append(cell(list(before[d].values())))
        row += [cell(after[d][m]) for m in methods]
        lines.append("| " + " | ".join(row) + " |")
    if len(before) > 1:
        # The unweighted mean of the digits' means (each digit counts once, as in the paper).
        def mean_of_means(per_digit):
            means = [sum(v) / len(v) for v in per_digit if v]
            return f"{sum(means) / len(means):.3f}" if means else "-"
        row = ["mean", ""]
        if name == "auprc":
            row.append(f"{sum(chance[d] for d in before) / len(before):.3f}")
        row.append(mean_of_means([list(before[d].values()) for d in before]))
        row += [mean_of_means([after[d][m] for d in before]) for m in methods]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def change_table(runs, method, score):
    before_kind, after_kind = SCORE_KINDS[score]
    runs = [r for r in runs if r["method"] == method]
    by_digit = defaultdict(list)
    for r in runs:
        by_digit[r["holdout"]].append(r)
    header = ["digit", "n", "chance", "AUPRC before", f"after {method} ({score})", "change",
              "seeds improved", f"{method} own score"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for d in sorted(by_digit):
        group = by_digit[d]
        pairs = [(metric(r, before_kind, "auprc"), metric(r, after_kind, "auprc")) for r in group]
        pairs = [(b, a) for b, a in pairs if b is not None and a is not None]
        change = [a - b for b, a in pairs]
        own = [v for v in (metric(r, "own_after", "auprc") for r in group) if v is not None]
        row = [str(d), str(len(pairs)), f"{group[0].get('chance_auprc'):.3f}", cell([b for b, _ in pairs]),
               cell([a for _, a in pairs]), cell(change, signed=True),
               f"{sum(c > 0 for c in change)} of {len(change)}", cell(own)]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def run_settings(run):
    with open(os.path.join(run["files_dir"], "config.json")) as f:
        config = json.load(f)
    return {k: v for k, v in config.items() if k not in NOT_SETTINGS}


def ablation_table(runs, score):
    before_kind, after_kind = SCORE_KINDS[score]
    settings = [run_settings(r) for r in runs]
    # The settings every run has (older versions wrote fewer) that differ between runs.
    common = set.intersection(*(set(s) for s in settings))
    keys = sorted(k for k in common if len({json.dumps(s[k]) for s in settings}) > 1)
    groups = defaultdict(list)
    for r, s in zip(runs, settings):
        groups[tuple(json.dumps(s[k]) for k in keys)].append(r)
    # Each row is named by what it changes from the most common value of each setting.
    usual = {k: max({json.dumps(s[k]) for s in settings}, key=[json.dumps(s[k]) for s in settings].count)
             for k in keys}
    header = ["changed setting", "n", "AUPRC before", f"AUPRC after ({score})", "change", "AUPRC after (own)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]

    def number_or_zero(value):
        try:
            return float(value)
        except ValueError:
            return 0.0

    def sort_key(changed):
        # The defaults row first, then by setting name and by value (numbers as numbers).
        return (len(changed), [(k, number_or_zero(v)) for k, v in changed], changed)

    rows = [([(k, v) for k, v in zip(keys, values) if v != usual[k]], group)
            for values, group in groups.items()]
    for changed, group in sorted(rows, key=lambda row: sort_key(row[0])):
        before = [metric(r, before_kind, "auprc") for r in group]
        after = [metric(r, after_kind, "auprc") for r in group]
        own = [v for v in (metric(r, "own_after", "auprc") for r in group) if v is not None]
        change = [a - b for a, b in zip(after, before) if a is not None and b is not None]
        label = ", ".join(f"{k} = {v.strip(chr(34))}" for k, v in changed) or "none (defaults)"
        row = [label] + [str(len(group)), cell([b for b in before if b is not None]),
                                                cell([a for a in after if a is not None]),
                                                cell(change, signed=True), cell(own)]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("table", choices=["digits", "change", "ablation"])
    parser.add_argument("--store", required=True, action="append", help="run store database (repeatable)")
    parser.add_argument("--xdd", default=os.path.join(ROOT, "build", "app", "xdd"), help="the xdd program")
    parser.add_argument("--metric", default="auprc",
                        choices=["auprc", "auroc", "fpr95", "entanglement", "entanglement_min"])
    parser.add_argument("--method", default="xdd", choices=METHODS,
                        help="the method of the change and ablation tables")
    parser.add_argument("--max-seed", type=int, help="only runs with seed <= this")
    parser.add_argument("--score", default="kde", choices=list(SCORE_KINDS),
                        help="the KDE score (median bandwidth), its nearest-neighbour limit, or "
                             "after re-training each method's own")
    args = parser.parse_args()
    if is_entanglement(args.metric) and args.score != "kde":
        parser.error("--score own is for scores; the entanglement is one number per embedding")
    runs = [r for store in args.store for r in stored_runs(args.xdd, store)]
    if args.max_seed is not None:
        runs = [r for r in runs if r["seed"] <= args.max_seed]
    if not runs:
        sys.exit(f"{', '.join(args.store)}: no finished runs")
    if args.table == "digits":
        print(digits_table(runs, args.metric, args.score))
    elif args.table == "change":
        print(change_table(runs, args.method, args.score))
    else:
        if args.score == "own":
            parser.error("the ablation table shows the own score in its own column")
        print(ablation_table([r for r in runs if r["method"] == args.method], args.score))


if __name__ == "__main__":
    main()
