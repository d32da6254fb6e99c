"""My circle: carers and peer mentors a person invites, what each may see or do, and
who looked. The rules themselves live in app/access.py."""
