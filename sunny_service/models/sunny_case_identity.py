from odoo import api, fields, models
from odoo.tools import SQL, split_every

# The case's fields that read and write its identity record, and the field they map to.
IDENTITY_FIELDS = {"submitter_name": "name", "submitter_phone": "phone", "submitter_email": "email"}


class SunnyCaseIdentity(models.Model):
    """Who submitted a case. Kept apart from the case so that record rules, not the
    readers' groups alone, decide who may know it: the center manager and discipline
    inspection for a confidential case, center staff too for an ordinary one (a
    center employee who is also a unit's officer reads the cases entrusted to them,
    never their reporters)."""

    _name = "sunny.case.identity"
    _description = "Submitter Identity"
    _rec_name = "case_id"

    case_id = fields.Many2one("sunny.case", string="Case", required=True, ondelete="cascade", index=True)
    is_confidential = fields.Boolean(related="case_id.is_confidential")
    name = fields.Char()
    phone = fields.Char()
    email = fields.Char()

    _sql_constraints = [
        ("case_unique", "unique(case_id)", "A case has one submitter identity."),
    ]


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    identity_ids = fields.One2many(
        "sunny.case.identity",
        "case_id",
        string="Submitter Identity",
        groups="sunny_service.group_center_staff,sunny_service.group_discipline",
    )

    @api.depends("identity_ids.name", "identity_ids.phone", "identity_ids.email")
    @api.depends_context("uid")
    def _compute_submitter_identity(self):
        # read with the reader's rights: the identity's record rules decide
        identities = self.env["sunny.case.identity"].search([("case_id", "in", self.ids)]) if self.ids else []
        by_case = {identity.case_id.id: identity for identity in identities}
        for case in self:
            identity = by_case.get(case.id)
            for case_field, field in IDENTITY_FIELDS.items():
                case[case_field] = identity[field] if identity else False

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo inverses a non-stored field record by record (a search and an insert
        # per case): the identities of a batch are written here in one insert instead.
        # Who may write them was decided as for the inverse (see below).
        given = []
        if any(IDENTITY_FIELDS.keys() & vals.keys() for vals in vals_list):
            vals_list = [dict(vals) for vals in vals_list]
            given = [{name: vals.pop(name) for name in IDENTITY_FIELDS if name in vals} for vals in vals_list]
        cases = super().create(vals_list)
        if given:
            rows = [
                (case.id, *(identity.get(name) or None for name in IDENTITY_FIELDS))
                for case, identity in zip(cases, given, strict=True)
                if any(identity.values())
            ]
            # a plain model without overrides, written by the workflow (sudo): one insert
            # per thousand cases, not the ORM's search and insert per case
            now, uid = self.env.cr.now(), self.env.uid
            for chunk in split_every(1000, rows):
                self.env.cr.execute(
                    SQL(
                        "INSERT INTO sunny_case_identity (case_id, name, phone, email, create_uid, write_uid,"
                        " create_date, write_date) VALUES %s",
                        SQL(", ").join(
                            SQL("(%s, %s, %s, %s, %s, %s, %s, %s)", *row, uid, uid, now, now) for row in chunk
                        ),
                    )
                )
            if rows:
                cases.invalidate_recordset(["identity_ids"])
            # what was given is known, as after an inverse: reading it back is no new read
            for case, identity in zip(cases, given, strict=True):
                if identity:
                    case._update_cache({name: value or False for name, value in identity.items()})
        return cases

    def _inverse_submitter_identity(self):
        # Who may write these fields was decided already (field groups, and the case's
        # write guard: confidential cases only by the manager and discipline). Center
        # staff taking a report by phone still record the identity they were told,
        # though they cannot read it back.
        Identity = self.env["sunny.case.identity"].sudo()
        # a case just created is known to have none (create() caches its empty
        # identity_ids): only the others are looked up
        cache, field = self.env.cache, self._fields["identity_ids"]
        unknown = self.filtered(lambda case: not cache.contains(case, field) or cache.get(case, field))
        existing = {
            identity.case_id.id: identity
            for identity in (Identity.search([("case_id", "in", unknown.ids)]) if unknown else Identity)
        }
        to_create = []
        for case in self:
            vals = {field: case[case_field] or False for case_field, field in IDENTITY_FIELDS.items()}
            if case.id in existing:
                existing[case.id].write(vals)
            elif any(vals.values()):
                to_create.append(dict(vals, case_id=case.id))
        Identity.create(to_create)

    def _search_submitter_identity(self, field, operator, value):
        # the subquery on the identity applies its record rules for the searching user
        return [("identity_ids", "any", [(field, operator, value)])]
