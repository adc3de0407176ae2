"""The API's limits, and the middleware that refuses oversized bodies.

The limits keep one client from tying up a worker:

- `MAX_BODY_BYTES` (1 MiB): larger bodies get 413 before any parsing, whether the
  client declares a Content-Length or streams the body in chunks.
- `MAX_QUERIES` (100, as yente's ``MAX_BATCH``): more queries in one /match get 400.
- `MAX_MATCH_LIMIT` (10, as yente's ``MAX_MATCHES``) results per /match query, default
  `MATCH_LIMIT` (5, as yente's ``MATCH_PAGE``).
- names longer than `caveat.screen.MAX_NAME_LENGTH` get 400 from `Query.checked`.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from caveat.api.errors import PayloadTooLarge, error_response

__all__ = [
    "MATCH_LIMIT",
    "MAX_BODY_BYTES",
    "MAX_MATCH_LIMIT",
    "MAX_QUERIES",
    "MAX_SEARCH_LIMIT",
    "BodyLimit",
]

MAX_BODY_BYTES = 1024 * 1024
MAX_QUERIES = 100
MATCH_LIMIT = 5
MAX_MATCH_LIMIT = 10
MAX_SEARCH_LIMIT = 100


class BodyLimit:
    """ASGI middleware: 413 for a body over ``max_bytes``, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = PayloadTooLarge(
            f"the request body may be at most {self.max_bytes:,} bytes", limit=self.max_bytes
        )
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await error_response(too_large)(scope, receive, send)
                return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # Starlette's HTTPException passes FastAPI's body parsing untouched
                    # and reaches the one error handler as a 413.
                    raise HTTPException(413, too_large.message)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except HTTPException as exc:
            if started or exc.status_code != 413:
                raise
            await error_response(too_large)(scope, receive, send)
