"""The section providers of the filed archive, one module per kind of content (see portal/filing/sections.py)."""
