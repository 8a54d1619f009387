"""Quiz stage: find each free-text answer and give it a first score a TA would give."""
