"""Load stage: the rubric and its reference, the quiz rubric, and the submissions, read and validated."""
