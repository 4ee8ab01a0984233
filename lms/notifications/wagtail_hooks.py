"""Wagtail hooks of the notifications app: its part of the RGPD export and erasure."""

from wagtail import hooks

from lms.notifications import privacy

hooks.register("privacy_export_sections", privacy.export_section)
hooks.register("privacy_erase_person", privacy.erase_preference)
