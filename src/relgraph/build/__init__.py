"""A Dataset to graphs: NetworkX and RDF."""
