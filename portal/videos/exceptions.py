class VideoRefused(Exception):
    """Raised with a user-facing, translated message."""


class UploadGap(VideoRefused):
    """A chunk that starts after what the server has: the client must resume from ``expected``."""

    def __init__(self, message: str, expected: int):
        super().__init__(message)
        self.expected = expected
