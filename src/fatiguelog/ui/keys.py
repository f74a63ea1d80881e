"""Keys in the order they were typed, each handled to the end before the next one.

Why: Textual hands a key to the widget that has focus *when the key arrives*, to be handled
later from that widget's own queue, while a priority binding (Enter and Esc on the check-in,
Enter in the dialogs) runs at once. Keys that arrive together in one read from the terminal
(a paste without bracketed-paste mode, a fast typist, a slow SSH link, `tmux send-keys`) were
therefore handled out of order: in "7.5⏎" the Enter ran "Next" before the box held "7.5"
(nothing was recorded), and a key typed after Enter went to the step being left.

`OrderedInputApp` holds keys (and pastes) and releases the next one only when the previous has
been handled all the way: by the focused widget, by every parent it bubbled up to, by the app's
bindings, and by whatever screen or focus change that caused. Nothing here is timed: "handled"
is known by a callback queued behind the key in each of those message queues.
"""

from __future__ import annotations

import asyncio
from collections import deque

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump

#: Rounds of waiting when a key changed the screen or the focus (a dialog opening and focusing
#: its first field takes two or three).
MAX_ROUNDS = 6
#: A queue closed while we waited (its widget was removed) never runs our callback: how often
#: to look whether it still runs. Not a deadline: a busy queue is waited for as long as it takes.
LOOK_AGAIN = 0.25


class OrderedInputApp(App[None]):
    """An app whose keys are handled one at a time, in the order typed."""

    def __init__(self) -> None:
        super().__init__()
        self._held: deque[events.Event] = deque()
        self._handling = False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self._held.append(event)
            if not self._handling:
                await self._release_next()
            return
        await super().on_event(event)

    @property
    def keys_pending(self) -> bool:
        """Whether typed keys are still waiting or being handled (tests poll this)."""
        return self._handling or bool(self._held)

    async def _release_next(self) -> None:
        """Hand the app the next held key, then wait (off the app's queue) until it is done."""
        if not self._held or not self.is_running:
            self._handling = False
            return
        self._handling = True
        event = self._held.popleft()
        try:
            await super().on_event(event)
        finally:
            self.run_worker(self._settle(), group="ordered-keys", exit_on_error=False)

    async def _settle(self) -> None:
        try:
            for _ in range(MAX_ROUNDS):
                before = self._where()
                for node in self._chain():
                    await _drained(node)
                if self._where() == before:
                    break
        finally:
            self.call_later(self._release_next)

    def _where(self) -> tuple[object, object]:
        try:
            return self.screen, self.focused
        except Exception:  # no screen while the app closes
            return None, None

    def _chain(self) -> list[MessagePump]:
        """The focused widget (or the screen) and every node a key bubbles through, to the app."""
        try:
            node: DOMNode | None = self.focused or self.screen
        except Exception:
            return [self]
        chain: list[MessagePump] = []
        while node is not None:
            chain.append(node)
            node = node.parent if node is not self else None
        if not chain or chain[-1] is not self:
            chain.append(self)
        return chain


async def _drained(node: MessagePump) -> None:
    """Wait until `node` has handled every message queued before now."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def mark() -> None:
        if not done.done():
            done.set_result(None)

    if not node.call_later(mark):
        return  # closed: nothing more will be handled there
    while not done.done():
        await asyncio.wait([done], timeout=LOOK_AGAIN)
        if not node.is_running:
            return


__all__ = ["OrderedInputApp"]
