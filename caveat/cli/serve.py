"""``caveat serve`` runs the HTTP API; ``caveat keys`` manages its API keys."""

from __future__ import annotations

import click
import uvicorn
from rich.table import Table

from caveat.cli.app import cli, console, handle_errors, open_store
from caveat.store.access import create_key, list_keys, revoke_key

__all__ = ["keys", "serve"]


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--workers", type=int, default=1, show_default=True, help="Worker processes.")
@click.option("--no-auth", is_flag=True, help="Serve without API keys (trusted networks only).")
@handle_errors
def serve(host: str, port: int, workers: int, no_auth: bool) -> None:
    """Serve the HTTP API (yente-compatible /match, /search, /screen, /lists).

    Every route but /healthz, /readyz and the API docs needs a key from `caveat keys
    create`, sent as 'Authorization: ApiKey KEY' or 'X-API-Key: KEY'. Each worker
    loads the index of the active lists and reloads it when they change.

    Example:

        caveat keys create --name crm && caveat serve --port 8000
    """
    open_store().close()  # fail here, clearly, if the database cannot be opened
    factory = "caveat.cli.serve:open_app" if not no_auth else "caveat.cli.serve:open_app_no_auth"
    uvicorn.run(factory, host=host, port=port, workers=workers, factory=True)


def open_app() -> object:
    """The app uvicorn builds in each worker (keys required)."""
    from caveat.api import create_app

    return create_app()


def open_app_no_auth() -> object:
    """The app uvicorn builds in each worker with ``--no-auth``."""
    from caveat.api import create_app

    return create_app(require_keys=False)


@cli.group()
def keys() -> None:
    """Create, list and revoke API keys; only a hash of each key is stored.

    Example:

        caveat keys create --name crm
    """


@keys.command("create")
@click.option("--name", required=True, help="Who or what uses the key (shown in the log).")
@handle_errors
def keys_create(name: str) -> None:
    """Create a key and print it; it is shown this once only.

    Example:

        caveat keys create --name crm
    """
    secret = create_key(open_store(), name)
    click.echo(secret)
    click.echo(f"Key {name!r} created. Store it now: Caveat keeps only its hash.", err=True)


@keys.command("list")
@handle_errors
def keys_list() -> None:
    """List keys by name, with when they were created and revoked.

    Example:

        caveat keys list
    """
    table = Table()
    for column in ("name", "created", "revoked"):
        table.add_column(column)
    for key in list_keys(open_store()):
        revoked = "" if key.revoked_at is None else f"{key.revoked_at:%Y-%m-%d %H:%M}"
        table.add_row(key.name, f"{key.created_at:%Y-%m-%d %H:%M}", revoked)
    console().print(table)


@keys.command("revoke")
@click.argument("name")
@handle_errors
def keys_revoke(name: str) -> None:
    """Revoke the active key with this name; requests with it get 401 from then on.

    Example:

        caveat keys revoke crm
    """
    revoke_key(open_store(), name)
    click.echo(f"Key {name!r} revoked.")
