"""The URH dashboard against a world computed by hand (``dashboard_fixtures.build_world``): every figure of
every grouping, each filter, the period, impossible filters (400, nothing computed), who may read it,
and the page itself (tables, export links, charts with their data)."""

import datetime
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from lms.accounts import roles
from lms.steering.selectors.dashboard import dashboard
from lms.steering.selectors.figures import Figures
from lms.steering.selectors.scope import DashboardFilters
from lms.steering.views import dashboard as views
from tests.factories import UserFactory, with_role
from tests.steering.dashboard_fixtures import build_world

pytestmark = pytest.mark.django_db
URL = "/gestion/pilotage/"

# Hand-computed: see build_world's docstring. attendance and quizzes are (part, whole, shown).
LILLE = {
    "invited": 1, "active": 3, "completed": 1, "withdrawn": 1, "enrolled": 5,
    "progress": (0, 1, 1, 0, 0, 2), "attendance": (10, 15, "66 %"), "quizzes": (2, 3, "66 %"),
    "eligible": 1, "certified": 1, "valid": 1, "certification": "20 %",
}  # fmt: skip
ARRAS = {
    "invited": 0, "active": 3, "completed": 1, "withdrawn": 0, "enrolled": 4,
    "progress": (1, 0, 1, 0, 1, 1), "attendance": (5, 8, "62 %"), "quizzes": (1, 2, "50 %"),
    "eligible": 0, "certified": 1, "valid": 0, "certification": "25 %",
}  # fmt: skip
TOTAL = {
    "invited": 1, "active": 6, "completed": 2, "withdrawn": 1, "enrolled": 9,
    "progress": (1, 1, 2, 0, 1, 3), "attendance": (15, 23, "65 %"), "quizzes": (3, 5, "60 %"),
    "eligible": 1, "certified": 2, "valid": 1, "certification": "22 %",
}  # fmt: skip
ORG_A = {  # Bailleur Nord, 59: L1, L2, L5 (invited) in Lille; M2, M4 in Arras
    "invited": 1, "active": 3, "completed": 1, "withdrawn": 0, "enrolled": 4,
    "progress": (1, 0, 1, 0, 0, 2), "attendance": (9, 12, "75 %"), "quizzes": (2, 2, "100 %"),
    "eligible": 1, "certified": 1, "valid": 1, "certification": "25 %",
}  # fmt: skip
ORG_B = {  # Habitat Artois, 62: L3, L4 (withdrawn) in Lille; M1, M3 in Arras
    "invited": 0, "active": 2, "completed": 1, "withdrawn": 1, "enrolled": 4,
    "progress": (0, 0, 1, 0, 1, 1), "attendance": (6, 7, "85 %"), "quizzes": (1, 3, "33 %"),
    "eligible": 0, "certified": 1, "valid": 0, "certification": "25 %",
}  # fmt: skip
NO_ORG = {  # L6
    "invited": 0, "active": 1, "completed": 0, "withdrawn": 0, "enrolled": 1,
    "progress": (0, 1, 0, 0, 0, 0), "attendance": (0, 4, "0 %"), "quizzes": (0, 0, "—"),
    "eligible": 0, "certified": 0, "valid": 0, "certification": "0 %",
}  # fmt: skip


def summary(figures: Figures) -> dict:
    return {
        "invited": figures.invited,
        "active": figures.active,
        "completed": figures.completed,
        "withdrawn": figures.withdrawn,
        "enrolled": figures.enrolled,
        "progress": figures.progress,
        "attendance": (figures.attended, figures.expected, str(figures.attendance).replace("\xa0", " ")),
        "quizzes": (
            figures.quizzes_passed,
            figures.quizzes_tried,
            str(figures.quiz_pass).replace("\xa0", " "),
        ),
        "eligible": figures.eligible,
        "certified": figures.certified,
        "valid": figures.valid,
        "certification": str(figures.certification).replace("\xa0", " "),
    }


def figures(**filters):
    return dashboard(filters=DashboardFilters(**filters))


def rows(groups) -> dict:
    return {group.label: summary(group.figures) for group in groups}


@pytest.fixture
def world(tree):
    return build_world(tree)


# --- every figure, every grouping ---------------------------------------------------------------------


def test_each_cohort_and_programme_has_its_hand_computed_figures(world):
    result = figures()
    assert [group.label for group in result.cohorts] == ["Promotion Arras", "Promotion Lille"]  # newest first
    assert rows(result.cohorts) == {"Promotion Lille": LILLE, "Promotion Arras": ARRAS}
    assert [group.cohort_id for group in result.cohorts] == [world.b.cohort.pk, world.a.cohort.pk]
    assert rows(result.programmes) == {"Programme B": ARRAS, world.a.tree.programme.title: LILLE}
    assert summary(result.total) == TOTAL


def test_each_organisation_and_departement_has_its_hand_computed_figures(world):
    result = figures()
    assert rows(result.organisations) == {"Bailleur Nord": ORG_A, "Habitat Artois": ORG_B, "": NO_ORG}
    assert [group.label for group in result.organisations][-1] == ""  # no organisation comes last
    assert [group.detail for group in result.organisations] == ["59", "62", ""]
    assert rows(result.departements) == {"59": ORG_A, "62": ORG_B, "": NO_ORG}


def test_attendance_per_session_follows_the_programmes_excused_rule(world):
    points = [(p.date.isoformat(), p.half_day, p.cohort, p.attended, p.expected) for p in figures().sessions]
    assert points == [
        ("2026-03-02", "am", "Promotion Lille", 3, 4),  # the withdrawn learner's presence is left out
        ("2026-03-03", "am", "Promotion Lille", 3, 4),  # late is present
        ("2026-03-04", "am", "Promotion Lille", 2, 3),  # an excused absence leaves programme A's count
        ("2026-03-05", "am", "Promotion Lille", 2, 4),
        ("2026-10-05", "am", "Promotion Arras", 3, 4),
        ("2026-10-05", "pm", "Promotion Arras", 2, 4),  # programme B counts it as an absence
    ]  # the session scheduled on 12 October is not closed: absent


def test_certificates_are_counted_per_month_of_issue(world):
    assert figures().certificates_by_month == (
        (datetime.date(2026, 4, 1), 1),
        (datetime.date(2026, 10, 1), 1),
    )


# --- filters ----------------------------------------------------------------------------------------------


def test_each_filter_narrows_the_figures(world):
    assert summary(figures(programme=world.b.tree.programme.pk).total) == ARRAS
    assert summary(figures(cohort=world.a.cohort.pk).total) == LILLE
    assert summary(figures(organisation=world.org_a.pk).total) == ORG_A
    assert summary(figures(departement="62").total) == ORG_B
    by_org = figures(organisation=world.org_a.pk)
    assert [group.label for group in by_org.organisations] == ["Bailleur Nord"]
    assert {group.label: group.figures.enrolled for group in by_org.cohorts} == {
        "Promotion Lille": 2,
        "Promotion Arras": 2,
    }
    empty = figures(programme=world.a.tree.programme.pk, cohort=world.b.cohort.pk)
    assert empty.total == Figures() and empty.cohorts == () and empty.sessions == ()


def test_the_period_keeps_overlapping_cohorts_their_sessions_and_certificates_in_it(world):
    autumn = figures(start=datetime.date(2026, 9, 1))
    assert summary(autumn.total) == ARRAS
    assert autumn.certificates_by_month == ((datetime.date(2026, 10, 1), 1),)

    early_march = figures(start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 3))
    assert [group.label for group in early_march.cohorts] == ["Promotion Lille"]
    assert [point.date.day for point in early_march.sessions] == [2, 3]
    # Two half-days in the period: L1, L2, L3 at both, L6 at none. L2's certificate came in April.
    assert summary(early_march.total) == LILLE | {
        "attendance": (6, 8, "75 %"),
        "certified": 0,
        "valid": 0,
        "certification": "0 %",
    }

    # No cohort runs between April and August: L2's certificate of 15 April is not counted, because
    # the period keeps the cohorts it overlaps first.
    assert figures(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 8, 31)).total == Figures()

    one_day = figures(start=datetime.date(2026, 10, 20), end=datetime.date(2026, 10, 20))
    assert summary(one_day.total) == ARRAS | {"attendance": (0, 0, "—")}  # bounds included, no session


# --- the page ----------------------------------------------------------------------------------------------


def _table(html: str, slug: str) -> str:
    return re.search(
        rf'<table class="table dashboard-table" id="table-{slug}">.*?</table>', html, re.S
    ).group(0)


def _cells(table: str, label: str) -> list[str]:
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", table, re.S) if label in r)
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    # Collapse the markup's spaces, never the non-breaking ones the page writes on purpose.
    return [re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", cell))).strip() for cell in cells]


def test_the_page_shows_each_groupings_table_with_the_cohorts_export_links(as_manager, world):
    response = as_manager.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert _cells(_table(html, "cohorts"), "Promotion Lille") == [
        f"Promotion Lille {world.a.tree.programme.title}",
        *("5", "3", "1", "1", "1"),
        *("0", "1", "1", "0", "0", "2"),
        "66\xa0% 10 sur 15",
        "66\xa0% 2 sur 3",
        *("1", "1", "1", "20\xa0%"),
        "Exports de la promotion « Promotion Lille »",
    ]
    exports = reverse("steering:cohort-exports", args=[world.a.cohort.pk])
    assert f'<a href="{exports}">Exports<span class="visually-hidden">' in html
    assert _cells(_table(html, "organisations"), "Sans organisme")[:2] == ["Sans organisme", "1"]
    assert _cells(_table(html, "departements"), "Non renseigné")[0] == "Non renseigné"
    assert _cells(_table(html, "programmes"), "Programme B")[12:14] == ["62\xa0% 5 sur 8", "50\xa0% 1 sur 2"]
    assert "Comment ces chiffres sont calculés" in html


def test_each_chart_is_an_svg_image_with_its_data_as_a_table(as_manager, world):
    html = as_manager.get(URL).content.decode()
    for slug, title in [
        ("chart-progress", "Répartition de la progression"),
        ("chart-attendance", "Assiduité par séance"),
        ("chart-certificates", "Certificats délivrés par mois"),
    ]:
        figure = re.search(rf'<figure class="chart" id="{slug}">.*?</figure>', html, re.S).group(0)
        assert f'<figcaption class="chart__title">{title}</figcaption>' in figure
        assert f'role="img" aria-labelledby="{slug}-svg-title {slug}-svg-desc"' in figure
        assert (
            f'<title id="{slug}-svg-title">{title}</title>' in figure
            and f'<desc id="{slug}-svg-desc">' in figure
        )
        assert "<summary>Voir les données" in figure and f"<caption>{title}</caption>" in figure
        assert not re.search(r'(x|y|width)="\d+,\d', figure)  # coordinates never take a decimal comma
    attendance = re.search(r'<figure class="chart" id="chart-attendance">.*?</figure>', html, re.S).group(0)
    assert _cells(attendance, "04/03/2026") == ["04/03/2026 matin · Promotion Lille", "2", "3", "66\xa0%"]
    assert ">66\xa0%</text>" in attendance  # the value is printed next to its bar
    certificates = re.search(r'<figure class="chart" id="chart-certificates">.*?</figure>', html, re.S).group(
        0
    )
    assert [m for m in ("avril 2026", "mai 2026", "septembre 2026", "octobre 2026") if m in certificates] == [
        "avril 2026",
        "mai 2026",
        "septembre 2026",
        "octobre 2026",
    ]  # the months without certificate are drawn too
    assert _cells(certificates, "mai 2026") == ["mai 2026", "0"]


def test_a_filtered_page_keeps_the_filters_in_the_form(as_manager, world):
    html = as_manager.get(URL, {"cohort": world.b.cohort.pk, "du": "2026-09-01"}).content.decode()
    assert f'<option value="{world.b.cohort.pk}" selected>Promotion Arras</option>' in html
    assert 'name="du" value="2026-09-01"' in html
    assert "Promotion Lille" not in _table(html, "cohorts")


def test_an_empty_selection_says_so(as_manager, world):
    html = as_manager.get(
        URL, {"programme": world.a.tree.programme.pk, "cohort": world.b.cohort.pk}
    ).content.decode()
    assert "Aucune inscription ne correspond à ces filtres." in html
    assert "Pas encore de données pour ces filtres." in html


# --- impossible filters: 400, a French message next to the field, nothing computed -----------------------


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"du": "2026-05-01", "au": "2026-04-30"},
            "au",
            "La fin de la période ne peut pas précéder son début.",
        ),
        ({"du": "2026-02-30"}, "du", "Saisissez une date valide, par exemple 31/01/2026."),
        ({"au": "demain"}, "au", "Saisissez une date valide, par exemple 31/01/2026."),
        ({"du": "1899-12-31"}, "du", "Saisissez une date entre 2000 et 2100."),
        ({"au": "31/12/2200"}, "au", "Saisissez une date entre 2000 et 2100."),
        ({"cohort": "999999"}, "cohort", "Choisissez une valeur de la liste."),
        ({"departement": "<script>"}, "departement", "Choisissez une valeur de la liste."),
    ],
)
def test_impossible_filters_answer_400_with_the_message_next_to_the_field(
    as_manager, world, monkeypatch, query, field, message
):
    def never(**kwargs):
        raise AssertionError("nothing is computed for impossible filters")

    monkeypatch.setattr(views, "dashboard_figures", never)
    response = as_manager.get(URL, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<ul class="errorlist" id="id_{field}_errors"><li>{message}</li></ul>' in html
    assert re.search(
        rf'<[^>]+aria-describedby="id_{field}_errors" aria-invalid="true"[^>]*id="id_{field}"', html
    )
    assert "aucun chiffre n'a été calculé" in html
    assert "<table" not in html and "<svg" not in html


def test_dates_typed_the_french_way_are_understood(as_manager, world):
    response = as_manager.get(URL, {"du": "01/09/2026"})
    assert response.status_code == 200
    assert "Promotion Lille" not in _table(response.content.decode(), "cohorts")


# --- who may read it ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [(roles.LEARNER, 403), (roles.TRAINER, 403), (roles.CERTIFIER, 200), (roles.MANAGER, 200)],
)
def test_managers_and_certifiers_read_it_others_are_refused_before_any_read(
    client, world, monkeypatch, role, status
):
    if status == 403:
        monkeypatch.setattr(views, "filter_choices", lambda: pytest.fail("read before the role check"))
    client.force_login(with_role(UserFactory(), role))
    assert client.get(URL).status_code == status


def test_anonymous_people_are_sent_to_log_in_and_only_get_is_allowed(as_manager, world):
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    assert as_manager.post(URL).status_code == 405
    assert as_manager.head(URL).status_code == 200


def test_the_header_links_managers_and_certifiers_to_the_dashboard(client, tree):
    link = f'<a href="{URL}"'
    for role, shown in [(roles.MANAGER, True), (roles.CERTIFIER, True), (roles.TRAINER, False)]:
        client.force_login(with_role(UserFactory(), role))
        assert (link in client.get("/mon-parcours/").content.decode()) is shown, role
    client.force_login(with_role(UserFactory(), roles.MANAGER))
    assert f'{link} aria-current="page">Pilotage</a>' in client.get(URL).content.decode()
