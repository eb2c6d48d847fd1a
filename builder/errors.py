"""The one error type a broken lesson produces: file, line and what is wrong."""


class LessonError(Exception):
    """A mistake in a lesson, reported as `path:line: message`."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


def yaml_problem(error) -> str:
    """YAML's complaint in words an author can act on."""
    problem = getattr(error, "problem", None) or str(error)
    if "mapping values are not allowed" in problem:
        problem += " (a value with ': ' in it, such as lambda x: ..., must be in quotes)"
    return problem
