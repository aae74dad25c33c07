"""Bakes canonical combining classes (Python's unicodedata, Unicode 14) into
src/transforms/text/tokenizers/unicode/ccc-table.ts: runs of equal non-zero class as
base-36 "start - previous end, length - 1, class" triples. Used to reproduce the canonical
reordering (and so the offsets) of Hugging Face's NFD/NFC normalizers.
Run: /usr/bin/python3 scripts/gen-ccc-table.py"""
import unicodedata, os

def b36(n):
    d = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        s = d[n % 36] + s
        n //= 36
        if n == 0:
            return s

runs = []
cp = 0
while cp < 0x110000:
    c = unicodedata.combining(chr(cp))
    if c:
        start = cp
        while cp + 1 < 0x110000 and unicodedata.combining(chr(cp + 1)) == c:
            cp += 1
        runs.append((start, cp, c))
    cp += 1
parts = []
prev = 0
for s, e, c in runs:
    parts += [b36(s - prev), b36(e - s), b36(c)]
    prev = e
path = os.path.join(os.path.dirname(__file__), "..", "src", "transforms", "text", "tokenizers", "unicode", "ccc-table.ts")
with open(path, "w") as f:
    f.write("/**\n * Canonical combining classes from Python's unicodedata (Unicode %s), baked by\n * scripts/gen-ccc-table.py (do not edit). See ccc.ts.\n */\n" % unicodedata.unidata_version)
    f.write('export const CCC_RUNS = "%s";\n' % ",".join(parts))
print(len(runs), "runs")
