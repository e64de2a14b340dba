"""The REST API (v1): public endpoints and those of partner organisations, with its schema."""
