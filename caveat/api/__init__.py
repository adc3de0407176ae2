"""The HTTP API: yente-compatible /match and /search, Caveat's /screen, the lists.

`create_app` builds a FastAPI app over a `caveat.store.Store`; ``caveat serve`` runs it
with uvicorn. Modules: ``app`` (factory, request log), ``matching`` and ``data``
(endpoints), ``yente`` (yente's request and response models), ``errors`` (the one
error handler and shape), ``auth`` (API keys), ``limits`` (body and batch limits),
``reload`` (the index swap when lists change).
"""

from caveat.api.app import create_app

__all__ = ["create_app"]
