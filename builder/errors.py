"""The one error type a broken lesson produces: file, line and what is wrong."""


class LessonError(Exception):
    """A mistake in a lesson, reported as `path:line: message`."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message
