#!/usr/bin/env python3
"""Builds a large, deterministic release history from the real files of
../shared/corpus/sample, for scale benchmarks (issue: scale).

Usage: make_scale_corpus.py CORPUS_DIR OUT_DIR [SEGMENTS] [SEED]

Release r000 is the sample as it is. Every later release starts from the
previous one and applies seeded, realistic changes, as a docs repository's
history does:
  - about 3% of files flip their ms.translationtype label (HT <-> MT), text unchanged;
  - about 2% of segments get a new target: mostly a re-translation (two plain
    words swapped, or a plain word replaced by one of another segment), in one
    edit of fifty an error a QA check should catch (a word repeated or dropped,
    a number changed);
  - about 0.3% of segments get a new English source (a word appended) with an edited target;
  - span ids are renumbered in every file (as the real pipeline does);
  - about 1% of files are absent from a release (removed, then back later).
Releases are written as OUT_DIR/rNNN/<repo>/<path>, so `lqa scan OUT_DIR --releases`
reads them in order. The same arguments always give byte-identical files.
"""
import hashlib
import os
import random
import re
import sys

SPAN = re.compile(
    r'(<span data-ttu-id=")([0-9a-f]{5})(-\d+">)(.*?)(</span><span class="sxs-lookup"><span data-stu-id=")'
    r'([0-9a-f]{5})(-\d+">)(.*?)(</span></span>)',
    re.S,
)
LABEL = re.compile(r"(ms\.translationtype:\s*)(HT|MT)")
NUMBER = re.compile(r"\d+")


def read_sample(corpus):
    files = {}
    root = os.path.join(corpus, "sample")
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".md"):
                path = os.path.join(dirpath, name)
                with open(path, "rb") as f:
                    files[os.path.relpath(path, root)] = f.read().decode("utf-8")
    return files


def edit_words(rng, text, donor_words):
    words = text.split(" ")
    # Re-translations touch plain words only, so markup, numbers and brackets stay intact.
    plain = [i for i in range(len(words) - 1) if words[i].isalpha() and words[i + 1].isalpha()]
    roll = rng.random()
    if roll < 0.98:
        if not plain:
            return text
        i = rng.choice(plain)
        if roll < 0.49:
            words[i], words[i + 1] = words[i + 1], words[i]
        elif donor_words:
            words[i] = rng.choice(donor_words)
        return " ".join(words)
    # One edit in fifty is an error a QA check should catch.
    i = rng.randrange(len(words))
    if roll < 0.99:
        words.insert(i, words[i])  # a repeated word
    elif NUMBER.search(text):
        return NUMBER.sub(lambda m: str(int(m.group()) + 1), text, count=1)  # a changed number
    else:
        del words[i]  # a dropped word
    return " ".join(words)


def evolve(rng, text, release, rel_path, donor_words):
    """One release's changes to one file's text."""
    if rng.random() < 0.03:
        text = LABEL.sub(lambda m: m.group(1) + ("MT" if m.group(2) == "HT" else "HT"), text, count=1)
    prefix = hashlib.sha1(f"{rel_path}@{release}".encode()).hexdigest()[:5]

    def span(m):
        target, source = m.group(4), m.group(8)
        roll = rng.random()
        if roll < 0.003:
            source = source + " " + rng.choice(["now", "also", "here", "today"])
            target = edit_words(rng, target, donor_words)
        elif roll < 0.023:
            target = edit_words(rng, target, donor_words)
        return (m.group(1) + prefix + m.group(3) + target + m.group(5) + prefix + m.group(7) + source
                + m.group(9))

    return SPAN.sub(span, text)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    corpus, out = sys.argv[1], sys.argv[2]
    segments = int(sys.argv[3]) if len(sys.argv) > 3 else 3_000_000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 20261123
    files = read_sample(corpus)
    per_release = sum(t.count("data-ttu-id=") for t in files.values())
    releases = max(1, -(-segments // per_release))
    # Words per locale folder, to borrow realistic replacements from.
    donors = {}
    for rel, text in files.items():
        words = donors.setdefault(rel.split(os.sep)[0], [])
        for m in SPAN.finditer(text):
            # Plain words only: a borrowed word must not bring markup or numbers with it.
            words.extend(w for w in m.group(4).split(" ")[:3] if w.isalpha())
    rng = random.Random(seed)
    total = 0
    for r in range(releases):
        release = f"r{r:03d}"
        if r > 0:
            for rel in sorted(files):
                files[rel] = evolve(rng, files[rel], release, rel, donors[rel.split(os.sep)[0]])
        for rel in sorted(files):
            if r > 0 and rng.random() < 0.01:
                continue  # absent from this release
            path = os.path.join(out, release, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(files[rel].encode("utf-8"))
            total += files[rel].count("data-ttu-id=")
    print(f"{releases} releases, {total} segments in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
