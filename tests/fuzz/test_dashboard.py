"""Fuzzing of the URH dashboard's filters: any GET parameters (names, values, repeated, dates of every
shape) give 200 or a 400 that names the field, never a 500; and the page writes nothing."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms.audit.models import AuditEvent
from tests.fuzz import FUZZ, any_text, field_names, nasty_text
from tests.steering.dashboard_fixtures import build_world

pytestmark = pytest.mark.django_db
URL = "/gestion/pilotage/"
FILTERS = ("programme", "cohort", "organisation", "departement", "du", "au")

dates = st.one_of(
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(str),
    st.dates().map(lambda day: day.strftime("%d/%m/%Y")),
    st.sampled_from(["2026-02-30", "2026-13-01", "0000-00-00", "31/12/99", "2026-1-1", "+2026-01-01"]),
    nasty_text,
)
ids = st.one_of(st.integers(-(2**70), 2**70).map(str), nasty_text)


@pytest.fixture
def world(tree):
    return build_world(tree)


def test_any_filters_give_a_page_or_a_400_never_a_500(as_manager, world):
    valid_ids = [
        str(world.a.cohort.pk),
        str(world.b.cohort.pk),
        str(world.org_a.pk),
        str(world.b.tree.programme.pk),
    ]
    values = {
        "programme": st.one_of(st.sampled_from(valid_ids), ids),
        "cohort": st.one_of(st.sampled_from(valid_ids), ids),
        "organisation": st.one_of(st.sampled_from(valid_ids), ids),
        "departement": st.one_of(st.sampled_from(["59", "62", "2A"]), nasty_text),
        "du": dates,
        "au": dates,
    }

    @FUZZ
    @given(
        chosen=st.fixed_dictionaries({}, optional=values),
        repeated=st.lists(st.tuples(st.sampled_from(FILTERS), any_text), max_size=3),
        other=st.dictionaries(field_names, nasty_text, max_size=2),
    )
    def browse(chosen, repeated, other):
        before = AuditEvent.objects.count()
        query = [*chosen.items(), *repeated, *other.items()]
        response = as_manager.get(URL, query)
        assert response.status_code in (200, 400), response.status_code
        html = response.content.decode()
        if response.status_code == 400:
            assert 'class="errorlist"' in html and "<table" not in html
        assert AuditEvent.objects.count() == before

    browse()
