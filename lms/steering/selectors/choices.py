"""The choices of the dashboard's filters: programmes, cohorts, organisations and départements."""

from dataclasses import dataclass

from courses.models import Cohort
from lms.accounts.models import Organisation


@dataclass(frozen=True)
class FilterChoices:
    programmes: tuple[tuple[int, str], ...] = ()
    cohorts: tuple[tuple[str, tuple[tuple[int, str], ...]], ...] = ()  # by programme title
    organisations: tuple[tuple[int, str], ...] = ()
    departements: tuple[str, ...] = ()


def filter_choices() -> FilterChoices:
    """Every programme with a cohort, every cohort (newest first, grouped by programme), every
    organisation and the départements they are in (2 queries)."""
    cohorts = Cohort.objects.order_by("programme__title", "-starts_on", "name").values_list(
        "id", "name", "programme_id", "programme__title"
    )
    programmes: dict[int, str] = {}
    by_programme: dict[str, list[tuple[int, str]]] = {}
    for cohort_id, name, programme_id, title in cohorts:
        programmes[programme_id] = title
        by_programme.setdefault(title, []).append((cohort_id, name))
    organisations = list(Organisation.objects.order_by("name").values_list("id", "name", "departement"))
    return FilterChoices(
        programmes=tuple(programmes.items()),
        cohorts=tuple((title, tuple(items)) for title, items in by_programme.items()),
        organisations=tuple((pk, name) for pk, name, _departement in organisations),
        departements=tuple(sorted({departement for _pk, _name, departement in organisations})),
    )
