"""Interactive explorers built on the models: one module per notebook theme."""
