#!/usr/bin/env python3
"""Builds the hostile-input memory cases of issue 16, item 3, into OUT_DIR (default /tmp/lqa-hostile-big).

- sparse/huge.ru-ru.po: an 8 GB sparse file (truncate; it costs no disk), next to a small good file;
- xliff/big.de-de.xlf: about 1 GB of XLIFF 1.2 with about 8.9 million small distinct units;
- long/long.ru-ru.xlf: one 40 MB "segment": one English source of about 13 MB translated twice,
  by MT and by HT (the HT differs from the MT in one word of every 50), so lqa pairs and scores it.

Usage: scripts/make_hostile_big.py [OUT_DIR] [--only sparse|xliff|long]
Then measure, for example:
  /usr/bin/time -v target/release/lqa scan OUT_DIR/xliff --quiet --out /tmp/x
Delete OUT_DIR afterwards (the XLIFF and the long pair take about 1.1 GB of disk).
"""

import os
import random
import sys

SPAN = ('<span data-ttu-id="a1b2c-101">Выберите **Сохранить**.</span><span class="sxs-lookup">'
        '<span data-stu-id="a1b2c-101">Select **Save**.</span></span>\n')
FRONT = "---\nms.contentlocale: ru-ru\nms.translationtype: MT\n---\n"


def sparse(out):
    d = os.path.join(out, "sparse")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "good.ru-ru.md"), "w", encoding="utf-8") as f:
        f.write(FRONT + SPAN)
    with open(os.path.join(d, "huge.ru-ru.po"), "wb") as f:
        f.truncate(8 << 30)


def xliff(out, units=8_900_000):
    d = os.path.join(out, "xliff")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "big.de-de.xlf"), "w", encoding="utf-8", buffering=1 << 20) as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2">\n'
                '<file source-language="en" target-language="de" original="big"><body>\n')
        batch = []
        for i in range(units):
            batch.append(f'<trans-unit id="{i}"><source>Step {i} now.</source>'
                         f'<target>Schritt {i} jetzt.</target></trans-unit>\n')
            if len(batch) == 10_000:
                f.write("".join(batch))
                batch.clear()
        f.write("".join(batch))
        f.write("</body></file></xliff>\n")


def long_pair(out, words=1_050_000):
    d = os.path.join(out, "long")
    os.makedirs(d, exist_ok=True)
    rng = random.Random(16)
    english = ["select", "the", "customer", "account", "then", "choose", "billing", "save", "and", "open"]
    russian = ["выберите", "клиента", "учетную", "запись", "затем", "счет", "сохранить", "и", "открыть", "панель"]
    source = " ".join(rng.choice(english) for _ in range(words))
    mt_words = [rng.choice(russian) for _ in range(words)]
    ht_words = [w if i % 50 else "изменить" for i, w in enumerate(mt_words)]
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2">\n'
            '<file source-language="en" target-language="ru" original="long"><body>\n')
    with open(os.path.join(d, "long.ru-ru.xlf"), "w", encoding="utf-8") as f:
        f.write(head)
        f.write(f'<trans-unit id="mt"><source>{source}</source>'
                f'<target state="translated" state-qualifier="leveraged-mt">{" ".join(mt_words)}</target></trans-unit>\n')
        f.write(f'<trans-unit id="ht"><source>{source}</source>'
                f'<target state="translated" state-qualifier="exact-match">{" ".join(ht_words)}</target></trans-unit>\n')
        f.write("</body></file></xliff>\n")


def main():
    args = sys.argv[1:]
    only = None
    if "--only" in args:
        i = args.index("--only")
        only = args[i + 1]
        del args[i:i + 2]
    out = args[0] if args else "/tmp/lqa-hostile-big"
    for name, build in [("sparse", sparse), ("xliff", xliff), ("long", long_pair)]:
        if only in (None, name):
            build(out)
    for root, _, files in sorted(os.walk(out)):
        for name in sorted(files):
            path = os.path.join(root, name)
            st = os.stat(path)
            print(f"{path}: {st.st_size:,} bytes ({st.st_blocks * 512:,} on disk)")


if __name__ == "__main__":
    main()
