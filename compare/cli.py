"""Command line: `compare A B [C …]` writes reports; `compare inspect FILE` shows the outline.

A thin shell over `compare.api`: parse options, call the API, print paths. Every problem the
user can fix is one line on stderr and a non-zero exit code, never a traceback.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import click

from compare.errors import CompareError
from compare.version import __version__

DEFAULT_FORMATS = "xlsx,html,json"


class _DefaultGroup(click.Group):
    """`compare a.txt b.txt` runs the comparison; `compare inspect FILE` the sub-command."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["run"] + list(args)
        elif not args:
            args = ["--help"]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="compare")
def cli():
    """Compare Chinese policy documents measure by measure.

    \b
      compare OLD NEW [NEWER …]     reports in reports/OLD_vs_NEW/ (xlsx, html, json)
      compare inspect FILE          the parsed outline of one document
      compare corpus PATH… --out DIR  families and lineage across many plans
    FILE#N selects 附件N of a compilation. `python -m compare` is the same command
    (ImageMagick also installs a `compare`).
    """


@cli.command("run")
@click.argument("files", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(), default=None,
              help="Output folder (default: reports/<a>_vs_<b>/).")
@click.option("--format", "formats", default=DEFAULT_FORMATS, show_default=True,
              help="Comma list of json, xlsx, html.")
@click.option("--threshold", type=click.FloatRange(0.2, 5.0), default=1.0, show_default=True,
              help="How strong a link must be: above 1 fewer links, below 1 more.")
@click.option("--review", type=click.Path(), default=None,
              help="A reviewed workbook whose verdicts are applied (it is never overwritten).")
@click.option("--strict", is_flag=True,
              help="With --review: a verdict that cannot be applied is an error (no reports written).")
@click.option("-q", "--quiet", is_flag=True, help="No progress messages.")
def run(files, out, formats, threshold, review, strict, quiet):
    """Compare FILES: the first against each later one."""
    from compare.api import compare
    from compare.report import FORMATS, build_view, write_reports
    fmts = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        _fail(f"--format: unknown format {', '.join(bad) or '(none)'} (choose from json, xlsx, html)")
    if len(files) < 2:
        _fail("give at least two documents to compare (or use `compare inspect FILE`)")
    progress = _Progress(quiet)
    try:
        result = compare(list(files), threshold=threshold, review=review, strict=strict)
        view = build_view(result)           # what every report and the counts below show
        names = [d.name for d in view.documents]
        stem = "_vs_".join(names) if len(names) <= 3 else f"{names[0]}_vs_{len(names) - 1}docs"
        folder = Path(out) if out else Path("reports") / stem
        progress(f"compared {len(files)} documents; writing reports")
        protected = [_strip_selector(f) for f in files] + ([review] if review else [])
        paths = write_reports(view, folder, stem, fmts, protected=protected)
    except CompareError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    for w in result.warnings:
        click.echo(f"warning: {w}", err=True)
    if view.review is not None:         # what the review did, and why any verdict was skipped
        click.echo(view.review.summary, err=True)
    for c in view.comparisons:
        click.echo(f"{c.name}: " + ", ".join(f"{k} {v}" for k, v in c.tallies().items() if v), err=True)
    for p in paths:
        click.echo(str(p))


@cli.command("inspect")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the parsed documents as JSON.")
@click.option("--removed", "show_removed", is_flag=True,
              help="Also list every line cleaning removed (page furniture, noise), with its reason.")
def inspect_cmd(file, as_json, show_removed):
    """Show how FILE was parsed: documents, chapters, measures, units, numbering warnings and
    where every character went (measures, sections, metadata, removed lines)."""
    from compare.api import load, load_all, split_selector
    try:                                # FILE#N: that document only (the file is read once)
        docs = [load(file)] if split_selector(file)[1] is not None else load_all(file)
    except CompareError as exc:
        _fail(str(exc), exc.exit_code)
    if as_json:
        click.echo(json.dumps({"documents": [d.to_dict() for d in docs]}, ensure_ascii=False, indent=1))
        return
    for d in docs:
        _print_outline(d, show_removed)


@cli.command("corpus")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(), required=True,
              help="Output folder: measures.csv/.parquet, families.csv, corpus.html, corpus.xlsx and the store.")
@click.option("--meta", type=click.Path(), default=None,
              help="CSV with a file column and any of jurisdiction, date/year, title.")
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://HOST:PORT); default: this machine's cores.")
@click.option("--review", type=click.Path(), default=None, help="A reviewed corpus.xlsx whose verdicts are applied.")
@click.option("--threshold", type=click.FloatRange(0.2, 5.0), default=1.0, show_default=True,
              help="How strong a link must be: above 1 fewer links, below 1 more.")
@click.option("-q", "--quiet", is_flag=True, help="No progress messages.")
def corpus_cmd(paths, out, meta, scheduler, review, threshold, quiet):
    """Families and lineage of every measure in PATHS (files and folders)."""
    from compare.corpus import corpus
    progress = _Progress(quiet)
    try:
        result = corpus(list(paths), meta=meta, scheduler=scheduler, out=out, threshold=threshold,
                        review=review, progress=progress)
    except CompareError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    for problem in result.skipped["problem"]:
        click.echo(f"skipped: {problem}", err=True)
    if result.review:
        applied = sum(v.applied for v in result.review)
        click.echo(f"review: applied {applied} verdicts, skipped {len(result.review) - applied}", err=True)
    c = result.counts
    click.echo(f"{c['documents']} documents, {c['measures']} measures, {c['families']} families", err=True)
    for p in result.paths:
        click.echo(str(p))


def _print_outline(d, show_removed: bool = False) -> None:
    head = f"{d.source}"
    click.echo(click.style(head, bold=True))
    for label, value in (("title", d.title), ("文号", d.doc_number), ("date", d.date),
                         ("issuers", "、".join(d.issuers)), ("printed (印发)", d.printed_date)):
        if value:
            click.echo(f"  {label}: {value}")
    click.echo(f"  chapters: {len(d.chapters)}  measures: {len(d.measures)}")
    _print_accounting(d, show_removed)
    for w in d.warnings:
        click.echo(click.style(f"  warning: {w}", fg="yellow"))
    chapter = None
    for m in d.measures:
        ch = m.path[0] if m.path else ""
        if (ch, m.chapter) != chapter:          # 一、 restarts under each 第X部分: the title tells
            chapter = (ch, m.chapter)
            kind = next((c.kind for c in d.chapters if (c.label, c.title) == chapter), "")
            click.echo(f"  {ch}{m.chapter}" + (f"  [{kind}]" if kind and kind != "measure" else ""))
        items = f"  items {len(m.items)}" if m.items else ""
        click.echo(f"    {m.id}  {m.label:<8} {m.title[:40]:<40}  units {len(m.units)}{items}")
    click.echo("")


def _print_accounting(d, show_removed: bool) -> None:
    """Where the input's characters went, and the removed lines (all of them on request)."""
    c = d.chars
    if c:
        line = (f"  characters: {c['input']} = measures {c['measures']} + sections {c['sections']}"
                f" + metadata {c['metadata']} + removed {c['removed']}")
        if c.get("unaccounted"):
            line += f"  (unaccounted: {c['unaccounted']})"
        click.echo(line)
    if d.back_matter:
        click.echo(f"  back matter (版记 / page footer): {len(d.back_matter)} paragraphs")
    if not d.removed:
        return
    reasons = Counter(r["reason"] for r in d.removed)
    summary = ", ".join(f"{k} {v}" for k, v in reasons.items())
    n = len(d.removed)
    click.echo(f"  removed: {n} line{'s' if n != 1 else ''} ({summary})"
               + ("" if show_removed else "; --removed lists them"))
    if show_removed:
        for r in d.removed:
            click.echo(f"    - {r['text'][:60]}  [{r['reason']}]")


def _strip_selector(spec: str) -> str:
    from compare.api import split_selector
    return str(split_selector(spec)[0])


class _Progress:
    """Progress on stderr, only once a run has taken more than a moment."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.start = time.monotonic()

    def __call__(self, msg: str) -> None:
        if not self.quiet and time.monotonic() - self.start > 0.5:
            click.echo(f"… {msg}", err=True)


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"compare: error: {message}", err=True)
    sys.exit(code)


def main(argv=None, prog_name="compare"):
    import os
    try:
        cli.main(args=argv, prog_name=prog_name, standalone_mode=True)
    except CompareError as exc:          # anything the commands did not catch themselves
        _fail(str(exc), exc.exit_code)
    except MemoryError:
        _fail("out of memory (inputs too large for this machine)", 1)
    except Exception as exc:             # a bug: one line, the details on request
        if os.environ.get("COMPARE_DEBUG"):
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); rerun with COMPARE_DEBUG=1 "
              "for details and please report it", 1)
