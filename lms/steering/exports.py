"""The datasets of a cohort that staff download as CSV or XLSX, and that the evidence pack carries.

Each dataset is a header and a lazy iterator of typed rows (``lms.tabular`` formats them). The rows are
read with ``.iterator(chunk_size=CHUNK_SIZE)`` over ``values_list``: a fixed number of queries whatever
the cohort's size, and in memory one chunk of tuples at a time (no model instances).

- ``emargement``: one row per learner x session of the cohort (``emargement`` is the signed attendance
  sheet). The learners are those the émargement sheet lists (``assessments.selectors.documents``): in
  training or done, plus anyone with a row recorded for that session. 2 queries, merged (below).
- ``resultats``: every quiz attempt of the cohort's learners. The rubric evaluations and the trainers'
  opinions are not in it: they are one row per learner, not per attempt, and have their own page. 1 query.
  On PostgreSQL its CSV is written by the database (``exports_copy``: a ``COPY``, the same bytes). The
  same rows for every cohort at once, the cohort's name first, under the dashboard's filters:
  ``filtered_attempts`` (managers and certifiers, from the dashboard).
- ``certificats``: the certificates issued to the cohort's enrolments, as printed (snapshots). 1 query.
- ``enquetes``: the anonymous survey responses, one column per question, under the anonymity rule of
  the survey reports (``lms.steering.exports_surveys``, with the summary of the evidence pack). No
  learner, ever. 3 queries.

Who may download which (``user_can_export``): managers, certifiers and superusers every dataset of
every cohort; trainers ``emargement`` and ``resultats`` of the cohorts they train (another cohort is a
404, the other datasets a 403 whatever the cohort).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from assessments.models import Attendance, QuizAttempt, TrainingSession
from assessments.selectors.documents import LISTED_STATUSES
from certificates.exports import certificate_header, certificate_rows
from certificates.models import Certificate
from courses.models import Cohort, Enrolment
from lms.accounts import roles
from lms.steering import exports_surveys
from lms.steering.selectors.scope import DashboardFilters, cohort_scope, learner_scope

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Dataset:
    key: str  # the URL's slug and the file's name, fixed ASCII words
    title: str  # lazy
    description: str  # lazy
    for_trainers: bool
    header: Callable[[Cohort], list]
    rows: Callable[[Cohort], Iterator[tuple]]
    # Quiz attempts: the CSV may be written by PostgreSQL (``exports_copy``), same bytes.
    attempts: Callable[[Cohort], "AttemptSelection"] | None = None


def reads_every_cohort(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or roles.has_role(user, roles.MANAGER) or roles.has_role(user, roles.CERTIFIER)
    )


def user_can_export(user, dataset: Dataset) -> bool:
    """The role check, before any cohort is looked up: the cohort itself is ``user_can_view_cohort``'s."""
    if reads_every_cohort(user):
        return True
    return dataset.for_trainers and roles.has_role(user, roles.TRAINER)


def user_can_download_evidence_pack(user) -> bool:
    return reads_every_cohort(user)


def cohort_slug(cohort: Cohort) -> str:
    return slugify(cohort.name) or f"promotion-{cohort.pk}"


def _labels(choices) -> dict:
    """{value: lazy label}: translated when the writer prints it, in the request's language."""
    return dict(choices)


ENROLMENT_STATUSES = _labels(Enrolment.Status.choices)
HALF_DAYS = _labels(TrainingSession.HalfDay.choices)
MODES = _labels(TrainingSession.Mode.choices)
SESSION_STATES = _labels(TrainingSession.State.choices)
PRESENCE = _labels(Attendance.Status.choices)
METHODS = _labels(Attendance.Method.choices)
ATTEMPT_STATES = _labels(QuizAttempt.State.choices)
CLOSE_REASONS = _labels(QuizAttempt.CloseReason.choices)
LEARNER = [_("Nom"), _("Prénom"), _("E-mail"), _("Organisme")]


# --- émargement -----------------------------------------------------------------------------------------

PAIR_ORDER = ("date", "starts_at", "id")
SESSION_FIELDS = ("date", "half_day", "starts_at", "ends_at", "title", "mode", "state", "closed_at", "seal")


def emargement_header(cohort: Cohort) -> list:
    return [
        *LEARNER,
        _("Inscription"),
        _("Date"),
        _("Demi-journée"),
        _("Début"),
        _("Fin"),
        _("Séance"),
        _("Modalité"),
        _("Présence"),
        _("Arrivée"),
        _("Départ"),
        _("Enregistrée par"),
        _("Attestée par l'apprenant·e le"),
        _("Registre"),
        _("Clos et co-signé le"),
        _("Sceau du registre (SHA-256)"),
    ]


def _pairs(cohort: Cohort):
    """Every enrolment of the cohort x every session of the cohort, in the sheet's order."""
    session = "cohort__sessions__"
    return (
        Enrolment.objects.filter(cohort=cohort, cohort__sessions__isnull=False)
        .order_by(*(session + f for f in PAIR_ORDER), "learner__last_name", "learner__first_name", "pk")
        .values_list(
            "cohort__sessions__id",
            "pk",
            "status",
            "learner__last_name",
            "learner__first_name",
            "learner__email",
            "learner__organisation__name",
            *(session + f for f in SESSION_FIELDS),
        )
    )


def _attendances(cohort: Cohort):
    """The recorded rows, in the same order as ``_pairs`` (same ORDER BY, same database)."""
    return (
        Attendance.objects.filter(session__cohort=cohort, enrolment__cohort=cohort)
        .order_by(
            *(f"session__{f}" for f in PAIR_ORDER),
            "enrolment__learner__last_name",
            "enrolment__learner__first_name",
            "enrolment_id",
        )
        .values_list("session_id", "enrolment_id", "status", "arrived_at", "left_at", "method", "attested_at")
    )


def emargement_rows(cohort: Cohort) -> Iterator[tuple]:
    """Two ordered streams merged: the recorded rows are a subsequence of the pairs, in the same order
    (the database sorts both), so each pair is matched by comparing ids only, never names."""
    recorded = _attendances(cohort).iterator(chunk_size=CHUNK_SIZE)
    pending = next(recorded, None)
    for pair in _pairs(cohort).iterator(chunk_size=CHUNK_SIZE):
        attendance = None
        if pending is not None and pending[:2] == pair[:2]:
            attendance, pending = pending, next(recorded, None)
        if attendance is None and pair[2] not in LISTED_STATUSES:
            continue
        yield _emargement_row(pair, attendance)


def _emargement_row(pair: tuple, attendance: tuple | None) -> tuple:
    status, person, (day, half_day, starts, ends, title, mode, state, closed_at, seal) = (
        pair[2],
        pair[3:7],
        pair[7:],
    )
    presence, arrived, left, method, attested = attendance[2:] if attendance else (None,) * 5
    return (
        *person,
        ENROLMENT_STATUSES.get(status, status),
        day,
        HALF_DAYS.get(half_day, half_day),
        starts,
        ends,
        title,
        MODES.get(mode, mode),
        PRESENCE.get(presence, presence),
        arrived,
        left,
        METHODS.get(method, method),
        attested,
        SESSION_STATES.get(state, state),
        closed_at,
        seal or None,
    )


# --- résultats ------------------------------------------------------------------------------------------

_LEARNER = "enrolment__learner__"
# The columns of ``resultats`` as read, in the file's order; ``exports_copy`` formats the same ones in SQL.
RESULT_FIELDS = (
    f"{_LEARNER}last_name",
    f"{_LEARNER}first_name",
    f"{_LEARNER}email",
    f"{_LEARNER}organisation__name",
    "quiz__module__number",
    "quiz__title",
    "number",
    "state",
    "score",
    "passed",
    "started_at",
    "closed_at",
    "close_reason",
)
RESULT_ORDER = (
    f"{_LEARNER}last_name",
    f"{_LEARNER}first_name",
    "enrolment_id",
    "quiz__module__number",
    "quiz_id",
    "number",
)
# The export of every cohort: the cohort's name first, its rows together (two cohorts may share a name).
COHORT_FIELDS = ("enrolment__cohort__name",)
COHORT_ORDER = ("enrolment__cohort__name", "enrolment__cohort_id")


@dataclass(frozen=True)
class AttemptSelection:
    """Which attempts, and whether each row starts with its cohort's name (the export of every cohort)."""

    attempts: QuerySet  # of QuizAttempt, filtered, not ordered
    with_cohort: bool = False

    @property
    def fields(self) -> tuple[str, ...]:
        return (*COHORT_FIELDS, *RESULT_FIELDS) if self.with_cohort else RESULT_FIELDS

    @property
    def order(self) -> tuple[str, ...]:
        return (*COHORT_ORDER, *RESULT_ORDER) if self.with_cohort else RESULT_ORDER


def cohort_attempts(cohort: Cohort) -> AttemptSelection:
    return AttemptSelection(QuizAttempt.objects.filter(enrolment__cohort=cohort))


def filtered_attempts(filters: DashboardFilters) -> AttemptSelection:
    """The attempts of the enrolments the dashboard's filters keep (``scope``): the cohorts of the
    programme, cohort and period chosen, the learners of the organisation and département chosen;
    every enrolment status, as in a cohort's export."""
    enrolments = Enrolment.objects.filter(cohort_scope(filters, "cohort__"), learner_scope(filters))
    return AttemptSelection(
        QuizAttempt.objects.filter(enrolment__in=enrolments.values("pk")), with_cohort=True
    )


def resultats_header(cohort: Cohort | None = None) -> list:
    return [
        *LEARNER,
        _("Module"),
        _("Quiz"),
        _("Tentative n°"),
        _("État"),
        _("Note (%)"),
        _("Réussie"),
        _("Commencée le"),
        _("Close le"),
        _("Clôture"),
    ]


def selection_header(selection: AttemptSelection) -> list:
    return [_("Promotion"), *resultats_header()] if selection.with_cohort else resultats_header()


def resultats_rows(cohort: Cohort) -> Iterator[tuple]:
    return selection_rows(cohort_attempts(cohort))


def selection_rows(selection: AttemptSelection) -> Iterator[tuple]:
    """Typed rows for ``lms.tabular``: the state and the close reason as their labels."""
    attempts = selection.attempts.order_by(*selection.order).values_list(*selection.fields)
    skip = len(selection.fields) - len(RESULT_FIELDS)
    state_at, reason_at = skip + RESULT_FIELDS.index("state"), skip + RESULT_FIELDS.index("close_reason")
    for row in attempts.iterator(chunk_size=CHUNK_SIZE):
        state, reason = row[state_at], row[reason_at]
        yield (
            *row[:state_at],
            ATTEMPT_STATES.get(state, state),
            *row[state_at + 1 : reason_at],
            CLOSE_REASONS.get(reason, reason or None),
        )


# --- certificats ----------------------------------------------------------------------------------------


def certificats_header(cohort: Cohort) -> list:
    return certificate_header()


def certificats_rows(cohort: Cohort) -> Iterator[tuple]:
    certificates = Certificate.objects.filter(enrolment__cohort=cohort).order_by("year", "sequence", "pk")
    return certificate_rows(certificates, chunk_size=CHUNK_SIZE)


def _enquetes_rows(cohort: Cohort) -> Iterator[tuple]:
    return exports_surveys.enquetes_rows(cohort, chunk_size=CHUNK_SIZE)


DATASETS: dict[str, Dataset] = {
    dataset.key: dataset
    for dataset in (
        Dataset(
            "emargement",
            _("Émargement"),
            _("Une ligne par apprenant·e et par séance : présence, horaires, attestation, état du registre."),
            True,
            emargement_header,
            emargement_rows,
        ),
        Dataset(
            "resultats",
            _("Résultats aux quiz"),
            _("Chaque tentative de quiz : note, réussite, dates."),
            True,
            resultats_header,
            resultats_rows,
            attempts=cohort_attempts,
        ),
        Dataset(
            "certificats",
            _("Certificats"),
            _("Les certificats délivrés à la promotion, tels qu'imprimés, avec leur statut."),
            False,
            certificats_header,
            certificats_rows,
        ),
        Dataset(
            "enquetes",
            _("Enquêtes de satisfaction"),
            _(
                "Les réponses anonymes, une colonne par question, sans les textes libres ; un groupe de "
                "moins de trois réponses n'est pas exporté."
            ),
            False,
            exports_surveys.enquetes_header,
            _enquetes_rows,
        ),
    )
}


def datasets_for(user) -> list[Dataset]:
    return [dataset for dataset in DATASETS.values() if user_can_export(user, dataset)]
