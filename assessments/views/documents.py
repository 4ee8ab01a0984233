"""Attendance sheets (émargement) and completion certificates (certificat de réalisation) as PDFs."""

urlpatterns: list = []
