#!/usr/bin/env python3
# The paper-width GAN's Figure 1 rows beside the fast GAN's rows of the same digits, as the two
# Markdown tables of docs/RESULTS.md, from the tables scripts/reproduce_results.sh writes (its
# digits and paper studies). Usage: scripts/paper_rows.py [TABLES folder, default out/results/tables]
import re, sys
T = (sys.argv[1] if len(sys.argv) > 1 else "out/results/tables").rstrip("/") + "/"
def rows(name):
    out = {}
    for line in open(T + name):
        m = re.match(r"\| (\d) \|", line)
        if m: out[int(m.group(1))] = [c.strip() for c in line.strip().strip("|").split("|")]
    return out
pc, fc = rows("paper_change.md"), rows("digits_change.md")
pn, fn = rows("paper_change_nearest.md"), rows("digits_change_nearest.md")
pb, fb = rows("paper_change_bn_only.md"), rows("digits_change_bn_only.md")
pe, fe = rows("paper_entanglement_min.md"), rows("digits_entanglement_min.md")
digits = sorted(pc)
print("| digit | GAN | n | chance | AUPRC before | after xdd (kde) | change | seeds improved | xdd own score |")
print("|---|---|---|---|---|---|---|---|---|")
for d in digits:
    for gan, r in (("`paper`", pc[d]), ("`fast`", fc[d])):
        print("| " + " | ".join([str(d), gan] + r[1:]) + " |")
print()
print("| digit | GAN | AUPRC before (nearest) | after xdd (nearest) | change | seeds improved | change after bn_only (kde) | entanglement: pre-trained → xdd → bn_only |")
print("|---|---|---|---|---|---|---|---|")
for d in digits:
    for gan, n, b, e in (("`paper`", pn[d], pb[d], pe[d]), ("`fast`", fn[d], fb[d], fe[d])):
        # entanglement tables: digit, n, pre-trained, xdd, bn_only (paper); fast has more methods
        ent = f"{e[2]} → {e[3]} → {e[4]}"
        print(f"| {d} | {gan} | {n[3]} | {n[4]} | {n[5]} | {n[6]} | {b[5]} | {ent} |")
print()
# The summary RESULTS quotes: the mean AUPRC before and after XDD over the digits done, for both
# GANs, and the digits whose 95 % interval of the change excludes zero.
def mean_of(table, col):
    return sum(float(table[d][col].split("±")[0]) for d in digits) / len(digits)
def excluding_zero(table):
    ups, downs = [], []
    for d in digits:
        change, half = (float(x) for x in table[d][5].split("±"))
        if abs(change) > half: (ups if change > 0 else downs).append(str(d))
    return f"up: {', '.join(ups) or 'none'}; down: {', '.join(downs) or 'none'}"
names = ", ".join(str(d) for d in digits)
for gan, t in (("paper", pc), ("fast", fc)):
    print(f"- `{gan}` GAN, digits {names}: mean AUPRC (kde) {mean_of(t, 3):.3f} -> {mean_of(t, 4):.3f}; "
          f"change excludes zero, {excluding_zero(t)}")
