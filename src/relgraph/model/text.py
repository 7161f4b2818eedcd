"""Text normalisation shared by quote checking, name matching and coverage."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Typographic variants that may differ between a quote and its source; nothing else may.
TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_SPACE = re.compile(r"\s+")
# Control characters (other than tab and the line breaks newline, carriage return and U+0085)
# break XML exports (C0) or hide in editors (C1, U+0080-U+009F, mostly Windows-1252 punctuation
# read as Latin-1): `relgraph check` refuses them in every text field (E106), and
# `relgraph add source` in its options, from this one pattern.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def has_no_control(value: str) -> bool:
    """No character of CONTROL in the text."""
    # Every CONTROL character is unprintable, and isprintable() is a much faster scan than a
    # character-class search: the pattern runs only for text with a newline, a tab or the like.
    return value.isprintable() or not CONTROL.search(value)


def first_control(value: str) -> str | None:
    """The first CONTROL character of the text, as U+XXXX; None when there is none."""
    found = None if has_no_control(value) else CONTROL.search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def fold_typography(text: str) -> str:
    """Typographic quotes, apostrophes and dashes to ASCII, one character for one."""
    # The backtick is the one ASCII character TYPOGRAPHIC maps; for ASCII text (most quotes, and
    # str.isascii() costs nothing) a replace does what the slower translate() would.
    return text.replace("`", "'") if text.isascii() else text.translate(TYPOGRAPHIC)


def normalize_quote(text: str) -> str:
    """Fold whitespace runs to one space and typographic quotes/apostrophes/dashes to ASCII."""
    # str.split() splits on exactly the characters that \s matches, and is several times faster.
    return " ".join(fold_typography(text).split())


@lru_cache(maxsize=65536)  # the same names ("China", "Putin") are folded thousands of times
def fold_name(name: str) -> str:
    """Key for matching names: case-, accent- and typography-insensitive."""
    if name.isascii():
        return _SPACE.sub(" ", name.replace("`", "'")).strip().casefold()
    decomposed = unicodedata.normalize("NFKD", normalize_quote(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
