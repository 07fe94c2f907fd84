"""Goal-conflict and sustainability-assurance assessment for Swedish regional development.

``__version__`` is the package's only version number: hatchling reads it for the wheel, the PDF's
appendix and ``assessment --version`` print it.
"""

__version__ = "0.1.0"
