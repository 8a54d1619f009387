"""Run stage: each notebook's cells on a fresh, sandboxed kernel, with probes that snapshot values."""
