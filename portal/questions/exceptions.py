"""Refusals of the questions domain, each with a user-facing, translated message."""


class QuestionsRefused(Exception):
    """A staff action on questions, lists or the introduction was refused; ``str()`` is the message."""


class IntroductionRefused(QuestionsRefused):
    pass


class ModerationRefused(QuestionsRefused):
    pass


class AnswerRefused(QuestionsRefused):
    pass


class IntakeRefused(Exception):
    """A netizen's submission was refused. Nothing was saved.

    ``field`` names the form field at fault (None for the form as a whole); ``errors`` maps every
    field found wrong to its messages, so the form comes back filled with each reason beside its field.
    """

    def __init__(self, message: str, field: str | None = None, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors = errors if errors is not None else {field or "__all__": [message]}


class VerificationRefused(IntakeRefused):
    """A one-time code could not be sent or did not match."""
