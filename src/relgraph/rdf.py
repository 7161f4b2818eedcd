"""Build stage (RDF): the curated graph as RDF, following Wikidata's pattern.

- a plain ("truthy") triple `ent:s rel:p ent:o` for each asserted relation only;
- a statement node per relation (IRI from the relation id, never a blank node) with status,
  typed date, figures and `prov:wasDerivedFrom` a reference carrying source and quote.
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from . import schema
from .model import Dataset, PartialDate
from .namespaces import PROV, RG, SCHEMA, WD, Instances, class_name

_PRECISION_TYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def date_literal(date: PartialDate) -> Literal:
    return Literal(str(date), datatype=_PRECISION_TYPE[date.precision])


def number_literal(value) -> Literal:
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.integer)
    return Literal(repr(value), datatype=XSD.decimal)


def build_rdf(dataset: Dataset, base: str | None = None) -> Graph:
    ns = Instances(base) if base else Instances()
    graph = Graph(bind_namespaces="none")
    for prefix, iri in ns.prefixes().items():
        graph.bind(prefix, iri, override=True, replace=True)
    add = graph.add

    for entity_type, (description, schema_class) in schema.ENTITY_TYPES.items():
        cls = RG[class_name(entity_type)]
        add((cls, RDF.type, OWL.Class))
        add((cls, RDFS.label, Literal(entity_type)))
        add((cls, RDFS.comment, Literal(description)))
        add((cls, RDFS.subClassOf, RG.Entity))
        add((cls, OWL.equivalentClass, SCHEMA[schema_class]))
    for name in schema.CATEGORIES:
        add((ns.voc[name], RDF.type, RG.Category))
        add((ns.voc[name], RDFS.label, Literal(name)))
    for name in schema.POLARITIES:
        add((ns.voc[name], RDF.type, RG.Polarity))
        add((ns.voc[name], RDFS.label, Literal(name)))
    for name in schema.STATUSES:
        add((RG[name], RDF.type, RG.Status))
        add((RG[name], RDFS.label, Literal(name)))

    for predicate in dataset.predicates.values():
        prop = ns.rel[predicate.id]
        add((prop, RDF.type, OWL.ObjectProperty))
        if predicate.symmetric:
            add((prop, RDF.type, OWL.SymmetricProperty))
        add((prop, RDFS.label, Literal(predicate.label)))
        add((prop, RG.inverseLabel, Literal(predicate.inverse)))
        add((prop, RDFS.comment, Literal(predicate.description)))
        add((prop, RG.category, ns.voc[predicate.category]))
        add((prop, RG.polarity, ns.voc[predicate.polarity]))
        for alias in predicate.aliases:
            add((prop, SKOS.altLabel, Literal(alias)))
        for entity_type in predicate.subject_types:
            add((prop, RG.subjectType, RG[class_name(entity_type)]))
        for entity_type in predicate.object_types:
            add((prop, RG.objectType, RG[class_name(entity_type)]))
        # rdfs:domain/range with several values would mean their intersection: only for one type.
        if len(predicate.subject_types) == 1:
            add((prop, RDFS.domain, RG[class_name(predicate.subject_types[0])]))
        if len(predicate.object_types) == 1:
            add((prop, RDFS.range, RG[class_name(predicate.object_types[0])]))

    for entity in dataset.entities.values():
        node = ns.ent[entity.id]
        add((node, RDF.type, RG[class_name(entity.type)]))
        add((node, RDF.type, SCHEMA[schema.ENTITY_TYPES[entity.type][1]]))
        add((node, RDFS.label, Literal(entity.label)))
        add((node, SCHEMA.description, Literal(entity.description)))
        for alias in entity.aliases:
            add((node, SKOS.altLabel, Literal(alias)))
        if entity.wikidata:
            add((node, OWL.sameAs, WD[entity.wikidata]))

    for source in dataset.sources.values():
        node = ns.src[source.id]
        add((node, RDF.type, SCHEMA.NewsArticle))
        add((node, SCHEMA.headline, Literal(source.title)))
        add((node, SCHEMA.datePublished, date_literal(source.date)))
        add((node, SCHEMA.genre, Literal(source.genre)))
        add((node, RG.dateNote, Literal(source.date_note)))
        add((node, RG.seedFile, Literal(f"seeds/{source.file}")))
        add((node, RG.sha256, Literal(source.sha256)))
        add((node, RG.firstLine, Literal(str(source.first_line), datatype=XSD.integer)))
        add((node, RG.lastLine, Literal(str(source.last_line), datatype=XSD.integer)))
        if source.publisher:
            add((node, SCHEMA.publisher, Literal(source.publisher)))
        if source.original_publisher:
            add((node, RG.originalPublisher, Literal(source.original_publisher)))
        if source.author:
            add((node, SCHEMA.author, Literal(source.author)))

    for relation in dataset.relations:
        subject, obj, prop = ns.ent[relation.subject], ns.ent[relation.object], ns.rel[relation.predicate]
        if relation.is_asserted:
            add((subject, prop, obj))
        statement, reference = ns.st[relation.id], ns.ref[relation.id]
        add((statement, RDF.type, RG.Statement))
        add((statement, RG.subject, subject))
        add((statement, RG.predicate, prop))
        add((statement, RG.object, obj))
        add((statement, RG.status, RG[relation.status]))
        if relation.date:
            add((statement, RG.date, date_literal(relation.date)))
        if relation.end_date:
            add((statement, RG.endDate, date_literal(relation.end_date)))
        if relation.reported_by:
            add((statement, RG.reportedBy, ns.ent[relation.reported_by]))
        if relation.denied_by:
            add((statement, RG.deniedBy, ns.ent[relation.denied_by]))
        if relation.note:
            add((statement, RG.note, Literal(relation.note)))
        for number, figure in enumerate(relation.figures, start=1):
            figure_node = URIRef(f"{statement}-figure-{number}")
            add((statement, RG.figure, figure_node))
            add((figure_node, RDF.type, RG.Figure))
            add((figure_node, RG.value, number_literal(figure.value)))
            add((figure_node, RG.unit, Literal(figure.unit)))
            add((figure_node, RG.measure, Literal(figure.measure)))
        add((statement, PROV.wasDerivedFrom, reference))
        add((reference, RDF.type, RG.Reference))
        add((reference, RG.source, ns.src[relation.source]))
        add((reference, RG.quote, Literal(relation.quote)))
    return graph
