#!/usr/bin/env python3
"""Time sacreBLEU 2.6.0 on the same real pairs the criterion benches use
(the non-edge rows of tests/golden/metrics/sentence_*.tsv), one thread,
sentence statistics + score per pair, as the Rust benches do.

The tokenizers' lru_caches are cleared before every repetition, so repeated
passes over the same pairs do not turn into cache hits.
Usage: python3 scripts/time_sacrebleu.py [repetitions]
"""
import csv
import glob
import os
import sys
import time

from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.tokenizers import tokenizer_13a, tokenizer_intl, tokenizer_re, tokenizer_zh, tokenizer_char

HERE = os.path.dirname(os.path.abspath(__file__))


def pairs():
    out = []
    for f in sorted(glob.glob(os.path.join(HERE, "..", "tests", "golden", "metrics", "sentence_*.tsv"))):
        if f.endswith("sentence_edge.tsv"):
            continue
        with open(f, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                out.append((row["hypothesis"], row["reference"]))
    return out


def clear_caches():
    for fn in (tokenizer_13a.Tokenizer13a.__call__, tokenizer_re.TokenizerRegexp.__call__,
               tokenizer_intl.TokenizerV14International.__call__, tokenizer_zh.TokenizerZh.__call__,
               tokenizer_char.TokenizerChar.__call__):
        fn.cache_clear()
    tokenizer_zh.TokenizerZh._is_chinese_char.cache_clear()


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    ps = pairs()
    metrics = [("chrf", CHRF()), ("chrf++", CHRF(word_order=2))]
    metrics += [(f"bleu/{t}", BLEU(tokenize=t, effective_order=True))
                for t in ["13a", "intl", "char", "none", "zh"]]
    print(f"{len(ps)} pairs, best of {reps}")
    for name, m in metrics:
        best = float("inf")
        for _ in range(reps):
            clear_caches()
            t0 = time.perf_counter()
            for h, r in ps:
                m.sentence_score(h, [r])
            best = min(best, time.perf_counter() - t0)
        print(f"{name:10s} {len(ps) / best:10.0f} pairs/s")


if __name__ == "__main__":
    main()
