"""The reader contract: tests every binary reader passes, for its own fixtures.

A plugin's test module subclasses :class:`ReaderContract`, names its reader and says how
a report becomes a file of its format; pytest then runs every test below on the five seeds
shipped with :mod:`govdisclose.testing` (and their hand-read gold), with no reach into
govdisclose's repository::

    from govdisclose.testing.contract import ReaderContract
    import govdisclose.readers.pdf

    class TestPdfContract(ReaderContract):
        reader = "pdf"
        plugin = govdisclose.readers.pdf      # the module with its govdisclose_readers hook
        install = "govdisclose[pdf]"           # what the error without it names
        suffix = ".pdf"

        def make(self, report):
            return govdisclose.testing.report_pdf(report)

What it proves: every seed written in the format parses to its gold and to the same report
as its text (:meth:`ReaderContract.same`; a format that cannot keep some of the text says so
there), the reader is chosen by the bytes and not the file's name, it comes through the
``govdisclose_readers`` hook, ``reader=`` forces it, without the plugin the error says what to
install, the CLI names the reader, and a file cut short is one clear error line or a report
whose findings say what is missing — never a traceback. Needs pytest (the ``test`` extra).
"""
from __future__ import annotations

import io
import re
import json
from typing import Any

import pytest

from ..errors import GovdiscloseError, UnreadableInputError
from ..host import PluginHost
from ..model import Report
from ..pipeline import parse
from . import SEEDS, content, gold_problems, seed_gold, seed_path

__all__ = ["ReaderContract"]

#: Where a file is cut short in the damaged-input test (fractions of its length).
CUTS = (0.02, 0.3, 0.6, 0.95, 0.999)


class ReaderContract:
    """Subclass it as ``Test…`` and set :attr:`reader`, :attr:`plugin`, :attr:`install`,
    :attr:`suffix` and :meth:`make` (see the module doc)."""

    #: The reader's name (``Reader.name``).
    reader: str = ""
    #: The plugin module that registers the reader (``govdisclose_readers``).
    plugin: Any = None
    #: What the error without the plugin names (the distribution to install).
    install: str = ""
    #: The usual file name suffix of the format.
    suffix: str = ""

    def make(self, report: Report) -> bytes:
        """*report* as a file of the reader's format."""
        raise NotImplementedError

    def same(self, report: Report) -> Any:
        """What reading the file must keep of *report*: by default all of
        :func:`govdisclose.testing.content` (meta, sections, every cell)."""
        return content(report)

    # -- the files, made once per class ------------------------------------------------------

    @pytest.fixture(scope="class")
    @classmethod
    def files(cls, tmp_path_factory) -> dict:
        """seed name -> (the seed parsed from its text, the path of its file, the file parsed)."""
        folder = tmp_path_factory.mktemp(cls.reader or "contract")
        maker = cls()
        out = {}
        for name in SEEDS:
            report = parse(seed_path(name))
            path = folder / f"{name}{cls.suffix}"
            path.write_bytes(maker.make(report))
            out[name] = (report, path, parse(path))
        return out

    # -- the contract -------------------------------------------------------------------------

    @pytest.mark.parametrize("name", SEEDS)
    def test_seed_parses_to_its_gold(self, files, name):
        _, path, report = files[name]
        assert gold_problems(report, seed_gold(name)) == []
        assert (report.meta.reader, report.meta.source) == (self.reader, str(path))

    @pytest.mark.parametrize("name", SEEDS)
    def test_seed_is_the_same_report_as_its_text(self, files, name):
        text_report, _, report = files[name]
        assert self.same(report) == self.same(text_report)

    def test_chosen_by_content_not_by_name(self, files, tmp_path):
        _, path, _ = files["seed-004"]
        disguised = tmp_path / "report.txt"
        disguised.write_bytes(path.read_bytes())
        for source in (disguised, path.read_bytes(), io.BytesIO(path.read_bytes())):
            report = parse(source)
            assert report.meta.reader == self.reader
            assert report["applications", "new_received", "total"] is not None
        assert parse(disguised).meta.source == str(disguised)

    def test_registered_through_the_readers_hook(self, files):
        host = PluginHost(entry_points=False, extra=[self.plugin])
        assert self.reader in [r.name for r in host.readers()]
        _, path, _ = files["seed-002"]
        report = parse(path, plugins=host)
        assert report.meta.reader == self.reader and report.meta.year == 2020

    def test_forcing_the_reader(self, files):
        _, path, _ = files["seed-001"]
        assert parse(path, reader=self.reader).meta.reader == self.reader
        with pytest.raises(UnreadableInputError):
            parse(seed_path("seed-001").read_text(encoding="utf-8"), reader=self.reader)

    def test_text_is_still_read_as_text(self):
        assert parse(seed_path("seed-001")).meta.reader != self.reader

    def test_without_the_plugin_the_error_says_what_to_install(self, files):
        _, path, _ = files["seed-001"]
        with pytest.raises(UnreadableInputError, match=re.escape(self.install)):
            parse(path, plugins=PluginHost(entry_points=False))

    def test_cli_says_which_reader_it_used(self, files, capsys):
        from ..cli import main
        _, path, _ = files["seed-001"]
        assert main(["parse", "--format", "json", str(path)]) in (0, 1)
        out = json.loads(capsys.readouterr().out)
        assert out["meta"]["reader"] == self.reader and out["meta"]["source"] == str(path)

    @pytest.mark.parametrize("cut", CUTS)
    def test_a_file_cut_short_is_one_clear_error_or_says_what_is_missing(self, files, tmp_path, cut):
        _, path, _ = files["seed-001"]
        data = path.read_bytes()
        broken = tmp_path / f"broken{self.suffix}"
        broken.write_bytes(data[:int(len(data) * cut)])
        try:
            report = parse(broken)
        except GovdiscloseError as exc:
            assert isinstance(exc, UnreadableInputError) and "\n" not in str(exc)
        else:
            assert report.findings or gold_problems(report, seed_gold("seed-001")) == []
