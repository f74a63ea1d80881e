"""The Textual app: screens and widgets only; every rule lives in the domain modules."""
