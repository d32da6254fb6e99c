"""Reminders: web push to each of a person's devices, and calendar files."""
