"""The evidence pack of a cohort: unzipped, every file listed in MANIFEST.sha256 with its true hash (and
``sha256sum -c`` agrees), the PDFs parsed back, the CSVs the same as the exports, who may download it,
and a query count that does not grow with the learners."""

import csv
import hashlib
import io
import json
import shutil
import subprocess
import zipfile

import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import TrainingSession
from courses.models import Enrolment
from lms.accounts.models import User
from lms.audit.models import Action, AuditEvent
from lms.audit.services import RECORD_QUERIES
from lms.steering import evidence
from tests.steering.test_exports import DAY, at, build_cohort, client_for, close, content, export_url, grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(tree):
    return build_cohort(tree)


def pack_url(cohort) -> str:
    return reverse("steering:evidence-pack", args=[cohort.pk])


def download(user, cohort) -> zipfile.ZipFile:
    response = client_for(user).get(pack_url(cohort))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(content(response)))
    assert archive.testzip() is None
    return archive


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def manifest(archive: zipfile.ZipFile) -> dict[str, str]:
    lines = archive.read("MANIFEST.sha256").decode().splitlines()
    entries = [line.split("  ", 1) for line in lines]
    assert all(len(digest) == 64 for digest, _path in entries)
    return {path: digest for digest, path in entries}


def test_the_pack_holds_the_sheets_certificates_csvs_and_its_manifests_in_order(data):
    archive = download(data.manager, data.cohort)
    closed, (dupont, martin, roux) = data.morning, (data.dupont, data.martin, roux_of(data))
    assert archive.namelist() == [
        "LISEZMOI.txt",
        f"emargements/2026-02-03-matin-{closed.pk}.pdf",  # the open afternoon is not evidence yet
        f"certificats-de-realisation/dupont-camille-{dupont.pk}.pdf",
        f"certificats-de-realisation/martin-lea-{martin.pk}.pdf",
        f"certificats-de-realisation/roux-hugo-{roux.pk}.pdf",  # withdrawn: still owed their hours
        "emargement.csv",
        "resultats.csv",
        "certificats.csv",
        "enquetes-synthese.csv",
        "manifest.json",
        "MANIFEST.sha256",
    ]


def roux_of(data) -> Enrolment:
    return Enrolment.objects.get(cohort=data.cohort, learner__last_name="Roux")


def test_every_file_is_in_the_manifest_with_its_true_hash(data):
    archive = download(data.certifier, data.cohort)
    listed = manifest(archive)
    members = [name for name in archive.namelist() if name != "MANIFEST.sha256"]
    assert list(listed) == members
    for name in members:
        assert listed[name] == hashlib.sha256(archive.read(name)).hexdigest(), name
    described = json.loads(archive.read("manifest.json"))
    assert described["generator"] == "lms.steering.evidence"
    assert described["cohort"]["id"] == data.cohort.pk
    assert described["cohort"]["name"] == "Promotion Lille 2026"
    assert described["generated_by"].endswith(f"<{data.certifier.email}>")
    files = {item["path"]: item for item in described["files"]}
    assert list(files) == members[:-1]  # everything but manifest.json itself
    for name, item in files.items():
        assert item["size"] == len(archive.read(name))
        assert item["sha256"] == listed[name]


def test_sha256sum_checks_the_extracted_pack(data, tmp_path):
    sha256sum = shutil.which("sha256sum")
    assert sha256sum, "sha256sum (coreutils) est nécessaire à ce test"
    download(data.manager, data.cohort).extractall(tmp_path)
    result = subprocess.run(
        [sha256sum, "-c", "MANIFEST.sha256"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == 10
    (tmp_path / "resultats.csv").write_bytes(b"modifie")
    tampered = subprocess.run(
        [sha256sum, "-c", "MANIFEST.sha256"], cwd=tmp_path, capture_output=True, text=True
    )
    assert tampered.returncode != 0
    assert "resultats.csv: FAILED" in tampered.stdout


def test_the_pdfs_are_the_sheet_and_the_certificates_of_the_cohort(data):
    archive = download(data.manager, data.cohort)
    sheet = pdf_text(archive.read(f"emargements/2026-02-03-matin-{data.morning.pk}.pdf"))
    assert "3 février 2026" in sheet
    assert "Le cadre juridique" in sheet
    for name in ("Dupont Camille", "Martin Léa", "Roux Hugo"):
        assert name in sheet
    assert data.morning.seal[:16] in sheet.replace(" ", "")
    certificate = pdf_text(archive.read(f"certificats-de-realisation/dupont-camille-{data.dupont.pk}.pdf"))
    assert "Certificat de réalisation" in certificate
    assert "Camille Dupont" in certificate
    assert "Promotion Lille 2026" in certificate
    assert "3 h 25" in certificate  # 09:05 to 12:30 at the closed morning; the open afternoon does not count


def test_the_csvs_are_the_exports_and_the_readme_says_what_and_who(data):
    archive = download(data.manager, data.cohort)
    client = client_for(data.manager)
    for dataset in ("emargement", "resultats", "certificats"):
        assert archive.read(f"{dataset}.csv") == content(client.get(export_url(data.cohort, dataset, "csv")))
    readme = archive.read("LISEZMOI.txt").decode()
    assert "Dossier de preuves — Promotion Lille 2026" in readme
    assert f"<{data.manager.email}>" in readme
    assert "sha256sum -c MANIFEST.sha256" in readme


def test_the_survey_summary_keeps_small_groups_masked(data):
    text = download(data.manager, data.cohort).read("enquetes-synthese.csv").decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    blank = [""] * 5
    assert rows[:4] == [
        ["Groupe", "Libellé", "Réponses", "Question", "Réponses à la question", "Moyenne (sur 5)", "Réponse",
         "Nombre"],
        ["Enquêtes", "Enquêtes envoyées", "5", *blank],
        ["Enquêtes", "Réponses reçues", "5", *blank],
        ["Enquêtes", "Taux de réponse (%)", "100", *blank],
    ]  # fmt: skip
    satisfaction = "Dans l'ensemble, êtes-vous satisfait·e de cette séance ?"
    cohort_rows = [row for row in rows if row[0] == "Promotion" and row[3] == satisfaction]
    # The whole cohort adds up the sessions shown only: with the masked afternoon in it, subtracting the
    # morning would give the afternoon's answers.
    assert [row[2:3] + row[4:] for row in cohort_rows] == [
        ["3", "3", "4", "1 – pas du tout satisfait·e", "0"],
        ["3", "3", "4", "2", "0"],
        ["3", "3", "4", "3", "1"],
        ["3", "3", "4", "4", "1"],
        ["3", "3", "4", "5 – tout à fait satisfait·e", "1"],
    ]
    masked = "masqué : moins de 3 réponses"
    assert ["Suivi", "Suivi après la certification", "0", masked, "", "", "", ""] in rows
    afternoon = [row for row in rows if row[1] == "Cas pratiques — 03/02/2026 (après-midi)"]
    assert afternoon == [["Séance", "Cas pratiques — 03/02/2026 (après-midi)", "2", masked, "", "", "", ""]]
    morning = [row for row in rows if row[1] == "Le cadre juridique — 03/02/2026 (matin)"]
    assert len(morning) == 3 * 5 + 3  # three scales of five answers, three paces, no free text
    trainer = [row for row in rows if row[0] == "Formateur·rice"]
    assert {row[1] for row in trainer} == {"Dominique Formatrice"} and trainer[0][2] == "3"
    comments = [row[6] for row in rows if row[0] == "Commentaires"]
    assert comments == ["'=1+1", "Plus d'exemples", "Trop long"]  # sorted, formula neutralised


def test_file_names_are_slugs_and_ids_only(data):
    hostile = Enrolment.objects.create(
        cohort=data.cohort,
        learner=User.objects.create(email="x@example.org", last_name="../../etc", first_name="passwd"),
        status="active",
    )
    nameless = Enrolment.objects.create(
        cohort=data.cohort,
        learner=User.objects.create(email="y@example.org", last_name="中文", first_name="/"),
        status="active",
    )
    names = download(data.manager, data.cohort).namelist()
    assert f"certificats-de-realisation/etc-passwd-{hostile.pk}.pdf" in names
    assert f"certificats-de-realisation/inscription-{nameless.pk}.pdf" in names
    assert all(".." not in name and not name.startswith("/") for name in names)
    assert len(names) == len(set(names))


def test_who_may_download_the_pack(data):
    url = pack_url(data.cohort)
    answers = {
        "manager": data.manager,
        "certifier": data.certifier,
        "trainer": data.trainer,
        "other trainer": data.other_trainer,
        "learner": data.dupont.learner,
    }
    got = {who: client_for(user).get(url).status_code for who, user in answers.items()}
    assert got == {"manager": 200, "certifier": 200, "trainer": 403, "other trainer": 403, "learner": 403}
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/connexion/")
    assert client_for(data.manager).get(reverse("steering:evidence-pack", args=[999_999])).status_code == 404


def test_the_download_is_audited_and_a_refusal_is_not(data):
    before = AuditEvent.objects.count()
    assert client_for(data.trainer).get(pack_url(data.cohort)).status_code == 403
    assert AuditEvent.objects.count() == before
    response = client_for(data.manager).get(pack_url(data.cohort))
    filename = evidence.pack_filename(data.cohort, timezone.now())
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["Cache-Control"] == "private, no-store"
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.actor, event.after["export"]) == (
        Action.EXPORT_DOWNLOADED,
        data.manager,
        filename,
    )
    assert event.object_id == str(data.cohort.pk)


# Session, user, second factor, groups, the cohort, the audit event; then the pack: closed sessions (1),
# enrolments (1), completion records (3), the CSVs (2 + 1 + 1), the survey summary (4).
FIXED = 5 + RECORD_QUERIES + 1 + 1 + 3 + 4 + 4
PER_CLOSED_SESSION = 6  # ``session_sheet``'s own budget, whatever the number of learners


def test_the_query_count_does_not_grow_with_the_learners(data, django_assert_num_queries):
    client = client_for(data.manager)
    content(client.get(pack_url(data.cohort)))  # warm-up
    with django_assert_num_queries(FIXED + PER_CLOSED_SESSION):
        small = download_with(client, data.cohort)
    grow(data, 15)
    with django_assert_num_queries(FIXED + PER_CLOSED_SESSION):
        large = download_with(client, data.cohort)
    assert len(large.namelist()) == len(small.namelist()) + 15


def test_each_closed_session_adds_its_sheet_and_its_fixed_queries(data, django_assert_num_queries):
    close(data.afternoon, data.trainer, at(DAY, 17, 5))
    extra = TrainingSession.objects.create(
        cohort=data.cohort, title="Bilan", date=DAY.replace(day=4), half_day="am",
        starts_at=data.morning.starts_at, ends_at=data.morning.ends_at,
    )  # fmt: skip
    close(extra, data.trainer, at(DAY.replace(day=4), 12, 40))
    client = client_for(data.manager)
    content(client.get(pack_url(data.cohort)))
    with django_assert_num_queries(FIXED + 3 * PER_CLOSED_SESSION):
        names = download_with(client, data.cohort).namelist()
    assert [name for name in names if name.startswith("emargements/")] == [
        f"emargements/2026-02-03-matin-{data.morning.pk}.pdf",
        f"emargements/2026-02-03-apres-midi-{data.afternoon.pk}.pdf",
        f"emargements/2026-02-04-matin-{extra.pk}.pdf",
    ]


def download_with(client, cohort) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content(client.get(pack_url(cohort)))))
