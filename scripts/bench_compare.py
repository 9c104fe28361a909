#!/usr/bin/env python3
"""Times lqa against its peers on the same pairs, interleaved, and prints the table.

Usage: bench_compare.py DIR LQA LEV_INPROCESS
  DIR            holds hyp.txt and ref.txt (line-aligned, as bench_pairs.py writes them)
  LQA            the lqa binary; timed as the whole `lqa score` command
  LEV_INPROCESS  examples/lev_inprocess: lqa's char_distance loop timed in-process

Peers: sacreBLEU 2.6.0 (sentence and corpus TER, chrF, BLEU) and RapidFuzz
(Levenshtein.distance), in-process, one thread.

Wall times on a shared machine drift by up to 25% within minutes, so a ratio
of two timings taken minutes apart measures the drift as much as the code.
Every measurement therefore runs in BENCH_ROUNDS rounds (default 3); a round
times the peer once and lqa right after it (best of 5 runs at -j1, then at
-j2), and gives one ratio. The table shows the median over the rounds and the
range. Each sacreBLEU run uses a fresh metric object: its tokenizers memoise
lines (lru_cache keyed on the tokenizer object), so a reused object skips
tokenizing in later runs. A round also times two -j1 runs side by side: twice
the -j1 time over theirs is what two cores of this host give at best (the
"host ceiling" for -j2/-j1; a shared virtual machine gives less than 2x).
"""
import os
import statistics
import subprocess
import sys
import time

import rapidfuzz
import sacrebleu
from rapidfuzz.distance import Levenshtein
from sacrebleu.metrics import BLEU, CHRF, TER

DIR, LQA, LEV_INPROCESS = sys.argv[1:4]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
LQA_RUNS = 5  # lqa runs take 0.05-0.3 s: best of 5 per round and thread count
LEV_RUNS = 20  # RapidFuzz's loop takes ~0.05 s: best of 20, as lev_inprocess does

hyps = [l.rstrip() for l in open(os.path.join(DIR, "hyp.txt"), encoding="utf-8", newline="\n")]
refs = [l.rstrip() for l in open(os.path.join(DIR, "ref.txt"), encoding="utf-8", newline="\n")]
N = len(hyps)


def seconds(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# Sentence BLEU with effective order, as lqa computes it (and sacreBLEU
# recommends; without it sacreBLEU warns once per sentence).
MAKERS = {
    "ter": (TER, TER),
    "chrf": (CHRF, CHRF),
    "bleu": (lambda: BLEU(effective_order=True), BLEU),
}


def peer(metric, level):
    if metric == "lev":
        return min(seconds(lambda: [Levenshtein.distance(h, r) for h, r in zip(hyps, refs)]) for _ in range(LEV_RUNS))
    make = MAKERS[metric][0 if level == "sentence" else 1]
    if level == "sentence":

        def run():
            m = make()
            return [m.sentence_score(h, [r]) for h, r in zip(hyps, refs)]

        return seconds(run)
    return seconds(lambda: make().corpus_score(hyps, [refs]))


def lqa(metric, level, jobs, processes=1):
    """Best of LQA_RUNS wall times of `processes` copies of the command run side by side."""
    cmd = [LQA, "score", "--ref", os.path.join(DIR, "ref.txt"), "--hyp", os.path.join(DIR, "hyp.txt")]
    cmd += ["-m", metric, "--format", "csv", "-j", str(jobs)] + (["--sentence"] if level == "sentence" else [])
    best = float("inf")
    for _ in range(LQA_RUNS):
        start = time.perf_counter()
        running = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL) for _ in range(processes)]
        if any(p.wait() != 0 for p in running):
            sys.exit(f"lqa failed: {' '.join(cmd)}")
        best = min(best, time.perf_counter() - start)
    return best


def ratio_format(ratios):
    # Two decimals near 1x, where 0.96x and 1.04x both round to "1.0x".
    return "{:.2f}x" if statistics.median(ratios) < 10 else "{:.1f}x"


def span(values, fmt):
    med = statistics.median(values)
    return f"{fmt.format(med)} ({fmt.format(min(values))}-{fmt.format(max(values))})"


print(f"{N} pairs, sacrebleu {sacrebleu.__version__}, rapidfuzz {rapidfuzz.__version__}, {ROUNDS} rounds")
print(
    f"{'measurement':<16} {'peer pairs/s':>12} {'lqa -j1':>10} {'lqa -j2':>10}  "
    f"{'ratio -j1: median (range)':<27} {'-j2/-j1: median (range)':<25} host ceiling"
)
rows = [(m, lv) for m in ("ter", "chrf", "bleu") for lv in ("sentence", "corpus")] + [("lev", "sentence")]
for metric, level in rows:
    p, t1, t2, pair = [], [], [], []
    for _ in range(ROUNDS):
        p.append(peer(metric, level))
        t1.append(lqa(metric, level, 1))
        t2.append(lqa(metric, level, 2))
        pair.append(lqa(metric, level, 1, processes=2))
    ratios = [a / b for a, b in zip(p, t1)]
    scaling = [a / b for a, b in zip(t1, t2)]
    # What two cores of this host give at best: two independent -j1 runs side by side.
    ceiling = [2 * a / b for a, b in zip(t1, pair)]
    rate = lambda ts: N / statistics.median(ts)
    print(
        f"{level + '_' + metric:<16} {rate(p):>12.0f} {rate(t1):>10.0f} {rate(t2):>10.0f}  "
        f"{span(ratios, ratio_format(ratios)):<27} {span(scaling, '{:.2f}x'):<25} {statistics.median(ceiling):.2f}x",
        flush=True,
    )

# The distance alone, in-process on both sides.
p, t = [], []
for _ in range(ROUNDS):
    p.append(peer("lev", "sentence"))
    t.append(float(subprocess.run([LEV_INPROCESS, DIR], capture_output=True, text=True, check=True).stdout))
ratios = [a / b for a, b in zip(p, t)]
print(f"{'lev_in_process':<16} {N / statistics.median(p):>12.0f} {N / statistics.median(t):>10.0f} {'':>10}  {span(ratios, ratio_format(ratios))}")
print("host ceiling: 2 x (-j1 time) / (time of two -j1 runs side by side), the most two threads can give here.")
print("peers: sacreBLEU and RapidFuzz Levenshtein.distance, in-process, one thread, one run per round")
print(f"(RapidFuzz best of {LEV_RUNS}); lqa: the whole 'lqa score' command, best of {LQA_RUNS} per round.")
print("lev compares RapidFuzz's distance alone with lqa's distance plus normalisation, reading and")
print(f"writing; lev_in_process times lqa's char_distance loop in-process (best of {LEV_RUNS}) against RapidFuzz.")
