"""Your organisation and your colleagues: which meetings are internal work, not networking.

The owner's organisation is the set of domains of their own work addresses (``net.me.emails``,
never a public mail domain: :data:`PUBLIC_MAIL_DOMAINS`), or the domains given to
``netlib.load(..., org=...)`` (``--org-domain``).  A *colleague* is a contact with an address at
one of those domains or a subdomain of one.  A meeting whose other people are all colleagues (at
least one, and no unlisted audience beyond them) is *internal*: kept in the data, but not
networking.  This is the split Microsoft Viva Insights makes between internal and external
collaboration (docs/data-model.md, "Your organisation and your colleagues").

Each fact is worked out once per Network and kept with the columns it reads
(:meth:`netlib.Network.cached`), its key naming the domains it was worked out for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlib import _params
from netlib._kernels import split_list
from netlib.model import Network

__all__ = ["PUBLIC_MAIL_DOMAINS", "PUBLIC_MAIL_BRANDS", "PSEUDONYMOUS_ORG", "is_public", "org_arg", "org_domains", "colleagues",
           "internal_meetings", "internal_summary"]

#: Mail domains anyone can have an address at: webmail, and the national ISPs that give their
#: customers addresses.  An address at one says nothing about where its owner works, so such a
#: domain is never an organisation (the one list of them: add a domain here, nowhere else).
#: Domains of a brand under every country ending (``hotmail.fr``, ``yahoo.co.uk``, ``gmx.net``)
#: are matched by :data:`PUBLIC_MAIL_BRANDS`.
PUBLIC_MAIL_DOMAINS = frozenset({
    # webmail
    "gmail.com", "googlemail.com", "outlook.com", "msn.com", "passport.com", "icloud.com", "me.com", "mac.com",
    "aol.com", "ymail.com", "rocketmail.com", "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "tutanota.com",
    "tutanota.de", "tuta.io", "zoho.com", "zohomail.com", "mail.com", "email.com", "fastmail.com", "fastmail.fm",
    "hey.com", "gmx.com", "web.de", "posteo.de", "mailbox.org", "yandex.com", "yandex.ru", "mail.ru", "rambler.ru",
    "inbox.ru", "list.ru", "bk.ru", "qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sohu.com", "naver.com",
    "daum.net", "hanmail.net", "rediffmail.com", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "onet.pl", "op.pl",
    # national ISPs
    "btinternet.com", "btopenworld.com", "sky.com", "virginmedia.com", "ntlworld.com", "blueyonder.co.uk",
    "talktalk.net", "tiscali.co.uk", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "laposte.net",
    "t-online.de", "arcor.de", "freenet.de", "online.de", "libero.it", "virgilio.it", "tiscali.it", "alice.it",
    "tin.it", "telenet.be", "skynet.be", "ziggo.nl", "xs4all.nl", "kpnmail.nl", "planet.nl", "home.nl", "bluewin.ch",
    "telia.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net",
    "charter.net", "earthlink.net", "optonline.net", "shaw.ca", "rogers.com", "sympatico.ca", "telus.net",
    "videotron.ca", "bigpond.com", "bigpond.net.au", "optusnet.com.au", "iinet.net.au", "xtra.co.nz", "uol.com.br",
    "bol.com.br", "terra.com.br", "ig.com.br",
})
#: Mail brands with a domain in many countries: ``hotmail.com``, ``hotmail.co.uk``, ``yahoo.fr``,
#: ``gmx.de``... (a domain whose first label is one of these).
PUBLIC_MAIL_BRANDS = frozenset({"hotmail", "live", "outlook", "windowslive", "yahoo", "gmx", "aol", "yandex"})


def is_public(domain: str) -> bool:
    """Whether ``domain`` is a public mail domain (:data:`PUBLIC_MAIL_DOMAINS`, a brand of
    :data:`PUBLIC_MAIL_BRANDS` under any ending, or a subdomain of either).

    Examples
    --------
    >>> [is_public(d) for d in ("gmail.com", "hotmail.co.uk", "yahoo.fr", "orange.fr", "acme.example", "gmxpress.com")]
    [True, True, True, True, False, False]
    """
    d = domain.strip().lower().rstrip(".")
    labels = d.split(".")
    if len(labels) > 1 and labels[0] in PUBLIC_MAIL_BRANDS:
        return True
    return any(".".join(labels[i:]) in PUBLIC_MAIL_DOMAINS for i in range(len(labels)))


def org_arg(func: str, value) -> tuple[str, ...]:
    """The organisation's domains as given (``org=``, ``--org-domain``): a domain or a list of them
    (``acme.com``, ``@acme.com`` or an address there), lower-case, in order, each once; an empty
    value or one that is no domain is an :class:`~netlib._params.ArgumentError` of ``func``.

    Examples
    --------
    >>> org_arg("load", ["Acme.com", "@eng.acme.com", "ann@acme.com"])
    ('acme.com', 'eng.acme.com')
    >>> org_arg("load", None)
    ()
    >>> org_arg("load", "acme")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: load(): org must be mail domains such as acme.com (the part of your work address after @); got 'acme'
    """
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    try:
        values = list(values)
    except TypeError:
        _params.fail(func, "org", _params.shown(value), "mail domains such as acme.com (the part of your work address after @)")
    out = []
    for v in values:
        d = str(v).strip().lower().rpartition("@")[2].strip().rstrip(".") if isinstance(v, str) else ""
        if not d or "." not in d or any(ch.isspace() or ch in ",;/:<>" for ch in d) or d.startswith("."):
            _params.fail(func, "org", _params.shown(v if len(values) > 1 else value),
                         "mail domains such as acme.com (the part of your work address after @)")
        out.append(d)
    return tuple(dict.fromkeys(out))


#: The domain :func:`netlib.anonymize.pseudonymize` gives colleagues' pseudonyms: anonymised data
#: keeps its organisation (and so its internal work) without naming it.
PSEUDONYMOUS_ORG = "org.invalid"


def org_domains(net: Network) -> tuple[str, ...]:
    """The domains of the owner's organisation: ``net.me.org`` when given (``load(..., org=...)``),
    else the domains of the owner's own addresses that are not public mail domains
    (:func:`is_public`); none for an owner with only personal addresses.

    Examples
    --------
    >>> from netlib.model import Me
    >>> net = Network(pd.DataFrame(), pd.DataFrame(), me=Me("Sara", ("sara@acme.example", "sara.o@gmail.com")))
    >>> org_domains(net)
    ('acme.example',)
    >>> net.me = Me("Ada", ("ada@gmail.com",))
    >>> org_domains(net)
    ()
    """
    me = net.me
    given = getattr(me, "org", ())
    if given:
        return tuple(given)
    found = (str(e).strip().lower().rpartition("@")[2] for e in me.emails if "@" in str(e))
    own = tuple(dict.fromkeys(d for d in found if d and "." in d and not is_public(d)))
    if own or len(net.contacts) == 0 or "emails" not in net.contacts:
        return own
    # data netlib anonymised (netlib anonymize): the owner's addresses are gone, the colleagues' pseudonyms
    # keep one domain of their own, which nobody else can have (.invalid is reserved, RFC 2606)
    marked = net.cached("pseudonymous org", lambda n: bool(n.contacts["emails"].astype(str).str.contains(
        "@" + PSEUDONYMOUS_ORG, regex=False).any()), ("contacts.emails",))
    return (PSEUDONYMOUS_ORG,) if marked else ()


def _colleague_array(net: Network, domains: tuple[str, ...]) -> np.ndarray:
    """One bool per row of ``net.contacts``: an address at one of ``domains`` or a subdomain of one."""
    n = len(net.contacts)
    if not domains or n == 0 or "emails" not in net.contacts:
        return np.zeros(n, dtype=bool)
    row, items = split_list(net.contacts["emails"], ";")
    if not len(items):
        return np.zeros(n, dtype=bool)
    arr = pc.utf8_lower(pa.array(items.array if hasattr(items, "array") else items))
    hit = None
    for d in domains:  # one pass per domain of the organisation (one or two)
        at = pc.or_(pc.ends_with(arr, "@" + d), pc.ends_with(arr, "." + d))
        hit = at if hit is None else pc.or_(hit, at)
    out = np.zeros(n, dtype=bool)
    out[row[hit.to_numpy(zero_copy_only=False).astype(bool)]] = True
    return out


def _colleagues(net: Network) -> np.ndarray:
    domains = org_domains(net)
    if not domains:
        return np.zeros(len(net.contacts), dtype=bool)
    return net.cached("colleagues:" + ",".join(domains), lambda n: _colleague_array(n, domains),
                      ("contacts.emails", "contacts.index"))


def colleagues(net: Network) -> pd.Series:
    """Which contacts are colleagues: an address at a domain of :func:`org_domains` (or a
    subdomain of one).  All False when the owner has no organisation.

    Returns
    -------
    Series
        One bool per contact, indexed by ``contact_id``, named ``colleague``.

    Examples
    --------
    >>> import netlib
    >>> int(colleagues(netlib.load_sample()).sum())  # the sample's owner is a consultant on her own
    0
    """
    return pd.Series(_colleagues(net).copy(), index=net.contacts.index, name="colleague")


def _internal(net: Network) -> np.ndarray:
    """One bool per row of ``net.meetings``: :func:`internal_meetings`, without a copy (read, never change)."""
    domains = org_domains(net)
    if not domains:
        return np.zeros(len(net.meetings), dtype=bool)

    def compute(n: Network) -> np.ndarray:
        col = _colleagues(n)
        k = len(n.meetings)
        if not col.any() or k == 0:
            return np.zeros(k, dtype=bool)
        mpos, cpos = n.positions()
        listed = np.bincount(mpos, minlength=k)
        inside = np.bincount(mpos[col[cpos]], minlength=k)  # the colleagues at each meeting
        audience = pd.to_numeric(n.meetings["audience"], errors="coerce").fillna(0).to_numpy(dtype=float)
        return (listed > 0) & (inside == listed) & (audience <= listed)

    return net.cached("internal:" + ",".join(domains), compute,
                      ("attendance", "meetings.index", "contacts.index", "contacts.emails", "meetings.audience"))


def internal_meetings(net: Network) -> pd.Series:
    """Which meetings are internal work: every other person listed is a colleague (at least one),
    and no audience beyond them (an audience head count counts the people listed).  A meeting
    with colleagues and anyone else is networking.  All False when the owner has no organisation.

    Internal meetings stay in ``net.meetings``; :func:`netlib.effort`, the planner
    (:func:`netlib.analysis.plan.learn`) and the next steps (:func:`netlib.decay.going_cold`) leave them out.

    Returns
    -------
    Series
        One bool per meeting, indexed by ``meeting_id``, named ``internal``.

    Examples
    --------
    >>> import netlib
    >>> bool(internal_meetings(netlib.load_sample()).any())
    False
    """
    return pd.Series(_internal(net).copy(), index=net.meetings.index, name="internal")


def internal_summary(net: Network) -> dict:
    """The organisation and the internal work, in numbers: ``domains`` (:func:`org_domains`),
    ``given`` (whether they were given rather than found), ``colleagues`` (contacts),
    ``meetings`` and ``hours`` (internal meetings and their hours), ``networking_hours`` (the
    hours of every other meeting).

    Examples
    --------
    >>> import netlib
    >>> s = internal_summary(netlib.load_sample())
    >>> s["domains"], s["colleagues"], s["meetings"]  # her own consultancy's domain: nobody else there
    (('morgan-advisory.example',), 0, 0)
    """
    internal = _internal(net)
    minutes = pd.to_numeric(net.meetings["duration_min"], errors="coerce").fillna(0).to_numpy(dtype=float) \
        if len(net.meetings) else np.zeros(0)
    return {"domains": org_domains(net), "given": bool(getattr(net.me, "org", ())), "colleagues": int(_colleagues(net).sum()),
            "meetings": int(internal.sum()), "hours": float(minutes[internal].sum()) / 60,
            "networking_hours": float(minutes[~internal].sum()) / 60}
