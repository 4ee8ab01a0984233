"""Wagtail admin for cohorts ("promotions"), registered by a ``register_admin_viewset`` hook.

Who may list, add or change them follows the model permissions of the role groups (``roles.py``).
``admin_viewsets`` returns this app's viewset with the organisations' one, for a single hook line.
"""

from django import forms
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from courses.models import Cohort, Enrolment
from courses.permissions import user_can_manage_cohorts
from lms.accounts import roles
from lms.accounts.admin_viewsets import organisation_viewset
from lms.accounts.models import User

DATES_IN_ORDER = _("La fin de la promotion ne peut pas précéder son début.")
CAPACITY_TOO_LOW = _("Au moins une place, et pas moins que les %(count)s personnes déjà inscrites.")


class CohortAdminForm(WagtailAdminModelForm):
    """Only trainers can be chosen; one who has since left the role stays until removed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "trainers" in self.fields:
            eligible = Q(groups__name=roles.TRAINER)
            if self.instance.pk:
                eligible |= Q(trained_cohorts=self.instance)
            queryset = User.objects.filter(eligible).distinct().order_by("last_name", "first_name")
            self.fields["trainers"].queryset = queryset

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", DATES_IN_ORDER)
        return cleaned

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        enrolled = 0
        if self.instance.pk:
            enrolled = self.instance.enrolments.exclude(status=Enrolment.Status.WITHDRAWN).count()
        if capacity < max(enrolled, 1):
            raise forms.ValidationError(CAPACITY_TOO_LOW % {"count": enrolled}, code="capacity")
        return capacity


class CohortIndexView(IndexView):
    """The list shows how many people each cohort holds, counted in the listing's one query."""

    def get_base_queryset(self):
        withdrawn = Q(enrolments__status=Enrolment.Status.WITHDRAWN)
        return (
            super()
            .get_base_queryset()
            .select_related("programme")
            .annotate(enrolled_count=Count("enrolments", filter=~withdrawn))
        )

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if user_can_manage_cohorts(self.request.user):
            url = reverse("courses:manage-cohort", kwargs={"cohort_id": instance.pk})
            buttons.append(
                MenuItem(_("Inscriptions et invitations"), url=url, icon_name="group", priority=15)
            )
        return buttons


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Promotions")
    menu_order = 200
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = CohortIndexView
    list_display = [
        "name",
        "programme",
        "starts_on",
        "ends_on",
        "capacity",
        Column("enrolled_count", label=_("Inscrit·es")),
    ]
    list_filter = ["programme"]
    search_fields = ["name"]
    # Cohorts are not in Wagtail's search index: search the name in the database.
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("programme"),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            FieldPanel("capacity"),
            FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=CohortAdminForm,
    )


cohort_viewset = CohortViewSet("promotions")


def admin_viewsets() -> list:
    """For ``hooks.register("register_admin_viewset", admin_viewsets)``."""
    return [organisation_viewset, cohort_viewset]
