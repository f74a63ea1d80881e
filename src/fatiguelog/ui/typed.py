"""`node.app` typed as the fatiguelog app (Textual types it as any `App`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from fatiguelog.ui.app import FatiguelogApp


def diary(node: DOMNode) -> FatiguelogApp:
    """The running `FatiguelogApp`, for its root, settings, today and check-in actions."""
    return cast("FatiguelogApp", node.app)
