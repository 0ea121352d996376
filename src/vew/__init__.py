"""vew: named virtual environments in every shell, compatible with virtualenvwrapper."""

__version__ = "0.1.0"
