"""ASYE quizzes: banks, blueprints, per-learner variants, answer keys and exports."""
