"""Events: sentences and dated mentions turned into events.

``sentences`` splits a document's text into sentences; ``tokens`` cuts one
sentence into words; ``titles`` (with ``phrases``, ``candidates`` and
``wording``) names what happened on each date, ``kinds`` says what kind of
event it is and ``actors`` who took part (``places`` is the gazetteer,
``vocab`` the word lists); ``merge`` joins mentions of one real-world event
and ``build`` runs all of it for a document or a collection. ``doctitle``
names a document after the event it records. No Qt, no numpy, no file
reading, and nothing from :mod:`timeline.dates`: the pipeline hands the dates
in.
"""
