"""What every app shares: the base model, time helpers and encryption at rest."""
