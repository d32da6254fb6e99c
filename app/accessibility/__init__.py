"""Display preferences (text size, contrast, motion) and language."""
