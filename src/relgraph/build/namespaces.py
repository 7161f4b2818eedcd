"""RDF namespaces of relgraph, bound in one place so every export uses the same prefixes."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace, Namespace as _NS

from relgraph.build.rdf import DEFAULT_BASE, ONTOLOGY, base_iri, class_name, iri_prefixes  # noqa: F401 (re-exported)

PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
VOID = Namespace("http://rdfs.org/ns/void#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")


class RG(DefinedNamespace):
    """relgraph's ontology terms; an undefined term raises AttributeError."""

    _NS = _NS(ONTOLOGY)
    _fail = True

    # classes
    Entity: object
    Statement: object
    Reference: object
    Figure: object
    Person: object
    Country: object
    CityOrRegion: object
    GovernmentBody: object
    InternationalOrganization: object
    Company: object
    Bank: object
    MediaOutlet: object
    ThinkTankOrUniversity: object
    EventOrAgreement: object
    Group: object
    Status: object
    Standing: object
    Category: object
    Polarity: object
    # statement properties
    subject: object
    predicate: object
    object: object
    status: object
    date: object
    endDate: object
    earliest: object
    latest: object
    relationId: object
    reportedBy: object
    deniedBy: object
    note: object
    figure: object
    value: object
    unit: object
    measure: object
    quote: object
    source: object
    # where a quote sits in its seed file
    startOffset: object
    endOffset: object
    line: object
    paragraph: object
    # status properties
    standing: object
    isFact: object
    # vocabulary properties
    inverseLabel: object
    category: object
    polarity: object
    subjectType: object
    objectType: object
    # source properties
    dateNote: object
    seedFile: object
    sha256: object
    firstLine: object
    lastLine: object
    originalPublisher: object
    # status and standing individuals (statuses.py; a test keeps this list equal to it)
    asserted: object
    reported: object
    planned: object
    expected: object
    possible: object
    denied: object
    negated: object
    fact: object
    unconfirmed: object
    contradicted: object


class Instances:
    """Namespaces for instance data, under a configurable base IRI."""

    def __init__(self, base: str = DEFAULT_BASE):
        base = self.base = base_iri(base)
        self.ent = Namespace(base + "entity/")
        self.rel = Namespace(base + "relation/")
        self.st = Namespace(base + "statement/")
        self.ref = Namespace(base + "reference/")
        self.src = Namespace(base + "source/")
        self.voc = Namespace(base + "vocabulary/")  # categories and polarities

    def prefixes(self) -> dict[str, str]:
        return iri_prefixes(self.base)
