"""Writes to the registry: importing supplier lists, deciding matches, merging facilities."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from remedyhub.registry.identifiers import new_facility_id
from remedyhub.registry.index_store import RegistryIndex, registry_index
from remedyhub.registry.matching import Match, Outcome, decide
from remedyhub.registry.models import (
    Company,
    Contributor,
    Facility,
    MatchDecision,
    Membership,
    SectorAgreement,
    SupplierList,
    SupplyLink,
)
from remedyhub.registry.normalise import facility_match_key, normalise_name
from remedyhub.registry.parsing import (
    FIELDS,
    REQUIRED_FIELDS,
    RowError,
    SupplierRow,
    parse_supplier_file,
)

CHUNK = 500
Method = MatchDecision.Method


@dataclass
class ImportResult:
    rows: int = 0
    new_facilities: int = 0
    exact_matches: int = 0
    automatic_matches: int = 0
    needs_review: int = 0
    already_decided: int = 0
    ended_links: int = 0
    invalid: list[RowError] = field(default_factory=list)
    duplicates: list[RowError] = field(default_factory=list)
    imported: bool = False
    supplier_list_id: int | None = None
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "new_facilities": self.new_facilities,
            "exact_matches": self.exact_matches,
            "automatic_matches": self.automatic_matches,
            "needs_review": self.needs_review,
            "already_decided": self.already_decided,
            "ended_links": self.ended_links,
            "invalid": [
                {"row": e.row_number, "field": e.field, "message": e.message} for e in self.invalid
            ],
            "duplicates": [{"row": e.row_number, "message": e.message} for e in self.duplicates],
            "imported": self.imported,
            "warnings": self.warnings,
        }


def _contributor_get(
    *, name: str, contributor_type: str, company: Company | None = None
) -> Contributor:
    if company is not None:
        # A company representative uploads as her company, whatever name she typed.
        contributor = Contributor.objects.filter(company=company).order_by("pk").first()
        if contributor is None:
            name = company.name
            if Contributor.objects.filter(name__iexact=name).exists():
                name = f"{company.name} ({company.slug})"
            contributor = Contributor.objects.create(
                name=name, type=Contributor.Type.BRAND, company=company
            )
        return contributor
    contributor = Contributor.objects.filter(name__iexact=name.strip()).first()
    if contributor is None:
        company = None
        if contributor_type == Contributor.Type.BRAND:
            company = Company.objects.filter(name__iexact=name.strip()).first()
        contributor = Contributor.objects.create(
            name=name.strip(), type=contributor_type, company=company
        )
    return contributor


def _in_chunks(values: list[str]) -> list[list[str]]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


def _resolve(facility_id: int, merged: dict[int, int]) -> int:
    seen = set()
    while facility_id in merged and facility_id not in seen:
        seen.add(facility_id)
        facility_id = merged[facility_id]
    return facility_id


def _row_data(row: SupplierRow) -> dict[str, Any]:
    return {
        key: getattr(row, key)
        for key in FIELDS
        if key not in REQUIRED_FIELDS and getattr(row, key) not in ("", None)
    }


def _new_facility(row: SupplierRow, row_key: str) -> Facility:
    facility = Facility(
        name=row.name[:255],
        address=row.address[:500],
        country=row.country,
        sector=row.sector
        if row.sector in {c for c, _ in Facility._meta.get_field("sector").choices}  # type: ignore[union-attr]
        else "",
        facility_type=row.facility_type[:120],
        processing_type=row.processing_type[:120],
        product_type=row.product_type[:255],
        parent_company=row.parent_company[:255],
        number_of_workers=row.number_of_workers[:32],
        os_id=row.os_id or None,
        latitude=round(row.lat, 6) if row.lat is not None else None,
        longitude=round(row.lng, 6) if row.lng is not None else None,
    )
    facility.match_key = row_key  # bulk_create does not call save()
    return facility


PARALLEL_MIN_ROWS = 2000
_forked_index: RegistryIndex | None = None


def _worker_start() -> None:
    # A forked worker inherits its parent's signal handlers; Pool.terminate() ends workers
    # with SIGTERM, which must end them, not run the parent's clean-up in each.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _search_one(row: SupplierRow) -> tuple[int, list[Match]]:
    assert _forked_index is not None  # noqa: S101 - set by the parent before forking
    return row.row_number, _forked_index.search(
        name=row.name, address=row.address, country=row.country, limit=5
    )


def _search_rows(
    index: RegistryIndex, rows: list[SupplierRow], *, workers: int
) -> dict[int, list[Match]]:
    """Candidates for each row. A long list is searched by forked processes, which share the
    index's memory with this one and touch no database connection."""
    global _forked_index
    if workers <= 1 or len(rows) < PARALLEL_MIN_ROWS or "fork" not in get_all_start_methods():
        return {
            row.row_number: index.search(
                name=row.name, address=row.address, country=row.country, limit=5
            )
            for row in rows
        }
    # Rows of one country together: each worker then reads the same part of the index.
    ordered = sorted(rows, key=lambda row: (row.country, row.row_number))
    _forked_index = index
    pool = get_context("fork").Pool(workers, initializer=_worker_start)
    try:
        found = dict(pool.imap_unordered(_search_one, ordered, chunksize=100))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        _forked_index = None
    return found


@dataclass
class _Plan:
    """What each row of a list turned out to be, before anything is written in bulk."""

    result: ImportResult
    facility_of_row: dict[int, int | Facility] = field(default_factory=dict)
    new_decisions: list[MatchDecision] = field(default_factory=list)
    touched_decisions: list[MatchDecision] = field(default_factory=list)
    new_facilities: dict[str, Facility] = field(default_factory=dict)
    other_names: dict[int, set[str]] = field(default_factory=dict)


def _plan_rows(
    rows: list[SupplierRow],
    *,
    contributor: Contributor,
    supplier_list: SupplierList,
    index: RegistryIndex,
    workers: int,
) -> _Plan:
    plan = _Plan(result=ImportResult(rows=len(rows)))
    result = plan.result
    keys = {row.row_number: facility_match_key(row.country, row.name, row.address) for row in rows}
    decided = {
        d.row_key: d
        for chunk in _in_chunks(list(set(keys.values())))
        for d in MatchDecision.objects.filter(contributor=contributor, row_key__in=chunk)
    }
    merged: dict[int, int] = {
        pk: target
        for pk, target in Facility.objects.filter(merged_into__isnull=False).values_list(
            "pk", "merged_into"
        )
        if target is not None
    }
    # Looked up by match key alone and filtered here: with the merge condition in SQL, SQLite
    # may walk another index than the match key's.
    exact = {
        key: pk
        for chunk in _in_chunks(list(set(keys.values())))
        for key, pk, merged_into in Facility.objects.filter(match_key__in=chunk).values_list(
            "match_key", "pk", "merged_into"
        )
        if merged_into is None
    }
    os_ids = [row.os_id for row in rows if row.os_id]
    by_os_id = {
        os_id: pk
        for chunk in _in_chunks(os_ids)
        for os_id, pk in Facility.objects.filter(os_id__in=chunk).values_list("os_id", "pk")
    }
    to_search = [
        row
        for row in rows
        if keys[row.row_number] not in decided
        and not (row.os_id and row.os_id in by_os_id)
        and keys[row.row_number] not in exact
    ]
    searched = _search_rows(index, to_search, workers=workers)
    for row in rows:
        row_key = keys[row.row_number]
        decision = decided.get(row_key)
        if decision is not None:
            decision.last_list = supplier_list
            plan.touched_decisions.append(decision)
            if decision.method == Method.PENDING:
                result.needs_review += 1
            else:
                result.already_decided += 1
                plan.facility_of_row[row.row_number] = _resolve(decision.facility_id or 0, merged)
            continue
        decision = MatchDecision(
            contributor=contributor,
            row_key=row_key,
            name=row.name[:255],
            address=row.address[:500],
            country=row.country,
            row_data=_row_data(row),
            first_list=supplier_list,
            last_list=supplier_list,
            decided_at=timezone.now(),
        )
        plan.new_decisions.append(decision)
        if row.os_id and row.os_id in by_os_id:
            decision.method, target = Method.OS_ID, _resolve(by_os_id[row.os_id], merged)
            result.exact_matches += 1
        elif row_key in exact:
            decision.method, target = Method.EXACT, exact[row_key]
            result.exact_matches += 1
        elif row_key in plan.new_facilities:
            # The same site twice in one list, spelled the same once normalised.
            decision.method, decision.facility = Method.EXACT, plan.new_facilities[row_key]
            plan.facility_of_row[row.row_number] = plan.new_facilities[row_key]
            result.exact_matches += 1
            continue
        else:
            matches = searched[row.row_number]
            outcome = decide(matches, has_address=bool(row.address))
            decision.score = matches[0].score if matches else None
            if outcome == Outcome.AUTOMATIC:
                decision.method, target = Method.AUTOMATIC, matches[0].key
                result.automatic_matches += 1
            elif outcome == Outcome.REVIEW:
                decision.method = Method.PENDING
                decision.decided_at = None
                decision.candidates = [
                    {"facility": m.key, "score": m.score} for m in matches if m.score >= 50
                ]
                result.needs_review += 1
                continue
            else:
                facility = _new_facility(row, row_key)
                plan.new_facilities[row_key] = facility
                decision.method, decision.facility = Method.NEW, facility
                plan.facility_of_row[row.row_number] = facility
                result.new_facilities += 1
                continue
        decision.facility_id = target
        plan.facility_of_row[row.row_number] = target
        plan.other_names.setdefault(target, set()).add(row.name)
    return plan


def _write_links(
    *,
    company: Company,
    contributor: Contributor,
    supplier_list: SupplierList,
    facility_ids: set[int],
    products: dict[int, str],
    end_missing: bool = True,
) -> int:
    """Open or extend a link for every listed facility; end the links the list no longer has.

    Only links that came from this contributor's lists are ended: another source may still
    know of the relation.
    """
    list_date = supplier_list.list_date
    open_links = {
        link.facility_id: link
        for link in SupplyLink.objects.filter(company=company, ended_on__isnull=True)
    }
    to_update, to_create = [], []
    for facility_id in facility_ids:
        link = open_links.get(facility_id)
        if link is None:
            to_create.append(
                SupplyLink(
                    company=company,
                    facility_id=facility_id,
                    first_seen=list_date,
                    last_seen=list_date,
                    source_list=supplier_list,
                    products=products.get(facility_id, "")[:255],
                )
            )
        elif list_date >= link.last_seen:
            link.last_seen, link.source_list = list_date, supplier_list
            to_update.append(link)
    SupplyLink.objects.bulk_create(to_create, batch_size=CHUNK)
    SupplyLink.objects.bulk_update(to_update, ["last_seen", "source_list"], batch_size=CHUNK)
    if not end_missing:
        return 0
    own_lists = set(
        SupplierList.objects.filter(contributor=contributor).values_list("pk", flat=True)
    )
    gone = [
        link
        for facility_id, link in open_links.items()
        if facility_id not in facility_ids
        and link.source_list_id in own_lists
        and link.source_list_id != supplier_list.pk
        and link.last_seen < list_date
    ]
    for link in gone:
        link.ended_on = list_date
    SupplyLink.objects.bulk_update(gone, ["ended_on"], batch_size=CHUNK)
    return len(gone)


def supplier_list_import(
    *,
    data: bytes,
    filename: str,
    contributor: str,
    contributor_type: str = Contributor.Type.BRAND,
    skip_invalid: bool = False,
    uploaded_by: Any = None,
    list_date: dt.date | None = None,
    dry_run: bool = False,
    company: Company | None = None,
    workers: int | None = None,
) -> ImportResult:
    """Import one supplier list: all of it, or (with invalid rows and no ``skip_invalid``)
    nothing. ``dry_run`` computes the same summary and writes nothing (the upload preview).
    ``workers`` processes search a long list (default: one per core; 1 inside a web request,
    where forking is unwelcome)."""
    parsed = parse_supplier_file(data, filename)
    result = ImportResult(rows=len(parsed.rows), invalid=list(parsed.errors))
    result.duplicates = list(parsed.duplicates)
    if parsed.file_errors or (parsed.errors and not skip_invalid) or not parsed.rows:
        return result
    with transaction.atomic():
        contributor_obj = _contributor_get(
            name=contributor, contributor_type=contributor_type, company=company
        )
        supplier_list = SupplierList.objects.create(
            contributor=contributor_obj,
            list_date=list_date or timezone.localdate(),
            file_name=filename[:255],
            file_sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=uploaded_by,
            row_count=len(parsed.rows),
        )
        plan = _plan_rows(
            parsed.rows,
            contributor=contributor_obj,
            supplier_list=supplier_list,
            index=registry_index(),
            workers=(os.cpu_count() or 1) if workers is None else workers,
        )
        _redraw_taken_ids(list(plan.new_facilities.values()))
        Facility.objects.bulk_create(plan.new_facilities.values(), batch_size=CHUNK)
        for decision in plan.new_decisions:
            # Only decisions about new facilities hold an unsaved object; reading .facility on
            # the others would fetch each matched facility from the database.
            if decision.facility_id is None and decision.method != Method.PENDING:
                decision.facility_id = decision.facility.pk  # type: ignore[union-attr]
        MatchDecision.objects.bulk_create(plan.new_decisions, batch_size=CHUNK)
        MatchDecision.objects.bulk_update(plan.touched_decisions, ["last_list"], batch_size=CHUNK)
        _add_other_names(plan.other_names)
        facility_ids = {
            value.pk if isinstance(value, Facility) else value
            for value in plan.facility_of_row.values()
        }
        if contributor_obj.company is not None:
            products = {
                (v.pk if isinstance(v, Facility) else v): row.product_type
                for row in parsed.rows
                if (v := plan.facility_of_row.get(row.row_number)) is not None
            }
            plan.result.ended_links = _write_links(
                company=contributor_obj.company,
                contributor=contributor_obj,
                supplier_list=supplier_list,
                facility_ids=facility_ids,
                products=products,
            )
        else:
            plan.result.warnings.append(
                gettext(
                    "No company is linked to this publisher: facilities were registered, "
                    "but no supply links were made."
                )
            )
        plan.result.invalid = result.invalid
        plan.result.duplicates = result.duplicates
        plan.result.imported = not dry_run
        plan.result.supplier_list_id = None if dry_run else supplier_list.pk
        supplier_list.summary = plan.result.as_dict()
        supplier_list.save(update_fields=["summary"])
        if dry_run:
            transaction.set_rollback(True)
    return plan.result


def _redraw_taken_ids(facilities: list[Facility]) -> None:
    """Give a new id to any new facility whose random id is taken: at a million facilities
    two equal draws of 40 bits are likely, and bulk_create would fail on the whole list."""
    seen: set[str] = set()
    for chunk in [facilities[i : i + CHUNK] for i in range(0, len(facilities), CHUNK)]:
        ids = [facility.public_id for facility in chunk]
        seen |= set(Facility.objects.filter(public_id__in=ids).values_list("public_id", flat=True))
        for facility in chunk:
            while facility.public_id in seen:
                facility.public_id = new_facility_id()
            seen.add(facility.public_id)


def _add_other_names(names_by_facility: dict[int, set[str]]) -> None:
    """Keep each new spelling of a matched facility's name, so that search finds it too.

    ``updated_at`` moves with the names, so that the search index takes them in (as a change
    since its base was built). One parameterised UPDATE per facility, sent in batches: a bulk
    update's CASE over hundreds of rows is slower on SQLite.
    """
    names_field = Facility._meta.get_field("other_names")
    now = Facility._meta.get_field("updated_at").get_db_prep_save(timezone.now(), connection)
    changed: list[tuple[Any, Any, int]] = []
    ids = list(names_by_facility)
    for chunk in [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]:
        for pk, name, other_names in Facility.objects.filter(pk__in=chunk).values_list(
            "pk", "name", "other_names"
        ):
            known = {normalise_name(n) for n in [name, *other_names]}
            new = [n for n in sorted(names_by_facility[pk]) if normalise_name(n) not in known]
            if new:
                names = [*other_names, *new][:20]
                changed.append((names_field.get_db_prep_save(names, connection), now, pk))
    if not changed:
        return
    table = connection.ops.quote_name(Facility._meta.db_table)
    statement = f"UPDATE {table} SET other_names = %s, updated_at = %s WHERE id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        for first in range(0, len(changed), CHUNK):
            cursor.executemany(statement, changed[first : first + CHUNK])


@transaction.atomic
def facility_merge(*, source: Facility, target: Facility, user: Any = None) -> Facility:
    """Merge a duplicate into the facility that stays: links, decisions and names move; the
    duplicate's public id keeps resolving to the target."""
    if source.pk == target.pk:
        raise ValueError("A facility cannot be merged into itself.")
    if target.merged_into_id is not None:
        raise ValueError("The target has itself been merged; merge into its successor.")
    source = Facility.objects.select_for_update().get(pk=source.pk)
    target = Facility.objects.select_for_update().get(pk=target.pk)
    for link in SupplyLink.objects.filter(facility=source, ended_on__isnull=True):
        existing = SupplyLink.objects.filter(
            company_id=link.company_id, facility=target, ended_on__isnull=True
        ).first()
        if existing is None:
            link.facility = target
            link.save(update_fields=["facility", "updated_at"])
        else:
            existing.first_seen = min(existing.first_seen, link.first_seen)
            existing.last_seen = max(existing.last_seen, link.last_seen)
            existing.save(update_fields=["first_seen", "last_seen", "updated_at"])
            link.delete()
    SupplyLink.objects.filter(facility=source).update(facility=target)
    MatchDecision.objects.filter(facility=source).update(facility=target)
    names = [source.name, *source.other_names]
    known = {normalise_name(n) for n in [target.name, *target.other_names]}
    target.other_names = [
        *target.other_names,
        *[n for n in names if normalise_name(n) not in known],
    ]
    if not target.os_id and source.os_id:
        os_id, source.os_id = source.os_id, None
        source.save(update_fields=["os_id", "updated_at"])
        target.os_id = os_id
    target.save(update_fields=["other_names", "os_id", "updated_at"])
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    Facility.objects.filter(merged_into=source).update(merged_into=target)
    return target


@transaction.atomic
def match_decision_resolve(
    *, decision: MatchDecision, user: Any, facility: Facility | None = None
) -> MatchDecision:
    """A person settles a pending row: ``facility`` confirms that match; None creates a new
    facility because no candidate is the same site."""
    decision = MatchDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.method != Method.PENDING:
        raise ValueError("This row was already decided.")
    if facility is None:
        row = SupplierRow(
            row_number=0, name=decision.name, address=decision.address, country=decision.country
        )
        facility = _new_facility(row, decision.row_key)
        facility.save()
        decision.method = Method.NEW_BY_PERSON
    else:
        while facility.merged_into_id is not None:
            facility = Facility.objects.get(pk=facility.merged_into_id)
        decision.method = Method.CONFIRMED
        _add_other_names({facility.pk: {decision.name}})
    decision.facility, decision.decided_by, decision.decided_at = facility, user, timezone.now()
    decision.save(update_fields=["facility", "method", "decided_by", "decided_at", "updated_at"])
    company = decision.contributor.company
    if company is not None and decision.last_list is not None:
        _write_links(
            company=company,
            contributor=decision.contributor,
            supplier_list=decision.last_list,
            facility_ids={facility.pk},
            products={},
            end_missing=False,
        )
    return decision


class MembershipRefused(Exception):
    """A membership that would break a rule; ``errors`` maps fields to translated messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def membership_check(membership: Membership) -> None:
    """Refuse a membership period that ends before it starts, lies outside the agreement's
    life, or overlaps another period of the same company in the same agreement."""
    errors: dict[str, str] = {}
    start, end = membership.valid_from, membership.valid_until
    if start is None:
        raise MembershipRefused(
            {"valid_from": gettext("Say from which day the company is a member.")}
        )
    if end is not None and end < start:
        errors["valid_until"] = gettext(
            "A membership cannot end before it starts: this one would end on %(end)s and "
            "start on %(start)s."
        ) % {"end": end.isoformat(), "start": start.isoformat()}
    if membership.route == Membership.Route.PARTNER and not membership.partner_initiative.strip():
        errors["partner_initiative"] = gettext(
            "Name the partner initiative through which the company joined."
        )
    if membership.end_reason and end is None:
        errors["end_reason"] = gettext("A reason for the end needs an end date.")
    agreement = membership.agreement if membership.agreement_id else None
    if agreement is not None:
        if start < agreement.starts_on:
            errors["valid_from"] = gettext(
                "The agreement starts on %(date)s; a membership cannot start before it."
            ) % {"date": agreement.starts_on.isoformat()}
        if agreement.ends_on and (end is None or end > agreement.ends_on):
            errors["valid_until"] = gettext(
                "The agreement ended on %(date)s; a membership must end by then."
            ) % {"date": agreement.ends_on.isoformat()}
    if membership.company_id and agreement is not None and "valid_until" not in errors:
        others = Membership.objects.filter(
            company_id=membership.company_id, agreement=agreement
        ).exclude(pk=membership.pk)
        overlapping = others.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=start))
        if end is not None:
            overlapping = overlapping.filter(valid_from__lte=end)
        clash = overlapping.order_by("valid_from").first()
        if clash is not None:
            errors["valid_from"] = gettext(
                "This company is already a member of %(agreement)s from %(start)s until "
                "%(end)s; membership periods cannot overlap."
            ) % {
                "agreement": agreement.name,
                "start": clash.valid_from.isoformat(),
                "end": clash.valid_until.isoformat()
                if clash.valid_until
                else gettext("now (still open)"),
            }
    if errors:
        raise MembershipRefused(errors)


@transaction.atomic
def membership_create(
    *,
    agreement: SectorAgreement,
    company: Company,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    route: str = Membership.Route.DIRECT,
    partner_initiative: str = "",
    end_reason: str = "",
) -> Membership:
    """A new membership period; refused with ``MembershipRefused`` when it breaks a rule."""
    # Serialise writers for one company, so two overlapping periods cannot both pass the check.
    Company.objects.select_for_update().filter(pk=company.pk).first()
    membership = Membership(
        agreement=agreement,
        company=company,
        valid_from=valid_from,
        valid_until=valid_until,
        route=route,
        partner_initiative=partner_initiative,
        end_reason=end_reason,
    )
    membership_check(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, on: dt.date, reason: str) -> Membership:
    """End an open membership; the period stays as history."""
    Company.objects.select_for_update().filter(pk=membership.company_id).first()
    membership.valid_until = on
    membership.end_reason = reason
    membership_check(membership)
    membership.save(update_fields=["valid_until", "end_reason", "updated_at"])
    return membership


@transaction.atomic
def membership_move(*, membership: Membership, to: SectorAgreement, on: dt.date) -> Membership:
    """The company moves to another agreement (usually the successor) from ``on``: its old
    period ends the day before, and a new one starts with the same route."""
    if membership.valid_until is None or membership.valid_until >= on:
        membership_end(membership=membership, on=on - dt.timedelta(days=1), reason="moved")
    return membership_create(
        agreement=to,
        company=membership.company,
        valid_from=on,
        route=membership.route,
        partner_initiative=membership.partner_initiative,
    )
