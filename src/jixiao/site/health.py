"""``/health/``: the plainest answer the site can give (no database, no template, no session), for
load balancers and as the floor of the load test (see benchmarks/load)."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
