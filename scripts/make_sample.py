#!/usr/bin/env python3
"""Rebuilds data/sample/ from ../shared/corpus and ../shared/seeds, deterministically.

The selection is fixed here so that `lqa scan data/sample` finds HT x MT pairs in
ru, ja, ko, de, zh and fr (tr-tr has no HT file in the source repos):
  * seeds/     the five seed documents (.txt -> .md, bytes unchanged)
  * snapshot/  28 paths of the 2021-06-30 snapshot, all 7 locales (HT and MT files)
  * releases/  8 paths in the 2019-07-01 (HT) and 2020-01-01 (MT) releases, 6 locales
  * quirks/    the two odd files (spans in front matter; raw HTML with no spans)
It also writes data/MANIFEST.tsv (the rows of the shipped files, staged_path relative
to data/sample) and copies the licenses and SOURCES.md beside it.
Usage: python3 scripts/make_sample.py [SHARED_DIR]   (default ../shared)
"""
import csv
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
CORPUS = os.path.join(SHARED, "corpus")
DATA = os.path.join(ROOT, "data")
SAMPLE = os.path.join(DATA, "sample")

SNAPSHOT_PATHS_TAKEN = 28  # the 28 smallest paths of the snapshot, by ru-RU size
RELEASES = {"releases/2019-07-01": "releases/2019-07-01", "releases/2020-01-01": "releases/2020-01-01"}
RELEASE_PATHS = [
    "partner-center/add-a-new-customer.md",
    "partner-center/customize-the-catalog.md",
    "partner-center/customer-accounts.md",
    "partner-center/escalate-problems-to-microsoft.md",
    "partner-center/support-from-microsoft.md",
    "partner-center/update-customer-account-info.md",
    "partner-center/pac-to-pc-overview.md",
    "partner-center/transition-seat-based-services.md",
]


def main():
    with open(os.path.join(CORPUS, "MANIFEST.tsv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    ru_sample = sorted(
        (r for r in rows if r["set"] == "sample" and r["locale"] == "ru-RU"), key=lambda r: (int(r["bytes"]), r["path"])
    )
    snapshot_paths = {r["path"] for r in ru_sample[:SNAPSHOT_PATHS_TAKEN]}

    chosen = []  # (manifest row, destination below data/sample)
    for r in rows:
        staged = r["staged_path"]
        if r["set"] == "sample" and r["path"] in snapshot_paths:
            chosen.append((r, "snapshot/" + staged[len("sample/"):]))
        elif r["set"] in RELEASES and r["path"] in RELEASE_PATHS:
            chosen.append((r, staged))
        elif r["set"].startswith("quirks/"):
            chosen.append((r, staged))
    chosen.sort(key=lambda c: c[1])

    if os.path.isdir(SAMPLE):
        shutil.rmtree(SAMPLE)
    for r, dest in chosen:
        target = os.path.join(SAMPLE, dest)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(CORPUS, r["staged_path"]), target)
    seeds = os.path.join(SHARED, "seeds")
    os.makedirs(os.path.join(SAMPLE, "seeds"))
    for name in sorted(os.listdir(seeds)):
        if name.endswith(".txt"):
            shutil.copyfile(os.path.join(seeds, name), os.path.join(SAMPLE, "seeds", name[:-4] + ".md"))

    with open(os.path.join(DATA, "MANIFEST.tsv"), "w", newline="", encoding="utf-8") as f:
        fields = list(rows[0].keys())
        w = csv.DictWriter(f, fieldnames=fields, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for r, dest in chosen:
            w.writerow({**r, "staged_path": dest})
    shutil.copytree(os.path.join(CORPUS, "licenses"), os.path.join(DATA, "licenses"), dirs_exist_ok=True)
    shutil.copyfile(os.path.join(CORPUS, "SOURCES.md"), os.path.join(DATA, "SOURCES.md"))
    total = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(SAMPLE) for f in fs)
    print(f"{len(chosen)} corpus files + seeds, {total} bytes in {SAMPLE}")


if __name__ == "__main__":
    main()
