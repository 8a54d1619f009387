"""The grader's version; reports record it so that a grade can be traced to the code that gave it."""

__version__ = "0.1.0"
