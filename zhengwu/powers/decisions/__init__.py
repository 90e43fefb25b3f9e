"""行政执法决定 and their 双公示 (a case type on the shared case layer)."""
