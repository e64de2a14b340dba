"""Benchmarks of Remedy Hub, runnable with one command each (see bench/README.md)."""
