"""Front ends: the command line, the student's self-check, the rubric self-test, Gradescope, pytest."""
