"""Courses: cohorts ("promotions"), enrolment, lesson and module progress, the learner dashboard."""
