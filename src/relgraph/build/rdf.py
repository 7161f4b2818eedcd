"""Build stage (RDF): the curated graph as RDF, following Wikidata's pattern.

- a plain ("truthy") triple `ent:s rel:p ent:o` for each relation whose status is a fact (statuses.py);
- a statement node per relation (IRI from the relation id, never a blank node) with status,
  typed date, figures and `prov:wasDerivedFrom` a reference carrying source and quote.

`triples()` yields the graph once, in a fixed order, as plain strings; `build_rdf()` makes an
rdflib Graph of it and the exports stream it through pyoxigraph's serializers.
"""
from __future__ import annotations

from typing import Iterator, NamedTuple

from relgraph.model import schema
from relgraph.model.records import Dataset, PartialDate
from relgraph.model.statuses import STATUSES

DEFAULT_BASE = "https://example.org/relgraph/"
ONTOLOGY = "https://example.org/relgraph/ontology#"

# Plain IRIs, so that this module needs neither rdflib nor pyoxigraph: each engine builds its terms.
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
WD = "http://www.wikidata.org/entity/"
TYPE = RDF + "type"

def base_iri(base: str | None) -> str:
    base = base or DEFAULT_BASE
    return base if base.endswith(("/", "#")) else base + "/"


def iri_prefixes(base: str | None = None) -> dict[str, str]:
    """Every prefix an export binds, readable and fixed (no ns1:, no schema1:), sorted by name."""
    base = base_iri(base)
    found = {
        "rg": ONTOLOGY, "ent": base + "entity/", "rel": base + "relation/", "st": base + "statement/",
        "ref": base + "reference/", "src": base + "source/", "voc": base + "vocabulary/",
        "rdf": RDF, "rdfs": RDFS, "owl": OWL, "skos": SKOS, "xsd": XSD, "prov": PROV, "schema": SCHEMA, "wd": WD,
    }
    return dict(sorted(found.items()))


def class_name(entity_type: str) -> str:
    """`city-or-region` → `CityOrRegion`."""
    return "".join(part.capitalize() for part in entity_type.split("-"))


class Lit(NamedTuple):
    """A literal: lexical value and datatype IRI (None for a plain string)."""

    value: str
    datatype: str | None = None


Triple = tuple[str, str, "str | Lit"]
_PRECISION_TYPE = {"day": XSD + "date", "month": XSD + "gYearMonth", "year": XSD + "gYear"}


def date_literal(date: PartialDate) -> Lit:
    return Lit(str(date), _PRECISION_TYPE[date.precision])


def number_literal(value) -> Lit:
    if isinstance(value, int):
        return Lit(str(value), XSD + "integer")
    return Lit(repr(value), XSD + "decimal")


def triples(dataset: Dataset, base: str | None = None) -> Iterator[Triple]:
    """Every triple of the export, each once, in an order fixed by the dataset."""
    yield from header_triples(dataset, base)
    yield from relation_triples(dataset.relations, base)


def stated_facts(relations) -> set[tuple[str, str, str]]:
    """The facts whose truthy triple these relations write (for a later part of the stream)."""
    return {(r.subject, r.predicate, r.object) for r in relations if r.is_fact}


def header_triples(dataset: Dataset, base: str | None = None) -> Iterator[Triple]:
    """Vocabulary, predicates, entities and sources: everything before the relations."""
    prefixes = iri_prefixes(base)
    yield from vocabulary_triples(prefixes)
    yield from predicate_triples(dataset, prefixes)
    yield from entity_triples(dataset, prefixes)
    yield from source_triples(dataset, prefixes)


def vocabulary_triples(prefixes: dict[str, str]) -> Iterator[Triple]:
    """Entity classes, categories, polarities and statuses, from the model's declarations."""
    rg, voc = prefixes["rg"], prefixes["voc"]
    for entity_type, (description, schema_class) in schema.ENTITY_TYPES.items():
        cls = rg + class_name(entity_type)
        yield cls, TYPE, OWL + "Class"
        yield cls, RDFS + "label", Lit(entity_type)
        yield cls, RDFS + "comment", Lit(description)
        yield cls, RDFS + "subClassOf", rg + "Entity"
        yield cls, OWL + "equivalentClass", SCHEMA + schema_class
    for name in schema.CATEGORIES:
        yield voc + name, TYPE, rg + "Category"
        yield voc + name, RDFS + "label", Lit(name)
    for name in schema.POLARITIES:
        yield voc + name, TYPE, rg + "Polarity"
        yield voc + name, RDFS + "label", Lit(name)
    for status in STATUSES.values():
        yield rg + status.id, TYPE, rg + "Status"
        yield rg + status.id, RDFS + "label", Lit(status.label)
        yield rg + status.id, RDFS + "comment", Lit(status.meaning)
        yield rg + status.id, rg + "standing", rg + status.standing
        yield rg + status.id, rg + "isFact", Lit("true" if status.is_fact else "false", XSD + "boolean")


def predicate_triples(dataset: Dataset, prefixes: dict[str, str]) -> Iterator[Triple]:
    rg, rel, voc = prefixes["rg"], prefixes["rel"], prefixes["voc"]
    for predicate in dataset.predicates.values():
        prop = rel + predicate.id
        yield prop, TYPE, OWL + "ObjectProperty"
        if predicate.symmetric:
            yield prop, TYPE, OWL + "SymmetricProperty"
        yield prop, RDFS + "label", Lit(predicate.label)
        yield prop, rg + "inverseLabel", Lit(predicate.inverse)
        yield prop, RDFS + "comment", Lit(predicate.description)
        yield prop, rg + "category", voc + predicate.category
        yield prop, rg + "polarity", voc + predicate.polarity
        for alias in dict.fromkeys(predicate.aliases):
            yield prop, SKOS + "altLabel", Lit(alias)
        for entity_type in predicate.subject_types:
            yield prop, rg + "subjectType", rg + class_name(entity_type)
        for entity_type in predicate.object_types:
            yield prop, rg + "objectType", rg + class_name(entity_type)
        # rdfs:domain/range with several values would mean their intersection: only for one type.
        if len(predicate.subject_types) == 1:
            yield prop, RDFS + "domain", rg + class_name(predicate.subject_types[0])
        if len(predicate.object_types) == 1:
            yield prop, RDFS + "range", rg + class_name(predicate.object_types[0])


def entity_triples(dataset: Dataset, prefixes: dict[str, str]) -> Iterator[Triple]:
    rg, ent = prefixes["rg"], prefixes["ent"]
    for entity in dataset.entities.values():
        node = ent + entity.id
        yield node, TYPE, rg + class_name(entity.type)
        yield node, TYPE, SCHEMA + schema.ENTITY_TYPES[entity.type][1]
        yield node, RDFS + "label", Lit(entity.label)
        yield node, SCHEMA + "description", Lit(entity.description)
        for alias in dict.fromkeys(entity.aliases):
            yield node, SKOS + "altLabel", Lit(alias)
        if entity.wikidata:
            yield node, OWL + "sameAs", WD + entity.wikidata


def source_triples(dataset: Dataset, prefixes: dict[str, str]) -> Iterator[Triple]:
    rg, src = prefixes["rg"], prefixes["src"]
    for source in dataset.sources.values():
        node = src + source.id
        yield node, TYPE, SCHEMA + "NewsArticle"
        yield node, SCHEMA + "headline", Lit(source.title)
        yield node, SCHEMA + "datePublished", date_literal(source.date)
        yield node, SCHEMA + "genre", Lit(source.genre)
        yield node, rg + "dateNote", Lit(source.date_note)
        yield node, rg + "seedFile", Lit(f"seeds/{source.file}")
        yield node, rg + "sha256", Lit(source.sha256)
        yield node, rg + "firstLine", Lit(str(source.first_line), XSD + "integer")
        yield node, rg + "lastLine", Lit(str(source.last_line), XSD + "integer")
        for field, prop in (("publisher", SCHEMA + "publisher"), ("original_publisher", rg + "originalPublisher"),
                            ("author", SCHEMA + "author")):
            if getattr(source, field):
                yield node, prop, Lit(getattr(source, field))


def relation_triples(relations, base: str | None = None, stated: set | None = None) -> Iterator[Triple]:
    """The relations' triples; `stated` holds facts an earlier part of the stream already wrote."""
    prefixes = iri_prefixes(base)
    rg, ent, rel, st, ref, src = (prefixes[p] for p in ("rg", "ent", "rel", "st", "ref", "src"))
    # Several sources may state the same fact: its truthy triple is written once. The set holds
    # the dataset's own strings (about 100 bytes a fact), not the IRIs made from them.
    truthy_done = set(stated or ())
    for relation in relations:
        subject, obj, prop = ent + relation.subject, ent + relation.object, rel + relation.predicate
        fact = (relation.subject, relation.predicate, relation.object)
        if relation.is_fact and fact not in truthy_done:
            truthy_done.add(fact)
            yield subject, prop, obj
        statement, reference = st + relation.id, ref + relation.id
        yield statement, TYPE, rg + "Statement"
        yield statement, rg + "subject", subject
        yield statement, rg + "predicate", prop
        yield statement, rg + "object", obj
        yield statement, rg + "status", rg + relation.status
        if relation.date:
            yield statement, rg + "date", date_literal(relation.date)
        if relation.end_date:
            yield statement, rg + "endDate", date_literal(relation.end_date)
        if relation.reported_by:
            yield statement, rg + "reportedBy", ent + relation.reported_by
        if relation.denied_by:
            yield statement, rg + "deniedBy", ent + relation.denied_by
        if relation.note:
            yield statement, rg + "note", Lit(relation.note)
        for number, figure in enumerate(relation.figures, start=1):
            figure_node = f"{statement}-figure-{number}"
            yield statement, rg + "figure", figure_node
            yield figure_node, TYPE, rg + "Figure"
            yield figure_node, rg + "value", number_literal(figure.value)
            yield figure_node, rg + "unit", Lit(figure.unit)
            yield figure_node, rg + "measure", Lit(figure.measure)
        yield statement, PROV + "wasDerivedFrom", reference
        yield reference, TYPE, rg + "Reference"
        yield reference, rg + "source", src + relation.source
        yield reference, rg + "quote", Lit(relation.quote)
        anchor = relation.anchor
        if anchor is not None:
            # Where the quote sits in the seed file: character offsets [start, end), line, paragraph.
            yield reference, rg + "startOffset", Lit(str(anchor.start), XSD + "integer")
            yield reference, rg + "endOffset", Lit(str(anchor.end), XSD + "integer")
            yield reference, rg + "line", Lit(str(anchor.line), XSD + "integer")
            yield reference, rg + "paragraph", Lit(str(anchor.paragraph), XSD + "integer")


def build_rdf(dataset: Dataset, base: str | None = None):
    """The graph as an rdflib Graph, with relgraph's prefixes bound (for library users and tests)."""
    from rdflib import Graph, Literal, URIRef

    graph = Graph(bind_namespaces="none")
    for prefix, iri in iri_prefixes(base).items():
        graph.bind(prefix, iri, override=True, replace=True)
    for s, p, o in triples(dataset, base):
        if isinstance(o, Lit):
            o = Literal(o.value, datatype=URIRef(o.datatype) if o.datatype else None)
        else:
            o = URIRef(o)
        graph.add((URIRef(s), URIRef(p), o))
    return graph
