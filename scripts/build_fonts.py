"""Regenerate the subset, renamed fonts in static/fonts/ (the `make fonts` target).

Two sets: the letter fonts the PDF renderer embeds (Delaynote Sans, Sans SC, Serif), and
the interface web fonts (family "Delaynote UI": WOFF2 files split by unicode-range, declared
in static/css/fonts.css, so a page downloads only the files for the characters it shows).

Usage: .venv/bin/python scripts/build_fonts.py
"""

import contextlib
import hashlib
import io
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
# Interface web fonts: one Latin + Vietnamese file and several Chinese files per weight.
UI_FAMILY = "Delaynote UI"
UI_CSS = ROOT / "static" / "css" / "fonts.css"
UI_WEIGHTS = {400: "Regular", 700: "Bold"}
UI_LATIN_RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x017F),  # Latin-1 Supplement, Latin Extended-A (đ Đ U+0110-0111, ĩ ũ)
    (0x01A0, 0x01B0),  # ơ Ơ ư Ư
    (0x0300, 0x0309),  # combining grave, acute, circumflex, tilde, hook above…
    (0x0323, 0x0323),  # combining dot below
    (0x1EA0, 0x1EF9),  # Latin Extended Additional: the precomposed Vietnamese letters
    (0x2000, 0x206F),  # general punctuation
    (0x20AB, 0x20AC),  # ₫ €
    (0x2116, 0x2116),  # №
    (0x2122, 0x2122),  # ™
]
UI_CJK_PUNCTUATION = [(0x3000, 0x303F), (0xFF00, 0xFFEF)]  # CJK punctuation, full-width forms
# Every page, in every language, shows 中文 (the footer) and 简体中文 (the language menu): a tiny
# file of their own, so an English or Vietnamese page loads no other Chinese file. Characters
# the interface and the letters write in Chinese come next, with the CJK punctuation, so a
# Chinese page usually needs just those two; the rest of the 8,105 follow in files of about
# 900, common (level 1) before less common (levels 2 and 3).
UI_EVERY_PAGE = "简体中文"
UI_VOCABULARY = ["locale/zh_Hans/LC_MESSAGES/*.po", "composer/letters/*.py", "templates/**/*.html"]
UI_LEVELS = [(0, 3500, 3), (3500, 6500, 3), (6500, 8105, 2)]  # (first, end, files) in tongyong order
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


def tongyong_list():
    """The 8,105 characters in the table's order: level 1 (3,500), level 2 (3,000), level 3 (1,605)."""
    if not TONGYONG.is_file():
        sys.exit(f"{TONGYONG} not found (set TONGYONG_FILE to override)")
    chars = TONGYONG.read_text(encoding="utf-8").split()
    if len(chars) != 8105 or any(len(c) != 1 for c in chars):
        sys.exit(f"{TONGYONG}: expected 8105 lines of one character each")
    return [ord(c) for c in chars]


def tongyong():
    return set(tongyong_list())


def is_han(cp):
    return 0x3400 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x3FFFF


def ui_chunks():
    """The Chinese code point sets of the interface font files, in file order."""
    vocabulary = set()
    for pattern in UI_VOCABULARY:
        for path in sorted(ROOT.glob(pattern)):
            vocabulary.update(cp for cp in map(ord, path.read_text(encoding="utf-8")) if is_han(cp))
    every_page = set(map(ord, UI_EVERY_PAGE))
    vocabulary -= every_page
    chunks = [every_page, codepoints(UI_CJK_PUNCTUATION) | vocabulary]
    order = tongyong_list()
    for first, end, files in UI_LEVELS:
        rest = sorted(cp for cp in order[first:end] if cp not in vocabulary | every_page)
        size = -(-len(rest) // files)
        chunks += [set(rest[i : i + size]) for i in range(0, len(rest), size)]
    return chunks


def unicode_range(points):
    """CSS unicode-range for a set of code points, consecutive ones joined into ranges."""
    parts, ordered = [], sorted(points)
    start = prev = ordered[0]
    for cp in ordered[1:] + [None]:
        if cp != prev + 1:
            parts.append(f"U+{start:X}-{prev:X}" if start != prev else f"U+{start:X}")
            start = cp
        prev = cp
    return ",".join(parts)


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


def build_ui(job):
    """One interface web font file; its name carries a hash of its content, so it can be cached for good."""
    stem, src, index, unicodes = job
    font = TTFont(src, fontNumber=index, recalcTimestamp=False)
    options = subset.Options(hinting=False, layout_features=FEATURES, notdef_outline=True, flavor="woff2")
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    rename(font, UI_FAMILY)
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    name = f"{stem}.{hashlib.sha256(data).hexdigest()[:12]}.woff2"
    (OUT / name).write_bytes(data)
    return name, set(font.getBestCmap())


def ui_jobs():
    """Cut from the letter fonts just built (already subset and renamed, so quick to load)."""
    names, *chunks = ui_chunks()
    jobs = []
    for weight, style in UI_WEIGHTS.items():
        sc = OUT / f"NotoSansSC-{style}.otf"
        jobs.append((f"ui-latin-{weight}", OUT / f"NotoSans-{style}.ttf", -1, codepoints(UI_LATIN_RANGES)))
        jobs.append((f"ui-sc-names-{weight}", sc, -1, names))
        jobs += [(f"ui-sc-{number}-{weight}", sc, -1, chunk) for number, chunk in enumerate(chunks, 1)]
    return jobs


def write_ui_css(jobs, results):
    rules = []
    for (stem, _, _, _), (name, points) in zip(jobs, results, strict=True):
        weight = stem.rsplit("-", 1)[1]
        rules.append(
            f'@font-face {{\n  font-family: "{UI_FAMILY}";\n  font-style: normal;\n  font-weight: {weight};\n'
            f'  font-display: swap;\n  src: url("../fonts/{name}") format("woff2");\n'
            f"  unicode-range: {unicode_range(points)};\n}}"
        )
    header = (
        f'/* The interface font "{UI_FAMILY}" (Noto Sans, Noto Sans CJK SC; SIL OFL 1.1, see fonts/OFL.txt).\n'
        "   Generated by scripts/build_fonts.py: do not edit. Each file covers the unicode-range given, so the\n"
        "   browser downloads a file only when a page shows one of its characters. */\n"
    )
    UI_CSS.write_text(header + "\n".join(rules) + "\n", encoding="utf-8")


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

ui-latin-*.woff2 (family "Delaynote UI", the interface font)
  from Noto Sans (Debian package fonts-noto-core), notices as above

ui-sc-*.woff2 (family "Delaynote UI", the interface font, Chinese)
  from Noto Sans CJK SC (Debian package fonts-noto-cjk), notices as above

"Delaynote Sans SC", "Delaynote Sans", "Delaynote Serif" and "Delaynote UI" are not Reserved Font
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
    for old in OUT.glob("ui-*.woff2"):
        old.unlink()
    ui = ui_jobs()
    with ProcessPoolExecutor() as pool:
        results = list(pool.map(build, jobs))
        ui_results = list(pool.map(build_ui, ui))
    write_licence({out: notice for out, _, notice in results})
    write_coverage(out for out, _, _ in results)
    write_ui_css(ui, ui_results)
    for out, count, _ in results:
        size = (OUT / out).stat().st_size
        print(f"{out:24} {size:>10,} bytes {count:>6,} code points")
    for name, points in ui_results:
        print(f"{name:24} {(OUT / name).stat().st_size:>10,} bytes {len(points):>6,} code points")
    ui_total = sum((OUT / name).stat().st_size for name, _ in ui_results)
    print(f"{'ui-*.woff2 in all':24} {ui_total:>10,} bytes; {UI_CSS.name} {UI_CSS.stat().st_size:,} bytes")
    print(f"{'OFL.txt':24} {(OUT / 'OFL.txt').stat().st_size:>10,} bytes")
    print(f"done in {time.monotonic() - start:.1f} s")


if __name__ == "__main__":
    main()
