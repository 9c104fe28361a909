#!/usr/bin/env python3
"""Times sacreBLEU 2.6.0 (sentence and corpus TER, chrF, BLEU) and RapidFuzz
(Levenshtein distance, best of 20 runs) on hyp.txt/ref.txt, one thread, in-process, and prints one
line per measurement: NAME SECONDS. Usage: bench_peers.py DIR
"""
import os
import sys
import time

import rapidfuzz
import sacrebleu
from rapidfuzz.distance import Levenshtein
from sacrebleu.metrics import BLEU, CHRF, TER

d = sys.argv[1]
hyps = [l.rstrip() for l in open(os.path.join(d, "hyp.txt"), encoding="utf-8", newline="\n")]
refs = [l.rstrip() for l in open(os.path.join(d, "ref.txt"), encoding="utf-8", newline="\n")]
print(f"# sacrebleu {sacrebleu.__version__}, rapidfuzz {rapidfuzz.__version__}", file=sys.stderr)


def timed(name, fn):
    start = time.perf_counter()
    fn()
    print(f"{name} {time.perf_counter() - start:.4f}", flush=True)


# Sentence BLEU with effective order, as lqa computes it (and sacreBLEU recommends;
# without it sacreBLEU warns once per sentence).
for name, metric in [("ter", TER()), ("chrf", CHRF()), ("bleu", BLEU(effective_order=True))]:
    timed(f"sentence_{name}", lambda: [metric.sentence_score(h, [r]) for h, r in zip(hyps, refs)])
    fresh = {"ter": TER, "chrf": CHRF, "bleu": BLEU}[name]()
    timed(f"corpus_{name}", lambda: fresh.corpus_score(hyps, [refs]))
def lev_loop():
    start = time.perf_counter()
    [Levenshtein.distance(h, r) for h, r in zip(hyps, refs)]
    return time.perf_counter() - start


# RapidFuzz's loop takes ~0.05 s: best of 20, as lqa's in-process loop is timed.
print(f"sentence_lev {min(lev_loop() for _ in range(20)):.4f}", flush=True)
