"""My plan: the parts of a Wellness Recovery Action Plan, and changing them safely."""
