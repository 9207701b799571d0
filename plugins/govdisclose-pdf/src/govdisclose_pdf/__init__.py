"""govdisclose plugin: reads reports from PDF files (their text layer) with pdfplumber.

Registers the binary reader ``pdf`` through the ``govdisclose_readers`` hook; it is
chosen by content (``%PDF-``), whatever the file is called. See ``reader.py``.
"""
