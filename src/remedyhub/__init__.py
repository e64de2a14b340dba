"""Remedy Hub: complaints and remedy for people harmed in global supply chains."""
