"""Marking quizzes: each NQSW's profile against the frameworks, and item analysis for the ASYE lead."""
