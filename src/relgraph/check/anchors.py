"""Where each quote sits in its source: offsets in the seed file, line and paragraph.

A quote is matched against its article after folding whitespace and typographic variants
(text.normalize_quote); `SourceText` keeps, for the folded text, where folding whitespace moved
it against the seed file, so a match found in the folded text maps back to exact offsets.
"""
from __future__ import annotations

import bisect
import re

from relgraph.model.records import Anchor
from relgraph.model.text import fold_typography, normalize_quote

_SPACE_RUN = re.compile(r"\s\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_NEWLINE = re.compile("\n")


class SourceText:
    """One article's text: raw (its lines of the seed file) and folded, with a map between them."""

    def __init__(self, raw: str, file_offset: int = 0, first_line: int = 1):
        self.raw, self.file_offset, self.first_line = raw, file_offset, first_line
        # Each index is made when first needed: the page reads an article's paragraphs only.
        self._normalized: str | None = None
        self._paragraphs: list[int] | None = None
        self._lines: list[int] | None = None

    @property
    def normalized(self) -> str:
        """The folded text: typography folded, whitespace runs one space, none at either end."""
        if self._normalized is None:
            self._fold()
        return self._normalized

    def _fold(self) -> None:
        folded = fold_typography(self.raw)  # one character for one: offsets stay
        self._normalized = " ".join(folded.split())
        # Folding turns each run of whitespace into one space (none at the start): only runs longer
        # than one character, and a leading one, move later text. Record where the shift grows.
        shift = len(folded) - len(folded.lstrip())  # leading whitespace is dropped whole
        self._breaks, self._shifts = [0], [shift]
        # From after the leading run: a pattern without `^` or alternation is searched three times faster.
        for match in _SPACE_RUN.finditer(folded, shift):
            start, end = match.span()
            shift += end - start - 1
            self._breaks.append(start - (shift - (end - start - 1)) + 1)  # first folded offset after the run
            self._shifts.append(shift)

    def occurrences(self, quote: str, limit: int = 50) -> list[int]:
        """Offsets in the folded text where the folded quote starts (at most `limit`)."""
        return self.find(normalize_quote(quote), limit)

    def find(self, wanted: str, limit: int = 50) -> list[int]:
        """Offsets in the folded text where `wanted` (already folded) starts (at most `limit`)."""
        found, at, text = [], -1, self.normalized
        if not wanted:
            return found
        while len(found) < limit:
            at = text.find(wanted, at + 1)
            if at < 0:
                break
            found.append(at)
        return found

    def _raw_offset(self, normalized_offset: int) -> int:
        if self._normalized is None:
            self._fold()
        return normalized_offset + self._shifts[bisect.bisect_right(self._breaks, normalized_offset) - 1]

    def span(self, normalized_start: int, length: int) -> tuple[int, int]:
        """Where the `length` folded characters from `normalized_start` lie in the raw text: [start, end)."""
        return self._raw_offset(normalized_start), self._raw_offset(normalized_start + length - 1) + 1

    def anchor(self, quote: str, normalized_start: int, length: int | None = None) -> Anchor:
        """The anchor of the quote found at `normalized_start`; `length` is the folded quote's, when known."""
        if length is None:
            length = len(normalize_quote(quote))
        start, end = self.span(normalized_start, length)
        return Anchor(
            start=self.file_offset + start,
            end=self.file_offset + end,
            line=self.first_line + bisect.bisect_right(self._line_starts(), start) - 1,
            paragraph=bisect.bisect_right(self._paragraph_starts(), start),
        )

    def _line_starts(self) -> list[int]:
        # Counting newlines up to each quote costs the article's length per relation; this, once per article.
        if self._lines is None:
            self._lines = [0] + [m.end() for m in _NEWLINE.finditer(self.raw)]
        return self._lines

    def _paragraph_starts(self) -> list[int]:
        if self._paragraphs is None:
            self._paragraphs = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(self.raw)]
        return self._paragraphs

    def paragraph_text(self, number: int) -> str:
        """The text of the article's paragraph `number` (1-based), as in the seed file."""
        starts = self._paragraph_starts()
        end = starts[number] if number < len(starts) else len(self.raw)
        return self.raw[starts[number - 1]:end].strip()
