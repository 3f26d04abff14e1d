"""The submitter's answer to the settle check (落实回访), on the query page and the
portal: the case is proven theirs by the caller."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from ..tools.validation import clean_text


def case_settle(case_sudo, post):
    """(flash key, errors, form values) of the answer in ``post``."""
    answer = post.get("answer")
    reason = clean_text(post.get("reason"), multiline=True)
    try:
        with request.env.cr.savepoint():
            case = case_sudo._as_submitter()
            case._settle_answer(answer, reason, post.get("settle_token"))
            case._flush_as_submitter()
    except (UserError, ValidationError, AccessError) as error:
        return None, [error.args[0]], {"settle_reason": reason, "answer": answer}
    return ("settled" if answer == "yes" else "unsettled"), [], {}
