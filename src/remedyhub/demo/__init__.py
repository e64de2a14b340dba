"""Invented demo data so that a newcomer sees a working site: loaded by ``manage.py demo_data``."""
