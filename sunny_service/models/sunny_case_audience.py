"""Who may read a case, who may know its submitter, and who hears about it.

The record rules (security/sunny_rules.xml) decide who may read a case; this file
says the same in Python, once, so that every channel that tells people about a case
(followers, notifications, to-dos, case lists mailed by the jobs) is derived from it
instead of deciding on its own. ``TestAudience`` checks that the two agree for every
role. ``_sunny_sync_audience()`` re-applies it after every change of unit, handler,
type, confidentiality, return, reassignment and merge, and after a station changes
its people.
"""

from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    @api.model
    def _sunny_role_users(self):
        """The active internal users of each role that reads cases by role.
        One database may later serve several schools: this is where the company
        of the case would narrow them."""

        def members(xmlid):
            return self.env.ref(xmlid).sudo().users.filtered(lambda u: u.active and not u.share)

        return {
            "manager": members("sunny_service.group_center_manager"),
            "staff": members("sunny_service.group_center_staff"),
            "discipline": members("sunny_service.group_discipline"),
            "leadership": members("sunny_service.group_leadership"),
            "officer": members("sunny_service.group_station_officer"),
            "handler": members("sunny_service.group_handler"),
        }

    def _sunny_audience_map(self, roles=None):
        """{case id: res.users who may read it now} for a batch of cases, with
        the same logic as the record rules (an officer reads the cases of their
        units, a confidential one only when it is entrusted to them)."""
        roles = roles or self._sunny_role_users()
        result = {}
        for case in self.sudo():
            users = roles["manager"]
            if case.is_confidential:
                users |= roles["discipline"] | (case.entrusted_user_ids & roles["officer"])
            else:
                users |= roles["staff"] | roles["leadership"] | (case.unit_id.officer_ids & roles["officer"])
            users |= case.handler_id & roles["handler"]
            users |= case._sunny_owner_users()
            result[case.id] = users
        return result

    def _sunny_audience(self):
        """The res.users who may read this case now."""
        self.ensure_one()
        return self._sunny_audience_map()[self.id]

    def _sunny_owner_users(self):
        """The account that filed the case while logged in (its only proven owner)."""
        self.ensure_one()
        return self.sudo().partner_id.user_ids.filtered("active")

    def _sunny_identity_readers(self, roles=None):
        """Who may know the submitter: the center manager and discipline inspection
        for a confidential case; center staff too for an ordinary one."""
        self.ensure_one()
        roles = roles or self._sunny_role_users()
        if self.is_confidential:
            return roles["manager"] | roles["discipline"]
        return roles["manager"] | roles["staff"]

    def _sunny_may_know_submitter(self):
        """Whether the current user may know who submitted each case of ``self``."""
        if self.env.su:
            return True
        user = self.env.user
        if user.has_group("sunny_service.group_center_manager") or user.has_group("sunny_service.group_discipline"):
            return True
        return user.has_group("sunny_service.group_center_staff") and not any(self.mapped("is_confidential"))

    def _sunny_working_users(self):
        """The people who work on the case and follow it: the officers it was
        given to (the entrusted ones when confidential) and its handler."""
        self.ensure_one()
        case = self.sudo()
        given_to = case.entrusted_user_ids if case.is_confidential else case.unit_id.officer_ids
        return (given_to | case.handler_id).filtered(lambda u: u.active and not u.share)

    def _sunny_notifiable_map(self):
        """{case id: partners a message on it may reach}: its internal readers, and
        the submitter's own account on an ordinary named case (their reply). The
        submitter of a confidential or anonymous case is never a partner of the
        thread: what reaches them goes by a mail that is not linked to it.

        A job that tells people about a batch of cases without changing who may
        read them computes the map once (``_sunny_with_notifiable_memo``): the
        to-dos' followers and each list read it instead of computing it again."""
        memo = self.env.context.get("sunny_notifiable_memo")
        if memo is not None and all(case_id in memo for case_id in self.ids):
            return {case_id: memo[case_id] for case_id in self.ids}
        result = {}
        for case_id, users in self._sunny_audience_map().items():
            case = self.sudo().browse(case_id)
            partners = users.filtered(lambda u: not u.share).partner_id
            if not case.is_confidential and not case.is_anonymous:
                partners |= case.partner_id
            result[case_id] = partners
        return result

    def _sunny_with_notifiable_memo(self):
        """``self`` in an environment that remembers ``_sunny_notifiable_map()`` of
        these cases, for work that does not change who may read them."""
        return self.with_context(sunny_notifiable_memo=self._sunny_notifiable_map())

    def _sunny_sync_audience(self):
        """Re-apply the audience: drop the followers and the to-dos of people who may
        no longer read the case, and make its working people followers."""
        cases = self.sudo().exists()
        if not cases:
            return
        audiences = cases._sunny_audience_map()
        followers = (
            self.env["mail.followers"].sudo().search([("res_model", "=", self._name), ("res_id", "in", cases.ids)])
        )
        followers.filtered(
            lambda f: f.partner_id not in audiences[f.res_id].filtered(lambda u: not u.share).partner_id
        ).unlink()
        activities = (
            self.env["mail.activity"].sudo().search([("res_model", "=", self._name), ("res_id", "in", cases.ids)])
        )
        activities.filtered(lambda a: a.user_id not in audiences[a.res_id]).unlink()
        followed = {(f.res_id, f.partner_id.id) for f in followers.exists()}
        # one subscription per set of missing people (an officer who joins a unit
        # follows its open cases at once), not one per case
        missing_by_partners = defaultdict(list)
        for case in cases:
            missing = case._sunny_working_users().partner_id.filtered(
                lambda p, case_id=case.id: (case_id, p.id) not in followed
            )
            if missing:
                missing_by_partners[tuple(sorted(missing.ids))].append(case.id)
        for partner_ids, case_ids in missing_by_partners.items():
            cases.browse(case_ids)._message_subscribe(partner_ids=list(partner_ids))

    def _sunny_filter_partners(self, partners):
        """``partners`` less those who may not hear about every case of ``self``."""
        for allowed in self._sunny_notifiable_map().values():
            partners &= allowed
        return partners

    # ------------------------------------------------------------------ mail hooks

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # followers are derived from the audience: nobody who may not read the case
        # follows it, whoever adds them
        if partner_ids and self:
            wanted = self.env["res.partner"].browse(partner_ids)
            allowed = self._sunny_filter_partners(wanted)
            refused = wanted - allowed
            if refused and not self.env.su:
                raise UserError(
                    self.env._("%s may not read this case and cannot follow it.", ", ".join(refused.mapped("name")))
                )
            partner_ids = allowed.ids
        return super()._message_subscribe(partner_ids, subtype_ids, customer_ids)

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        # a partner who may not read the case is never notified of it
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not self or not recipients:
            return recipients
        allowed = set(self._sunny_filter_partners(self.env["res.partner"].browse([r["id"] for r in recipients])).ids)
        return [r for r in recipients if r["id"] in allowed]
