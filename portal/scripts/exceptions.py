"""Refusals of the script domain, each with a user-facing, translated message."""


class ScriptRefused(Exception):
    """A write on a script was refused; ``str()`` is the message. Nothing was saved."""
