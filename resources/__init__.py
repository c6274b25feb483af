"""Data files shipped with Pont: the field and request catalogues, icons, the verifier page."""
