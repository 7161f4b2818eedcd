"""XML text and attribute values, escaped so that every reader gets back the same string.

Attribute values are normalised by XML parsers (a newline or tab becomes a space), so those are
written as character references; a carriage return is one in text too, or it would read as a newline.
"""
from __future__ import annotations

_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTRIBUTE = {**_TEXT, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}


def _escape(value: str, table: dict[str, str]) -> str:
    return "".join(table.get(ch, ch) for ch in value)


def text(value) -> str:
    return _escape(str(value), _TEXT)


def attribute(value) -> str:
    return '"' + _escape(str(value), _ATTRIBUTE) + '"'


def typed(value) -> str:
    """XML Schema's lexical form: booleans true/false, everything else as its text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def value_kind(values) -> str:
    """'boolean', 'int' or 'string': the type every present value of a field shares."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    return "string"
