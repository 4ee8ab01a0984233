"""Page types: parent/subpage rules, rendering, ordering with durations, lesson navigation."""

import pytest
from django.test import Client
from wagtail.models import Page

from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage
from tests.conftest import build_tree
from tests.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "parents", "children"),
    [
        (HomePage, {Page}, {ProgrammePage}),
        (ProgrammePage, {HomePage}, {ModulePage}),
        (ModulePage, {ProgrammePage}, {LessonPage}),
        (LessonPage, {ModulePage}, set()),
    ],
)
def test_parent_and_subpage_rules(model, parents, children):
    assert set(model.allowed_parent_page_models()) == parents
    assert set(model.allowed_subpage_models()) == children


def test_pages_cannot_be_created_out_of_place(tree):
    assert not LessonPage.can_create_at(tree.programme)
    assert not ModulePage.can_create_at(tree.home)
    assert not ProgrammePage.can_create_at(tree.modules[0])
    assert LessonPage.can_create_at(tree.modules[0])
    # Only one home page per installation.
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_home_lists_the_programme_with_its_totals(tree, client: Client):
    response = client.get(tree.home.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert tree.programme.title in html
    # 2 modules x 3 lessons x 20 minutes
    assert "2 modules" in html
    assert "6 leçons" in html
    assert "2 h" in html


def test_programme_lists_modules_in_tree_order_with_durations(tree, client: Client):
    tree.modules[1].title = "Deuxième module"
    tree.modules[1].save_revision().publish()
    html = client.get(tree.programme.url).content.decode()
    first, second = html.index(tree.modules[0].title), html.index("Deuxième module")
    assert first < second
    assert html.count("3 leçons · 1 h") == 2


def test_module_lists_its_lessons_in_order_with_durations(tree, client: Client):
    module = tree.modules[0]
    LessonPageFactory(parent=module, slug="lecon-longue", title="Une leçon longue", duration_minutes=75)
    html = client.get(module.url).content.decode()
    titles = [lesson.title for lesson in tree.lessons[:3]] + ["Une leçon longue"]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "1 h 15" in html
    assert "4 leçons · 2 h 15" in html


def test_unpublished_lessons_are_neither_listed_nor_counted(tree, client: Client):
    draft = tree.lessons[0]
    draft.unpublish()
    html = client.get(tree.modules[0].url).content.decode()
    assert draft.title not in html
    assert "2 leçons · 40 min" in html


def test_deep_urls_resolve_in_one_lookup_and_drafts_or_unknown_paths_are_404(tree, staff_client: Client):
    client = staff_client
    lesson = tree.lessons[4]
    assert client.get(lesson.url).status_code == 200
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404
    assert client.get(tree.modules[0].url + "inconnue/").status_code == 404
    assert client.get(tree.lessons[0].url + "plus/loin/").status_code == 404


def test_lesson_shows_position_and_previous_next_links(tree, staff_client: Client):
    client = staff_client
    first, middle, last = tree.lessons[:3]
    html = client.get(middle.url).content.decode()
    assert "Leçon 2 sur 3" in html
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{last.url}" rel="next"' in html
    last_html = client.get(last.url).content.decode()
    assert 'rel="next"' not in last_html
    assert "Retour au module" in last_html


def test_lesson_breadcrumbs_lead_back_to_home_programme_and_module(tree, staff_client: Client):
    client = staff_client
    html = client.get(tree.lessons[0].url).content.decode()
    nav = html[html.index('aria-label="Fil d\'Ariane"') :]
    for page in (tree.home, tree.programme, tree.modules[0]):
        assert f'href="{page.url}"' in nav


LESSON_QUERY_BUDGET = 11  # 2 session/user, 1 2FA device, 6 Wagtail serve, 1 lesson place, 1 enrolment lookup


@pytest.mark.parametrize("scale", [1, 10])
def test_lesson_page_query_count_is_fixed_whatever_the_size(staff_client, scale, django_assert_num_queries):
    client = staff_client
    tree = build_tree(modules=2 * scale, lessons_per_module=3 * scale)
    url = tree.lessons[1].url
    client.get(url)  # warm-up
    with django_assert_num_queries(LESSON_QUERY_BUDGET):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("scale", [1, 10])
def test_programme_and_module_pages_query_counts_are_fixed(client, scale, django_assert_num_queries):
    tree = build_tree(modules=2 * scale, lessons_per_module=3 * scale)
    for url, budget in ((tree.programme.url, 9), (tree.modules[0].url, 8), (tree.home.url, 7)):
        client.get(url)
        with django_assert_num_queries(budget):
            assert client.get(url).status_code == 200
