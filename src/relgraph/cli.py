"""The relgraph command line: a thin layer over the library.

Results go to stdout, diagnostics to stderr. Exit 0 ok, 1 bad data or no result, 2 usage error.
Heavy libraries are imported inside the command that needs them, so quick commands start quickly.
"""
from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from relgraph import __version__
from relgraph.ask.forward import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
from relgraph.errors import DataError, RelgraphError
from relgraph.export.renderers import RENDERERS, WEBGL_ABOVE

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def print_diagnostics(diagnostics) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def dataset_or_exit(project: "Project"):
    from relgraph.check.runner import cached_dataset

    try:
        return cached_dataset(project.root) if project.cache else _load(project)
    except DataError as exc:
        print_diagnostics(exc.diagnostics)
        fail(f"{exc.summary}; run 'relgraph check' for details" if not exc.diagnostics else exc.summary)


class RelgraphGroup(click.Group):
    """Turns the library's typed errors and file-system errors into one `error:` line and exit 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DataError as exc:  # bad data a command read on its own (graph/coverage-ignore.yaml): one line each
            print_diagnostics(exc.diagnostics)
            fail(exc.summary)
        except RelgraphError as exc:
            fail(str(exc))
        except OSError as exc:  # permission denied, disk full, a folder where a file should be
            where = f": {exc.filename}" if exc.filename else ""
            fail(f"{exc.strerror or exc}{where}")
        except KeyboardInterrupt:  # Ctrl-C: outputs are staged and renamed atomically (atomic.py)
            click.echo("interrupted", err=True)
            sys.exit(130)
        except RuntimeError as exc:
            # Ctrl-C inside a class being created (a command's lazy import): Python 3.11 wraps the
            # KeyboardInterrupt in "Error calling __set_name__"; it is still an interrupt.
            if not isinstance(exc.__cause__, KeyboardInterrupt):
                raise
            click.echo("interrupted", err=True)
            sys.exit(130)


def _load(project: "Project"):
    from relgraph.check.runner import load_dataset

    return load_dataset(project.root)


class Project:
    def __init__(self, root: Path, cache: bool = True):
        self.root, self.cache = root, cache


@click.group(cls=RelgraphGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="relgraph")
@click.option("-C", "--project", "root", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="Project folder holding graph/, seeds/ and output/.")
@click.option("--no-cache", is_flag=True,
              help="Neither read nor write .relgraph-cache/ (validated files and datasets); for debugging.")
@click.pass_context
def main(ctx: click.Context, root: Path, no_cache: bool) -> None:
    """relgraph: curated, evidence-backed graphs of who does what to whom.

    Curators write YAML triples in graph/, each quoting a source article in seeds/.
    relgraph checks them, builds a NetworkX and an RDF graph, and exports them.
    """
    # The program (relgraph.console) caught Ctrl-C itself while it loaded; from here on Python's own
    # KeyboardInterrupt, which RelgraphGroup.invoke turns into one 'interrupted' line and exit 130.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    ctx.obj = Project(root, cache=not no_cache)


@main.command()
@click.option("--watch", is_flag=True, help="Check again on every save, printing only the problems that appeared (+) or went away (-); Ctrl-C stops.")
@click.option("--interval", type=click.FloatRange(0.05, 60), default=0.5, show_default=True, help="Seconds between looks with --watch.")
@click.pass_obj
def check(project: Project, watch: bool, interval: float) -> None:
    """Check the curated data: one line per problem, exit 1 if any error.

    Every problem is reported in one run, as FILE:LINE:COL: LEVEL CODE: MESSAGE.
    """
    if watch:
        from relgraph.curate.watch import watch as watch_project

        try:
            watch_project(project.root, sys.stdout, interval)
        except KeyboardInterrupt:
            click.echo("stopped watching", err=True)
        return
    from relgraph.errors import has_errors
    from relgraph.check.runner import check_project

    counts, diagnostics = check_project(project.root, cache=project.cache, summary=True)
    print_diagnostics(diagnostics)
    if has_errors(diagnostics):
        errors = sum(1 for d in diagnostics if d.level == "error")
        fail(f"{errors} error(s); nothing was built")
    click.echo(f"ok: {counts.relations} relations, {counts.entities} entities, "
               f"{counts.predicates} predicates, {counts.sources} sources")


@main.command()
@click.option("--check", "check_only", is_flag=True,
              help="Build in memory and compare with output/; exit 1 and name the stale files.")
@click.option("--base", default=None, metavar="IRI", envvar="RELGRAPH_BASE",
              help="Base IRI of the RDF export (default https://example.org/relgraph/).")
@click.pass_obj
def build(project: Project, check_only: bool, base: str | None) -> None:
    """Check the data and write output/graph.ttl and output/graph.html.

    Every output is rendered in memory first and each file is replaced atomically,
    so a failed or interrupted build leaves output/ as it was.
    """
    from relgraph.pipeline import build as run_build
    from relgraph.errors import OutputError

    try:
        changed = run_build(project.root, base=base, check_only=check_only, cache=project.cache)
    except DataError as exc:
        print_diagnostics(exc.diagnostics)
        fail(f"{exc.summary}; output/ was not changed")
    except OutputError as exc:
        fail(str(exc))
    if check_only:
        for name in changed:
            click.echo(f"stale: {name}", err=True)
        if changed:
            fail("output/ is stale; run 'relgraph build' and commit output/")
        click.echo("output/ is up to date")
        return
    for name in changed:
        click.echo(f"wrote {name}")
    if not changed:
        click.echo("output/ is up to date")


def parse_as_of(ctx, param, value):
    if value is None:
        return None
    from relgraph.model.records import PartialDate

    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def resolve_or_exit(dataset, name: str) -> str:
    from relgraph.errors import AmbiguousName, NameNotFound
    from relgraph.ask.paths import resolve_actor

    try:
        return resolve_actor(dataset, name)
    except (NameNotFound, AmbiguousName) as exc:
        fail(str(exc))


def _unconfirmed() -> str:
    """The unconfirmed statuses as words, from their declaration: "reported, planned, … and possible"."""
    from relgraph.model.statuses import UNCONFIRMED

    return " and ".join(filter(None, (", ".join(UNCONFIRMED[:-1]), UNCONFIRMED[-1])))


@main.command()
@click.argument("start")
@click.argument("goal")
@click.option("--all", "mode", flag_value="all", help="Every shortest path.")
@click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="The K shortest simple paths.")
@click.option("--directed", is_flag=True, help="Follow relations only in their direction (symmetric ones both ways).")
@click.option("--include-unconfirmed", is_flag=True, help=f"Also use {_unconfirmed()} relations as hops, marked as such.")
@click.option("--only", multiple=True, metavar="CATEGORY|PREDICATE", help="Use only relations of this category or predicate (repeatable).")
@click.option("--exclude", multiple=True, metavar="CATEGORY|PREDICATE", help="Ignore relations of this category or predicate (repeatable).")
@click.option("--as-of", callback=parse_as_of, metavar="DATE", help="Ignore relations dated after DATE (YYYY, YYYY-MM or YYYY-MM-DD): those whose date begins after DATE ends, "
              "so a relation dated 2024 is kept with --as-of 2024-03. Undated relations are always kept, "
              "even from an article published after DATE.")
@click.option("--max-hops", type=click.IntRange(1, 50), default=None, help="Longest path to accept.")
@click.option("--quotes", type=click.Choice(["short", "full"]), default="short", show_default=True, help="Shorten quotes or print them whole.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def path(project, start, goal, mode, k, directed, include_unconfirmed, only, exclude, as_of, max_hops, quotes, output_format):
    """How are START and GOAL connected? Every hop with the quote that supports it.

    Actors are named by id, label or alias, ignoring case and accents. The shortest path ignores
    the direction of relations unless --directed. Only asserted relations are hops by default;
    negated and denied ones never are, but one standing between START and GOAL is shown as a note.
    """
    from relgraph.errors import NoPath
    from relgraph.ask.paths import PathFilter, direct_negations, find_paths
    from relgraph.ask.present import path_json, path_text

    if mode == "all" and k:
        raise click.UsageError("--all (every shortest path) and -k (the K shortest) exclude each other: give one")
    dataset = dataset_or_exit(project)
    a, b = resolve_or_exit(dataset, start), resolve_or_exit(dataset, goal)
    known = set(dataset.predicates) | {p.category for p in dataset.predicates.values()}
    for name in (*only, *exclude):
        if name not in known:
            raise click.BadParameter(f"'{name}' is neither a category nor a predicate id", param_hint="--only/--exclude")
    path_filter = PathFilter(include_unconfirmed=include_unconfirmed, only=only, exclude=exclude, as_of=as_of)
    chosen = "k" if k else (mode or "one")
    notes = direct_negations(dataset, a, b)
    try:
        paths = find_paths(dataset, a, b, path_filter, directed=directed, mode=chosen, k=k or 1, max_hops=max_hops)
    except NoPath as exc:
        if output_format == "json":
            click.echo(path_json(dataset, a, b, [], notes), nl=False)
        elif notes:
            click.echo(path_text(dataset, a, [], notes, quotes == "full"), nl=False)
        fail(str(exc))
    if output_format == "json":
        click.echo(path_json(dataset, a, b, paths, notes), nl=False)
    else:
        click.echo(path_text(dataset, a, paths, notes, quotes == "full"), nl=False)


@main.command()
@click.argument("name")
@click.option("--quotes", type=click.Choice(["short", "full"]), default="short", show_default=True, help="Shorten quotes or print them whole.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def show(project, name, quotes, output_format):
    """Everything about one actor: its card and every relation, grouped by predicate, with evidence."""
    from relgraph.ask.paths import relations_of
    from relgraph.ask.present import show_json, show_text

    dataset = dataset_or_exit(project)
    entity_id = resolve_or_exit(dataset, name)
    relations = relations_of(dataset, entity_id)
    if output_format == "json":
        click.echo(show_json(dataset, entity_id, relations), nl=False)
    else:
        click.echo(show_text(dataset, entity_id, relations, quotes == "full"), nl=False)


@main.command()
@click.option("--all", "show_all", is_flag=True, help="Every claim stated by more than one source, not only those whose status differs.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def claims(project, show_all, output_format):
    """Claims whose status differs between sources: planned in one, done in a later one; denied by one party, reported by another.

    A claim is a subject, predicate and object; each statement of it is listed with its source,
    publication date, status and quote, in order of publication. The claim's line gives each
    source's statuses in that order ("expected + asserted → expected": one source said both, a
    later one expected it again), so the last step is the latest source's.
    """
    from relgraph.ask.claims import claims as all_claims
    from relgraph.ask.present import claims_json, claims_text

    dataset = dataset_or_exit(project)
    found = [c for c in all_claims(dataset) if (len(c.sources) > 1 if show_all else c.differs_across_sources)]
    if output_format == "json":
        click.echo(claims_json(dataset, found), nl=False)
    else:
        click.echo(claims_text(dataset, found), nl=False)


@main.command()
@click.argument("query_file", required=False, type=click.Path(path_type=Path))
@click.option("-e", "--expression", help="The query text itself, instead of a file.")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Turtle file to query (default: output/graph.ttl of the project).")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="table for reading; csv, tsv, json: the W3C SPARQL results formats.")
@click.option("--timeout", type=click.FloatRange(0), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds the query may run before it is stopped (0: no limit).")
@click.option("--max-rows", type=click.IntRange(0), default=DEFAULT_MAX_ROWS, show_default=True,
              help="Rows written at most; past them the answer is cut with an error (0: no cap).")
@click.pass_obj
def query(project, query_file, expression, data, output_format, timeout, max_rows):
    """Run a SPARQL query over the Turtle export (pyoxigraph engine), streaming the rows.

    The prefixes of the export (ent:, rel:, rg:, st:, ref:, src:, schema:, prov:, …) are pre-bound.
    csv, tsv and json are written row by row as the engine finds them; table waits for the last row.
    Without --data, a warning on stderr says when graph/ has changed since the last build.
    Examples: relgraph query queries/sanctions.rq; relgraph query -e 'SELECT * WHERE { ?s rel:visits ?o }'
    """
    from relgraph.ask.results import writer_for
    from relgraph.ask.sparql import Bounds, answer_into, read_prefixes, read_query
    from relgraph.ask.store import kept_store
    from relgraph.errors import QueryError

    if bool(query_file) == bool(expression):
        raise click.UsageError("give a query file or -e EXPRESSION (one of them)")
    bounds = Bounds(timeout or None, max_rows or None)
    turtle = data or project.root / "output" / "graph.ttl"
    if data is None:
        warn_if_behind(project, turtle)
    try:
        text, where = read_query(query_file) if query_file else (expression, "<expression>")
        prefixes = read_prefixes(turtle) if turtle.is_file() else {}
        store = kept_store(turtle, text, prefixes)
        answer_into(sys.stdout.buffer, store, text, prefixes, where,
                    writer_for(output_format, prefixes), bounds)
    except QueryError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        sys.exit(130)


def warn_if_behind(project, turtle: Path) -> None:
    """Say so when graph/ may have changed since the build wrote `turtle` (file times only: no check)."""
    from relgraph.check.behind import stale_warning

    message = stale_warning(project.root, turtle, use_record=project.cache)
    if message is not None:
        click.echo(message, err=True)


def _interrupt(*_):
    raise KeyboardInterrupt


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (this machine only by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port; 0 picks a free one.")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True, help="Seconds a query may run.")
@click.option("--limit", type=click.IntRange(1), default=10_000, show_default=True, help="Rows a query may return.")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Turtle file to serve (default: output/graph.ttl of the project).")
@click.pass_obj
def serve(project, host, port, timeout, limit, data):
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint at http://HOST:PORT/sparql.

    The graph is loaded once and kept in memory; results as SPARQL JSON, XML, CSV or TSV by Accept.
    http://HOST:PORT/query is a query editor with the project's example queries (queries/*.rq).
    While it runs, `relgraph query` on the same Turtle file sends its queries here instead of loading it.
    """
    from relgraph.ask.endpoint import Endpoint, make_server
    from relgraph.ask.store import register, unregister
    from relgraph.errors import QueryError

    turtle = data or project.root / "output" / "graph.ttl"
    try:
        endpoint = Endpoint(turtle, timeout=timeout, limit=limit, queries=project.root / "queries")
        server = make_server(endpoint, host, port)
    except (QueryError, OSError) as exc:
        fail(str(exc))
    url = f"http://{host}:{server.server_address[1]}/sparql"
    registration = (register(turtle, endpoint.sha256, url, endpoint.file_identity)
                    if host == "127.0.0.1" and endpoint.sha256 is not None else None)
    click.echo(f"serving SPARQL at {url} (Ctrl-C stops)", err=True)
    signal.signal(signal.SIGTERM, _interrupt)  # a plain `kill` also removes the registration
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        unregister(registration)
        server.server_close()


@main.command()
@click.option("--around", "centre", metavar="NAME", default=None, help="Only this actor and its neighbourhood.")
@click.option("--depth", type=click.IntRange(1, 10), default=1, show_default=True, help="Hops around --around.")
@click.option("-o", "--output", "target", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write ('-': standard output); default output/graph.html, or output/around-ID-DEPTH.html with --around.")
@click.option("--renderer", type=click.Choice(RENDERERS), default="auto", show_default=True,
              help=f"vis-network (canvas) or WebGL (sigma.js); auto: WebGL above {WEBGL_ABOVE:,} drawn relations.")
@click.pass_obj
def html(project, centre, depth, target, renderer):
    """Write the interactive HTML page (self-contained, works offline), whole or around one actor."""
    from relgraph.atomic import write_bytes_atomic
    from relgraph.export.html import to_html

    depth_source = click.get_current_context().get_parameter_source("depth")
    if centre is None and depth_source is not click.core.ParameterSource.DEFAULT:
        raise click.UsageError("--depth needs --around NAME (the whole graph has no depth)")
    dataset = dataset_or_exit(project)
    around = resolve_or_exit(dataset, centre) if centre else None
    page = to_html(dataset, around=around, depth=depth, renderer=renderer)
    if str(target) == "-":
        sys.stdout.buffer.write(page)
        return
    if target is None:
        name = f"around-{around}-{depth}.html" if around else "graph.html"
        target = project.root / "output" / name
    write_bytes_atomic(target, page)
    click.echo(f"wrote {target}")


def _format_help() -> str:
    from relgraph.export.registry import FORMATS

    return "; ".join(f"{f.name}: {f.description.rstrip('.')}" for f in FORMATS.values()) + "."


def _formats_taking(option: str) -> str:
    from relgraph.export.registry import FORMATS

    return ", ".join(f.name for f in FORMATS.values() if option in f.options)


def _folder_formats() -> str:
    from relgraph.export.registry import FORMATS

    return ", ".join(f.name for f in FORMATS.values() if f.kind == "folder")


def _export_formats() -> list[str]:
    from relgraph.export.registry import FORMATS

    return list(FORMATS)


def parse_statuses(ctx, param, value):
    from relgraph.model.statuses import select

    try:
        return select(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@main.command()
@click.option("--format", "export_format", type=click.Choice(_export_formats()), required=True, help=_format_help())
@click.option("-o", "--output", "target", type=click.Path(path_type=Path), default=None,
              help=f"File to write, a regular file or a new one; a folder for {_folder_formats()}; default or '-': standard output.")
@click.option("--base", default=None, metavar="IRI", envvar="RELGRAPH_BASE", help="Base IRI of RDF formats.")
@click.option("--statuses", "include", default="facts", show_default=True, callback=parse_statuses,
              metavar="LIST",
              help=f"Relations the graph-tool formats ({_formats_taking('include')}) hold as edges: facts, all, "
                   "a standing (unconfirmed, contradicted) or status ids, comma-separated. RDF formats and "
                   "html always hold every relation with its status.")
@click.pass_obj
def export(project, export_format, target, base, include):
    """Export the checked graph in one format, for the tools users already have."""
    from relgraph.atomic import replace_all, replace_staged, staged_file, write_bytes_atomic
    from relgraph.export.registry import FORMATS

    chosen = FORMATS[export_format]
    if str(target) == "-":
        target = None  # "-o -": standard output
    dataset = dataset_or_exit(project)
    if chosen.kind == "folder":
        if target is None:
            raise click.UsageError(f"--format {chosen.name} writes several files: give a folder with -o")
        files = {target / name: data for name, data in chosen.render(dataset, base=base, include=include).items()}
        replace_all(files)  # all or nothing
        for path in files:
            click.echo(f"wrote {path}", err=True)
        return
    if chosen.stream and target is not None:
        # Streamed into a staged file, then renamed: bounded memory for large graphs, never half a file.
        with staged_file(target) as tmp:
            with open(tmp, "wb") as handle:
                chosen.write_stream(dataset, handle, base=base, include=include)
            replace_staged(tmp, target)
        click.echo(f"wrote {target}", err=True)
        return
    data = chosen.render(dataset, base=base, include=include)
    if target is None:
        sys.stdout.buffer.write(data)
    else:
        write_bytes_atomic(target, data)
        click.echo(f"wrote {target}", err=True)


@main.command("coverage")
@click.option("--check", "check_only", is_flag=True,
              help="Exit 1 unless every source has 90% of its substantive paragraphs quoted or read and no unexplained candidate miss.")
@click.option("--uncovered", is_flag=True, help="Also print the substantive paragraphs neither quoted nor read.")
@click.pass_obj
def coverage_command(project, check_only, uncovered):
    """How much of each article the graph covers, and names it may have missed.

    A paragraph is substantive when it has at least 12 words, names two actors or more and is not
    a link to another story. It is quoted when a relation's quote comes from it, and read when
    graph/coverage-paragraphs.yaml lists it, with the reason, as stating no relation the graph can
    record. Candidate misses are capitalised names matching no entity label or alias and not
    explained in graph/coverage-ignore.yaml.
    """
    from relgraph.check.coverage import coverage, coverage_table

    dataset = dataset_or_exit(project)
    report = coverage(dataset, project.root)
    print_diagnostics(report.diagnostics)
    click.echo(coverage_table(report.sources), nl=False)
    if uncovered:
        for item in report.sources:
            for paragraph in item.uncovered:
                click.echo(f"{item.source}: not covered: {paragraph}")
    if check_only:
        failing = [i.source for i in report.sources if i.share < 0.9 or i.misses]
        if failing:
            fail(f"coverage goals not met for: {', '.join(failing)}")


@main.command("fmt")
@click.option("--check", "check_only", is_flag=True, help="Only list files not in canonical form; exit 1 if any.")
@click.pass_obj
def fmt_command(project: Project, check_only: bool) -> None:
    """Rewrite the curated YAML in canonical form.

    Fields in schema order, block style, stable quoting; record order is kept.
    Comments are not kept: use the `note` and `description` fields.
    """
    from relgraph.curate.fmt import format_project

    try:
        changed = format_project(project.root, write=not check_only)
    except DataError as exc:
        print_diagnostics(exc.diagnostics)
        fail("fix the errors above; nothing was rewritten")
    for relative in changed:
        click.echo(relative)
    if check_only and changed:
        fail(f"{len(changed)} file(s) not in canonical form; run 'relgraph fmt'")


@main.group("add", context_settings=CONTEXT_SETTINGS)
def add_group() -> None:
    """Add to the curated graph (for now: a source article)."""


@add_group.command("source")
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", required=True, help="The headline as printed.")
@click.option("--published", required=True, metavar="DATE", help="Publication date at the precision the text supports: 2024, 2024-02 or 2024-02-08.")
@click.option("--genre", type=click.Choice(["news", "analysis", "opinion"]), required=True, help="Kind of article.")
@click.option("--date-note", default="Given by the curator when the article was added.", show_default=True,
              help="How the publication date was found.")
@click.option("--publisher", default=None, help="The outlet, when the text names it.")
@click.option("--author", default=None, help="The author, when the text names one.")
@click.option("--url", default=None, help="Where the article was published.")
@click.option("--archive-url", default=None, help="An archived copy of the article.")
@click.option("--first-line", type=click.IntRange(1), default=None, help="First line of the article, when the file holds several.")
@click.option("--last-line", type=click.IntRange(1), default=None, help="Last line of the article, when the file holds several.")
@click.option("--id", "source_id", default=None, help="The source id; proposed from the title and date when not given.")
@click.pass_obj
def add_source_command(project: Project, article: Path, **options) -> None:
    """Register ARTICLE: copy it into seeds/ byte for byte, record it in graph/sources.yaml with its
    sha256 and line bounds, and create its (empty) relation file. Nothing is written on any error."""
    from relgraph.curate.add import NewSource, add_source

    source_id, written = add_source(project.root, article, NewSource(
        title=options["title"], published=options["published"], genre=options["genre"], date_note=options["date_note"],
        publisher=options["publisher"], author=options["author"], url=options["url"], archive_url=options["archive_url"],
        first_line=options["first_line"], last_line=options["last_line"], id=options["source_id"]))
    for relative in written:
        click.echo(f"wrote {relative}")
    click.echo(f"added source '{source_id}': quote it in graph/relations/{source_id}.yaml, then run 'relgraph check'")


@main.command("diff")
@click.argument("versions", metavar="REV1..REV2")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True,
              help="text for a terminal, markdown for a pull-request comment, json for tools.")
@click.pass_obj
def diff_command(project: Project, versions: str, output_format: str) -> None:
    """What changed in the curated graph between two versions: relations added, removed and changed
    (status, attribution, date, quote), entities and predicates added, removed or renamed.

    Each version is a git revision of the project or a folder holding graph/ and seeds/; an empty
    REV2 (`HEAD..`) is the working tree. Example: relgraph diff main..my-branch --format markdown
    """
    from relgraph.curate.diff import diff_json, diff_text, diff_versions

    try:
        found, old, new = diff_versions(project.root, versions)
    except DataError as exc:
        print_diagnostics(exc.diagnostics)
        fail(f"{exc.summary} in one of the versions")
    if output_format == "json":
        click.echo(diff_json(found, old, new), nl=False)
    else:
        click.echo(diff_text(found, old, new, markdown=output_format == "markdown"), nl=False)


@main.command("schema")
@click.option("--check", "check_only", is_flag=True, help="Only list stale schema files; exit 1 if any.")
@click.pass_obj
def schema_command(project: Project, check_only: bool) -> None:
    """Write JSON Schemas of the curated files (graph/schema/) and the editor settings that use them.

    Generated from relgraph's data model and the current vocabulary (entity and predicate names,
    source ids), so an editor with the YAML language server completes and checks as you type.
    Run it again after adding entities, predicates or sources.
    """
    from relgraph.curate.editor_schema import stale_schemas, write_schemas

    dataset = dataset_or_exit(project)
    changed = stale_schemas(project.root, dataset) if check_only else write_schemas(project.root, dataset)
    for relative in changed:
        click.echo(relative)
    if check_only and changed:
        fail("the editor schemas are stale; run 'relgraph schema'")


@main.command("docs")
@click.option("--check", "check_only", is_flag=True, help="Only list stale generated docs; exit 1 if any.")
@click.pass_obj
def docs_command(project: Project, check_only: bool) -> None:
    """Regenerate docs/data-model.md and docs/cli.md from the code."""
    from relgraph.curate.docs import stale_docs, write_docs

    changed = stale_docs(project.root, main) if check_only else write_docs(project.root, main)
    for relative in changed:
        click.echo(relative)
    if check_only and changed:
        fail("generated docs are stale; run 'relgraph docs'")


def run() -> None:
    """The CLI as the program runs it (relgraph.console; `python -m relgraph.cli` too, without the
    handler for Ctrl-C while loading): once the command is over, a Ctrl-C while the interpreter winds
    down is ignored; the work is done and Python would otherwise die of it."""
    try:
        main()
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":  # pragma: no cover
    run()
