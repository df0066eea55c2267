"""A mailbox with planted truth (:func:`write_mbox`): threads with correspondents, and mixed in,
every kind of mail netlib leaves out.

:class:`_Mailbox` holds the messages and the truth as they are written; each kind of mail is one
step (:func:`_threads`, :func:`_left_out`, :func:`_broadcasts`, :func:`_one_way`), run in a fixed
order, so that the same seed writes the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from netlib._files import write_files
from netlib.datasets._personas import _names


def write_mbox(path: str | os.PathLike, *, seed: int = 0, correspondents: int = 30, days: int = 365,
               start: str = "2025-01-06", owner: str = "alex@example.org", people: dict | None = None,
               owner_name: str = "Alex") -> dict:
    """Write a mailbox (mbox, Google Takeout style) with planted truth, for tests and workshops.

    Each correspondent writes and is answered in threads spread over ``days``; mixed in: mailing
    lists, bulk mail, notifications from no-reply senders, auto-replies, Gmail promotions and spam,
    calendar invitations, a copy of one message, broadcasts to more than
    :data:`netlib.model.EMAIL_BROADCAST` people, cold messages never answered and newsletters
    never answered.

    Parameters
    ----------
    path : path
        The mbox file to write.
    seed : int
        Random seed: the same seed writes the same bytes.
    correspondents : int
        People who write to the owner and are answered.
    days : int
        Days the mail spans.
    start : str
        The first day.
    owner : str
        The owner's address.
    owner_name : str
        The name the owner signs their mail with.
    people : dict, optional
        The correspondents, address to name (for example contacts of a generated network, so that
        the mail merges with them); default ``correspondents`` invented people.

    Returns
    -------
    dict
        The planted truth: ``interactions`` (per correspondent address: thread-days that are
        interactions), ``sent`` (messages the owner wrote that count), ``broadcasts``,
        ``left_out`` (messages per reason, keyed as :data:`netlib.io.mail.LEFT_OUT`), ``one_way``
        (addresses mail went to or came from one way only) and ``messages``.

    Examples
    --------
    >>> import tempfile, netlib
    >>> truth = write_mbox(tempfile.mkdtemp() + "/mail.mbox", correspondents=5, days=60)
    >>> sorted(truth["left_out"])[:2]
    ['auto', 'calendar']
    """
    rng = np.random.default_rng(seed)
    if people:
        names = {str(a).lower(): str(n) for a, n in people.items()}
        people = list(names)
    else:
        people = [f"{n.lower().replace(' ', '.')}@corp{i % 7}.example" for i, n in enumerate(_names(rng, correspondents))]
        names = dict(zip(people, _names(np.random.default_rng(seed + 1), correspondents)))
    box = _Mailbox(seed, owner, start, owner_name)
    _threads(box, rng, people, names, days)
    _left_out(box, rng, people, names)
    _broadcasts(box, people)
    _one_way(box)
    write_files(Path(path).parent, {Path(path).name: box.text()})
    box.truth["messages"] = len(box.msgs)
    return box.truth


class _Mailbox:
    """The messages written so far, as ``(date, mbox text)``, and the planted truth."""

    def __init__(self, seed: int, owner: str, start: str, owner_name: str = "Alex") -> None:
        from email.utils import formataddr

        self.seed, self.owner = seed, owner
        self.me = formataddr((owner_name, owner))  # the From of the owner's own mail
        self.t0 = pd.Timestamp(start, tz="UTC")
        self.msgs: list[tuple[pd.Timestamp, str]] = []
        self.truth: dict = {"interactions": {}, "sent": 0, "broadcasts": 0, "left_out": {}, "one_way": [], "messages": 0}

    def at(self, days: int, hours: int) -> pd.Timestamp:
        """The moment ``days`` and ``hours`` after the first day began."""
        return self.t0 + pd.Timedelta(days=days, hours=hours)

    def add(self, when, frm, to, subject, extra=(), thread=None, mid=None, labels="Inbox") -> str:
        """One message (Gmail Takeout headers, a one-line body); its Message-ID."""
        mid = mid or f"<{len(self.msgs)}.{self.seed}@mail.example>"
        head = [f"X-GM-THRID: {thread or len(self.msgs) + 10**6}", f"X-Gmail-Labels: {labels}", f"From: {frm}", f"To: {to}",
                f"Date: {when:%a, %d %b %Y %H:%M:%S +0000}", f"Message-ID: {mid}", f"Subject: {subject}", *extra]
        self.msgs.append((when, f"From {len(self.msgs)}@xxx {when:%a %b %d %H:%M:%S +0000 %Y}\n" + "\n".join(head) + "\n\nHello.\n"))
        return mid

    def left(self, code: str, n: int = 1) -> None:
        """Count ``n`` messages netlib leaves out for the reason ``code``."""
        self.truth["left_out"][code] = self.truth["left_out"].get(code, 0) + n

    def text(self) -> str:
        """The mbox file: every message in order of date."""
        return "\n".join(m[1] for m in sorted(self.msgs, key=lambda m: m[0])) + "\n"


def _threads(box: _Mailbox, rng: np.random.Generator, people: list[str], names: dict[str, str], days: int) -> None:
    """Each correspondent writes one to four threads, each answered the same day or the next: the
    thread-days are interactions."""
    for k, addr in enumerate(people):
        name = names[addr]
        days_used = set()
        for j in range(int(rng.integers(1, 5))):
            d = int(rng.integers(0, days - 2))
            thread = f"{k}{j:03d}"
            first = box.add(box.at(d, 9 + int(rng.integers(0, 6))), f'"{name}" <{addr}>', box.owner, f"Thread {k}.{j}", thread=thread)
            reply_day = d + int(rng.integers(0, 2))
            box.add(box.at(reply_day, 17), box.me, f'"{name}" <{addr}>', f"Re: Thread {k}.{j}",
                    (f"In-Reply-To: {first}", f"References: {first}"), thread=thread, labels="Sent")
            box.truth["sent"] += 1
            days_used |= {(thread, d), (thread, reply_day)}
        box.truth["interactions"][addr] = len(days_used)


def _left_out(box: _Mailbox, rng: np.random.Generator, people: list[str], names: dict[str, str]) -> None:
    """What is no relationship: a copy of a message, newsletters and bulk mail, no-reply
    notifications, an auto-reply, promotions and spam, a calendar invitation."""
    copy = box.msgs[0]
    box.msgs.append((copy[0], copy[1].replace("X-Gmail-Labels: Inbox", "X-Gmail-Labels: Inbox,Important")))  # the same Message-ID
    box.left("duplicate")
    for i in range(int(rng.integers(5, 15))):  # newsletters and lists
        box.add(box.at(i, 6), f"News {i % 3} <news{i % 3}@letters.example>", box.owner, f"Issue {i}",
                ("List-Unsubscribe: <mailto:unsub@letters.example>",))
        box.left("list")
    for i in range(3):
        box.add(box.at(i, 7), "Shop <offers@shop.example>", box.owner, "Sale", ("Precedence: bulk",))
        box.left("list")
    for i in range(4):
        box.add(box.at(i, 8), "Service <noreply@service.example>", box.owner, f"Receipt {i}")
        box.left("no-reply")
    box.add(box.at(3, 8), f'"{names[people[0]]}" <{people[0]}>', box.owner, "Out of office", ("Auto-Submitted: auto-replied",))
    box.left("auto")
    for label in ("Category Promotions,Inbox", "Spam"):
        box.add(box.at(4, 8), "Deals <deals@promo.example>", box.owner, "Offer", labels=label)
        box.left("label")
    other = people[1 % len(people)]
    box.add(box.at(5, 8), f'"{names[other]}" <{other}>', box.owner, "Invitation: Coffee @ Mon", ("Content-Type: text/calendar; method=REQUEST",))
    box.left("calendar")


def _broadcasts(box: _Mailbox, people: list[str]) -> None:
    """Two messages from the owner to every correspondent and more: broadcasts, no relationship."""
    for i in range(2):
        to = ", ".join(people + [f"list{i}-{j}@many.example" for j in range(12)])
        box.add(box.at(30 * (i + 1), 12), box.me, to, f"Update {i}", labels="Sent")
        box.truth["broadcasts"] += 1
        box.truth["sent"] += 1


def _one_way(box: _Mailbox) -> None:
    """Cold outreach never answered, and a stranger who was never answered."""
    for i in range(3):
        addr = f"prospect{i}@cold.example"
        box.add(box.at(40 + i, 10), box.me, addr, "Introducing myself", labels="Sent")
        box.truth["one_way"].append(addr)
        box.left("one-way")
    box.add(box.at(50, 10), "Stranger <someone@unknown.example>", box.owner, "Question")
    box.truth["one_way"].append("someone@unknown.example")
    box.left("one-way")
