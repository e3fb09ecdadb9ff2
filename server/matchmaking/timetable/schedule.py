"""A mutable timetable under construction: who meets in which slot, with undo for trial moves."""

from __future__ import annotations

from server.matchmaking.timetable.model import Model, slot_bits


class Schedule:
    """Pairs placed in slots (tables are numbered later); every change can be rolled back."""

    def __init__(self, model: Model) -> None:
        self.a = model.a.tolist()
        self.b = model.b.tolist()
        self.weight = model.weight.tolist()
        self.common = model.common
        self.capacity = model.capacity.tolist()
        self.tables = model.tables
        self.slot_of = [-1] * model.pairs
        self.busy = [0] * model.people  # bit mask of slots where the person meets
        self.meeting = [[-1] * model.slots for _ in range(model.people)]
        self.count = [0] * model.people
        self.load = [0] * model.slots
        self.members: list[set[int]] = [set() for _ in range(model.slots)]
        self.full = 0 if model.tables else (1 << model.slots) - 1  # slots with every table taken
        self.total = 0.0
        self._log: list[tuple[int, int]] = []  # (pair, slot) placed (+) or removed (~pair)

    def place(self, e: int, s: int) -> None:
        a, b, bit = self.a[e], self.b[e], 1 << s
        self.slot_of[e] = s
        self.busy[a] |= bit
        self.busy[b] |= bit
        self.meeting[a][s] = self.meeting[b][s] = e
        self.count[a] += 1
        self.count[b] += 1
        self.load[s] += 1
        self.members[s].add(e)
        if self.load[s] >= self.tables:
            self.full |= bit
        self.total += self.weight[e]
        self._log.append((e, s))

    def remove(self, e: int) -> int:
        s = self.slot_of[e]
        a, b, bit = self.a[e], self.b[e], 1 << s
        self.slot_of[e] = -1
        self.busy[a] &= ~bit
        self.busy[b] &= ~bit
        self.meeting[a][s] = self.meeting[b][s] = -1
        self.count[a] -= 1
        self.count[b] -= 1
        self.load[s] -= 1
        self.members[s].discard(e)
        self.full &= ~bit
        self.total -= self.weight[e]
        self._log.append((~e, s))
        return s

    def checkpoint(self) -> int:
        return len(self._log)

    def rollback(self, checkpoint: int) -> None:
        while len(self._log) > checkpoint:
            e, s = self._log.pop()
            if e >= 0:
                self.remove(e)
            else:
                self.place(~e, s)
            self._log.pop()

    def forget(self) -> None:
        """Drop the undo history (after a move is kept for good)."""
        self._log.clear()

    def has_room(self, e: int) -> bool:
        a, b = self.a[e], self.b[e]
        return bool(self.count[a] < self.capacity[a] and self.count[b] < self.capacity[b])

    def free_slots(self, e: int) -> int:
        busy: int = self.busy[self.a[e]] | self.busy[self.b[e]] | self.full
        return self.common[e] & ~busy

    def roomiest(self, mask: int) -> int:
        """The slot of the mask with the most free tables (lowest number on ties)."""
        return min(slot_bits(mask), key=lambda s: (self.load[s], s))
