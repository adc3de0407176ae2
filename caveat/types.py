"""Shared type aliases, so that signatures say what a string means."""

from __future__ import annotations

from typing import TypeAlias

__all__ = ["EntityId", "ListId", "PropertyName", "SchemaName", "Score", "SourceId"]

ListId: TypeAlias = str
"""A list's stable identifier, such as ``us_ofac_sdn`` or ``un_sc``."""

SourceId: TypeAlias = str
"""A list's own reference for an entry: OFAC ent_num, UN reference number, EU logical id."""

EntityId: TypeAlias = str
"""Caveat's identifier for an entity, ``{list_id}-{source_id}``."""

SchemaName: TypeAlias = str
"""A FollowTheMoney schema name such as ``Person`` or ``Vessel``."""

PropertyName: TypeAlias = str
"""A FollowTheMoney property name such as ``birthDate``."""

Score: TypeAlias = float
"""A match score in [0, 1]."""
