"""Monitoring of sector agreements: commitments, assessments, disclosure, projects, progress."""
