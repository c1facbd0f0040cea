"""Command line: `compare A B [C …]` writes reports; `compare inspect FILE` shows the outline.

A thin shell over `compare.api`: parse options, call the API, print paths. Every problem the
user can fix is one line on stderr and a non-zero exit code, never a traceback.

Each command imports what it runs inside its function: `compare --help`, a mistyped option or a
missing file answer in ~0.1 s, where importing the pipeline (api, report, review, corpus) first
takes ~0.45 s more (measured with /usr/bin/time on this machine).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import click

from compare import closed_pipe
from compare.errors import CompareError
from compare.text.controls import printable
from compare.text.normalize import display_width
from compare.vocab import kind_text
from compare.version import __version__

DEFAULT_FORMATS = "xlsx,html,json"


class _Bilingual:
    """Help headings and the help option in both languages, Chinese first."""

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), "用法 Usage: ")

    def format_options(self, ctx, formatter):
        records = [r for p in self.get_params(ctx) if (r := p.get_help_record(ctx))]
        if records:
            with formatter.section("选项 Options"):
                formatter.write_dl(records)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示帮助 show this message and exit."
        return option


class _Command(_Bilingual, click.Command):
    """A sub-command with bilingual help."""


class _DefaultGroup(_Bilingual, click.Group):
    """`compare a.txt b.txt` runs the comparison; `compare inspect FILE` the sub-command. Its
    help lists the comparison's options too: they are what `compare OLD NEW` takes."""

    def make_context(self, *args, **kwargs):
        with closed_pipe.guard():       # --help and --version print while the arguments are parsed
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with closed_pipe.guard():
            return super().invoke(ctx)

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            _no_such_command(args[0], self.commands)
            args = ["run"] + list(args)
        elif not args:
            args = ["--help"]
        return super().parse_args(ctx, args)

    def format_options(self, ctx, formatter):
        super().format_options(ctx, formatter)
        run_ctx = click.Context(run, info_name="run", parent=ctx)
        records = [r for p in run.params if isinstance(p, click.Option) and (r := p.get_help_record(run_ctx))]
        with formatter.section("比较选项 Options of compare OLD NEW [NEWER …]"):
            formatter.write_dl(records)
        commands = [(name, cmd.get_short_help_str(60)) for name, cmd in self.commands.items()]
        with formatter.section("子命令 Commands"):
            formatter.write_dl(commands)


def _no_such_command(word: str, commands) -> None:
    """A mistyped sub-command (`compare inpsect FILE`) is an error that names the command meant,
    not "file not found": only when `word` is no existing file and is close to a command name."""
    import difflib
    if word.startswith("-") or any(c in word for c in "./\\#") or Path(word).exists():
        return                          # an option, or a name that reads as a file's
    close = difflib.get_close_matches(word, [c for c in commands if c != "run"], n=1, cutoff=0.75)
    if close:
        _fail(f"没有子命令 {word}，是要用 {close[0]} 吗？ no such command {word!r}: did you mean {close[0]!r}? "
              f"(a file of that name does not exist either)")


def _epilog() -> str:
    """The exit codes, as `--help` ends (errors.EXIT_CODES; the README has the same table)."""
    import textwrap

    from compare.errors import EXIT_CODES
    lines = ["退出码 Exit codes:"]
    for code, what in EXIT_CODES.items():
        lines += textwrap.wrap(what, 72, initial_indent=f"  {code:<4}", subsequent_indent=" " * 6)
    return "\b\n" + "\n".join(lines)


# Help is wrapped at 70 characters: with a short Chinese gloss leading each text (a Chinese
# character takes two columns) its lines stay within 80 columns.
@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"], "terminal_width": 70,
                                                  "max_content_width": 70}, epilog=_epilog())
@click.version_option(__version__, prog_name="compare", help="显示版本 show the version and exit.")
def cli():
    """逐项比较政策文件的措施 Compare Chinese policy documents measure by measure.

    \b
      compare OLD NEW [NEWER …]  每两份文件都比较（A→B、A→C、B→C…）
                                 every pair: reports in reports/OLD_vs_NEW/
      compare inspect FILE       一份文件的解析结果 the parsed outline of a file
      compare corpus PATH… --out DIR
                                 多份文件的措施家族与沿革 families and lineage
                                 across many plans
    FILE#N 选汇编中的附件N selects 附件N of a compilation. `python -m compare`
    is the same command (ImageMagick also installs a `compare`). 再次运行时，
    审阅表里填写的审阅意见会带入新表 verdicts typed into the output folder's
    workbook are carried into the new one when the command is run again.
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


@cli.command("run", cls=_Command, epilog=_epilog(),
             short_help="比较每两份文件 compare every pair (the same as compare OLD NEW …)")
@click.argument("files", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(), default=None,
              help="输出文件夹 output folder (default: reports/<a>_vs_<b>/).")
@click.option("--format", "formats", default=DEFAULT_FORMATS, show_default=True,
              help="报告格式 comma list of json, xlsx, html.")
@click.option("--threshold", type=_Threshold(), default=1.0, show_default=True,
              help="关联门槛 how strong a link must be (0.2 to 5): above 1 fewer links, below 1 more.")
@click.option("--review", type=click.Path(), default=None,
              help="审阅表 a reviewed workbook whose verdicts are applied (it is never written to).")
@click.option("--strict", is_flag=True,
              help="有意见不能采用即报错 with --review: a verdict that cannot be applied is an "
                   "error (no reports written).")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度 no progress messages.")
def run(files, out, formats, threshold, review, strict, quiet):
    """每两份文件都比较 Compare every pair of FILES, older first: A→B, A→C, …,
    then B→C, … (at most 12 files). `compare OLD NEW` is `compare run OLD NEW`."""
    from compare.limits import pairwise_problem
    from compare.report import FORMATS
    fmts = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        _fail(f"--format：未知格式 unknown format {', '.join(bad) or '(none)'} (choose from json, xlsx, html)")
    if len(files) < 2:
        _fail("至少需要两个文件才能比较 give at least two documents to compare (or use `compare inspect FILE`)")
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
    from compare.startup import defer_unused_numpy_modules
    defer_unused_numpy_modules()            # before the pipeline imports scipy (startup.py says why)
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
        progress(f"已比较 {len(docs)} 份文件，正在写报告 compared {len(docs)} documents; writing reports")
        paths = write_reports(view, folder, stem, fmts, protected=protected)
    return result, view, paths, carried


def _not_in_place(review, workbook: Path) -> None:
    """--review naming the workbook this run writes: refused before anything is computed (a
    reviewed workbook is never written to; a plain re-run carries its verdicts)."""
    from compare.errors import OutputError
    if review and workbook.exists() and Path(review).resolve() == workbook.resolve():
        raise OutputError(review, "是本次要写入的审阅表；请不带 --review 运行（其中的审阅意见会带入新表），或另选 --out "
                                  "is the workbook this run would write; run without --review (the verdicts "
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
    replace = "本次运行会覆盖它：请移走，或另选 --out this run would replace it: move it away, or choose another --out"
    try:
        earlier = read_workbook(workbook)
    except InputError as exc:
        raise OutputError(workbook, f"已存在但不能作为审阅表读取 is there but cannot be read as a review workbook ({exc.problem}); "
                                    f"{replace}") from None
    if not earlier.verdicts:
        return None
    if reviewed is not None:
        theirs = {signature(v) for v in reviewed.verdicts}
        lacking = [v for v in earlier.verdicts if signature(v) not in theirs]
        if lacking:
            rows = ", ".join(f"row {v.row}" for v in lacking[:3]) + (" …" if len(lacking) > 3 else "")
            raise OutputError(workbook, f"含有 {Path(reviewed.path).name} 中没有的 {len(lacking)} 条审阅意见，本次运行会覆盖它 "
                                        f"holds {len(lacking)} verdict(s) that {Path(reviewed.path).name} lacks "
                                        f"({rows}); this run would replace it: run without --review to carry "
                                        "them, or choose another --out")
        return None
    try:
        elsewhere = place(earlier, docs, comparison_order(len(docs)))
    except OtherDocuments as exc:
        raise OutputError(workbook, f"含有针对其他文件的 {len(earlier.verdicts)} 条审阅意见 holds {len(earlier.verdicts)} verdict(s) for other documents "
                                    f"({exc.problem}); {replace}") from None
    if elsewhere:
        raise OutputError(workbook, f"含有本次不做的比较上的 {len(elsewhere)} 条审阅意见 "
                                    f"holds {len(elsewhere)} verdict(s) on comparisons this run does not make "
                                    f"({elsewhere[0].lost}); {replace}")
    return earlier


def _tell(result, view, paths, carried) -> None:
    """What the run did, on stderr (warnings, the review, counts), and the reports, on stdout."""
    for w in result.warnings:
        click.echo(printable(f"提示 warning: {w}"), err=True)
    if carried is not None:
        n = len(carried.verdicts)
        click.echo(printable(f"审阅 review：已将上一审阅表 {carried.path} 中的 {n} 条审阅意见及备注带入本次结果 "
                             f"carried {n} verdict{'s' if n != 1 else ''} and notes of the earlier "
                             f"workbook {carried.path} into this run"), err=True)
    if view.review is not None:         # what the review did, and why any verdict was skipped
        click.echo(printable(view.review.summary), err=True)
    for c in view.comparisons:
        for line in c.count_lines():
            click.echo(printable(line), err=True)
    for p in paths:
        click.echo(printable(str(p)))


def _stopped(exc: BaseException) -> None:
    from compare.errors import Terminated
    if isinstance(exc, Terminated):
        _fail("已终止 terminated", 143)
    _fail("已中断 interrupted", 130)


@cli.command("inspect", cls=_Command, short_help="一份文件的解析结果 how FILE was parsed")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出 print the parsed documents as JSON.")
@click.option("--removed", "show_removed", is_flag=True,
              help="列出删去的行 also list every line cleaning removed, with its reason.")
def inspect_cmd(file, as_json, show_removed):
    """FILE 的解析结果 Show how FILE was parsed: documents, chapters, measures,
    units, numbering warnings and where every character went."""
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


@cli.command("corpus", cls=_Command, epilog=_epilog(),
             short_help="多份文件的措施家族与沿革 families and lineage across many plans")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(), required=True,
              help="输出文件夹 output folder: measures.csv/.parquet, families.csv, corpus.html, "
                   "corpus.xlsx and the store (a rerun reads only what is new).")
@click.option("--meta", type=click.Path(), default=None,
              help="元数据表 a CSV with a file column and any of jurisdiction, date/year, title.")
@click.option("--scheduler", default=None,
              help="调度器地址 a Dask scheduler's address (tcp://HOST:PORT); default: this machine's cores.")
@click.option("--review", type=click.Path(), default=None,
              help="审阅表 a reviewed corpus.xlsx whose verdicts are applied (it is never written to).")
@click.option("--threshold", type=_Threshold(), default=1.0, show_default=True,
              help="关联门槛 how strong a link must be (0.2 to 5): above 1 fewer links, below 1 more.")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度 no progress messages.")
def corpus_cmd(paths, out, meta, scheduler, review, threshold, quiet):
    """多份文件的措施家族与沿革 Families and lineage of every measure in PATHS
    (files and folders): which measures carry the same commitment, each one's
    predecessor and its status against it. Reports and the store in --out."""
    from compare.corpus import corpus
    try:
        result = corpus(list(paths), meta=meta, scheduler=scheduler, out=out, threshold=threshold,
                        review=review, progress=_Progress(quiet))
    except CompareError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt as exc:
        _stopped(exc)
    for line in result.summary():
        click.echo(printable(line), err=True)
    for p in result.paths:
        click.echo(printable(str(p)))


def _print_outline(d, show_removed: bool = False) -> None:
    """The outline of one document, every line within the terminal's width (80 columns when
    output is not a terminal; a Chinese character takes two): titles are cut short with …,
    warnings and removed lines wrap."""
    from compare.parse.labels import printed_label
    width = shutil.get_terminal_size((80, 24)).columns
    for line in _wrap(printable(f"{d.source}"), width, "", "  "):     # the file's name whole
        click.echo(click.style(line, bold=True))
    for label, value in (("标题 title", d.title), ("文号", d.doc_number), ("日期 date", d.date),
                         ("发文机关 issuers", "、".join(d.issuers)), ("印发 printed", d.printed_date)):
        if value:
            click.echo(_fit(printable(f"  {label}: {value}"), width))
    click.echo(f"  章 chapters {len(d.chapters)}，措施 measures {len(d.measures)}")
    _print_accounting(d, show_removed, width)
    for w in d.warnings:
        for line in _wrap(printable(f"提示 warning: {w}"), width, "  ", "    "):
            click.echo(click.style(line, fg="yellow"))
    chapter = None
    for m in d.measures:
        ch = m.path[0] if m.path else ""
        if (ch, m.chapter) != chapter:          # 一、 restarts under each 第X部分: the title tells
            chapter = (ch, m.chapter)
            kind = next((c.kind for c in d.chapters if (c.label, c.title) == chapter), "")
            tag = f"  [{kind_text(kind)}]" if kind and kind != "measure" else ""
            click.echo(_fit(printable(f"  {printed_label(ch) if ch else ''}{m.chapter}"), width - display_width(tag)) + tag)
        click.echo(_measure_line(m, width))
    click.echo("")


def _measure_line(m, width: int) -> str:
    """"    m001  （一）      推进高铁公交化 …   单位 units 3": the title cut to what the width
    leaves, and padded, so the counts line up."""
    head = f"    {m.id:<5} {_pad(m.label, 10)} "
    tail = f"  单位 units {len(m.units)}" + (f" 子项 items {len(m.items)}" if m.items else "")
    room = width - display_width(head) - display_width(tail)
    if room < 8:
        return _fit(printable(head + m.title + tail), width)
    return printable(head + _pad(_fit(m.title, room), room) + tail)


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` display columns (a Chinese character is two), ending in … when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """`text` in lines of at most `width` display columns, the first indented by `first`, the
    others by `rest`; breaking between words (a Chinese character is a word of its own)."""
    lines, line = [], first
    for piece in re.findall(r"[!-~]+|\s+|.", text):
        if display_width(line + piece.rstrip()) > width and line.strip():
            lines.append(line.rstrip())
            line = rest
            if piece.isspace():
                continue
        line += piece
        while display_width(line) > width:          # a word longer than a line
            cut = _fit(line, width)[:-1]
            lines.append(cut)
            line = rest + line[len(cut):]
    return lines + [line.rstrip()]


def _wrap_terms(terms: list[str], width: int, first: str, rest: str) -> list[str]:
    """`terms` in lines of at most `width` display columns, never broken inside a term (a label
    stays with its number); the first line indented by `first`, the others by `rest`."""
    lines, line = [], first
    for term in terms:
        if line.strip() and display_width(line + term.rstrip()) > width:
            lines.append(line.rstrip())
            line = rest
        line += term
    return lines + [line.rstrip()]


def _print_accounting(d, show_removed: bool, width: int = 80) -> None:
    """Where the input's characters went, and the removed lines (all of them on request)."""
    c = d.chars
    if c:
        terms = [f"字符 characters {c['input']} ", f"= 措施 measures {c['measures']} ",
                 f"+ 段落 sections {c['sections']} ", f"+ 元数据 metadata {c['metadata']} ",
                 f"+ 删除 removed {c['removed']}"]
        if c.get("unaccounted"):
            terms.append(f"（未计 unaccounted {c['unaccounted']}）")
        for part in _wrap_terms(terms, width, "  ", "    "):
            click.echo(part)
    if d.back_matter:
        click.echo(f"  版记 back matter（版记或网页页脚 page footer）: {len(d.back_matter)} 段 paragraphs")
    if not d.removed:
        return
    reasons = Counter(_reason_text(r["reason"]) for r in d.removed)
    summary = ", ".join(f"{k} {v}" for k, v in reasons.items())
    n = len(d.removed)
    line = (f"删除 removed: {n} 行 line{'s' if n != 1 else ''}（{summary}）"
            + ("" if show_removed else "；--removed 列出 lists them"))
    for part in _wrap(line, width, "  ", "    "):
        click.echo(part)
    if show_removed:
        for r in d.removed:
            click.echo(_fit(printable(f"    - {(r.get('where') or r['text'])[:60]}  [{_reason_text(r['reason'])}]"), width))


# Why cleaning removed a line (parse.clean, text.controls), as `inspect` names it, Chinese first.
_REMOVED = {"page number": "页码", "running header": "页眉", "running header or footer": "页眉页脚",
            "web page noise": "网页杂项", "web page links": "网页链接", "decoration": "装饰", "decoration symbol": "装饰符号",
            "artefact": "残留标记", "control characters": "控制字符", "attachment marker": "附件标记",
            "stray symbol before the label": "标签前的杂符", "table of contents": "目录"}


def _reason_text(reason: str) -> str:
    """"页码 page number": a removal reason with its Chinese name (matched by its first words)."""
    zh = next((z for en, z in sorted(_REMOVED.items(), key=lambda kv: -len(kv[0])) if reason.startswith(en)), "")
    return f"{zh} {reason}" if zh else reason


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
    """One line on stderr (file names and text from inside files escaped), then exit `code`;
    the code stands when stderr itself is a closed pipe."""
    try:
        click.echo(f"compare: error: {printable(message)}", err=True)
    except OSError:
        pass
    sys.exit(code)


def _usage_line(exc: click.UsageError) -> str:
    """Click's usage error on one line, Chinese first: what is wrong, click's message, and
    where help is. An option value our own check refused says so in both languages already."""
    message = " ".join(exc.format_message().split())
    command = exc.ctx.command_path if exc.ctx is not None else "compare"
    where = f"（见 see `{command} --help`）"
    if isinstance(exc, click.MissingParameter):
        return f"缺少参数 {message} {where}"
    if isinstance(exc, click.BadParameter):
        hint = exc.param.get_error_hint(exc.ctx) if exc.param is not None and exc.ctx is not None else ""
        own = " ".join(str(exc.message).split())
        if hint and any("\u4e00" <= ch <= "\u9fff" for ch in own):
            return f"{hint.strip(chr(39))} {own} {where}"
        return f"选项值无效 {message} {where}"
    if isinstance(exc, click.NoSuchOption):
        return f"没有这个选项 {message} {where}"
    return f"用法错误 {message} {where}"


def _on_sigterm(signum, frame):
    from compare.errors import Terminated
    raise Terminated()


def main(argv=None, prog_name="compare"):
    import signal
    try:
        signal.signal(signal.SIGTERM, _on_sigterm)    # so cleanup runs, as on Ctrl-C
    except ValueError:                                  # not the main thread (an embedding program)
        pass
    try:
        code = cli.main(args=argv, prog_name=prog_name, standalone_mode=False)
    except closed_pipe.PipeClosed:
        closed_pipe.end_quietly()
    except click.UsageError as exc:      # one line, like every other error (click's is several)
        _fail(_usage_line(exc), 2)
    except click.ClickException as exc:
        _fail(exc.format_message(), exc.exit_code)
    except click.Abort:
        _fail("已中断 interrupted", 130)
    except KeyboardInterrupt as exc:
        _stopped(exc)
    except CompareError as exc:          # anything the commands did not catch themselves
        _fail(str(exc), exc.exit_code)
    except MemoryError:
        _fail("内存不足（输入对本机过大） out of memory (inputs too large for this machine)", 1)
    except Exception as exc:             # a bug: one line, the details on request
        if os.environ.get("COMPARE_DEBUG"):
            raise
        _fail(f"内部错误，请报告 internal error ({type(exc).__name__}: {exc}); rerun with COMPARE_DEBUG=1 "
              "for details and please report it", 1)
    sys.exit(code if isinstance(code, int) else 0)


# Collect cyclic garbage after 20,000 new objects rather than Python's 700: a seed-pair run spends
# ~0.03 s in the collector, mostly rescanning the modules it imported, ~0.015 s with this
# (measured with gc.callbacks); at most 20,000 objects wait longer to be freed.
_GC_THRESHOLD = (20_000, 10, 10)


def program(prog_name: str = "compare") -> None:
    """The `compare` program and `python -m compare`: `main`, then the process ends without
    tearing down its heap. Freeing a run's objects one by one at exit takes ~0.07 s of a 0.65 s
    seed-pair run and gives the user nothing: the reports are written and closed by then. The
    exit handlers still run (a LibreOffice profile folder is removed), the output streams are
    flushed, and the exit code is main's. While another thread runs, the interpreter's ordinary
    exit waits for it instead."""
    import gc
    import threading

    from compare.errors import EXIT_PIPE
    gc.set_threshold(*_GC_THRESHOLD)
    try:
        main(prog_name=prog_name)
        code = 0
    except SystemExit as exc:
        if not isinstance(exc.code, int) or threading.active_count() > 1:
            raise
        code = exc.code
    import atexit
    atexit._run_exitfuncs()       # what the interpreter runs at exit, before tearing down
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:         # the reader went away after the last line was printed
            code = code or EXIT_PIPE
        except (OSError, ValueError):   # Python's own exit says 120 for this
            code = code or 120
    os._exit(code)
