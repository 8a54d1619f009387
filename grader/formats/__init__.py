"""Output formats: each module reads report records and writes one format; none changes a record."""
