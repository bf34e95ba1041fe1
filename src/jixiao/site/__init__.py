"""The Django project (the shell around the pure core): settings, URLs, WSGI."""
