"""The holder keeps answering from the loaded index while a new one is built, then
swaps in the new (screener, versions) pair together."""

from __future__ import annotations

from pathlib import Path

from caveat.api.reload import IndexHolder
from caveat.loading import load_path
from caveat.store import Store
from tests.api.conftest import blocklist
from tests.conftest import FIXTURES


def test_swap_when_the_active_lists_change(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'caveat.db'}") as store:
        load_path(store, blocklist())
        holder = IndexHolder(store, tmp_path / "home")
        holder.check()
        assert holder.wait(60)
        first = holder.current()
        assert [v.list_id for v in first.versions] == ["internal_customers_blocklist"]
        load_path(store, FIXTURES / "uk" / "uk_sanctions_list_sample.xml")
        holder.check()
        during = holder.loaded
        assert during is first or during is not None  # never None while rebuilding
        assert holder.wait(60)
        second = holder.current()
        assert second is not first
        assert len(second.versions) == 2
        assert second.screener.index.fingerprint != first.screener.index.fingerprint
