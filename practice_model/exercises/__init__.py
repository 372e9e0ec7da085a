"""Reflective exercises: a kind (what the exercise is for) x a lens (a reflective model) x a handbook object."""
