"""Creating cases in bulk (an import of thousands of letters): what Odoo does per
record and whose answer does not change within a batch is done once per batch.
The submitters' identities of a batch are written in one insert
(``sunny_case_identity.py``), the case numbers drawn in one query
(``SunnyCase._assign_numbers``)."""

from odoo import models

# Stored computed fields whose value at creation follows from the given values
# alone (see their computes in sunny_case.py): written with the new rows instead
# of by an UPDATE of every new case right after its INSERT.
DEADLINE_SOURCES = ("reply_deadline", "resolve_deadline", "first_reply_date")


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    def _prepare_create_values(self, vals_list):
        if len(vals_list) < 2:
            return super()._prepare_create_values(vals_list)
        # Odoo asks the defaults of the missing fields of each record: the defaults of
        # a case (constants, now) are the same for every case of a batch, so they are
        # asked once per set of given fields
        return super(SunnyCase, self.with_context(sunny_defaults_memo={}))._prepare_create_values(vals_list)

    def _add_precomputed_values(self, vals_list):
        # Odoo computes the precomputed fields on a new record per case; in a batch the
        # ones that follow from the given values are set here (a case given its
        # deadlines or co-units is still computed by Odoo)
        if len(vals_list) >= 2:
            for vals in vals_list:
                if "is_confidential" not in vals and "case_type" in vals:
                    vals["is_confidential"] = self._sunny_is_confidential_type(vals["case_type"])
                if "deadline" not in vals and not any(vals.get(name) for name in DEADLINE_SOURCES):
                    # neither a reply nor a resolution deadline yet (see _compute_deadline)
                    vals["deadline"] = False
                if "is_cohandled" not in vals and not vals.get("co_unit_ids"):
                    vals["is_cohandled"] = False
        return super()._add_precomputed_values(vals_list)

    def _add_missing_default_values(self, values):
        memo = self.env.context.get("sunny_defaults_memo")
        if memo is None:
            return super()._add_missing_default_values(values)
        key = frozenset(values)
        if key not in memo:
            defaults = super()._add_missing_default_values(values)
            memo[key] = {name: value for name, value in defaults.items() if name not in values}
        return {**{name: _copy(value) for name, value in memo[key].items()}, **values}


def _copy(value):
    """A default's own copy for each record (lists of commands are not shared)."""
    return list(value) if isinstance(value, list) else value
