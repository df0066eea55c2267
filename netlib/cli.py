"""The ``netlib`` command: ``netlib summary``, ``netlib report``, ``netlib anonymize``, ``netlib sample``,
``netlib workshop``, ``netlib notebooks`` and ``netlib doctor``.

Run ``netlib --help`` or ``netlib COMMAND --help``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from netlib import _facts
from netlib._words import plural
from netlib.model import DataError, Network

__all__ = ["main"]


#: The longest event ``--event`` takes, in minutes: a day.
MAX_EVENT_MINUTES = 24 * 60


def load_options(args: argparse.Namespace) -> dict:
    """The options of ``netlib.load`` given on the command line.

    Examples
    --------
    >>> a = argparse.Namespace(event=["tickets.csv=2024-11-30T18:00,Data Night,150"], day_first=True, message_minutes=4,
    ...                        no_merge=False)
    >>> load_options(a)["events"]
    {'tickets.csv': {'start': '2024-11-30T18:00', 'title': 'Data Night', 'duration_min': 150.0}}
    """
    opts: dict = {}
    events = {}
    for spec in getattr(args, "event", None) or []:
        name, _, rest = spec.partition("=")
        parts = [p.strip() for p in rest.split(",")]
        if not name or not parts[0]:
            raise DataError("an --event needs FILE=START[,TITLE[,MINUTES]]", value=spec,
                            expected="e.g. tickets.csv=2024-11-30T18:00,Data Night,120")
        minutes = None
        if len(parts) > 2 and parts[2]:
            try:
                minutes = float(parts[2])
            except ValueError:
                minutes = float("nan")
            if not np.isfinite(minutes) or not 0 < minutes <= MAX_EVENT_MINUTES:
                raise DataError(f"an --event's length must be a number of minutes above 0 and at most {MAX_EVENT_MINUTES} "
                                "(a day; give each day of a longer event as an event of its own)", value=spec,
                                expected="e.g. tickets.csv=2024-11-30T18:00,Data Night,120")
        events[name] = {"start": parts[0], **({"title": parts[1]} if len(parts) > 1 and parts[1] else {}),
                        **({"duration_min": minutes} if minutes is not None else {})}
    if events:
        opts["events"] = events
    if getattr(args, "day_first", None):
        opts["day_first"] = True
    if getattr(args, "message_minutes", None) is not None:
        opts["message_minutes"] = args.message_minutes
    if getattr(args, "no_merge", False):
        opts["merge"] = False
    if getattr(args, "org_domain", None):
        opts["org"] = list(args.org_domain)
    return opts


def _load(args: argparse.Namespace) -> Network:
    import netlib

    options = load_options(args)  # checked even when the sample is loaded: a wrong option is never ignored
    if not args.sources:
        return netlib.load_sample()
    return warn_me(netlib.load(*args.sources, me=args.me or None, tz=args.tz, strict=args.strict, **options))


def warn_me(net: Network) -> Network:
    """Say on stderr when the ``--me`` given matched nothing in the files (and who was inferred instead).

    Parameters
    ----------
    net : Network
        A loaded network.

    Returns
    -------
    Network
        ``net``.
    """
    p = net.problems
    for value, problem in p.loc[p["source"] == "me", ["value", "problem"]].itertuples(index=False):  # at most one row
        print(f"netlib: --me {value}: {problem}", file=sys.stderr)
    return net


def warn_moment(net: Network, as_of=None, tz: str = "UTC") -> Network:
    """Say on stderr when the figures are as of a moment long before today (an old export).

    Parameters
    ----------
    net : Network
        A loaded network.
    as_of : date-like, optional
        The moment asked for (``--as-of``); default the end of the data.
    tz : str
        The reader's time zone (``--tz``): the day said is the day there, as on the pages.

    Returns
    -------
    Network
        ``net``.
    """
    from netlib.present import data_moment

    moment = data_moment(net, as_of, tz=tz)
    if moment is not None:
        print(f"netlib: {moment.text.replace('`', '')}", file=sys.stderr)
    return net


def summary_text(net: Network, max_problems: int = 20, tz: str = "UTC") -> str:
    """The headline figures and the load problems as plain text.

    Examples
    --------
    >>> import netlib
    >>> print(summary_text(netlib.load_sample()).splitlines()[0])
    netlib summary for Alex Morgan
    """
    s = net.summary()
    who = net.me.name or (net.me.emails[0] if net.me.emails else "(owner unknown: pass --me)")
    lines = [f"netlib summary for {who}", ""]
    lines.append(f"  contacts            {s['contacts']:>8}   ({s['inferred_contacts']} inferred from attendee lists)")
    lines.append(f"  meetings            {s['meetings']:>8}")
    lines.append(f"    one-to-one        {s['meetings_one_to_one']:>8}")
    lines.append(f"    one-to-many       {s['meetings_one_to_many']:>8}")
    lines.append(f"    nobody else       {s['meetings_solo']:>8}")
    lines.append(f"  hours               {s['hours']:>8}")
    if s["meetings"]:
        lines.append(f"  from {s['first_meeting']:%Y-%m-%d} to {s['last_meeting']:%Y-%m-%d}")
    end = _facts.data_end(net)
    if s["meetings"] and end > s["last_meeting"] + pd.Timedelta(days=1):
        lines.append(f"  exported {end.tz_convert(tz):%Y-%m-%d}: every figure is measured then (the silence since the last meeting counts)")
    if s["meetings"]:  # the headline of netlib.backtest: how well its forecast worked on this past
        from netlib.decay import backtest

        lines += ["", "How well netlib's forecast worked on your past (netlib.backtest):",
                  *textwrap.wrap(str(backtest(net).note), 96, initial_indent="  ", subsequent_indent="  ")]
    lines += ["", "Files read:"]
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        lines.append(net.sources.to_string(index=False))
    lines += ["", f"Problems: {s['problems']} (durations defaulted: {s['durations_defaulted']})"]
    if len(net.problems):
        from netlib.present import problem_counts

        counts = problem_counts(net.problems).reset_index()  # kinds of problem, not one line per contact named
        with pd.option_context("display.width", 200, "display.max_colwidth", 90):
            lines.append(counts.to_string(index=False))
        if len(net.problems) > max_problems:
            lines.append(f"  (first {max_problems} of {len(net.problems)} shown below; see Network.problems for all)")
        with pd.option_context("display.width", 200, "display.max_colwidth", 40):
            lines.append(net.problems.head(max_problems).to_string(index=False))
    return "\n".join(lines)


def _summary(args: argparse.Namespace) -> int:
    print(summary_text(warn_moment(_load(args), tz=args.tz), tz=args.tz))
    return 0


def _report(args: argparse.Namespace) -> int:
    from netlib.report import build_report

    # papermill reads notebooks with nbformat, which imports jsonschema, which imports rfc3987_syntax if it
    # is installed (Jupyter installs it): that builds some 35 parsers on import, 1.2 s of every report on a
    # 2-core machine, for a check of IRIs nothing here asks for (python-jsonschema/jsonschema#1428).  In
    # this process only, jsonschema goes without it and leaves that one format unchecked.
    sys.modules.setdefault("rfc3987_syntax", None)

    if args.team:
        return _team_report(args)
    return _written(lambda: build_report(
        args.sources or None, me=args.me or None, tz=args.tz, as_of=args.as_of, half_life_days=args.half_life,
        segment=args.segment or None, anonymize=args.anonymize, out=args.out, load_options=load_options(args),
        loaded=lambda net: warn_moment(warn_me(net), args.as_of, args.tz), salt=args.salt_file,
    ))


def _team_report(args: argparse.Namespace) -> int:
    from netlib.report.team import build_team_report

    if len(args.sources) != 1 or args.me or args.half_life:
        print("netlib: report --team takes one folder, holding one folder of exports per member (each member's owner is "
              "found from their files), and no --me or --half-life", file=sys.stderr)
        return 2
    return _written(lambda: build_team_report(args.sources[0], tz=args.tz, as_of=args.as_of, segment=args.segment or None,
                                              company=args.company or None, anonymize=args.anonymize, salt=args.salt_file,
                                              out=args.out))


def _written(make) -> int:
    """Make a report (``make()`` returns its index page) and say where it is; a failure said in one line."""
    from netlib.report import ReportError

    try:
        index = make()
    except ReportError as err:
        print(f"netlib: report failed: {err}", file=sys.stderr)
        return 1
    except FileNotFoundError as err:
        print(f"netlib: {err}", file=sys.stderr)
        return 2
    print(f"open {index} in a browser (it works offline)")
    return 0


def _anonymize(args: argparse.Namespace) -> int:
    import netlib
    from netlib._files import OutputFolder
    from netlib.anonymize import pseudonymize

    OutputFolder(args.out, ["contacts.csv", "meetings.csv"]).check()  # before any work: never over the user's own files
    net = warn_me(netlib.load(*args.sources, me=args.me or None, tz=args.tz, strict=args.strict, **load_options(args)))
    anon = pseudonymize(net, salt=args.salt_file, companies=args.companies)
    paths = netlib.write_csv(anon, args.out)
    print(f"wrote {plural(len(anon.contacts), 'contact')} and {plural(len(anon.meetings), 'meeting')} with pseudonyms to "
          + ", ".join(str(p) for p in paths))
    return 0


def _sample(args: argparse.Namespace) -> int:
    from netlib.datasets import SAMPLE_ARGS, write_sample, write_team_sample

    kwargs = {"seed": args.seed, "persona": args.persona, "years": args.years, "start": args.start or SAMPLE_ARGS["start"]}
    if args.team is not None:  # refuses, before any work, a folder holding a file of the user's under the names it writes
        truth = write_team_sample(args.out, members=args.team, **kwargs)
        best = "; ".join(f"{c}: {b['member']}" for c, b in truth["best_introducers"].items())
        print(f"wrote a team of {args.team} ({', '.join(truth['members'])}), each member's exports in a folder of their own, with "
              f"{len(truth['overlaps']['people'])} people known to several members and the best introducers {best}, "
              f"to {Path(args.out).resolve()} (the planted truth in truth.json); load it with netlib.load_team")
        return 0
    # write_sample refuses, before any work, a folder holding a file of the user's under the names it writes
    net = write_sample(args.out, mailbox=args.mailbox, **kwargs)
    mail = f", and a year of e-mail ({net.truth['mail']['messages']} messages) in mail.mbox" if args.mailbox else ""
    print(f"wrote {net!r} for persona {args.persona!r} (seed {args.seed}){mail} to {Path(args.out).resolve()}")
    return 0


def _workshop(args: argparse.Namespace) -> int:
    from netlib._workshop_kit import copy_workshop

    done = copy_workshop(args.out, seed=args.seed, persona=args.persona, years=args.years)
    print("\n".join(done.lines()))
    print(f"open it in JupyterLab: make lab DIR={args.out} in the project folder, or jupyter lab {args.out}")
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from netlib._workshop_kit import copy_notebooks

    for done in copy_notebooks(args.out):
        print("\n".join(done.lines()))
    print(f"open them in JupyterLab: jupyter lab {args.out} (pip install 'netlib[lab]' brings JupyterLab)")
    return 0


def _doctor(args: argparse.Namespace) -> int:
    from netlib._doctor import doctor

    return 0 if doctor() else 1


def _zone(value: str) -> str:
    """An IANA time zone (argparse type: a bad one exits 2 before any work)."""
    from netlib._params import is_zone

    if not is_zone(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a time zone; use an IANA name such as Europe/London or America/New_York")
    return value


def _date(value: str) -> str:
    """A date between 1970 and 2200 (argparse type)."""
    try:
        t = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        t = pd.NaT
    if t is pd.NaT or not (1970 <= t.year <= 2200):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date between 1970 and 2200; use the form 2026-06-30")
    return value


def _number(value: str) -> float:
    """``value`` as a number; NaN when it is none (argparse types then say what they take)."""
    try:
        return float(value)
    except ValueError:
        return float("nan")


def _days(value: str) -> float:
    """A finite number of days above 0 (argparse type)."""
    x = _number(value)
    if not np.isfinite(x) or x <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of days above 0, e.g. 90")
    return x


def _salt_file(value: str) -> str:
    """The secret in a salt file (its first line), checked before any work; only the first 4 KiB of
    a regular file are read (never a device such as ``/dev/zero``, which has no end)."""
    import stat

    try:
        fd = os.open(Path(value).expanduser(), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO never blocks the command
        with open(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise argparse.ArgumentTypeError(f"{value}: the salt file must be an ordinary file holding your secret")
            secret = f.read(4096).decode("utf-8").strip().splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise argparse.ArgumentTypeError(f"{value}: cannot read the salt file ({err})") from None
    from netlib._params import MIN_SALT

    if not secret or len(secret[0].strip()) < MIN_SALT:
        raise argparse.ArgumentTypeError(f"{value}: the salt file must hold a secret of at least {MIN_SALT} characters on its first line")
    return secret[0].strip()


def _folder(value: str) -> str:
    """A folder to write into: it may not exist yet, but it may not be a file or empty (argparse type)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty name is not a folder: name the folder to write into, e.g. --out reports")
    if Path(value).exists() and not Path(value).is_dir():
        raise argparse.ArgumentTypeError(f"{value!r} is a file, not a folder: name a folder to write into")
    return value


def _seed(value: str) -> int:
    """A random seed: a whole number from 0 to 2**32 - 1 (argparse type)."""
    try:
        x = int(value)
    except ValueError:
        x = -1
    if not 0 <= x < 2**32:
        raise argparse.ArgumentTypeError(f"{value!r} is not a seed: use a whole number from 0 to {2**32 - 1}, e.g. 7")
    return x


def _years(value: str) -> float:
    """A length in years above 0 and at most :data:`netlib.datasets.MAX_YEARS` (argparse type)."""
    from netlib.datasets import MAX_YEARS

    x = _number(value)
    if not np.isfinite(x) or not 0 < x <= MAX_YEARS:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of years above 0 and at most {MAX_YEARS}, e.g. 2")
    return x


def _team_size(value: str) -> int:
    """A team sample's number of members (argparse type)."""
    from netlib.datasets import TEAM_SIZES

    low, high = TEAM_SIZES
    try:
        x = int(value)
    except ValueError:
        x = -1
    if not low <= x <= high:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of members: use a whole number from {low} to {high}, e.g. 5")
    return x


def _sample_parser(sub) -> None:
    """The ``sample`` subcommand's arguments."""
    from netlib.datasets import PERSONAS, SAMPLE_ARGS

    g = sub.add_parser("sample", help="write a synthetic data set (canonical CSVs + truth.json)",
                       description="Generate a participant's own synthetic network with planted, known parameters.")
    g.add_argument("--out", required=True, type=_folder, help="folder to write contacts.csv, meetings.csv and truth.json into")
    g.add_argument("--seed", type=_seed, default=0, help="random seed, a whole number from 0 (default 0)")
    g.add_argument("--persona", choices=sorted(PERSONAS), default="consultant", help="planted behaviour (default consultant)")
    g.add_argument("--years", type=_years, default=SAMPLE_ARGS["years"], help="length of the calendar in years")
    g.add_argument("--start", type=_date, help=f"first day of the calendar (default {SAMPLE_ARGS['start']})")
    g.add_argument("--mailbox", action="store_true", help="also write mail.mbox: a year of e-mail with 40 of the contacts")
    g.add_argument("--team", type=_team_size, metavar="N", help="write a team of N members (2 to 8) instead: one folder of "
                   "exports per member (contacts, calendar, LinkedIn connections, mail), with planted overlaps, best "
                   "introducers and ties one member holds in truth.json")
    g.set_defaults(func=_sample)


def _parser() -> argparse.ArgumentParser:
    from netlib.datasets import PERSONAS, SAMPLE_ARGS

    p = argparse.ArgumentParser(
        prog="netlib",
        description="Answers about your professional network from the files you already have "
        "(contacts, calendars, event lists). With no files, commands use the embedded sample.",
    )
    p.add_argument("--version", action="version", version=f"netlib {_version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def sources(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("sources", nargs="*", help="exported files or folders (default: the embedded sample)")
        sp.add_argument("--me", action="append", help="your e-mail, name or profile URL (repeat for several)")
        sp.add_argument("--tz", default="UTC", type=_zone, help="time zone for times without a UTC offset (default: UTC)")
        sp.add_argument("--strict", action="store_true", help="stop at the first bad row instead of recording it")
        sp.add_argument("--org-domain", action="append", metavar="DOMAIN",
                        help="a mail domain of your organisation, e.g. acme.com (repeat for several; default: the domains "
                        "of your own work addresses): meetings with colleagues only are internal work, not networking")
        reading(sp)

    def reading(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--event", action="append", metavar="FILE=START[,TITLE[,MINUTES]]",
                        help="when an attendee list's event was, e.g. tickets.csv=2024-11-30T18:00,Data Night,120")
        sp.add_argument("--day-first", action="store_true", help="an Outlook calendar's dates put the day first")
        sp.add_argument("--message-minutes", type=_days, help="minutes of effort per LinkedIn message (default 5)")
        sp.add_argument("--no-merge", action="store_true", help="never merge contacts on a name alone")

    s = sub.add_parser("summary", help="print the headline figures and the load problems",
                       description="Load the files and print what was loaded, from which file, and every problem found.")
    sources(s)
    s.set_defaults(func=_summary)

    r = sub.add_parser("report", help="write self-contained HTML pages of every chart (works offline)",
                       description="Run the notebooks headless on your files (or the sample) and write one offline HTML "
                       "page per notebook plus index.html with the headline figures.")
    sources(r)
    r.add_argument("--as-of", type=_date, help="date to measure at, e.g. 2026-06-30, or today (default: the end of your data)")
    r.add_argument("--half-life", type=_days, default=None, help="days for a tie to lose half its strength (default: fitted "
                   "from your one-to-one meetings when they pin it down, else 90)")
    r.add_argument("--segment", default=None, help="tag of the target segment, e.g. prospect (default: none; the report then shows your most common tags)")
    r.add_argument("--anonymize", action="store_true", help="replace names, e-mail addresses and free text with pseudonyms")
    r.add_argument("--salt-file", type=_salt_file, help="with --anonymize: a file holding your secret salt, for the same "
                   "pseudonyms on every run (default: NETLIB_SALT, else new random ones)")
    r.add_argument("--out", default="reports", type=_folder, help="folder for the HTML pages (default: reports/)")
    r.add_argument("--team", action="store_true", help="the one folder given holds one folder of exports per member: write "
                   "the team's page (index.html) and each member's own page (member-NAME.html), as netlib.load_team reads them")
    r.add_argument("--company", default=None, help="with --team: a target company for the introductions (default: the "
                   "companies the team reaches most)")
    r.set_defaults(func=_report)

    a = sub.add_parser("anonymize", help="write your data as netlib CSVs with names, addresses and free text replaced",
                       description="Load the files and write contacts.csv and meetings.csv in which names, e-mail addresses, "
                       "profile URLs, file names, meeting titles and places are pseudonyms: new ones on every run (a random secret "
                       "salt), or the same ones with your own secret (--salt-file, or NETLIB_SALT). Every analysis gives "
                       "the same numbers.")
    a.add_argument("sources", nargs="+", help="exported files or folders")
    a.add_argument("--out", required=True, type=_folder, help="folder to write contacts.csv and meetings.csv into")
    a.add_argument("--salt-file", type=_salt_file, help="a file holding your secret salt: the same salt gives the same "
                   "pseudonyms on every run (default: NETLIB_SALT, else a new random salt, and pseudonyms nobody can link)")
    a.add_argument("--companies", choices=["keep", "pseudonyms", "drop"], default="keep", help="what to do with company names")
    a.add_argument("--me", action="append", help="your e-mail, name or profile URL (repeat for several)")
    a.add_argument("--tz", default="UTC", type=_zone, help="time zone for times without a UTC offset (default: UTC)")
    a.add_argument("--strict", action="store_true", help="stop at the first bad row instead of recording it")
    reading(a)
    a.set_defaults(func=_anonymize)

    _sample_parser(sub)

    w = sub.add_parser("workshop", help="copy the workshop notebooks (and a synthetic network of your own) into a folder to work in",
                       description="Copy the workshop notebooks into a folder of your own, never working in the project's. With "
                       "--seed or --persona, also write a synthetic network of your own into FOLDER/mydata, which the copies read. "
                       "Notebooks already in the folder are kept as they are: running it again never loses your work.")
    w.add_argument("--out", required=True, type=_folder, help="your folder, e.g. my-workshop")
    w.add_argument("--seed", type=_seed, help="seed of your own synthetic network, e.g. 7 (default: no data of your own; the "
                   "notebooks use the embedded sample)")
    w.add_argument("--persona", choices=sorted(PERSONAS), help="its planted behaviour (default consultant)")
    w.add_argument("--years", type=_years, help=f"its length in years (default {SAMPLE_ARGS['years']})")
    w.set_defaults(func=_workshop)

    n = sub.add_parser("notebooks", help="copy the report notebooks and the workshop into a folder to work in",
                       description="Copy the report notebooks into a folder, and the workshop into FOLDER/workshop: after pip "
                       "install, the notebooks are inside the package, where nobody should edit them. Notebooks already in the "
                       "folder are kept as they are.")
    n.add_argument("--out", required=True, type=_folder, help="the folder, e.g. netlib-notebooks")
    n.set_defaults(func=_notebooks)

    d = sub.add_parser("doctor", help="check in under a minute that this laptop runs the notebooks (OK or FAIL, with a fix)",
                       description="Check Python, the packages the notebooks import, the sample, the notebooks, that a kernel "
                       "starts, that a small notebook runs and that a widget renders. Exit 0 when every check passes.")
    d.set_defaults(func=_doctor)
    return p


def _version() -> str:
    """The installed distribution's version (the package's own when it is run from a checkout)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("netlib")
    except PackageNotFoundError:
        import netlib

        return netlib.__version__


#: Optional modules and the extra that installs them.
EXTRAS = {"ipywidgets": "lab", "jupyterlab": "lab", "jupyter_server": "lab"}


def _exit_cleanly_on_signals() -> None:
    """``kill`` (SIGTERM) and a closed terminal (SIGHUP) end netlib the way Ctrl-C does: every
    ``finally`` runs, so a report's lock, private build folder and kernel go with it."""
    import signal
    import threading

    def stop(signum, frame):
        if frame is not None and (frame.f_code.co_filename.startswith("<frozen importlib") or frame.f_code.co_name == "__del__"):
            # raised here, the exception would be lost (the import system's lock callbacks and __del__
            # ignore theirs) and the report would run on: the signal comes again in a moment instead
            threading.Timer(0.05, os.kill, (os.getpid(), signum)).start()
            return
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            with contextlib.suppress(ValueError):  # not the main thread (netlib.cli.main called from a thread): leave them
                signal.signal(getattr(signal, name), stop)


def _end_now(status: int) -> None:
    """End the command at once with ``status`` once a stop (Ctrl-C, ``kill``) has been handled: the
    report's kernels are stopped and its private folder removed (what :mod:`atexit` would do), the
    output is flushed, and the process exits without waiting for the threads of kernels that were
    still starting (they wait for replies that will not come, and the messaging library waits up
    to a second for each of their sockets at exit)."""
    report = sys.modules.get("netlib.report")
    if report is not None:
        report._at_exit()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``netlib`` command; returns the exit status.

    Parameters
    ----------
    argv : list of str, optional
        The command line without the program name; default ``sys.argv[1:]``.
    """
    args = _parser().parse_args(argv)
    if argv is None:  # the command itself, not a call from Python: its signals are its own
        _exit_cleanly_on_signals()
    from netlib._files import OutputError
    from netlib._params import ArgumentError

    try:
        return args.func(args)
    except (DataError, FileNotFoundError, ArgumentError) as err:
        print(f"netlib: error: {err}", file=sys.stderr)
        return 2
    except OutputError as err:  # a folder that cannot take the files: nothing was written
        print(f"netlib: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("netlib: stopped; nothing half-written was left (a report without index.html is incomplete)", file=sys.stderr)
        if argv is None:  # the command: its own clean-up is done; end now, not after threads waiting on gone kernels
            _end_now(130)
        return 130
    except ModuleNotFoundError as err:  # an optional part that is not installed: say which extra brings it
        top = (err.name or "").split(".")[0]
        extra = EXTRAS.get(top)
        hint = f"pip install 'netlib[{extra}]'" if extra else "reinstall netlib (pip install --force-reinstall netlib)"
        print(f"netlib: error: {args.command} needs the Python package {top!r}, which is not installed: {hint}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
