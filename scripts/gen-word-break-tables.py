"""Writes src/text/word-break-table.ts: per code point, the Word_Break property of
UAX #29 plus the two extra bits the word-boundary segmenter needs, as compact ranges.

Sources (Debian package `unicode-data`, one Unicode version for all of them — the same
version as the conformance test file the tests run, auxiliary/WordBreakTest.txt):

    /usr/share/unicode/auxiliary/WordBreakProperty.txt    Word_Break
    /usr/share/unicode/emoji/emoji-data.txt               Extended_Pictographic (WB3c)
    /usr/share/unicode/extracted/DerivedGeneralCategory.txt  General_Category L* / N*

Run:  python3 scripts/gen-word-break-tables.py  [unicode data directory]

Why a generated table instead of JS property escapes or Intl.Segmenter: both follow the
JS engine's ICU (Node and each browser ship different Unicode versions, and ICU adds
dictionary segmentation for Thai/CJK), so the same text would segment differently at
training and at serving. The table pins one Unicode version everywhere.

Encoding: a list of ranges covering U+0000..U+10FFFF, each "start delta, code" in base 36
(start - previous start; the first start is 0). A range ends where the next one starts.
code = Word_Break value index (WB_NAMES order) | 32 if Extended_Pictographic | 64 if
"word-like" (see WORD_LIKE below). Decoded by src/text/word-break.ts.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "text", "word-break-table.ts")

# Order fixes the numeric codes used by src/text/word-break.ts — never reorder.
WB_NAMES = [
    "Other", "CR", "LF", "Newline", "Extend", "ZWJ", "Regional_Indicator", "Format",
    "Katakana", "Hebrew_Letter", "ALetter", "Single_Quote", "Double_Quote", "MidNumLet",
    "MidLetter", "MidNum", "Numeric", "ExtendNumLet", "WSegSpace",
]
EXT_PICT = 32
WORD_LIKE = 64
# A code point is word-like (a segment holding one is kept by the wordBoundaries
# pre-tokenizer) when it is a letter or number by General_Category (L*, N*: Latin,
# Thai, Han ideographs, Hiragana, digits, ...), or by Word_Break (ALetter, Hebrew_Letter,
# Numeric, Katakana: also a few symbols/punctuation the rules treat as letters, e.g. the
# Hebrew geresh U+05F3, circled letters), or emoji: Extended_Pictographic, Regional_Indicator
# (flags), Emoji_Modifier (a skin-tone swatch on its own) and U+20E3 COMBINING ENCLOSING
# KEYCAP (so the keycaps #️⃣ and *️⃣ count as emoji like 1️⃣ does). With these, every
# sequence of emoji-test.txt is one word-like segment.
WORD_LIKE_WB = {"ALetter", "Hebrew_Letter", "Numeric", "Katakana", "Regional_Indicator"}
KEYCAP = 0x20E3


def header_version(path):
    """The version in the first line, e.g. '# WordBreakProperty-15.0.0.txt' -> '15.0.0'."""
    with open(path, encoding="utf-8") as f:
        head = "".join(f.readline() for _ in range(3))
    m = re.search(r"-(\d+\.\d+\.\d+)\.txt", head) or re.search(r"Emoji Version (\d+\.\d+)", open(path, encoding="utf-8").read(4000))
    if not m:
        sys.exit(f"no version in the header of {path}")
    return m.group(1)


def parse(path, keep=None):
    """code point -> value of a `range ; value` UCD file (only values in `keep` if given)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cps, value = [x.strip() for x in line.split(";")[:2]]
            if keep is not None and value not in keep:
                continue
            lo, _, hi = cps.partition("..")
            lo = int(lo, 16)
            hi = int(hi, 16) if hi else lo
            for c in range(lo, hi + 1):
                out[c] = value
    return out


def base36(n):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        n, r = divmod(n, 36)
        s = digits[r] + s
        if n == 0:
            return s


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
    wb_path = os.path.join(root, "auxiliary", "WordBreakProperty.txt")
    test_path = os.path.join(root, "auxiliary", "WordBreakTest.txt")
    emoji_path = os.path.join(root, "emoji", "emoji-data.txt")
    gc_path = os.path.join(root, "extracted", "DerivedGeneralCategory.txt")

    version = header_version(wb_path)
    for p in (test_path, gc_path):
        if header_version(p) != version:
            sys.exit(f"{p} is Unicode {header_version(p)}, WordBreakProperty.txt is {version}")
    emoji_version = header_version(emoji_path)
    if not version.startswith(emoji_version + "."):
        sys.exit(f"emoji-data.txt is Emoji {emoji_version}, WordBreakProperty.txt is Unicode {version}")

    wb = parse(wb_path)
    unknown = set(wb.values()) - set(WB_NAMES)
    if unknown:
        sys.exit(f"Word_Break values this generator does not know: {sorted(unknown)}")
    ext_pict = parse(emoji_path, {"Extended_Pictographic"})
    modifier = parse(emoji_path, {"Emoji_Modifier"})
    gc = parse(gc_path)

    def code(c):
        w = wb.get(c, "Other")
        v = WB_NAMES.index(w)
        if c in ext_pict:
            v |= EXT_PICT
        g = gc.get(c, "Cn")
        if g[0] in "LN" or w in WORD_LIKE_WB or c in ext_pict or c in modifier or c == KEYCAP:
            v |= WORD_LIKE
        return v

    starts, codes = [], []
    prev = None
    for c in range(0x110000):
        v = code(c)
        if v != prev:
            starts.append(c)
            codes.append(v)
            prev = v

    parts = []
    last = 0
    for s, v in zip(starts, codes):
        parts.append(base36(s - last))
        parts.append(base36(v))
        last = s
    source = f"Unicode {version} (WordBreakProperty.txt, emoji-data.txt, DerivedGeneralCategory.txt)"
    names = ", ".join(f'"{n}"' for n in WB_NAMES)
    lines = [
        "/**",
        " * GENERATED by scripts/gen-word-break-tables.py — do not edit by hand.",
        f" * Source: {source}.",
        " *",
        " * Per code point: the UAX #29 Word_Break value (index into WB_NAMES), | 32 when",
        " * Extended_Pictographic, | 64 when word-like (General_Category L* or N*; Word_Break",
        " * ALetter, Hebrew_Letter, Numeric, Katakana or Regional_Indicator; Extended_Pictographic,",
        " * Emoji_Modifier or U+20E3 keycap). Ranges cover U+0000..U+10FFFF: pairs of (start - previous",
        " * start, code) in base 36; a range ends where the next starts. Decoded by word-break.ts.",
        " */",
        f'export const WORD_BREAK_SOURCE = "{source}";',
        f'export const WORD_BREAK_UNICODE_VERSION = "{version}";',
        f"export const WB_NAMES = [{names}] as const;",
        f"/** {len(starts)} ranges. */",
        f'export const WORD_BREAK_RANGES = "{",".join(parts)}";',
    ]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {OUT}: Unicode {version}, {len(starts)} ranges, {len(','.join(parts))} characters")


if __name__ == "__main__":
    main()
