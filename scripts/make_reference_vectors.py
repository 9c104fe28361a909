#!/usr/bin/env python3
"""Write lqa's golden metric vectors (TER, chrF, chrF++, BLEU) computed by sacreBLEU.

What it does
------------
Draws segment pairs from ../shared/corpus (Microsoft Docs bilingual "sxs"
markdown, 7 locales) plus hand-written edge cases, and writes, for each pair,
sacreBLEU's sentence score (``repr`` of the float) and integer sufficient
statistics for TER (default, and each tokeniser option: normalized,
normalized + asian_support, no_punct, no_punct + asian_support, case-sensitive
normalized), chrF, chrF++ and BLEU (tokenizers 13a, intl, char, none, zh). A second file holds corpus scores (sacreBLEU ``corpus_score``) over all
pairs, per locale and over the edge cases.

Everything is deterministic: sorted file walk, fixed seed, no set iteration
order leaks into the output. Running it twice gives byte-identical files.

Requirements
------------
sacreBLEU 2.6.0 and the ``regex`` module it uses for the intl tokenizer (the
Unicode version of ``regex`` decides which characters are punctuation and
symbols). Either run it with a Python that has them::

    pip install sacrebleu==2.6.0 regex==2026.5.9
    python3 scripts/make_reference_vectors.py

or let it build a private virtualenv first (needs PyPI)::

    python3 scripts/make_reference_vectors.py --venv .venv-golden

The script refuses to run with another sacreBLEU version.

Output (tests/golden/metrics/)
------------------------------
``sentence_<group>.tsv`` (group = a locale such as ``de-de``, or ``edge``) and
``corpus.tsv``. They are tab-separated, written by Python's ``csv`` module with
``quoting=csv.QUOTE_ALL`` and ``lineterminator='\\n'``: every field is wrapped
in double quotes, a double quote inside a field is doubled, and fields may
contain raw tabs, CR and LF. The first record is a header. Read them with::

    csv.reader(open(path, newline='', encoding='utf-8'), delimiter='\\t')

or any RFC 4180 reader configured for a tab delimiter (note ``newline=''``:
without it Python would translate CR LF inside fields). Statistics columns
hold space-separated integers in sacreBLEU's order:

* ter, ter_*:  num_edits ref_len  (sacreBLEU keeps ref_len as a float; with one
          reference it is always integral and written as an integer)
* chrf:   for each order (6 char orders, then the word orders): hyp ref match
* bleu_*: hyp_len ref_len correct_1..4 total_1..4

Score columns hold ``repr(float)`` (shortest round-trip decimal).
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import unicodedata
from collections import OrderedDict

# ../shared/corpus beside the repository, or $LQA_SHARED_CORPUS.
CORPUS = os.environ.get(
    "LQA_SHARED_CORPUS",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus"),
)
SACREBLEU_VERSION = "2.6.0"
SEED = 20260511
SAME_SOURCE_PER_LOCALE = 72
CROSS_PER_LOCALE = 18
BLEU_TOKENIZERS = ["13a", "intl", "char", "none", "zh"]
# TER with each of sacreBLEU's tokeniser options (lqa uses ter_norm_asian for zh and ja).
TER_VARIANTS = [
    ("ter_norm_asian", dict(normalized=True, asian_support=True)),
    ("ter_norm", dict(normalized=True)),
    ("ter_nopunct", dict(no_punct=True)),
    ("ter_nopunct_asian", dict(no_punct=True, asian_support=True)),
    ("ter_cased_norm", dict(case_sensitive=True, normalized=True)),
]

SEGMENT_RE = re.compile(
    r'<span data-ttu-id="([^"]+)">(.*?)</span>'
    r'<span class="sxs-lookup"><span data-stu-id="\1">(.*?)</span></span>',
    re.S,
)


def ensure_venv(venv: str) -> None:
    """Create ``venv`` with the pinned packages and re-run this script in it."""
    py = os.path.join(venv, "bin", "python")
    if os.path.abspath(sys.prefix) == os.path.abspath(venv):
        return
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
        subprocess.check_call(
            [py, "-m", "pip", "install", "--quiet",
             f"sacrebleu=={SACREBLEU_VERSION}", "regex==2026.5.9"])
    args = [a for a in sys.argv[1:]]
    i = args.index("--venv")
    del args[i:i + 2]
    os.execv(py, [py, os.path.abspath(__file__)] + args)


def locale_of(path: str) -> str | None:
    m = re.search(r"partner-center-pr\.([a-z]{2}-[a-z]{2})", path)
    return m.group(1) if m else None


def load_segments():
    """All (locale, relpath, seg_id, target, source) in sorted file order."""
    files = []
    for root, dirs, names in os.walk(CORPUS):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".md"):
                files.append(os.path.join(root, name))
    files.sort()
    segs = []
    for path in files:
        loc = locale_of(path)
        if loc is None:
            continue
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        rel = os.path.relpath(path, CORPUS)
        for m in SEGMENT_RE.finditer(text):
            segs.append((loc, rel, m.group(1), m.group(2), m.group(3)))
    return segs


def draw_corpus_pairs(segs, rng):
    by_locale = OrderedDict()
    for loc, rel, sid, tgt, src in segs:
        by_locale.setdefault(loc, []).append((rel, sid, tgt, src))

    pairs = []
    for loc in sorted(by_locale):
        items = by_locale[loc]
        # same English source, different targets (other files or releases)
        variants = OrderedDict()
        for rel, sid, tgt, src in items:
            d = variants.setdefault(src, OrderedDict())
            d.setdefault(tgt, f"{rel}#{sid}")
        candidates = []
        for src, d in variants.items():
            tg = list(d.items())
            for i in range(len(tg)):
                for j in range(i + 1, len(tg)):
                    candidates.append((tg[i], tg[j]))
        rng.shuffle(candidates)
        chosen = candidates[:SAME_SOURCE_PER_LOCALE]
        for (t1, o1), (t2, o2) in chosen:
            if rng.random() < 0.5:
                (t1, o1), (t2, o2) = (t2, o2), (t1, o1)
            pairs.append((loc, "same_source", o1, o2, t1, t2))
        # cross pairs: two different sources in the same locale (more of
        # them where a locale has few same-source variants, e.g. tr-tr)
        n = 0
        n_cross = CROSS_PER_LOCALE + SAME_SOURCE_PER_LOCALE - len(chosen)
        while n < n_cross:
            a = items[rng.randrange(len(items))]
            b = items[rng.randrange(len(items))]
            if a[3] == b[3] or a[2] == b[2]:
                continue
            pairs.append((loc, "cross", f"{a[0]}#{a[1]}", f"{b[0]}#{b[1]}", a[2], b[2]))
            n += 1
    return pairs


def edge_pairs(segs, rng):
    """Hand-written edge cases. Each is (name, hypothesis, reference)."""
    e = []
    real = [s for s in segs if len(s[3].split()) >= 8]
    r1 = real[rng.randrange(len(real))][3]
    e += [
        ("empty_hyp", "", "Das ist ein Test."),
        ("empty_ref", "Das ist ein Test.", ""),
        ("both_empty", "", ""),
        ("identical_real", r1, r1),
        ("identical_short", "OK", "OK"),
        ("whitespace_only_both", "   ", "\t \n"),
        ("whitespace_only_hyp", " \u00a0\u3000", "Kein Leerraum"),
        ("whitespace_only_ref", "Kein Leerraum", "\u2028 \u0085"),
        ("single_char", "a", "a"),
        ("single_punct", ".", "."),
        ("u001c_separators", "a\x1cb\x1dc\x1ed\x1fe", "a b c d e"),
        ("u001c_inside_word", "Kunden\x1cKonto wird aktualisiert.", "KundenKonto wird aktualisiert."),
        ("nbsp_numbers", "10\u00a0000\u00a0€ pro Jahr", "10 000 € pro Jahr"),
        ("narrow_nbsp_french", "Bonjour\u202f! Ça va\u202f?", "Bonjour ! Ça va ?"),
        ("tabs", "Spalte1\tSpalte2\t\tSpalte3", "Spalte1 Spalte2 Spalte3"),
        ("crlf_and_lf", "Zeile eins\r\nZeile zwei\nZeile-\ndrei", "Zeile eins Zeile zwei Zeiledrei"),
        ("trailing_newlines", "Satz mit Ende.\n\n", "Satz mit Ende."),
        ("cjk_punct_zh", "你好，世界。这是「测试」！", "你好,世界.这是\"测试\"!"),
        ("cjk_punct_ja", "これはテストです。（注意：重要）", "これはテストです。(注意:重要)"),
        ("fullwidth_digits", "価格は１２３，４５円です", "価格は123,45円です"),
        ("korean", "파트너 센터에서 고객 계정을 업데이트합니다.", "파트너 센터에서 고객의 계정 정보를 업데이트하세요."),
        ("nfc_vs_nfd", unicodedata.normalize("NFC", "Café déjà vu, naïve Ökonomie"),
         unicodedata.normalize("NFD", "Café déjà vu, naïve Ökonomie")),
        ("emoji", "👍🏽 Gut gemacht 🎉🎉 👨‍👩‍👧", "👍 Gut gemacht 🎉 👨‍👩‍👧‍👦"),
        ("zwsp_zwj", "Wort\u200bTrenner und\u200dJoiner", "Wort Trenner und Joiner"),
        ("turkish_dotted_i", "İstanbul'da İşlem ıslak", "istanbul'da işlem Islak"),
        ("greek_sigma", "ΟΔΟΣ ΣΟΦΟΣ", "οδος σοφος"),
        ("reorder_ter_shift", "the customer account was updated by the partner yesterday",
         "yesterday the partner updated the customer account"),
        ("reorder_block_shift", "Wählen Sie im Partner Center Kunden aus und dann Konto",
         "Wählen Sie Kunden aus und dann Konto im Partner Center"),
        ("entities_13a", "&quot;Hallo&quot; &amp; <skipped>tschüss &lt;b&gt; &amp;quot;",
         "\"Hallo\" & tschüss <b> &quot;"),
        ("numbers_13a", "Preis: 1,000.50 USD, Seiten 3-4, Version 2.0.", "Preis: 1.000,50 USD, Seiten 3 - 4, Version 2.0 ."),
        ("period_after_digit_end", "Im Jahr 2019.", "Im Jahr 2019 ."),
        ("dots_and_commas", "a..b,,c...d U.S.A. e.g., x.y", "a . . b , , c . . . d U.S.A. e.g. , x.y"),
        ("parens_chrfpp_quirk", "(hi) (x) 'quoted' \"dq\" a- -b", "( hi ) ( x ) ' quoted ' \" dq \" a - - b"),
        ("guillemets_intl", "«Bonjour», dit-il… — „Hallo“ ‚x‘ 〈y〉", "« Bonjour » , dit-il ... - \"Hallo\" 'x' <y>"),
        ("symbols_intl", "$5 + 3 = 8 © ® ™ ° ± § ¶ ¬ ^ ` ~ | € £ ¥", "5 $ + 3 = 8 (c) (r) TM"),
        ("unicode17_symbols", "Preis 10\u20c1 und \u20c0 und \u2427", "Preis 10 SAR und Som"),
        ("zh_range_quirks", "A\u2014B \u201cC\u201d \u20acD \u2192E \u2603F 𠀀G \u2fa1H \u2fa2I \u3041J ｈ",
         "A-B \"C\" EUR D -> E F 𠀀 G H I J h"),
        ("zh_mixed_ascii", "使用Partner Center (合作伙伴中心) 管理 1,000.5 个帐户。", "使用 Partner Center 管理 1000.5 个账户."),
        ("superscripts_other_digits", "x² + y³ = z½ ٣٤٥ ३४", "x2 + y3 = z1/2 345 34"),
        ("markdown_markup", "**Hinweis:** Siehe [Kunden](https://x.y/z?a=1&b=2) `code` <br/>",
         "**Note:** see [customers](https://x.y/z?a=1&amp;b=2) `code` <br />"),
        ("line_separator_chars", "eins\u2028zwei\u2029drei\u0085vier", "eins zwei drei vier"),
        ("only_punct", "?!...", "!?."),
        ("repeated_ngrams", "a a a a a a a a b b b", "a a a b b b b b b b"),
        ("long_single_token", "x" * 300, "x" * 299 + "y"),
        # tercom normalisation (TER normalized / no_punct / asian_support).
        ("ter_possessive", "The partner's account's owner's", "the partner 's account 's owner's"),
        ("ter_hyphenated_lines", "multi-\nline\n-text and\nmore 3-4 a-b 10-", "multiline text and more 3 - 4 a-b 10 -"),
        ("ter_entities_cased", "&QUOT;Hi&quot; &AMP; &amp;lt; &GT;", "\"hi\" & &lt; >"),
        ("ter_periods", "1.5, 2,000. v1.2.3 a.b .5 5. ,x x, ...", "1.5 , 2,000 . v1 . 2 . 3 a . b . 5 5 . , x x , . . ."),
        ("ter_ascii_symbols", "a{b}c[d]e`f~g@h^i|j/k\\l$m%n#o!p?q;r:s<t>u=v+w*x(y)z&_'", "a b c d e f g h i j k l m n o"),
        ("ter_cjk_ranges", "\u3400\u4dbf\u31c0\u2e80\u3300\uf900\ufe30\u3200\u3f22\u3f23 \u3041\u3042\u30a2\u30a4\u31f0\u31f1 あい漢字カナ",
         "\u3400 \u4dbf \u31c0 \u2e80 \u3300 \uf900 \ufe30 \u3200 \u3f22\u3f23 あい漢 字 カナ"),
        ("ter_asian_punct", "東京、大阪。〈a〉《b》「c」『d』【e】〔f〕〖g〗〘h〙〚i〛〜〝〞〟｡｢｣､･・．，？：；！＂（）",
         "東京 、 大阪 。 a b c d e f g h i"),
        ("ter_ja_sentence", "[設定] ページで、「保存」を選択します。", "[設定]ページで「保存」を選択してください。"),
    ]
    # Segments over 1,000 words: concatenations of consecutive corpus targets,
    # hypothesis with a deterministic local shuffle of some words.
    for loc in ["de-de", "ru-ru", "zh-cn"]:
        texts = [s[3] for s in segs if s[0] == loc]
        start = rng.randrange(len(texts) - 400)
        words, i = [], start
        while len(words) < 1100 and i < len(texts):
            words.extend(texts[i].split())
            i += 1
        ref = " ".join(words)
        hw = list(words)
        for k in range(0, len(hw) - 3, 17):
            hw[k], hw[k + 2] = hw[k + 2], hw[k]
        del hw[5::41]
        e.append((f"long_over_1000_words_{loc}", " ".join(hw), ref))
    return e


def stats_str(stats) -> str:
    out = []
    for v in stats:
        if isinstance(v, float):
            if not v.is_integer():
                raise ValueError(f"non-integral statistic {v!r}")
            v = int(v)
        out.append(str(int(v)))
    return " ".join(out)


class Scorers:
    def __init__(self):
        from sacrebleu.metrics import BLEU, CHRF, TER

        self.ter = TER()
        self.ter_variants = [(name, TER(**opts)) for name, opts in TER_VARIANTS]
        self.chrf = CHRF()
        self.chrfpp = CHRF(word_order=2)
        self.bleu_sent = {t: BLEU(tokenize=t, effective_order=True) for t in BLEU_TOKENIZERS}
        self.bleu_corpus = {t: BLEU(tokenize=t) for t in BLEU_TOKENIZERS}

    def columns(self):
        cols = ["ter", "chrf", "chrf++"] + [f"bleu_{t}" for t in BLEU_TOKENIZERS]
        return cols + [name for name, _ in TER_VARIANTS]

    def sentence_metrics(self):
        m = [("ter", self.ter), ("chrf", self.chrf), ("chrf++", self.chrfpp)]
        m += [(f"bleu_{t}", self.bleu_sent[t]) for t in BLEU_TOKENIZERS]
        return m + self.ter_variants

    def corpus_metrics(self):
        m = [("ter", self.ter), ("chrf", self.chrf), ("chrf++", self.chrfpp)]
        m += [(f"bleu_{t}", self.bleu_corpus[t]) for t in BLEU_TOKENIZERS]
        return m + self.ter_variants

    def sentence_row(self, hyp, ref, long_pair=False):
        """Score and stats columns, plus {metric name: raw stats} for reuse.
        The TER variants are left empty for the pairs over 1,000 words: with
        asian_support a Chinese one has ~15,000 words, and sacreBLEU's TER
        (quadratic per shift round) would take hours on it."""
        out, raw = [], {}
        variants = {name for name, _ in TER_VARIANTS}
        for name, metric in self.sentence_metrics():
            if long_pair and name in variants:
                out += ["", ""]
                continue
            score = metric.sentence_score(hyp, [ref])
            stats = metric._extract_corpus_statistics([hyp], [[ref]])[0]
            # consistency: the score is what sacreBLEU computes from the stats
            again = metric._compute_score_from_stats(list(stats)).score
            assert again == score.score, (again, score.score)
            out += [repr(float(score.score)), stats_str(stats)]
            raw[name] = stats
        return out, raw


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "metrics"))
    ap.add_argument("--venv", help="create/use this virtualenv with pinned sacrebleu")
    args = ap.parse_args()
    if args.venv:
        ensure_venv(args.venv)

    import sacrebleu
    if sacrebleu.__version__ != SACREBLEU_VERSION:
        sys.exit(f"need sacrebleu=={SACREBLEU_VERSION}, found {sacrebleu.__version__}; "
                 f"pip install sacrebleu=={SACREBLEU_VERSION} or use --venv DIR")
    import regex

    rng = random.Random(SEED)
    segs = load_segments()
    pairs = draw_corpus_pairs(segs, rng)
    edges = edge_pairs(segs, rng)

    scorers = Scorers()
    header = ["id", "group", "kind", "hyp_origin", "ref_origin", "hypothesis", "reference"]
    for c in scorers.columns():
        header += [f"{c}_score", f"{c}_stats"]
    header += ["sacrebleu_version"]

    groups = OrderedDict()
    for k, (loc, kind, o1, o2, hyp, ref) in enumerate(pairs):
        groups.setdefault(loc, []).append((f"{loc}-{k:04d}", loc, kind, o1, o2, hyp, ref))
    for k, (name, hyp, ref) in enumerate(edges):
        groups.setdefault("edge", []).append((f"edge-{k:03d}-{name}", "edge", name, "", "", hyp, ref))

    os.makedirs(args.out, exist_ok=True)
    all_hyps, all_refs, all_raw = [], [], []
    corpus_rows = []
    total = 0
    for group, items in groups.items():
        rows, raws = [], []
        for pid, grp, kind, o1, o2, hyp, ref in items:
            cols, raw = scorers.sentence_row(hyp, ref, long_pair=kind.startswith("long_over_1000_words"))
            rows.append([pid, grp, kind, o1, o2, hyp, ref] + cols + [sacrebleu.__version__])
            raws.append(raw)
        write_tsv(os.path.join(args.out, f"sentence_{group}.tsv"), header, rows)
        total += len(rows)
        hyps = [it[5] for it in items]
        refs = [it[6] for it in items]
        all_hyps += hyps
        all_refs += refs
        all_raw += raws
        corpus_rows += corpus_scores(scorers, group, hyps, refs, raws, sacrebleu.__version__)
    corpus_rows = corpus_scores(scorers, "all", all_hyps, all_refs, all_raw,
                                sacrebleu.__version__) + corpus_rows
    write_tsv(os.path.join(args.out, "corpus.tsv"),
              ["group", "n_pairs", "metric", "score", "stats", "signature", "sacrebleu_version",
               "regex_version"], corpus_rows)
    # regex version goes into corpus.tsv only; it decides the intl tokenizer.
    print(f"wrote {total} pairs in {len(groups)} sentence files + corpus.tsv to "
          f"{os.path.normpath(args.out)} (sacrebleu {sacrebleu.__version__}, regex {regex.__version__})")


def corpus_scores(scorers, group, hyps, refs, raws, version):
    """sacreBLEU corpus_score per metric; the summed statistics come from the
    sentence statistics already computed (identical for sentence and corpus
    BLEU: effective order only changes the score)."""
    import regex
    rows = []
    for name, metric in scorers.corpus_metrics():
        # Over the pairs that have this metric's column (see sentence_row).
        have = [i for i, r in enumerate(raws) if name in r]
        score = metric.corpus_score([hyps[i] for i in have], [[refs[i] for i in have]])
        seg_stats = [raws[i][name] for i in have]
        summed = [0] * len(seg_stats[0])
        for s in seg_stats:
            for i, v in enumerate(s):
                summed[i] += v
        again = metric._compute_score_from_stats(list(summed)).score
        assert again == score.score, (name, group, again, score.score)
        rows.append([group, str(len(have)), name, repr(float(score.score)), stats_str(summed),
                     str(metric.get_signature()), version, regex.__version__])
    return rows


if __name__ == "__main__":
    main()
