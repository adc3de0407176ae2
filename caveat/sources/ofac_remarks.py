"""OFAC's free-text Remarks, read into structured facts.

OFAC's legacy CSV (and the US trade Consolidated Screening List, which copies it) packs
most of what it knows about an entry into one Remarks text: semicolon-separated clauses
such as ``DOB 01 Apr 1960``, ``POB Elazig, Turkey``, ``Tax ID No. 7718852163 (Russia)``,
``a.k.a. 'SSB'`` or ``Linked To: PRESIDENCY OF DEFENSE INDUSTRIES.``. This module reads
them in two steps so that any parser can reuse it:

* `parse_remarks` is pure: text in, a `RemarkFacts` out, nothing else touched.
* `apply_remarks` puts those facts on an `EntityBuilder`, choosing FollowTheMoney
  properties the entity's schema has and falling back to ``notes`` otherwise.

Nothing is dropped: a clause no rule recognises becomes a note, and so does a value that
FollowTheMoney refuses (``nationality possibly Palestinian``).

Example:
    >>> facts = parse_remarks("DOB 01 Apr 1960; POB Elazig, Turkey; a.k.a. 'SSB'.")
    >>> facts.values[0]
    Fact(prop='birthDate', value='1960-04-01', clause='DOB 01 Apr 1960')
    >>> facts.names
    [('weakAlias', 'SSB')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from followthemoney import model

from caveat.entity import EntityBuilder, clean_value
from caveat.sources.dates import parse_date, parse_dates
from caveat.types import PropertyName

__all__ = [
    "Fact",
    "RemarkFacts",
    "RemarkIdentifier",
    "apply_remarks",
    "parse_identifier",
    "parse_remarks",
    "split_clauses",
]


class Fact(NamedTuple):
    """A value for a FollowTheMoney property, with the clause it came from (the clause
    becomes a note when the entity's schema has no such property or refuses the value)."""

    prop: PropertyName
    value: str
    clause: str


@dataclass(frozen=True)
class RemarkIdentifier:
    """An identifier clause: ``Passport A1234 (Iran) issued 2001 expires 2006``."""

    type: str
    number: str
    country: str | None = None
    note: str | None = None


@dataclass
class RemarkFacts:
    """Everything one Remarks text says, sorted by kind; list order follows the text."""

    values: list[Fact] = field(default_factory=list)
    identifiers: list[RemarkIdentifier] = field(default_factory=list)
    names: list[tuple[str, str]] = field(default_factory=list)
    """(kind, name) with kind ``weakAlias`` (quoted a.k.a.) or ``previousName`` (f.k.a.)."""
    links: list[str] = field(default_factory=list)
    """Names of the entries this one is ``Linked To``."""
    legal_basis: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# A name or company form ending in a dotted abbreviation keeps its final period when it
# closes the text (OFAC does not double it: "Linked To: KPD S.A.").
KEEP_FINAL_DOT = re.compile(
    r"(?:\b[A-Za-z]\.){2,}$|\b(?:CO|LTD|INC|CORP|LTDA|CIA|Co|Ltd|Inc|Corp|Ltda|Cia)\.$"
)
SPLIT_CHARS = re.compile(r"[();]")
ALT = re.compile(r"^alt\.\s+", re.IGNORECASE)
NAME = re.compile(r"^([afn])\.k\.a\.?[:,]?\s*(.+)$", re.IGNORECASE)
LINKED = re.compile(r"^Linked To:?\s*(.+)$", re.IGNORECASE)
LEGAL = re.compile(
    r"^(?:Executive Order \d+|Secondary sanctions risk|CAATSA Section|Additional Sanctions "
    r"Information|Transactions Prohibited For Persons Owned or Controlled|IFCA Determination"
    r"|PEESA Information|(?:Listing|Effective|Purchase/Sales For Divestment) Date \(|For more "
    r"information on directives)",
    re.IGNORECASE,
)
DATE_RANGE = re.compile(r"^(.+?)\s+to\s+(.+)$", re.IGNORECASE)
PHONE = re.compile(r"^(?:Phone|Telephone)(?: Number| No\.?)?:?\s*(.+)$", re.IGNORECASE)
FAX = re.compile(r"^(?:Alt\.\s*)?Fax\b", re.IGNORECASE)
DIGITAL = re.compile(r"^(Digital Currency Address\s*-\s*\S+)\s+(\S+)$", re.IGNORECASE)
NO_DIGITS_ID = re.compile(
    r"^(SWIFT/BIC|Equity Ticker|BIK(?: \([A-Z]{2}\))?|(?:Previous )?Aircraft Tail Number)\s+(\S.*)$"
)

# Clause label -> FollowTheMoney property, for clauses that carry one value. Keys are
# matched case-insensitively at the start of the clause, longest first; a colon may follow.
LABELS: dict[str, PropertyName] = {
    "POB": "birthPlace",
    "nationality": "nationality",
    "citizen": "citizenship",
    "Gender": "gender",
    "ethnicity": "ethnicity",
    "Website": "website",
    "Email Address": "email",
    "Email": "email",
    "Position": "position",
    "Alternate Title": "position",
    "Occupation": "profession",
    "Organization Type": "sector",
    "Target Type": "classification",
    "Nationality of Registration": "country",
    "Former Vessel Flag": "pastFlags",
    "Other Vessel Flag": "flag",
    "Other Vessel Type": "type",
    "Other Vessel Call Sign": "callSign",
    "Aircraft Model": "model",
}
DATE_LABELS: dict[str, PropertyName] = {
    "DOB": "birthDate",
    "Organization Established Date": "incorporationDate",
    "Aircraft Manufacture Date": "buildDate",
    "Vessel Year of Build": "buildDate",
}
# Identifier kinds that also fill a property of their own on aircraft.
SERIAL_LABELS = ("Aircraft Manufacturer's Serial Number", "Aircraft Serial Identification")


def _label_pattern(labels: list[str]) -> re.Pattern[str]:
    ordered = sorted(labels, key=len, reverse=True)
    options = "|".join(re.escape(label) for label in ordered)
    return re.compile(rf"^({options})(?![A-Za-z'])[:,]?\s*(.+)$", re.IGNORECASE)


LABEL_RE = _label_pattern(list(LABELS))
DATE_LABEL_RE = _label_pattern(list(DATE_LABELS))
CANONICAL = {label.lower(): label for label in (*LABELS, *DATE_LABELS)}

# When the entity's schema lacks the property, use this one instead (else: a note).
FALLBACK: dict[PropertyName, PropertyName] = {
    "nationality": "country",
    "citizenship": "country",
    "flag": "country",
    "pastFlags": "country",
}
IMO = re.compile(r"^IMO\s*(\d{7})$", re.IGNORECASE)
# Identifier types whose number also belongs on a property EntityBuilder does not pick.
ALSO_PROPERTY: dict[str, PropertyName] = {
    "legal entity number": "leiCode",
    "unified social credit code": "uscCode",
    "united social credit code": "uscCode",
}

# Words that end an identifier's type ("Tax ID No.", "Cedula No.", "NIT #", "Passport").
ID_WORD = re.compile(
    r"^(?:no\.?|nr\.?|num\.?|number|numero|id|#|identifica(?:tion|cion|cao)|identidad|identity"
    r"|tributaria|passport|pasaporte|code|card|licen[cs]e|permit|cedula|registration|registry"
    r"|certificate|document|booklet|mmsi|isin|nit|ruc|rtn|curp|rfc|nif|cif|cuit|ssn|duns|inn"
    r"|ogrn|kpp|okpo|fein|visanumberid)$",
    re.IGNORECASE,
)
ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # C.U.R.P., R.F.C., D.N.I.
ID_PREFIX = re.compile(
    r"^(Cartilla de Servicio Militar Nacional|Credencial electoral)\s+(.+)$", re.IGNORECASE
)
ID_NOTE = re.compile(r"\s+(?:issued|expires)\s+.*$", re.IGNORECASE)
DIGIT_WORD = re.compile(r"\S*\d")
ID_COUNTRY = re.compile(r"\s\(([^()]*)\)$")
MAX_TYPE_WORDS = 8
MAX_NUMBER_WORDS = 5


def split_clauses(text: str) -> list[str]:
    """Split Remarks into clauses at semicolons outside parentheses.

    The closing period of the text is dropped unless it belongs to an abbreviation
    (``S.A.``, ``CO.``); if parentheses never balance, every semicolon splits.
    """
    body = " ".join(text.split())
    if body.endswith(".") and KEEP_FINAL_DOT.search(body[-24:]) is None:
        body = body[:-1]
    clauses: list[str] = []
    depth = 0
    start = 0
    for match in SPLIT_CHARS.finditer(body):
        char = match[0]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            clauses.append(body[start : match.start()])
            start = match.end()
    clauses.append(body[start:])
    if depth > 0:
        clauses = body.split(";")
    return [c.strip() for c in clauses if c.strip() not in ("", ".")]


def parse_remarks(text: str | None) -> RemarkFacts:
    """Read a Remarks text into facts; never raises on any input.

    Args:
        text: the Remarks as the file has it (with any overflow text already appended);
            ``None`` or OFAC's null marker ``-0-`` give empty facts.
    """
    facts = RemarkFacts()
    if text is None or text.strip() in ("", "-0-"):
        return facts
    previous: str | None = None
    for clause in split_clauses(text):
        rest = ALT.sub("", clause)
        label = _read_clause(rest, clause, facts)
        if label is None and rest != clause and previous is not None:
            # "alt. 1962" after "DOB 1960": another value of the preceding field.
            label = _read_clause(f"{previous} {rest}", clause, facts)
        if label is None:
            facts.notes.append(clause)
        previous = label if label is not None else previous
    return facts


def _read_clause(body: str, clause: str, facts: RemarkFacts) -> str | None:
    """Record one clause; return its label ("" when it has none), None if unrecognised."""
    match = NAME.match(body)
    if match is not None:
        kind = "previousName" if match[1].lower() == "f" else "weakAlias"
        facts.names.append((kind, _unquote(match[2])))
        return ""
    match = LINKED.match(body)
    if match is not None:
        facts.links.append(match[1].strip())
        return ""
    if LEGAL.match(body) is not None:
        facts.legal_basis.append(body)
        return ""
    if FAX.match(body) is not None:
        return None
    value_body = body.rstrip(" .")
    match = DATE_LABEL_RE.match(value_body)
    if match is not None:
        label = CANONICAL[match[1].lower()]
        dates = _dates(match[2])
        if not dates:
            return None
        facts.values.extend(Fact(DATE_LABELS[label], d, clause) for d in dates)
        return label
    match = PHONE.match(value_body)
    if match is not None:
        facts.values.append(Fact("phone", match[1], clause))
        return ""
    match = LABEL_RE.match(value_body)
    if match is not None:
        label = CANONICAL[match[1].lower()]
        facts.values.append(Fact(LABELS[label], match[2].strip(), clause))
        return label
    return _read_identifier(value_body, clause, facts)


def _read_identifier(body: str, clause: str, facts: RemarkFacts) -> str | None:
    match = DIGITAL.match(body) or NO_DIGITS_ID.match(body)
    if match is not None:
        facts.identifiers.append(RemarkIdentifier(match[1], match[2]))
        return match[1]
    found = parse_identifier(body)
    if found is None:
        return None
    type_, number, country, note = found
    facts.identifiers.append(RemarkIdentifier(type_, number, country, note))
    if type_.startswith(SERIAL_LABELS):
        facts.values.append(Fact("serialNumber", number, clause))
    return type_


def parse_identifier(body: str) -> tuple[str, str, str | None, str | None] | None:
    """Read ``<type words> <number> (<country>) issued .. expires ..`` generically.

    The type ends at the last identifier word (No., Number, ID, #, Passport, Code, a
    dotted acronym such as R.F.C. ...) before the first word holding a digit, plus any
    parenthesised abbreviation after it ("Unified Social Credit Code (USCC)").

    Returns:
        (type, number, country, note) or None when the clause is not an identifier.
    """
    note: str | None = None
    match = ID_NOTE.search(body)
    if match is not None:
        note = match[0].strip()
        body = body[: match.start()]
    country: str | None = None
    match = ID_COUNTRY.search(body)
    if match is not None:
        country = match[1].strip() or None
        body = body[: match.start()]
    match = ID_PREFIX.match(body)
    if match is not None:
        type_, number = match[1], match[2]
    else:
        split = _split_type(body)
        if split is None:
            return None
        type_, number = split
    number = number.strip(" :,.")
    if ", " in number and country is None:
        head, tail = number.split(", ", 1)
        if not any(c.isdigit() for c in tail):
            number, country = head, tail
    if not any(c.isdigit() for c in number) or len(number.split()) > MAX_NUMBER_WORDS:
        return None
    return type_.rstrip(":").strip(), number, country, note


def _split_type(body: str) -> tuple[str, str] | None:
    first = DIGIT_WORD.search(body)  # the first word that holds a digit
    if first is None:
        return None
    tokens = body[: first.start()].split()
    digit = len(tokens)
    if digit == 0:
        return None
    tokens += body[first.start() :].split()
    end = None
    for index in range(min(digit, MAX_TYPE_WORDS)):
        token = tokens[index].rstrip(":")
        if ID_WORD.match(token) is not None or ACRONYM.match(token) is not None:
            end = index
    if end is None:
        return None
    if end + 1 < digit and tokens[end + 1].startswith("("):
        close = next((i for i in range(end + 1, digit) if tokens[i].endswith(")")), None)
        end = close if close is not None else end
    if end + 1 < digit and tokens[end + 1].endswith(":"):
        end += 1
    label = tokens[: end + 1]
    if any("," in t or ":" in t for t in label[:-1]) or "," in label[-1]:
        return None
    return " ".join(label), " ".join(tokens[end + 1 :])


def _unquote(name: str) -> str:
    """``'SSB'`` -> ``SSB``; inner apostrophes (``'ABU 'ABD'``) stay."""
    value = name.strip().rstrip(".").strip() if name.strip().endswith("'.") else name.strip()
    if len(value) >= 2 and value[0] == "'" and value[-1] == "'":
        return value[1:-1].strip()
    return value.lstrip("'").strip()


def _dates(text: str) -> list[str]:
    """Dates from ``01 Apr 1960``, ``circa 1960``, ``1960 to 1962`` or
    ``01 Jan 1960 to 31 Dec 1962`` (a range gives every year, or every month within
    one year, since the list means "one of these")."""
    found = parse_dates(text)
    if found:
        return found
    match = DATE_RANGE.match(text.strip())
    if match is None:
        return []
    start, end = parse_date(match[1]), parse_date(match[2])
    if start is None or end is None or end < start:
        return []
    first, last = int(start[:4]), int(end[:4])
    if first == last and len(start) >= 7 and len(end) >= 7:
        return [f"{first:04d}-{m:02d}" for m in range(int(start[5:7]), int(end[5:7]) + 1)]
    if last - first > 20:
        return [start, end]
    return [str(year) for year in range(first, last + 1)]


def _accepts(type_name: str, value: str) -> bool:
    """Whether FollowTheMoney's cleaning keeps a value (`clean_value` remembers it)."""
    return clean_value(type_name, value) is not None


def apply_remarks(builder: EntityBuilder, facts: RemarkFacts) -> None:
    """Put facts on an entity under construction; set its schema first.

    A value goes to its property when the schema has one (or a `FALLBACK`) and
    FollowTheMoney accepts it, else its whole clause becomes a note.
    """
    schema = model.get(builder.schema)
    if schema is None:  # pragma: no cover - builders always hold a known schema
        raise ValueError(f"unknown schema {builder.schema!r}")
    properties = schema.properties
    seen: set[tuple[str, str]] = set()
    for fact in facts.values:
        prop = fact.prop if fact.prop in properties else FALLBACK.get(fact.prop)
        if (fact.prop, fact.value) in seen:
            continue  # EntityBuilder.add would mistake a repeated value for a rejected one
        seen.add((fact.prop, fact.value))
        if (
            prop is None
            or prop not in properties
            or not _accepts(properties[prop].type.name, fact.value)
        ):
            builder.add("notes", fact.clause)
        else:
            builder.add(prop, fact.value)
    for ident in facts.identifiers:
        builder.add_identifier(ident.type, ident.number, ident.country, ident.note)
        imo = IMO.match(ident.number)
        if imo is not None and "imoNumber" in properties:
            builder.add("imoNumber", f"IMO{imo[1]}")
        also = ALSO_PROPERTY.get(ident.type.split(" (")[0].lower())
        if also is not None and also in properties:
            builder.add(also, ident.number)
    for kind, name in facts.names:
        builder.add_name(name, kind=kind)
    for target in facts.links:
        builder.add_link("linked_to", target_name=target)
    for basis in facts.legal_basis:
        builder.add_legal_basis(basis)
    for note in facts.notes:
        builder.add("notes", note)
