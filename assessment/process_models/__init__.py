"""Typed schemas and loaders for the process models: `models/rus_sakring.yaml` (the four-step
RUS-säkring model) and `models/tyrens.yaml` (Tyréns' goal-conflict handling process)."""

from assessment.process_models.loader import (
    clear_cache,
    load_rus_model,
    load_tyrens_model,
    models_dir,
    rus_model,
    tyrens_model,
)
from assessment.process_models.rus import (
    Checklist,
    ChecklistItem,
    CheckpointSpec,
    JudgementSpec,
    Municipality,
    Perspective,
    RusGoal,
    RusModel,
    Step,
)
from assessment.process_models.tyrens import ConflictType, Entry, Method, Stage, TyrensModel

__all__ = [
    "Checklist",
    "ChecklistItem",
    "CheckpointSpec",
    "ConflictType",
    "Entry",
    "JudgementSpec",
    "Method",
    "Municipality",
    "Perspective",
    "RusGoal",
    "RusModel",
    "Stage",
    "Step",
    "TyrensModel",
    "clear_cache",
    "load_rus_model",
    "load_tyrens_model",
    "models_dir",
    "rus_model",
    "tyrens_model",
]
