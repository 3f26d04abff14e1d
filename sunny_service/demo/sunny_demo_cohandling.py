"""The demo's co-handled case (主办/协办): the parents' complaint about a six-bed
dormitory, led by the student affairs office, co-handled by the logistics department
(the rooms) and the finance office (the fee). Finance has given its opinion; the
logistics department's is still due. Played after the two months of
``sunny_demo.py``, today, through the real workflow."""

from odoo import api, models

COHANDLING = {
    "case": "case_dorm_allocation_demo",
    "center": "center_staff",
    "units": ["cwc", "hq"],
    "request": "请后勤保障处说明新生宿舍房源和空调安装情况，财务处说明住宿费收费标准及差额退还办法，"
    "由学生工作处汇总答复。",
    "officer": "officer_cwc",
    "opinion": "住宿费按实际入住宿舍类型收取：六人间（无空调）每生每学年800元，四人间（有空调）1200元。"
    "已按四人间标准缴费但入住六人间的学生，差额400元由财务处在本学期末前原路退还，学生无需申请。",
}


class SunnyDemo(models.AbstractModel):
    _inherit = "sunny.demo"

    @api.model
    def _demo_replay(self):
        result = super()._demo_replay()
        self._demo_cohandling()
        return result

    @api.model
    def _demo_cohandling(self):
        case = self._demo_cases([COHANDLING["case"]])
        if case.state not in ("assigned", "processing"):
            return
        center = self._demo_user(COHANDLING["center"])
        units = self.env["sunny.unit"].browse(
            [self.env.ref(f"sunny_service.unit_{unit}_demo").id for unit in COHANDLING["units"]]
        )
        case.with_user(center).with_context(lang=center.lang or self.env.lang).action_add_co_units(
            units, note=COHANDLING["request"]
        )
        self._demo_write_tracking()
        officer = self._demo_user(COHANDLING["officer"])
        opinion = case.opinion_ids.filtered(lambda o: o.unit_id == units[:1])
        opinion.with_user(officer).with_context(lang=officer.lang or self.env.lang).action_submit(COHANDLING["opinion"])
        self._demo_write_tracking()
