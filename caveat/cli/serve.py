"""``caveat serve`` runs the HTTP API; ``caveat keys`` manages its API keys."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
from rich.table import Table

from caveat.cli.app import cli, console, handle_errors, open_store
from caveat.store.access import create_key, list_keys, revoke_key

__all__ = ["keys", "serve"]


# How `serve` hands its options to the app factory that uvicorn calls in each worker
# process (workers are fresh interpreters, so the options travel in the environment).
OPTIONS_VARIABLE = "CAVEAT_SERVE_OPTIONS"


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--workers", type=int, default=1, show_default=True, help="Worker processes.")
@click.option("--no-auth", is_flag=True, help="Serve without API keys (trusted networks only).")
@click.option(
    "--lists-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder whose list files POST /lists/update may load (default: the route is off).",
)
@handle_errors
def serve(host: str, port: int, workers: int, no_auth: bool, lists_dir: Path | None) -> None:
    """Serve the HTTP API (yente-compatible /match, /search, /screen, /lists).

    Every route but /healthz, /readyz and the API docs needs a key from `caveat keys
    create`, sent as 'Authorization: ApiKey KEY' or 'X-API-Key: KEY'. Each worker
    loads the index of the active lists and reloads it when they change.

    Example:

        caveat keys create --name crm && caveat serve --port 8000
    """
    open_store().close()  # fail here, clearly, if the database cannot be opened
    options = {"no_auth": no_auth, "lists_dir": None if lists_dir is None else str(lists_dir)}
    os.environ[OPTIONS_VARIABLE] = json.dumps(options)
    import uvicorn  # only the command that serves pays for the server's import

    uvicorn.run(
        "caveat.cli.serve:open_app",
        host=host,
        port=port,
        workers=workers,
        factory=True,
        access_log=False,  # every request is in the request log already
    )


def open_app() -> object:
    """The app uvicorn builds in each worker, with the options `serve` was given."""
    from caveat.api import create_app

    options = json.loads(os.environ.get(OPTIONS_VARIABLE, "{}"))
    lists_dir = options.get("lists_dir")
    return create_app(
        require_keys=not options.get("no_auth", False),
        lists_dir=None if lists_dir is None else Path(lists_dir),
    )


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
