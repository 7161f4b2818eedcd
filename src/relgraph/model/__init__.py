"""What a curated graph is: records, schema, statuses, the relation record. Imports nothing of relgraph but errors."""
