"""Helpers the tests share: driving real shells, building wheels and plugins, parsing PowerShell."""
