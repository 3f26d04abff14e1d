from odoo import _lt, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from ..tools.personal_data import EMAIL, NAME, PHONE, mask

CASE_TYPES = [
    ("consultation", "Consultation"),
    ("complaint", "Complaint"),
    ("suggestion", "Suggestion"),
    ("report", "Report"),
    ("praise", "Praise"),
]
CHANNELS = [
    ("web", "Website"),
    ("phone", "Phone"),
    ("letter", "Letter"),
    ("visit", "Visit"),
    ("email", "Email"),
    ("other", "Other"),
]
STATES = [
    ("new", "To Register"),
    ("registered", "Registered"),
    ("assigned", "Assigned"),
    ("processing", "Processing"),
    ("review", "To Review"),
    ("replied", "Replied"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
SATISFACTION = [
    ("very_satisfied", "Very Satisfied"),
    ("satisfied", "Satisfied"),
    ("basic", "Basically Satisfied"),
    ("dissatisfied", "Dissatisfied"),
    ("very_dissatisfied", "Very Dissatisfied"),
]
DISSATISFIED = ("dissatisfied", "very_dissatisfied")
SUBMITTER_ROLES = [
    ("student", "Student"),
    ("staff", "Staff"),
    ("parent", "Parent"),
    ("public", "Public"),
]
DEADLINE_STATES = [
    ("on_time", "On Time"),
    ("due_soon", "Due Soon"),
    ("overdue", "Overdue"),
    ("done_on_time", "Done on Time"),
    ("done_late", "Done Late"),
]
# Named sets of states, defined here once and imported wherever they are needed.
OPEN_STATES = ("new", "registered", "assigned", "processing", "review", "replied")
UNIT_STATES = ("assigned", "processing", "review")  # with a unit, its deadlines running
CANCELLABLE_STATES = ("new", "registered", "assigned", "processing", "review")
ANSWERED_STATES = ("replied", "closed")
FINAL_STATES = ("closed", "rejected", "cancelled")
ALL_STATES = tuple(state for state, _label in STATES)
# The states a unit's people may ever see a case in (given to their unit, or to them):
# the columns of their board; the center and the leadership see every state.
UNIT_BOARD_STATES = ("assigned", "processing", "review", "replied", "closed", "cancelled")
# What waits for each role ("My Work", the default filter of the board): the center
# registers, assigns (returned cases wait there too) and reviews; a unit accepts and
# handles; the leadership watches the open cases that are supervised or late.
CENTER_WORK_STATES = ("new", "registered", "review")
UNIT_WORK_STATES = ("assigned", "processing")

# Roles a user may hold on one case (see SunnyCase._sunny_roles()).
CENTER = "center"  # center staff (ordinary cases), manager and discipline (all they read)
MANAGER = "manager"  # the center manager
OFFICER = "officer"  # an information officer the case is given to (entrusted, when confidential)
UNIT = "unit"  # an officer or handler of the case's unit, or its handler
SUBMITTER = "submitter"  # the account that filed it (the query-code proof acts as superuser)

# The workflow's one table: action -> ((states it runs from, roles that may run it,
# refusal for anyone else), ...); the first entry whose states hold the case's state
# applies. Every action_* passes through SunnyCase._sunny_gate(), and the can_* fields
# that show the buttons and the public pages' actions are computed from it.
WORKFLOW = {
    "register": ((("new",), {CENTER}, None),),
    "reject": ((("new", "registered"), {CENTER}, None),),
    "assign": ((("registered",), {CENTER}, None),),
    "accept": ((("assigned",), {OFFICER}, None),),
    "set_handler": ((("assigned", "processing"), {OFFICER}, None),),
    "return": ((("assigned", "processing"), {OFFICER}, None),),
    "submit_reply": (
        (("processing",), {UNIT, CENTER}, _lt("Only the officers and handlers of the case's unit can reply to it.")),
        (("registered",), {CENTER}, _lt("Only the center answers a case it has not assigned.")),
    ),
    "approve_reply": ((("review",), {CENTER}, None),),
    "refuse_reply": ((("review",), {CENTER}, None),),
    "request_extension": ((UNIT_STATES, {OFFICER}, None),),
    "follow_up": ((("replied",), {CENTER}, None),),
    "cancel": (
        (CANCELLABLE_STATES, {SUBMITTER, CENTER}, _lt("Only the person who submitted the case can withdraw it.")),
    ),
    "supervise": ((OPEN_STATES, {CENTER}, None),),
    "publish": ((ANSWERED_STATES, {MANAGER}, _lt("Only the center manager publishes cases.")),),
    "unpublish": ((ALL_STATES, {MANAGER}, _lt("Only the center manager withdraws publications.")),),
    "merge": ((("new", "registered"), {CENTER}, None),),
    "add_information": ((OPEN_STATES, {SUBMITTER}, None),),
    "rate": ((("replied",), {SUBMITTER}, None),),
}
# How a refused action reads in "Case YG2026-000001 is Closed: it cannot be … now."
ACTION_LABELS = {
    "register": _lt("registered"),
    "reject": _lt("rejected"),
    "assign": _lt("assigned"),
    "accept": _lt("accepted"),
    "set_handler": _lt("given to a handler"),
    "return": _lt("returned to the center"),
    "submit_reply": _lt("answered"),
    "approve_reply": _lt("approved"),
    "refuse_reply": _lt("sent back to the unit"),
    "request_extension": _lt("extended"),
    "follow_up": _lt("followed up"),
    "cancel": _lt("withdrawn"),
    "supervise": _lt("supervised"),
    "publish": _lt("published"),
    "unpublish": _lt("withdrawn from the website"),
    "merge": _lt("merged"),
    "add_information": _lt("completed"),
    "rate": _lt("rated"),
}

# ir.attachment.description of the files a submitter sent from the public pages or the portal
SUBMITTER_FILE = "sunny:submitter"
IDENTITY_GROUPS = "sunny_service.group_center_staff,sunny_service.group_discipline"
# The account behind a case, confidential or not: no record rule narrows a field, so
# only those who may know every submitter they read see it.
OWNER_GROUPS = "sunny_service.group_center_manager,sunny_service.group_discipline"
# Fields of the back office: a portal user reads their own case, but not these.
INTERNAL = "base.group_user"

# Fields only the workflow methods may change: a user with write access to a case
# (a unit officer, say) still cannot move its state or deadlines by a plain write.
WORKFLOW_FIELDS = {
    "state",
    "unit_id",
    "first_unit_id",
    "handler_id",
    "assigned_date",
    "reply_deadline",
    "resolve_deadline",
    "first_reply_date",
    "replied_date",
    "closed_date",
    "deadline_state",
    "reject_reason",
    "satisfaction",
    "duplicate_of_id",
    "entrusted_user_ids",
    "reply",
    "query_code_hash",
    "is_published",
    "last_reminder_date",
    "escalated_date",
    "return_count",
    "reopen_count",
    "assign_note",
    "reply_user_id",
}
# What people of a unit (officers, handlers) may edit directly on the cases they see.
UNIT_EDITABLE_FIELDS = {"reply_draft", "progress_note"}
# Writing one of these fields can change who may read the case (sunny_case_audience.py).
AUDIENCE_FIELDS = {"unit_id", "handler_id", "case_type", "is_confidential", "entrusted_user_ids"}
# Fixed once the case exists: its number, when it came in, whose it is, and the
# submitter's consent to publication (theirs, not the center's).
CREATION_FIELDS = {"name", "received_date", "partner_id", "allow_publish"}
# Texts published on /sunny/public: the center manager's.
PUBLIC_TEXT_FIELDS = {"public_title", "public_content", "public_reply"}


class SunnyCase(models.Model):
    """受理件: one consultation, complaint, suggestion, report or praise."""

    _name = "sunny.case"
    _description = "Case"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "received_date desc, id desc"
    _rec_names_search = ["name", "title"]
    _mail_post_access = "read"

    name = fields.Char(
        string="Case Number",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        default="/",
    )
    case_type = fields.Selection(
        CASE_TYPES,
        string="Type",
        required=True,
        default="consultation",
        tracking=True,
        index=True,
    )
    # the back office types in calls, letters and visits; the public form and the mail
    # gateway set their own channel (_public_create, message_new)
    channel = fields.Selection(CHANNELS, required=True, default="phone", index=True)
    title = fields.Char(required=True, tracking=True, index="trigram")
    content = fields.Text(required=True)
    category_id = fields.Many2one("sunny.case.category", string="Category", index=True, tracking=True)
    received_date = fields.Datetime(
        string="Received",
        required=True,
        default=fields.Datetime.now,
        index=True,
        readonly=True,
    )

    # submitter (identity restricted, see _compute_submitter_display)
    # The identity lives in sunny.case.identity, whose record rules decide who may
    # know it (see sunny_case_identity.py); these fields read and write it.
    partner_id = fields.Many2one(
        "res.partner",
        string="Submitter Account",
        index=True,
        readonly=True,
        groups=OWNER_GROUPS,
        help="The account that filed the case while logged in: its only owner on the portal.",
    )
    submitter_name = fields.Char(
        compute="_compute_submitter_identity",
        inverse="_inverse_submitter_identity",
        groups=IDENTITY_GROUPS,
        search=lambda self, operator, value: self._search_submitter_identity("name", operator, value),
    )
    submitter_phone = fields.Char(
        compute="_compute_submitter_identity",
        inverse="_inverse_submitter_identity",
        groups=IDENTITY_GROUPS,
        search=lambda self, operator, value: self._search_submitter_identity("phone", operator, value),
    )
    submitter_email = fields.Char(
        compute="_compute_submitter_identity",
        inverse="_inverse_submitter_identity",
        groups=IDENTITY_GROUPS,
        search=lambda self, operator, value: self._search_submitter_identity("email", operator, value),
    )
    submitter_role = fields.Selection(SUBMITTER_ROLES, default="public")
    is_anonymous = fields.Boolean(string="Anonymous")
    submitter_display = fields.Char(
        string="Submitter",
        compute="_compute_submitter_display",
        help="The submitter as the reader may see them: masked when the case is confidential.",
    )
    query_code_hash = fields.Char(copy=False, groups="base.group_system")

    # routing
    requested_unit_id = fields.Many2one(
        "sunny.unit",
        string="Requested Unit",
        index=True,
        help="The unit the submitter chose.",
    )
    unit_id = fields.Many2one("sunny.unit", string="Unit", index=True, tracking=True, readonly=True)
    assign_note = fields.Text(
        string="Center's Instruction",
        readonly=True,
        groups=INTERNAL,
        help="交办意见: what the center asks of the unit it assigned the case to.",
    )
    first_unit_id = fields.Many2one(
        "sunny.unit",
        string="First-contact Unit",
        index=True,
        readonly=True,
        help="首问责任单位: the unit the case was first given to.",
    )
    handler_id = fields.Many2one(
        "res.users", string="Handler", index=True, tracking=True, readonly=True, groups=INTERNAL
    )
    entrusted_user_ids = fields.Many2many(
        "res.users",
        "sunny_case_entrusted_rel",
        "case_id",
        "user_id",
        string="Entrusted Officers",
        readonly=True,
        groups=INTERNAL,
        help="Officers to whom a confidential case was given.",
    )

    # flags
    is_confidential = fields.Boolean(
        string="Confidential",
        compute="_compute_is_confidential",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    is_important = fields.Boolean(string="Supervised", tracking=True, help="督办: an important case.")
    # opt-in (个人信息保护法): consent is a box the submitter ticks, never a default
    allow_publish = fields.Boolean(
        string="Consent to Publish",
        default=False,
        help="The submitter's consent, given when the case was filed (they ticked the box on the form, or "
        "said yes on the phone): nobody changes it afterwards.",
    )
    is_published = fields.Boolean(string="Published", readonly=True, tracking=True, index=True)
    # the anonymised texts of /sunny/public: the center manager's
    public_title = fields.Char(groups=INTERNAL)
    public_content = fields.Text(groups=INTERNAL)
    public_reply = fields.Text(groups=INTERNAL)

    # work of the unit
    progress_note = fields.Text(groups=INTERNAL, help="Internal notes of the unit on the progress.")
    reply_draft = fields.Text(string="Draft Reply", groups=INTERNAL)
    reply = fields.Text(readonly=True, groups=INTERNAL, help="The reply as submitted for review.")
    reply_user_id = fields.Many2one(
        "res.users",
        string="Reply Written by",
        readonly=True,
        groups=INTERNAL,
        help="Who submitted the reply under review: they do not approve it themselves.",
    )
    reject_reason = fields.Text(readonly=True)
    satisfaction = fields.Selection(SATISFACTION, readonly=True, tracking=True)
    duplicate_of_id = fields.Many2one("sunny.case", string="Duplicate of", readonly=True, index=True, groups=INTERNAL)
    needs_screening = fields.Boolean(
        string="To Screen",
        index=True,
        copy=False,
        tracking=True,
        help="Sent from the public form with a blocked word or from a blocked address: the center "
        "looks at it before registering it. Nothing is lost and nothing is published automatically.",
    )

    # dates and deadlines
    assigned_date = fields.Datetime(readonly=True, index=True)
    reply_deadline = fields.Datetime(readonly=True, tracking=True)
    resolve_deadline = fields.Datetime(readonly=True, tracking=True)
    first_reply_date = fields.Datetime(readonly=True, help="When the unit first submitted a reply.")
    replied_date = fields.Datetime(readonly=True, index=True)
    closed_date = fields.Datetime(readonly=True, index=True)
    deadline_state = fields.Selection(DEADLINE_STATES, readonly=True, index=True)
    # Stored for the deadline scan: see init() for the partial indexes it reads.
    deadline = fields.Datetime(
        compute="_compute_deadline",
        store=True,
        precompute=True,
        string="Next Deadline",
        help="The reply deadline until the unit has replied, then the resolution deadline.",
    )

    state = fields.Selection(
        STATES,
        required=True,
        default="new",
        tracking=True,
        index=True,
        group_expand="_read_group_expand_state",
        readonly=True,
    )
    is_my_work = fields.Boolean(
        string="My Work",
        compute="_compute_is_my_work",
        search="_search_is_my_work",
        help="What waits for the current user: for the center the cases to register, assign and "
        "review; for a unit the cases to accept and handle; for the leadership the open cases "
        "that are supervised or overdue.",
    )

    return_ids = fields.One2many("sunny.case.return", "case_id", string="Returns")
    return_count = fields.Integer(readonly=True)
    extension_ids = fields.One2many("sunny.case.extension", "case_id", string="Extensions")
    followup_ids = fields.One2many("sunny.case.followup", "case_id", string="Follow-ups")
    reopen_count = fields.Integer(readonly=True)
    supervision_ids = fields.One2many("sunny.case.supervision", "case_id", string="Supervision")
    last_reminder_date = fields.Date(readonly=True, help="Last day the unit was reminded (催办) of this overdue case.")
    escalated_date = fields.Datetime(readonly=True, help="When the overdue case was escalated to the leadership.")
    color = fields.Integer(compute="_compute_color")

    # what the current user may do now, from the workflow's table (buttons, public pages)
    can_register = fields.Boolean(compute="_compute_can")
    can_reject = fields.Boolean(compute="_compute_can")
    can_assign = fields.Boolean(compute="_compute_can")
    can_accept = fields.Boolean(compute="_compute_can")
    can_set_handler = fields.Boolean(compute="_compute_can")
    can_return = fields.Boolean(compute="_compute_can")
    can_submit_reply = fields.Boolean(compute="_compute_can")
    can_approve_reply = fields.Boolean(compute="_compute_can")
    can_refuse_reply = fields.Boolean(compute="_compute_can")
    can_request_extension = fields.Boolean(compute="_compute_can")
    can_follow_up = fields.Boolean(compute="_compute_can")
    can_cancel = fields.Boolean(compute="_compute_can")
    can_supervise = fields.Boolean(compute="_compute_can")
    can_publish = fields.Boolean(compute="_compute_can")
    can_unpublish = fields.Boolean(compute="_compute_can")
    can_merge = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        ("name_unique", "unique(name)", "The case number must be unique."),
    ]

    def init(self):
        # The hourly deadline scan reads only the open unit cases it may change: these
        # partial indexes keep a run with nothing to do at a few index pages at any scale.
        open_states = ", ".join(f"'{state}'" for state in UNIT_STATES)
        tools.create_index(
            self.env.cr,
            "sunny_case_scan_deadline_idx",
            self._table,
            ["deadline"],
            where=f"state IN ({open_states}) AND deadline_state IN ('on_time', 'due_soon')",
        )
        tools.create_index(
            self.env.cr,
            "sunny_case_scan_reminder_idx",
            self._table,
            ["last_reminder_date"],
            where=f"state IN ({open_states}) AND deadline_state = 'overdue'",
        )
        # The center's kanban counts every case it may read (all but confidential
        # ones) by state: an index-only scan of this index instead of the table.
        tools.create_index(
            self.env.cr,
            "sunny_case_public_state_idx",
            self._table,
            ["state"],
            where="is_confidential IS NULL OR is_confidential = FALSE",
        )

    @api.model
    def web_read_group(self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True):
        # Finished cases are most of the cases: the kanban shows their columns folded,
        # with their counts, and loads them only when the user opens one (as a
        # helpdesk folds its closed stages).
        result = super().web_read_group(domain, fields, groupby, limit, offset, orderby, lazy)
        if groupby and groupby[0] == "state":
            for group in result["groups"]:
                if group.get("state") in FINAL_STATES:
                    group["__fold"] = True
        return result

    # ------------------------------------------------------------------ computes

    @api.depends("case_type")
    def _compute_is_confidential(self):
        for case in self:
            case.is_confidential = self._sunny_is_confidential_type(case.case_type)

    @api.model
    def _sunny_is_confidential_type(self, case_type):
        """Whether a case of this type is confidential (a report: 举报) unless the center decides otherwise."""
        return case_type == "report"

    @api.depends("is_confidential", "is_anonymous")
    @api.depends_context("uid")
    def _compute_submitter_display(self):
        """Who submitted the case, as the reader may see it: in full for those who may
        know the submitter (_sunny_may_know_submitter) and, on an ordinary case, for
        the unit's people working it (they must reach the person); masked (张**,
        138****0000) for other readers such as the leadership; "Confidential" for
        anyone else on a confidential case."""
        anonymous = self.env._("Anonymous")
        hidden = self.env._("Confidential")
        for case, sudo_case in zip(self, self.sudo(), strict=True):
            if case.is_anonymous:
                case.submitter_display = anonymous
                continue
            full = case._sunny_may_know_submitter() or (not case.is_confidential and case.id and case._is_unit_member())
            if case.is_confidential and not full:
                case.submitter_display = hidden
                continue
            name, phone, email = sudo_case.submitter_name, sudo_case.submitter_phone, sudo_case.submitter_email
            if not full:
                name = name and mask(NAME, name)
                phone = phone and mask(PHONE, phone)
                email = email and mask(EMAIL, email)
            case.submitter_display = " · ".join(filter(None, [name, phone, email]))

    @api.depends("reply_deadline", "resolve_deadline", "first_reply_date")
    def _compute_deadline(self):
        for case in self:
            case.deadline = case.resolve_deadline if case.first_reply_date else case.reply_deadline

    @api.depends_context("uid")
    def _compute_is_my_work(self):
        mine = self.filtered_domain(self._sunny_my_work_domain())
        for case in self:
            case.is_my_work = case in mine

    def _search_is_my_work(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Search My Work with yes or no only."))
        domain = self._sunny_my_work_domain()
        return domain if (operator == "=") == bool(value) else ["!", *expression.normalize_domain(domain)]

    @api.model
    def _sunny_my_work_domain(self):
        """The cases waiting for the current user, whatever roles they hold."""
        user = self.env.user
        domains = []
        if self._is_center_user():
            domains.append([("state", "in", CENTER_WORK_STATES)])
        if user.has_group("sunny_service.group_station_officer"):
            units = user.sunny_officer_station_ids.unit_id
            domains.append([("state", "in", UNIT_WORK_STATES), ("unit_id", "in", units.ids)])
        if user.has_group("sunny_service.group_handler"):
            domains.append([("state", "in", UNIT_WORK_STATES), ("handler_id", "=", user.id)])
        if user.has_group("sunny_service.group_leadership"):
            domains.append(
                [("state", "in", OPEN_STATES), "|", ("is_important", "=", True), ("deadline_state", "=", "overdue")]
            )
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    @api.model
    def _read_group_expand_state(self, states, domain):
        """The board's columns: every state for the center and the leadership, only
        those a unit may ever see a case in for its officers and handlers (a unit
        never sees a case before it is assigned), in the workflow's order."""
        user = self.env.user
        shown = set(states)
        if self.env.su or self._is_center_user() or user.has_group("sunny_service.group_leadership"):
            shown.update(ALL_STATES)
        elif user.has_group("sunny_service.group_handler"):
            shown.update(UNIT_BOARD_STATES)
        return [state for state in ALL_STATES if state in shown]

    @api.depends("deadline_state")
    def _compute_color(self):
        colors = {"due_soon": 3, "overdue": 1, "done_late": 2, "done_on_time": 10}
        for case in self:
            case.color = colors.get(case.deadline_state, 0)

    @api.depends(
        "state",
        "unit_id",
        "handler_id",
        "is_confidential",
        "entrusted_user_ids",
        "is_published",
        "allow_publish",
        "is_important",
        "reply_user_id",
    )
    @api.depends_context("uid")
    def _compute_can(self):
        actions = [name for name in WORKFLOW if f"can_{name}" in self._fields]
        for case in self:
            roles = case._sunny_roles() if case.id else set()
            for action in actions:
                case[f"can_{action}"] = case._sunny_allows(action, roles)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for case in self:
            case.access_url = f"/my/sunny/{case.id}"
        return res

    # ------------------------------------------------------------------ constraints

    @api.constrains("title", "content")
    def _check_title_content(self):
        for case in self:
            self._check_text_given(case.title, case.content)

    @api.model
    def _check_text_given(self, title, content):
        """A case says what it is about: checked on create (before the number is
        drawn, so a refused case burns none) and on every write."""
        if not (title or "").strip():
            raise ValidationError(self.env._("A case needs a title."))
        if not (content or "").strip():
            raise ValidationError(self.env._("A case needs its content: what happened or what is asked."))

    @api.constrains("duplicate_of_id")
    def _check_duplicate_of_id(self):
        for case in self:
            if case.duplicate_of_id == case:
                raise ValidationError(self.env._("A case cannot be a duplicate of itself."))

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.category_id.default_unit_id and not self.requested_unit_id:
            self.requested_unit_id = self.category_id.default_unit_id

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_center()
            for vals in vals_list:
                self._check_create_allowed(vals)
        for vals in vals_list:
            self._check_text_given(vals.get("title"), vals.get("content"))
        self._assign_numbers([vals for vals in vals_list if vals.get("name", "/") == "/"])
        return super().create(vals_list)

    def _check_create_allowed(self, vals):
        """A case starts new: nobody but the workflow creates it further along,
        published, owned by an account, or with a number of their choosing."""
        protected = (self._workflow_fields() | PUBLIC_TEXT_FIELDS | {"partner_id"}) & vals.keys()
        defaults = self.default_get(list(protected))
        blocked = {f for f in protected if vals[f] and vals[f] != defaults.get(f)}
        if vals.get("name", "/") != "/":
            blocked.add("name")
        if vals.get("received_date") and fields.Datetime.to_datetime(vals["received_date"]) > fields.Datetime.now():
            raise UserError(self.env._("A case cannot be received in the future."))
        if blocked:
            raise UserError(
                self.env._(
                    "A new case starts at registration: these fields are set by the workflow, not by hand: %s",
                    self._field_labels(blocked),
                )
            )

    def _field_labels(self, names):
        return ", ".join(sorted(self._fields[f].get_description(self.env)["string"] for f in names))

    @api.model
    def _assign_numbers(self, vals_list):
        """Case numbers for a batch in one query: a standard sequence hands out
        PostgreSQL sequence values, drawn here all at once (next_by_code would
        cost two queries per case); other sequences go the usual way."""
        if not vals_list:
            return
        # one query for the sequence and what a number needs of it
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search_fetch(
                [
                    ("code", "=", "sunny.case"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                ["implementation", "use_date_range", "prefix", "suffix", "padding"],
                order="company_id",
                limit=1,
            )
        )
        if not sequence or sequence.implementation != "standard" or sequence.use_date_range:
            for vals in vals_list:
                vals["name"] = self.env["ir.sequence"].next_by_code("sunny.case") or "/"
            return
        self.env.cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)", [f"ir_sequence_{sequence.id:03d}", len(vals_list)]
        )
        # as get_next_char(), with the prefix interpolated once for the batch
        prefix, suffix = sequence._get_prefix_suffix()
        for vals, (number,) in zip(vals_list, self.env.cr.fetchall(), strict=False):
            vals["name"] = f"{prefix}{number:0{sequence.padding}d}{suffix}"

    def write(self, vals):
        # the workflow writes as superuser (see _workflow); a context key alone must not
        # lift the guard, since any RPC caller can set one
        if not self.env.su:
            self._check_write_allowed(vals)
        public = self.browse()
        if {"is_confidential", "case_type"} & vals.keys():
            public = self.filtered(lambda c: not c.is_confidential)
        res = super().write(vals)
        public.filtered("is_confidential")._hide_external_authors()
        if AUDIENCE_FIELDS & vals.keys():
            self._sunny_sync_audience()
        return res

    def unlink(self):
        if not self.env.su:
            raise UserError(self.env._("Cases are never deleted: reject, cancel or archive them instead."))
        return super().unlink()

    def copy(self, default=None):  # pylint: disable=method-required-super
        # a copy would be a case nobody submitted, with a number of its own, that is
        # never deleted: a case comes from its submitter or is typed in by the center
        raise UserError(self.env._("A case cannot be duplicated: register each case as it was received, with New."))

    def _workflow_fields(self):
        """Fields only the workflow (the superuser) writes; addons add theirs."""
        return WORKFLOW_FIELDS

    def _check_write_allowed(self, vals):
        fields_written = {f for f in vals if not f.startswith(("message_", "activity_"))}
        blocked = fields_written & (self._workflow_fields() | CREATION_FIELDS)
        if blocked:
            raise UserError(
                self.env._("These fields change only through the workflow buttons: %s", self._field_labels(blocked))
            )
        if fields_written & PUBLIC_TEXT_FIELDS and not self.env.user.has_group("sunny_service.group_center_manager"):
            raise AccessError(self.env._("Only the center manager writes the texts published on the website."))
        if self._is_center_user():
            if self.filtered(lambda c: c.is_confidential and not self._may_see_identity()):
                raise AccessError(
                    self.env._("Only the center manager and discipline inspection edit confidential cases.")
                )
            return
        if fields_written - UNIT_EDITABLE_FIELDS:
            raise AccessError(self.env._("Units may only edit the draft reply and the progress notes of a case."))

    # ------------------------------------------------------------------ roles

    @api.model
    def _is_center_user(self):
        user = self.env.user
        return (
            self.env.su
            or user.has_group("sunny_service.group_center_staff")
            or user.has_group("sunny_service.group_discipline")
        )

    @api.model
    def _may_see_identity(self):
        user = self.env.user
        return (
            self.env.su
            or user.has_group("sunny_service.group_center_manager")
            or user.has_group("sunny_service.group_discipline")
        )

    def _check_center(self):
        """Center staff act on ordinary cases; confidential ones only the manager and discipline."""
        if not self._is_center_user():
            raise AccessError(self.env._("Only the Sunshine Service center can do this."))
        if not self._may_see_identity() and any(case.is_confidential for case in self):
            raise AccessError(
                self.env._("Only the center manager and discipline inspection act on confidential cases.")
            )

    def _sunny_roles(self):
        """The roles (CENTER, MANAGER, OFFICER, UNIT, SUBMITTER) the current user
        holds on this case. Reading the case is checked first: someone who may not
        read it gets Odoo's access error, whatever they tried."""
        self.ensure_one()
        user = self.env.user
        confidential = self.is_confidential
        case = self.sudo()
        roles = set()
        if self._is_center_user() and (not confidential or self._may_see_identity()):
            roles.add(CENTER)
        if user.has_group("sunny_service.group_center_manager"):
            roles.add(MANAGER)
        if (
            user.has_group("sunny_service.group_station_officer")
            and user in case.unit_id.officer_ids
            and (not confidential or user in case.entrusted_user_ids)
        ):
            roles.add(OFFICER)
        if self._is_unit_member():
            roles.add(UNIT)
        if self._is_submitter():
            roles.add(SUBMITTER)
        return roles

    @api.model
    def _sunny_may_hold(self, roles):
        """Whether the current user's groups allow any of ``roles`` on some case."""
        if SUBMITTER in roles:
            return True
        user = self.env.user
        groups = {
            CENTER: ("sunny_service.group_center_staff", "sunny_service.group_discipline"),
            MANAGER: ("sunny_service.group_center_manager",),
            OFFICER: ("sunny_service.group_station_officer",),
            UNIT: ("sunny_service.group_handler",),
        }
        return any(user.has_group(group) for role in roles for group in groups[role])

    def _sunny_entry(self, action):
        """The entry of WORKFLOW[action] that applies to this case's state, or None."""
        self.ensure_one()
        return next((entry for entry in WORKFLOW[action] if self.state in entry[0]), None)

    def _sunny_allows(self, action, roles):
        """Whether ``action`` may run now on this case for someone holding ``roles``:
        its state, the role, and what the action itself needs (consent to publish…)."""
        entry = self._sunny_entry(action)
        if not entry or not (entry[1] & roles):
            return False
        if action == "publish":
            return not self.is_published and not self.is_confidential and self.allow_publish
        if action == "unpublish":
            return self.is_published
        if action == "supervise":
            return not self.is_important
        if action == "approve_reply":
            return not self._sunny_wrote_reply()
        return True

    def _sunny_wrote_reply(self):
        """Whether the current user wrote the reply under review (four eyes: they
        do not approve it themselves)."""
        self.ensure_one()
        return not self.env.su and self.sudo().reply_user_id == self.env.user

    def _sunny_gate(self, action):
        """The one gate of the workflow: every action_* calls it before anything
        else. It refuses a case the current user holds no role on for this action
        (before looking at the state, so that a refusal tells them nothing of the
        case), then a case whose state the action cannot run from."""
        if not self.env.su and not self._sunny_may_hold(set().union(*(e[1] for e in WORKFLOW[action]))):
            # not even the kind of person who takes this action: say so, the case unread
            entry = self[:1].sudo()._sunny_entry(action) if self else None
            raise AccessError(self.browse()._sunny_refusal(entry or WORKFLOW[action][0]))
        for case in self:
            entry = case._sunny_entry(action)
            if not self.env.su:
                roles = entry[1] if entry else set().union(*(e[1] for e in WORKFLOW[action]))
                if not (roles & case._sunny_roles()):
                    raise AccessError(case._sunny_refusal(entry or WORKFLOW[action][0]))
            if entry is None:
                labels = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "Case %(case)s is %(state)s: it cannot be %(action)s now.",
                        case=case.name,
                        state=labels[case.state],
                        action=str(ACTION_LABELS[action]),
                    )
                )

    def _sunny_refusal(self, entry):
        """Why the current user may not take the action of ``entry`` (naming no case)."""
        _states, roles, refusal = entry
        if refusal:
            return str(refusal)
        user = self.env.user
        if roles == {OFFICER}:
            if not user.has_group("sunny_service.group_station_officer"):
                return self.env._("Only an information officer of the unit can do this.")
            return self.env._(
                "This case is not given to your unit: only the information officers it was given to can do this."
            )
        if self._is_center_user():
            return self.env._("Only the center manager and discipline inspection act on confidential cases.")
        return self.env._("Only the Sunshine Service center can do this.")

    def _is_unit_member(self):
        self.ensure_one()
        user = self.env.user
        if self.sudo().handler_id == user:
            return True
        unit = self.sudo().unit_id
        if self.is_confidential:
            return user in self.sudo().entrusted_user_ids
        return user in unit.officer_ids or user in unit.handler_ids

    def _require_text(self, text, what):
        if not (text or "").strip():
            raise UserError(self.env._("Please give %s.", what))
        return text.strip()

    def _workflow(self):
        """The case as the workflow writes it: access was checked by the caller."""
        return self.sudo()

    # ------------------------------------------------------------------ workflow

    def action_register(self):
        self._sunny_gate("register")
        self._workflow().write({"state": "registered"})
        return True

    def action_reject(self, reason=None):
        self._sunny_gate("reject")
        reason = self._require_text(reason, self.env._("the reason for not accepting the case"))
        self._workflow().write({"state": "rejected", "reject_reason": reason, "closed_date": fields.Datetime.now()})
        for case in self:
            case._workflow().message_post(body=self.env._("Not accepted: %s", reason), subtype_xmlid="mail.mt_note")
        self._close_center_todos(self.env._("Not accepted."))
        return True

    @api.model
    def _browse_arg(self, model, value, what):
        """A record of ``model`` from a record, an id or a list of ids (as RPC
        callers pass them); a clear error for anything else."""
        Model = self.env[model]
        if isinstance(value, models.BaseModel):
            if value._name != model:
                raise UserError(self.env._("Choose %s.", what))
            records = value
        elif isinstance(value, int) and not isinstance(value, bool):
            records = Model.browse(value)
        elif isinstance(value, list | tuple) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            records = Model.browse(value)
        elif not value:
            return Model
        else:
            raise UserError(self.env._("Choose %s.", what))
        existing = records.sudo().exists()
        if existing != records.sudo():
            raise UserError(self.env._("Choose %s.", what))
        return records.with_env(self.env)

    def action_assign(self, unit=None, entrusted_users=None, note=None):
        """Send the cases to ``unit``; ``note`` is the center's instruction (交办意见)
        the unit reads on the case and in its chatter."""
        self._sunny_gate("assign")
        unit = self._browse_arg("sunny.unit", unit, self.env._("the unit the case is sent to"))
        entrusted_users = self._browse_arg(
            "res.users", entrusted_users, self.env._("the officers the confidential case is entrusted to")
        )
        if len(unit) != 1:
            raise UserError(self.env._("Choose the unit the case is sent to."))
        if not unit.active:
            raise UserError(self.env._("Unit %s is archived: choose an active unit.", unit.name))
        officers = unit.sudo().officer_ids
        if not officers:
            raise UserError(
                self.env._("Unit %s has no information officer: set up its service station first.", unit.name)
            )
        note = (note or "").strip()
        now = fields.Datetime.now()
        reply_deadline, resolve_deadline = self.env["sunny.deadline.rule"]._get_deadlines(now)
        self._close_center_todos(self.env._("Assigned to %s.", unit.name))
        for case in self:
            vals = {
                "state": "assigned",
                "unit_id": unit.id,
                "assigned_date": now,
                "reply_deadline": reply_deadline[case.case_type],
                "resolve_deadline": resolve_deadline[case.case_type],
                "deadline_state": "on_time",
                "handler_id": False,
                "assign_note": note or False,
            }
            if not case.first_unit_id:
                vals["first_unit_id"] = unit.id
            given_to = officers
            if case.is_confidential:
                given_to = (entrusted_users or officers[:1]) & officers
                if not given_to:
                    raise UserError(self.env._("Entrust the confidential case to an officer of the unit."))
                vals["entrusted_user_ids"] = [fields.Command.set(given_to.ids)]
            case._workflow().write(vals)
            if note:
                case._workflow().message_post(
                    body=self.env._(
                        "Assigned to %(unit)s. Instruction of the center: %(note)s", unit=unit.name, note=note
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            case._workflow()._notify_unit(given_to, self.env._("New case assigned to your unit: %s", case.title))
        return True

    def action_accept(self, handler=None):
        self._sunny_gate("accept")
        handler = self._browse_arg("res.users", handler, self.env._("a handler of the unit's station"))
        vals = {"state": "processing"}
        if handler:
            self._check_handler(handler)
            vals["handler_id"] = handler.id
        self._workflow().write(vals)
        self._close_unit_todos(self.env._("Accepted."))
        return True

    def _close_unit_todos(self, feedback):
        """Tick off the unit officers' to-dos once the unit has acted on the case."""
        officers = self.sudo().unit_id.officer_ids
        self.sudo().activity_ids.filtered(lambda a: a.user_id in officers).action_feedback(feedback=feedback)

    def _schedule_todos(self, activity_type_xmlid, users_of, summary_of):
        """The product's to-dos of one type, made at once: one per case of ``self``
        and user of ``users_of(case)`` (people who may read the case, or the audience
        sync removes them), titled ``summary_of(case)``; each assignee is notified."""
        activity_type = self.env.ref(activity_type_xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        today = self.env["sunny.calendar"].today()
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": case.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "summary": summary_of(case),
                "date_deadline": today,
            }
            for case in self
            for user in users_of(case)
        ]
        return self.env["mail.activity"].sudo().create(vals_list)

    def _close_todos(self, activity_type_xmlid, feedback):
        activity_type = self.env.ref(activity_type_xmlid)
        self.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type).action_feedback(
            feedback=feedback
        )

    def _close_center_todos(self, feedback):
        """Tick off the center's "returned case" to-dos once the center has acted on it."""
        self._close_todos("sunny_service.mail_activity_type_case_returned", feedback)

    def _center_desk(self):
        """Who at the center takes up a case coming back from a unit: its staff for an
        ordinary case (the manager when the center has no other staff), the manager and
        discipline inspection for a confidential one (the only ones who may read it)."""
        roles = self._sunny_role_users()
        staff = (roles["staff"] - roles["manager"]) or roles["staff"]
        discreet = roles["manager"] | roles["discipline"]
        return {case.id: discreet if case.is_confidential else staff for case in self}

    def action_set_handler(self, handler):
        self._sunny_gate("set_handler")
        handler = self._browse_arg("res.users", handler, self.env._("a handler of the unit's station"))
        self._check_handler(handler)
        self._workflow().write({"handler_id": handler.id})
        return True

    def _check_handler(self, handler):
        for case in self:
            unit = case.sudo().unit_id
            if len(handler) != 1 or handler not in unit.handler_ids | unit.officer_ids:
                raise UserError(self.env._("The handler must belong to the unit's service station."))
            if case.is_confidential and handler not in case.sudo().entrusted_user_ids:
                case._workflow().write({"entrusted_user_ids": [fields.Command.link(handler.id)]})

    def action_return(self, reason=None):
        self._sunny_gate("return")
        reason = self._require_text(reason, self.env._("the reason for returning the case"))
        self.env["sunny.case.return"].sudo().create(
            [
                {
                    "case_id": case.id,
                    "unit_id": case.unit_id.id,
                    "reason": reason,
                    "user_id": self.env.uid,
                }
                for case in self
            ]
        )
        # the unit no longer handles the case: its pending extension requests lapse
        pending = self.sudo().extension_ids.filtered(lambda e: e.state == "pending")
        pending.action_refuse(self.env._("The case was returned to the center."))
        self._close_unit_todos(self.env._("Returned to the center."))
        units = {case.id: case.unit_id.name for case in self.sudo()}
        for case in self:
            case._workflow().write(
                {
                    "state": "registered",
                    "unit_id": False,
                    "handler_id": False,
                    "first_reply_date": False,
                    "reply_deadline": False,
                    "resolve_deadline": False,
                    "deadline_state": False,
                    "entrusted_user_ids": [fields.Command.clear()],
                    "return_count": case.return_count + 1,
                }
            )
            case._workflow().message_post(
                body=self.env._("Returned to the center: %s", reason), subtype_xmlid="mail.mt_note"
            )
        # the center hears of it: a to-do for the people who take it up again
        desk = self._center_desk()
        self._schedule_todos(
            "sunny_service.mail_activity_type_case_returned",
            lambda case: desk[case.id],
            lambda case: self.env._(
                "Returned by %(unit)s: assign it again. %(reason)s", unit=units[case.id], reason=reason
            ),
        )
        # first-contact responsibility: a case passed on more than once needs the center's eye
        bounced = self.sudo().filtered(lambda c: c.return_count > 1)
        managers = self.env.ref("sunny_service.group_center_manager").users.filtered(lambda u: not u.share)
        for case in bounced:
            for manager in managers[:3]:
                case._workflow().activity_schedule(
                    "sunny_service.mail_activity_type_decide_unit",
                    user_id=manager.id,
                    summary=self.env._("Returned %s times: decide which unit answers for it", case.return_count),
                )
        return True

    def action_submit_reply(self, reply=None):
        self._sunny_gate("submit_reply")
        now = fields.Datetime.now()
        for case in self:
            text = self._require_text(reply or case.reply_draft, self.env._("the reply"))
            vals = {"state": "review", "reply": text, "reply_draft": text, "reply_user_id": self.env.uid}
            if not case.first_reply_date:
                vals["first_reply_date"] = now
            case._workflow().write(vals)
            case._workflow().message_post(
                body=self.env._("Reply submitted for review:\n%s", text), subtype_xmlid="mail.mt_note"
            )
        # the center answered a case a unit had returned: nothing is left to assign
        self._close_center_todos(self.env._("Answered by the center."))
        return True

    def action_approve_reply(self, reply=None):
        """Approve the reply under review and send it to the submitter. ``reply`` is the
        reviewer's correction of it (one case at a time): the chatter keeps the original."""
        self._sunny_gate("approve_reply")
        for case in self:
            if case._sunny_wrote_reply():
                raise UserError(
                    self.env._(
                        "You wrote the reply of %s: another member of the center, or the center manager, "
                        "must approve it.",
                        case.name,
                    )
                )
        if reply is not None:
            if len(self) != 1:
                raise UserError(self.env._("Correct the replies one case at a time."))
            corrected = self._require_text(reply, self.env._("the reply"))
            original = self.sudo().reply
            if corrected != original:
                self._workflow().write({"reply": corrected})
                self._workflow().message_post(
                    body=self.env._(
                        "Reply corrected by %(user)s before approval.\nThe reply as submitted:\n%(original)s",
                        user=self.env.user.name,
                        original=original,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        now = fields.Datetime.now()
        for case in self:
            case._workflow().write(
                {
                    "state": "replied",
                    "replied_date": now,
                    "deadline_state": case._done_deadline_state(now),
                    # the public reply is the center manager's anonymised text, never the unit's
                    # reply to a named person ("王小明同学：您好！"): it starts empty
                }
            )
            case._workflow()._send_reply()
        return True

    def action_refuse_reply(self, comment=None):
        self._sunny_gate("refuse_reply")
        comment = self._require_text(comment, self.env._("what the unit must change in its reply"))
        for case in self:
            # a reply the center wrote itself (no unit) goes back to the center's desk
            case._workflow().write({"state": "processing" if case.unit_id else "registered"})
            case._workflow().message_post(
                body=self.env._("Reply refused by the center: %s", comment), subtype_xmlid="mail.mt_note"
            )
        return True

    def action_request_extension(self, days=0, reason=None):
        self._sunny_gate("request_extension")
        reason = self._require_text(reason, self.env._("the reason for the extension"))
        if not isinstance(days, int) or days <= 0:
            raise UserError(self.env._("An extension is a positive number of working days."))
        Holiday = self.env["sunny.holiday"]
        Calendar = self.env["sunny.calendar"]
        today = Calendar.today()
        for case in self:
            limit = Holiday.add_workdays(Calendar.local_date(case.assigned_date), 3)
            if today > limit:
                raise UserError(
                    self.env._("An extension must be asked for within 3 working days of assignment (by %s).", limit)
                )
            if case.extension_ids.filtered(lambda e: e.state == "pending"):
                raise UserError(self.env._("Case %s already has an extension request waiting.", case.name))
        requests = (
            self.env["sunny.case.extension"]
            .sudo()
            .create(
                [
                    {
                        "case_id": case.id,
                        "days": days,
                        "reason": reason,
                        "requested_by": self.env.uid,
                    }
                    for case in self
                ]
            )
        )
        # the center manager decides: the request waits on their to-do list
        managers = self._sunny_role_users()["manager"]
        self._schedule_todos(
            "sunny_service.mail_activity_type_extension",
            lambda case: managers,
            lambda case: self.env._(
                "%(unit)s asks for %(days)s more working days: approve or refuse",
                unit=case.sudo().unit_id.name,
                days=days,
            ),
        )
        return requests

    def action_follow_up(self, satisfaction=None, note=None, method="phone"):
        self._sunny_gate("follow_up")
        if satisfaction not in dict(SATISFACTION):
            raise UserError(self.env._("Choose the submitter's satisfaction among the five levels."))
        return self._workflow()._record_follow_up(satisfaction, note, method)

    def _record_follow_up(self, satisfaction, note, method):
        """Record a follow-up; close the case, or reopen it when the person is dissatisfied."""
        now = fields.Datetime.now()
        reopen = satisfaction in DISSATISFIED
        self.env["sunny.case.followup"].sudo().create(
            [
                {
                    "case_id": case.id,
                    "satisfaction": satisfaction,
                    "note": note,
                    "method": method,
                    "user_id": self.env.uid,
                    "reopened": reopen,
                }
                for case in self
            ]
        )
        if reopen:
            self._sunny_reopen(note, {"satisfaction": satisfaction})
        else:
            self.write({"state": "closed", "satisfaction": satisfaction, "closed_date": now})
        return True

    def _sunny_reopen(self, note, vals=None):
        """Send the cases back to their unit (to the center's desk when the center
        answered them itself), writing ``vals`` too: a reopening, said in the chatter."""
        for case in self:
            values = dict(vals or {}, reopen_count=case.reopen_count + 1)
            if not case.unit_id:
                # the center answered it itself: back to the center's desk
                case.write(dict(values, state="registered"))
                case.message_post(
                    body=self.env._("The submitter is not satisfied: the center must answer again. %s", note or ""),
                    subtype_xmlid="mail.mt_note",
                )
            else:
                case.write(dict(values, state="processing"))
                case._refresh_deadline_state()
                case.message_post(
                    body=self.env._(
                        "The submitter is not satisfied: the case goes back to %(unit)s. %(note)s",
                        unit=case.unit_id.name,
                        note=note or "",
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_cancel(self):
        self._sunny_gate("cancel")
        self._workflow().write({"state": "cancelled", "closed_date": fields.Datetime.now(), "deadline_state": False})
        self._workflow().activity_ids.unlink()
        return True

    def action_supervise(self, note=None):
        """督办: supervise an important case; the leadership is told at once."""
        self._sunny_gate("supervise")
        note = (note or "").strip() or self.env._("Important case, supervised by the center until it is settled.")
        self._workflow().write({"is_important": True})
        self.env["sunny.case.supervision"].sudo().create(
            [{"case_id": case.id, "kind": "supervise", "note": note} for case in self]
        )
        self._workflow()._escalate(note)
        return True

    def action_publish(self, confirmed=False):
        """Publish on /sunny/public. The submitter's own name, phone or e-mail in the
        public texts is refused; other things that look like personal data open a
        confirmation (sunny_case_publish.py) unless ``confirmed``."""
        self._sunny_gate("publish")
        for case in self:
            if case.is_confidential or not case.allow_publish:
                raise UserError(
                    self.env._(
                        "Case %s is confidential or its submitter did not consent: it cannot be published.", case.name
                    )
                )
            if not (case.public_title and case.public_content and case.public_reply):
                raise UserError(
                    self.env._(
                        "Write the anonymised public title, content and reply of %s before publishing.", case.name
                    )
                )
        self._sunny_check_publication_identity()
        if not confirmed and (warning := self._sunny_publication_warning()):
            return warning
        self._workflow().write({"is_published": True})
        return True

    def action_unpublish(self):
        self._sunny_gate("unpublish")
        self._workflow().write({"is_published": False})
        return True

    def action_merge_into(self, target):
        """Mark ``self`` as duplicates of ``target``. Each case keeps its own
        conversation, files and followers (each submitter reads only their own on
        the query page); the target's chatter lists the duplicates. A merge never
        crosses confidentiality: that would show a report to a wider audience, or
        an ordinary case to people who do not handle it."""
        self._sunny_gate("merge")
        target = self._browse_arg("sunny.case", target, self.env._("the one case the duplicates are merged into"))
        if len(target) != 1:
            raise UserError(self.env._("Choose the one case the duplicates are merged into."))
        target._check_center()
        if target in self:
            raise UserError(self.env._("A case cannot be merged into itself."))
        if target.state in ("rejected", "cancelled"):
            raise UserError(self.env._("Merge into an open case, not a rejected or cancelled one."))
        if any(case.is_confidential != target.is_confidential for case in self):
            raise UserError(
                self.env._("A confidential case and an ordinary case cannot be merged: their readers differ.")
            )
        reason = self.env._("Duplicate of %s", target.name)
        self._workflow().write(
            {
                "state": "rejected",
                "duplicate_of_id": target.id,
                "reject_reason": reason,
                "closed_date": fields.Datetime.now(),
            }
        )
        for case in self:
            case._workflow().message_post(body=reason, subtype_xmlid="mail.mt_note")
        self._close_center_todos(reason)
        target._workflow().message_post(
            body=self.env._("Merged duplicates: %s", ", ".join(self.mapped("name"))), subtype_xmlid="mail.mt_note"
        )
        (self | target)._sunny_sync_audience()
        return True

    # ------------------------------------------------------------------ business

    def _is_submitter(self):
        self.ensure_one()
        user = self.env.user
        return not user._is_public() and self.sudo().partner_id == user.partner_id
