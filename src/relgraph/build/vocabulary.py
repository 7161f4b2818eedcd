"""relgraph's own RDF vocabulary (the `rg:` namespace), declared once: every class and property
the export uses, with an English label, a comment, and a domain and range where one holds.

build/rdf.py writes these declarations into every export (so the graph describes itself) and a
test checks that every `rg:` term the export uses is declared here. The mappings to Wikidata and
schema.org properties are `skos:closeMatch` / `skos:broadMatch`, never `owl:equivalentProperty`:
a relgraph predicate is read from news text and means less than a Wikidata claim.
"""
from __future__ import annotations

from typing import NamedTuple

# The vocabulary's own version (owl:versionInfo, and the dataset's): raise it when a term changes.
VERSION = "0.2.0"

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"
WDT = "http://www.wikidata.org/prop/direct/"
OWL = "http://www.w3.org/2002/07/owl#"


class Term(NamedTuple):
    kind: str  # "class", "object" (owl:ObjectProperty) or "datatype" (owl:DatatypeProperty)
    label: str
    comment: str
    domain: str | None = None  # "rg:Name" for a relgraph class, else a full IRI
    range: str | None = None


CLASSES: dict[str, Term] = {
    "Entity": Term("class", "entity", "An actor or thing the articles name: a person, country, body, event …"),
    "Statement": Term("class", "statement", "One relation as one source states it: subject, predicate, object, "
                      "status, dates and evidence (Wikidata's statement pattern)."),
    "Reference": Term("class", "reference", "The evidence of a statement: its source and the verbatim quote, "
                      "also a Web Annotation of the quote."),
    "Figure": Term("class", "figure", "A number a statement's quote gives: value, unit and what it measures."),
    "Status": Term("class", "status", "How the source presents a relation (asserted, reported, planned …)."),
    "Standing": Term("class", "standing", "How far the source stands behind a status: fact, unconfirmed or "
                     "contradicted."),
    "Category": Term("class", "category", "A family of predicates (diplomacy, military, economy and trade …)."),
    "Polarity": Term("class", "polarity", "Whether a predicate brings two actors closer, sets them apart, or "
                     "neither."),
}

PROPERTIES: dict[str, Term] = {
    # statements
    "subject": Term("object", "subject", "The entity the statement is about.", "rg:Statement", "rg:Entity"),
    "predicate": Term("object", "predicate", "The relation the statement states (an rel: property).",
                      "rg:Statement", OWL + "ObjectProperty"),
    "object": Term("object", "object", "The entity the relation points to.", "rg:Statement", "rg:Entity"),
    "status": Term("object", "status", "How the source presents the relation.", "rg:Statement", "rg:Status"),
    "date": Term("datatype", "date", "When the relation holds, at the precision the text gives: xsd:date, "
                 "xsd:gYearMonth or xsd:gYear. Compare rg:earliest and rg:latest instead.", "rg:Statement"),
    "endDate": Term("datatype", "end date", "When the relation stops holding, at the precision the text gives.",
                    "rg:Statement"),
    "earliest": Term("datatype", "earliest day", "The first day a statement's date (or a source's publication "
                     "date) can mean, as xsd:date: 2024-05 gives 2024-05-01.", None, XSD + "date"),
    "latest": Term("datatype", "latest day", "The last day a statement's date, or its end date when it has one "
                   "(or a source's publication date), can mean, as xsd:date: 2024-05 gives 2024-05-31.",
                   None, XSD + "date"),
    "reportedBy": Term("object", "reported by", "Who the source says makes the claim.", "rg:Statement",
                       "rg:Entity"),
    "deniedBy": Term("object", "denied by", "Who the source says denies it.", "rg:Statement", "rg:Entity"),
    "note": Term("datatype", "note", "The curator's remark on how the quote was read.", "rg:Statement",
                 XSD + "string"),
    "relationId": Term("datatype", "relation id", "The relation's id in relgraph's other outputs (JSON, CSV, the "
                       "page); it changes when a date or quote is corrected, the statement IRI does not.",
                       "rg:Statement", XSD + "string"),
    "figure": Term("object", "figure", "A number the quote gives.", "rg:Statement", "rg:Figure"),
    "value": Term("datatype", "value", "The figure's number (xsd:integer or xsd:decimal).", "rg:Figure"),
    "unit": Term("datatype", "unit", "The figure's unit, as the text gives it.", "rg:Figure", XSD + "string"),
    "measure": Term("datatype", "measure", "What the figure measures.", "rg:Figure", XSD + "string"),
    # references
    "quote": Term("datatype", "quote", "The source's words, verbatim, that state the relation.", "rg:Reference",
                  XSD + "string"),
    "source": Term("object", "source", "The article the quote comes from.", "rg:Reference",
                   SCHEMA + "NewsArticle"),
    "startOffset": Term("datatype", "start offset", "Character offset where the quote starts in the source's "
                        "seed file (the same number as its oa:TextPositionSelector's oa:start).", "rg:Reference",
                        XSD + "integer"),
    "endOffset": Term("datatype", "end offset", "Character offset just after the quote in the seed file "
                      "(oa:end).", "rg:Reference", XSD + "integer"),
    "line": Term("datatype", "line", "The 1-based line of the seed file where the quote starts.", "rg:Reference",
                 XSD + "integer"),
    "paragraph": Term("datatype", "paragraph", "The 1-based paragraph of the article that holds the quote.",
                      "rg:Reference", XSD + "integer"),
    # statuses
    "standing": Term("object", "standing", "How far the source stands behind this status.", "rg:Status",
                     "rg:Standing"),
    "isFact": Term("datatype", "is fact", "True when a relation of this status is a fact: a plain triple.",
                   "rg:Status", XSD + "boolean"),
    # relgraph predicates (rel:)
    "inverseLabel": Term("datatype", "inverse label", "The predicate read from object to subject.",
                         OWL + "ObjectProperty", XSD + "string"),
    "category": Term("object", "category", "The predicate's category.", OWL + "ObjectProperty", "rg:Category"),
    "polarity": Term("object", "polarity", "The predicate's polarity.", OWL + "ObjectProperty", "rg:Polarity"),
    "subjectType": Term("object", "subject type", "An entity class allowed as the predicate's subject.",
                        OWL + "ObjectProperty", OWL + "Class"),
    "objectType": Term("object", "object type", "An entity class allowed as the predicate's object.",
                       OWL + "ObjectProperty", OWL + "Class"),
    # sources
    "dateNote": Term("datatype", "date note", "How the article's date was found.", SCHEMA + "NewsArticle",
                     XSD + "string"),
    "seedFile": Term("datatype", "seed file", "The archived text of the article, relative to the project.",
                     SCHEMA + "NewsArticle", XSD + "string"),
    "sha256": Term("datatype", "SHA-256", "The seed file's SHA-256, in hexadecimal.", SCHEMA + "NewsArticle",
                   XSD + "string"),
    "firstLine": Term("datatype", "first line", "The seed file's first line of the article.",
                      SCHEMA + "NewsArticle", XSD + "integer"),
    "lastLine": Term("datatype", "last line", "The seed file's last line of the article.", SCHEMA + "NewsArticle",
                     XSD + "integer"),
    "originalPublisher": Term("datatype", "original publisher", "Who first published an article another outlet "
                              "republished.", SCHEMA + "NewsArticle", XSD + "string"),
}

# Where a relgraph predicate has a counterpart elsewhere: (mapping property, target IRI).
# closeMatch: means about the same; broadMatch: the target is wider (an office is one "position held").
PREDICATE_MAPPINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "member-of": (("closeMatch", WDT + "P463"), ("closeMatch", SCHEMA + "memberOf")),
    "works-at": (("closeMatch", WDT + "P108"), ("closeMatch", SCHEMA + "worksFor")),
    "fellow-at": (("broadMatch", WDT + "P108"), ("broadMatch", SCHEMA + "worksFor")),
    "professor-at": (("broadMatch", WDT + "P108"), ("broadMatch", SCHEMA + "worksFor")),
    "part-of": (("closeMatch", WDT + "P361"), ("closeMatch", SCHEMA + "isPartOf")),
    "based-in": (("closeMatch", WDT + "P159"), ("closeMatch", SCHEMA + "location")),
    "state-owned-by": (("broadMatch", WDT + "P127"),),
    "attends": (("closeMatch", WDT + "P1344"),),
    "president-of": (("broadMatch", WDT + "P39"),),
    "prime-minister-of": (("broadMatch", WDT + "P39"),),
    "foreign-minister-of": (("broadMatch", WDT + "P39"),),
    "deputy-foreign-minister-of": (("broadMatch", WDT + "P39"),),
    "top-diplomat-of": (("broadMatch", WDT + "P39"),),
    "ambassador-of": (("broadMatch", WDT + "P39"),),
    "ambassador-to": (("broadMatch", WDT + "P39"),),
    "spokesperson-for": (("broadMatch", WDT + "P39"),),
    "secretary-of": (("broadMatch", WDT + "P39"),),
}
