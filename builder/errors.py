"""The errors a build reports: a lesson's file, line and what is wrong; all of them at once."""

import yaml


class LessonError(Exception):
    """A mistake in a lesson, reported as `path:line: message`."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class BuildFailed(Exception):
    """The lessons have errors; `errors` lists every one found."""

    def __init__(self, errors: list[LessonError]):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


def load_yaml(text: str, first_line: int, where: str, what: str):
    """Parse a YAML block of a lesson; returns (data, node tree for line numbers).

    A mistake is a LessonError at its line, in words an author can act on.
    """
    try:
        return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        if "mapping values are not allowed" in problem:
            problem += " (a value with ': ' in it, such as lambda x: ..., must be in quotes)"
        raise LessonError(where, first_line + (mark.line if mark else 0),
                          f"{what} is not valid YAML: {problem}") from None
