"""Observe stage: what the student's code computed (kernel side: the recorder), found per quantity."""
