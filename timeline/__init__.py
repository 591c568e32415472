"""Timeline: documents in, dated events out, every event one click from its source."""

__version__ = "0.1.0"
