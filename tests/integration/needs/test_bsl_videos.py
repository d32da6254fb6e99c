"""BSL videos: a service manager attaches, replaces and removes one; bad uploads get a
clear message and lose nothing; a page with one offers "Watch in BSL"."""

from __future__ import annotations

import io

import pytest

from app.data.accounts.models import User
from app.data.database import db
from app.data.groups.people import grant_manager
from tests.support.helpers import csrf_token, make_person, page_text, sign_in

VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello, this is Keepwell.\n"
# A file with WebM's signature: the server checks what a file is from its first bytes.
# (The browser test generates a real clip and plays it.)
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 60
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 60
MANAGE = "/manage/bsl-videos"


@pytest.fixture
def manager(app, client):
    person = make_person(app, "Morgan")
    with app.app_context():
        grant_manager(db.session.get(User, person.id))
        db.session.commit()
    sign_in(app, client, person)
    return person


def upload(client, page_key="help", video=WEBM, captions=VTT, transcript="Hello."):
    data = {"csrf_token": csrf_token(client), "transcript": transcript}
    if video is not None:
        data["video"] = (io.BytesIO(video), "clip.webm")
    if captions is not None:
        data["captions"] = (io.BytesIO(captions), "clip.vtt")
    return client.post(f"{MANAGE}/{page_key}", data=data, content_type="multipart/form-data")


def test_a_manager_attaches_a_video_and_the_page_offers_it(app, client, other_client, manager):
    assert "Watch in BSL" not in page_text(other_client.get("/help"))
    response = upload(client)
    assert response.status_code == 302
    html = other_client.get("/help").get_data(as_text=True)
    assert "Watch in BSL" in html and 'preload="none"' in html
    assert 'src="/bsl/help/video"' in html and 'src="/bsl/help/captions.vtt"' in html
    video = other_client.get("/bsl/help/video")
    assert video.status_code == 200 and video.mimetype == "video/webm" and video.data == WEBM
    part = other_client.get("/bsl/help/video", headers={"Range": "bytes=0-3"})
    assert part.status_code == 206 and part.data == WEBM[:4]
    captions = other_client.get("/bsl/help/captions.vtt")
    assert captions.mimetype == "text/vtt" and captions.data == VTT
    assert "Watch in BSL" not in page_text(other_client.get("/groups"))


def test_a_plan_part_has_its_own_video(app, client, manager):
    upload(client, "plan-crisis_plan", video=MP4)
    assert "Watch in BSL" in page_text(client.get("/plan/crisis-plan"))
    assert "Watch in BSL" not in page_text(client.get("/plan/triggers"))
    assert client.get("/bsl/plan-crisis_plan/video").mimetype == "video/mp4"


@pytest.mark.parametrize(
    ("video", "captions", "transcript", "message"),
    [
        (b"GIF89a not a video", VTT, "Hello.", "The video must be an MP4 or WebM file."),
        (WEBM, b"1\n00:00:01,000 --> 00:00:02,000\nSRT, not WebVTT\n", "Hello.",
         "its first line must be WEBVTT"),
        (WEBM, b"WEBVTT\n\n00:05.000 --> 00:02.000\nBackwards\n", "Hello.",
         "a cue time that is not right"),
        (WEBM, b"WEBVTT\n\nNOTE nothing to show\n", "Hello.", "has no captions in it"),
        (WEBM, b"WEBVTT\n\n00:00.000 --> 00:01.000\n\xff\xfe\n", "Hello.", "UTF-8"),
        (WEBM, VTT, "", "Enter the written transcript"),
        (None, VTT, "Hello.", "Choose the BSL video to upload"),
        (WEBM, None, "Hello.", "Choose the captions file"),
    ],
)  # fmt: skip
def test_bad_uploads_get_a_clear_message(
    app, client, manager, video, captions, transcript, message
):
    response = upload(client, video=video, captions=captions, transcript=transcript)
    assert response.status_code == 200
    assert message in page_text(response)
    assert client.get("/bsl/help/video").status_code == 404


def test_a_bad_replacement_loses_nothing_already_attached(app, client, manager):
    upload(client, transcript="The first transcript.")
    response = upload(client, video=b"not a video", transcript="A second try")
    assert "The video must be an MP4 or WebM file." in page_text(response)
    assert "A second try" in response.get_data(as_text=True)  # what they typed is kept
    assert client.get("/bsl/help/video").data == WEBM
    assert "The first transcript." in page_text(client.get("/help"))


def test_an_oversized_video_is_refused_with_a_message(app, client, manager):
    app.config["BSL_VIDEO_MAX_BYTES"] = 32
    try:
        response = upload(client)
    finally:
        app.config["BSL_VIDEO_MAX_BYTES"] = 50 * 1024 * 1024
    assert "The video is too big. It must be 1 KB or smaller." in page_text(response)


def test_replacing_only_the_transcript_keeps_the_video_and_captions(app, client, manager):
    upload(client)
    upload(client, video=None, captions=None, transcript="Better words.")
    assert client.get("/bsl/help/video").data == WEBM
    assert "Better words." in page_text(client.get("/help"))


def test_removing_takes_it_off_the_page_and_deletes_the_file(app, client, manager):
    upload(client)
    from app.data.needs.bsl import bsl_video
    from app.needs.bsl import video_path

    with app.test_request_context():
        path = video_path(bsl_video("help").file_name)
    assert path.exists()
    client.post(f"{MANAGE}/help/remove", data={"csrf_token": csrf_token(client)})
    assert "Watch in BSL" not in page_text(client.get("/help"))
    assert not path.exists()
    assert client.get("/bsl/help/video").status_code == 404


def test_only_service_managers_may_manage_videos(app, client):
    sign_in(app, client, make_person(app, "Sam"))
    assert client.get(MANAGE).status_code == 403
    assert upload(client).status_code == 403
    assert client.get(f"{MANAGE}/nonsense").status_code == 403


def test_an_unknown_page_is_not_found_for_a_manager(client, manager):
    assert client.get(f"{MANAGE}/nonsense").status_code == 404
    assert client.get("/bsl/nonsense/video").status_code == 404
