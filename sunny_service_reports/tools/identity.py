"""How much a printed or stored document may say of the person behind a case.

This is the one place where the reports decide it: the case sheet, the live
register and the bound volumes all print their submitters through
:func:`submitter_label` and their confidential rows through :meth:`Readers.may_read`.

A document is written for its least privileged reader. A live printout has one
reader, the user who prints it (:meth:`Readers.current_user`); a stored document
(the XLSX of a bound volume) has every reader the access rights and record rules
let open it, today and later (:meth:`Readers.of_record`): it holds no more than
the least privileged of them may see, whoever made it.
"""

from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

# who may read the identity of a submitter (DESIGN, roles; the ``groups`` of the
# identity fields of sunny.case): the center manager and discipline inspection that
# of any case they read, the center staff that of an ordinary case
IDENTITY_ANY_CASE = ("sunny_service.group_center_manager", "sunny_service.group_discipline")
IDENTITY_ORDINARY_CASE = ("sunny_service.group_center_staff",)
# who may read a confidential case whatever its unit (the record rules of sunny.case;
# entrusted officers and handlers read theirs only, so never a whole document)
CONFIDENTIAL_READERS = IDENTITY_ANY_CASE


def mask_name(name):
    """张三 → 张*, Zhang San → Z********: enough to recognise, not to identify."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_phone(phone):
    digits = (phone or "").strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def _groups(env, xmlids):
    groups = env["res.groups"]
    for xmlid in xmlids:
        groups |= env.ref(xmlid, raise_if_not_found=False) or groups
    return groups


def reader_groups(record):
    """The kinds of people who may read ``record``: for each group granted read on its
    model (``ir.model.access``), that group with the groups it implies (its least
    privileged member holds no more), when the record rules of those groups let it
    read the record. A grant to everybody is a reader with no group. Rules are
    evaluated with the current user as ``user``."""
    record.ensure_one()
    env = record.env
    accesses = env["ir.model.access"].sudo().search([("model_id.model", "=", record._name), ("perm_read", "=", True)])
    rules = env["ir.rule"].sudo().search([("model_id.model", "=", record._name), ("perm_read", "=", True)])
    eval_context = env["ir.rule"]._eval_context()

    def domain(rule):
        return expression.normalize_domain(safe_eval(rule.domain_force, eval_context) if rule.domain_force else [])

    global_domain = expression.AND([domain(rule) for rule in rules if not rule.groups])
    kinds = [group | group.trans_implied_ids for group in accesses.group_id]
    if any(not access.group_id for access in accesses):
        kinds.append(env["res.groups"])
    Model = record.sudo().with_context(active_test=False)
    readers = []
    for held in kinds:
        group_rules = rules.filtered(lambda rule, held=held: rule.groups & held)
        allowed = global_domain
        if group_rules:
            allowed = expression.AND([global_domain, expression.OR([domain(rule) for rule in group_rules])])
        if Model.search_count(expression.AND([[("id", "=", record.id)], allowed]), limit=1):
            readers.append(held)
    return readers


class Readers:
    """The readers of a document, as far as submitters go: what the least privileged
    of them may see decides what the document says. Build it once per document."""

    def __init__(self, env, kinds):
        self.env = env
        any_case = _groups(env, IDENTITY_ANY_CASE)
        ordinary_case = any_case | _groups(env, IDENTITY_ORDINARY_CASE)
        confidential = _groups(env, CONFIDENTIAL_READERS)
        kinds = list(kinds)
        # nobody may read it: say nothing
        self.see_identity = bool(kinds) and all(held & ordinary_case for held in kinds)
        self.read_confidential = bool(kinds) and all(held & confidential for held in kinds)

    @classmethod
    def current_user(cls, env):
        """A live printout: the user who prints it (also under sudo, to stay on the safe side)."""
        return cls(env, [env.user.groups_id])

    @classmethod
    def of_record(cls, record):
        """A document stored on ``record``: whoever may read the record."""
        return cls(record.env, reader_groups(record))

    def may_read(self, case):
        """Whether every reader may read ``case`` itself (title, content, reply):
        ``case`` is a record, or a row read in SQL with its ``is_confidential``."""
        return self.read_confidential or not case.is_confidential


def submitter_label(case, readers):
    """The submitter as a document for ``readers`` shows them: "Confidential" for a
    confidential case whoever reads (a whistle-blower is never on paper),
    "Anonymous", the name and phone when every reader may see the identity of an
    ordinary case (center staff and manager), masked for anyone else."""
    if case.is_confidential or case.is_anonymous:
        return submitter_text(case.is_confidential, case.is_anonymous, "", "", readers)
    sudo_case = case.sudo()
    return submitter_text(False, False, sudo_case.submitter_name, sudo_case.submitter_phone, readers)


def submitter_text(is_confidential, is_anonymous, name, phone, readers):
    """:func:`submitter_label` of a case given by its values (a row read in SQL):
    ``name`` and ``phone`` are the submitter's identity as stored, unmasked."""
    env = readers.env
    if is_confidential:
        return env._("Confidential")
    if is_anonymous:
        return env._("Anonymous")
    name, phone = name or "", phone or ""
    if not readers.see_identity:
        name, phone = mask_name(name), mask_phone(phone)
    return " · ".join(filter(None, [name, phone])) or "-"
