"""Every export format, declared once.

`relgraph export`, `relgraph build` (the formats it writes to output/), `relgraph docs` and the
tests all read FORMATS; a format's module is imported only when it renders, so listing the
formats (for --help) costs nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import IO


@dataclass(frozen=True)
class ExportFormat:
    name: str  # the --format value
    module: str  # under relgraph.export
    function: str  # (dataset, **options) -> bytes, or {file name: bytes} for a folder
    kind: str  # "file": one file (or standard output); "folder": several files in a folder
    extension: str  # of the one file, or of each file in the folder
    media_type: str
    description: str  # for --help and docs/cli.md
    # what the renderer takes: "base" (RDF base IRI), "include" (statuses), "chunks" (what `relgraph
    # build` gives a build output that can reuse its rendering of unchanged relation files)
    options: tuple[str, ...] = ()
    stream: str | None = None  # (dataset, handle, **options): writes a large graph with bounded memory
    build_output: str | None = None  # the file `relgraph build` writes under output/

    def render(self, dataset, base: str | None = None, include="facts", chunks=None):
        given = {"base": base, "include": include, "chunks": chunks}
        function = getattr(import_module(f"relgraph.export.{self.module}"), self.function)
        return function(dataset, **{name: given[name] for name in self.options})

    def write_stream(self, dataset, handle: IO[bytes], base: str | None = None, include="facts") -> None:
        given = {"base": base, "include": include}
        function = getattr(import_module(f"relgraph.export.{self.module}"), self.stream)
        function(dataset, handle, **{name: given[name] for name in self.options})


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("ttl", "turtle", "to_turtle", "file", ".ttl", "text/turtle",
                 "RDF Turtle: every statement with its status and evidence; plain triples for facts only.",
                 options=("base", "chunks"), build_output="graph.ttl"),
    ExportFormat("ttl12", "turtle", "to_turtle12", "file", ".ttl", "text/turtle",
                 "RDF 1.2 Turtle: the triples of ttl, and each fact's statement reifying its plain triple "
                 "(rdf:reifies <<( s p o )>>); pyoxigraph 0.5 reads it, rdflib 7 does not.", options=("base",)),
    ExportFormat("nt", "turtle", "to_ntriples", "file", ".nt", "application/n-triples",
                 "RDF N-Triples, the same triples as ttl; streamed when written to a file.",
                 options=("base",), stream="write_ntriples"),
    ExportFormat("jsonld", "turtle", "to_jsonld", "file", ".jsonld", "application/ld+json",
                 "RDF JSON-LD, the same triples as ttl.", options=("base",)),
    ExportFormat("graphml", "tabular", "to_graphml", "file", ".graphml", "application/graphml+xml",
                 "GraphML (valid against the GraphML schema) for Gephi, yEd, igraph and graph-tool; facts only unless --statuses says otherwise.", options=("include",)),
    ExportFormat("gexf", "tabular", "to_gexf", "file", ".gexf", "application/gexf+xml",
                 "GEXF 1.3 for Gephi, each relation its own edge (kind and label); facts only unless --statuses says otherwise.", options=("include",)),
    ExportFormat("csv", "tabular", "to_csv_files", "folder", ".csv", "text/csv",
                 "nodes.csv and edges.csv, one column per field of the relation record, for pandas and spreadsheets "
                 "(a folder); facts only unless --statuses says otherwise.",
                 options=("include",)),
    ExportFormat("gephi-csv", "tools", "to_gephi_csv", "folder", ".csv", "text/csv",
                 "Gephi's spreadsheet import: nodes.csv (Id, Label), edges.csv (Source, Target, Type, Kind, Label, "
                 "Id, quote, source ...), each relation its own edge (a folder); facts unless --statuses.", options=("include",)),
    ExportFormat("kumu", "tools", "to_kumu_csv", "folder", ".csv", "text/csv",
                 "Kumu's spreadsheet import: elements.csv, connections.csv (From, To, Type, Direction, Tags with |, "
                 "quote, source ...) (a folder); facts unless --statuses.", options=("include",)),
    ExportFormat("kumu-xlsx", "xlsx", "to_kumu_xlsx", "file", ".xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "Kumu's workbook import: one XLSX file with Elements and Connections sheets (the cells of kumu); "
                 "facts unless --statuses.", options=("include",)),
    ExportFormat("graphcommons", "tools", "to_graphcommons_csv", "folder", ".csv", "text/csv",
                 "Graph Commons' spreadsheet import: nodes.csv (Type, Name), edges.csv (From Type, From Name, Edge, "
                 "To Type, To Name, quote, source ...) (a folder); facts unless --statuses.", options=("include",)),
    ExportFormat("json", "tabular", "to_node_link_json", "file", ".json", "application/json",
                 "NetworkX node-link JSON that nx.node_link_graph reads with its defaults; facts only unless --statuses says otherwise.",
                 options=("include",)),
    ExportFormat("html", "html", "to_html", "file", ".html", "text/html",
                 "The interactive page: one self-contained file, every status drawn as declared.",
                 options=("chunks",), build_output="graph.html"),
)}

BUILD_OUTPUTS: dict[str, ExportFormat] = {f.build_output: f for f in FORMATS.values() if f.build_output}
