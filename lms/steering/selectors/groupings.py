"""The dashboard's four tables: the cells (cohort x organisation) added up by programme, cohort,
organisation and département. Sums of counts: a group's rates are computed from its totals."""

from collections import defaultdict
from dataclasses import dataclass

from lms.steering.selectors.figures import Figures
from lms.steering.selectors.scope import Scope


@dataclass(frozen=True)
class Group:
    """One row of a grouping's table. ``label`` is empty for learners without an organisation (or
    département); the template names them."""

    key: object
    label: str
    figures: Figures
    detail: str = ""
    cohort_id: int | None = None


def organisations_of(cells) -> dict[int, dict]:
    """{id: name and département} of the organisations in the cells (1 query)."""
    from lms.accounts.models import Organisation

    ids = [organisation_id for _cohort_id, organisation_id in cells if organisation_id is not None]
    return {
        row["id"]: row for row in Organisation.objects.filter(pk__in=ids).values("id", "name", "departement")
    }


def _rolled_up(cells, key_of) -> dict[object, Figures]:
    totals: dict[object, Figures] = defaultdict(Figures)
    for cell, figures in cells.items():
        totals[key_of(cell)] += figures
    return totals


def by_programme(cells, scope: Scope) -> tuple[Group, ...]:
    totals = _rolled_up(cells, lambda cell: scope.cohorts[cell[0]]["programme_id"])
    groups = (
        Group(key=pk, label=scope.programmes[pk].title, figures=figures) for pk, figures in totals.items()
    )
    return tuple(sorted(groups, key=lambda group: group.label.casefold()))


def by_cohort(cells, scope: Scope) -> tuple[Group, ...]:
    """Newest cohorts first."""
    totals = _rolled_up(cells, lambda cell: cell[0])
    cohorts = scope.cohorts
    ordered = sorted(totals, key=lambda pk: (-cohorts[pk]["starts_on"].toordinal(), cohorts[pk]["name"]))
    return tuple(
        Group(
            key=pk,
            label=cohorts[pk]["name"],
            figures=totals[pk],
            detail=scope.programmes[cohorts[pk]["programme_id"]].title,
            cohort_id=pk,
        )
        for pk in ordered
    )


def by_organisation(cells, organisations) -> tuple[Group, ...]:
    """By name; learners without an organisation last."""
    totals = _rolled_up(cells, lambda cell: cell[1])
    groups = [
        Group(
            key=pk,
            label=organisations[pk]["name"] if pk is not None else "",
            figures=figures,
            detail=organisations[pk]["departement"] if pk is not None else "",
        )
        for pk, figures in totals.items()
    ]
    return tuple(sorted(groups, key=lambda group: (group.key is None, group.label.casefold())))


def by_departement(cells, organisations) -> tuple[Group, ...]:
    """By code; learners without an organisation (hence without a département) last."""

    def departement(cell) -> str:
        return organisations[cell[1]]["departement"] if cell[1] is not None else ""

    totals = _rolled_up(cells, departement)
    ordered = sorted(totals, key=lambda code: (not code, code))
    return tuple(Group(key=code, label=code, figures=totals[code]) for code in ordered)
