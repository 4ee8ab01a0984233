"""Domain errors. ``message`` is a translatable sentence shown as is to the person who acted."""


class LMSError(Exception):
    """Base of every domain error; views turn it into a clear page or form error (400 by default)."""

    status = 400

    def __init__(self, message, *, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.code = code


class NotAllowed(LMSError):
    status = 403


class NotFound(LMSError):
    status = 404


class Conflict(LMSError):
    """The request repeats or contradicts the current state (duplicate, full, already used)."""

    status = 400
