"""A month of cases for the report tests, built through the real workflow API of
``sunny_service`` at fixed moments (freezegun) of 2026, Asia/Shanghai.

Times below are UTC; 02:00 UTC is 10:00 in Shanghai. An assignment on Monday
2026-03-02 has its reply deadline at the end of Thursday 03-05 (15:59:59 UTC) and
its resolution deadline at the end of Wednesday 03-11; on Tuesday 03-03: Friday
03-06 and Thursday 03-12. March 2026 has no holiday.

Unit A (College of Science):
  c1  consultation, phone, Teaching   replied 03-04 (on time), approved 03-05, very satisfied
  c2  complaint, web, Teaching        replied 03-09 (late), approved 03-10 (on time), basic
  c3  complaint, web, Logistics       extension +3 wd approved 03-03 (resolution 03-16), replied 03-05,
                                      approved 03-13, dissatisfied 03-16 (reopened), replied again,
                                      approved 03-19 (late), satisfied
  c4  suggestion, letter, Teaching    accepted, never answered (overdue)
  c5  consultation, email, Logistics  assigned to B, returned by B 03-03, assigned to A 03-03,
                                      replied 03-04, approved 03-05, satisfied
  c9  consultation, phone, Teaching   February: assigned 02-02, replied 02-03, approved 02-04, satisfied
Unit B (Logistics Department):
  c6  complaint, visit, Logistics     replied 03-03, approved 03-04, very dissatisfied (reopened),
                                      replied again, approved 03-09 (on time), satisfied
  c7  report (confidential), phone    supervised; replied 03-06 (late), approved 03-09 (on time)
  c10 complaint, web, Logistics       supervised; extension refused 03-04, replied 03-05, approved
                                      03-11 (on time)
No unit:
  c8  consultation, phone             rejected 03-02
  c11 consultation, web               answered by the center 03-02, basically satisfied 03-03 (closed)
Unit C (Finance Office) has no case.
"""

import datetime

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.sunny_service.tests.common import SunnyCaseCommon

COMPUTE_AT = "2026-04-01 02:00:00"  # when March is computed
MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


class SunnyReportsCommon(SunnyCaseCommon):
    """The units and users of ``SunnyCaseCommon``, unit C with its officer, two
    categories and the cases above."""

    # the month above is dated step by step (see _do), not at the base class's moment
    freeze_time = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        # the leadership group only holds the leader of these tests
        env.ref("sunny_service.group_leadership").users = [(6, 0, cls.leadership.ids)]

        cls.officer_c = new_test_user(
            env,
            login="sunny_officer_c",
            name="Officer C",
            tz="Asia/Shanghai",
            groups="sunny_service.group_station_officer",
        )
        cls.unit_c = env["sunny.unit"].create({"name": "Finance Office", "code": "TFIN"})
        env["sunny.station"].create(
            {"name": "Finance Station", "unit_id": cls.unit_c.id, "officer_ids": [(6, 0, cls.officer_c.ids)]}
        )
        # units A, B, C in this order in the bulletins and assessments
        for sequence, unit in enumerate(cls.unit_a | cls.unit_b | cls.unit_c, start=1):
            unit.sequence = sequence
        Category = env["sunny.case.category"]
        cls.teaching = Category.create({"name": "Teaching", "sequence": 1})
        cls.logistics = Category.create({"name": "Logistics", "sequence": 2})

        cls._build_cases()

    # ------------------------------------------------------------------ helpers

    @classmethod
    def _create(cls, key, when, title, case_type="consultation", channel="phone", category=None, **vals):
        values = {
            "title": title,
            "content": f"{title}. Please look into it.",
            "case_type": case_type,
            "channel": channel,
            "category_id": category.id if category else False,
            "submitter_name": "Zhang San",
            "submitter_phone": "13800138000",
            "submitter_role": "student",
        }
        values.update(vals)
        with freeze_time(when):
            case = cls.env["sunny.case"].create(values)
        setattr(cls, key, case)
        return case

    @classmethod
    def _do(cls, when, records, user, method, *args):
        """Call ``method`` on ``records`` as ``user`` at ``when`` (UTC)."""
        cls.env.invalidate_all()
        with freeze_time(when):
            result = getattr(records.with_user(user), method)(*args)
        cls.env.flush_all()
        cls.env.invalidate_all()
        return result

    @classmethod
    def _assign(cls, when, case, unit, officer):
        center = cls._center_for(case)
        cls._do(when, case, center, "action_register") if case.state == "new" else None
        entrusted = officer if case.is_confidential else None
        cls._do(when, case, center, "action_assign", unit.with_user(center), entrusted)

    @classmethod
    def _reply(cls, when, case, officer, approve_at):
        cls._do(when, case, officer, "action_submit_reply", "We have looked into it and settled it.")
        cls._do(approve_at, case, cls._center_for(case), "action_approve_reply")

    @classmethod
    def _follow_up(cls, when, case, satisfaction):
        cls._do(when, case, cls._center_for(case), "action_follow_up", satisfaction, "Called back.")

    @classmethod
    def _build_cases(cls):
        a, b, oa, ob = cls.unit_a, cls.unit_b, cls.officer_a, cls.officer_b
        # February
        c9 = cls._create("c9", "2026-02-02 01:00:00", "教务系统登录失败", category=cls.teaching)
        cls._assign("2026-02-02 02:00:00", c9, a, oa)
        cls._do("2026-02-02 03:00:00", c9, oa, "action_accept")
        cls._reply("2026-02-03 02:00:00", c9, oa, "2026-02-04 02:00:00")
        cls._follow_up("2026-02-05 02:00:00", c9, "satisfied")

        # March, unit A
        c1 = cls._create("c1", "2026-03-02 01:00:00", "图书馆开放时间太短", category=cls.teaching)
        c2 = cls._create("c2", "2026-03-02 01:00:00", "图书馆座位不够", "complaint", "web", cls.teaching)
        c3 = cls._create("c3", "2026-03-02 01:00:00", "食堂饭菜价格太贵", "complaint", "web", cls.logistics)
        c4 = cls._create("c4", "2026-03-02 01:00:00", "图书馆应当延长开放时间", "suggestion", "letter", cls.teaching)
        c5 = cls._create("c5", "2026-03-02 01:00:00", "食堂价格咨询", "consultation", "email", cls.logistics)
        # unit B, no unit
        c6 = cls._create("c6", "2026-03-02 01:00:00", "宿舍热水供应不足", "complaint", "visit", cls.logistics)
        c7 = cls._create(
            "c7",
            "2026-03-02 01:00:00",
            "食堂承包人行贿",
            "report",
            "phone",
            submitter_name="Li Si",
            submitter_phone="13900139000",
        )
        c8 = cls._create("c8", "2026-03-02 01:00:00", "其他问题")
        c10 = cls._create("c10", "2026-03-02 01:00:00", "宿舍热水器坏了", "complaint", "web", cls.logistics)
        c11 = cls._create("c11", "2026-03-02 01:00:00", "奖学金评定时间", "consultation", "web")

        for case in (c1, c2, c3, c4):
            cls._assign("2026-03-02 02:00:00", case, a, oa)
            cls._do("2026-03-02 03:00:00", case, oa, "action_accept")
        for case in (c5, c6, c7, c10):
            cls._assign("2026-03-02 02:00:00", case, b, ob)
        for case in (c6, c7, c10):
            cls._do("2026-03-02 03:00:00", case, ob, "action_accept")
        cls._do("2026-03-02 04:00:00", c7, cls.center_manager, "action_supervise", "Bribery report.")
        cls._do("2026-03-02 04:00:00", c10, cls.center_staff, "action_supervise", "No hot water in winter.")
        cls._do("2026-03-02 02:30:00", c8, cls.center_staff, "action_register")
        cls._do("2026-03-02 03:00:00", c8, cls.center_staff, "action_reject", "Not a matter for the service.")
        cls._do("2026-03-02 02:30:00", c11, cls.center_staff, "action_register")
        cls._do(
            "2026-03-02 04:00:00", c11, cls.center_staff, "action_submit_reply", "The scholarship is decided in May."
        )
        # four eyes: the center's own reply is approved by another of its people
        cls._do("2026-03-02 05:00:00", c11, cls.center_manager, "action_approve_reply")
        cls._follow_up("2026-03-03 02:00:00", c11, "basic")

        # c1: on time
        cls._reply("2026-03-04 02:00:00", c1, oa, "2026-03-05 02:00:00")
        cls._follow_up("2026-03-06 02:00:00", c1, "very_satisfied")
        # c2: reply late, resolved on time
        cls._reply("2026-03-09 02:00:00", c2, oa, "2026-03-10 02:00:00")
        cls._follow_up("2026-03-12 02:00:00", c2, "basic")
        # c3: approved extension, reopened, resolved late
        extension = cls._do("2026-03-03 02:00:00", c3, oa, "action_request_extension", 3, "Supplier contract.")
        cls._do("2026-03-03 03:00:00", extension, cls.center_manager, "action_approve", "Granted.")
        cls._reply("2026-03-05 02:00:00", c3, oa, "2026-03-13 02:00:00")
        cls._follow_up("2026-03-16 02:00:00", c3, "dissatisfied")
        cls._reply("2026-03-18 02:00:00", c3, oa, "2026-03-19 02:00:00")
        cls._follow_up("2026-03-20 02:00:00", c3, "satisfied")
        # c5: returned by B, given to A
        cls._do("2026-03-03 01:00:00", c5, ob, "action_return", "Consultations on prices belong to the college.")
        cls._assign("2026-03-03 02:00:00", c5, a, oa)
        cls._do("2026-03-03 03:00:00", c5, oa, "action_accept")
        cls._reply("2026-03-04 02:00:00", c5, oa, "2026-03-05 03:00:00")
        cls._follow_up("2026-03-06 03:00:00", c5, "satisfied")
        # c6: reopened, then settled on time
        cls._reply("2026-03-03 02:00:00", c6, ob, "2026-03-04 02:00:00")
        cls._follow_up("2026-03-05 02:00:00", c6, "very_dissatisfied")
        cls._reply("2026-03-06 02:00:00", c6, ob, "2026-03-09 02:00:00")
        cls._follow_up("2026-03-10 02:00:00", c6, "satisfied")
        # c7: confidential, reply late
        cls._reply("2026-03-06 02:00:00", c7, ob, "2026-03-09 02:00:00")
        # c10: extension refused, on time
        extension = cls._do("2026-03-03 02:00:00", c10, ob, "action_request_extension", 2, "Parts on order.")
        cls._do("2026-03-04 02:00:00", extension, cls.center_manager, "action_refuse", "Repair it this week.")
        cls._reply("2026-03-05 02:00:00", c10, ob, "2026-03-11 02:00:00")

    @classmethod
    def _bulletin(cls, date_from=MARCH[0], date_to=MARCH[1], user=None, compute_at=COMPUTE_AT):
        Bulletin = cls.env["sunny.bulletin"].with_user(user or cls.center_staff)
        with freeze_time(compute_at):
            bulletin = Bulletin.create({"date_from": date_from, "date_to": date_to})
            bulletin.action_compute()
        cls.env.invalidate_all()
        return bulletin.with_env(cls.env)

    def _line(self, record, unit):
        line = record.line_ids.filtered(lambda line: line.unit_id == unit)
        self.assertEqual(len(line), 1, f"one line for {unit.name}")
        return line
