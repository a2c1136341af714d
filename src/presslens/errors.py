"""Exceptions with messages a user can act on."""


class PresslensError(Exception):
    """Base class of every error presslens raises on purpose."""


class InputError(PresslensError):
    """An input file or record cannot be turned into an article; the message says why."""


class StoreError(PresslensError):
    """The SQLite store cannot be opened, migrated or written."""


class UsageError(PresslensError):
    """A command-line value or setting that cannot be used; the message says which."""
