"""Render: what a result looks like to people and to other tools.

- :mod:`.segments`: the segments of a text, one line each (``textfix segment``);
- :mod:`.align`: the original and the output aligned in paragraph rows, every change a piece;
- :mod:`.terminal`: the side-by-side review in a terminal (``textfix diff``);
- :mod:`.html`: the self-contained review page and the index of a batch (``--html``, ``--diff-html``);
- :mod:`.report`: the JSON report (``--report``).

Every view takes the kind of a change from :class:`textfix.model.EditKind`; none parses reasons.
"""

#: The narrowest and widest views of ``textfix diff`` (:mod:`.terminal`): two columns of 19 to
#: 498 characters and a separator. Here, so that the command line can bound ``--width``
#: without importing the views.
MIN_WIDTH, MAX_WIDTH = 41, 1000
