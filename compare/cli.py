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
from compare.text.controls import printable
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


def _epilog() -> str:
    """The exit codes, as `--help` ends (errors.EXIT_CODES; the README has the same table)."""
    import textwrap

    from compare.errors import EXIT_CODES
    lines = ["Exit codes:"]
    for code, what in EXIT_CODES.items():
        lines += textwrap.wrap(what, 74, initial_indent=f"  {code:<4}", subsequent_indent=" " * 6)
    return "\b\n" + "\n".join(lines)


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=_epilog())
@click.version_option(__version__, prog_name="compare")
def cli():
    """Compare Chinese policy documents measure by measure.

    \b
      compare OLD NEW [NEWER …]     reports in reports/OLD_vs_NEW/ (xlsx, html, json)
      compare inspect FILE          the parsed outline of one document
    FILE#N selects 附件N of a compilation. `python -m compare` is the same command
    (ImageMagick also installs a `compare`). Verdicts typed into the workbook of the output
    folder are carried into the new one when the command is run again.
    """


class _Threshold(click.ParamType):
    """--threshold: a finite number in `limits.THRESHOLD_RANGE` (click's FloatRange lets nan through)."""
    name = "number"

    def convert(self, value, param, ctx):
        from compare.limits import threshold_problem
        problem = threshold_problem(value)
        if problem:
            self.fail(problem.removeprefix("--threshold "), param, ctx)
        return float(value)


@cli.command("run", epilog=_epilog())
@click.argument("files", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(), default=None,
              help="Output folder (default: reports/<a>_vs_<b>/).")
@click.option("--format", "formats", default=DEFAULT_FORMATS, show_default=True,
              help="Comma list of json, xlsx, html.")
@click.option("--threshold", type=_Threshold(), default=1.0, show_default=True,
              help="How strong a link must be (0.2 to 5): above 1 fewer links, below 1 more.")
@click.option("--review", type=click.Path(), default=None,
              help="A reviewed workbook whose verdicts are applied (it is never overwritten).")
@click.option("--strict", is_flag=True,
              help="With --review: a verdict that cannot be applied is an error (no reports written).")
@click.option("-q", "--quiet", is_flag=True, help="No progress messages.")
def run(files, out, formats, threshold, review, strict, quiet):
    """Compare FILES: the first against each later one, then each later pair (at most 12 files)."""
    from compare.limits import pairwise_problem
    from compare.report import FORMATS
    fmts = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        _fail(f"--format: unknown format {', '.join(bad) or '(none)'} (choose from json, xlsx, html)")
    if len(files) < 2:
        _fail("give at least two documents to compare (or use `compare inspect FILE`)")
    if problem := pairwise_problem(len(files)):
        _fail(problem)
    try:
        done = _run(list(files), out, fmts, threshold, review, strict, _Progress(quiet))
    except CompareError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt as exc:
        _stopped(exc)
    _tell(*done)


def _run(files: list[str], out, fmts: list[str], threshold: float, review, strict: bool, progress):
    """Load the documents, check every output path and lock the folder, carry the verdicts of the
    workbook already there (or check that --review loses none of them) — all before computing —
    then compare and write. Returns (result, view, paths, the workbook carried or None)."""
    from compare import api
    from compare.report import build_view, output_lock, plan_output, report_stem, write_reports
    reviewed = api.read_reviewed(review) if review else None    # a bad workbook fails at once
    docs = api.load_documents(files)
    stem = report_stem([d.display_name for d in docs])
    folder = Path(out) if out else Path("reports") / stem
    _not_in_place(review, folder / f"{stem}.xlsx")
    protected = [_strip_selector(f) for f in files] + ([review] if review else [])
    plan_output(folder, stem, fmts, protected)
    with output_lock(folder):
        carried = _earlier_review(folder / f"{stem}.xlsx", reviewed, docs)
        result = api.compare_documents(docs, threshold, carried or reviewed, strict)
        view = build_view(result)           # what every report and the counts below show
        progress(f"compared {len(docs)} documents; writing reports")
        paths = write_reports(view, folder, stem, fmts, protected=protected)
    return result, view, paths, carried


def _not_in_place(review, workbook: Path) -> None:
    """--review naming the workbook this run writes: refused before anything is computed (a
    reviewed workbook is never written to; a plain re-run carries its verdicts)."""
    from compare.errors import OutputError
    if review and workbook.exists() and Path(review).resolve() == workbook.resolve():
        raise OutputError(review, "is the workbook this run would write; run without --review (the verdicts "
                                  "in it are carried into the new workbook), or choose another --out")


def _earlier_review(workbook: Path, reviewed, docs):
    """The workbook already in the output folder, when it holds verdicts or notes this run must
    not lose: returned to be applied (and carried into the new workbook), or, with --review, a
    refusal when it holds verdicts the reviewed workbook lacks. None when there is nothing to
    carry. Refused (exit 3) when it cannot be read, or was made for other documents."""
    from compare.api import comparison_order
    from compare.errors import InputError, OutputError
    from compare.review.identity import OtherDocuments, place, signature
    from compare.review.read import read_workbook
    if not workbook.is_file():
        return None
    replace = "this run would replace it: move it away, or choose another --out"
    try:
        earlier = read_workbook(workbook)
    except InputError as exc:
        raise OutputError(workbook, f"is there but cannot be read as a review workbook ({exc.problem}); "
                                    f"{replace}") from None
    if not earlier.verdicts:
        return None
    if reviewed is not None:
        theirs = {signature(v) for v in reviewed.verdicts}
        lacking = [v for v in earlier.verdicts if signature(v) not in theirs]
        if lacking:
            rows = ", ".join(f"row {v.row}" for v in lacking[:3]) + (" …" if len(lacking) > 3 else "")
            raise OutputError(workbook, f"holds {len(lacking)} verdict(s) that {Path(reviewed.path).name} lacks "
                                        f"({rows}); this run would replace it: run without --review to carry "
                                        "them, or choose another --out")
        return None
    try:
        elsewhere = place(earlier, docs, comparison_order(len(docs)))
    except OtherDocuments as exc:
        raise OutputError(workbook, f"holds {len(earlier.verdicts)} verdict(s) for other documents "
                                    f"({exc.problem}); {replace}") from None
    if elsewhere:
        raise OutputError(workbook, f"holds {len(elsewhere)} verdict(s) on comparisons this run does not make "
                                    f"({elsewhere[0].lost}); {replace}")
    return earlier


def _tell(result, view, paths, carried) -> None:
    """What the run did, on stderr (warnings, the review, counts), and the reports, on stdout."""
    for w in result.warnings:
        click.echo(printable(f"warning: {w}"), err=True)
    if carried is not None:
        n = len(carried.verdicts)
        click.echo(printable(f"review: carried {n} verdict{'s' if n != 1 else ''} and notes of the earlier "
                             f"workbook {carried.path} into this run"), err=True)
    if view.review is not None:         # what the review did, and why any verdict was skipped
        click.echo(printable(view.review.summary), err=True)
    for c in view.comparisons:
        click.echo(printable(f"{c.name}: " + ", ".join(f"{k} {v}" for k, v in c.tallies().items() if v)), err=True)
    for p in paths:
        click.echo(printable(str(p)))


def _stopped(exc: BaseException) -> None:
    from compare.errors import Terminated
    if isinstance(exc, Terminated):
        _fail("terminated", 143)
    _fail("interrupted", 130)


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
    except KeyboardInterrupt as exc:
        _stopped(exc)
    if as_json:
        click.echo(json.dumps({"documents": [d.to_dict() for d in docs]}, ensure_ascii=False, indent=1))
        return
    for d in docs:
        _print_outline(d, show_removed)


def _print_outline(d, show_removed: bool = False) -> None:
    head = printable(f"{d.source}")
    click.echo(click.style(head, bold=True))
    for label, value in (("title", d.title), ("文号", d.doc_number), ("date", d.date),
                         ("issuers", "、".join(d.issuers)), ("printed (印发)", d.printed_date)):
        if value:
            click.echo(f"  {label}: {value}")
    click.echo(f"  chapters: {len(d.chapters)}  measures: {len(d.measures)}")
    _print_accounting(d, show_removed)
    for w in d.warnings:
        click.echo(click.style(printable(f"  warning: {w}"), fg="yellow"))
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
            click.echo(printable(f"    - {(r.get('where') or r['text'])[:60]}  [{r['reason']}]"))


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
    """One line on stderr (file names and text from inside files escaped), then exit `code`."""
    click.echo(f"compare: error: {printable(message)}", err=True)
    sys.exit(code)


def _usage_line(exc: click.UsageError) -> str:
    """Click's usage error on one line: its message, and where help is."""
    message = " ".join(exc.format_message().split())
    command = exc.ctx.command_path if exc.ctx is not None else "compare"
    return f"{message} (see `{command} --help`)"


def _on_sigterm(signum, frame):
    from compare.errors import Terminated
    raise Terminated()


def main(argv=None, prog_name="compare"):
    import os
    import signal
    try:
        signal.signal(signal.SIGTERM, _on_sigterm)    # so cleanup runs, as on Ctrl-C
    except ValueError:                                  # not the main thread (an embedding program)
        pass
    try:
        code = cli.main(args=argv, prog_name=prog_name, standalone_mode=False)
    except click.UsageError as exc:      # one line, like every other error (click's is several)
        _fail(_usage_line(exc), 2)
    except click.ClickException as exc:
        _fail(exc.format_message(), exc.exit_code)
    except click.Abort:
        _fail("interrupted", 130)
    except KeyboardInterrupt as exc:
        _stopped(exc)
    except CompareError as exc:          # anything the commands did not catch themselves
        _fail(str(exc), exc.exit_code)
    except MemoryError:
        _fail("out of memory (inputs too large for this machine)", 1)
    except Exception as exc:             # a bug: one line, the details on request
        if os.environ.get("COMPARE_DEBUG"):
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); rerun with COMPARE_DEBUG=1 "
              "for details and please report it", 1)
    sys.exit(code if isinstance(code, int) else 0)
