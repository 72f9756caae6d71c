class LiveRefused(Exception):
    """A live console action was refused; ``str()`` is the message and ``field`` the form field at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
