"""The extractor: Qt-free, numpy-free text analysis.

``temporal`` finds and normalises date expressions, ``sentences`` splits text,
``docdate`` finds a document's own date, ``events`` turns mentions into events.
"""
