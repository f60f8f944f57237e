"""Home's snapshot of the catalogue in the data folder: read back only while everything the
catalogue was read from is unchanged; the service files are read (and checked) again otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.catalog.effective import Published, cache_for, load_cached
from kiosk.catalog.loader import CatalogueError, load_catalogue
from kiosk.catalog.schema import Catalogue
from kiosk.catalog.snapshot import SNAPSHOT_NAME, home_catalogue, home_of
from kiosk.cli import read_catalogue
from kiosk.config import DEFAULT_SERVICES_DIR, Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    services = tmp_path / "services"
    shutil.copytree(DEFAULT_SERVICES_DIR, services)
    return load_settings(
        overrides={"paths.data_dir": str(tmp_path / "data"), "paths.services_dir": str(services)},
        environ={},
    )


class Reads:
    """``read_catalogue``, counting its calls."""

    def __init__(self, settings: Settings) -> None:
        self.settings, self.count = settings, 0

    def __call__(self) -> Catalogue:
        self.count += 1
        return read_catalogue(self.settings)


def test_a_second_start_reads_the_snapshot_not_the_files(settings: Settings) -> None:
    reads = Reads(settings)
    first = home_catalogue(settings, reads)
    second = home_catalogue(settings, reads)
    assert reads.count == 1 and second == first == home_of(load_catalogue(DEFAULT_SERVICES_DIR))
    assert [s.title.spoken("yue") for s in second.services] == [
        s.title.spoken("yue") for s in read_catalogue(settings).services
    ]


def test_a_changed_service_file_is_read_again(settings: Settings) -> None:
    reads = Reads(settings)
    home_catalogue(settings, reads)
    guide = settings.services_dir / "07-service-guide.toml"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace('zh = "办事指南"', 'zh = "办事指引"', 1),
        encoding="utf-8",
    )
    served = {tile.id: tile for tile in home_catalogue(settings, reads).services}
    assert reads.count == 2 and served["service-guide"].title.zh == "办事指引"
    home_catalogue(settings, reads)
    assert reads.count == 2


def test_new_versions_served_are_read_again(settings: Settings) -> None:
    reads = Reads(settings)
    home_catalogue(settings, reads)
    text = (settings.services_dir / "06-counter-ticket.toml").read_text(encoding="utf-8")
    new = text.replace('zh = "窗口取号"', 'zh = "窗口取号（新）"', 1)
    cache_for(settings).save({"counter-ticket": Published("counter-ticket", 2, new, "x")})
    served = home_catalogue(settings, reads)
    assert reads.count == 2 and served == home_of(load_cached(settings).catalogue)
    assert [t.title.zh for t in served.services if t.id == "counter-ticket"] == ["窗口取号（新）"]


def test_a_damaged_file_is_named_even_with_a_snapshot(settings: Settings) -> None:
    home_catalogue(settings, Reads(settings))
    (settings.services_dir / "02-bad.toml").write_text('id = "x"\n[[steps]\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"02-bad\.toml"):
        home_catalogue(settings, Reads(settings))


def test_an_unreadable_snapshot_costs_a_read_only(settings: Settings) -> None:
    reads = Reads(settings)
    home_catalogue(settings, reads)
    (settings.data_dir / SNAPSHOT_NAME).write_text('{"format": 1, "sour', encoding="utf-8")
    assert home_catalogue(settings, reads) == home_of(read_catalogue(settings))
    assert reads.count == 2
