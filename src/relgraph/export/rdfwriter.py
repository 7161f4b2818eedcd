"""Turtle and N-Triples text written straight from rdf.triples(), in pyoxigraph's exact layout.

Why not pyoxigraph's serializer itself: it needs a Python object per term and per triple, and
making those took 80% of the export (3.5 of 4.3 s at 100k relations); the serializer proper was
0.7 s. Writing text from the plain strings is several times faster.

How it stays correct: every term is written by a rule for the simple shapes relgraph produces
(prefixed names with plain local parts, plain and typed literals); any other shape is handed
to pyoxigraph, one term at a time, and remembered. tests/test_rdfwriter.py checks the bytes
are identical to pyoxigraph's serializer on the real graph, the fixtures, generated datasets
and generated literals, and tests/test_rdf.py reads the result back with rdflib and pyoxigraph.
"""
from __future__ import annotations

import re
from typing import IO, Iterable, Iterator

from relgraph.build.rdf import TYPE, XSD, Lit, TripleTerm

# pyoxigraph's escapes inside "…": the usual short ones, \uXXXX for other control characters.
_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
# Local parts written as they are; anything else (dots at the end, slashes, %…) goes to pyoxigraph.
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")
_BARE = {  # datatypes pyoxigraph writes without quotes when the lexical form fits the grammar
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "boolean": re.compile(r"true|false"),
}
_QUOTED = {XSD + name for name in ("date", "gYear", "gYearMonth", "dateTime", "nonNegativeInteger")}
_XSD_STRING = XSD + "string"


_ESCAPE_OF = {chr(c): escape for c, escape in _ESCAPES.items()}


def _escape(match: re.Match) -> str:
    return _ESCAPE_OF[match.group()]


def quoted(text: str) -> str:
    # sub() on the few characters to escape, not translate(): translate looks up every character
    # of the text in the table (8 µs for a 200-character quote with one line break, against 0.9 µs)
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(_escape, text)
    return f'"{text}"'


class TurtleTerms:
    """Writes terms as pyoxigraph's Turtle serializer would, with the given prefixes."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = prefixes
        self.iris: dict[str, str] = {}  # bounded below: a 1M-relation export must not keep them all
        # namespace → prefix, for namespaces ending in / or # that no other prefix overlaps: an IRI
        # whose part up to its last / or # is one of them can have no other prefix.
        bases = list(prefixes.values())
        self.by_namespace = {
            base: prefix for prefix, base in prefixes.items()
            if base.endswith(("/", "#")) and not any(other != base and base.startswith(other) for other in bases)
        } if all(base.endswith(("/", "#")) for base in bases) else {}

    def iri(self, iri: str) -> str:
        written = self.iris.get(iri)
        if written is None:
            written = self._iri(iri)
            if len(self.iris) < 200_000:
                self.iris[iri] = written
        return written

    def _iri(self, iri: str) -> str:
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = self.by_namespace.get(iri[:cut])
        if prefix is not None and _PLAIN_LOCAL.fullmatch(iri, cut) and ">" not in iri:
            return f"{prefix}:{iri[cut:]}"
        matches = [(prefix, iri[len(base):]) for prefix, base in self.prefixes.items() if iri.startswith(base)]
        if len(matches) == 1 and _PLAIN_LOCAL.fullmatch(matches[0][1]) and ">" not in iri:
            return f"{matches[0][0]}:{matches[0][1]}"
        if not matches and _SIMPLE_IRI.fullmatch(iri):
            return f"<{iri}>"
        return self._from_pyoxigraph(iri=iri)

    def triple_term(self, term: TripleTerm) -> str:
        """An RDF 1.2 triple term of three IRIs, as pyoxigraph writes it."""
        return f"<<( {self.iri(term.subject)} {self.iri(term.predicate)} {self.iri(term.object)} )>>"

    def literal(self, lit: Lit) -> str:
        value, datatype, language = lit
        if language:
            return f"{quoted(value)}@{language.lower()}"  # pyoxigraph writes tags in lower case
        if not datatype or datatype == _XSD_STRING:  # xsd:string is the default: written plain
            return quoted(value)
        bare = _BARE.get(datatype)
        if bare is not None and bare.fullmatch(value):
            return value
        if bare is not None or datatype in _QUOTED:
            return f"{quoted(value)}^^{self.iri(datatype)}"
        return self._from_pyoxigraph(literal=lit)

    def _from_pyoxigraph(self, iri: str | None = None, literal: Lit | None = None) -> str:
        """The one term as pyoxigraph writes it, as the object of a throwaway triple."""
        import pyoxigraph

        if iri is not None:
            term = pyoxigraph.NamedNode(iri)
        else:
            term = pyoxigraph.Literal(literal.value, datatype=pyoxigraph.NamedNode(literal.datatype))
        triple = pyoxigraph.Triple(pyoxigraph.NamedNode("urn:s"), pyoxigraph.NamedNode("urn:p"), term)
        text = pyoxigraph.serialize([triple], format=pyoxigraph.RdfFormat.TURTLE, prefixes=self.prefixes).decode()
        line = text.rstrip("\n").split("\n")[-1]
        return line[len("<urn:s> <urn:p> "):-len(" .")]


_SIMPLE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*")


def turtle_body(triples: Iterable[tuple], prefixes: dict[str, str]) -> list[str]:
    """The statements (no @prefix lines), in pieces to join; consecutive triples share subject and
    predicate as pyoxigraph groups them (`;` and `,`)."""
    terms = TurtleTerms(prefixes)
    known = terms.iris  # looked up inline: this loop runs once per triple
    iri, literal = terms.iri, terms.literal
    verbs = {TYPE: "a"}  # predicates are few: all of them are kept

    def verb(p: str) -> str:
        written = verbs[p] = iri(p)
        return written
    pieces: list[str] = []
    add = pieces.append
    subject = predicate = None
    for s, p, o in triples:
        if type(o) is Lit:
            obj = literal(o)
        else:
            obj = known.get(o) or (terms.triple_term(o) if type(o) is TripleTerm else iri(o))
        if s == subject:
            if p == predicate:
                add(f" , {obj}")
                continue
            add(f" ;\n\t{verbs.get(p) or verb(p)} {obj}")
        else:
            if subject is not None:
                add(" .\n")
            add(f"{known.get(s) or iri(s)} {verbs.get(p) or verb(p)} {obj}")
        subject, predicate = s, p
    if subject is not None:
        add(" .\n")
    return pieces


def prefix_lines(prefixes: dict[str, str]) -> str:
    """The @prefix lines, in the order given (relgraph sorts them: no library's hashing shows)."""
    return "".join(f"@prefix {prefix}: <{base}> .\n" for prefix, base in prefixes.items())


def turtle(triples: Iterable[tuple], prefixes: dict[str, str]) -> bytes:
    return (prefix_lines(prefixes) + "".join(turtle_body(triples, prefixes))).encode("utf-8")


def _nt_iri(iri: str) -> str:
    if _SIMPLE_IRI.fullmatch(iri):
        return f"<{iri}>"
    import pyoxigraph

    return str(pyoxigraph.NamedNode(iri))  # its own checks and escapes for anything unusual


def ntriples_lines(triples: Iterable[tuple]) -> Iterator[str]:
    iris: dict[str, str] = {}
    written_iri = _nt_iri

    def iri(value: str) -> str:
        written = written_iri(value)
        if len(iris) < 50_000:  # entities, predicates, classes: the IRIs that come back
            iris[value] = written
        return written

    last_subject = last_written = None  # a subject comes in runs: statement IRIs are not kept
    for s, p, o in triples:
        if s is not last_subject:
            last_subject, last_written = s, iris.get(s) or iri(s)
        if type(o) is Lit:
            value, datatype, language = o
            if language:
                obj = f"{quoted(value)}@{language.lower()}"
            elif not datatype or datatype == _XSD_STRING:
                obj = quoted(value)
            else:
                obj = f"{quoted(value)}^^{iris.get(datatype) or iri(datatype)}"
        else:
            obj = iris.get(o) or iri(o)
        yield f"{last_written} {iris.get(p) or iri(p)} {obj} .\n"


def write_ntriples_text(triples: Iterable[tuple], handle: IO[bytes], batch: int = 20_000) -> None:
    """Stream N-Triples to a binary file in batches of lines; the writer keeps at most 50,000 IRIs."""
    lines: list[str] = []
    for line in ntriples_lines(triples):
        lines.append(line)
        if len(lines) >= batch:
            handle.write("".join(lines).encode("utf-8"))
            lines.clear()
    handle.write("".join(lines).encode("utf-8"))
