"""fatiguelog: a private daily diary for ME/CFS that flags gastrointestinal changes early.

Kept import-free on purpose: every command pays for what this module imports.
"""

__version__ = "0.1.0"
