"""Regenerate the subset, renamed fonts in static/fonts/ (the `make fonts` target).

Usage: .venv/bin/python scripts/build_fonts.py
"""

import contextlib
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "static" / "fonts"
TONGYONG = Path(os.environ.get("TONGYONG_FILE") or ROOT.parent / "shared" / "data" / "tongyong-8105.txt")
CJK_DIR = Path("/usr/share/fonts/opentype/noto")
LATIN_DIR = Path("/usr/share/fonts/truetype/noto")
CJK_DOC = Path("/usr/share/doc/fonts-noto-cjk/copyright")
LATIN_DOC = Path("/usr/share/doc/fonts-noto-core/copyright")
CJK_FAMILY = "Noto Sans CJK SC"
SC = [(f"NotoSansSC-{s}.otf", CJK_DIR / f"NotoSansCJK-{s}.ttc") for s in ("Regular", "Bold")]
LATIN = [(f"NotoSans-{s}.ttf", LATIN_DIR / f"NotoSans-{s}.ttf") for s in ("Regular", "Bold", "Italic")]
# The serif face of a Vietnamese công văn (Decree 30/2020 asks for a Times-like serif).
SERIF = [(f"NotoSerif-{s}.ttf", LATIN_DIR / f"NotoSerif-{s}.ttf") for s in ("Regular", "Bold", "Italic", "BoldItalic")]
CJK_UPSTREAM_NOTICE = "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."

LATIN_RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x02B0, 0x036F),  # spacing modifiers, combining diacritics
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency symbols
    (0x2100, 0x214F),  # letterlike symbols
    (0x25CC, 0x25CC),  # dotted circle
]
CJK_RANGES = LATIN_RANGES + [
    (0x2190, 0x2193),  # arrows (Noto Sans has none)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # half-width and full-width forms
]
VERTICAL = {"valt", "vert", "vhal", "vkrn", "vpal", "vrt2", "vchw"}
FEATURES = sorted(set(subset.Options().layout_features) - VERTICAL)


def codepoints(ranges):
    return {cp for lo, hi in ranges for cp in range(lo, hi + 1)}


def gb2312():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(ord(bytes((hi, lo)).decode("gb2312")))
    return chars


def tongyong():
    if not TONGYONG.is_file():
        sys.exit(f"{TONGYONG} not found (set TONGYONG_FILE to override)")
    chars = TONGYONG.read_text(encoding="utf-8").split()
    if len(chars) != 8105 or any(len(c) != 1 for c in chars):
        sys.exit(f"{TONGYONG}: expected 8105 lines of one character each")
    return {ord(c) for c in chars}


def ttc_index(path, family):
    for i, font in enumerate(TTCollection(path, lazy=True)):
        if font["name"].getDebugName(1) == family:
            return i
    sys.exit(f"{path}: no font with family name {family!r}")


def rename(font, family):
    name = font["name"]
    style = name.getDebugName(2)
    ps = f"{family}-{style}".replace(" ", "")
    name.removeNames(nameID=16)
    name.removeNames(nameID=17)
    version = f"{font['head'].fontRevision:.3f}"
    records = {
        1: family,
        3: f"{version};{ps}",
        4: f"{family} {style}",
        5: f"Version {version}",
        6: ps,
    }
    for name_id, value in records.items():
        name.setName(value, name_id, 3, 1, 0x409)
    if "CFF " in font:
        cff = font["CFF "].cff
        old, cff.fontNames[0] = cff.fontNames[0], ps
        top = cff.topDictIndex[0]
        top.FamilyName, top.FullName = family, f"{family} {style}"
        for fd in getattr(top, "FDArray", []):
            fd.FontName = fd.FontName.replace(old, ps)


def build(job):
    out, src, index, family, unicodes = job
    font = TTFont(src, fontNumber=index, recalcTimestamp=False)
    options = subset.Options(
        hinting=False,
        layout_features=FEATURES,
        name_IDs=["*"],
        notdef_outline=True,
    )
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    rename(font, family)
    font.save(OUT / out)
    return out, len(font.getBestCmap()), font["name"].getDebugName(0)


def debian_copyright(path):
    paragraphs = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, key = {}, None
        for line in block.splitlines():
            if line[:1] in (" ", "\t"):
                fields[key].append("" if line.strip() == "." else line[1:])
            else:
                key, _, value = line.partition(":")
                fields[key] = [value.strip()] if value.strip() else []
        paragraphs.append(fields)
    return paragraphs


def holders(paragraphs):
    lines = next(p["Copyright"] for p in paragraphs if p.get("Files") == ["*"])
    return "\n  ".join(f"Copyright {line.strip()}" for line in lines)


def write_licence(notices):
    cjk, latin = debian_copyright(CJK_DOC), debian_copyright(LATIN_DOC)
    text = next(p["License"][1:] for p in cjk if "Files" not in p and p.get("License", [""])[0] == "SIL-1.1")
    header = f"""\
This licence covers the following files in this directory. They are Modified
Versions (subset to fewer characters, hinting removed, renamed) of fonts
released under the SIL Open Font License 1.1, made by scripts/build_fonts.py.

NotoSansSC-Regular.otf, NotoSansSC-Bold.otf (family "Delaynote Sans SC")
  from Noto Sans CJK SC (Debian package fonts-noto-cjk)
  {notices["NotoSansSC-Regular.otf"]}
  {CJK_UPSTREAM_NOTICE}
  {holders(cjk)}

NotoSans-Regular.ttf, NotoSans-Bold.ttf, NotoSans-Italic.ttf (family "Delaynote Sans")
  from Noto Sans (Debian package fonts-noto-core)
  {notices["NotoSans-Regular.ttf"]}
  {holders(latin)}

NotoSerif-Regular.ttf, NotoSerif-Bold.ttf, NotoSerif-Italic.ttf, NotoSerif-BoldItalic.ttf
  (family "Delaynote Serif") from Noto Serif (Debian package fonts-noto-core)
  {notices["NotoSerif-Regular.ttf"]}
  {holders(latin)}

"Delaynote Sans SC", "Delaynote Sans" and "Delaynote Serif" are not Reserved Font
Names. Noto Sans and Noto Serif declare no Reserved Font Name; Noto Sans CJK reserves "Source", which these
fonts do not use.

"""
    (OUT / "OFL.txt").write_text(header + "\n".join(text).strip() + "\n", encoding="utf-8")


def write_coverage(names):
    """The code points the shipped fonts cover, as ranges: the PDF renderer checks letters against it."""
    points = set()
    for name in names:
        with TTFont(OUT / name, lazy=True) as font:
            points.update(font.getBestCmap())
    ranges, ordered = [], sorted(points)
    start = prev = ordered[0]
    for cp in ordered[1:] + [None]:
        if cp != (prev + 1 if prev is not None else None):
            ranges.append(f"{start:04X}-{prev:04X}" if start != prev else f"{start:04X}")
            start = cp
        prev = cp
    (OUT / "coverage.txt").write_text("\n".join(ranges) + "\n", encoding="ascii")


def main():
    start = time.monotonic()
    sources = [src for _, src in SC + LATIN + SERIF] + [CJK_DOC, LATIN_DOC]
    missing = [str(p) for p in sources if not p.is_file()]
    if missing:
        sys.exit(
            "Missing: " + ", ".join(missing) + "\nInstall them with: apt-get install fonts-noto-cjk fonts-noto-core"
        )
    cjk = codepoints(CJK_RANGES) | gb2312() | tongyong()
    latin = codepoints(LATIN_RANGES)
    jobs = [(o, s, ttc_index(s, CJK_FAMILY), "Delaynote Sans SC", cjk) for o, s in SC]
    jobs += [(o, s, -1, "Delaynote Sans", latin) for o, s in LATIN]
    jobs += [(o, s, -1, "Delaynote Serif", latin) for o, s in SERIF]
    OUT.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor() as pool:
        results = list(pool.map(build, jobs))
    write_licence({out: notice for out, _, notice in results})
    write_coverage(out for out, _, _ in results)
    for out, count, _ in results:
        size = (OUT / out).stat().st_size
        print(f"{out:24} {size:>10,} bytes {count:>6,} code points")
    print(f"{'OFL.txt':24} {(OUT / 'OFL.txt').stat().st_size:>10,} bytes")
    print(f"done in {time.monotonic() - start:.1f} s")


if __name__ == "__main__":
    main()
