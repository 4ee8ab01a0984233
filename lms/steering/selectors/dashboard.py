"""The URH dashboard's figures, by programme, cohort, organisation and département.

Everything is counted in SQL, per cell (cohort x organisation): the cells are then added up into the
four groupings in Python. Cells and sessions grow with the cohorts, never with the learners, so the
query count is the same for a cohort of 100 and of 10 000 learners, and so is the Python work, apart
from the eligibility of the learners who could be eligible (see ``enrolments.eligible_by_cell``).

Definitions (also told on the page, ``steering/dashboard_help.html``):

- **Enrolled**: the enrolments accepted (in training, finished, withdrawn); invitations not yet
  accepted are counted apart (« invitations en attente ») and in no rate.
- **Learners counted** in progress, attendance, quizzes and eligibility: in training or finished
  (neither pending invitations nor drop-outs).
- **Progress**: completed lessons among the programme's counted lessons (live lessons of its live
  modules), rounded down, as ``courses.selectors.matrix`` computes it; put in six buckets.
- **Attendance**: attended half-days / expected half-days over the closed sessions held in the period,
  with the rule of ``assessments.selectors.attendance`` (no row = absent, late = present, excused
  absences out of the count when the programme says so).
- **Quiz pass rate**: among the (learner, quiz) pairs with at least one graded attempt at a quiz of the
  programme's live modules, the share with at least one passed attempt.
- **Eligible**: meets every condition of the programme's certification rule today
  (``certificates.selectors.eligibility``) and has no final decision yet.
- **Certified**: certificates issued in the period (whatever their status since); « valid »: those
  valid today. Certification rate: certified / enrolled.
- **Period** (``start``/``end``, both optional): cohorts whose dates overlap it, closed sessions held
  in it, certificates issued in it. Learner states, progress and quizzes are those of today.

Every rate is rounded down, as elsewhere on the platform (« 80 % » means at least 80 %).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from lms.steering.selectors.attendance import SessionPoint, closed_sessions, count_attendance, session_points
from lms.steering.selectors.enrolments import certificates_by_month, count_enrolments, eligible_by_cell
from lms.steering.selectors.figures import Figures
from lms.steering.selectors.groupings import (
    Group,
    by_cohort,
    by_departement,
    by_organisation,
    by_programme,
    organisations_of,
)
from lms.steering.selectors.scope import DashboardFilters, scope_for


@dataclass(frozen=True)
class Dashboard:
    filters: DashboardFilters
    total: Figures = field(default_factory=Figures)
    programmes: tuple[Group, ...] = ()
    cohorts: tuple[Group, ...] = ()
    organisations: tuple[Group, ...] = ()
    departements: tuple[Group, ...] = ()
    sessions: tuple[SessionPoint, ...] = ()
    certificates_by_month: tuple = ()  # (first day of the month, certificates issued)


def dashboard(*, filters: DashboardFilters) -> Dashboard:
    """The figures for ``filters``, in a fixed number of queries (about 25) whatever the sizes."""
    scope = scope_for(filters)
    if scope is None:
        return Dashboard(filters=filters)
    cells: dict[tuple, Figures] = defaultdict(Figures)  # (cohort id, organisation id or None)
    counted = count_enrolments(scope, cells)
    sessions = closed_sessions(scope)
    count_attendance(scope, sessions, counted, cells)
    for cell, eligible in eligible_by_cell(scope).items():
        cells[cell] += Figures(eligible=eligible)
    organisations = organisations_of(cells)
    return Dashboard(
        filters=filters,
        total=sum(cells.values(), Figures()),
        programmes=by_programme(cells, scope),
        cohorts=by_cohort(cells, scope),
        organisations=by_organisation(cells, organisations),
        departements=by_departement(cells, organisations),
        sessions=session_points(scope, sessions, counted),
        certificates_by_month=certificates_by_month(scope),
    )
