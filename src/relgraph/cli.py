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


if __name__ == "__main__":  # pragma: no cover
    main()
