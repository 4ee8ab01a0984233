"""The evidence pack of a cohort (dossier de preuves): one ZIP that a funder or an auditor can check.

What it holds, in this order:

- ``LISEZMOI.txt``: what the pack is, for which cohort, when and by whom it was produced, how to check it;
- ``emargements/<date>-<matin|apres-midi>-<session id>.pdf``: the émargement sheet of every CLOSED
  session (an open register is not evidence yet), with its seal, as ``assessments.pdf`` prints it;
- ``certificats-de-realisation/<nom>-<prenom>-<enrolment id>.pdf``: the certificat de réalisation of
  every enrolment that was accepted (in training, done or withdrawn: hours attended are owed to all);
- ``emargement.csv``, ``resultats.csv``, ``certificats.csv``: the datasets of ``lms.steering.exports``;
- ``enquetes-synthese.csv``: the survey summary, groups too small to stay anonymous masked as on the
  page;
- ``manifest.json``: every file above with its size and SHA-256, the cohort, the date, who asked;
- ``MANIFEST.sha256``, last: the SHA-256 of every other file, in ``sha256sum`` format, so that
  ``sha256sum -c MANIFEST.sha256`` in the extracted folder checks the whole pack.

The archive is streamed (``lms.zipstream``): each file is produced, hashed while it is written, and
sent before the next one starts; memory holds one PDF at a time. File names are built from slugs and
ids only (ASCII, unique, no path can climb out of the folder).

Queries: 13 whatever the number of learners (4 of them for the survey summary), plus 6 per closed
session (``session_sheet``'s own).
"""

import datetime
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessments.models import TrainingSession
from assessments.pdf.completion import CompletionCertificateRenderer
from assessments.pdf.emargement import AttendanceSheetRenderer
from assessments.selectors.documents import completion_records, session_sheet
from courses.models import Cohort, Enrolment
from lms.steering import exports, exports_surveys
from lms.tabular import csv_stream
from lms.zipstream import ZipStream

GENERATOR = "lms.steering.evidence"
README = "LISEZMOI.txt"
MANIFEST_JSON = "manifest.json"
MANIFEST = "MANIFEST.sha256"
# Fixed ASCII words: a file name does not change with the interface language.
HALF_DAY_SLUGS = {TrainingSession.HalfDay.MORNING: "matin", TrainingSession.HalfDay.AFTERNOON: "apres-midi"}
SURVEY_SUMMARY = "enquetes-synthese.csv"
CSV_FILES = {"emargement.csv": "emargement", "resultats.csv": "resultats", "certificats.csv": "certificats"}


@dataclass(frozen=True)
class PackRequest:
    cohort: Cohort  # loaded with ``programme``
    generated_at: datetime.datetime
    generated_by: str  # « Camille Dupont <camille@example.org> »
    language: str


def pack_filename(cohort: Cohort, generated_at: datetime.datetime) -> str:
    return f"dossier-de-preuves-{exports.cohort_slug(cohort)}-{timezone.localdate(generated_at):%Y-%m-%d}.zip"


def evidence_pack(pack: PackRequest) -> Iterator[bytes]:
    """The ZIP's bytes, as they are produced."""
    with translation.override(pack.language):
        archive = ZipStream(when=pack.generated_at)
        files: list[tuple[str, str, int]] = []
        for path, chunks in _members(pack):
            yield from archive.hashed_member(path, chunks, files)
        yield from archive.hashed_member(MANIFEST_JSON, [_manifest_json(pack, files)], files)
        yield from archive.member(MANIFEST, [_manifest(files)])
        yield from archive.close()


def _members(pack: PackRequest) -> Iterator[tuple[str, Iterable[bytes]]]:
    cohort = pack.cohort
    yield README, [_readme(pack).encode()]
    yield from _sheets(pack)
    yield from _completion_certificates(pack)
    for path, key in CSV_FILES.items():
        dataset = exports.DATASETS[key]
        yield path, csv_stream(dataset.header(cohort), dataset.rows(cohort), language=pack.language)
    summary = exports_surveys.survey_summary_rows(cohort)
    yield SURVEY_SUMMARY, csv_stream(exports_surveys.survey_summary_header(), summary, language=pack.language)


def _sheets(pack: PackRequest) -> Iterator[tuple[str, list[bytes]]]:
    sessions = (
        TrainingSession.objects.filter(cohort=pack.cohort, state=TrainingSession.State.CLOSED)
        .select_related("closed_by")
        .order_by("date", "starts_at", "pk")
    )
    generated_at = timezone.localtime(pack.generated_at)
    for session in sessions:
        session.cohort = pack.cohort  # the sheet reads its programme: already loaded
        renderer = AttendanceSheetRenderer(session_sheet(session=session), generated_at=generated_at)
        slot = HALF_DAY_SLUGS.get(session.half_day, "demi-journee")
        yield f"emargements/{session.date:%Y-%m-%d}-{slot}-{session.pk}.pdf", [renderer.render()]


def _completion_certificates(pack: PackRequest) -> Iterator[tuple[str, list[bytes]]]:
    enrolments = list(
        Enrolment.objects.filter(cohort=pack.cohort)
        .exclude(status=Enrolment.Status.INVITED)
        .select_related("learner__organisation")
        .order_by("learner__last_name", "learner__first_name", "pk")
    )
    issued_on = timezone.localdate(pack.generated_at)
    records = completion_records(cohort=pack.cohort, enrolments=enrolments)
    for enrolment, record in zip(enrolments, records, strict=True):
        renderer = CompletionCertificateRenderer(record, issued_on=issued_on)
        yield f"certificats-de-realisation/{_person_slug(enrolment)}.pdf", [renderer.render()]


def _person_slug(enrolment: Enrolment) -> str:
    learner = enrolment.learner
    names = [part for part in (slugify(learner.last_name), slugify(learner.first_name)) if part]
    return "-".join([*(names or ["inscription"]), str(enrolment.pk)])


def _readme(pack: PackRequest) -> str:
    cohort = pack.cohort
    at = timezone.localtime(pack.generated_at)
    lines = [
        _("Dossier de preuves — %(cohort)s") % {"cohort": cohort.name},
        "",
        _("Programme : %(programme)s") % {"programme": cohort.programme.title},
        _("Promotion : %(cohort)s (n° %(id)s), du %(start)s au %(end)s")
        % {
            "cohort": cohort.name,
            "id": cohort.pk,
            "start": cohort.starts_on.strftime("%d/%m/%Y"),
            "end": cohort.ends_on.strftime("%d/%m/%Y"),
        },
        _(
            "Produit le %(date)s à %(time)s par %(who)s, sur la plateforme « %(site)s » de l'URH "
            "Hauts-de-France."
        )
        % {
            "date": at.strftime("%d/%m/%Y"),
            "time": at.strftime("%H:%M"),
            "who": pack.generated_by,
            "site": settings.WAGTAIL_SITE_NAME,
        },
        "",
        _("Contenu :"),
        _(
            "- emargements/ : la feuille d'émargement de chaque séance close et co-signée (une par "
            "demi-journée), avec le sceau de son registre ;"
        ),
        _(
            "- certificats-de-realisation/ : le certificat de réalisation de chaque apprenant·e "
            "inscrit·e (heures suivies, par module) ;"
        ),
        _("- emargement.csv : la présence de chaque apprenant·e à chaque séance ;"),
        _("- resultats.csv : toutes les tentatives aux quiz ;"),
        _("- certificats.csv : les certificats délivrés et leur statut ;"),
        _(
            "- enquetes-synthese.csv : la synthèse anonyme des enquêtes de satisfaction (les groupes "
            "de trop peu de réponses restent masqués) ;"
        ),
        _("- manifest.json : la liste des fichiers, avec leur taille et leur empreinte ;"),
        _("- MANIFEST.sha256 : l'empreinte SHA-256 de chacun des autres fichiers."),
        "",
        _(
            "Vérifier le dossier : dans le dossier décompressé, la commande « sha256sum -c "
            "MANIFEST.sha256 » (sous macOS « shasum -a 256 -c MANIFEST.sha256 ») doit répondre OK "
            "pour chaque fichier."
        ),
        "",
        _(
            "Ce dossier contient des données personnelles : conservez-le et transmettez-le avec les "
            "précautions prévues par le RGPD."
        ),
    ]
    return "\n".join(lines) + "\n"


def _manifest_json(pack: PackRequest, files: list[tuple[str, str, int]]) -> bytes:
    cohort = pack.cohort
    data = {
        "generator": GENERATOR,
        "generated_at": pack.generated_at.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "generated_by": pack.generated_by,
        "cohort": {
            "id": cohort.pk,
            "name": cohort.name,
            "programme": cohort.programme.title,
            "starts_on": cohort.starts_on.isoformat(),
            "ends_on": cohort.ends_on.isoformat(),
        },
        "files": [{"path": path, "sha256": digest, "size": size} for path, digest, size in files],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def _manifest(files: list[tuple[str, str, int]]) -> bytes:
    return "".join(f"{digest}  {path}\n" for path, digest, _size in files).encode()
