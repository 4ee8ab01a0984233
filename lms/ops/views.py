"""Health check for load balancers and monitoring: 200 when the database answers, 503 otherwise."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "indisponible", "database": "erreur"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
