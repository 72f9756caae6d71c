class FollowupRefused(Exception):
    """A summary or rectification change that cannot be made; the message is translated and user-facing."""
