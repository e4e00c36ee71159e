"""Supervision digests: consent-first collection (build), identifier removal (redact),
exporters by name (exporters) and reading digest files back (view)."""
