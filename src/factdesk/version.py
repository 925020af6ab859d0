"""The version of factdesk, below every other module so that any of them can name it."""

__version__ = "0.1.0"
