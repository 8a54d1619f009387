"""The bundled rubrics (YAML), shipped as package data beside ``grader`` and ``reference``."""
