"""Models and the small functions that read and write them. Routes call these."""
