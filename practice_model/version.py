"""The package's version, the one place it is written (pyproject reads it; the package root re-exports it).

A module of its own so that nothing inside the package imports the root, whose ``setup()`` wires every layer.
"""

__version__ = "0.1.0"
