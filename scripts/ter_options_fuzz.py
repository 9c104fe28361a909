#!/usr/bin/env python3
"""Random hostile pairs scored with each of sacreBLEU's TER options, by lqa and
by sacreBLEU 2.6.0 (an oracle, never a dependency of lqa); prints mismatches.

Pairs are drawn from an alphabet of what tercom normalisation treats
specially: ASCII punctuation, digits next to `.` `,` `-`, possessive `'s`,
entities, CJK ideographs and punctuation, kana, full-width forms, tabs. A
sixth of them are identical pairs (sacreBLEU tokenises a reference twice, so
even those can score above 0 with `normalized`).

Usage: python3 scripts/ter_options_fuzz.py [N_PAIRS] [SEED]   (default 4000, 11)
Needs target/release/lqa (cargo build --release) and sacrebleu==2.6.0.
"""
import csv
import os
import random
import subprocess
import sys
import tempfile

from sacrebleu.metrics import TER

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LQA = os.environ.get("LQA_BIN", os.path.join(ROOT, "target", "release", "lqa"))
OPTIONS = [
    (["--ter-normalized", "--ter-asian-support"], dict(normalized=True, asian_support=True)),
    (["--ter-normalized"], dict(normalized=True)),
    (["--ter-no-punct", "--ter-asian-support", "--ter-normalized"],
     dict(no_punct=True, asian_support=True, normalized=True)),
    (["--ter-case-sensitive", "--ter-normalized"], dict(case_sensitive=True, normalized=True)),
    (["--ter-no-punct"], dict(no_punct=True)),
    ([], {}),
]
ALPHABET = list("aZé9 1.,-'s&;qugt\tÉ漢字。、，（）「」カナあ㐀\u3f22\u3200ｈ..,,--'s ") + [
    "&quot;", "&amp;", "&lt;", "'s ", "1.5", "a.b", ",x", "3-4", ",,3"]


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 11)
    text = lambda: "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 25)))
    pairs = [(text(), text()) for _ in range(n)]
    pairs += [(h, h) for h, _ in pairs[: n // 8]]
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "pairs.tsv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, delimiter="\t")
            w.writerow(["hypothesis", "reference"])
            w.writerows(pairs)
        for flags, options in OPTIONS:
            out = subprocess.run([LQA, "score", "-m", "ter", "--sentence", "--format", "csv", *flags,
                                  "--pairs", path], capture_output=True, text=True, check=True)
            ours = [float(x) for x in out.stdout.splitlines()[1:]]
            ter = TER(**options)
            bad = [(h, r, o, ter.sentence_score(h, [r]).score) for (h, r), o in zip(pairs, ours)]
            bad = [b for b in bad if abs(b[2] - b[3]) > 1e-9]
            print(f"{options or 'defaults'}: {len(ours)} pairs, {len(bad)} differ")
            for h, r, o, want in bad[:3]:
                print(f"  {h!r} vs {r!r}: lqa {o}, sacreBLEU {want}")
            failed += len(bad)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
