"""Views of the courses app, one module per audience: learner, management (managers), cohort (trainers)."""
