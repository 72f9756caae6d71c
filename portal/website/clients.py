"""Who is asking, without keeping who it is: the keys that rate limits and “我也关注” count by.

The domain expects ``client_key(ip, user_agent)``, a keyed hash; the address comes from
``request_client_ip`` (the first X-Forwarded-For hop behind the reverse proxy). Nothing here stores
or logs the address itself.
"""

from django_ratelimit.core import is_ratelimited

from portal.core.context import request_client_ip
from portal.questions.antiabuse import client_key

# Receipt-code look-ups per client (the codes are 50-bit random; this keeps guessing pointless).
LOOKUP_RATE = "30/10m"
# “我也关注” per address (not per browser: changing the user agent must not buy more support).
SUPPORT_RATE = "30/10m"


def request_client_key(request) -> str:
    """The client as the questions domain counts it: address and user agent, hashed with the server's key."""
    return client_key(request_client_ip(request), request.META.get("HTTP_USER_AGENT", ""))


def address_key(group, request) -> str:
    """django-ratelimit's key: the address alone, hashed with the server's key."""
    return client_key(request_client_ip(request), "")


def over_limit(request, group: str, rate: str) -> bool:
    """Count this request against ``rate`` for its address; True once the address has used it up."""
    return is_ratelimited(request, group=group, key=address_key, rate=rate, increment=True)
