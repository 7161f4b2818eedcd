"""Questions over a Dataset: paths, claims across sources, SPARQL, and their text and JSON renderings."""
