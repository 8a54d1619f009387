"""Judge stage: compare each found value with the reference, name the mistakes, score the checks."""
