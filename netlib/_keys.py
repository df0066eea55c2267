"""The keys records are matched on: names, profile URLs and companies in a form that compares
equal across spellings.

Used by :mod:`netlib.identity` (merging, attendees), :class:`netlib.model.Me` (who *me* is) and
the readers; imports only :mod:`netlib._kernels`.  The public names are re-exported by
:mod:`netlib.identity`.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlib._kernels import STR, arrow_text, strip, where_needed

__all__ = ["normalize_name", "display_name", "name_key", "key_of_display", "normalize_url", "company_key"]


def _squeeze(s: pd.Series) -> pd.Series:
    """Runs of white space to one space, ends trimmed (only the rows that need it are rewritten)."""
    need = pc.match_substring_regex(arrow_text(s), r"\s\s|[\t\n\f\r\v]")
    return strip(where_needed(s, need, lambda x: x.str.replace(r"\s+", " ", regex=True)))


def normalize_name(names: pd.Series) -> pd.Series:
    """Names in a form that compares equal across spellings.

    Unicode NFKC, case-folded, inner white space collapsed, trimmed.

    Parameters
    ----------
    names : Series
        Names (missing values count as empty).

    Examples
    --------
    >>> normalize_name(pd.Series(["  Ada   LOVELACE ", "ＡＤＡ Lovelace", "Straße"])).tolist()
    ['ada lovelace', 'ada lovelace', 'strasse']
    """
    arr = pc.utf8_normalize(arrow_text(names), "NFKC")
    # ASCII text case-folds by lower-casing (in Arrow); only other text needs Python's casefold
    low = pc.utf8_lower(arr)
    other = pc.invert(pc.string_is_ascii(arr))
    if pc.any(other).as_py():
        folded = [v.casefold() for v in arr.filter(other).to_pylist()]  # the non-ASCII names alone
        low = pc.replace_with_mask(low, other, pa.array(folded, type=low.type))
    return _squeeze(pd.Series(low, index=names.index, dtype=STR))


_CREDENTIALS = r"(?:ph\.?d|mba|md|m\.?d\.|cpa|cfa|pmp|pe|p\.eng|esq|jr|sr|ii|iii|iv|msc|m\.sc|bsc|ma|ba|mph|rn|dds|llm|frsa|fca|acca|cissp)\.?"


def _swap_last_first(s: pd.Series) -> pd.Series:
    parts = s.str.extract(r"^([^,]+),\s*([^,]+)$")
    is_cred = parts[1].fillna("").str.lower().str.fullmatch(rf"{_CREDENTIALS}(?:\s*,?\s*{_CREDENTIALS})*").fillna(False)
    swap = parts[0].notna() & ~is_cred.astype(bool)
    return s.where(~swap, parts[1].str.strip() + " " + parts[0].str.strip())


def display_name(names: pd.Series) -> pd.Series:
    """Names as a person reads them: ``"Example, Ada"`` becomes ``"Ada Example"``; credentials kept.

    A single comma followed by credentials (``"Dana Mock, PhD"``) is kept; any
    other single comma is the ``Last, First`` form.

    Parameters
    ----------
    names : Series
        Names as the files write them.

    Examples
    --------
    >>> display_name(pd.Series(["Example, Ada", "Dana Mock, PhD", "Bram Sample "])).tolist()
    ['Ada Example', 'Dana Mock, PhD', 'Bram Sample']
    """
    s = _squeeze(names.astype(STR).fillna(""))
    return where_needed(s, pc.match_substring(arrow_text(s), ","), _swap_last_first)  # only names with a comma can swap


def name_key(names: pd.Series) -> pd.Series:
    """The key names are matched on: :func:`display_name`, trailing credentials dropped, then :func:`normalize_name`.

    Parameters
    ----------
    names : Series
        Names as the files write them.

    Examples
    --------
    >>> name_key(pd.Series(["Example, Ada", "ada  example, PhD", "Ｊｏｓé García"])).tolist()
    ['ada example', 'ada example', 'josé garcía']
    """
    return key_of_display(display_name(names))


def key_of_display(s: pd.Series) -> pd.Series:
    """:func:`name_key` of names already in :func:`display_name` form."""
    s = where_needed(s, pc.match_substring(arrow_text(s), ","), lambda x: x.str.replace(
        rf",\s*{_CREDENTIALS}(?:\s*,?\s*{_CREDENTIALS})*$", "", regex=True, case=False))
    return normalize_name(s)


def normalize_url(urls: pd.Series) -> pd.Series:
    """Profile URLs compared without scheme, ``www.``, case or trailing slash.

    Parameters
    ----------
    urls : Series
        Profile URLs (empty for none).

    Examples
    --------
    >>> normalize_url(pd.Series(["https://www.LinkedIn.com/in/Ada-Example/", "www.linkedin.com/in/ada-example", ""])).tolist()
    ['linkedin.com/in/ada-example', 'linkedin.com/in/ada-example', '']
    """
    s = urls.astype(STR).fillna("")
    if not (s != "").any():  # no profile at all (most contact files): nothing to normalise
        return s
    s = s.str.strip().str.lower()
    return s.str.replace(r"^(?:https?://)?(?:www\.)?", "", regex=True).str.rstrip("/")


def company_key(companies: pd.Series) -> pd.Series:
    """Companies compared without case, punctuation or legal suffixes.

    Parameters
    ----------
    companies : Series
        Company names.

    Examples
    --------
    >>> company_key(pd.Series(["Example Labs, Inc.", "example labs", "Beispiel GmbH", "Sample & Co"])).tolist()
    ['example labs', 'example labs', 'beispiel', 'sample']
    """
    s = normalize_name(companies).str.replace(r"[^\w\s&]", " ", regex=True)
    s = s.str.replace(r"\b(?:inc|ltd|llc|gmbh|corp|corporation|co|company|sa|ag|plc|bv|nv|limited|srl|sas|pty)\b", " ", regex=True)
    return s.str.replace(r"\s*&\s*$", "", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()


