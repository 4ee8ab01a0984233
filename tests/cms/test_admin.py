"""Editors can open the Wagtail admin and the editing form of every page type (blocks included)."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client: Client) -> Client:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_dashboard_opens_for_a_manager(editor_client):
    response = editor_client.get("/admin/")
    assert response.status_code == 200


def test_every_page_type_has_a_working_edit_form(tree, editor_client):
    for page in (tree.home, tree.programme, tree.modules[0], tree.lessons[0]):
        response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page


def test_lesson_can_be_added_under_a_module_only(tree, editor_client):
    ok = editor_client.get(f"/admin/pages/add/cms/lessonpage/{tree.modules[0].pk}/")
    assert ok.status_code == 200
    refused = editor_client.get(f"/admin/pages/add/cms/lessonpage/{tree.programme.pk}/", follow=True)
    assert refused.redirect_chain[0] == ("/admin/", 302)
    messages = [str(m) for m in refused.context["messages"]]
    assert any("pas les autorisations" in m for m in messages), messages


def test_learners_without_admin_access_are_kept_out(client: Client):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
