"""A class at a time: parallel grading, the report cache, shards, Dask, overrides and LMS extras."""
