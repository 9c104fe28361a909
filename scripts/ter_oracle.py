#!/usr/bin/env python3
"""TER oracle for lqa's Rust implementation (development golden file).

Draws (hypothesis, reference) pairs from the Microsoft Docs bilingual corpus
(../shared/corpus beside the repository) plus synthetic edge cases, scores every pair with
sacreBLEU's TER (default settings) and writes a TSV:

    category  locale  hypothesis  reference  num_edits  ref_length  score

Strings are escaped (backslash, tab, LF, CR) so that one pair is one line.
The first line is `#corpus<TAB>num_edits<TAB>ref_length<TAB>score` for the
corpus-level TER over all pairs of the file (hypotheses vs references).

It also times sacreBLEU's sentence-level TER on the realistic
(same-source) pairs and, with --check-nocache, verifies on a subset that
sacreBLEU's edit-distance cache does not change any result.

Usage: python3 scripts/ter_oracle.py [--out tests/data/ter_oracle.tsv] [--seed 13]
"""

import argparse
import glob
import os
import random
import re
import sys
import time
import unicodedata

import sacrebleu
from sacrebleu.metrics import TER
from sacrebleu.metrics import lib_ter

# ../shared/corpus beside the repository, or $LQA_SHARED_CORPUS.
CORPUS = os.environ.get(
    "LQA_SHARED_CORPUS",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus"),
)
SEGMENT = re.compile(
    r'<span data-ttu-id="([^"]*)">(.*?)</span><span class="sxs-lookup">'
    r'<span data-stu-id="\1">(.*?)</span></span>',
    re.S,
)
LOCALE = re.compile(r"partner-center-pr\.([a-z]{2}-[a-z]{2})")


def escape(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def load_segments():
    """locale -> list of (source, target, file) for every segment in the corpus."""
    by_locale = {}
    files = sorted(glob.glob(os.path.join(CORPUS, "**", "*.md"), recursive=True))
    for path in files:
        m = LOCALE.search(path)
        if not m:
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        for _id, target, source in SEGMENT.findall(text):
            by_locale.setdefault(m.group(1), []).append((source, target, path))
    return by_locale


def shuffle_words(rng, s, mode):
    words = s.split()
    if len(words) < 2:
        return s
    if mode == "full":
        rng.shuffle(words)
    elif mode == "blocks":
        # Move 1..3 random blocks of 1..5 words elsewhere (what TER shifts fix).
        for _ in range(rng.randint(1, 3)):
            L = rng.randint(1, min(5, len(words)))
            i = rng.randrange(0, len(words) - L + 1)
            block = words[i:i + L]
            del words[i:i + L]
            j = rng.randrange(0, len(words) + 1)
            words[j:j] = block
    elif mode == "swap_halves":
        k = len(words) // 2
        words = words[k:] + words[:k]
    return " ".join(words)


def mutate(rng, s):
    """A few word-level edits, to make near-identical pairs."""
    words = s.split()
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        if op < 0.3 and words:
            del words[rng.randrange(len(words))]
        elif op < 0.6:
            words.insert(rng.randrange(len(words) + 1), rng.choice(["the", "a", ",", ".", "Partner", "Center"]))
        elif words:
            words[rng.randrange(len(words))] = "X" + str(rng.randint(0, 9))
    return " ".join(words)


def edge_cases():
    nfc = unicodedata.normalize("NFC", "Café à la crème, naïve résumé")
    nfd = unicodedata.normalize("NFD", nfc)
    cases = [
        ("", ""), ("", "a b c"), ("a b c", ""), ("   ", "a"), ("a", "   "),
        ("\t\n ", " \t"), ("\u001c", "a"), ("a\u001cb\u001fc", "a b c"),
        ("a\u001db", "a b"), ("a\u00a0b", "a b"), ("a\u3000b\u2028c", "a b c"),
        ("a\u200bb", "a b"), ("word\t\tword\nword", "word word word"),
        ("Trailing spaces   ", "trailing spaces"), ("x \u0085", "x"),
        ("İstanbul İzmir", "istanbul izmir"), ("i̇stanbul", "İSTANBUL"),
        ("ΟΔΟΣ ΣΑΣ", "οδος σας"), ("ὈΔΥΣΣΕΎΣ", "ὀδυσσεύς"), ("Straße STRASSE", "strasse straße"),
        ("ǅ ǈ ǋ", "ǆ ǉ ǌ"), ("ΑΣ. ΣΑ", "ας. σα"), ("ﬃ ﬁ", "FFI FI"),
        ("合作伙伴中心 是 一个 门户", "合作伙伴中心是一个门户"),
        ("パートナー センター へ ようこそ", "パートナーセンターへようこそ"),
        ("파트너 센터 에 오신 것을 환영합니다", "파트너 센터에 오신 것을 환영합니다"),
        ("😀 😃 👩‍💻 🎉", "🎉 👩‍💻 😃 😀"), ("a😀b c", "a😀b c d"),
        (nfc, nfd), (nfd, nfc), (nfc.upper(), nfd),
        ("a a a a a a a a", "a a a a"), ("a b a b a b a b a b", "b a b a b a b a b a"),
        ("the the the cat the the", "the cat the the the the"),
        (". , . , . ,", ", . , . , ."), ("a", "a"), ("a", "b"), ("a b", "b a"),
        ("x", " ".join(["x"] * 160)), (" ".join(["y"] * 160), "y"),
        ("one two", " ".join("w%d" % (i % 37) for i in range(300))),
        (" ".join("w%d" % (i % 37) for i in range(300)), "one two three"),
    ]
    return cases


def build_pairs(rng, by_locale):
    pairs = []  # (category, locale, hyp, ref)

    for locale in sorted(by_locale):
        segs = by_locale[locale]
        # 1. Same English source, different target (MT vs HT across releases/files).
        groups = {}
        for source, target, _path in segs:
            groups.setdefault(source, set()).add(target)
        multi = [(s, sorted(t)) for s, t in groups.items() if len(t) >= 2]
        rng.shuffle(multi)
        for s, targets in multi[:260]:
            a, b = rng.sample(targets, 2)
            pairs.append(("same_source", locale, a, b))
        targets = [t for _, t, _ in segs]
        sources = [s for s, _, _ in segs]
        # 2. Target vs target of another segment (mostly unrelated).
        for _ in range(60):
            pairs.append(("cross_target", locale, rng.choice(targets), rng.choice(targets)))
        # 3. Target vs its own source (different languages, shared markup/code).
        for _ in range(25):
            s, t, _ = rng.choice(segs)
            pairs.append(("target_source", locale, t, s))
        # 4. Shuffled word orders to force shifts.
        for mode in ("full", "blocks", "blocks", "swap_halves"):
            for _ in range(30):
                t = rng.choice(targets)
                pairs.append(("shuffle_" + mode, locale, shuffle_words(rng, t, mode), t))
        for _ in range(30):
            t = rng.choice(targets)
            pairs.append(("mutate", locale, mutate(rng, shuffle_words(rng, t, "blocks")), t))
        # 5. Long segments: concatenations to more than 1,000 words.
        for k in range(3):
            chunk = []
            while sum(len(x.split()) for x in chunk) < 1100:
                chunk.append(rng.choice(targets))
            ref = " ".join(chunk)
            if k == 0:
                hyp = shuffle_words(rng, ref, "blocks")
            elif k == 1:
                hyp = mutate(rng, shuffle_words(rng, ref, "blocks"))
            else:
                hyp = " ".join(rng.choice(targets) for _ in range(len(chunk)))
            pairs.append(("long", locale, hyp, ref))
    # English sources vs each other (same for all locales: use one pool).
    all_sources = sorted({s for segs in by_locale.values() for s, _, _ in segs})
    for _ in range(200):
        pairs.append(("source_source", "en-us", rng.choice(all_sources), rng.choice(all_sources)))
    for _ in range(100):
        s = rng.choice(all_sources)
        pairs.append(("source_mutate", "en-us", mutate(rng, shuffle_words(rng, s, "blocks")), s))
    # Repetitive text: many equal-cost alignments, hits the candidate cap.
    for _ in range(60):
        vocab = ["a", "b", "c", ".", ","][: rng.randint(2, 5)]
        n = rng.randint(5, 120)
        hyp = " ".join(rng.choice(vocab) for _ in range(n))
        ref = " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 120)))
        pairs.append(("repetitive", "xx", hyp, ref))
    # Very unequal lengths (beam widening when ratio > 50).
    for _ in range(30):
        base = rng.choice(all_sources).split() or ["x"]
        short = " ".join(base[: rng.randint(1, 3)])
        long_ = " ".join(rng.choice(all_sources) for _ in range(20))
        if rng.random() < 0.5:
            pairs.append(("ratio", "xx", short, long_))
        else:
            pairs.append(("ratio", "xx", long_, short))
    for hyp, ref in edge_cases():
        pairs.append(("edge", "xx", hyp, ref))
    # Whitespace variants of real segments.
    for _ in range(40):
        locale = rng.choice(sorted(by_locale))
        t = rng.choice(by_locale[locale])[1]
        ws = rng.choice(["\u001c", "\u00a0", "\t", "\u3000", "\u001f", "  \n"])
        pairs.append(("whitespace", locale, t.replace(" ", ws), t + ws))
    return pairs


def stress_pairs(rng, count):
    """Synthetic pairs that stress tie-breaking, the beam and block sizes:
    tiny vocabularies, lengths 0..150 (beyond the 25-word beam and the
    64-word bit-vector block), very unequal lengths, moved blocks."""
    pairs = []
    for _ in range(count):
        vocab = ["w%d" % i for i in range(rng.choice([2, 3, 4, 6, 10, 30, 200]))]
        kind = rng.random()
        m = rng.choice([rng.randint(0, 30)] * 3 + [rng.randint(20, 80), rng.randint(60, 150)])
        ref = [rng.choice(vocab) for _ in range(m)]
        if kind < 0.4:
            hyp = shuffle_words(rng, " ".join(ref), rng.choice(["blocks", "blocks", "swap_halves"])).split()
            for _ in range(rng.randint(0, 6)):
                if hyp and rng.random() < 0.5:
                    hyp[rng.randrange(len(hyp))] = rng.choice(vocab)
                elif rng.random() < 0.5:
                    hyp.insert(rng.randrange(len(hyp) + 1), rng.choice(vocab))
                elif hyp:
                    del hyp[rng.randrange(len(hyp))]
        elif kind < 0.8:
            n = rng.choice([rng.randint(0, 30)] * 3 + [rng.randint(20, 80), rng.randint(60, 150)])
            hyp = [rng.choice(vocab) for _ in range(n)]
        else:
            n = rng.choice([1, 2, 3, rng.randint(150, 200)])
            hyp = [rng.choice(vocab) for _ in range(n)]
        pairs.append(("stress", "xx", " ".join(hyp), " ".join(ref)))
    return pairs


def no_cache_ter(hyp, ref):
    """sacreBLEU's TER with the BeamEditDistance cache disabled."""
    metric = TER()
    orig_find, orig_add = lib_ter.BeamEditDistance._find_cache, lib_ter.BeamEditDistance._add_cache
    try:
        lib_ter.BeamEditDistance._find_cache = lambda self, words: (0, [self._initial_row])
        lib_ter.BeamEditDistance._add_cache = lambda self, words, mat: None
        return metric.sentence_score(hyp, [ref])
    finally:
        lib_ter.BeamEditDistance._find_cache = orig_find
        lib_ter.BeamEditDistance._add_cache = orig_add


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "ter_oracle.tsv"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--stress", type=int, default=0, metavar="N",
                    help="instead of corpus pairs, write N synthetic stress pairs")
    ap.add_argument("--check-nocache", type=int, default=0, metavar="N",
                    help="verify N random pairs with the cache disabled")
    args = ap.parse_args()
    assert sacrebleu.__version__ == "2.6.0", sacrebleu.__version__

    rng = random.Random(args.seed)
    by_locale = load_segments()
    print({k: len(v) for k, v in sorted(by_locale.items())}, file=sys.stderr)
    pairs = stress_pairs(rng, args.stress) if args.stress else build_pairs(rng, by_locale)

    metric = TER()
    rows = []
    t0 = time.perf_counter()
    for k, (cat, loc, hyp, ref) in enumerate(pairs):
        if k % 500 == 0:
            print(f"  {k}/{len(pairs)} pairs scored, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        sc = metric.sentence_score(hyp, [ref])
        rows.append((cat, loc, hyp, ref, sc.num_edits, sc.ref_length, sc.score))
    total = time.perf_counter() - t0

    # Timing on the realistic pairs only (what the Rust bench measures), with a
    # fresh metric and cleared tokenizer cache for a fair cold measurement.
    realistic = [(h, r) for c, _, h, r in pairs if c == "same_source"]
    TER().tokenizer.__class__.__call__.cache_clear()
    m2 = TER()
    t1 = time.perf_counter()
    for h, r in realistic:
        m2.sentence_score(h, [r])
    real_t = time.perf_counter() - t1
    print(f"sacreBLEU TER: {len(pairs)} pairs in {total:.2f} s ({len(pairs) / total:.0f} pairs/s); "
          f"realistic same-source pairs: {len(realistic)} in {real_t:.3f} s "
          f"({len(realistic) / real_t:.0f} pairs/s)", file=sys.stderr)

    corpus = TER().corpus_score([p[2] for p in pairs], [[p[3] for p in pairs]])

    if args.check_nocache:
        sample = rng.sample(rows, min(args.check_nocache, len(rows)))
        for cat, loc, hyp, ref, ne, rl, sc in sample:
            s2 = no_cache_ter(hyp, ref)
            assert (s2.num_edits, s2.ref_length, s2.score) == (ne, rl, sc), (cat, hyp, ref)
        print(f"cache check: {len(sample)} pairs identical without the cache", file=sys.stderr)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"#corpus\t{corpus.num_edits}\t{int(corpus.ref_length)}\t{corpus.score!r}\n")
        for cat, loc, hyp, ref, ne, rl, sc in rows:
            assert rl == int(rl)
            fh.write("\t".join([cat, loc, escape(hyp), escape(ref), str(ne), str(int(rl)), repr(sc)]) + "\n")
    cats = {}
    for r in rows:
        cats[r[0]] = cats.get(r[0], 0) + 1
    print(f"wrote {len(rows)} pairs to {args.out}: {cats}", file=sys.stderr)


if __name__ == "__main__":
    main()
