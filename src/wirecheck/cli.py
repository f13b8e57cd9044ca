"""The ``wirecheck`` command line: a thin shell over the library.

Each command resolves one :class:`~wirecheck.config.Config` (defaults <
``wirecheck.toml`` < ``WIRECHECK_*`` environment < flags) and calls library
functions; no analysis logic lives here.
"""

from __future__ import annotations

import json
import sys
import tempfile
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator, Optional

import typer

app = typer.Typer(
    help="Which facts hold up across independent news sources.",
    no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
)

DB_HELP = "SQLite store (default ./wirecheck.db; a new path starts a fresh store)."
CONFIG_HELP = "TOML config file (default ./wirecheck.toml when present)."


def _config(config_file: Optional[Path], engine: Optional[dict] = None, **run_overrides):
    from .config import load_config

    with _user_errors():
        return load_config(config_file, overrides={"run": run_overrides, "engine": engine or {}})


def _fail(message: str, code: int = 2) -> None:
    from rich.console import Console
    from rich.markup import escape

    Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Report the errors that are the user's (a bad configuration, a store or report directory that cannot
    be used, a model not installed) as a clear message with exit code 2; any other error is a bug and
    surfaces with its traceback."""
    from .config import ConfigError
    from .nlp import ModelMissingError
    from .pipeline import OutputError
    from .store import StoreError

    try:
        yield
    except (ConfigError, StoreError, ModelMissingError, OutputError) as exc:
        _fail(str(exc))


@contextmanager
def _store(cfg):
    """The configured store, which must already exist (reading commands never start one)."""
    from .store import Store

    if not Path(cfg.run.db).exists():
        _fail(f"no store at {cfg.run.db}; run `wirecheck run INPUT...` first")
    with _user_errors():
        store = Store(cfg.run.db, read_only=True)  # SQLite mode=ro: works on a store the user cannot write
    with store:
        yield store


def _progress_reporter():
    """A Rich progress bar on a terminal; quiet line-oriented messages otherwise."""
    from rich.console import Console

    console = Console(stderr=True, soft_wrap=True)
    if not console.is_terminal:
        last: dict[str, int] = {}

        def lines(stage: str, done: int, total: int) -> None:
            if total and done == total and last.get(stage) != done:
                last[stage] = done
                print(f"{stage}: {done}/{total}", file=sys.stderr)
        return lines, None

    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskID, TaskProgressColumn, TextColumn,
                               TimeElapsedColumn)

    progress = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                        TaskProgressColumn(show_speed=True), TimeElapsedColumn(), console=console, transient=False)
    tasks: dict[str, TaskID] = {}

    def bar(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total or None)
        progress.update(tasks[stage], completed=done, total=total or None)
    return bar, progress


def _run(inputs: list[str], cfg) -> None:
    from .pipeline import run_and_report

    from rich.console import Console

    console = Console(stderr=True, soft_wrap=True)
    callback, progress = _progress_reporter()
    stdin = sys.stdin if "-" in inputs else None

    def waiting(message: str) -> None:
        console.print(message, highlight=False, markup=False)

    with _user_errors(), progress or nullcontext():
        result = run_and_report(inputs, cfg, stdin=stdin, progress=callback, on_wait=waiting)
    _print_result(console, result)
    if not result.seen_articles and not result.new_articles:
        _fail("nothing could be read from the inputs", code=1)


def _print_result(console, result) -> None:
    """What a run did, for people: counts, each rejection and warning, the report files."""
    resumed = len(result.resumed_articles)
    console.print(
        f"{len(result.new_articles)} new article(s), {len(result.seen_articles)} in this run's inputs, "
        + (f"{resumed} resumed from an interrupted run, " if resumed else "") +
        f"{len(result.rejected)} rejected, {len(result.stories)} stor{'y' if len(result.stories) == 1 else 'ies'}",
        highlight=False,
    )
    for r in result.rejected:
        console.print(f"  rejected {r.source}: {r.reason}", highlight=False, markup=False)
    for r in result.warnings:
        console.print(f"  warning {r.source}: {r.reason}", highlight=False, markup=False)
    for path in result.reports.values():
        print(path)


@app.command("run")
def run_cmd(
    inputs: list[str] = typer.Argument(..., help="Files (.txt .md .html .json .jsonl .warc .warc.gz .rss .atom "
                                              ".xml .urls), directories (searched recursively), http(s) URLs, or - "
                                              "for JSONL on stdin."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Report directory (default ./out)."),
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
    format: Optional[str] = typer.Option(None, "--format", "-f",
                                         help="Comma-separated: json,md,html (json is always written)."),
    config_file: Optional[Path] = typer.Option(None, "--config", help=CONFIG_HELP),
    engine: Optional[str] = typer.Option(None, "--engine", help="local (default: this process) or ray (a Ray Data "
                                                                  "pipeline; needs wirecheck\\[ray])."),
    address: Optional[str] = typer.Option(None, "--address", help="With --engine ray: auto (or host:port) joins "
                                                                    "a running Ray cluster; default: start one."),
    workers: Optional[int] = typer.Option(None, "--workers", help="With --engine ray: model-holding workers "
                                                                    "(default 1)."),
    device: Optional[str] = typer.Option(None, "--device", help="Embedding model on cpu (default), cuda, or auto "
                                                                  "(cuda when available)."),
) -> None:
    """Ingest INPUTs, update the store, analyse the affected stories and write the report.

    Example: [bold]wirecheck run articles/ feed.jsonl --out report --db news.db[/],
    [bold]wirecheck run crawl.warc.gz https://example.org/news.rss --db news.db[/],
    [bold]wirecheck run shards/ --engine ray --workers 4 --db news.db[/]
    """
    cfg = _config(config_file, engine={"name": engine, "address": address, "workers": workers, "device": device},
                  out=str(out) if out else None, db=str(db) if db else None, formats=format)
    _run(inputs, cfg)


@app.command("watch")
def watch_cmd(
    inputs: list[str] = typer.Argument(..., help="Feeds or pages (http(s) URLs), folders and files to poll."),
    interval: float = typer.Option(300.0, "--interval", help="Seconds between polls."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Report directory (default ./out)."),
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
    config_file: Optional[Path] = typer.Option(None, "--config", help=CONFIG_HELP),
) -> None:
    """Poll INPUTs every --interval seconds and run on what is new, until Ctrl-C or SIGTERM.

    Each poll re-fetches URLs (conditionally) and reads the files that are new or changed; only the stories
    they change are re-analysed. A failed poll is logged with its cause and the watch goes on; stopping loses
    nothing already stored.

    Example: [bold]wirecheck watch https://example.org/news.rss inbox/ --interval 600 --db news.db[/]
    """
    import signal
    import threading

    from rich.console import Console

    from .watch import watch

    if "-" in inputs:
        _fail("watch cannot read standard input ('-'); give feeds, folders or files")
    if interval <= 0:
        _fail("--interval must be a positive number of seconds")
    cfg = _config(config_file, out=str(out) if out else None, db=str(db) if db else None)
    console = Console(stderr=True, soft_wrap=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())

    def failed(message: str) -> None:
        console.print(f"watch: {message}", highlight=False, markup=False)

    try:
        with _user_errors():
            watch(inputs, cfg, stop, interval=interval, on_result=lambda r: _print_result(console, r),
                  on_error=failed)
    except KeyboardInterrupt:
        stop.set()
    console.print("watch stopped; everything stored so far is kept", highlight=False)


@app.command()
def demo(
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Report directory (default: a new temporary one)."),
    config_file: Optional[Path] = typer.Option(None, "--config", help=CONFIG_HELP),
) -> None:
    """Run wirecheck on the bundled sample corpus (a fresh store inside the output directory).

    Example: [bold]wirecheck demo --out out/demo[/]
    """
    from .sample import corpus_dir

    target = out or Path(tempfile.mkdtemp(prefix="wirecheck-demo-"))
    db = Path(target) / "wirecheck.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cfg = _config(config_file, out=str(target), db=str(db))
    _run([str(corpus_dir())], cfg)


@app.command()
def stories(
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    config_file: Optional[Path] = typer.Option(None, "--config", help=CONFIG_HELP),
) -> None:
    """List the stored stories without recomputing anything.

    Example: [bold]wirecheck stories --db news.db[/]
    """
    cfg = _config(config_file, db=str(db) if db else None)
    with _store(cfg) as store, store.snapshot():
        rows = store.stories_summary()
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("story", "articles", "sources", "claims", "discrepancies", "title")
    for r in rows:
        table.add_row(r["id"], str(r["n_articles"]), str(r["n_origins"]), str(r["n_claims"]),
                      str(r["n_discrepancies"]), r["title"])
    Console().print(table)


@app.command()
def show(
    story_id: Optional[str] = typer.Argument(None, help="Story id (from `wirecheck stories`)."),
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
    format: str = typer.Option("md", "--format", "-f", help="md or json."),
    why: Optional[str] = typer.Option(None, "--why", help="Explain why ARTICLE_ID is in its story (with the "
                                                             "configuration of the run that placed it); after a "
                                                             "STORY_ID, its label in that story (A2) will do."),
    config_file: Optional[Path] = typer.Option(None, "--config", help=CONFIG_HELP),
) -> None:
    """Show one stored story (or why an article is in its story) without recomputing.

    Example: [bold]wirecheck show s-1a2b3c4d5e6f --format json[/], [bold]wirecheck show s-1a2b3c4d5e6f --why A2[/]
    """
    from .report.contract import build_report, story_detail
    from .report.markdown import render_markdown

    cfg = _config(config_file, db=str(db) if db else None)
    if format not in ("md", "json"):
        _fail("--format must be md or json")
    with _store(cfg) as store, store.snapshot():
        if why:
            from .pipeline import explain_article, find_article

            explained = explain_article(store, find_article(store, why, story_id))
            if explained is None:
                _fail(f"no stored article {why!r} has been clustered")
            print(explained)
            return
        if not story_id:
            _fail("give a STORY_ID or --why ARTICLE_ID")
        resolved = store.resolve_story(story_id)
        if resolved not in store.story_ids():
            _fail(f"no story {story_id!r} in {cfg.run.db}")
        report = build_report(store, story_ids=[resolved])
    if format == "json":
        print(json.dumps(story_detail(report), indent=2, ensure_ascii=False))
    else:
        print(render_markdown(report))


@app.command()
def serve(
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
    host: Optional[str] = typer.Option(None, "--host", help="Address to bind (default 127.0.0.1: this machine only)."),
    port: Optional[int] = typer.Option(None, "--port", help="Port (default 8000)."),
    allow_edits: Optional[bool] = typer.Option(None, "--allow-edits/--no-edits",
                                               help="Allow analyst corrections, with a token printed at start-up."),
    config_file: Optional[Path] = typer.Option(None, "--config", help=CONFIG_HELP),
) -> None:
    """Browse the store in a web browser: stories, facts, who copied whom; corrections with --allow-edits.

    Example: [bold]wirecheck serve --db out/demo/wirecheck.db[/]
    """
    from .config import load_config
    from .web.server import serve as run_server

    with _user_errors():
        cfg = load_config(config_file, overrides={"run": {"db": str(db) if db else None},
                                                  "serve": {"host": host, "port": port, "allow_edits": allow_edits}})
        run_server(cfg, announce=lambda line: print(line, flush=True))


@app.command()
def schema() -> None:
    """Print the JSON Schema of report.json (schema_version 1).

    Example: [bold]wirecheck schema > report.schema.json[/]
    """
    from .report.contract import schema as load

    print(json.dumps(load(), indent=2))


def main() -> None:
    """Entry point of the ``wirecheck`` script and ``python -m wirecheck``."""
    app()
