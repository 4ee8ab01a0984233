"""Wagtail hooks of the certification app: the rules' admin viewset, and the public and learner
hooks (``certificates/hooks_public.py``)."""

from wagtail import hooks

import certificates.hooks_public  # noqa: F401 - registers the dashboard and privacy hooks


@hooks.register("register_admin_viewset")
def register_certification_rule_admin():
    from certificates.admin_viewsets import rule_viewset

    return rule_viewset
