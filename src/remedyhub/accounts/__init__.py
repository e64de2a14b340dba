"""People who log in, and the organisations they act for."""
