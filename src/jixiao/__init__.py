"""jixiao (绩效): budget performance management for Chinese public-sector budget units."""

__version__ = "0.1.0"
