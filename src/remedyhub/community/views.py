"""Pages of good practices, the members' network and events. Thin: services write,
selectors read."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remedyhub.community import files, ical
from remedyhub.community.forms import DocumentForm, GoodPracticeForm, PostForm, RegistrationForm
from remedyhub.community.models import Event, GoodPractice, Registration, SharedDocument
from remedyhub.community.selectors import (
    companies_of,
    event_has_ended,
    events_past,
    events_upcoming,
    good_practices_visible_to,
    materials_visible,
    may_edit_practice,
    places_left,
    registration_of,
    room_for_member,
    rooms_of,
    waiting_position,
)
from remedyhub.community.services import (
    CaseLinkRefused,
    RegistrationRefused,
    UploadRejected,
    event_register,
    good_practice_save,
    registration_cancel,
    room_post_create,
    shared_document_store,
    token_digest,
)
from remedyhub.intake.taxonomy import Issue


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    """A file as a download, never shown inline; the name is ours, not the uploader's."""
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(
        content_type, "bin"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="remedyhub-{name}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# Good practices ----------------------------------------------------------------------------


def practice_list(request: HttpRequest) -> HttpResponse:
    practices = good_practices_visible_to(request.user).filter(status=GoodPractice.Status.PUBLISHED)
    drafts = good_practices_visible_to(request.user).filter(status=GoodPractice.Status.DRAFT)
    context = {
        "practices": practices,
        "drafts": drafts,
        "may_write": companies_of(request.user).exists(),
    }
    return render(request, "community/practice_list.html", context)


def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(good_practices_visible_to(request.user), slug=slug)
    labels = dict(Issue.choices)
    context = {
        "practice": practice,
        "themes": [labels.get(code, code) for code in practice.themes],
        "may_edit": may_edit_practice(request.user, practice),
    }
    return render(request, "community/practice_detail.html", context)


@login_required
def practice_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    companies = companies_of(request.user)
    practice = None
    if slug is not None:
        practice = get_object_or_404(GoodPractice, slug=slug, company__in=companies)
    company = practice.company if practice else companies.first()
    if company is None:
        raise Http404
    initial: dict[str, Any] = {}
    if practice is not None:
        initial = {
            "title": practice.title,
            "summary": practice.summary,
            "body": practice.body,
            "steps": practice.steps,
            "themes": practice.themes,
            "case_reference": practice.case.complaint.reference if practice.case else "",
        }
    form = GoodPracticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = good_practice_save(
                company=company,
                author=request.user,
                practice=practice,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                steps=data["steps"],
                themes=data["themes"],
                case_reference=data["case_reference"],
                publish=request.POST.get("action") == "publish",
            )
        except CaseLinkRefused as error:
            form.add_error("case_reference", str(error))
        else:
            if saved.status == GoodPractice.Status.PUBLISHED:
                messages.success(request, _("Your good practice is published."))
            else:
                messages.success(request, _("Your draft is saved. Only your company sees it."))
            return redirect("community:practice", slug=saved.slug)
    context = {"form": form, "practice": practice, "company": company}
    return render(request, "community/practice_form.html", context)


# Network -----------------------------------------------------------------------------------


@login_required
def room_list(request: HttpRequest) -> HttpResponse:
    return render(request, "community/room_list.html", {"rooms": rooms_of(request.user)})


@login_required
def room_detail(request: HttpRequest, slug: str) -> HttpResponse:
    room = room_for_member(request.user, slug)
    if room is None:
        raise Http404
    post_form = PostForm()
    document_form = DocumentForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "upload":
            document_form = DocumentForm(request.POST, request.FILES)
            if document_form.is_valid():
                upload = document_form.cleaned_data["file"]
                try:
                    shared_document_store(
                        room=room,
                        user=request.user,
                        title=document_form.cleaned_data["title"],
                        name=upload.name or "",
                        size=upload.size or 0,
                        read=upload.read,
                    )
                except UploadRejected as error:
                    document_form.add_error("file", str(error))
                else:
                    messages.success(request, _("The document is shared with the room."))
                    return redirect("community:room", slug=room.slug)
            status = 400
        else:
            post_form = PostForm(request.POST)
            if post_form.is_valid():
                room_post_create(
                    room=room, author=request.user, body=post_form.cleaned_data["body"]
                )
                return redirect("community:room", slug=room.slug)
            status = 400
    context = {
        "room": room,
        "posts": room.posts.select_related("author"),
        "documents": room.documents.all(),
        "members": room.memberships.select_related("user"),
        "post_form": post_form,
        "document_form": document_form,
    }
    return render(request, "community/room_detail.html", context, status=status)


@login_required
def document_download(request: HttpRequest, slug: str, storage_name: uuid.UUID) -> HttpResponse:
    room = room_for_member(request.user, slug)
    if room is None:
        raise Http404
    document = get_object_or_404(SharedDocument, room=room, storage_name=storage_name)
    try:
        data = files.stored_read(document.storage_name)
    except (OSError, ValueError) as error:
        raise Http404 from error
    return _download(data, document.content_type, str(document.storage_name))


# Events ------------------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    context = {"upcoming": events_upcoming(), "past": events_past()[:20]}
    return render(request, "community/event_list.html", context)


def _event(slug: str) -> Event:
    return get_object_or_404(Event, slug=slug, published=True)


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    signed_in = request.user.is_authenticated
    form = RegistrationForm(request.POST or None) if not signed_in else None
    status = 200
    if request.method == "POST":
        if form is None or form.is_valid():
            try:
                result = event_register(
                    event=event,
                    user=request.user if signed_in else None,
                    name=form.cleaned_data["name"] if form else "",
                    email=form.cleaned_data["email"] if form else "",
                    base_url=request.build_absolute_uri("/"),
                )
            except RegistrationRefused as error:
                if form is not None:
                    form.add_error(None, str(error))
                else:
                    messages.error(request, str(error))
                status = 400
            else:
                registration = result.registration
                if registration.status == Registration.Status.WAITING:
                    messages.warning(
                        request,
                        _(
                            "The event is full. You are on the waiting list, number "
                            "%(position)s; you get a place when someone cancels."
                        )
                        % {"position": waiting_position(registration)},
                    )
                else:
                    messages.success(request, _("You are registered."))
                if result.cancel_token:
                    context = {
                        "event": event,
                        "registration": registration,
                        "token": result.cancel_token,
                    }
                    return render(request, "community/event_registered.html", context)
                return redirect("community:event", slug=event.slug)
        else:
            status = 400
    current = registration_of(event, request.user)
    context = {
        "event": event,
        "form": form,
        "ended": event_has_ended(event),
        "places_left": places_left(event),
        "materials": materials_visible(event),
        "registration": current,
        "position": waiting_position(current)
        if current and current.status == Registration.Status.WAITING
        else None,
    }
    return render(request, "community/event_detail.html", context, status=status)


@login_required
@require_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    registration = registration_of(event, request.user)
    if registration is not None:
        registration_cancel(registration=registration, base_url=request.build_absolute_uri("/"))
        messages.success(request, _("Your registration is cancelled."))
    return redirect("community:event", slug=event.slug)


def event_cancel_by_link(request: HttpRequest, token: str) -> HttpResponse:
    registration = (
        Registration.objects.filter(cancel_digest=token_digest(token))
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .first()
    )
    if registration is None:
        raise Http404
    if request.method == "POST":
        registration_cancel(registration=registration, base_url=request.build_absolute_uri("/"))
        messages.success(request, _("Your registration is cancelled."))
        return redirect("community:event", slug=registration.event.slug)
    return render(request, "community/event_cancel.html", {"registration": registration})


def event_material_download(
    request: HttpRequest, slug: str, storage_name: uuid.UUID
) -> HttpResponse:
    event = _event(slug)
    material = get_object_or_404(materials_visible(event), storage_name=storage_name)
    try:
        data = files.stored_read(storage_name)
    except (OSError, ValueError) as error:
        raise Http404 from error
    return _download(data, material.content_type, str(storage_name))


def event_feed(request: HttpRequest) -> HttpResponse:
    events = list(events_upcoming()) + list(events_past()[:50])
    body = ical.calendar(events, base_url=request.build_absolute_uri("/"))
    return _calendar_response(body, "remedyhub-events.ics")


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    body = ical.calendar([event], base_url=request.build_absolute_uri("/"))
    return _calendar_response(body, f"{event.slug}.ics")


def _calendar_response(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
