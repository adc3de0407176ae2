"""The screening index over the active list versions.

Built once per set of list versions, then pickled by the caller so that a new process
starts in well under a second: its state is kept in strings and arrays (names in a
`NameTable`, postings in `Postings`), and entities stay as JSON until a hit needs one.
Candidate retrieval (`caveat.index.retrieval`) goes from the query's parts to the
listed names sharing a part or a near part, each with an upper bound of its name score,
so that the true match is found even when every part is misspelt a little, and names
that cannot reach the threshold are never aligned.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from caveat.entity import Entity
from caveat.index.facts import FactTable
from caveat.index.listed import (
    Analyse,
    analysed_by,
    analyser,
    analyze_text,
    is_org_schema,
    listed_names,
)
from caveat.index.names import NameTable
from caveat.index.postings import EMPTY, Postings, bound_keys, key_parts, run_starts
from caveat.index.retrieval import (
    JOINED_MIN,
    LOPSIDED,
    MEASURES,
    ListedMeasures,
    NameBounds,
    Near,
    Unit,
    UnitGains,
    legal_bits,
    letter_bits,
    query_units,
    repeated_bits,
    retrieve,
    unit_gains,
)
from caveat.index.vocabulary import Neighbours, Vocabulary, part_counts, rarity_weight
from caveat.kept import Kept
from caveat.match.align import Alignment
from caveat.match.evidence import CandidateFacts, normalize_identifier
from caveat.match.names import AlignmentKey
from caveat.match.prepared import PreparedName, part_weight, prepare, prepare_form
from caveat.match.scoring import ListedName, WeighedName
from caveat.match.tokens import PartJudge
from caveat.names import NameForm
from caveat.names.variants import NameVariants

__all__ = ["Candidate", "ScreeningIndex", "is_org_schema", "schemas_compatible"]

COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "birthCountry", "flag")
ID_PROPS = (
    "idNumber", "passportNumber", "taxNumber", "registrationNumber", "imoNumber", "mmsi",
    "swiftBic", "innCode", "ogrnCode", "leiCode", "vatCode", "socialSecurityNumber", "uscCode",
)  # fmt: skip
MIN_ID_LENGTH = 5
# The caches here and beside the vocabulary, fact table and part judge are sized for a
# batch worker that meets a few hundred thousand distinct names. At their earlier sizes,
# most a quarter of these, they let go of names and parts still in use, and a worker
# spent about a quarter more time per row; full, they hold about 400 MB more.
ENTITY_CACHE = 16_384
# Listed names kept prepared for alignment (about three per entity): a batch meets the
# same listed names again and again, and preparing them anew cost about a tenth of its
# time.
PREPARED_CACHE = 100_000
# Units whose gains are kept, and how many names they may hold together.
GAINS_CACHE = 80_000
NEAR_CACHE = 200_000
GAINS_CACHE_SIZE = 20_000_000
# Alignments kept (`caveat.match.names.Alignments`), of a query rendering and a listed
# one, and query renderings whose retrieved names are kept, with how many names they may
# hold: enough that a worker screening half a million rows (a quarter of a million
# distinct names) works none of them out twice. At the earlier sizes (100,000 and
# 200,000) such a worker aligned a quarter of its pairs again and retrieved 5% of its
# names again.
ALIGNMENT_CACHE = 300_000
RETRIEVED_CACHE = 300_000
RETRIEVED_SIZE = 12_000_000
SPLIT_MIN = 6
MIN_ACRONYM = 3
MAX_ACRONYM = 6
# An acronym's matches may cover the query only up to this share, as scoring credits it.
ACRONYM_SHARE = 0.85

PERSON_FLOOR = 0.7
ORG_FLOOR = 0.6
# Names found above which candidates are ordered by packed keys (`ScreeningIndex._by_entity`).
PACKED_SORT_ABOVE = 300


def entity_facts(entity: Entity, analyse: Analyse = analyze_text) -> CandidateFacts:
    countries = {c for prop in COUNTRY_PROPS for c in entity.get(prop)}
    identifiers = {normalize_identifier(v) for prop in ID_PROPS for v in entity.get(prop)}
    identifiers.update(normalize_identifier(i.number) for i in entity.identifiers)
    return CandidateFacts(
        birth_dates=tuple(entity.get("birthDate")),
        countries=frozenset(countries),
        identifiers=frozenset(i for i in identifiers if len(i) >= MIN_ID_LENGTH),
        given_names=name_parts(entity.get("firstName"), analyse),
        family_names=name_parts(entity.get("lastName"), analyse),
    )


def name_parts(values: Iterable[str], analyse: Analyse = analyze_text) -> frozenset[str]:
    """Folded parts of given or family names, for the name-order check."""
    return frozenset(t for v in values for form in analyse(v, False) for t in form.tokens)


# A share of renderings measured: their records, and the positions of the lopsided ones.
Measured = tuple[npt.NDArray[np.void], list[int]]
# How many shares of the renderings an executor measures.
MEASURE_SHARES = 2


def measure_forms(
    forms: Sequence[tuple[str, ...]], counts: Mapping[str, int], total_names: int
) -> Measured:
    """What retrieval needs to know of each listed rendering, from its parts and how
    many of ``total_names`` names hold each part: its total part weight, whether it may
    sit inside a query, the first letters of its parts, its particles' share and its
    one-letter parts (`ListedMeasures`; the floor is left for the caller)."""
    weigh = functools.partial(rarity_weight, counts=counts, total_names=total_names)
    weights: dict[str, float] = {}  # each part's, worked out once

    def part_weigh(token: str) -> float:
        found = weights.get(token)
        if found is None:
            found = weights[token] = part_weight(token, weigh)
        return found

    records = np.zeros(len(forms), dtype=MEASURES)
    totals, contained = records["total"], records["contained"]
    letters, initials = records["letters"], records["initials"]
    repeated, particles = records["repeated"], records["particles"]
    numbers = records["numbers"]
    lopsided: list[int] = []
    for position, tokens in enumerate(forms):
        prepared = prepare(tokens, weigh, part_weigh=part_weigh)
        total = max(prepared.total, 1e-6)
        totals[position] = total
        inside = contained[position] = prepared.strong >= 2
        letters[position] = letter_bits(tokens)
        initials[position] = letter_bits([t for t in tokens if len(t) == 1])
        repeated[position] = repeated_bits(tokens)
        particles[position] = sum(prepared.weights[i] for i in prepared.particles) / total
        numbers[position] = sum(prepared.weights[i] for i in prepared.numbers)
        if inside and max(prepared.weights) >= LOPSIDED * total:
            lopsided.append(position)
    return records, lopsided


@dataclass(frozen=True, slots=True)
class Candidate:
    """A listed entity worth scoring: the upper bound of its name score, and its names
    found with theirs, best first (empty when found by an identifier: score them all)."""

    entity: int
    bound: float
    names: tuple[tuple[int, float], ...]


class ScreeningIndex:
    """Entities, their analysed names, part postings and identifier lookups."""

    def __init__(
        self,
        entities: Sequence[Entity],
        variants: NameVariants,
        fingerprint: str = "",
        lineage: dict[str, frozenset[str]] | None = None,
        executor: Executor | None = None,
    ) -> None:
        """``lineage``: each schema with the schemas it is a kind of; `schema_lineage()`
        (FollowTheMoney's model, loaded for it) when `None`. ``executor``: where to
        analyse the names and build the lookups by spelling (processes on other cores;
        the index is the same without one)."""
        self.fingerprint = fingerprint
        self.variants = variants
        analyse = analyser(analysed_by(executor, entities) if executor is not None else None)
        self._json: list[str] = [e.canonical_json() for e in entities]
        self.ids: list[str] = [e.id for e in entities]
        self.schemas: list[str] = [e.schema for e in entities]
        self.names = NameTable(len(entities))
        for position, entity in enumerate(entities):
            is_org = is_org_schema(entity.schema)
            for kind, text in listed_names(entity):
                forms = analyse(text, is_org)
                if forms:
                    self.names.add(position, kind, text, forms)
        self.names.seal()
        counts = part_counts(parts for _, parts in self.names.tokens())
        # The lookups by spelling are built elsewhere meanwhile, when there is an elsewhere.
        neighbours = executor.submit(Neighbours, list(counts)) if executor is not None else None
        renderings: list[tuple[str, ...]] = []
        legal: list[int] = []
        for tokens, classes in self.names.renderings():
            renderings.append(tokens)
            legal.append(legal_bits(classes))
        if executor is None:
            measured: Iterable[Measured] = [measure_forms(renderings, counts, len(self.names))]
        else:
            size = max(1, -(-len(renderings) // MEASURE_SHARES))
            shares = [renderings[i : i + size] for i in range(0, len(renderings), size)]
            measured = executor.map(
                measure_forms, shares, itertools.repeat(counts), itertools.repeat(len(self.names))
            )
        self.facts = FactTable(entity_facts(e, analyse) for e in entities)
        self.canonical: list[int] = _fold_copies(entities)
        # Postings lead to renderings, so that a bound never mixes the parts of two.
        self.postings = Postings.build(enumerate(renderings))
        org = [is_org_schema(s) for s in self.schemas]
        self.acronyms = Postings.build(
            (form_id, [_initials(tokens)] if _initials(tokens) else [])
            for form_id, tokens in enumerate(renderings)
            if org[int(self.names.entity[self.names.form_name[form_id]])]
        )
        self._measure_names(measured, legal)
        self.vocabulary = Vocabulary(
            counts,
            len(self.names),
            variants,
            neighbours.result() if neighbours is not None else None,
        )
        # Kept here so that screening needs no FollowTheMoney import.
        self.lineage: dict[str, frozenset[str]] = schema_lineage() if lineage is None else lineage
        self._derive()

    def _measure_names(self, measured: Iterable[Measured], legal: Sequence[int]) -> None:
        """What retrieval needs to know of each listed rendering (`measure_forms`, a
        share at a time), with its legal forms (`legal_bits`) and its floor: whether a
        person's or an organisation's."""
        measures = ListedMeasures.empty(self.names.form_count())
        lopsided: list[int] = []
        start = 0
        for share, share_lopsided in measured:
            for field_name in MEASURES.names or ():
                # Field by field, so that the padding between fields stays zero.
                measures.records[field_name][start : start + len(share)] = share[field_name]
            lopsided.extend(start + i for i in share_lopsided)
            start += len(share)
        measures.records["legal"] = legal
        person = np.asarray([s == "Person" for s in self.schemas], dtype=np.bool_)
        measures.records["floor"] = np.where(
            person[self.names.entity[self.names.form_name]],
            np.float32(PERSON_FLOOR),
            np.float32(ORG_FLOOR),
        )
        self.measures = measures.completed(np.asarray(lopsided, dtype=np.int32))

    def _derive(self) -> None:
        """Lookups rebuilt after loading, and the per-process caches."""
        self._cache: Kept[int, Entity] = Kept(ENTITY_CACHE)
        self._listed: Kept[int, WeighedName] = Kept(PREPARED_CACHE)
        self._part_weights: dict[str, float] = {}
        self._compatible: dict[tuple[str, str], bool] = {}
        self._gains: Kept[tuple[object, ...], tuple[Near, UnitGains]] = Kept(
            GAINS_CACHE, lambda kept: len(kept[1][0]), GAINS_CACHE_SIZE
        )
        self._near_cache: Kept[tuple[str, bool, str, bool], Near] = Kept(NEAR_CACHE)
        self.alignments: Kept[AlignmentKey, Alignment] = Kept(ALIGNMENT_CACHE)
        self._retrieved: Kept[tuple[object, ...], NameBounds] = Kept(
            RETRIEVED_CACHE, lambda found: len(found.ids), RETRIEVED_SIZE
        )
        by_id: dict[str, list[int]] = defaultdict(list)
        for position, identifier in self.facts.identifiers():
            by_id[identifier].append(position)
        self.by_identifier: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_id.items()}

    def __getstate__(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "json": self._json,
            "ids": self.ids,
            "schemas": self.schemas,
            "facts": self.facts,
            "names": self.names,
            "canonical": self.canonical,
            "postings": self.postings,
            "acronyms": self.acronyms,
            "vocabulary": self.vocabulary,
            "measures": self.measures,
            "lineage": self.lineage,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.fingerprint = state["fingerprint"]
        # Name knowledge is not pickled: the loader already holds it (`use_variants`).
        self.variants = NameVariants.empty()
        self._json = state["json"]
        self.ids = state["ids"]
        self.schemas = state["schemas"]
        self.facts = state["facts"]
        self.names = state["names"]
        self.canonical = state["canonical"]
        self.postings = state["postings"]
        self.acronyms = state["acronyms"]
        self.vocabulary = state["vocabulary"]
        self.measures = state["measures"]
        self.lineage = state["lineage"]
        self.use_variants(self.variants)
        self._derive()

    def use_variants(self, variants: NameVariants) -> None:
        """Attach the name knowledge the index was built with (after unpickling)."""
        self.variants = variants
        self.vocabulary.judge = PartJudge(variants)

    @property
    def judge(self) -> PartJudge:
        """The one part judge of this index, shared by retrieval and scoring."""
        return self.vocabulary.judge

    def __len__(self) -> int:
        return len(self.ids)

    def entity(self, position: int) -> Entity:
        """The full entity, decoded from JSON on first use."""
        found = self._cache.get(position)
        if found is None:
            found = Entity.from_dict(json.loads(self._json[position]))
            self._cache.put(position, found)
        return found

    def weight(self, token: str) -> float:
        """A part's rarity weight on the indexed lists."""
        return self.vocabulary.weight(token)

    def part_weight(self, token: str) -> float:
        """A listed part's weight in alignment (`caveat.match.prepared.part_weight`)."""
        found = self._part_weights.get(token)
        if found is None:
            found = self._part_weights[token] = part_weight(token, self.weight)
        return found

    def _weighed_near(self, token: str, abjad: bool, retyped: str, *, runs: bool) -> Near:
        """Listed parts near a query part with their weights, kept for later queries;
        for a run of parts written as one, only those spelt alike."""
        key = (token, abjad, retyped, runs)
        found = self._near_cache.get(key)
        if found is None:
            near = (
                self.vocabulary.spellings(token, JOINED_MIN)
                if runs
                else self._near(token, abjad, retyped)
            )
            found = tuple((t, s, self.part_weight(t)) for t, s in near)
            self._near_cache.put(key, found)
        return found

    def _unit_gains(self, unit: Unit, postings: Postings) -> UnitGains:
        """`unit_gains`, kept for later queries: customer names share their parts.

        Kept by the identity of the unit's listed parts (the tuple `_weighed_near` keeps),
        which the entry holds on to, so that the id stays theirs: hashing the parts
        themselves on every query cost more than the rest of the lookup."""
        key = (unit.text, unit.count, unit.weight, id(unit.near))
        found = self._gains.get(key)
        if found is not None:
            return found[1]
        gains = unit_gains(unit, postings)
        self._gains.put(key, (unit.near, gains))
        return gains

    def clear_caches(self) -> None:
        """Forget what queries have computed (entities decoded, names prepared, part
        gains); the index answers the same, from scratch."""
        self._derive()

    def compatible(self, query: str, candidate: str) -> bool:
        """`schemas_compatible`, from the schemas the index was built with."""
        key = (query, candidate)
        found = self._compatible.get(key)
        if found is None:
            found = self._compatible[key] = _related(self.lineage, query, candidate)
        return found

    def names_of(self, entity: int) -> list[WeighedName]:
        """The entity's names with their forms prepared for alignment."""
        return [self.name(i) for i in self.names.of_entity(entity)]

    def name(self, name_id: int) -> WeighedName:
        """One listed name, prepared for alignment: rebuilt from the compact state once,
        and kept while it stays in use. Name by name, not entity by entity: a query aligns
        only the names retrieval found, often two of an entity's five."""
        found = self._listed.get(name_id)
        if found is None:
            names = self.names
            listed = ListedName(names.texts[name_id], names.kind(name_id), names.forms(name_id))
            found = listed.weighed(self.weight, self.part_weight)
            self._listed.put(name_id, found)
        return found

    def find(
        self,
        forms: Iterable[PreparedName],
        identifiers: Iterable[str] = (),
        schema: str = "Thing",
        *,
        needed: float = 0.0,
    ) -> Iterator[Candidate]:
        """Entities whose names may reach ``needed`` (as an upper bound of the name
        score) for these query renderings, best bound first; entities sharing an
        identifier come first with bound 1. Candidates are made as they are read, so a
        caller that stops early pays only for those it took.

        Args:
            forms: The query's renderings, prepared with this index's weights.
            identifiers: The query's identifiers.
            schema: The query's schema: only compatible entities are returned.
            needed: The least name score bound worth returning.
        """
        by_id: set[int] = set()
        for identifier in identifiers:
            for entity in self.by_identifier.get(normalize_identifier(identifier), ()):
                if entity not in by_id and self.compatible(schema, self.schemas[entity]):
                    by_id.add(entity)
                    yield Candidate(entity, 1.0, ())
        person = schema == "Person"
        found = [self._retrieve(form, needed, person) for form in forms]
        form_ids = np.concatenate([f.ids for f in found]) if found else EMPTY
        if len(form_ids) == 0:
            return
        bounds = np.concatenate([f.bounds for f in found])
        entities, name_ids, bounds = self._by_entity(form_ids, bounds)
        starts = run_starts(entities)
        ends = np.append(starts[1:], len(entities))
        for at in (-bounds.take(starts)).argsort(kind="stable").tolist():
            entity = int(entities[starts[at]])
            if entity in by_id or not self.compatible(schema, self.schemas[entity]):
                continue
            span = slice(int(starts[at]), int(ends[at]))
            names = tuple(zip(name_ids[span].tolist(), bounds[span].tolist(), strict=True))
            yield Candidate(entity, names[0][1], names)

    def _by_entity(
        self, form_ids: npt.NDArray[np.int32], bounds: npt.NDArray[np.float32]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """Each name once, with its best bound; then by entity, best name first (names
        of equal bounds in the order of their ids): the entities, names and bounds.

        Two lexsorts cost least for a few hundred names; above, each pair packed into
        one key and sorted once costs less than half as much (`bound_keys`)."""
        if len(form_ids) < PACKED_SORT_ABOVE:
            name_ids = self.names.form_name.take(form_ids)
            order = np.lexsort((-bounds, name_ids))
            name_ids, bounds = name_ids.take(order), bounds.take(order)
        else:
            keys = bound_keys(self.names.form_name.take(form_ids), bounds)
            keys.sort()
            name_ids, bounds = key_parts(keys)
        first = run_starts(name_ids)
        name_ids, bounds = name_ids.take(first), bounds.take(first)
        entities = self.names.entity.take(name_ids)
        if len(name_ids) < PACKED_SORT_ABOVE:
            order = np.lexsort((-bounds, entities))
        else:
            order = bound_keys(entities, bounds).argsort(kind="stable")
        return entities.take(order), name_ids.take(order), bounds.take(order)

    def _retrieve(self, form: PreparedName, needed: float, person: bool) -> NameBounds:
        """`_bounds`, kept for later queries: a customer file holds the same names many
        times over, with other birth dates and countries. Kept by ``needed`` too: what
        a lower one finds, filtered, may hold names a higher one does not walk to; by
        the legal forms, which the bounds count; and by whether the query is a
        person's (`retrieve`)."""
        abjad = form.vowels_guessed
        retyped = "" if form.form is None else form.form.retyped
        legal = frozenset() if form.form is None else form.form.legal_forms
        key = (form.tokens, form.weights, abjad, retyped, legal, needed, person)
        found = self._retrieved.get(key)
        if found is None:
            found = self._bounds(form, needed, abjad, retyped, person)
            self._retrieved.put(key, found)
        return found

    def _bounds(
        self, form: PreparedName, needed: float, abjad: bool, retyped: str, person: bool
    ) -> NameBounds:
        """The listed names this query rendering may reach ``needed`` with."""
        units, initials = query_units(
            form,
            lambda t: self._weighed_near(t, abjad, retyped, runs=False),
            self.postings.__contains__,
            lambda t: self._weighed_near(t, abjad, retyped, runs=True),
        )
        found = retrieve(
            form,
            units,
            initials,
            self.postings,
            self.measures,
            needed,
            self.names.form_tokens,
            self._unit_gains,
            person,
        )
        if len({t for t in form.tokens if len(t) > 1}) > 2:
            return found
        # An organisation named by its initials, alone or beside one more part ("PLA",
        # "PLA China"): scored as an acronym, which covers the part at most ACRONYM.
        extra_ids, extra_bounds = [found.ids], [found.bounds]
        for token, weight in zip(form.tokens, form.weights, strict=True):
            if not 2 <= len(token) <= 6:
                continue
            ids = self.acronyms.get(token)
            bound = ACRONYM_SHARE * weight / form.total
            if len(ids) and bound >= needed:
                extra_ids.append(ids)
                extra_bounds.append(np.full(len(ids), bound, dtype=np.float32))
        if len(extra_ids) == 1:
            return found
        return NameBounds(np.concatenate(extra_ids), np.concatenate(extra_bounds))

    def candidates(
        self,
        forms: Iterable[NameForm],
        identifiers: Iterable[str] = (),
        schema: str = "Thing",
        limit: int = 40,
    ) -> list[tuple[int, float]]:
        """The best ``limit`` entities for these query renderings with their bound,
        without any threshold (`find` for renderings not yet prepared)."""
        prepared = [prepare_form(f, self.weight) for f in forms]
        found = self.find(prepared, identifiers, schema)
        return [(c.entity, c.bound) for c in itertools.islice(found, limit)]

    def _near(self, token: str, abjad: bool, retyped: str) -> tuple[tuple[str, float], ...]:
        found = self.vocabulary.expand(token, abjad, retyped)
        if found or len(token) < SPLIT_MIN:
            return found
        # A part the lists write as two ("SiemensAG", "FridrichLindenberg"): find the
        # halves, each allowed a slip.
        best: tuple[tuple[str, float], ...] = ()
        for cut in range(3, len(token) - 1):
            head, tail = token[:cut], token[cut:]
            heads = self.vocabulary.expand(head, abjad, retyped)
            if not heads:
                continue
            if len(tail) <= 3:
                best = best or (_likeliest(heads),)
                continue
            tails = self.vocabulary.expand(tail, abjad, retyped)
            if tails:
                return (_likeliest(heads), _likeliest(tails))
        return best


def _likeliest(near: tuple[tuple[str, float], ...]) -> tuple[str, float]:
    """The most alike of the listed parts near a part; of equals, the first in
    alphabetical order, so that every process picks the same (an expansion lists equals
    in the order of a set, which changes with the process's string hashes)."""
    return min(near, key=lambda kv: (-kv[1], kv[0]))


def _initials(tokens: tuple[str, ...]) -> str:
    """The initials of a name of three to six parts, else ""."""
    if not MIN_ACRONYM <= len(tokens) <= MAX_ACRONYM or not all(t[:1].isalpha() for t in tokens):
        return ""
    return "".join(t[0] for t in tokens)


def _fold_copies(entities: Sequence[Entity]) -> list[int]:
    """Map each entry that copies another loaded entry (the trade CSL's rows of OFAC's
    lists, a UK entry's UN designation) to that entry, so one designation makes one hit."""
    where = {(e.list_id, e.source_id): i for i, e in enumerate(entities)}
    canonical = list(range(len(entities)))
    for position, entity in enumerate(entities):
        for link in entity.links:
            if link.relation != "same_as" or link.target_source_id is None:
                continue
            target = where.get((link.target_list or entity.list_id, link.target_source_id))
            if target is not None and target != position:
                canonical[position] = target
                break
    for position, target in enumerate(canonical):  # copies of copies
        if canonical[target] != target:
            canonical[position] = canonical[target]
    return canonical


@lru_cache(maxsize=1024)
def schemas_compatible(query: str, candidate: str) -> bool:
    """A query may meet a listed entity when one schema is a kind of the other."""
    return _related(schema_lineage(), query, candidate)


def _related(lineage: dict[str, frozenset[str]], query: str, candidate: str) -> bool:
    """Whether one schema is a kind of the other (or either is unknown)."""
    q, c = lineage.get(query), lineage.get(candidate)
    return q is None or c is None or query in c or candidate in q


@lru_cache(maxsize=1)
def schema_lineage() -> dict[str, frozenset[str]]:
    """Each FollowTheMoney schema with the schemas it is a kind of (itself included)."""
    from followthemoney import model

    return {name: frozenset(s.names) for name, s in model.schemata.items()}
