"""The certification rule of a programme: its saved row, or the defaults until a manager saves one."""

from certificates.models import CertificationRule


def rule_for(programme) -> CertificationRule:
    """The programme's rule (1 query). Unsaved defaults when none was written: a programme is never
    without rules, and the defaults are the strict ones."""
    rule = CertificationRule.objects.filter(programme_id=programme.pk).first()
    return rule if rule is not None else CertificationRule(programme=programme)
