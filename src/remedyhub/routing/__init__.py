"""Mechanisms that can act on a complaint, and how a complaint is routed to them."""
