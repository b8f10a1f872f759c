"""The stance tests import their hand-built mentions from this folder (stance_mentions.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
