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

from relgraph.build.rdf import OA, PROV, RDF, XSD, Lit, date_literal, number_literal
from relgraph.export.rdfwriter import TurtleTerms, _SIMPLE_IRI, quoted
from relgraph.model.records import PartialDate, Relation

_NAMESPACES = ("rg", "ent", "rel", "st", "ref", "src", "xsd", "oa", "prov", "rdf")


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
        text and suffix in its seed (rdf.QuoteContext)."""
        count, head = 0, []
        iri = self.iri
        subject, obj = iri("ent", relation.subject), iri("ent", relation.object)
        predicate = iri("rel", relation.predicate)
        if truthy:
            head.append(self.statement_text(subject, [(predicate, obj)]))
            count += 1
        statement = iri("st", name)
        rg = self.ns["rg"]
        close = self.close
        pairs = [(self.type_verb(), f"{rg}Statement{close}"), (f"{rg}subject{close}", subject),
                 (f"{rg}predicate{close}", predicate), (f"{rg}object{close}", obj),
                 (f"{rg}status{close}", f"{rg}{relation.status}{close}"),
                 (f"{rg}relationId{close}", quoted(relation.id))]
        pairs += self.details(relation)
        blocks = []
        for number, figure in enumerate(relation.figures, start=1):
            figure_node = iri("st", f"{name}-figure-{number}")
            pairs.append((f"{rg}figure{close}", figure_node))
            blocks.append(self.statement_text(statement, pairs))
            count += len(pairs)
            figure_pairs = [(self.type_verb(), f"{rg}Figure{close}"),
                            (f"{rg}value{close}", self.literal(number_literal(figure.value))),
                            (f"{rg}unit{close}", quoted(figure.unit)), (f"{rg}measure{close}", quoted(figure.measure))]
            blocks.append(self.statement_text(figure_node, figure_pairs))
            count += 4
            pairs = []
        reference = iri("ref", name)
        pairs.append((iri("prov", "wasDerivedFrom"), reference))
        blocks.append(self.statement_text(statement, pairs))
        count += len(pairs)
        for node, node_pairs in self.reference(relation, name, reference, around):
            blocks.append(self.statement_text(node, node_pairs))
            count += len(node_pairs)
        return "".join(head + blocks), count

    def type_verb(self) -> str:
        return "a" if self.turtle else f"<{RDF}type>"

    def details(self, relation: Relation) -> list[tuple[str, str]]:
        rg, close = self.ns["rg"], self.close
        pairs = []
        date, end_date = relation.date, relation.end_date
        if date:
            pairs.append((f"{rg}date{close}", self.date(date)))
        if end_date:
            pairs.append((f"{rg}endDate{close}", self.date(end_date)))
        if date:
            pairs.append((f"{rg}earliest{close}", self.day(date.earliest())))
        last = end_date or date
        if last:
            pairs.append((f"{rg}latest{close}", self.day(last.latest())))
        if relation.reported_by:
            pairs.append((f"{rg}reportedBy{close}", self.iri("ent", relation.reported_by)))
        if relation.denied_by:
            pairs.append((f"{rg}deniedBy{close}", self.iri("ent", relation.denied_by)))
        if relation.note:
            pairs.append((f"{rg}note{close}", quoted(relation.note)))
        return pairs

    def reference(self, relation: Relation, name: str, reference: str, around: tuple[str, str, str] | None = None):
        """The reference node, its Web Annotation target and selectors, as (node, pairs)."""
        iri, rg, oa, close = self.iri, self.ns["rg"], self.ns["oa"], self.close
        source, quote = iri("src", relation.source), quoted(relation.quote)
        target = iri("ref", f"{name}-target")
        anchor = relation.anchor
        pairs = [(self.type_verb(), f"{rg}Reference{close}"), (self.type_verb(), f"{oa}Annotation{close}"),
                 (f"{rg}source{close}", source), (f"{rg}quote{close}", quote),
                 (iri("prov", "wasQuotedFrom"), source), (f"{oa}motivatedBy{close}", f"{oa}describing{close}"),
                 (f"{oa}hasBody{close}", iri("st", name)), (f"{oa}hasTarget{close}", target)]
        if anchor is not None:
            pairs += [(f"{rg}startOffset{close}", self.integer(anchor.start)),
                      (f"{rg}endOffset{close}", self.integer(anchor.end)),
                      (f"{rg}line{close}", self.integer(anchor.line)),
                      (f"{rg}paragraph{close}", self.integer(anchor.paragraph))]
        quote_node = iri("ref", f"{name}-quote")
        target_pairs = [(self.type_verb(), f"{oa}SpecificResource{close}"), (f"{oa}hasSource{close}", source),
                        (f"{oa}hasSelector{close}", quote_node)]
        if anchor is not None:
            target_pairs.append((f"{oa}hasSelector{close}", iri("ref", f"{name}-position")))
        quote_pairs = [(self.type_verb(), f"{oa}TextQuoteSelector{close}")]
        if around is None:
            quote_pairs.append((f"{oa}exact{close}", quote))
        else:
            prefix, exact, suffix = around
            quote_pairs.append((f"{oa}exact{close}", quoted(exact)))
            if prefix:
                quote_pairs.append((f"{oa}prefix{close}", quoted(prefix)))
            if suffix:
                quote_pairs.append((f"{oa}suffix{close}", quoted(suffix)))
        found = [(reference, pairs), (target, target_pairs), (quote_node, quote_pairs)]
        if anchor is not None:
            found.append((iri("ref", f"{name}-position"), [
                (self.type_verb(), f"{oa}TextPositionSelector{close}"),
                (f"{oa}start{close}", self.integer(anchor.start, "nonNegativeInteger")),
                (f"{oa}end{close}", self.integer(anchor.end, "nonNegativeInteger"))]))
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
    truthy_done = stated if stated is not None else set()
    pieces, count = [], 0
    write = writer.relation
    for relation, name in zip(relations, names):
        fact = (relation.subject, relation.predicate, relation.object)
        truthy = relation.is_fact and fact not in truthy_done
        if truthy:
            truthy_done.add(fact)
        text, n = write(relation, name, truthy, context(relation) if context is not None else None)
        pieces.append(text)
        count += n
    return "".join(pieces), count
