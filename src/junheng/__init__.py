"""junheng (均衡): planning and supervision of county education against the national standards."""

__version__ = "0.1.0"
