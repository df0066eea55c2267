"""Data of other shapes than the benchmark's uniform draw (#30), in netlib's canonical CSVs.

:func:`write_skewed` follows ``/work/shared/bench/gen_skewed.py``: attendance drawn from a Zipf law
(a few people in a large share of all meetings, as an organisation's assistants, a founder or a
club's host are), and optionally one contact at every meeting on top.
"""

from pathlib import Path

import numpy as np
import pandas as pd


def write_skewed(out: Path, n_contacts: int, n_meetings: int, *, heavy: bool = True, seed: int = 7) -> dict:
    """Write ``contacts.csv`` and ``meetings.csv`` into ``out``; returns the attendance rows and the heavy contact."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"c{i:07d}" for i in range(n_contacts)])
    pd.DataFrame({"contact_id": ids, "name": [f"Person {i}" for i in range(n_contacts)],
                  "email": [f"p{i}@example.com" for i in range(n_contacts)],
                  "company": rng.choice([f"Co{i}" for i in range(max(1, n_contacts // 50))], n_contacts),
                  "title": rng.choice(["Engineer", "Director", "CEO", "Consultant", "Analyst"], n_contacts)}).to_csv(out / "contacts.csv", index=False)
    size = np.where(rng.random(n_meetings) < 0.7, 1, rng.integers(2, 30, n_meetings))
    start = pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365 * 24 * 60, n_meetings), unit="min")
    pop = (rng.zipf(1.3, size.sum()) - 1) % n_contacts
    lists = [";".join(dict.fromkeys(a)) for a in np.split(ids[pop], np.cumsum(size)[:-1])]  # a person once per meeting
    heavy_id = f"c{n_contacts:07d}"
    if heavy:  # one more contact, at every meeting (a one-to-one becomes a meeting of two)
        lists = [f"{a};{heavy_id}" if heavy_id not in a else a for a in lists]
        pd.DataFrame({"contact_id": [heavy_id], "name": ["Heavy Attender"], "email": ["heavy@example.com"]}).to_csv(
            out / "contacts.csv", mode="a", header=False, index=False)
    pd.DataFrame({"meeting_id": [f"m{i:08d}" for i in range(n_meetings)], "start": start.strftime("%Y-%m-%dT%H:%M"),
                  "duration_min": np.where(size == 1, 45, 90), "channel": np.where(size == 1, "coffee", "event"),
                  "attendees": lists}).to_csv(out / "meetings.csv", index=False)
    return {"attendance": sum(a.count(";") + 1 for a in lists), "heavy": heavy_id if heavy else None}
