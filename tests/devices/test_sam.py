"""GA 467 frames: known bytes, resync in noise, fragments, bad checksums, random input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from devices.idcard import sam


def test_known_request_and_reply_bytes() -> None:
    assert sam.request(sam.RESET).hex() == "aaaaaa9669000310ffec"
    assert sam.request(sam.STATUS).hex() == "aaaaaa9669000311ffed"
    assert sam.request(sam.SAM_ID).hex() == "aaaaaa9669000312ffee"
    assert sam.request(sam.FIND_CARD).hex() == "aaaaaa96690003200122"
    assert sam.request(sam.SELECT_CARD).hex() == "aaaaaa96690003200221"
    assert sam.request(sam.READ_BASE).hex() == "aaaaaa96690003300132"
    assert sam.reply(0x9F, bytes(4)).hex() == "aaaaaa9669000800009f0000000097"
    assert sam.reply(0x80).hex() == "aaaaaa9669000400008084"


def test_read_base_reply_is_1295_bytes_with_len_0508() -> None:
    body = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + bytes(1280)
    frame = sam.reply(0x90, body)
    assert len(frame) == 1295 and frame[5:7] == b"\x05\x08"


def test_resync_after_noise_and_a_false_preamble() -> None:
    reader = sam.FrameReader()
    noise = b"\x01\xaa\xaa\xaa\x96\x69\xff\xff" + b"\x00\xaa"
    items = reader.feed(noise + sam.reply(0x9F, bytes(4)))
    assert items == [sam.Frame(b"\x00\x00\x9f" + bytes(4))]
    assert reader.noise > 0


def test_fragments_are_reassembled_one_byte_at_a_time() -> None:
    reader = sam.FrameReader()
    data = sam.reply(0x90, bytes(range(200)))
    out = [item for i in range(len(data)) for item in reader.feed(data[i : i + 1])]
    assert out == [sam.Frame(b"\x00\x00\x90" + bytes(range(200)))]


def test_bad_checksum_is_reported_then_the_next_frame_found() -> None:
    good = sam.reply(0x80)
    bad = good[:-1] + bytes([good[-1] ^ 1])
    items = sam.FrameReader().feed(bad + good)
    assert isinstance(items[0], sam.BadFrame) and items[-1] == sam.Frame(b"\x00\x00\x80")


frames = st.builds(sam.reply, st.integers(0, 255), st.binary(max_size=40))


@given(st.binary(max_size=300))
def test_random_bytes_never_raise_and_every_frame_checks(data: bytes) -> None:
    for item in sam.FrameReader().feed(data):
        if isinstance(item, sam.Frame):
            assert sam.PREAMBLE in data
            assert sam.frame(item.body) in data  # only what was really sent, checksum and all


@given(frames, st.data())
def test_truncated_frames_give_nothing(frame: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(frame) - 1))
    assert [i for i in sam.FrameReader().feed(frame[:cut]) if isinstance(i, sam.Frame)] == []


@given(st.binary(max_size=50), frames, st.lists(st.integers(1, 40), max_size=10))
def test_a_frame_behind_noise_in_any_pieces_is_found(
    noise: bytes, frame: bytes, cuts: list[int]
) -> None:
    reader = sam.FrameReader()
    stream = noise.replace(b"\xaa", b"\x00") + frame
    found: list[sam.Frame | sam.BadFrame] = []
    pos = 0
    for size in [*cuts, len(stream)]:
        found += reader.feed(stream[pos : pos + size])
        pos += size
    assert sam.Frame(frame[7:-1]) in found
