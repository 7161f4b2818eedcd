"""Build stage (RDF): the curated graph as RDF, following Wikidata's pattern.

- a plain ("truthy") triple `ent:s rel:p ent:o` for each relation whose status is a fact (statuses.py);
- a statement node per relation (a stable IRI, see statement_names(), never a blank node) with
  status, the date as written plus its bounds as xsd:date, figures and `prov:wasDerivedFrom` a
  reference carrying source and quote, which is also a W3C Web Annotation of the quote;
- the vocabulary itself (owl:Ontology, every rg: term, vocabulary.py) and, last, a VoID/DCAT
  description of the dataset with its triple count.

`triples()` yields the graph once, in a fixed order, as plain strings; `build_rdf()` makes an
rdflib Graph of it and the exports stream it through pyoxigraph's serializers.
"""
from __future__ import annotations

import hashlib
from typing import Callable, Iterable, Iterator, NamedTuple

from relgraph.build import vocabulary
from relgraph.model import schema
from relgraph.model.records import Dataset, PartialDate
from relgraph.model.statuses import STANDINGS, STATUSES

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
WDT = "http://www.wikidata.org/prop/direct/"
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
TYPE = RDF + "type"
EN = "en"  # the language of every label and comment relgraph writes

def base_iri(base: str | None) -> str:
    base = base or DEFAULT_BASE
    return base if base.endswith(("/", "#")) else base + "/"


def ontology_iri(base: str | None) -> str:
    """The owl:Ontology node; its terms are this IRI + '#' + name (rg:), so --base moves them too."""
    return base_iri(base) + "ontology"


def dataset_iri(base: str | None) -> str:
    """The node of the VoID/DCAT description of the export."""
    return base_iri(base) + "dataset"


def iri_prefixes(base: str | None = None) -> dict[str, str]:
    """Every prefix an export binds, readable and fixed (no ns1:, no schema1:), sorted by name."""
    base = base_iri(base)
    found = {
        "rg": ontology_iri(base) + "#", "ent": base + "entity/", "rel": base + "relation/", "st": base + "statement/",
        "ref": base + "reference/", "src": base + "source/", "voc": base + "vocabulary/",
        "rdf": RDF, "rdfs": RDFS, "owl": OWL, "skos": SKOS, "xsd": XSD, "prov": PROV, "schema": SCHEMA, "wd": WD,
        "wdt": WDT, "oa": OA, "dcterms": DCTERMS, "dcat": DCAT, "void": VOID,
    }
    return dict(sorted(found.items()))


def class_name(entity_type: str) -> str:
    """`city-or-region` → `CityOrRegion`."""
    return "".join(part.capitalize() for part in entity_type.split("-"))


class Lit(NamedTuple):
    """A literal: lexical value and datatype IRI (None for a plain string), or a language tag."""

    value: str
    datatype: str | None = None
    language: str | None = None


def text(value: str) -> Lit:
    """Human-readable text relgraph writes (labels, comments, titles): English, tagged @en."""
    return Lit(value, None, EN)


class TripleTerm(NamedTuple):
    """An RDF 1.2 triple term, `<<( s p o )>>`: what a statement rdf:reifies (IRIs only here)."""

    subject: str
    predicate: str
    object: str


Triple = tuple[str, str, "str | Lit | TripleTerm"]
_PRECISION_TYPE = {"day": XSD + "date", "month": XSD + "gYearMonth", "year": XSD + "gYear"}


def date_literal(date: PartialDate) -> Lit:
    return Lit(str(date), _PRECISION_TYPE[date.precision])


def day_literal(day) -> Lit:
    return Lit(day.isoformat(), XSD + "date")


def date_bounds(node: str, first: PartialDate | None, last: PartialDate | None, rg: str) -> Iterator[Triple]:
    """rg:earliest and rg:latest as xsd:date, so that range filters compare every precision:
    2024 is 2024-01-01..2024-12-31, 2024-05 is 2024-05-01..2024-05-31."""
    if first is not None:
        yield node, rg + "earliest", day_literal(first.earliest())
    if last is not None:
        yield node, rg + "latest", day_literal(last.latest())


def statement_names(relations: Iterable) -> list[str]:
    """The local name of each relation's statement (st:NAME, ref:NAME), in the relations' order.

    The key is what the claim is, not how it is dated or worded: source, subject, predicate and
    object, hashed (BLAKE2b, 8 bytes, hexadecimal). Correcting a date, an end date, the quote,
    the status, a note or a figure keeps the IRI; the relation id (rg:relationId) changes.
    Unique by construction: the n-th relation (n > 1) whose hash was already given, in file
    order, gets `-n` appended, so two statements of the same claim in one source, or a hash
    collision, still get different IRIs.
    """
    names, seen = [], {}
    for relation in relations:
        key = f"{relation.source}\x1f{relation.subject}\x1f{relation.predicate}\x1f{relation.object}"
        name = "s" + hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
        count = seen[name] = seen.get(name, 0) + 1
        names.append(name if count == 1 else f"{name}-{count}")
    return names


QUOTE_CONTEXT = 32  # characters of oa:prefix and oa:suffix: enough to tell apart two places of a short quote


class QuoteContext:
    """Each quote as its seed file has it, with the text just before and after it (oa:exact,
    oa:prefix, oa:suffix of the TextQuoteSelector, W3C Web Annotation s4.2.4): up to QUOTE_CONTEXT
    characters on each side of the anchor, cut at the article's bounds (its first and last line).
    The seed's own characters, not the curated quote's folded ones (straight for curly quotes,
    one space for a line break), so that prefix + exact + suffix is a run of the article's text."""

    def __init__(self, dataset: Dataset, length: int = QUOTE_CONTEXT):
        self.texts, self.offsets, self.length = dataset.source_texts, dataset.source_text_offsets, length

    def __call__(self, relation) -> tuple[str, str, str] | None:
        """(prefix, exact, suffix), prefix or suffix empty at the article's bounds; None without an
        anchor in a known text."""
        anchor, text = relation.anchor, self.texts.get(relation.source)
        offset = self.offsets.get(relation.source)
        if anchor is None or text is None or offset is None:
            return None
        start, end = anchor.start - offset, anchor.end - offset  # the anchor counts from the file's start
        if not 0 <= start <= end <= len(text):
            return None
        return text[max(0, start - self.length):start], text[start:end], text[end:end + self.length]


Context = Callable[..., "tuple[str, str, str] | None"]


def number_literal(value) -> Lit:
    if isinstance(value, int):
        return Lit(str(value), XSD + "integer")
    return Lit(repr(value), XSD + "decimal")


def triples(dataset: Dataset, base: str | None = None, reify: bool = False) -> Iterator[Triple]:
    """Every triple of the export, each once, in an order fixed by the dataset; the dataset's
    description comes last, since it states how many triples came before it. With `reify`
    (RDF 1.2), each fact's statement also rdf:reifies its truthy triple."""
    count = 0
    for count, triple in enumerate(header_triples(dataset, base), start=1):
        yield triple
    body = count
    for count, triple in enumerate(relation_triples(dataset.relations, base, context=QuoteContext(dataset),
                                                    reify=reify), start=body + 1):
        yield triple
    yield from description_triples(dataset, base, max(count, body))


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


def ontology_triples(prefixes: dict[str, str]) -> Iterator[Triple]:
    """The owl:Ontology and every rg: class and property (vocabulary.py), with domain and range."""
    rg = prefixes["rg"]
    ontology = rg[:-1]
    yield ontology, TYPE, OWL + "Ontology"
    yield ontology, RDFS + "label", text("relgraph vocabulary")
    yield ontology, RDFS + "comment", text("Classes and properties of relgraph's statements, references, "
                                           "statuses and sources.")
    yield ontology, OWL + "versionInfo", Lit(vocabulary.VERSION)
    yield ontology, OWL + "versionIRI", f"{ontology}/{vocabulary.VERSION}"
    kinds = {"class": OWL + "Class", "object": OWL + "ObjectProperty", "datatype": OWL + "DatatypeProperty"}

    def resolve(name: str) -> str:
        return rg + name[3:] if name.startswith("rg:") else name
    for name, term in (*vocabulary.CLASSES.items(), *vocabulary.PROPERTIES.items()):
        node = rg + name
        yield node, TYPE, kinds[term.kind]
        yield node, RDFS + "label", text(term.label)
        yield node, RDFS + "comment", text(term.comment)
        yield node, RDFS + "isDefinedBy", ontology
        if term.domain:
            yield node, RDFS + "domain", resolve(term.domain)
        if term.range:
            yield node, RDFS + "range", resolve(term.range)


def vocabulary_triples(prefixes: dict[str, str]) -> Iterator[Triple]:
    """The ontology, entity classes, categories, polarities, standings and statuses, from the model's declarations."""
    rg, voc = prefixes["rg"], prefixes["voc"]
    yield from ontology_triples(prefixes)
    for entity_type, (description, schema_class) in schema.ENTITY_TYPES.items():
        cls = rg + class_name(entity_type)
        yield cls, TYPE, OWL + "Class"
        yield cls, RDFS + "label", text(entity_type)
        yield cls, RDFS + "comment", text(description)
        yield cls, RDFS + "isDefinedBy", rg[:-1]
        yield cls, RDFS + "subClassOf", rg + "Entity"
        yield cls, OWL + "equivalentClass", SCHEMA + schema_class
    for kind, names in (("Category", schema.CATEGORIES), ("Polarity", schema.POLARITIES)):
        for name, description in names.items():
            yield voc + name, TYPE, rg + kind
            yield voc + name, RDFS + "label", text(name)
            yield voc + name, RDFS + "comment", text(description)
    for name, meaning in STANDINGS.items():
        yield rg + name, TYPE, rg + "Standing"
        yield rg + name, RDFS + "label", text(name)
        yield rg + name, RDFS + "comment", text(meaning)
        yield rg + name, RDFS + "isDefinedBy", rg[:-1]
    for status in STATUSES.values():
        yield rg + status.id, TYPE, rg + "Status"
        yield rg + status.id, RDFS + "label", text(status.label)
        yield rg + status.id, RDFS + "comment", text(status.meaning)
        yield rg + status.id, RDFS + "isDefinedBy", rg[:-1]
        yield rg + status.id, rg + "standing", rg + status.standing
        yield rg + status.id, rg + "isFact", Lit("true" if status.is_fact else "false", XSD + "boolean")


def predicate_triples(dataset: Dataset, prefixes: dict[str, str]) -> Iterator[Triple]:
    rg, rel, voc = prefixes["rg"], prefixes["rel"], prefixes["voc"]
    for predicate in dataset.predicates.values():
        prop = rel + predicate.id
        yield prop, TYPE, OWL + "ObjectProperty"
        if predicate.symmetric:
            yield prop, TYPE, OWL + "SymmetricProperty"
        yield prop, RDFS + "label", text(predicate.label)
        yield prop, rg + "inverseLabel", text(predicate.inverse)
        yield prop, RDFS + "comment", text(predicate.description)
        yield prop, rg + "category", voc + predicate.category
        yield prop, rg + "polarity", voc + predicate.polarity
        for alias in dict.fromkeys(predicate.aliases):
            yield prop, SKOS + "altLabel", text(alias)
        for match, target in vocabulary.PREDICATE_MAPPINGS.get(predicate.id, ()):
            yield prop, SKOS + match, target
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
        yield node, RDFS + "label", text(entity.label)
        yield node, SCHEMA + "description", text(entity.description)
        for alias in dict.fromkeys(entity.aliases):
            yield node, SKOS + "altLabel", text(alias)
        if entity.wikidata:
            yield node, OWL + "sameAs", WD + entity.wikidata


def source_triples(dataset: Dataset, prefixes: dict[str, str]) -> Iterator[Triple]:
    rg, src = prefixes["rg"], prefixes["src"]
    for source in dataset.sources.values():
        node = src + source.id
        yield node, TYPE, SCHEMA + "NewsArticle"
        yield node, SCHEMA + "headline", Lit(source.title)
        yield node, SCHEMA + "datePublished", date_literal(source.date)
        yield from date_bounds(node, source.date, source.date, rg)
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


def relation_triples(relations, base: str | None = None, stated: set | None = None,
                     names: list[str] | None = None, context: Context | None = None,
                     reify: bool = False) -> Iterator[Triple]:
    """The relations' triples; `stated` holds facts an earlier part of the stream already wrote,
    `names` the statements' local names when these relations are a part of the dataset's,
    `context` each quote's prefix and suffix (QuoteContext of the dataset); `reify` adds, for
    each fact, `st:NAME rdf:reifies <<( s p o )>>` (RDF 1.2): every source's statement of it."""
    prefixes = iri_prefixes(base)
    rg, ent, rel, st, ref, src = (prefixes[p] for p in ("rg", "ent", "rel", "st", "ref", "src"))
    # Several sources may state the same fact: its truthy triple is written once. The set holds
    # the dataset's own strings (about 100 bytes a fact), not the IRIs made from them.
    truthy_done = set(stated or ())
    for relation, name in zip(relations, names if names is not None else statement_names(relations)):
        subject, obj, prop = ent + relation.subject, ent + relation.object, rel + relation.predicate
        fact = (relation.subject, relation.predicate, relation.object)
        if relation.is_fact and fact not in truthy_done:
            truthy_done.add(fact)
            yield subject, prop, obj
        statement, reference = st + name, ref + name
        yield statement, TYPE, rg + "Statement"
        if reify and relation.is_fact:
            yield statement, RDF + "reifies", TripleTerm(subject, prop, obj)
        yield statement, rg + "subject", subject
        yield statement, rg + "predicate", prop
        yield statement, rg + "object", obj
        yield statement, rg + "status", rg + relation.status
        yield statement, rg + "relationId", Lit(relation.id)
        yield from statement_details(statement, relation, prefixes)
        yield statement, PROV + "wasDerivedFrom", reference
        yield from reference_triples(reference, statement, relation, rg, src, context)


def statement_details(statement: str, relation, prefixes: dict[str, str]) -> Iterator[Triple]:
    """Dates (as written, then their bounds), attribution, note and figures."""
    rg, ent = prefixes["rg"], prefixes["ent"]
    if relation.date:
        yield statement, rg + "date", date_literal(relation.date)
    if relation.end_date:
        yield statement, rg + "endDate", date_literal(relation.end_date)
    yield from date_bounds(statement, relation.date, relation.end_date or relation.date, rg)
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


def reference_triples(reference: str, statement: str, relation, rg: str, src: str,
                      context: Context | None = None) -> Iterator[Triple]:
    """The reference: source and quote, and the same evidence as a W3C Web Annotation whose body is
    the statement and whose target is the quote in its source (TextQuoteSelector, with the text
    around the quote when `context` knows it; with the anchor, a TextPositionSelector counting
    characters of the source's seed file, rg:seedFile)."""
    source = src + relation.source
    yield reference, TYPE, rg + "Reference"
    yield reference, TYPE, OA + "Annotation"
    yield reference, rg + "source", source
    yield reference, rg + "quote", Lit(relation.quote)
    yield reference, PROV + "wasQuotedFrom", source
    yield reference, OA + "motivatedBy", OA + "describing"
    yield reference, OA + "hasBody", statement
    yield reference, OA + "hasTarget", reference + "-target"
    anchor = relation.anchor
    if anchor is not None:
        # Where the quote sits in the seed file: character offsets [start, end), line, paragraph.
        yield reference, rg + "startOffset", Lit(str(anchor.start), XSD + "integer")
        yield reference, rg + "endOffset", Lit(str(anchor.end), XSD + "integer")
        yield reference, rg + "line", Lit(str(anchor.line), XSD + "integer")
        yield reference, rg + "paragraph", Lit(str(anchor.paragraph), XSD + "integer")
    target = reference + "-target"
    yield target, TYPE, OA + "SpecificResource"
    yield target, OA + "hasSource", source
    yield target, OA + "hasSelector", reference + "-quote"
    if anchor is not None:
        yield target, OA + "hasSelector", reference + "-position"
    yield reference + "-quote", TYPE, OA + "TextQuoteSelector"
    around = context(relation) if context is not None else None
    if around is None:
        yield reference + "-quote", OA + "exact", Lit(relation.quote)
    else:
        prefix, exact, suffix = around
        yield reference + "-quote", OA + "exact", Lit(exact)
        if prefix:
            yield reference + "-quote", OA + "prefix", Lit(prefix)
        if suffix:
            yield reference + "-quote", OA + "suffix", Lit(suffix)
    if anchor is not None:
        yield reference + "-position", TYPE, OA + "TextPositionSelector"
        yield reference + "-position", OA + "start", Lit(str(anchor.start), XSD + "nonNegativeInteger")
        yield reference + "-position", OA + "end", Lit(str(anchor.end), XSD + "nonNegativeInteger")


def description_triples(dataset: Dataset, base: str | None, before: int) -> Iterator[Triple]:
    """The VoID/DCAT description of the export; `before` counts the triples written before it."""
    prefixes = iri_prefixes(base)
    node, src = dataset_iri(base), prefixes["src"]
    found: list[Triple] = [
        (node, TYPE, VOID + "Dataset"),
        (node, TYPE, DCAT + "Dataset"),
        (node, DCTERMS + "title", text("relgraph: relations read from news articles")),
        (node, DCTERMS + "description", text(
            "Who does what to whom, each relation a statement with its status and the verbatim quote of its "
            "source; plain triples for the facts.")),
        (node, DCTERMS + "license", "http://spdx.org/licenses/MIT"),
        (node, DCTERMS + "rights", text("relgraph's code and curation under MIT; each quote is an excerpt of "
                                        "the cited article, whose rights stay with its publisher.")),
        (node, OWL + "versionInfo", Lit(vocabulary.VERSION)),
        (node, VOID + "vocabulary", prefixes["rg"][:-1]),
        (node, VOID + "uriSpace", base_iri(base)),
        (node, VOID + "entities", Lit(str(len(dataset.entities)), XSD + "integer")),
        (node, VOID + "classPartition", node + "-statements"),
        (node, DCAT + "distribution", node + "-turtle"),
        (node, DCAT + "distribution", node + "-ntriples"),
    ]
    found += [(node, DCTERMS + "source", src + source) for source in dataset.sources]
    found += [
        (node + "-statements", VOID + "class", prefixes["rg"] + "Statement"),
        (node + "-statements", VOID + "entities", Lit(str(len(dataset.relations)), XSD + "integer")),
        (node + "-turtle", TYPE, DCAT + "Distribution"),
        (node + "-turtle", DCAT + "mediaType", "https://www.iana.org/assignments/media-types/text/turtle"),
        (node + "-ntriples", TYPE, DCAT + "Distribution"),
        (node + "-ntriples", DCAT + "mediaType", "https://www.iana.org/assignments/media-types/application/n-triples"),
    ]
    total = before + len(found) + 1  # + the void:triples triple itself
    found.insert(4, (node, VOID + "triples", Lit(str(total), XSD + "integer")))
    yield from found


def build_rdf(dataset: Dataset, base: str | None = None):
    """The graph as an rdflib Graph, with relgraph's prefixes bound (for library users and tests)."""
    from rdflib import Graph, Literal, URIRef

    graph = Graph(bind_namespaces="none")
    for prefix, iri in iri_prefixes(base).items():
        graph.bind(prefix, iri, override=True, replace=True)
    for s, p, o in triples(dataset, base):
        if isinstance(o, Lit):
            o = Literal(o.value, datatype=URIRef(o.datatype) if o.datatype else None, lang=o.language)
        else:
            o = URIRef(o)
        graph.add((URIRef(s), URIRef(p), o))
    return graph
