"""Helpers shared by the CPython versions of the documents' programs (docs/example-programs.md)."""
