"""The questionnaire: start, steps, review, resume, delete and results pages."""
