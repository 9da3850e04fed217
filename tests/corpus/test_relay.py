"""Tests of aseandocs._relay: objects handed from the build process to a worker while they are made
(issue 8: the parallel build makes the graph's fragments once)."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from aseandocs.corpus.relay import RelayWriter, read_relay
from aseandocs.errors import BuildError


def test_everything_written_is_read_in_order_across_part_files(tmp_path: Path) -> None:
    relay = RelayWriter(tmp_path, part_bytes=200, batch=3)
    items = [("node", i, "การประชุม SOMTC " * (i % 4)) for i in range(50)]
    for x in items:
        relay.add(x)
    relay.close()
    assert len(list(Path(relay.folder).iterdir())) > 3            # several part files
    assert list(read_relay(relay.folder)) == items
    assert list(Path(relay.folder).iterdir()) == []               # the reader removed each one
    relay.remove()
    assert not Path(relay.folder).exists()


def _until(check, seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while not check() and time.monotonic() < end:
        time.sleep(0.005)
    return check()


def test_the_reader_waits_for_what_is_not_written_yet(tmp_path: Path) -> None:
    relay = RelayWriter(tmp_path, part_bytes=100, batch=2)
    got: list[int] = []
    reader = threading.Thread(target=lambda: got.extend(read_relay(relay.folder)))
    reader.start()
    for i in range(0, 20, 2):
        relay.add(i)
        time.sleep(0.02)
        assert got == list(range(i))                 # half a batch is not sent: the reader waits
        relay.add(i + 1)
        assert _until(lambda: len(got) == i + 2)     # ... and takes the batch as soon as it is
    relay.close()
    reader.join(timeout=10)
    assert not reader.is_alive() and got == list(range(20))


def test_an_empty_relay_ends_at_once(tmp_path: Path) -> None:
    relay = RelayWriter(tmp_path)
    relay.close()
    assert list(read_relay(relay.folder)) == []


def test_an_aborted_relay_stops_its_reader_with_an_error(tmp_path: Path) -> None:
    relay = RelayWriter(tmp_path, batch=2)
    for i in range(5):
        relay.add(i)
    relay.abort()                      # the build process failed: the batch of 1 never goes out
    got: list[int] = []
    with pytest.raises(BuildError, match="stopped making"):
        got.extend(read_relay(relay.folder))
    assert got == [0, 1, 2, 3]


def test_a_reader_whose_build_is_gone_stops(tmp_path: Path) -> None:
    relay = RelayWriter(tmp_path)
    relay.add("x")                      # not flushed: the reader waits
    with pytest.raises(BuildError, match="the build is gone"):
        list(read_relay(relay.folder, stop=lambda: True))
    relay.remove()


def test_a_vanished_relay_is_an_error_not_a_hang(tmp_path: Path) -> None:
    relay = RelayWriter(tmp_path)
    relay.remove()                      # as the next build does with a killed build's relay
    with pytest.raises(BuildError, match="vanished"):
        list(read_relay(relay.folder))


def test_a_relay_is_a_temporary_file_the_next_build_removes(tmp_path: Path) -> None:
    from aseandocs._atomic import remove_stale_temps
    relay = RelayWriter(tmp_path)
    relay.add(1)
    assert Path(relay.folder).name.startswith(".relay.")
    assert remove_stale_temps(tmp_path) == 1 and not Path(relay.folder).exists()
