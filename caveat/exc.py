"""Errors raised by Caveat.

Every failure a user can cause or meet is a `CaveatError`, so that the CLI and the
API can turn it into one clear message. The tree::

    CaveatError
    ├── ConfigError          settings or catalogue entries that cannot be used
    ├── SourceError          a list file that cannot be read or parsed
    │   ├── EmptyFileError
    │   ├── EncodingError
    │   ├── FormatError      the file is not the format it claims to be
    │   └── UnsafeXMLError   DOCTYPE / external entities / entity expansion
    ├── IncompleteSetError   OFAC alias or address files with no primary file
    ├── DownloadError        a fetch that failed, timed out or ended early
    ├── StoreError           the database refused or lost a write
    ├── QueryError           a screening query that cannot be run as asked
    ├── WorkerError          a batch worker process that failed or was killed
    ├── NotFound             no such list, version or entity
    ├── Unauthorized         an API request without a valid key
    ├── InvalidRequest       an API request of the wrong shape
    ├── PayloadTooLarge      an API request body over the limit
    ├── NotReady             no screening index loaded yet
    └── HTTPError            any other HTTP refusal, with its status

Each carries structured detail (``file``, ``line``, ``element``) beside its message,
like followthemoney's ``InvalidData(errors=...)``.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CaveatError",
    "ConfigError",
    "DownloadError",
    "EmptyFileError",
    "EncodingError",
    "FormatError",
    "HTTPError",
    "IncompleteSetError",
    "InvalidRequest",
    "NotFound",
    "NotReady",
    "PayloadTooLarge",
    "QueryError",
    "SourceError",
    "StoreError",
    "Unauthorized",
    "UnsafeXMLError",
    "WorkerError",
]


class CaveatError(Exception):
    """Base of every error Caveat raises on purpose."""

    status: int = 500

    def __init__(self, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.message = message
        self.detail: dict[str, Any] = {k: v for k, v in detail.items() if v is not None}

    def to_dict(self) -> dict[str, Any]:
        return {"error": type(self).__name__, "message": self.message, **self.detail}


class ConfigError(CaveatError):
    status = 500


class SourceError(CaveatError):
    """A list file could not be read or parsed.

    The message always starts with the file name, then the line or element where the
    problem was found when that is known.
    """

    status = 422

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        element: str | None = None,
    ) -> None:
        where = file
        if line is not None:
            where += f", line {line}"
        if element is not None:
            where += f", in <{element}>"
        super().__init__(f"{where}: {problem}", file=file, line=line, element=element)
        self.file = file
        self.line = line
        self.element = element
        self.problem = problem


class EmptyFileError(SourceError):
    pass


class EncodingError(SourceError):
    pass


class FormatError(SourceError):
    pass


class UnsafeXMLError(SourceError):
    pass


class IncompleteSetError(CaveatError):
    status = 422


class DownloadError(CaveatError):
    status = 502


class StoreError(CaveatError):
    status = 500


class NotFound(CaveatError):
    status = 404


class QueryError(CaveatError):
    status = 400


class WorkerError(CaveatError):
    """A worker process of a batch failed on its records, or ended before answering."""

    status = 500


class Unauthorized(CaveatError):
    """No API key, or one that is unknown or revoked."""

    status = 401


class InvalidRequest(CaveatError):
    """The body or parameters do not have the documented shape (malformed JSON, types)."""

    status = 422


class PayloadTooLarge(CaveatError):
    status = 413


class NotReady(CaveatError):
    """No screening index is loaded yet (first build still running, or no lists)."""

    status = 503


class HTTPError(CaveatError):
    """Any other HTTP-level refusal (e.g. 405), keeping the status Starlette chose."""

    def __init__(self, status: int, message: str, **detail: Any) -> None:
        super().__init__(message, **detail)
        self.status = status
