"""The notice as a PDF letter. The only module that uses WeasyPrint.

Fonts come from static/fonts; the URL fetcher serves only the project's own
font and CSS files and data: URIs, so a letter can never make the renderer
read a local file or reach the network.
"""

import logging
import mimetypes
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.text.ffi import ffi, fontconfig, gobject, pangoft2
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .html import letter_html

logger = logging.getLogger(__name__)

FONTS = {
    ("Delaynote Sans", "normal", "normal"): "NotoSans-Regular.ttf",
    ("Delaynote Sans", "bold", "normal"): "NotoSans-Bold.ttf",
    ("Delaynote Sans", "normal", "italic"): "NotoSans-Italic.ttf",
    ("Delaynote Serif", "normal", "normal"): "NotoSerif-Regular.ttf",
    ("Delaynote Serif", "bold", "normal"): "NotoSerif-Bold.ttf",
    ("Delaynote Serif", "normal", "italic"): "NotoSerif-Italic.ttf",
    ("Delaynote Serif", "bold", "italic"): "NotoSerif-BoldItalic.ttf",
    ("Delaynote Sans SC", "normal", "normal"): "NotoSansSC-Regular.otf",
    ("Delaynote Sans SC", "bold", "normal"): "NotoSansSC-Bold.otf",
}
ASSET_SUFFIXES = {".otf", ".ttf", ".woff", ".woff2", ".css"}
# The word in every page's top margin of a draft letter, in the letter's language.
DRAFT_MARK = {"en": "DRAFT", "zh-hans": "草稿", "vi": "BẢN NHÁP"}
FONT_STACK = {
    "zh-hans": '"Delaynote Sans SC", "Delaynote Sans"',
    "vi": '"Delaynote Sans", "Delaynote Sans SC"',
    "en": '"Delaynote Sans", "Delaynote Sans SC"',
    "vi.official": '"Delaynote Serif", "Delaynote Sans SC"',
}


class UncoveredCharacters(ValueError):
    """The letter holds characters that the shipped fonts cannot print."""

    def __init__(self, characters):
        self.characters = characters
        names = ", ".join(f"“{c}” (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in characters)
        super().__init__(f"The PDF fonts cannot print these characters: {names}")


class AssetFetcher(URLFetcher):
    """Serves the project's own fonts and stylesheets and data: URIs; refuses everything else."""

    def __init__(self):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=1)
        self.roots = [Path(d).resolve() for d in settings.LETTER_ASSET_DIRS]

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if (
                path.suffix.lower() in ASSET_SUFFIXES
                and path.is_file()
                and any(path.is_relative_to(r) for r in self.roots)
            ):
                media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})
        logger.warning("Refused to fetch %s while rendering a letter", url[:200])
        raise ValueError(f"Letters may not load {url[:200]}")


ffi.cdef("FcConfig * FcConfigCreate (void);")


class LetterFontConfiguration(FontConfiguration):
    """A Fontconfig configuration that holds only the fonts of the letter's @font-face rules.

    Starting from an empty configuration instead of the system's means a letter
    renders with the shipped fonts on every machine, and no system font list is
    scanned or kept in memory.
    """

    def __init__(self):
        self._config = fontconfig.FcConfigCreate()
        self.font_map = ffi.gc(pangoft2.pango_ft2_font_map_new(), gobject.g_object_unref)
        pangoft2.pango_fc_font_map_set_config(ffi.cast("PangoFcFontMap *", self.font_map), self._config)
        fontconfig.FcConfigDestroy(self._config)
        self._folder = None
        self.strut_layouts = {}
        self.font_features = {}


@cache
def font_configuration():
    """One configuration per process: fonts are loaded once and reused by every render."""
    return LetterFontConfiguration()


@cache
def _fetcher():
    return AssetFetcher()


def _font_dir():
    return Path(settings.BASE_DIR) / "static" / "fonts"


def font_face_css():
    rules = []
    for (family, weight, style), filename in FONTS.items():
        uri = (_font_dir() / filename).resolve().as_uri()
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; src: url("{uri}"); }}'
        )
    return "\n".join(rules) + "\n"


@cache
def _stylesheet():
    # The letter stylesheet names its faces through custom properties; the PDF points them at the shipped fonts.
    variables = {"--letter-font": FONT_STACK["en"], "--letter-font-zh": FONT_STACK["zh-hans"]}
    variables["--letter-font-serif"] = FONT_STACK["vi.official"]
    css = font_face_css() + ":root { " + " ".join(f"{k}: {v};" for k, v in variables.items()) + " }\n"
    css += "".join(f"body.lang-{lang} {{ font-family: {stack}; }}\n" for lang, stack in FONT_STACK.items())
    return CSS(string=css, font_config=font_configuration(), url_fetcher=_fetcher())


@cache
def covered_code_points():
    """The code points of the shipped fonts, from the ranges `make fonts` writes beside them."""
    points = set()
    for line in (_font_dir() / "coverage.txt").read_text(encoding="ascii").split():
        start, _, end = line.partition("-")
        points.update(range(int(start, 16), int(end or start, 16) + 1))
    return frozenset(points)


def uncovered_characters(text):
    """Characters of `text` that no shipped font can print (whitespace and controls aside)."""
    covered = covered_code_points()
    missing = {
        ch
        for ch in text
        if ord(ch) not in covered and not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Mn")
    }
    return sorted(missing)


@cache
def _draft_stylesheet(language):
    """A mark in the top and bottom margins of every page, so no page of a draft passes for the letter sent."""
    word = DRAFT_MARK.get(language, DRAFT_MARK["en"])
    box = f'content: "{word}"; font-family: {FONT_STACK.get(language, FONT_STACK["en"])}; font-weight: bold; color: #b42318; font-size: 10pt;'
    css = f"@page {{ @top-right {{ {box} }} @bottom-left {{ {box} }} }}\n"
    return CSS(string=css, font_config=font_configuration(), url_fetcher=_fetcher())


def html_to_pdf(html, draft_language=None):
    """Render an HTML document with the letter fonts and the restricted fetcher; marked as a draft if a language is given."""
    document = HTML(string=html, base_url=_font_dir().as_uri() + "/", url_fetcher=_fetcher())
    stylesheets = [_stylesheet()] + ([_draft_stylesheet(draft_language)] if draft_language else [])
    return document.write_pdf(stylesheets=stylesheets, font_config=font_configuration(), uncompressed_pdf=False)


def render_pdf(letter, draft=False):
    """The letter as PDF bytes; `draft=True` marks every page as a draft in the letter's language."""
    missing = uncovered_characters(letter.all_text())
    if missing:
        raise UncoveredCharacters(missing)
    return html_to_pdf(letter_html(letter), draft_language=letter.language if draft else None)
