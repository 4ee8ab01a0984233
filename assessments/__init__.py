"""Assessments: quizzes and attempts; training sessions, attendance (émargement) and rubric scoring."""
