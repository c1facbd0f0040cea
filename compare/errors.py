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
