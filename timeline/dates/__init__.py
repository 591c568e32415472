"""Dates: finding date expressions in text and normalising them to ``When``.

``temporal`` scans the text from anchors and picks the longest accepted
reading. ``forms`` holds one record per date form (its pattern, its handler,
examples with the ``When`` they must give, what its prefilters need) and
``prefilters`` makes the tagger's tables from those records; ``patterns``
holds the regex fragments the forms share. ``handlers`` and ``relative``
normalise a match, ``timecalc`` does calendar arithmetic, ``context`` weighs
the words around a match, ``lexicon`` holds the words of time and
``reading`` what a handler sees and returns. ``docdate`` finds a document's
own date (the first day-precise date near its top). No Qt, no numpy, no file
reading, and nothing from :mod:`timeline.events`.
"""
