"""Login throttling: which address a request comes from, and failures counted per account and per address.

django-axes records every failed login; this module tells it the client's address (behind the configured
number of reverse proxies) and gives the account and the address each their own limit.
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_ip(request):
    """The client's address: the connection's own, or the one the trusted proxies put in X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _failures(**lookup):
    return AccessAttempt.objects.filter(**lookup).aggregate(total=Sum("failures_since_start"))["total"] or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Counts failed logins per account (limit AXES_FAILURE_LIMIT) and per address (LOGIN_FAILURES_PER_ADDRESS).

    axes compares one number with AXES_FAILURE_LIMIT, so the address's count is reported on that scale:
    it reaches the limit exactly when the address reaches its own.
    A successful login clears the account's failures only, so logging in to one account never
    clears what an address did against others.
    """

    def get_failures(self, request, credentials=None):
        recent = {"attempt_time__gte": get_cool_off_threshold(request)} if settings.AXES_COOLOFF_TIME else {}
        username = get_client_username(request, credentials)
        per_account = _failures(username=username, **recent) if username else 0
        per_address = _failures(ip_address=request.axes_ip_address, **recent) if request.axes_ip_address else 0
        limit = get_failure_limit(request, credentials)
        scaled = per_address * limit // settings.LOGIN_FAILURES_PER_ADDRESS
        return max(per_account, scaled)

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
