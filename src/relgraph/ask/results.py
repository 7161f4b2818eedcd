"""SPARQL results written row by row in the W3C formats (SPARQL 1.1 Query Results JSON, CSV and TSV),
and a plain table for reading.

Each writer turns one solution into text as it comes, so `relgraph query` and `relgraph serve` can
stream an answer instead of holding it. The bytes are those of pyoxigraph's own serializers (the
tests compare them on every shipped query and on generated terms): CSV with CRLF line ends and
values quoted only when they hold `"`, `,`, CR or LF; TSV with `?`-named columns, terms in Turtle
syntax and numbers and booleans abbreviated when their lexical form is Turtle's; JSON compact, with
`type`, `value`, then `datatype` or `xml:lang`.
"""
from __future__ import annotations

import json
import re

XSD = "http://www.w3.org/2001/XMLSchema#"
_ABBREVIATED = {  # datatype -> Turtle's grammar for its bare form (INTEGER, DECIMAL, DOUBLE, BooleanLiteral)
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+)"),
    XSD + "boolean": re.compile(r"true|false"),
}
_TSV_ESCAPES = str.maketrans({"\t": "\\t", "\n": "\\n", "\r": "\\r", '"': '\\"', "\\": "\\\\"})
_CSV_SPECIAL = re.compile(r'[",\r\n]')


def _kind(term) -> str:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return "uri"
    if isinstance(term, pyoxigraph.BlankNode):
        return "bnode"
    if isinstance(term, pyoxigraph.Literal):
        return "literal"
    return "triple"  # an RDF 1.2 triple term: none in relgraph's exports


def csv_value(term) -> str:
    """A term as the CSV format writes it: its plain string (an IRI, a literal's lexical form, `_:label`)."""
    if term is None:
        return ""
    text = "_:" + term.value if _kind(term) == "bnode" else str(term) if _kind(term) == "triple" else term.value
    return '"' + text.replace('"', '""') + '"' if _CSV_SPECIAL.search(text) else text


def tsv_value(term) -> str:
    """A term in Turtle syntax, as the TSV format writes it."""
    if term is None:
        return ""
    kind = _kind(term)
    if kind == "uri":
        return f"<{term.value}>"
    if kind == "bnode":
        return "_:" + term.value
    if kind == "triple":
        return str(term)
    quoted = '"' + term.value.translate(_TSV_ESCAPES) + '"'
    if term.language:
        return f"{quoted}@{term.language}"
    datatype = term.datatype.value
    if datatype == XSD + "string":
        return quoted
    grammar = _ABBREVIATED.get(datatype)
    if grammar is not None and grammar.fullmatch(term.value):
        return term.value
    return f"{quoted}^^<{datatype}>"


def json_value(term) -> dict:
    kind = _kind(term)
    if kind in ("uri", "bnode"):
        return {"type": kind, "value": term.value}
    if kind == "triple":
        return {"type": "triple", "value": {"subject": json_value(term.subject),
                                            "predicate": json_value(term.predicate),
                                            "object": json_value(term.object)}}
    data = {"type": "literal", "value": term.value}
    if term.language:
        data["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        data["datatype"] = term.datatype.value
    return data


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class CsvResults:
    """W3C SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""

    media = "text/csv"

    def start(self, variables: list[str]) -> str:
        return ",".join(variables) + "\r\n"  # SPARQL variable names hold no comma, quote or line end

    def row(self, terms) -> str:
        return ",".join(csv_value(t) for t in terms) + "\r\n"

    def end(self) -> str:
        return ""

    def boolean(self, value: bool) -> str:  # the CSV format defines no ASK form; pyoxigraph writes the word
        return "true\n" if value else "false\n"


class TsvResults(CsvResults):
    """W3C SPARQL 1.1 Query Results TSV: `?`-named columns, Turtle terms, LF line ends."""

    media = "text/tab-separated-values"

    def start(self, variables: list[str]) -> str:
        return "\t".join("?" + v for v in variables) + "\n"

    def row(self, terms) -> str:
        return "\t".join(tsv_value(t) for t in terms) + "\n"


class JsonResults:
    """W3C SPARQL 1.1 Query Results JSON, compact, ending with a newline."""

    media = "application/sparql-results+json"

    def start(self, variables: list[str]) -> str:
        self.variables, self.first = variables, True
        return '{"head":{"vars":' + _dump(variables) + '},"results":{"bindings":['

    def row(self, terms) -> str:
        text = _dump({v: json_value(t) for v, t in zip(self.variables, terms) if t is not None})
        if self.first:
            self.first = False
            return text
        return "," + text

    def end(self) -> str:
        return "]}}\n"

    def boolean(self, value: bool) -> str:
        return '{"head":{},"boolean":' + ("true" if value else "false") + "}\n"


class TableResults:
    """Aligned columns for reading, IRIs shortened by the export's prefixes. It needs every row for
    the widths, so it keeps them (at most the row cap) and writes at the end."""

    media = "text/plain"

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda p: -len(p[1]))

    def start(self, variables: list[str]) -> str:
        self.variables, self.cells = variables, []
        return ""

    def row(self, terms) -> str:
        self.cells.append([self.compact(t) for t in terms])
        return ""

    def compact(self, term) -> str:
        if term is None:
            return ""
        if _kind(term) == "uri":
            for prefix, iri in self.prefixes:
                local = term.value[len(iri):]
                if term.value.startswith(iri) and re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
                    return f"{prefix}:{local}"
            return f"<{term.value}>"
        return term.value

    def end(self) -> str:
        widths = [min(80, max([len(v)] + [len(c[i]) for c in self.cells])) for i, v in enumerate(self.variables)]

        def line(values):
            return "  ".join((v if len(v) <= 80 else v[:79] + "…").ljust(w) for v, w in zip(values, widths)).rstrip()

        out = [line(self.variables), line(["-" * w for w in widths])] + [line(c) for c in self.cells]
        out.append(f"({len(self.cells)} row{'s' if len(self.cells) != 1 else ''})")
        return "\n".join(out) + "\n"

    def boolean(self, value: bool) -> str:
        return "true\n" if value else "false\n"


def writer_for(name: str, prefixes: dict[str, str]):
    """The writer of one `--format` name: table, csv, tsv or json."""
    if name == "table":
        return TableResults(prefixes)
    return {"csv": CsvResults, "tsv": TsvResults, "json": JsonResults}[name]()
