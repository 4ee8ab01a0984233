"""Inviting a whole list of learners into a cohort from a CSV file, all or nothing.

Every line is checked before anything is written. One bad line refuses the whole file, with a report
naming each bad line, numbered as in a spreadsheet (the header is line 1), and why it is refused.
The rules on one learner (e-mail, names, seats, enrolment) are those of ``enrolment``; this module
only reads the file and applies them to every line.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from courses.models import Cohort, Enrolment
from courses.permissions import user_can_manage_cohorts
from courses.services.enrolment import (
    ALREADY_ENROLLED,
    NOT_ALLOWED,
    LearnerData,
    clean_learner,
    enrol_invited,
    seats_left,
)
from lms.accounts.models import Organisation, User
from lms.errors import Conflict, LMSError, NotAllowed

MAX_BYTES = 1024 * 1024
MAX_LINES = 2000
COLUMNS = ("email", "prenom", "nom", "organisation")
# Accepted spellings of each column once lower-cased and stripped of accents, spaces and punctuation.
HEADER_ALIASES = {
    "email": {"email", "mail", "courriel", "adresseemail", "adressemail"},
    "prenom": {"prenom", "firstname"},
    "nom": {"nom", "nomdefamille", "lastname"},
    "organisation": {"organisation", "organisme", "structure"},
}
# Longest value each column may hold, taken from the user model so that no line fails at write time.
MAX_LENGTHS = {
    "email": User._meta.get_field("email").max_length,
    "prenom": User._meta.get_field("first_name").max_length,
    "nom": User._meta.get_field("last_name").max_length,
}

FILE_TOO_LARGE = _("Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers.")
NOT_CSV = _("Ce fichier n'est pas un fichier CSV. Depuis votre tableur, enregistrez-le au format « CSV ».")
NOT_UTF8 = _(
    "Le fichier n'est pas encodé en UTF-8. Depuis votre tableur, enregistrez-le au format "
    "« CSV UTF-8 (délimité par des virgules) »."
)
EMPTY_FILE = _("Le fichier est vide.")
NO_LEARNER = _("Le fichier ne contient aucune ligne d'apprenant·e sous la ligne d'en-tête.")
TOO_MANY_LINES = _(
    "Le fichier compte plus de 2 000 lignes d'apprenant·es : découpez-le en plusieurs fichiers."
)
LINES_REFUSED = _(
    "Aucune inscription n'a été enregistrée : corrigez les lignes signalées, puis déposez de nouveau "
    "le fichier complet."
)
MISSING_HEADER = _("Colonne « %(column)s » absente de la ligne d'en-tête.")
MISSING_CELL = _("Colonne « %(column)s » manquante sur cette ligne.")
TOO_LONG = _("Valeur trop longue dans la colonne « %(column)s » (%(max)s caractères au plus).")
UNKNOWN_ORGANISATION = _(
    "Organisme inconnu : « %(name)s ». Vérifiez son nom ou créez-le d'abord dans l'administration."
)
DUPLICATE_IN_FILE = _("Adresse e-mail en double dans le fichier (déjà présente ligne %(line)s).")
NO_SEAT_LEFT = ngettext_lazy(
    "Plus de place dans la promotion pour cette ligne (%(seats)s place restante pour ce fichier).",
    "Plus de place dans la promotion pour cette ligne (%(seats)s places restantes pour ce fichier).",
    "seats",
)


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str
    code: str = "invalid"


@dataclass(frozen=True)
class ImportResult:
    enrolments: list[Enrolment]

    @property
    def count(self) -> int:
        return len(self.enrolments)


class ImportRefused(LMSError):
    """The file is refused as a whole; ``errors`` lists its bad lines (empty when it cannot be read)."""

    def __init__(self, message, *, code: str = "invalid", errors=()):
        super().__init__(message, code=code)
        self.errors: list[LineError] = list(errors)


@dataclass(frozen=True)
class _Row:
    line: int
    cells: list[str]


def import_learners(*, cohort: Cohort, file, acting_user, language: str = "fr") -> ImportResult:
    """Enrol every learner of the CSV ``file`` as invited and e-mail each one, or write nothing.

    Raises ``ImportRefused`` (with ``errors`` per line) when the file or any of its lines is unusable.
    """
    if not user_can_manage_cohorts(acting_user):
        raise NotAllowed(NOT_ALLOWED, code="not_allowed")
    positions, rows = read_rows(file)
    accepted = validate_rows(cohort=cohort, positions=positions, rows=rows)
    return _enrol_all(cohort=cohort, accepted=accepted, acting_user=acting_user, language=language)


def read_rows(file) -> tuple[dict[str, int], list[_Row]]:
    """The position of each expected column and the non-blank data lines of the uploaded file."""
    records = _records(_decode(_read_bytes(file)))
    if not records:
        raise ImportRefused(EMPTY_FILE, code="empty")
    header, rows = records[0], records[1:]
    positions = _column_positions(header.cells)
    missing = [column for column in COLUMNS if column not in positions]
    if missing:
        errors = [
            _error(header.line, MISSING_HEADER % {"column": column}, "missing_column") for column in missing
        ]
        raise ImportRefused(LINES_REFUSED, code="invalid_lines", errors=errors)
    if not rows:
        raise ImportRefused(NO_LEARNER, code="empty")
    return positions, rows


def validate_rows(
    *, cohort: Cohort, positions: dict[str, int], rows: list[_Row]
) -> list[tuple[int, LearnerData]]:
    """Every line checked against the file, the database and the seats left; all bad lines reported."""
    organisations = {org.name.strip().casefold(): org for org in Organisation.objects.all()}
    enrolled = {email.lower() for email in cohort.enrolments.values_list("learner__email", flat=True)}
    seats = seats_left(cohort)
    seen: dict[str, int] = {}
    taken, errors, accepted = 0, [], []
    for row in rows:
        row_errors, learner = _check_row(row, positions, organisations)
        repeated = _repeat_error(row.line, learner.email, seen, enrolled) if learner else None
        if repeated:
            row_errors.append(repeated)
        else:
            taken += 1
            if taken > seats:
                row_errors.append(_no_seat_error(row.line, seats))
        errors.extend(row_errors)
        if not row_errors:
            accepted.append((row.line, learner))
    if errors:
        raise ImportRefused(LINES_REFUSED, code="invalid_lines", errors=errors)
    return accepted


@transaction.atomic
def _enrol_all(*, cohort: Cohort, accepted, acting_user, language: str) -> ImportResult:
    # Another manager may have filled the cohort since the check: count again under the lock.
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    seats = max(seats_left(locked), 0)
    if len(accepted) > seats:
        errors = [_no_seat_error(line, seats) for line, _learner in accepted[seats:]]
        raise ImportRefused(LINES_REFUSED, code="invalid_lines", errors=errors)
    enrolments = []
    for line, learner in accepted:
        try:
            enrolment = enrol_invited(
                cohort=locked, learner=learner, acting_user=acting_user, language=language
            )
        except Conflict as error:
            raise ImportRefused(
                LINES_REFUSED, code="invalid_lines", errors=[_error(line, error.message, error.code)]
            ) from error
        except ValidationError as error:
            raise ImportRefused(
                LINES_REFUSED, code="invalid_lines", errors=[_error(line, " ".join(error.messages))]
            ) from error
        enrolments.append(enrolment)
    return ImportResult(enrolments=enrolments)


def _read_bytes(file) -> bytes:
    if (getattr(file, "size", None) or 0) > MAX_BYTES:
        raise ImportRefused(FILE_TOO_LARGE, code="too_large")
    raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ImportRefused(FILE_TOO_LARGE, code="too_large")
    if not raw.strip():
        raise ImportRefused(EMPTY_FILE, code="empty")
    return raw


def _decode(raw: bytes) -> str:
    # A NUL byte never occurs in a text file: this is a spreadsheet, a PDF or an image.
    if b"\x00" in raw:
        raise ImportRefused(NOT_CSV, code="not_csv")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(NOT_UTF8, code="not_utf8") from None


def _records(text: str) -> list[_Row]:
    """Non-blank records, each with its line number as a spreadsheet shows it."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[_Row] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            rows.append(_Row(line=number, cells=cells))
            if len(rows) > MAX_LINES + 1:  # the header does not count
                raise ImportRefused(TOO_MANY_LINES, code="too_many_lines")
    except csv.Error:
        raise ImportRefused(NOT_CSV, code="not_csv") from None
    return rows


def _delimiter(text: str) -> str:
    """French spreadsheets write ``;``, the others ``,``: the header line tells which."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return "," if header.count(",") > header.count(";") else ";"


def _column_positions(header: list[str]) -> dict[str, int]:
    by_alias = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}
    positions: dict[str, int] = {}
    for index, label in enumerate(header):
        column = by_alias.get(_normalise(label))
        if column is not None:
            positions.setdefault(column, index)
    return positions


def _normalise(label: str) -> str:
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    return "".join(char for char in decomposed if char.isascii() and char.isalnum())


def _check_row(row: _Row, positions, organisations) -> tuple[list[LineError], LearnerData | None]:
    """What is wrong with the line on its own (in column order), and the learner it describes if readable."""
    missing = [column for column in COLUMNS if positions[column] >= len(row.cells)]
    if missing:
        return [_error(row.line, MISSING_CELL % {"column": col}, "missing_column") for col in missing], None
    values = {column: row.cells[positions[column]].strip() for column in COLUMNS}
    organisation = organisations.get(values["organisation"].casefold())
    data = LearnerData(
        email=values["email"], first_name=values["prenom"], last_name=values["nom"], organisation=organisation
    )
    errors, learner = [], None
    try:
        learner = clean_learner(data)
    except LMSError as error:
        errors.append(_error(row.line, error.message, error.code))
    errors += [
        _error(row.line, TOO_LONG % {"column": column, "max": limit}, "too_long")
        for column, limit in MAX_LENGTHS.items()
        if len(values[column]) > limit
    ]
    if values["organisation"] and organisation is None:
        reason = UNKNOWN_ORGANISATION % {"name": values["organisation"]}
        errors.append(_error(row.line, reason, "unknown_organisation"))
    return errors, learner


def _repeat_error(line: int, email: str, seen: dict[str, int], enrolled: set[str]) -> LineError | None:
    """The line names someone listed above or already in the cohort: it would take no new seat."""
    first = seen.setdefault(email, line)
    if first != line:
        return _error(line, DUPLICATE_IN_FILE % {"line": first}, "duplicate_in_file")
    if email in enrolled:
        return _error(line, ALREADY_ENROLLED, "already_enrolled")
    return None


def _no_seat_error(line: int, seats: int) -> LineError:
    return _error(line, NO_SEAT_LEFT % {"seats": max(seats, 0)}, "over_capacity")


def _error(line: int, message, code: str = "invalid") -> LineError:
    return LineError(line=line, reason=str(message), code=code)
