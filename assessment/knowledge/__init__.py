"""Knowledge the tool ships as data: the Agenda 2030 catalogue and the other goal frameworks.

Everything is loaded from ``sdg_data/`` (validated, cached); see ``sdg_data/README.md``.
"""

from assessment.knowledge.frameworks import Framework, FrameworkGoal, framework, frameworks
from assessment.knowledge.sdg import SdgCatalog, SdgGoal, SdgTarget, sdg_catalog

__all__ = [
    "Framework",
    "FrameworkGoal",
    "SdgCatalog",
    "SdgGoal",
    "SdgTarget",
    "framework",
    "frameworks",
    "sdg_catalog",
]
