"""Open Badges 3.0: credentials, the issuer profile and keys, the status list, credential checks."""

urlpatterns = []
