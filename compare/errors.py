"""The one exception users see: a file and what is wrong with it, printed on one line."""


class CompareError(Exception):
    """A problem the user can fix; the CLI prints it on one line and exits with `exit_code`."""

    exit_code = 2

    def __init__(self, path, problem: str):
        self.path = str(path) if path is not None else ""
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class InputError(CompareError):
    """An input document cannot be read or holds no usable text."""


class OutputError(CompareError):
    """A report cannot be written where asked."""
    exit_code = 3


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM): raised in the main thread like Ctrl-C, so every
    cleanup on the way out runs (temporary report files removed, the output folder unlocked)."""


# 128 + SIGPIPE: what a shell reports for a program killed by writing to a closed pipe.
EXIT_PIPE = 141

# The command's exit codes (README, `compare --help`).
EXIT_CODES = {
    0: "完成 done: reports written (inspect: the outline printed)",
    1: "内部错误 internal error (a bug: please report it), or out of memory",
    2: "输入或用法错误 bad input or usage: a document or reviewed workbook that cannot be read or used, an "
       "input beyond a limit, an unknown or out-of-range option, a verdict not applied under --strict",
    3: "输出问题 output problem: a report cannot be written where asked (nothing is written), the output "
       "folder is in use by another run, or writing would replace an input or lose a reviewer's verdicts",
    130: "已中断 interrupted (Ctrl-C); temporary files removed, nothing half-written",
    EXIT_PIPE: "输出管道已关闭 output pipe closed (its reader, such as head, stopped reading): ends "
               "quietly, as a program killed by SIGPIPE; reports are complete or not written",
    143: "已终止 terminated (SIGTERM); temporary files removed, nothing half-written",
}
