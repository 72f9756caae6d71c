"""Writes on scripts: the working copy (editing.py) and submission and review (review.py)."""
