"""The relgraph command line: a thin layer over the library.

Results go to stdout, diagnostics to stderr. Exit 0 ok, 1 bad data or no result, 2 usage error.
Heavy libraries are imported inside the command that needs them, so quick commands start quickly.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import DataError, RelgraphError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def print_diagnostics(diagnostics) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def dataset_or_exit(root: Path):
    from .validate import load_dataset

    try:
        return load_dataset(root)
    except DataError as exc:
        print_diagnostics(exc.diagnostics)
        fail(f"{exc}; run 'relgraph check' for details" if not exc.diagnostics else str(exc))


class Project:
    def __init__(self, root: Path):
        self.root = root


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="relgraph")
@click.option("-C", "--project", "root", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="Project folder holding graph/, seeds/ and output/.")
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """relgraph: curated, evidence-backed graphs of who does what to whom.

    Curators write YAML triples in graph/, each quoting a source article in seeds/.
    relgraph checks them, builds a NetworkX and an RDF graph, and exports them.
    """
    ctx.obj = Project(root)


@main.command()
@click.pass_obj
def check(project: Project) -> None:
    """Check the curated data: one line per problem, exit 1 if any error.

    Every problem is reported in one run, as FILE:LINE:COL: LEVEL CODE: MESSAGE.
    """
    from .errors import has_errors
    from .validate import check_project

    dataset, diagnostics = check_project(project.root)
    print_diagnostics(diagnostics)
    if has_errors(diagnostics):
        errors = sum(1 for d in diagnostics if d.level == "error")
        fail(f"{errors} error(s); nothing was built")
    click.echo(f"ok: {len(dataset.relations)} relations, {len(dataset.entities)} entities, "
               f"{len(dataset.predicates)} predicates, {len(dataset.sources)} sources")


@main.command("fmt")
@click.option("--check", "check_only", is_flag=True, help="Only list files not in canonical form; exit 1 if any.")
@click.pass_obj
def fmt_command(project: Project, check_only: bool) -> None:
    """Rewrite the curated YAML in canonical form.

    Fields in schema order, block style, stable quoting; record order is kept.
    Comments are not kept: use the `note` and `description` fields.
    """
    from .fmt import format_project

    try:
        changed = format_project(project.root, write=not check_only)
    except DataError as exc:
        print_diagnostics(exc.diagnostics)
        fail("fix the errors above; nothing was rewritten")
    for relative in changed:
        click.echo(relative)
    if check_only and changed:
        fail(f"{len(changed)} file(s) not in canonical form; run 'relgraph fmt'")


@main.command("docs")
@click.option("--check", "check_only", is_flag=True, help="Only list stale generated docs; exit 1 if any.")
@click.pass_obj
def docs_command(project: Project, check_only: bool) -> None:
    """Regenerate docs/data-model.md and docs/cli.md from the code."""
    from .docs import stale_docs, write_docs

    changed = stale_docs(project.root) if check_only else write_docs(project.root)
    for relative in changed:
        click.echo(relative)
    if check_only and changed:
        fail("generated docs are stale; run 'relgraph docs'")


if __name__ == "__main__":  # pragma: no cover
    main()
