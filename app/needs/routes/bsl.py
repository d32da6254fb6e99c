"""BSL videos: service managers attach, replace and remove a video (with captions and a
transcript) on the main pages; anyone may watch it, served from this server."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from app import access
from app.access import public, signed_in
from app.data.needs.bsl import (
    VideoValues,
    bsl_video,
    bsl_videos,
    remove_bsl_video,
    save_bsl_video,
)
from app.forms import ButtonForm
from app.needs import bp
from app.needs.bsl import (
    PAGES,
    delete_file,
    media_type_of,
    new_file_name,
    video_path,
    webvtt_problem,
)
from app.needs.forms import BslVideoForm


def _manager_page(page_key: str) -> str:
    access.require_directory_manager(current_user)
    if page_key not in PAGES:
        abort(404)
    return page_key


@bp.get("/manage/bsl-videos")
@signed_in
def manage_videos() -> str:
    access.require_directory_manager(current_user)
    return render_template(
        "needs/bsl_manage.html",
        pages=PAGES,
        videos=bsl_videos(),
        form=ButtonForm(formdata=None),
    )


@bp.route("/manage/bsl-videos/<page_key>", methods=["GET", "POST"])
@signed_in
def manage_video(page_key: str) -> str | Response:
    _manager_page(page_key)
    limit = current_app.config["BSL_VIDEO_MAX_BYTES"]
    # Room for the video and the form around it; past this the request is refused (413).
    request.max_content_length = limit + 1024 * 1024
    existing = bsl_video(page_key)
    form = BslVideoForm(data={"transcript": existing.transcript} if existing else None)
    if form.validate_on_submit():
        values = _checked_upload(form, existing, limit)
        if values is not None:
            replaced = save_bsl_video(page_key, values)
            delete_file(replaced)
            flash(_("Saved. The BSL video is on the page now."), "success")
            return redirect(url_for("needs.manage_videos"))
    return render_template(
        "needs/bsl_video.html",
        form=form,
        page_key=page_key,
        page_name=PAGES[page_key],
        existing=existing,
    )


def _checked_upload(form: BslVideoForm, existing: object, limit: int) -> VideoValues | None:
    """Every check first; the new file is written only when all of them pass, so a bad
    upload never loses what is already attached."""
    video: FileStorage | None = form.video.data or None
    captions: FileStorage | None = form.captions.data or None
    current = existing if existing is not None else None
    media_type = getattr(current, "media_type", None)
    if video is not None and video.filename:
        video.stream.seek(0, 2)
        size = video.stream.tell()
        video.stream.seek(0)
        media_type = media_type_of(video.stream.read(16))
        video.stream.seek(0)
        if size > limit:
            form.video.errors.append(
                _("The video is too big. It must be %(size)s or smaller.", size=_size(limit))
            )
        elif size == 0 or media_type is None:
            form.video.errors.append(_("The video must be an MP4 or WebM file."))
    elif current is None:
        form.video.errors.append(_("Choose the BSL video to upload"))
    caption_text = getattr(current, "captions", None)
    if captions is not None and captions.filename:
        raw = captions.stream.read(204801)
        problem = webvtt_problem(raw)
        if problem is not None:
            form.captions.errors.append(str(problem))
        else:
            caption_text = raw.decode("utf-8-sig")
    elif current is None:
        form.captions.errors.append(_("Choose the captions file (WebVTT) to upload"))
    if form.video.errors or form.captions.errors or media_type is None or caption_text is None:
        return None
    file_name = getattr(current, "file_name", "")
    if video is not None and video.filename:
        file_name = new_file_name(media_type)
        video.save(video_path(file_name))
    return VideoValues(
        file_name=file_name,
        media_type=media_type,
        captions=caption_text,
        transcript=form.transcript.data or "",
    )


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return _("%(num)s MB", num=limit // (1024 * 1024))
    return _("%(num)s KB", num=max(1, limit // 1024))


@bp.post("/manage/bsl-videos/<page_key>/remove")
@signed_in
def remove_video(page_key: str) -> Response:
    _manager_page(page_key)
    if ButtonForm().validate_on_submit():
        delete_file(remove_bsl_video(page_key))
        flash(_("The BSL video is no longer on the page."), "success")
    return redirect(url_for("needs.manage_videos"))


@bp.get("/bsl/<page_key>/video")
@public
def watch_video(page_key: str) -> Response:
    video = bsl_video(page_key)
    if video is None or not video_path(video.file_name).is_file():
        abort(404)
    # conditional: ranges and caching, so a phone can seek without loading it all.
    return send_file(
        video_path(video.file_name), mimetype=video.media_type, conditional=True, max_age=86400
    )


@bp.get("/bsl/<page_key>/captions.vtt")
@public
def video_captions(page_key: str) -> Response:
    video = bsl_video(page_key)
    if video is None:
        abort(404)
    return Response(video.captions, mimetype="text/vtt", headers={"Cache-Control": "max-age=3600"})
