"""The version of compare: one place, read by the package, the API (JSON `version`) and the CLI."""
__version__ = "0.1.0"
