"""Bytes on disk to values with positions: YAML files and the project layout."""
