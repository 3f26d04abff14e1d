"""How the bulletin's headline (cases received, 受理) relates to its units' table (cases
assigned, 交办): one partition of the received cases, so that every number a leader
reads adds up.

The headline counts the cases received in the period (``received_date``); the units'
table counts the cases assigned in the period (``assigned_date``, the ``case_count`` of
``sunny.report.figures``). The received cases are split, at the time of the
computation, into exclusive parts, in this order:

``intake_assigned_count``   assigned in the period (本期交办: in the table)
``intake_rejected_count``   not assigned in the period and rejected (不予受理)
``intake_waiting_count``    not assigned in the period, still to register or to assign
                            (待登记/待交办, returned cases waiting included)
``intake_center_count``     answered by the center itself, never assigned (中心直接答复)
``intake_cancelled_count``  cancelled before any assignment in the period (撤销)
``intake_later_count``      the rest: assigned after the period (下期交办)

so ``case_count`` (received) is their sum, and the table's total ``assigned_count`` is
``intake_assigned_count + assigned_earlier_count`` (cases received before the period and
assigned in it). One query, over the cases received or assigned in the period."""

from odoo import api, fields, models
from odoo.tools import SQL

INTAKE_PARTS = (
    "intake_assigned_count",
    "intake_rejected_count",
    "intake_waiting_count",
    "intake_center_count",
    "intake_cancelled_count",
    "intake_later_count",
)


def _part(string, help_text):
    return fields.Integer(string=string, readonly=True, help=help_text)


class SunnyBulletin(models.Model):
    _inherit = "sunny.bulletin"

    intake_assigned_count = _part(
        "Received and Assigned in the Period",
        "Cases received in the period and assigned to a unit in the period: they are in the units' table.",
    )
    intake_rejected_count = _part(
        "Received and Not Accepted",
        "Cases received in the period, not assigned in it, and rejected (不予受理).",
    )
    intake_waiting_count = _part(
        "Received, To Register or Assign",
        "Cases received in the period still waiting to be registered or assigned when computed.",
    )
    intake_center_count = _part(
        "Received and Answered by the Center",
        "Cases received in the period that the center answered itself, without assigning them.",
    )
    intake_cancelled_count = _part(
        "Received and Cancelled",
        "Cases received in the period and cancelled unassigned.",
    )
    intake_later_count = _part(
        "Received, Assigned after the Period",
        "Cases received in the period and assigned after its end.",
    )
    assigned_earlier_count = _part(
        "Received Earlier, Assigned in the Period",
        "Cases received before the period and assigned in it: in the units' table, not in the received count.",
    )
    intake_summary = fields.Char(
        string="Received and Assigned",
        compute="_compute_intake_summary",
        help="How the cases received relate to the cases assigned of the units' table.",
    )

    @api.depends(*INTAKE_PARTS, "assigned_earlier_count", "case_count", "assigned_count", "computed_date")
    @api.depends_context("lang")
    def _compute_intake_summary(self):
        for bulletin in self:
            bulletin.intake_summary = bulletin._intake_summary() if bulletin.computed_date else False

    def _intake_summary(self):
        """ "Received 18: assigned in the period 14, not accepted 2, … The units' table
        counts the cases assigned in the period: 15 = 14 received in the period + 1
        received before." The parts that are 0 are left out (not the assigned one)."""
        self.ensure_one()
        _ = self.env._
        labels = [
            ("intake_assigned_count", _("assigned in the period %s")),
            ("intake_rejected_count", _("not accepted %s")),
            ("intake_waiting_count", _("to register or assign %s")),
            ("intake_center_count", _("answered by the center %s")),
            ("intake_cancelled_count", _("cancelled %s")),
            ("intake_later_count", _("assigned after the period %s")),
        ]
        parts = [label % self[field] for field, label in labels if self[field] or field == "intake_assigned_count"]
        # Chinese enumerates with 、 (a separator alone is not extracted for translation)
        separator = "、" if (self.env.lang or "").startswith("zh") else ", "
        text = _("Received %(count)s: %(parts)s.", count=self.case_count, parts=separator.join(parts))
        if self.assigned_earlier_count:
            table = _(
                "The units' table counts the cases assigned in the period: %(total)s = %(received)s received in "
                "the period + %(earlier)s received before.",
                total=self.assigned_count,
                received=self.intake_assigned_count,
                earlier=self.assigned_earlier_count,
            )
        else:
            table = _("The units' table counts the cases assigned in the period: %(total)s.", total=self.assigned_count)
        return f"{text}{'' if separator == '、' else ' '}{table}"

    def _prepare_values(self, now):
        vals = super()._prepare_values(now)
        vals.update(self._intake_values())
        return vals

    def _intake_values(self):
        """The parts of the received cases (see the module's docstring): one query."""
        self.ensure_one()
        start, end = self.env["sunny.calendar"].period_bounds(self.date_from, self.date_to)
        self.env["sunny.case"].flush_model(["received_date", "assigned_date", "state"])
        received = SQL("(c.received_date >= %s AND c.received_date < %s)", start, end)
        assigned = SQL("(c.assigned_date >= %s AND c.assigned_date < %s)", start, end)
        other = SQL("(%s AND NOT COALESCE(%s, FALSE))", received, assigned)
        self.env.cr.execute(
            SQL(
                """
            SELECT COUNT(*) FILTER (WHERE %(received)s AND %(assigned)s),
                   COUNT(*) FILTER (WHERE %(other)s AND c.state = 'rejected'),
                   COUNT(*) FILTER (WHERE %(other)s AND c.state IN ('new', 'registered')),
                   COUNT(*) FILTER (WHERE %(other)s AND c.assigned_date IS NULL AND c.state IN ('replied', 'closed')),
                   COUNT(*) FILTER (WHERE %(other)s AND c.state = 'cancelled'),
                   COUNT(*) FILTER (WHERE %(other)s AND c.state NOT IN ('rejected', 'new', 'registered', 'cancelled')
                                      AND NOT (c.assigned_date IS NULL AND c.state IN ('replied', 'closed'))),
                   COUNT(*) FILTER (WHERE %(assigned)s AND NOT COALESCE(%(received)s, FALSE))
              FROM sunny_case c
             WHERE %(received)s OR %(assigned)s
            """,
                received=received,
                assigned=assigned,
                other=other,
            )
        )
        return dict(zip(INTAKE_PARTS + ("assigned_earlier_count",), self.env.cr.fetchone(), strict=True))
