#!/usr/bin/env python3
"""Builds the benchmark input from an lqa scan: every real HT x MT pair of pairs.csv,
then same-locale pairs of unrelated segment targets (deterministic, seed 7) until N
pairs. Writes hyp.txt/ref.txt (line-aligned, as sacreBLEU reads them) and pairs.tsv.
Usage: bench_pairs.py SCAN_DIR OUT_DIR N
"""
import csv
import os
import random
import sys

scan, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
csv.field_size_limit(1 << 30)
pairs = []
with open(os.path.join(scan, "pairs.csv"), newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        pairs.append((row["hypothesis"], row["reference"]))
by_locale = {}
with open(os.path.join(scan, "segments.csv"), newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        text = " ".join(row["target"].split())
        if text:
            by_locale.setdefault(row["locale"], []).append(text)
rng = random.Random(7)
locales = sorted(by_locale)
while len(pairs) < n:
    texts = by_locale[locales[len(pairs) % len(locales)]]
    pairs.append((rng.choice(texts), rng.choice(texts)))
pairs = pairs[:n]
# One segment per line: no line breaks inside a segment.
pairs = [(" ".join(h.split()), " ".join(r.split())) for h, r in pairs]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "hyp.txt"), "w", encoding="utf-8", newline="\n") as h, open(
    os.path.join(out, "ref.txt"), "w", encoding="utf-8", newline="\n"
) as r:
    for hyp, ref in pairs:
        h.write(hyp + "\n")
        r.write(ref + "\n")
with open(os.path.join(out, "pairs.tsv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, delimiter="\t", lineterminator="\n")
    w.writerow(["hypothesis", "reference"])
    w.writerows(pairs)
print(f"{len(pairs)} pairs, {sum(len(h) + len(r) for h, r in pairs)} characters")
