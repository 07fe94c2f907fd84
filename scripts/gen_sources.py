"""Write docs/sources.md from sdg_data/bibliography.yaml (run after editing the bibliography)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessment.knowledge.bibliography import bibliography, render_markdown  # noqa: E402

if __name__ == "__main__":
    target = ROOT / "docs" / "sources.md"
    target.write_text(render_markdown(bibliography()), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
