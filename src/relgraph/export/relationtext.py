"""The relations' Turtle and N-Triples text written a relation at a time: the speed path.

The reference is rdf.relation_triples() written by rdfwriter, a triple at a time; at 100k
relations that is 2.5 million tuples, each looked up and formatted on its own. Here each
relation's text is one template filled with its terms, several times faster. Only the simple
shapes relgraph makes are written here (prefixed names with plain local parts, the literal
kinds of a relation); `RelationText.for_prefixes` returns None for anything else (an unusual
--base) and the caller takes the reference path. tests/test_relationtext.py compares the two
byte for byte on every fixture (every optional field set) and on generated datasets.
"""
from __future__ import annotations

import re
from operator import itemgetter
from typing import Callable

from relgraph.build.rdf import OA, PROV, RDF, XSD, Lit, date_literal, number_literal
from relgraph.export.rdfwriter import TurtleTerms, _SIMPLE_IRI, quoted
from relgraph.model.records import PartialDate, Relation

_NAMESPACES = ("rg", "ent", "rel", "st", "ref", "src", "xsd", "oa", "prov", "rdf")
# A relation's terms as its template takes them, in this order (then each figure's value, unit
# and measure): local names as they are (the template writes the IRI around them), literals and
# dates written, anchor numbers as digits (the template writes the literal around them).
_TERMS = ("name", "subject", "predicate", "object", "status", "id", "date", "end_date", "earliest", "latest",
          "reported_by", "denied_by", "note", "source", "quote", "start", "end", "line", "paragraph",
          "exact", "prefix", "suffix")
_NO_ANCHOR = ("", "", "", "")
_PLACEHOLDER = re.compile("\x00([0-9]+)\x00")


class RelationText:
    """Writes one relation's triples as text, in the reference order and layout."""

    def __init__(self, prefixes: dict[str, str], turtle: bool):
        self.turtle = turtle
        self.terms = TurtleTerms(prefixes)
        if turtle:
            # "ent:" and so on: checked once below that the reference writes these names so
            self.ns = {name: f"{name}:" for name in _NAMESPACES}
            self.close = ""
        else:
            self.ns = {name: f"<{prefixes[name]}" for name in _NAMESPACES}
            self.close = ">"
        self.dates: dict[tuple, str] = {}
        self.days: dict[tuple, tuple[str, str]] = {}  # (year, month, day) → its earliest and latest days, written
        self.shapes: dict[tuple, tuple[list, Callable, int]] = {}  # a relation's shape → its template()

    @classmethod
    def for_prefixes(cls, prefixes: dict[str, str], turtle: bool) -> "RelationText | None":
        """The writer, or None when these prefixes make names the templates do not write."""
        if not all(name in prefixes for name in _NAMESPACES):
            return None
        if prefixes["rdf"] != RDF or prefixes["xsd"] != XSD or prefixes["oa"] != OA or prefixes["prov"] != PROV:
            return None
        writer = cls(prefixes, turtle)
        probe = "a-1"
        for name in ("rg", "ent", "rel", "st", "ref", "src"):
            iri = prefixes[name] + probe
            expected = writer.terms.iri(iri) if turtle else f"<{iri}>"
            if writer.iri(name, probe) != expected or not _SIMPLE_IRI.fullmatch(iri):
                return None
        return writer

    def iri(self, namespace: str, local: str) -> str:
        return f"{self.ns[namespace]}{local}{self.close}"

    def date(self, value: PartialDate) -> str:
        key = (value.year, value.month, value.day)
        written = self.dates.get(key)
        if written is None:
            written = self.dates[key] = self.literal(date_literal(value))
        return written

    def day(self, value) -> str:
        return self.literal(Lit(value.isoformat(), XSD + "date"))

    def literal(self, lit: Lit) -> str:
        if self.turtle:
            return self.terms.literal(lit)
        return f"{quoted(lit.value)}^^<{lit.datatype}>" if lit.datatype else quoted(lit.value)

    def integer(self, value: int, datatype: str = "integer") -> str:
        if self.turtle and datatype == "integer":
            return str(value)
        return f'"{value}"^^{self.iri("xsd", datatype)}'

    def relation(self, relation: Relation, name: str, truthy: bool,
                 around: tuple[str, str, str] | None = None) -> tuple[str, int]:
        """The relation's text and how many triples it holds; `around` is the quote's prefix, exact
        text and suffix in its seed (rdf.QuoteContext). The relation's shape (which optional
        fields it has) picks a template made once by layout(); its terms fill it."""
        shape = (truthy, bool(relation.date), bool(relation.end_date), bool(relation.reported_by),
                 bool(relation.denied_by), bool(relation.note), len(relation.figures), relation.anchor is not None,
                 None if around is None else (bool(around[0]), bool(around[2])))
        found = self.shapes.get(shape)
        if found is None:
            found = self.shapes[shape] = self.template(shape)
        gapped, take, count = found
        text = gapped.copy()
        text[1::2] = take(self.terms_of(relation, name, around))
        return "".join(text), count

    def terms_of(self, relation: Relation, name: str, around: tuple[str, str, str] | None) -> list[str]:
        """The relation's terms, in _TERMS order, then its figures': empty where it has none."""
        date, end_date, anchor = relation.date, relation.end_date, relation.anchor
        quote = quoted(relation.quote)
        if around is None:
            prefix = exact = suffix = ""
        else:
            prefix, exact, suffix = around
            exact = quote if exact == relation.quote else quoted(exact)
            prefix, suffix = prefix and quoted(prefix), suffix and quoted(suffix)
        last = end_date or date
        terms = [name, relation.subject, relation.predicate, relation.object, relation.status, quoted(relation.id),
                 self.date(date) if date else "", self.date(end_date) if end_date else "",
                 self.bounds(date)[0] if date else "", self.bounds(last)[1] if last else "",
                 relation.reported_by, relation.denied_by, quoted(relation.note) if relation.note else "",
                 relation.source, quote, *((str(anchor.start), str(anchor.end), str(anchor.line), str(anchor.paragraph)) if anchor else _NO_ANCHOR),
                 exact, prefix, suffix]
        for figure in relation.figures:
            terms += (self.literal(number_literal(figure.value)), quoted(figure.unit), quoted(figure.measure))
        return terms

    def bounds(self, value: PartialDate) -> tuple[str, str]:
        """rg:earliest and rg:latest of a date, as written."""
        key = (value.year, value.month, value.day)
        written = self.days.get(key)
        if written is None:
            written = self.days[key] = (self.day(value.earliest()), self.day(value.latest()))
        return written

    def template(self, shape: tuple) -> tuple[list, Callable, int]:
        """The text of every relation of this shape as its constant pieces with a gap between each
        two, what fills the gaps (picked from the terms in order), and how many triples it holds:
        layout() run on placeholders (NUL-delimited: no IRI or constant here holds a NUL). Filling
        the gaps by one slice assignment and joining is four times faster than str.format."""
        tokens = [f"\x00{i}\x00" for i in range(len(_TERMS) + 3 * shape[6])]
        text, count = self.layout(shape, dict(zip(_TERMS, tokens)), [tokens[i:i + 3] for i in range(len(_TERMS), len(tokens), 3)])
        split = _PLACEHOLDER.split(text)
        pieces, order = split[0::2], [int(i) for i in split[1::2]]
        gapped = [""] * (2 * len(pieces) - 1)
        gapped[0::2] = pieces
        take = itemgetter(*order) if len(order) > 1 else lambda terms: (terms[order[0]],)  # always a tuple
        return gapped, take, count

    def layout(self, shape: tuple, t: dict[str, str], figures: list[list[str]]) -> tuple[str, int]:
        """The text of a relation of this shape from its terms `t` (see _TERMS) and its figures'
        (value, unit, measure), in the reference order and layout, and how many triples it holds."""
        truthy = shape[0]
        count, head = 0, []
        iri, rg, close = self.iri, self.ns["rg"], self.close
        name = t["name"]
        subject, obj = iri("ent", t["subject"]), iri("ent", t["object"])
        predicate = iri("rel", t["predicate"])
        if truthy:
            head.append(self.statement_text(subject, [(predicate, obj)]))
            count += 1
        statement = iri("st", name)
        pairs = [(self.type_verb(), f"{rg}Statement{close}"), (f"{rg}subject{close}", subject),
                 (f"{rg}predicate{close}", predicate), (f"{rg}object{close}", obj),
                 (f"{rg}status{close}", f"{rg}{t['status']}{close}"),
                 (f"{rg}relationId{close}", t["id"])]
        pairs += self.details(shape, t)
        blocks = []
        for number, (value, unit, measure) in enumerate(figures, start=1):
            figure_node = iri("st", f"{name}-figure-{number}")
            pairs.append((f"{rg}figure{close}", figure_node))
            blocks.append(self.statement_text(statement, pairs))
            count += len(pairs)
            figure_pairs = [(self.type_verb(), f"{rg}Figure{close}"), (f"{rg}value{close}", value),
                            (f"{rg}unit{close}", unit), (f"{rg}measure{close}", measure)]
            blocks.append(self.statement_text(figure_node, figure_pairs))
            count += 4
            pairs = []
        reference = iri("ref", name)
        pairs.append((iri("prov", "wasDerivedFrom"), reference))
        blocks.append(self.statement_text(statement, pairs))
        count += len(pairs)
        for node, node_pairs in self.reference(shape, t, reference):
            blocks.append(self.statement_text(node, node_pairs))
            count += len(node_pairs)
        return "".join(head + blocks), count

    def type_verb(self) -> str:
        return "a" if self.turtle else f"<{RDF}type>"

    def details(self, shape: tuple, t: dict[str, str]) -> list[tuple[str, str]]:
        _, date, end_date, reported_by, denied_by, note = shape[:6]
        rg, close = self.ns["rg"], self.close
        pairs = []
        if date:
            pairs.append((f"{rg}date{close}", t["date"]))
        if end_date:
            pairs.append((f"{rg}endDate{close}", t["end_date"]))
        if date:
            pairs.append((f"{rg}earliest{close}", t["earliest"]))
        if end_date or date:
            pairs.append((f"{rg}latest{close}", t["latest"]))
        if reported_by:
            pairs.append((f"{rg}reportedBy{close}", self.iri("ent", t["reported_by"])))
        if denied_by:
            pairs.append((f"{rg}deniedBy{close}", self.iri("ent", t["denied_by"])))
        if note:
            pairs.append((f"{rg}note{close}", t["note"]))
        return pairs

    def reference(self, shape: tuple, t: dict[str, str], reference: str):
        """The reference node, its Web Annotation target and selectors, as (node, pairs)."""
        anchor, around = shape[7], shape[8]
        iri, rg, oa, close = self.iri, self.ns["rg"], self.ns["oa"], self.close
        name, source, quote = t["name"], iri("src", t["source"]), t["quote"]
        target = iri("ref", f"{name}-target")
        pairs = [(self.type_verb(), f"{rg}Reference{close}"), (self.type_verb(), f"{oa}Annotation{close}"),
                 (f"{rg}source{close}", source), (f"{rg}quote{close}", quote),
                 (iri("prov", "wasQuotedFrom"), source), (f"{oa}motivatedBy{close}", f"{oa}describing{close}"),
                 (f"{oa}hasBody{close}", iri("st", name)), (f"{oa}hasTarget{close}", target)]
        if anchor:
            pairs += [(f"{rg}startOffset{close}", self.integer(t["start"])),
                      (f"{rg}endOffset{close}", self.integer(t["end"])),
                      (f"{rg}line{close}", self.integer(t["line"])),
                      (f"{rg}paragraph{close}", self.integer(t["paragraph"]))]
        quote_node = iri("ref", f"{name}-quote")
        target_pairs = [(self.type_verb(), f"{oa}SpecificResource{close}"), (f"{oa}hasSource{close}", source),
                        (f"{oa}hasSelector{close}", quote_node)]
        if anchor:
            target_pairs.append((f"{oa}hasSelector{close}", iri("ref", f"{name}-position")))
        quote_pairs = [(self.type_verb(), f"{oa}TextQuoteSelector{close}")]
        if around is None:
            quote_pairs.append((f"{oa}exact{close}", quote))
        else:
            quote_pairs.append((f"{oa}exact{close}", t["exact"]))
            if around[0]:
                quote_pairs.append((f"{oa}prefix{close}", t["prefix"]))
            if around[1]:
                quote_pairs.append((f"{oa}suffix{close}", t["suffix"]))
        found = [(reference, pairs), (target, target_pairs), (quote_node, quote_pairs)]
        if anchor:
            found.append((iri("ref", f"{name}-position"), [
                (self.type_verb(), f"{oa}TextPositionSelector{close}"),
                (f"{oa}start{close}", self.integer(t["start"], "nonNegativeInteger")),
                (f"{oa}end{close}", self.integer(t["end"], "nonNegativeInteger"))]))
        return found

    def statement_text(self, subject: str, pairs: list[tuple[str, str]]) -> str:
        """One subject's triples: N-Triples lines, or a Turtle block grouped as pyoxigraph groups it."""
        if not self.turtle:
            return f"{subject} " + f" .\n{subject} ".join([f"{p} {o}" for p, o in pairs]) + " .\n"
        pieces, last = [], None
        for p, o in pairs:
            if p == last:
                pieces.append(f" , {o}")
            else:
                pieces.append(f"{subject} {p} {o}" if last is None else f" ;\n\t{p} {o}")
                last = p
        pieces.append(" .\n")
        return "".join(pieces)


def relations_text(writer: RelationText, relations, names: list[str], stated: set | None = None,
                   context=None) -> tuple[str, int]:
    """Every relation's text, in order, each truthy triple once. `stated` holds the facts already
    written and gets those written here (updated in place: a stream passes one set batch after batch);
    `context` gives each quote's prefix, exact text and suffix (rdf.QuoteContext)."""
    texts, count = _relation_texts(writer, relations, names, stated, context, str)
    return "".join(texts), count


def relations_encoded(writer: RelationText, relations, names: list[str], stated: set | None = None,
                      context=None) -> tuple[list[bytes], int]:
    """relations_text's text as UTF-8, a relation a piece, not joined: the caller joins them with
    the rest of its output in one copy. Encoding each relation's few kilobytes while they are in
    the processor's cache, then one join, copies a large export (580 MB of N-Triples at 100k
    relations) twice fewer times than joining a str and encoding it."""
    return _relation_texts(writer, relations, names, stated, context, str.encode)


def _relation_texts(writer: RelationText, relations, names: list[str], stated: set | None, context,
                    convert: Callable) -> tuple[list, int]:
    truthy_done = stated if stated is not None else set()
    pieces, count = [], 0
    write = writer.relation
    for relation, name in zip(relations, names):
        fact = (relation.subject, relation.predicate, relation.object)
        truthy = relation.is_fact and fact not in truthy_done
        if truthy:
            truthy_done.add(fact)
        text, n = write(relation, name, truthy, context(relation) if context is not None else None)
        pieces.append(convert(text))
        count += n
    return pieces, count
