"""reflect: a reflective-practice journal on plain files."""

__version__ = "0.1.0"
