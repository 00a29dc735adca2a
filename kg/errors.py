"""Errors a user can cause and fix. The CLI prints them without a traceback."""
from __future__ import annotations

__all__ = ["InputError", "KbError", "KgError", "OutputError", "QueryError", "ValidationError"]


class KgError(Exception):
    """Base class of errors caused by user input; ``exit_code`` is what the CLI returns."""

    exit_code = 1


class InputError(KgError):
    """An input path or file cannot be read."""

    exit_code = 2


class OutputError(KgError):
    """An output directory cannot be written or read."""

    exit_code = 3


class ValidationError(KgError):
    """The dataset does not conform to the shapes."""

    exit_code = 4


class QueryError(KgError):
    """A SPARQL query is malformed or refused."""

    exit_code = 5


class KbError(KgError):
    """The reference knowledge base has format errors."""

    exit_code = 6
