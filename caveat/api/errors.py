"""Where every API failure becomes one JSON shape, like datasette's handle_exception.

Whatever went wrong, the client gets the status of the error and::

    {"error": "<class name>", "message": "<what to fix>", ...structured detail}

`CaveatError` already carries ``status`` and ``to_dict()``; request validation errors,
Starlette's own HTTP errors (unknown route, wrong method, oversized body) and anything
unexpected are first turned into a `CaveatError`, so `error_response` is the one
place that writes an error body. tests/api/test_error_shape.py pins the shape.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from caveat.exc import (
    CaveatError,
    HTTPError,
    InvalidRequest,
    NotFound,
    NotReady,
    PayloadTooLarge,
    Unauthorized,
)

__all__ = [
    "ErrorBody",
    "HTTPError",
    "InvalidRequest",
    "NotReady",
    "PayloadTooLarge",
    "Unauthorized",
    "as_caveat_error",
    "error_response",
    "error_responses",
    "install_error_handler",
]

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """The one error shape, as the OpenAPI document states it for every 4xx and 503."""

    model_config = ConfigDict(extra="allow")

    error: str
    message: str


# What each status means on this API, for the OpenAPI document.
_MEANINGS = {
    400: "The request has the documented shape but cannot be screened as asked",
    401: "No API key, or an unknown or revoked one",
    403: "Loading lists over HTTP is off on this server",
    404: "No such dataset (list), entity or route",
    413: "The request body is over the limit",
    422: "The body or parameters do not have the documented shape",
    503: "No screening index is loaded yet",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries in the error shape, for a route's decorator.

    Args:
        statuses: the error statuses the route can answer with.
    """
    return {s: {"model": ErrorBody, "description": _MEANINGS[s]} for s in statuses}


def as_caveat_error(exc: Exception) -> CaveatError:
    """Map any exception to the `CaveatError` whose status and body the client gets."""
    if isinstance(exc, CaveatError):
        return exc
    if isinstance(exc, RequestValidationError):
        errors = _validation_errors(exc.errors())
        first = errors[0] if errors else {"location": "", "message": "invalid request"}
        if first["location"] == "body":  # the message names the body already
            return InvalidRequest(first["message"], errors=errors)
        where = f" at {first['location']}" if first["location"] != "" else ""
        return InvalidRequest(f"invalid request{where}: {first['message']}", errors=errors)
    if isinstance(exc, StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404:
            return NotFound(message if message != "Not Found" else "no such route")
        if exc.status_code == 413:
            return PayloadTooLarge(message)
        return HTTPError(exc.status_code, message)
    log.exception("unexpected error in the API", exc_info=exc)
    return CaveatError(f"internal error: {type(exc).__name__}")


def _validation_errors(raw: Sequence[Any]) -> list[dict[str, str]]:
    out = []
    for item in raw:
        whole_body = tuple(item.get("loc", ())) == ("body",)
        if whole_body and item.get("type") == "missing":
            out.append({"location": "body", "message": "a JSON body is required"})
            continue
        if whole_body and item.get("type") in ("model_attributes_type", "dict_type"):
            message = "the body must be a JSON object, sent as Content-Type: application/json"
            out.append({"location": "body", "message": message})
            continue
        if item.get("type") == "json_invalid":
            # FastAPI's location is ("body", character offset): say so in words.
            why = (item.get("ctx") or {}).get("error", "malformed")
            where = item.get("loc", ("body", "?"))[-1]
            message = f"the body is not valid JSON: {why} (at character {where})"
            out.append({"location": "body", "message": message})
            continue
        location = ".".join(str(part) for part in item.get("loc", ()) if part != "body")
        out.append({"location": location, "message": str(item.get("msg", "invalid"))})
    return out


def error_response(error: CaveatError) -> JSONResponse:
    """The error as the client sees it. A 500 says only what failed: its detail (a
    database message with SQL in it, say) goes to the server log, not to the client."""
    if error.status == 500:
        log.error("%s: %s", type(error).__name__, error.message)
        body = {"error": type(error).__name__, "message": "internal error; see the server log"}
        return JSONResponse(body, status_code=500)
    return JSONResponse(error.to_dict(), status_code=error.status)


async def handle_error(request: Request, exc: Exception) -> JSONResponse:
    """The one handler: every error, whatever raised it, leaves through here.

    Headers Starlette attached (``Allow`` on a 405) are kept.
    """
    response = error_response(as_caveat_error(exc))
    if isinstance(exc, StarletteHTTPException) and exc.headers is not None:
        response.headers.update(exc.headers)
    return response


def install_error_handler(app: FastAPI) -> None:
    for kind in (CaveatError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(kind, handle_error)
