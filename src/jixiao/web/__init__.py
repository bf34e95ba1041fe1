"""The web pages of jixiao (for now the home page listing evaluations; the full application comes later)."""
