"""wirecheck: which facts hold up across independent news sources.

Import stays light: models and heavy libraries load only when a stage runs.
"""

__version__ = "0.1.0"
