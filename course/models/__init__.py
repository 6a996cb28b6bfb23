"""Pure NumPy models, one module per theme of the course (no plotting, no widgets)."""
