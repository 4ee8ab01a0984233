"""Review queue, decisions, registry and lifecycle actions (staff, under /gestion/)."""

urlpatterns = []
