"""Writes of the courses app: enrolment and invitations, CSV import, lesson progress."""
