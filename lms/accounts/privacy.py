"""Personal data (RGPD): the registry of what the platform stores about a person, the export a person
downloads, the erasure a manager runs, and the helpers the retention purge shares with it.

``PERSONAL_DATA`` says, for every model that points to a person, how the export and the erasure treat
it; a test walks the installed models and fails when one is missing (``unhandled_models``).

Erasure (``erase_person``) pseudonymises rather than deletes, so that statistics keep working:
e-mail → ``efface-<id>@invalid``, names → initials, password unusable, account inactive, roles and
second-factor devices removed, invitations and login records deleted; free text written about the
person (attendance and evaluation comments, the trainer's motivation, reasons in the register's
history) is cleared; enrolments, attempts, scores and attendance statuses stay, on the pseudonymised
account. Satisfaction survey requests stay too (the response rate needs them; no answer is linked to
them), and an unanswered one is closed so that its link stops working; the answers themselves are
anonymous (``assessments.models.surveys``) and stay. Attendance attestations lose their IP: a closed
register is sealed (``assessments.seal``), so its rows are changed the way the attendance service
changes a closed register, with a reasoned ``AttendanceChange`` (« Effacement RGPD ») and a new seal.
A register whose seal no longer matches (edited outside the platform) is left as it is and reported:
re-sealing it would hide the tampering.
Erasing twice is harmless: the second run finds nothing left to clear.

Certificates (issue #6) will verify with initials plus ``name_fingerprint`` of the holder's name.
Other apps extend the export and the erasure with the Wagtail hooks ``privacy_export_sections``
(``fn(user) -> dict``, merged into ``donnees.json``) and ``privacy_erase_person``
(``fn(*, user, acting_user, name_fingerprint, now)``, called before the account is pseudonymised).
"""

import datetime
import io
import json
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks
from wagtail.admin.models import EditingSession, FormState

from assessments.models import (
    REVIEW_ORDER,
    Attendance,
    AttendanceChange,
    CriterionScore,
    Evaluation,
    QuizAttempt,
    ReviewLevel,
    SurveyRequest,
    TrainerOpinion,
    TrainingSession,
)
from assessments.pdf.completion import CompletionCertificateRenderer
from assessments.seal import seal_is_intact
from assessments.selectors.documents import completion_record
from assessments.selectors.learner import LearnerQuizStatus
from assessments.services.attendance import TRACKED, record_register_change
from courses.models import Enrolment, Invitation, LessonProgress
from lms.accounts import roles
from lms.accounts.models import User
from lms.errors import LMSError, NotAllowed
from lms.ops.models import SentMessage

# --- The registry -------------------------------------------------------------------------------------

EXPORT_WORDS = ("exported", "not exported:", "not personal:")
ERASE_WORDS = ("erased", "pseudonymised", "kept:", "not personal:")
_EDITORIAL = "not exported: travail éditorial dans l'administration Wagtail, pas une donnée sur la personne"
_SHOWN_AS_INITIALS = "pseudonymised: reste attribué au compte pseudonymisé (initiales)"


@dataclass(frozen=True)
class Handling:
    export: str
    erase: str


PERSONAL_DATA: dict[str, Handling] = {
    # The person and what the platform records about them.
    "accounts.User": Handling(
        "exported: identité, organisme, rôles, dates, état de la double authentification",
        "pseudonymised: e-mail efface-<id>@invalid, initiales, mot de passe inutilisable, inactif, "
        "rôles retirés ; l'organisme reste pour les statistiques",
    ),
    "courses.Enrolment": Handling("exported", "pseudonymised: statut et dates gardés pour les statistiques"),
    "courses.Invitation": Handling("exported: dates seulement, jamais le lien", "erased"),
    "courses.LessonProgress": Handling("exported", "pseudonymised: gardée pour les statistiques"),
    "assessments.QuizAttempt": Handling(
        "exported: réponses et notes, selon la politique de correction du quiz ; jamais le corrigé",
        "pseudonymised: gardée pour les statistiques et l'analyse des items",
    ),
    "assessments.AttemptAnswer": Handling("exported", "pseudonymised: gardée pour l'analyse des items"),
    "assessments.Attendance": Handling(
        "exported: statut, heures, attestation (heure et IP)",
        "pseudonymised: IP et commentaire effacés ; registre clos re-scellé par une modification motivée",
    ),
    "assessments.AttendanceChange": Handling(
        "exported: modifications de ses présences",
        "pseudonymised: IP, commentaire et motif effacés de l'historique ; auteur·rice pseudonymisé·e",
    ),
    "assessments.Evaluation": Handling(
        "exported: évaluations publiées", "pseudonymised: commentaires effacés, notes gardées"
    ),
    "assessments.CriterionScore": Handling("exported", "pseudonymised: commentaire effacé, note gardée"),
    "assessments.TrainerOpinion": Handling("exported", "pseudonymised: motivation effacée, avis gardé"),
    # Satisfaction surveys: who was asked stays apart from what was answered (anonymous).
    "assessments.SurveyRequest": Handling(
        "exported: enquêtes reçues (séance ou suivi, envoi, rappel, date limite, répondue ou non) ; "
        "jamais les réponses, qui sont anonymes",
        "pseudonymised: gardée sur l'inscription pour le taux de réponse ; une enquête encore ouverte est "
        "close (son lien ne sert plus)",
    ),
    "assessments.SurveyResponse": Handling(
        "not personal: réponses anonymes, sans lien vers la personne ni vers sa demande",
        "not personal: anonymes, gardées pour les résultats de satisfaction (rien ne les relie à personne)",
    ),
    # Staff: what they did on the programme stays, under their initials.
    "courses.Cohort": Handling("exported: promotions animées", _SHOWN_AS_INITIALS),
    "assessments.TrainingSession": Handling("exported: séances animées ou co-signées", _SHOWN_AS_INITIALS),
    # Sign-in and security.
    "otp_totp.TOTPDevice": Handling("exported: présence d'un appareil, jamais son secret", "erased"),
    "otp_static.StaticDevice": Handling("exported: nombre de codes restants, jamais les codes", "erased"),
    "axes.AccessLog": Handling("exported: connexions (date, IP, navigateur)", "erased"),
    "axes.AccessAttempt": Handling("exported: échecs de connexion en cours", "erased"),
    "axes.AccessFailureLog": Handling("exported: échecs de connexion", "erased"),
    "sessions.Session": Handling(
        "not personal: jeton technique de connexion",
        "kept: inutilisable dès l'effacement (compte inactif), supprimée à expiration par purge_expired_data",
    ),
    "ops.SentMessage": Handling(
        "exported: notifications reçues",
        "pseudonymised: destinataire remplacé par l'adresse pseudonymisée (l'envoi unique reste garanti)",
    ),
    "notifications.NotificationPreference": Handling(
        "exported: langue des e-mails, e-mails non essentiels reçus ou non (lms.notifications.privacy)",
        "erased",
    ),
    "audit.AuditEvent": Handling(
        "exported: ses actions (date, action, objet), sans le détail avant/après (d'autres personnes)",
        "kept: journal d'audit inaltérable (chaîne d'empreintes), preuve des décisions ; seule la clé vers "
        "le compte suit la pseudonymisation",
    ),
    # Wagtail's administration: editorial work, attributed to the pseudonymised account.
    "wagtailusers.UserProfile": Handling("exported: préférences de l'administration", "erased"),
    "wagtailcore.Page": Handling(_EDITORIAL, "pseudonymised: pages attribuées aux initiales, verrous levés"),
    "wagtailcore.Revision": Handling(_EDITORIAL, _SHOWN_AS_INITIALS),
    "wagtailcore.PageLogEntry": Handling(_EDITORIAL, _SHOWN_AS_INITIALS),
    "wagtailcore.ModelLogEntry": Handling(
        _EDITORIAL, "pseudonymised: le libellé des entrées qui concernent le compte est remplacé"
    ),
    "wagtailcore.WorkflowState": Handling(_EDITORIAL, _SHOWN_AS_INITIALS),
    "wagtailcore.TaskState": Handling(_EDITORIAL, _SHOWN_AS_INITIALS),
    "wagtailcore.Comment": Handling(
        "exported: commentaires écrits dans l'administration", _SHOWN_AS_INITIALS
    ),
    "wagtailcore.CommentReply": Handling("exported", _SHOWN_AS_INITIALS),
    "wagtailcore.PageSubscription": Handling(
        "not personal: abonnement technique aux notifications", "erased"
    ),
    "wagtailcore.UploadedFile": Handling("not personal: fichier temporaire de l'administration", "erased"),
    "wagtaildocs.Document": Handling(_EDITORIAL, _SHOWN_AS_INITIALS),
    "wagtailimages.Image": Handling(_EDITORIAL, _SHOWN_AS_INITIALS),
    "wagtailadmin.EditingSession": Handling("not personal: état technique de l'éditeur", "erased"),
    "wagtailadmin.FormState": Handling("not personal: état technique de l'éditeur", "erased"),
    # Certification (issue #6): the registry stays verifiable after an erasure (certificates.privacy).
    "certificates.Certificate": Handling(
        "exported: numéro, programme, dates, statut et motif, adresse de vérification, choix de l'annuaire",
        "pseudonymised: nom remplacé par les initiales, empreinte (HMAC) du nom gardée, retiré de "
        "l'annuaire ; numéro, dates et statut gardés pour que le certificat reste vérifiable",
    ),
    "certificates.CertificateDocument": Handling(
        "exported: versions produites (date, empreinte SHA-256) ; les PDF sont téléchargeables sur "
        "« Mes certificats »",
        "kept: PDF signés gardés comme preuve légale, jamais servis publiquement ; nom imprimé réduit aux "
        "initiales dans la base",
    ),
    "certificates.CertificationDecision": Handling(
        "exported: décisions sur ses inscriptions (issue, date, motif), sans l'identité du certificateur ; "
        "pour l'équipe, dates et issues des décisions prises",
        "pseudonymised: issue et date gardées comme preuve, motif effacé ; décisions prises restent "
        "attribuées au compte pseudonymisé (initiales)",
    ),
    "certificates.CertificateStatusChange": Handling(
        "exported: changements de statut effectués (dates, statuts)",
        "kept: historique du registre public (motifs gardés : la page de vérification dit pourquoi un "
        "certificat n'est pas valide) ; auteur·rice pseudonymisé·e",
    ),
}

_IDENTIFYING_FIELDS = (models.EmailField, models.GenericIPAddressField)
_IDENTIFYING_NAMES = {"username", "email", "ip_address"}


def personal_models() -> set[str]:
    """Labels of the models that must be in ``PERSONAL_DATA``: a key to a person (``User``), a link
    through an enrolment (the learner's record), or a field that identifies someone (e-mail, IP)."""
    labels = {User._meta.label}
    linked = {Enrolment}
    for model in apps.get_models():
        for item in [*model._meta.local_fields, *model._meta.local_many_to_many]:
            points_to_person = item.is_relation and item.related_model is User
            if points_to_person or isinstance(item, _IDENTIFYING_FIELDS) or item.name in _IDENTIFYING_NAMES:
                labels.add(model._meta.label)
    while True:  # everything hanging off an enrolment, however deep
        more = {
            model
            for model in apps.get_models()
            if model not in linked
            and any(
                f.is_relation and f.many_to_one and f.related_model in linked
                for f in model._meta.local_fields
            )
        }
        if not more:
            break
        linked |= more
    return labels | {model._meta.label for model in linked}


def unhandled_models(table: dict[str, Handling] | None = None) -> list[str]:
    table = PERSONAL_DATA if table is None else table
    return sorted(personal_models() - set(table))


# --- Names ------------------------------------------------------------------------------------------

FINGERPRINT_SALT = "lms.accounts.privacy.name_fingerprint"


def normalise_name(full_name: str) -> str:
    """Spaces collapsed, case folded, Unicode composed: « Élodie  MARTIN » = « élodie martin »."""
    return " ".join(unicodedata.normalize("NFKC", full_name or "").split()).casefold()


def name_fingerprint(full_name: str) -> str:
    """Keyed hash (HMAC-SHA256, key derived from ``SECRET_KEY``) of a normalised name, in hex.

    Lets an erased certificate holder's name be checked without storing it: whoever knows the name
    computes the same fingerprint; nobody can read the name back from it. Changing ``SECRET_KEY``
    changes every fingerprint.
    """
    return salted_hmac(FINGERPRINT_SALT, normalise_name(full_name), algorithm="sha256").hexdigest()


def _initial(name: str) -> str:
    letter = next((char for char in name or "" if char.isalnum()), "")
    return f"{letter.upper()}." if letter else ""


def erased_email(user_id: int) -> str:
    return f"efface-{user_id}@invalid"


def is_erased(user) -> bool:
    return user.email == erased_email(user.pk)


# --- Export ------------------------------------------------------------------------------------------

EXPORT_FORMAT = "lms-donnees-personnelles/1"
README = _(
    "Vos données personnelles sur la plateforme « Référent·e égalité de traitement » (URH Hauts-de-France)."
    "\n\n- donnees.json : votre compte et votre organisme, vos inscriptions, votre progression dans les "
    "leçons, vos tentatives aux quiz (vos réponses, et vos notes dès que la correction du quiz vous les "
    "montre), vos présences aux séances (avec l'heure et l'adresse IP de vos émargements), les évaluations "
    "publiées et l'avis de votre formateur ou formatrice, les enquêtes de satisfaction reçues (pas vos "
    "réponses : elles sont anonymes), vos connexions récentes et les notifications reçues.\n- certificats/ : "
    "le certificat de réalisation de chacune de vos inscriptions.\n\nLes dates "
    "sont à l'heure de Paris (ISO 8601). Détails : page « Données personnelles » du site."
)


class _LocalTimeEncoder(DjangoJSONEncoder):
    """Dates as Paris sees them (the database gives UTC back), as the read-me says."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and timezone.is_aware(o):
            o = timezone.localtime(o)
        return super().default(o)


@dataclass(frozen=True)
class Archive:
    filename: str
    content: bytes


def export_archive(*, user, now: datetime.datetime | None = None) -> Archive:
    """``user``'s own data, zipped in memory: ``donnees.json``, a read-me and the certificat de
    réalisation of each enrolment. Recorded in the audit trail."""
    now = now or timezone.now()
    user = User.objects.select_related("organisation").get(pk=user.pk)
    enrolments = _enrolments(user)
    data = personal_data(user=user, enrolments=enrolments, now=now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "donnees.json", json.dumps(data, cls=_LocalTimeEncoder, ensure_ascii=False, indent=2)
        )
        archive.writestr("LISEZMOI.txt", str(README))
        for name, content in _certificates(enrolments, today=timezone.localdate(now)):
            archive.writestr(f"certificats/{name}", content)
    _audit(actor=user, action="export.downloaded", obj=user, after={"format": EXPORT_FORMAT})
    return Archive(filename=f"mes-donnees-{timezone.localdate(now):%Y-%m-%d}.zip", content=buffer.getvalue())


def _enrolments(user) -> list:
    attendances = Attendance.objects.select_related("session").order_by("session__date", "session__starts_at")
    evaluations = (
        Evaluation.objects.filter(published_at__isnull=False)
        .select_related("rubric", "session")
        .prefetch_related(Prefetch("scores", CriterionScore.objects.select_related("criterion")))
        .order_by("published_at", "pk")
    )
    enrolments = list(
        Enrolment.objects.filter(learner=user)
        .select_related("cohort__programme", "trainer_opinion")
        .prefetch_related(
            Prefetch("invitations", Invitation.objects.order_by("created_at", "pk")),
            Prefetch(
                "lesson_progress", LessonProgress.objects.select_related("lesson").order_by("started_at")
            ),
            Prefetch("attempts", QuizAttempt.objects.select_related("quiz").prefetch_related("answers")),
            Prefetch("attendances", attendances.prefetch_related(Prefetch("changes", _ordered_changes()))),
            Prefetch("evaluations", evaluations),
            Prefetch("survey_requests", SurveyRequest.objects.select_related("session").order_by("pk")),
        )
        .order_by("created_at", "pk")
    )
    for enrolment in enrolments:
        enrolment.learner = user  # loaded with its organisation: the certificates read it
    return enrolments


def _ordered_changes():
    return AttendanceChange.objects.order_by("changed_at", "pk")


def personal_data(*, user, enrolments, now) -> dict:
    data = {
        "format": EXPORT_FORMAT,
        "genere_le": now,
        "compte": _account(user),
        "inscriptions": [_enrolment(enrolment) for enrolment in enrolments],
        "promotions_animees": list(
            user.trained_cohorts.order_by("starts_on", "pk").values("id", "name", "starts_on", "ends_on")
        ),
        "seances_animees_ou_cosignees": list(
            TrainingSession.objects.filter(Q(trainers=user) | Q(closed_by=user))
            .distinct()
            .order_by("date", "starts_at")
            .values("id", "title", "date", "half_day", "state", "closed_at")
        ),
        **_security(user),
        "notifications_recues": list(
            SentMessage.objects.filter(recipient__iexact=user.email)
            .order_by("sent_at")
            .values("key", "sent_at")
        ),
        "administration": _wagtail(user),
        "journal_audit": _audit_events(user),
    }
    for section in hooks.get_hooks("privacy_export_sections"):
        data.update(section(user))
    return data


def _account(user) -> dict:
    organisation = user.organisation
    backup = StaticToken.objects.filter(device__user=user).count()
    return {
        "id": user.pk,
        "adresse_email": user.email,
        "prenom": user.first_name,
        "nom": user.last_name,
        "actif": user.is_active,
        "inscrit_le": user.date_joined,
        "derniere_connexion": user.last_login,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "organisme": {
            "nom": organisation.name,
            "type": organisation.get_kind_display(),
            "departement": organisation.departement,
            "siren": organisation.siren,
        }
        if organisation
        else None,
        "double_authentification": {
            "application_active": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "codes_de_secours_restants": backup,
        },
    }


def _enrolment(enrolment) -> dict:
    opinion = getattr(enrolment, "trainer_opinion", None)
    return {
        "id": enrolment.pk,
        "programme": enrolment.cohort.programme.title,
        "promotion": enrolment.cohort.name,
        "debut": enrolment.cohort.starts_on,
        "fin": enrolment.cohort.ends_on,
        "statut": enrolment.get_status_display(),
        "creee_le": enrolment.created_at,
        "activee_le": enrolment.activated_at,
        "invitations": [
            {
                "creee_le": i.created_at,
                "envoyee_le": i.sent_at,
                "expire_le": i.expires_at,
                "utilisee_le": i.used_at,
                "remplacee_le": i.revoked_at,
            }
            for i in enrolment.invitations.all()
        ],
        "lecons": [
            {"lecon": p.lesson.title, "commencee_le": p.started_at, "terminee_le": p.completed_at}
            for p in enrolment.lesson_progress.all()
        ],
        "quiz": _quiz_attempts(enrolment.attempts.all()),
        "presences": [_attendance(a) for a in enrolment.attendances.all()],
        "evaluations_publiees": [_evaluation(e) for e in enrolment.evaluations.all()],
        "enquetes_de_satisfaction": [_survey_request(r) for r in enrolment.survey_requests.all()],
        "avis_du_formateur": {
            "avis": opinion.get_opinion_display(),
            "motivation": opinion.comment,
            "donne_le": opinion.given_at,
        }
        if opinion
        else None,
    }


def _survey_request(request) -> dict:
    """Who was asked what and when; the answers are anonymous and are not anyone's data to export."""
    return {
        "enquete": request.get_kind_display(),
        "seance": str(request.session) if request.session else None,
        "envoyee_le": request.sent_at,
        "rappel_le": request.reminded_at,
        "date_limite": request.deadline,
        "repondue": request.answered,
    }


def _quiz_attempts(attempts) -> list[dict]:
    """Answers always; scores only as far as the quiz's review policy shows them now (decision 0008):
    an export must not tell, between two attempts, what the screen does not."""
    by_quiz = defaultdict(list)
    for attempt in sorted(attempts, key=lambda a: (a.quiz_id, a.number)):
        by_quiz[attempt.quiz_id].append(attempt)
    rows = []
    for quiz_attempts in by_quiz.values():
        status = LearnerQuizStatus(quiz=quiz_attempts[0].quiz, attempts=tuple(quiz_attempts))
        level = REVIEW_ORDER.index(status.review_level)
        rows += [_attempt(a, level) for a in quiz_attempts]
    return rows


def _attempt(attempt, level: int) -> dict:
    shows_score = level >= REVIEW_ORDER.index(ReviewLevel.SCORE) and not attempt.is_open
    shows_outcome = level >= REVIEW_ORDER.index(ReviewLevel.CORRECTNESS) and not attempt.is_open
    answers = {a.question_key: a for a in attempt.answers.all()}
    questions = []
    for number, item in enumerate(attempt.content.get("items", []), start=1):
        answer = answers.get(item["key"])
        chosen = set(answer.choice_keys) if answer else set()
        row = {
            "question": number,
            "enonce": item["prompt"],
            "vos_reponses": [c["text"] for c in item["choices"] if c["key"] in chosen],
            "enregistree_le": answer.saved_at if answer else None,
        }
        if shows_outcome and answer is not None:
            row["points"] = answer.score
        questions.append(row)
    return {
        "quiz": attempt.quiz.title,
        "tentative": attempt.number,
        "etat": attempt.get_state_display(),
        "commencee_le": attempt.started_at,
        "a_rendre_avant": attempt.deadline,
        "close_le": attempt.closed_at,
        "note_sur_100": attempt.score if shows_score else None,
        "reussie": attempt.passed if shows_score else None,
        "questions": questions,
    }


def _attendance(row) -> dict:
    session = row.session
    return {
        "seance": session.title,
        "date": session.date,
        "demi_journee": session.get_half_day_display(),
        "presence": row.get_status_display(),
        "arrivee": row.arrived_at,
        "depart": row.left_at,
        "commentaire": row.comment,
        "enregistree_par": row.get_method_display(),
        "attestee_le": row.attested_at,
        "ip_de_l_attestation": row.attested_ip,
        "modifications_apres_cloture": [
            {"le": c.changed_at, "motif": c.reason, "avant": c.before, "apres": c.after}
            for c in row.changes.all()
        ],
    }


def _evaluation(evaluation) -> dict:
    session = evaluation.session
    return {
        "grille": evaluation.rubric.title,
        "seance": f"{session.title} — {session.date:%d/%m/%Y}" if session else None,
        "note_ponderee_sur_100": evaluation.score,
        "commentaire": evaluation.comment,
        "publiee_le": evaluation.published_at,
        "criteres": [
            {
                "critere": s.criterion.label,
                "note": s.score,
                "note_maximale": evaluation.rubric.scale_max,
                "commentaire": s.comment,
            }
            for s in evaluation.scores.all()
        ],
    }


def _security(user) -> dict:
    email = user.email
    return {
        "connexions": list(
            AccessLog.objects.filter(username__iexact=email)
            .order_by("attempt_time")
            .values("attempt_time", "logout_time", "ip_address", "user_agent")
        ),
        "echecs_de_connexion": list(
            AccessFailureLog.objects.filter(username__iexact=email)
            .order_by("attempt_time")
            .values("attempt_time", "ip_address", "user_agent", "locked_out")
        ),
        "blocages_en_cours": list(
            AccessAttempt.objects.filter(username__iexact=email).values(
                "attempt_time", "ip_address", "user_agent", "failures_since_start"
            )
        ),
    }


def _wagtail(user) -> dict:
    from wagtail.models import Comment, CommentReply
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    return {
        "preferences": {
            "langue": profile.preferred_language,
            "fuseau_horaire": profile.current_time_zone,
            "theme": profile.theme,
        }
        if profile
        else None,
        "commentaires": list(
            Comment.objects.filter(user=user).order_by("created_at").values("page_id", "text", "created_at")
        ),
        "reponses_aux_commentaires": list(
            CommentReply.objects.filter(user=user)
            .order_by("created_at")
            .values("comment_id", "text", "created_at")
        ),
    }


def _audit_events(user) -> list[dict]:
    try:
        from lms.audit.models import AuditEvent
    except ImportError:  # pragma: no cover - the audit app is always installed once #7 lands
        return []
    events = AuditEvent.objects.filter(actor=user).order_by("sequence")
    return list(events.values("created_at", "action", "object_type", "object_id", "ip"))


def _certificates(enrolments, *, today: datetime.date):
    for enrolment in enrolments:
        if enrolment.status == Enrolment.Status.INVITED:
            continue
        renderer = CompletionCertificateRenderer(completion_record(enrolment=enrolment), issued_on=today)
        cohort = slugify(enrolment.cohort.name) or "promotion"
        yield f"certificat-de-realisation-{cohort}-{enrolment.pk}.pdf", renderer.render()


def export_summary(*, user) -> dict[str, int]:
    """Counts shown on the export page before downloading."""
    enrolments = Enrolment.objects.filter(learner=user)
    return {
        "enrolments": enrolments.count(),
        "certificates": enrolments.exclude(status=Enrolment.Status.INVITED).count(),
        "attempts": QuizAttempt.objects.filter(enrolment__learner=user).count(),
        "attendances": Attendance.objects.filter(enrolment__learner=user).count(),
    }


# --- Audit ---------------------------------------------------------------------------------------------


def _audit(**event) -> None:
    """Append to the audit trail (``lms.audit``), inside the caller's transaction."""
    try:
        from lms.audit.services import record
    except ImportError:  # pragma: no cover - the audit app is always installed once #7 lands
        return
    record(**event)


# --- Erasure -------------------------------------------------------------------------------------------

# Written into registers, their history and opinions: data, not interface text, so fixed French words
# whatever the language of the person acting (the registers are French documents).
ERASURE_REASON = "Effacement RGPD"
RETENTION_REASON = "Durée de conservation échue"
REDACTED = "[effacé]"
REASON_REDACTED = "[motif effacé : effacement RGPD]"
OPINION_REDACTED = "[motivation effacée : effacement RGPD]"
NOT_MANAGER = _("Seul·es les gestionnaires peuvent effacer les données d'une personne.")
NOT_YOURSELF = _("Vous ne pouvez pas effacer votre propre compte : demandez-le à un·e autre gestionnaire.")
SUPERUSER_ONLY = _("Seul·e un·e super-utilisateur·rice peut effacer un compte de super-utilisateur·rice.")
TAMPERED_KEPT = _(
    "%(count)s registre(s) d'émargement au sceau rompu (modifiés hors de la plateforme) n'ont pas été "
    "modifiés : l'IP et le commentaire y restent jusqu'à leur vérification, puis un nouvel effacement."
)
REASON_REQUIRED = _("Indiquez le motif de l'effacement (par exemple : demande de la personne, reçue le…).")


def user_can_erase_people(user) -> bool:
    return roles.is_manager(user)


@dataclass
class RegisterOutcome:
    """What happened to attendance rows: cleared, and the registers left as they are (session ids)."""

    rows_cleared: int = 0
    registers_resealed: int = 0
    tampered: list[int] = field(default_factory=list)  # seal broken: changing them would hide it
    waiting: list[int] = field(default_factory=list)  # closed, but nobody to sign the change


@dataclass
class ErasureResult:
    user: User
    already_erased: bool
    name_fingerprint: str  # of the name before erasure; "" when it was already erased
    registers: RegisterOutcome
    deleted: dict[str, int] = field(default_factory=dict)
    cleared: dict[str, int] = field(default_factory=dict)


def erase_person(*, user, acting_user, reason: str, now: datetime.datetime | None = None) -> ErasureResult:
    """Pseudonymise ``user`` for good (see the module docstring), on a manager's decision."""
    if not user_can_erase_people(acting_user):
        raise NotAllowed(NOT_MANAGER, code="not_manager")
    if user.pk == acting_user.pk:
        raise LMSError(NOT_YOURSELF, code="self")
    if user.is_superuser and not acting_user.is_superuser:
        raise NotAllowed(SUPERUSER_ONLY, code="superuser")
    reason = (reason or "").strip()
    if not reason:
        raise LMSError(REASON_REQUIRED, code="reason_required")
    return erase(user=user, acting_user=acting_user, reason=reason, now=now or timezone.now())


@transaction.atomic
def erase(*, user, acting_user, reason: str, now: datetime.datetime) -> ErasureResult:
    """The erasure itself, without the permission checks: also run by the retention purge, where
    ``acting_user`` may be None (closed registers then wait for a manager, see ``scrub_registers``)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    already = is_erased(user)
    fingerprint = "" if already else name_fingerprint(user.get_full_name())
    rows = Attendance.objects.filter(enrolment__learner=user).filter(
        ~Q(comment="") | Q(attested_ip__isnull=False)
    )
    registers = scrub_registers(rows, acting_user=acting_user, reason=ERASURE_REASON, now=now)
    result = ErasureResult(
        user=user, already_erased=already, name_fingerprint=fingerprint, registers=registers
    )
    history = AttendanceChange.objects.filter(attendance__enrolment__learner=user).exclude(
        attendance__session_id__in=registers.tampered
    )
    result.cleared = {"historique_des_registres": redact_history(history), **_clear_comments(user)}
    result.cleared["enquetes_closes"] = _close_open_surveys(user, now)
    result.deleted = _delete_records(user)
    for hook in hooks.get_hooks("privacy_erase_person"):
        hook(user=user, acting_user=acting_user, name_fingerprint=fingerprint, now=now)
    _pseudonymise_account(user)
    result.user = user
    after = {
        "motif": reason,
        "registres_rescelles": registers.registers_resealed,
        "registres_au_sceau_rompu": registers.tampered,
        "registres_en_attente": registers.waiting,
        "supprime": result.deleted,
        "efface": result.cleared,
    }
    _audit(actor=acting_user, action="person.erased", obj=user, after=after)
    return result


def _clear_comments(user) -> dict[str, int]:
    own = Q(enrolment__learner=user)
    return {
        "evaluations": Evaluation.objects.filter(own).exclude(comment="").update(comment=""),
        "criteres": CriterionScore.objects.filter(evaluation__enrolment__learner=user)
        .exclude(comment="")
        .update(comment=""),
        "avis": TrainerOpinion.objects.filter(own)
        .exclude(comment=OPINION_REDACTED)
        .update(comment=OPINION_REDACTED),
    }


def _close_open_surveys(user, now) -> int:
    """Unanswered surveys close now: their link stops working and no reminder goes out."""
    pending = SurveyRequest.objects.filter(enrolment__learner=user, answered=False)
    return pending.filter(Q(deadline__isnull=True) | Q(deadline__gt=now)).update(deadline=now)


def _delete_records(user) -> dict[str, int]:
    from wagtail.models import PageSubscription, UploadedFile
    from wagtail.users.models import UserProfile

    email = user.email
    for profile in UserProfile.objects.filter(user=user).exclude(avatar=""):
        profile.avatar.delete(save=False)
    counts = {
        "invitations": _delete(Invitation.objects.filter(enrolment__learner=user)),
        "appareils": _delete(TOTPDevice.objects.filter(user=user))
        + _delete(StaticDevice.objects.filter(user=user)),
        "connexions": sum(
            _delete(model.objects.filter(username__iexact=email))
            for model in (AccessLog, AccessAttempt, AccessFailureLog)
        ),
        "administration": sum(
            _delete(model.objects.filter(user=user))
            for model in (UserProfile, PageSubscription, EditingSession, FormState)
        )
        + _delete(UploadedFile.objects.filter(uploaded_by_user=user)),
    }
    SentMessage.objects.filter(recipient__iexact=email).update(recipient=erased_email(user.pk))
    return counts


def _delete(queryset) -> int:
    """Rows of the queryset's own model deleted (cascades not counted)."""
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


def _pseudonymise_account(user) -> None:
    from wagtail.models import ModelLogEntry, Page

    user.first_name, user.last_name = _initial(user.first_name), _initial(user.last_name)
    user.email = erased_email(user.pk)
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save(
        update_fields=[
            "first_name",
            "last_name",
            "email",
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            "last_login",
        ]
    )
    user.groups.clear()
    user.user_permissions.clear()
    Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)
    content_type = ContentType.objects.get_for_model(User)
    ModelLogEntry.objects.filter(content_type=content_type, object_id=str(user.pk)).update(label=str(user))


@dataclass(frozen=True)
class ErasurePreview:
    """What erasing a person will do, for the confirmation page."""

    enrolments: int
    attendance_rows: int  # rows whose IP or comment will be cleared
    registers_to_reseal: int
    tampered_registers: int  # left as they are
    evidence_cohorts: tuple[str, ...]  # registers still within their retention period
    cosigned_sessions: int


def erasure_preview(*, user) -> ErasurePreview:
    rows = Attendance.objects.filter(enrolment__learner=user).filter(
        ~Q(comment="") | Q(attested_ip__isnull=False)
    )
    sessions = TrainingSession.objects.filter(attendances__in=rows).distinct()
    closed = [s for s in sessions if s.is_closed]
    tampered = sum(1 for s in closed if not seal_is_intact(s))
    cutoff = years_before(timezone.localdate(), settings.RETENTION_YEARS_ATTENDANCE)
    evidence = (
        Enrolment.objects.filter(learner=user, attendances__isnull=False, cohort__ends_on__gte=cutoff)
        .order_by("cohort__starts_on")
        .values_list("cohort__name", flat=True)
        .distinct()
    )
    return ErasurePreview(
        enrolments=Enrolment.objects.filter(learner=user).count(),
        attendance_rows=rows.count(),
        registers_to_reseal=len(closed) - tampered,
        tampered_registers=tampered,
        evidence_cohorts=tuple(evidence),
        cosigned_sessions=TrainingSession.objects.filter(closed_by=user).count(),
    )


# --- Attendance registers -------------------------------------------------------------------------------


def scrub_registers(rows, *, acting_user, reason: str, now: datetime.datetime) -> RegisterOutcome:
    """Clear the IP and comment of attendance ``rows`` (a queryset), register by register.

    An open register is changed as is. A closed one is sealed: each row is changed the way the
    attendance service changes a closed register (an ``AttendanceChange`` with ``reason``, signed by
    ``acting_user``, then a new seal), and the row's earlier history loses its IPs, comments and
    free-text reasons too. Left as they are: registers whose seal already fails (re-sealing would hide
    the tampering; a manager must look first) and, without ``acting_user``, closed registers.
    """
    outcome = RegisterOutcome()
    by_session = defaultdict(set)
    for session_id, row_id in rows.values_list("session_id", "pk"):
        by_session[session_id].add(row_id)
    sessions = TrainingSession.objects.select_for_update().in_bulk(list(by_session))
    for session_id in sorted(by_session):
        session, row_ids = sessions[session_id], by_session[session_id]
        if not session.is_closed:
            outcome.rows_cleared += Attendance.objects.filter(pk__in=row_ids).update(
                attested_ip=None, comment=""
            )
        elif acting_user is None:
            outcome.waiting.append(session_id)
        elif not seal_is_intact(session):
            outcome.tampered.append(session_id)
        else:
            outcome.rows_cleared += _reseal(session, row_ids, acting_user=acting_user, reason=reason, now=now)
            outcome.registers_resealed += 1
    return outcome


def _reseal(session, row_ids: set[int], *, acting_user, reason: str, now) -> int:
    for row in session.attendances.filter(pk__in=row_ids).order_by():
        before = _register_snapshot(row)
        row.attested_ip, row.comment = None, ""
        row.save(update_fields=["attested_ip", "comment"])
        record_register_change(
            session=session,
            row=row,
            before=before,
            after=_register_snapshot(row),
            acting_user=acting_user,
            reason=reason,
            now=now,
        )
    return len(row_ids)


def _register_snapshot(row) -> dict:
    """The row as the attendance service's history stores it, with the erased values marked, not kept."""
    data = {name: getattr(row, name) for name in TRACKED}
    for name in ("arrived_at", "left_at", "attested_at"):
        data[name] = data[name].isoformat() if data[name] is not None else None
    data["comment"] = REDACTED if data["comment"] else ""
    data["attested_ip"] = REDACTED if data["attested_ip"] else None
    data["marked_by"] = row.marked_by_id
    return data


def redact_history(changes) -> int:
    """Remove IPs, comments and free-text reasons from register history rows (a queryset); the
    history is not part of the seal. Reasons written by the platform itself stay."""
    kept_reasons = {ERASURE_REASON, RETENTION_REASON, REASON_REDACTED}
    count = 0
    for change in changes.order_by("pk"):
        before, after = _redacted(change.before), _redacted(change.after)
        reason = change.reason if change.reason in kept_reasons else REASON_REDACTED
        if (before, after, reason) == (change.before, change.after, change.reason):
            continue
        change.before, change.after = _redacted(change.before), _redacted(change.after)
        change.before, change.after, change.reason = before, after, reason
        change.save(update_fields=["before", "after", "reason"])
        count += 1
    return count


def _redacted(snapshot):
    if not isinstance(snapshot, dict):
        return snapshot
    data = dict(snapshot)
    if data.get("comment"):
        data["comment"] = REDACTED
    if data.get("attested_ip"):
        data["attested_ip"] = REDACTED
    return data


def years_before(moment, years: int):
    """The same day ``years`` earlier (28 February for a 29th that the earlier year lacks)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)
