"""Tools for curators: the formatter and the generated docs."""
