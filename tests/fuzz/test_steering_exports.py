"""The cohort exports and the evidence pack under hostile input: any dataset, format or cohort id in the
URL gets 200, 403 or 404 (never a 500); any filter of the export of every cohort's attempts gets 200,
400, 403 or 404; any name comes out of the XLSX as the same text (never a
formula, never a broken file); the CSV files of the evidence pack are neutralised like every CSV export
(``tests/fuzz/test_exports.py``)."""

import csv
import io
import zipfile
from urllib.parse import quote

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lms.accounts import roles
from lms.accounts.models import Organisation, User
from lms.steering.exports import DATASETS
from lms.tabular import looks_like_formula
from lms.tabular.xlsx import EXCEL_ESCAPE, XML_ILLEGAL
from tests.factories import UserFactory, with_role
from tests.factories.certificates import issued_certificate
from tests.fuzz import FORMULAS, FUZZ, PAYLOADS, any_text, rolled_back
from tests.fuzz.test_exports import FORMULA_START, formula_cells, seed

pytestmark = pytest.mark.django_db

ANSWERS = {200, 403, 404}


@pytest.fixture
def world(tree, manager):
    cohort, _session, _quiz, _rubric, enrolments = seed(tree, ["Camille"])
    trainer = cohort.trainers.get()
    return {
        "cohort": cohort,
        "learner": enrolments[0].learner,
        "clients": {
            "manager": logged_in(manager),
            "trainer": logged_in(trainer),
            "other trainer": logged_in(with_role(UserFactory(), roles.TRAINER)),
            "learner": logged_in(enrolments[0].learner),
        },
    }


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def consume(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_any_dataset_format_or_cohort_in_the_url_answers_200_403_or_404(world):
    cohort = world["cohort"]
    words = st.one_of(st.sampled_from([*DATASETS, "csv", "xlsx", "zip"]), st.sampled_from(PAYLOADS), any_text)
    ids = st.one_of(st.just(cohort.pk), st.integers(min_value=0, max_value=10**30))

    @FUZZ
    @given(actor=st.sampled_from(sorted(world["clients"])), cohort_id=ids, dataset=words, fmt=words)
    def export(actor, cohort_id, dataset, fmt):
        path = (
            f"/gestion/pilotage/promotions/{cohort_id}/export/{quote(dataset, safe='')}.{quote(fmt, safe='')}"
        )
        with rolled_back():
            response = world["clients"][actor].get(path)
            assert response.status_code in ANSWERS, (actor, path, response.status_code)
            body = consume(response)
            if response.status_code == 200 and fmt == "xlsx":
                openpyxl.load_workbook(io.BytesIO(body))

    export()


def test_any_cohort_id_of_the_pages_and_the_pack_answers_200_403_or_404(world):
    @FUZZ
    @given(
        actor=st.sampled_from(sorted(world["clients"])), cohort_id=st.integers(min_value=0, max_value=10**30)
    )
    def pages(actor, cohort_id):
        client = world["clients"][actor]
        with rolled_back():
            for path in (
                f"/gestion/pilotage/promotions/{cohort_id}/exports/",
                f"/gestion/pilotage/promotions/{cohort_id}/dossier-de-preuves.zip",
            ):
                response = client.get(path)
                assert response.status_code in ANSWERS, (actor, path, response.status_code)
                consume(response)

    pages()


def test_any_filter_or_format_of_the_attempts_export_answers_200_400_403_or_404(world):
    cohort = world["cohort"]
    filters = ("programme", "cohort", "organisation", "departement", "du", "au")
    values = st.one_of(st.just(str(cohort.pk)), st.sampled_from(PAYLOADS), any_text)

    @FUZZ
    @given(
        actor=st.sampled_from(sorted(world["clients"])),
        fmt=st.one_of(st.sampled_from(["csv", "xlsx"]), st.sampled_from(PAYLOADS), any_text),
        query=st.dictionaries(st.sampled_from(filters), values, max_size=3),
    )
    def export(actor, fmt, query):
        path = f"/gestion/pilotage/export/resultats.{quote(fmt, safe='')}"
        with rolled_back():
            response = world["clients"][actor].get(path, query)
            assert response.status_code in ANSWERS | {400}, (actor, path, query, response.status_code)
            body = consume(response)
            if response.status_code == 200 and fmt == "xlsx":
                openpyxl.load_workbook(io.BytesIO(body))
            elif response.status_code == 200:
                assert body.startswith("\ufeffPromotion;".encode())

    export()


def xlsx_rows(client, cohort, dataset: str):
    response = client.get(reverse("steering:cohort-export", args=[cohort.pk, dataset, "xlsx"]))
    assert response.status_code == 200
    body = consume(response)
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(body)).read("xl/worksheets/sheet1.xml")
    return list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows())


def test_formulas_stay_text_in_every_xlsx_and_in_the_csv_files_of_the_pack(tree, manager):
    emails = ["=1+1@example.org", "+33@example.org", "-2+3@example.org"]
    cohort, _session, _quiz, _rubric, enrolments = seed(tree, list(FORMULAS), email_texts=emails)
    for enrolment in enrolments:
        issued_certificate(enrolment)
    client = logged_in(manager)
    seen = set()
    for dataset in DATASETS:
        for row in xlsx_rows(client, cohort, dataset):
            for cell in row:
                if isinstance(cell.value, str) and looks_like_formula(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, (dataset, cell.coordinate, cell.value)
                    seen.add(cell.value)
    assert set(FORMULAS) | set(emails) <= seen, set(FORMULAS) | set(emails) - seen
    pack = client.get(reverse("steering:evidence-pack", args=[cohort.pk]))
    archive = zipfile.ZipFile(io.BytesIO(consume(pack)))
    for name in archive.namelist():
        if name.endswith(".csv"):
            text = archive.read(name).decode("utf-8").removeprefix("\ufeff")
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
            assert formula_cells(rows) == [], name


def as_excel_reads_it(text: str) -> str | None:
    """What openpyxl gives back: XML-illegal characters dropped, Excel's ``_xHHHH_`` escape kept."""
    kept = EXCEL_ESCAPE.sub(r"_x005F\1", XML_ILLEGAL.sub("", text))
    return kept or None


def test_any_name_comes_out_of_the_xlsx_as_the_same_text(world):
    cohort, learner, client = world["cohort"], world["learner"], world["clients"]["manager"]
    # Any text the database stores (no NUL, no lone surrogate), formulas and control characters included.
    text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)
    names = st.one_of(
        st.sampled_from(FORMULAS), st.builds(str.__add__, st.sampled_from(FORMULA_START), text), text
    )

    @FUZZ
    @given(first_name=names, last_name=names, email=names, organisation=names)
    def export(first_name, last_name, email, organisation):
        with rolled_back():
            User.objects.filter(pk=learner.pk).update(first_name=first_name, last_name=last_name, email=email)
            Organisation.objects.filter(pk=learner.organisation_id).update(name=organisation)
            _header, row = xlsx_rows(client, cohort, "emargement")
            assert [cell.value for cell in row[:4]] == [
                as_excel_reads_it(value) for value in (last_name, first_name, email, organisation)
            ]

    export()
