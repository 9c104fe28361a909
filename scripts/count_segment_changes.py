#!/usr/bin/env python3
"""Counts segment-level release edits of a releases folder, independently of lqa.

Reads the raw Markdown files (one child folder per release), takes every
bilingual span, normalises it (entities, Markdown escapes, NFC, whitespace),
and for each document in two consecutive releases:
  * aligns the k-th occurrence of each source in the old version with its k-th
    in the new; an aligned pair whose target changed is `retranslated`;
  * takes the longest chain of aligned pairs increasing in both versions as
    anchors; the unaligned old and new segments between the same anchors are
    one gap;
  * pairs a gap's removed and added sources by the monotone alignment that
    maximises the summed similarity (1 - Levenshtein / longer length) of its
    pairs, each at least 0.5: `source-changed`; the rest are `removed`/`added`.

Usage: scripts/count_segment_changes.py RELEASES_DIR [segment_changes.csv]
With a CSV (lqa's report of the same folder), every row is compared too.
The tests of tests/releases.rs quote its counts for ../shared/corpus/releases and seed.
"""

import bisect
import collections
import csv
import html
import os
import re
import sys
import unicodedata

SEGMENT_RE = re.compile(
    r'<span data-ttu-id="([^"]+)">(.*?)</span>'
    r'<span class="sxs-lookup"><span data-stu-id="\1">(.*?)</span></span>',
    re.S,
)
MIN_SIMILARITY = 0.5


def normalise(raw):
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", html.unescape(raw))
    return " ".join(unicodedata.normalize("NFC", text).split())


def distance(a, b):
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similarity(a, b):
    longer = max(len(a), len(b))
    if longer == 0:
        return 1.0
    if 2 * abs(len(a) - len(b)) > longer:
        return None
    d = distance(a, b)
    return 1.0 - d / longer if 2 * d <= longer else None


def read(root):
    """release -> (locale, path below the release) -> [(source, target)]"""
    releases = {}
    for release in sorted(os.listdir(root)):
        documents = releases.setdefault(release, {})
        for folder, _, names in os.walk(os.path.join(root, release)):
            for name in names:
                if not name.endswith(".md"):
                    continue
                path = os.path.join(folder, name)
                locale = re.search(r"\.([a-z]{2}-[a-z]{2})", path).group(1)
                with open(path, encoding="utf-8", newline="") as f:
                    text = f.read()
                spans = [(normalise(m.group(3)), normalise(m.group(2))) for m in SEGMENT_RE.finditer(text)]
                documents[(locale, os.path.relpath(path, os.path.join(root, release)))] = spans
    return releases


def align(old, new):
    occurrences = collections.defaultdict(list)
    for i, (source, _) in enumerate(old):
        occurrences[source].append(i)
    used = collections.Counter()
    aligned = []
    for j, (source, _) in enumerate(new):
        if used[source] < len(occurrences[source]):
            aligned.append((occurrences[source][used[source]], j))
        used[source] += 1
    return aligned


def anchors(aligned):
    tails, previous = [], [None] * len(aligned)
    for n, (i, _) in enumerate(aligned):
        k = bisect.bisect_left([aligned[t][0] for t in tails], i)
        previous[n] = tails[k - 1] if k else None
        if k == len(tails):
            tails.append(n)
        else:
            tails[k] = n
    chain, at = [], tails[-1] if tails else None
    while at is not None:
        chain.append(aligned[at])
        at = previous[at]
    return chain[::-1]


def pair_gap(old, new, removed, added):
    n, m = len(removed), len(added)
    score = [[similarity(old[i][0], new[j][0]) for j in added] for i in removed]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            v = max(best[a + 1][b], best[a][b + 1])
            if score[a][b] is not None:
                v = max(v, score[a][b] + best[a + 1][b + 1])
            best[a][b] = v
    pairs, a, b = [], 0, 0
    while a < n and b < m:
        s = score[a][b]
        if s is not None and best[a][b] == s + best[a + 1][b + 1]:
            pairs.append((removed[a], added[b], s))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return pairs


def edits(old, new):
    """(kind, old position, new position, similarity), positions 1-based."""
    aligned = align(old, new)
    out = [("retranslated", i + 1, j + 1, None) for i, j in aligned if old[i][1] != new[j][1]]
    in_old, in_new = {i for i, _ in aligned}, {j for _, j in aligned}
    chain = anchors(aligned)
    starts = [(-1, -1)] + chain
    ends = chain + [(len(old), len(new))]
    for (o0, n0), (o1, n1) in zip(starts, ends):
        removed = [i for i in range(o0 + 1, o1) if i not in in_old]
        added = [j for j in range(n0 + 1, n1) if j not in in_new]
        pairs = pair_gap(old, new, removed, added)
        out += [("source-changed", i + 1, j + 1, s) for i, j, s in pairs]
        out += [("removed", i + 1, None, None) for i in removed if i not in {p[0] for p in pairs}]
        out += [("added", None, j + 1, None) for j in added if j not in {p[1] for p in pairs}]
    return out


def main():
    releases = read(sys.argv[1])
    names = sorted(releases)
    rows = collections.Counter()
    for a, b in zip(names, names[1:]):
        for key in sorted(set(releases[a]) & set(releases[b])):
            for kind, i, j, s in edits(releases[a][key], releases[b][key]):
                rows[(key[0], a, key[1], kind, i, j, None if s is None else round(s, 9))] += 1
    kinds = collections.Counter()
    for key, n in rows.items():
        kinds[key[3]] += n
    print(", ".join(f"{kind} {kinds[kind]}" for kind in ["source-changed", "added", "removed", "retranslated"]))
    if len(sys.argv) > 2:
        theirs = collections.Counter()
        with open(sys.argv[2], encoding="utf-8") as f:
            for r in csv.DictReader(f):
                number = lambda v: int(v) if v else None
                s = round(float(r["source_similarity"]), 9) if r["source_similarity"] else None
                key = (r["locale"].lower(), r["from_release"], r["path"], r["kind"])
                theirs[key + (number(r["old_position"]), number(r["new_position"]), s)] += 1
        print(f"rows only here {sum((rows - theirs).values())}, only in the CSV {sum((theirs - rows).values())}")


if __name__ == "__main__":
    main()
