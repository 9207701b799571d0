"""govdisclose plugin: reads reports from Word ``.docx`` files with python-docx.

Registers the binary reader ``docx`` through the ``govdisclose_readers`` hook; it is
chosen by content (a ZIP archive holding ``word/document.xml``), whatever the file is
called. See ``reader.py``.
"""
