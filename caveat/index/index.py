"""The screening index over the active list versions.

Built once per set of list versions, then pickled by the caller so that a new process
starts in well under a second: its state is kept in plain tuples, strings and dicts,
and entities stay as JSON until a hit needs one. Candidate retrieval goes from the
query's parts to the listed names sharing a part or a near part, scored by rarity, so
that the true match is found even when every part is misspelt a little, and common
parts alone do not flood the candidates.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from followthemoney import model

from caveat.entity import Entity
from caveat.index.vocabulary import Vocabulary
from caveat.match.evidence import CandidateFacts, normalize_identifier
from caveat.match.scoring import ListedName
from caveat.match.tokens import PartJudge
from caveat.names import NameForm, analyze_name
from caveat.names.variants import NameVariants

__all__ = ["ScreeningIndex", "is_org_schema", "schemas_compatible"]

NAME_KINDS = ("name", "alias", "previousName", "weakAlias")
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "birthCountry", "flag")
ID_PROPS = (
    "idNumber", "passportNumber", "taxNumber", "registrationNumber", "imoNumber", "mmsi",
    "swiftBic", "innCode", "ogrnCode", "leiCode", "vatCode", "socialSecurityNumber", "uscCode",
)  # fmt: skip
COMMON_POSTINGS = 200
MIN_ID_LENGTH = 5
ENTITY_CACHE = 4_096
INITIAL_WEIGHT = 0.5
MIN_ALTERNATIVE = 3
MIN_ACRONYM = 3
MAX_ACRONYM = 6
# An acronym's matches may cover the query only up to this share, as scoring credits it.
ACRONYM_SHARE = 0.85

FormState = tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]
NameState = tuple[int, str, str, tuple[FormState, ...]]


def is_org_schema(schema: str) -> bool:
    return schema != "Person"


def entity_facts(entity: Entity) -> CandidateFacts:
    countries = {c for prop in COUNTRY_PROPS for c in entity.get(prop)}
    identifiers = {normalize_identifier(v) for prop in ID_PROPS for v in entity.get(prop)}
    identifiers.update(normalize_identifier(i.number) for i in entity.identifiers)
    return CandidateFacts(
        birth_dates=tuple(entity.get("birthDate")),
        countries=frozenset(countries),
        identifiers=frozenset(i for i in identifiers if len(i) >= MIN_ID_LENGTH),
        given_names=name_parts(entity.get("firstName")),
        family_names=name_parts(entity.get("lastName")),
    )


def name_parts(values: Iterable[str]) -> frozenset[str]:
    """Folded parts of given or family names, for the name-order check."""
    return frozenset(t for v in values for form in analyze_name(v) for t in form.tokens)


def _form_state(form: NameForm) -> FormState:
    return (
        form.text,
        form.latin,
        form.tokens,
        tuple(sorted(form.legal_forms)),
        tuple(sorted(form.scripts)),
        form.abjad,
    )


def _form(state: FormState) -> NameForm:
    text, latin, tokens, legal, scripts, abjad = state
    return NameForm(text, latin, tokens, frozenset(legal), frozenset(scripts), abjad)


class ScreeningIndex:
    """Entities, their analysed names, part postings and identifier lookups."""

    def __init__(
        self, entities: Sequence[Entity], variants: NameVariants, fingerprint: str = ""
    ) -> None:
        self.fingerprint = fingerprint
        self.variants = variants
        self._json: list[str] = [e.canonical_json() for e in entities]
        self._cache: dict[int, Entity] = {}
        self._listed: dict[int, list[ListedName]] = {}
        self.ids: list[str] = [e.id for e in entities]
        self.schemas: list[str] = [e.schema for e in entities]
        self.facts: list[CandidateFacts] = [entity_facts(e) for e in entities]
        self._names: list[NameState] = []
        for position, entity in enumerate(entities):
            is_org = is_org_schema(entity.schema)
            seen: set[str] = set()
            for kind in NAME_KINDS:
                for text in (t for value in entity.get(kind) for t in _alternatives(value)):
                    if text in seen:
                        continue
                    seen.add(text)
                    forms = analyze_name(text, is_org=is_org)
                    if forms:
                        states = tuple(_form_state(f) for f in forms)
                        self._names.append((position, kind, text, states))
        self.canonical: list[int] = _fold_copies(entities)
        self._derive()
        counts = {t: len(ids) for t, ids in self.postings.items()}
        self.vocabulary = Vocabulary(counts, len(self._names), self.variants)
        self._weigh_names()

    def _weigh_names(self) -> None:
        """Each name's part count and total rarity weight (of its lightest form)."""
        self.name_parts: list[int] = []
        self.name_weight: list[float] = []
        for _, _, _, forms in self._names:
            totals = [sum(self.weight(t) for t in form[2]) for form in forms]
            self.name_parts.append(min(len(form[2]) for form in forms))
            self.name_weight.append(max(min(totals), 1e-6))

    def _derive(self) -> None:
        """The lookups computed from the names and facts (rebuilt after loading)."""
        self.name_entity: list[int] = [n[0] for n in self._names]
        self.names_by_entity: list[list[int]] = [[] for _ in self.ids]
        postings: dict[str, list[int]] = defaultdict(list)
        acronyms: dict[str, list[int]] = defaultdict(list)
        for name_id, (entity, _, _, forms) in enumerate(self._names):
            self.names_by_entity[entity].append(name_id)
            for token in {t for form in forms for t in form[2]}:
                postings[token].append(name_id)
            if is_org_schema(self.schemas[entity]):
                for initials in {_initials(form[2]) for form in forms} - {""}:
                    acronyms[initials].append(name_id)
        self.postings: dict[str, tuple[int, ...]] = {t: tuple(ids) for t, ids in postings.items()}
        # Organisations by the initials of their name ("pla" for People's Liberation
        # Army): a query may give only those.
        self.acronyms: dict[str, tuple[int, ...]] = {t: tuple(v) for t, v in acronyms.items()}
        self.common: dict[str, frozenset[int]] = {
            t: frozenset(ids) for t, ids in postings.items() if len(ids) > COMMON_POSTINGS
        }
        by_id: dict[str, list[int]] = defaultdict(list)
        for position, facts in enumerate(self.facts):
            for identifier in facts.identifiers:
                by_id[identifier].append(position)
        self.by_identifier: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_id.items()}

    def __getstate__(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "json": self._json,
            "ids": self.ids,
            "schemas": self.schemas,
            "facts": [
                (
                    f.birth_dates,
                    tuple(sorted(f.countries)),
                    tuple(sorted(f.identifiers)),
                    tuple(sorted(f.given_names)),
                    tuple(sorted(f.family_names)),
                )
                for f in self.facts
            ],
            "names": self._names,
            "canonical": self.canonical,
            "vocabulary": self.vocabulary,
            "name_parts": self.name_parts,
            "name_weight": self.name_weight,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.fingerprint = state["fingerprint"]
        # Name knowledge is not pickled: the loader already holds it (`use_variants`).
        self.variants = NameVariants.empty()
        self._json = state["json"]
        self._cache = {}
        self._listed = {}
        self.ids = state["ids"]
        self.schemas = state["schemas"]
        self.facts = [
            CandidateFacts(dates, frozenset(c), frozenset(i), frozenset(g), frozenset(f))
            for dates, c, i, g, f in state["facts"]
        ]
        self._names = state["names"]
        self.canonical = state["canonical"]
        self.vocabulary = state["vocabulary"]
        self.use_variants(self.variants)
        self._derive()
        self.name_parts = state["name_parts"]
        self.name_weight = state["name_weight"]

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
            if len(self._cache) >= ENTITY_CACHE:
                self._cache.clear()
            self._cache[position] = found
        return found

    def weight(self, token: str) -> float:
        return self.vocabulary.weight(token)

    def names_of(self, entity: int) -> list[ListedName]:
        """The entity's names with their forms, rebuilt from the compact state once and
        kept while the entity stays in use."""
        found = self._listed.get(entity)
        if found is None:
            found = [
                ListedName(text, kind, tuple(_form(f) for f in forms))
                for _, kind, text, forms in (self._names[i] for i in self.names_by_entity[entity])
            ]
            if len(self._listed) >= ENTITY_CACHE:
                self._listed.clear()
            self._listed[entity] = found
        return found

    def candidates(
        self,
        forms: Iterable[NameForm],
        identifiers: Iterable[str] = (),
        schema: str = "Thing",
        limit: int = 40,
    ) -> list[tuple[int, float]]:
        """Entities worth scoring for these query names, best first, each with the
        share of the query's part weight its best name could cover (an upper bound of
        the name score, used to skip hopeless candidates). An identifier match gives 1.

        Parts found on very many names only add to names already found by rarer parts.
        """
        shares: dict[int, float] = {}
        for form in forms:
            # Initials ("P. V.") are not looked up; a name found by the other parts is
            # assumed to spell them out, as scoring may find.
            initials = [t for t in set(form.tokens) if len(t) == 1]
            weights = {t: self.weight(t) for t in set(form.tokens) if len(t) > 1}
            hoped = INITIAL_WEIGHT * len(initials)
            total = sum(weights.values()) + hoped
            if not weights:
                continue
            covered: dict[int, float] = {}
            for token in sorted(weights, key=lambda t: -weights[t]):
                gained: dict[int, float] = {}
                for listed, similarity in self._expand(token, form):
                    common = self.common.get(listed)
                    if common is not None and covered:
                        # Walk the few names found so far, not the long posting list.
                        ids: Iterable[int] = [n for n in covered if n in common]
                    else:
                        ids = self.postings.get(listed, ())
                    for name_id in ids:
                        if gained.get(name_id, 0.0) < similarity:
                            gained[name_id] = similarity
                weight = weights[token]
                for name_id, similarity in gained.items():
                    covered[name_id] = covered.get(name_id, 0.0) + weight * similarity
            for name_id, value in covered.items():
                entity = self.name_entity[name_id]
                value += hoped
                share = value / total
                if self.name_parts[name_id] >= 2:
                    # The listed name may sit whole inside a longer query.
                    share = max(share, min(1.0, value / self.name_weight[name_id]))
                if shares.get(entity, 0.0) < share:
                    shares[entity] = share
            for token in weights:
                for name_id in self.acronyms.get(token, ()) if len(weights) <= 2 else ():
                    # An acronym alone, or beside one more part ("PLA China").
                    entity = self.name_entity[name_id]
                    share = ACRONYM_SHARE * weights[token] / total
                    if shares.get(entity, 0.0) < share:
                        shares[entity] = share
        for identifier in identifiers:
            for entity in self.by_identifier.get(normalize_identifier(identifier), ()):
                shares[entity] = 1.0
        order = sorted(shares, key=lambda e: -shares[e])
        out: list[tuple[int, float]] = []
        for entity in order:
            if not schemas_compatible(schema, self.schemas[entity]):
                continue
            out.append((entity, shares[entity]))
            if len(out) >= limit:
                break
        return out

    def _expand(self, token: str, form: NameForm) -> tuple[tuple[str, float], ...]:
        found = self.vocabulary.expand(token, form.abjad)
        if found or len(token) < 6:
            return found
        # A part the lists write as two ("SiemensAG", "FridrichLindenberg"): find the
        # halves, each allowed a slip, and credit them both.
        best: tuple[tuple[str, float], ...] = ()
        for cut in range(3, len(token) - 1):
            head, tail = token[:cut], token[cut:]
            heads = self.vocabulary.expand(head, form.abjad)
            if not heads:
                continue
            if len(tail) <= 3:
                best = best or heads[:1]
                continue
            tails = self.vocabulary.expand(tail, form.abjad)
            if tails:
                return (heads[0], tails[0])
        return best


def _alternatives(text: str) -> list[str]:
    """A listed name and, when it joins names with a slash ("Al-Qa'ida/Islamic Army"),
    each of them."""
    if "/" not in text:
        return [text]
    parts = [p.strip() for p in text.split("/")]
    if len(parts) < 2 or any(sum(c.isalpha() for c in p) < MIN_ALTERNATIVE for p in parts):
        return [text]
    return [text, *parts]


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
    q, c = model.get(query), model.get(candidate)
    if q is None or c is None:
        return True
    return bool(q.is_a(c) or c.is_a(q))
