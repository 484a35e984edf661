"""学校填报: a school edits its facility and class data; the county approves or rejects it.

The form carries the import id and the ``version`` of the official 校舍设施 row it was loaded
with. Submitting checks both (a stale form gets a conflict message and keeps everything the
user typed); approving checks them again and replaces the official rows in one transaction.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select, tuple_
from sqlalchemy.exc import DBAPIError

from junheng.errors import StoreError
from junheng.store import accounts
from junheng.store.accounts import (
    Role,
    Submission,
    SubmissionStatus,
    current_import_id,
    record_audit,
    school_records,
)
from junheng.store.engine import write_session
from junheng.store.models import School
from junheng.store.repository import lock_county_year
from junheng.web import forms
from junheng.web.deps import (
    Admin,
    Counties,
    SchoolInScope,
    Selected,
    Viewer,
    Writer,
    web_state,
)
from junheng.web.routers._common import client_of, render
from junheng.web.summaries import GRADE_LABELS, SCHOOL_TYPE_LABELS

router = APIRouter(tags=["submissions"])


def _form_page(request: Request, *, principal, selected, school, form: forms.SchoolForm,
               status: int = 200, conflict: str = "", official=None) -> Response:
    return render(request, "facilities.html", principal=principal, selected=selected,
                  active="facilities" if principal.role is Role.SCHOOL else "schools",
                  title=f"{school['name']} · 学校填报", school=school, form=form,
                  facility_columns=forms.facility_columns(school["school_type"]),
                  other_columns=[c for c in forms.facility_columns()
                                 if c not in forms.facility_columns(school["school_type"])],
                  grades=forms.grade_choices(school["school_type"], [c.get("grade") for c in form.classes]),
                  empty_rows=forms.EMPTY_CLASS_ROWS, conflict=conflict, official=official,
                  type_label=SCHOOL_TYPE_LABELS.get(school["school_type"], ""),
                  status_code=status)


@router.get("/schools/{school_id}/facilities")
def facilities_form(request: Request, school_id: str, school: SchoolInScope,
                    principal: Viewer, selected: Selected) -> Response:
    with web_state(request).sessions() as session:
        facility, version, classes = school_records(
            session, county_code=selected.county_code, school_year=selected.school_year,
            school_id=school_id)
    form = forms.form_from_records(facility, classes, version=version,
                                   import_id=selected.info.import_id)
    return _form_page(request, principal=principal, selected=selected, school=school, form=form)


@router.post("/schools/{school_id}/facilities")
async def submit_facilities(request: Request, school_id: str, school: SchoolInScope,
                            principal: Writer, selected: Selected,
                            counties: Counties) -> Response:
    raw = await request.form()
    try:
        version, import_id = int(raw.get("version", "")), int(raw.get("import_id", ""))
    except ValueError:
        raise HTTPException(400, "表单缺少数据版本信息：请重新打开填报页。") from None
    form = forms.parse_form(raw, version=version, import_id=import_id)
    return await _run_sync(_submit, request=request, school=school, principal=principal,
                           selected=selected, counties=counties, form=form)


async def _run_sync(fn, **kwargs):
    """Validation and database work run in the threadpool, not on the event loop."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, **kwargs)


def _submit(*, request: Request, school: dict, principal, selected, counties,
            form: forms.SchoolForm) -> Response:
    code, year, school_id = selected.county_code, selected.school_year, school["school_id"]
    form.problems = forms.all_problems(counties.load(code, year), school_id, form)
    if form.problems:
        return _form_page(request, principal=principal, selected=selected, school=school,
                          form=form, status=422)
    with write_session(web_state(request).sessions) as session:
        lock_county_year(session, county_code=code, school_year=year)
        facility, version, classes = school_records(session, county_code=code, school_year=year,
                                                    school_id=school_id)
        import_id = current_import_id(session, county_code=code, school_year=year)
        if version != form.version or import_id != form.import_id:
            return _form_page(
                request, principal=principal, selected=selected, school=school, form=form,
                status=409, official={"facility": facility, "classes": classes},
                conflict=(f"提交失败：本校数据在您打开填报页之后已被修改（当前版本 {version}，"
                          f"您打开时的版本 {form.version}）。您填写的内容仍保留在下方；请对照最新的"
                          "正式数据核对后，重新打开填报页再提交。"))
        submission = accounts.create_submission(
            session, county_code=code, school_year=year, school_id=school_id,
            payload=form.payload, base_import_id=import_id, base_version=version,
            submitted_by=principal.username)
        record_audit(session, username=principal.username, action="submit",
                     entity="submission", entity_key=f"{submission.id}:{school_id}",
                     county_code=code, school_year=year,
                     before={"facility": facility, "classes": classes, "version": version},
                     after=form.payload, client=client_of(request))
        session.commit()
    return RedirectResponse(f"/submissions/{submission.id}?submitted=1", status_code=303)


# --- review ---------------------------------------------------------------------------------


def submission_in_scope(submission_id: int, request: Request, principal: Viewer) -> Submission:
    """The submission if the user may see it: 403 outside scope, 404 unknown."""
    with web_state(request).sessions() as session:
        submission = accounts.get_submission(session, submission_id=submission_id)
    if submission is None:
        raise HTTPException(404, f"没有第 {submission_id} 号填报。")
    if not principal.reaches(submission.county_code):
        raise HTTPException(403, "您没有查看该县区填报的权限。")
    if principal.role is Role.SCHOOL and submission.school_id != principal.school_id:
        raise HTTPException(403, "您只能查看本校的填报。")
    return submission


SubmissionInScope = Annotated[Submission, Depends(submission_in_scope)]


@router.get("/submissions")
def submissions(request: Request, principal: Viewer, selected: Selected,
                status: str = "pending") -> Response:
    wanted = SubmissionStatus(status) if status in SubmissionStatus._value2member_map_ else None
    with web_state(request).sessions() as session:
        rows = accounts.list_submissions(
            session, county_codes=set(principal.counties),
            school_id=principal.school_id if principal.role is Role.SCHOOL else None,
            status=wanted)
        names = school_names(session, rows)
    return render(request, "submissions.html", principal=principal, selected=selected,
                  active="submissions", title="填报审核", rows=rows, status=status,
                  labels=accounts.SUBMISSION_STATUS_LABELS, names=names)


def school_names(session, submissions) -> dict[int, str]:
    """Each submission's school as 「洛北县实验中学（4103310011）」 by submission id, the code
    alone for a school the county-year no longer has (review rvweb2 finding 6: the reviewer
    saw only 「学校标识码 4103310011」)."""
    keys = {(s.county_code, s.school_year, s.school_id) for s in submissions}
    if not keys:
        return {}
    found = {(c, y, i): n for c, y, i, n in session.execute(
        select(School.county_code, School.school_year, School.school_id, School.name).where(
            tuple_(School.county_code, School.school_year, School.school_id).in_(keys)))}
    return {s.id: (f"{found[key]}（{s.school_id}）" if (key := (
        s.county_code, s.school_year, s.school_id)) in found else s.school_id)
            for s in submissions}


@router.get("/submissions/{submission_id}")
def submission_page(request: Request, submission: SubmissionInScope, principal: Viewer,
                    selected: Selected, submitted: int = 0) -> Response:
    with web_state(request).sessions() as session:
        facility, version, classes = school_records(
            session, county_code=submission.county_code, school_year=submission.school_year,
            school_id=submission.school_id)
        school = school_names(session, [submission])[submission.id]
        school_type = session.scalar(select(School.school_type).where(
            School.county_code == submission.county_code,
            School.school_year == submission.school_year,
            School.school_id == submission.school_id))
    # an approved record compares with the rows it replaced, not with itself (rvweb 6)
    replaced = submission.payload.get("replaced") if submission.status == "approved" else None
    shown = replaced or {"facility": facility, "classes": classes}
    return render(request, "submission.html", principal=principal, selected=selected,
                  active="submissions", title=f"第 {submission.id} 号填报", s=submission,
                  official={"facility": facility, "classes": classes, "version": version},
                  before=shown, replaced=replaced is not None,
                  changes=forms.facility_changes(shown["facility"], submission.payload["facility"],
                                                 school_type),
                  facility_columns=forms.facility_columns(school_type), grade_labels=GRADE_LABELS,
                  labels=accounts.SUBMISSION_STATUS_LABELS, submitted=submitted, school=school)


@router.post("/submissions/{submission_id}/approve")
def approve(request: Request, submission: SubmissionInScope, principal: Admin,
            version: Annotated[int, Form()], note: Annotated[str, Form()] = "") -> Response:
    return _decide(request, submission.id, principal, version=version, note=note, approve=True)


@router.post("/submissions/{submission_id}/reject")
def reject(request: Request, submission: SubmissionInScope, principal: Admin,
           version: Annotated[int, Form()], note: Annotated[str, Form()] = "") -> Response:
    return _decide(request, submission.id, principal, version=version, note=note, approve=False)


def _decide(request: Request, submission_id: int, principal, *, version: int, note: str,
            approve: bool) -> Response:
    try:
        return _decide_once(request, submission_id, principal, version=version, note=note,
                            approve=approve)
    except DBAPIError:  # a deadlock or serialisation failure: nothing was written
        raise HTTPException(409, f"第 {submission_id} 号填报正被他人同时处理，本次未做修改："
                                 "请刷新页面后重试。") from None


def _decide_once(request: Request, submission_id: int, principal, *, version: int, note: str,
                 approve: bool) -> Response:
    with write_session(web_state(request).sessions) as session:
        submission = accounts.get_submission(session, submission_id=submission_id)
        try:
            if approve:
                before, after = accounts.apply_submission(
                    session, submission=submission, decided_by=principal.username,
                    expected_version=version, note=note.strip())
            else:
                accounts.decide_submission(session, submission=submission, approve=False,
                                           decided_by=principal.username, note=note.strip(),
                                           expected_version=version)
                before, after = {"status": "pending"}, {"status": "rejected",
                                                        "note": note.strip()}
        except StoreError as exc:
            session.rollback()
            raise HTTPException(409, str(exc)) from None
        record_audit(session, username=principal.username,
                     action="approve" if approve else "reject", entity="school_data",
                     entity_key=f"{submission.school_id}（第 {submission.id} 号填报）",
                     county_code=submission.county_code, school_year=submission.school_year,
                     before=before, after=after, client=client_of(request))
        session.commit()
    return RedirectResponse(f"/submissions/{submission_id}", status_code=303)
