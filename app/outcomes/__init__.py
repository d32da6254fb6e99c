"""My progress: self-scored recovery outcomes, reviews every 6 weeks, charts."""
