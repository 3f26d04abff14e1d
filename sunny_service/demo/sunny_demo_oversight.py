"""The demo's oversight: follow-up weeks later (落实回访), personal data kept only as
long as needed, and the register of who read a confidential submitter's identity.

- **Settle checks**, played inside the two months of ``sunny_demo.py`` on their days:
  each case below is asked 15 working days after it was closed, as the daily job asks
  (``sunny.case._settle_ask()``); the canteen complaint's student answers 是 on
  ``/my/sunny``, the scholarship suggestion's student answers 否 with a reason (the case
  goes back to the student affairs office), the center phones the hot-water complaint's
  student, who never answered online, and records 是; three are still waiting for their
  answer (the anonymous course-selection complaint among them: its submitter can only
  answer on ``/sunny/query``).
- **Identity reads**: discipline inspection and the center manager open the submitter
  of the two confidential reports on the days they work on them (``sunny.identity.access``).
- **Retention**: two cases of years ago (``demo/sunny_retention_demo.xml``), played
  today through the workflow, then dated back: a complaint closed four years ago,
  anonymised by the monthly job once its three years were over, and a report closed
  five and a half years ago (reports are kept five years in the demo) that discipline
  inspection holds (``discipline_hold``), so that the job keeps its submitter.
"""

import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .sunny_demo import _set_create_date

# working days ago -> [(case xml id, who, what, *arguments)]; what: "ask" (the daily job),
# "answer" (the submitter online: yes/no, reason), "phone" (the center: yes/no, reason),
# or any verb of SunnyDemo._demo_step()
SETTLE_STEPS = {
    17: [("case_canteen_price_demo", None, "ask")],
    16: [
        ("case_course_crash_demo", None, "ask"),
        ("case_canteen_price_demo", "submitter", "answer", "yes", ""),
    ],
    12: [("case_scholarship_publicity_demo", None, "ask")],
    11: [
        (
            "case_scholarship_publicity_demo",
            "submitter",
            "answer",
            "no",
            "学院网站重新公示了5个工作日，但班级群和学院公告栏都没有同步公示，综合测评的具体得分也没有公布，"
            "和答复里说的修订细则不一致。",
        )
    ],
    9: [
        (
            "case_scholarship_publicity_demo",
            "handler_xgc",
            "note_progress",
            "已通知各学院在学院公告栏和班级群补充公示国家励志奖学金评定结果及综合测评得分，"
            "公示期重新计算5个工作日；计算机与通信学院、外国语学院已补充公示，其余学院本周内完成。",
        )
    ],
    7: [("case_library_hours_demo", None, "ask")],
    5: [("case_tuition_invoice_demo", None, "ask")],
    4: [("case_hot_water_demo", None, "ask")],
    1: [
        (
            "case_hot_water_demo",
            "center_staff",
            "phone",
            "yes",
            "电话回访李同学：未在网上答复，电话中表示更换补水阀和加装增压泵后，晚上8楼以上热水一直正常，问题已经解决。",
        )
    ],
}

# working days ago -> [(login, case xml id)]: who opened the submitter of a confidential case
IDENTITY_READS = {
    26: [("discipline", "case_procurement_report_demo")],
    25: [("center_manager", "case_procurement_report_demo")],
    3: [("discipline", "case_admission_report_demo")],
}

# the cases of years ago: (xml id, weeks ago it arrived, its steps); a step is
# (working days after the arrival, who, what, *arguments) as in STORIES
OLD_CASES = [
    (
        "case_old_noise_demo",
        209,  # four years ago: past the three years of a complaint
        [
            (0, "center_staff", "register"),
            (0, "center_staff", "assign", "hq"),
            (1, "officer_hq", "accept", "handler_hq2"),
            (
                3,
                "handler_hq2",
                "submit_reply",
                "郭同学：您好！经核实，北区学生宿舍旁的食堂改造工程施工单位存在夜间施工现象。我处已约谈施工单位，"
                "要求晚上10点至次日早上7点停止一切产生噪音的作业，并在工地出入口公示施工时间和监督电话。"
                "给同学们带来的不便，我们深表歉意。后勤保障处",
            ),
            (4, "center_staff", "approve_reply"),
            (6, "center_staff", "follow_up", "satisfied", "邮件回访郭同学：夜间已无施工噪音，满意。", "email"),
        ],
    ),
    (
        "case_old_research_fund_report_demo",
        287,  # five and a half years ago: past the five years of a report, held by discipline inspection
        [
            (0, "discipline", "register"),
            (0, "discipline", "assign", "jwb", "officer_jwb"),
            (1, "officer_jwb", "accept"),
            (
                6,
                "officer_jwb",
                "submit_reply",
                "您好！您反映的问题已由纪委办公室（监察处）会同财务处核查。经调取相关报销凭证并向开票单位核实，"
                "发现部分会议费、资料费发票与实际业务不符，相关问题线索已按规定移送处理。感谢您对学校工作的监督。"
                "纪委办公室（监察处）",
            ),
            (7, "discipline", "approve_reply"),
            (
                10,
                "discipline",
                "follow_up",
                "satisfied",
                "约谈举报人当面反馈核查结果，表示满意。已提醒其注意保密。",
                "visit",
            ),
        ],
    ),
]
# when discipline inspection put the report under review: weeks ago
HOLD_WEEKS_AGO = 52
HOLD_NOTE = "该件涉及的问题线索已移送审查调查，举报人身份信息须随案保存，暂不作匿名化处理。"
# the case numbers of the two cases of years ago, in the year they arrived
OLD_NUMBERS = {"case_old_noise_demo": 412, "case_old_research_fund_report_demo": 187}


class SunnyDemo(models.AbstractModel):
    _inherit = "sunny.demo"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ within the two months

    @api.model
    def _demo_date_day(self, received, days_ago, fresh):
        """The settle checks and identity reads of the day, before the day is dated."""
        for xmlid, who, what, *args in SETTLE_STEPS.get(days_ago, []):
            self._demo_settle_step(self._demo_cases([xmlid]), who, what, *args)
            self._demo_write_tracking()
        for login, xmlid in IDENTITY_READS.get(days_ago, []):
            user = self._demo_user(login)
            self.env["sunny.identity.access"].with_user(user)._log_reads(self._demo_cases([xmlid]).with_user(user))
        result = super()._demo_date_day(received, days_ago, fresh)
        self._demo_date_oversight(self._demo_workday(days_ago), fresh)
        return result

    @api.model
    def _demo_settle_step(self, case, who, what, *args):
        if what == "ask":
            case.sudo()._settle_ask()
        elif what == "answer":
            answer, reason = args
            case = case._as_submitter()
            case._settle_answer(answer, reason, case._settle_token())
            case._flush_as_submitter()
        elif what == "phone":
            user = self._demo_user(who)
            answer, reason = args
            case.with_user(user).with_context(lang=user.lang or self.env.lang).action_settle_phone(answer, reason)
        else:
            self._demo_step(case, who, what, *args)

    @api.model
    def _demo_date_oversight(self, day, fresh):
        """Date the settle checks asked or answered and the identity reads made since
        ``fresh`` to ``day``: asked by the job at 9:00, answered and read in the morning."""
        Calendar = self.env["sunny.calendar"]

        def at(hour, minute=0):
            return Calendar.to_utc(datetime.datetime.combine(day, datetime.time(hour, minute)))

        checks = self.env["sunny.case.settle"].sudo().search([])
        asked = checks.filtered(lambda check: check.date >= fresh)
        asked.write({"date": at(9)})
        _set_create_date(asked, at(9))
        checks.filtered(lambda check: check.answer_date and check.answer_date >= fresh).write(
            {"answer_date": at(10, 40)}
        )
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE sunny_identity_access SET date = %s WHERE date >= %s", at(9, 20), fresh))
        self.env["sunny.identity.access"].invalidate_model(["date"])

    # ------------------------------------------------------------------ years ago

    @api.model
    def _load_demo_retention(self):
        """The cases of years ago, in the university's language (see the module's docstring)."""
        self.with_context(lang=self.env["sunny.calendar"].lang())._demo_retention()

    @api.model
    def _demo_retention(self):
        self._demo_write_tracking()
        cases = self._demo_cases([xmlid for xmlid, _weeks, _steps in OLD_CASES])
        self._demo_name_creations(cases)
        # what the install did is dated now: each step moves what it did back to its day
        fresh = fields.Datetime.now() - datetime.timedelta(minutes=1)
        for xmlid, weeks, steps in OLD_CASES:
            case = self._demo_cases([xmlid])
            for rank, (workdays, who, what, *args) in enumerate(steps):
                self._demo_step(case, who, what, *args)
                self._demo_write_tracking()
                self._demo_close_todos()
                moment = self._demo_old_moment(weeks, workdays, 20 * rank)
                self._demo_move_back(case, fresh, fields.Datetime.now() - moment, OLD_NUMBERS[xmlid])
        noise, report = cases
        # the monthly job, on the first day of the month after its three years
        noise.sudo()._sunny_anonymise()
        years = self.env["sunny.retention.rule"]._years_by_type()[noise.case_type]
        month = (noise.closed_date + relativedelta(years=years, months=1)).replace(day=1, hour=1, minute=0, second=0)
        noise.sudo().with_context(tracking_disable=True).write({"anonymised_date": month})
        # discipline inspection keeps the report's submitter (and reads it on that day)
        discipline = self._demo_user("discipline")
        report = report.with_user(discipline).with_context(lang=discipline.lang or self.env.lang)
        report.action_discipline_hold()
        report.message_post(body=HOLD_NOTE, subtype_xmlid="mail.mt_note")
        self.env["sunny.identity.access"].with_user(discipline)._log_reads(report)
        self._demo_write_tracking()
        moment = self._demo_old_moment(HOLD_WEEKS_AGO, 0, 0)
        self._demo_move_back(report, fresh, fields.Datetime.now() - moment)
        self.env.cr.execute(
            SQL(
                "UPDATE sunny_identity_access SET date = %s WHERE case_id = %s AND date >= %s", moment, report.id, fresh
            )
        )
        self.env["sunny.identity.access"].invalidate_model(["date"])

    @api.model
    def _demo_old_moment(self, weeks, workdays, minutes):
        """The UTC moment ``minutes`` after 9:00, local time, ``workdays`` working days
        (Monday to Friday: the holidays of years ago may not be loaded) after the first
        weekday from ``weeks`` weeks ago."""
        Calendar = self.env["sunny.calendar"]
        day = Calendar.today() - datetime.timedelta(weeks=weeks)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        for _count in range(workdays):
            day += datetime.timedelta(days=1)
            while day.weekday() >= 5:
                day += datetime.timedelta(days=1)
        return Calendar.to_utc(
            datetime.datetime.combine(day, datetime.time(9, 0)) + datetime.timedelta(minutes=minutes)
        )

    @api.model
    def _demo_move_back(self, case, fresh, delta, number=None):
        """Move what was done to ``case`` since ``fresh`` ``delta`` back in time: its
        dates and deadlines, its messages (and the deadlines they traced) and its records;
        with ``number``, the case number becomes the one it had in the year it arrived."""
        case = case.sudo().with_context(mail_notrack=True, tracking_disable=True)
        skip = {"create_date", "write_date", "anonymised_date"}
        vals = {
            name: case[name] - delta
            for name, field in case._fields.items()
            if field.type == "datetime" and field.store and name not in skip and case[name] and case[name] >= fresh
        }
        if number:
            received = vals.get("received_date", case.received_date)
            vals["name"] = f"YG{received.year}-{number:06d}"
        case.write(vals)
        if "received_date" in vals:
            _set_create_date(case, vals["received_date"])
        # all of them: the notices of to-dos (user notifications) are not in message_ids
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", case._name), ("res_id", "=", case.id), ("date", ">=", fresh)])
        )
        for message in messages:
            message.write({"date": message.date - delta})
            for tracking in message.tracking_value_ids:
                moved = {
                    key: tracking[key] - delta
                    for key in ("old_value_datetime", "new_value_datetime")
                    if tracking[key] and tracking[key] >= fresh
                }
                if moved:
                    tracking.write(moved)
        for records in (case.followup_ids, case.return_ids, case.supervision_ids, case.extension_ids):
            new = records.filtered(lambda record: record.create_date >= fresh)
            if "date" in new._fields:
                for record in new:
                    record.write({"date": record.date - delta})
            for record in new:
                _set_create_date(record, record.create_date - delta)
