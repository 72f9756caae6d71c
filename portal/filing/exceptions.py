class FilingRefused(Exception):
    """A filing action was refused; ``str()`` is the user-facing, translated message."""
