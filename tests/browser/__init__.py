"""The site in a headless browser, as a reader gets it (see conftest.py)."""
