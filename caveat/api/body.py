"""Request bodies read with orjson rather than the standard library's json; answers
written without a second pass through FastAPI.

``json.loads`` accepts what is not JSON and what Caveat cannot answer: ``NaN`` and
``Infinity``, lone UTF-16 surrogates (``"\\ud800"``, which no response can encode
back to UTF-8), and integers of any length. orjson refuses all three with a
``JSONDecodeError`` (a subclass of the standard one), which FastAPI turns into the 422
of `caveat.api.errors`; it is also several times faster on the small bodies of /match.

An endpoint that returns a model makes FastAPI validate it again against the
``response_model`` before writing it; the screening endpoints build their models from
Caveat's own data, so `json_response` writes them (or plain dicts) directly. The
``response_model`` still documents them.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

__all__ = ["StrictJSONRequest", "StrictJSONRoute", "json_response"]


class StrictJSONRequest(Request):
    """A request whose ``json()`` is orjson's."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = orjson.loads(await self.body())
        return self._json


class StrictJSONRoute(APIRoute):
    """A route that hands its endpoint a `StrictJSONRequest`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def strict(request: Request) -> Response:
            return await handle(StrictJSONRequest(request.scope, request.receive))

        return strict


def json_response(content: BaseModel | dict[str, Any]) -> Response:
    """``content`` as a JSON answer: a model by its aliases (yente's ``schema``)."""
    if isinstance(content, BaseModel):
        data = content.model_dump_json(by_alias=True).encode()
    else:
        data = orjson.dumps(content)
    return Response(data, media_type="application/json")
