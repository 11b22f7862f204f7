"""One exception tree. Every message names the input and says what is wrong, in one line."""

from __future__ import annotations


class MarsadError(Exception):
    """Base of every error marsad raises on purpose."""

    exit_code = 1


class InputError(MarsadError):
    """The input cannot be read or is not what it claims to be."""

    exit_code = 2

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ResourceError(MarsadError):
    """A shipped data file is missing, corrupt or fails validation."""

    exit_code = 3


class PipelineError(MarsadError):
    """Stages were put together in an order that cannot work."""

    exit_code = 4
