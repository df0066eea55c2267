"""The display type of decay's sentences (:class:`Note`)."""


class Note(str):
    """A sentence that notebooks show as text (and code sees as a plain string).  It carries values
    from the user's files (names, tags), so a notebook shows it as escaped HTML, never as Markdown
    or HTML that such a value could extend (see :func:`netlib.present.say`)."""

    def _repr_html_(self) -> str:
        import html

        return f"<p>{html.escape(str(self))}</p>"
