"""The enrolment page for the people who must use two-factor authentication
(``models/res_users_totp.py``): after their password, before any session."""

import base64
import io
import os
import re

import qrcode
import werkzeug.urls

from odoo import http
from odoo.http import request

from odoo.addons.auth_totp.models.totp import ALGORITHM, DIGITS, TIMESTEP, TOTP, TOTP_SECRET_SIZE
from odoo.addons.web.controllers.home import Home

from ..models.res_users_totp import ENROL_URL

SECRET_KEY = "sunny_totp_secret"


class SunnyTotpEnrol(http.Controller):
    @http.route(ENROL_URL, type="http", auth="public", methods=["GET", "POST"], sitemap=False, website=False)
    def sunny_totp_enrol(self, code=None, redirect=None, **kw):
        session = request.session
        if session.uid:
            return request.redirect(Home()._login_redirect(session.uid, redirect=redirect))
        if not session.pre_uid:
            return request.redirect("/web/login")
        user = request.env["res.users"].sudo().browse(session.pre_uid)
        if not user._sunny_totp_required():
            return request.redirect("/web/login/totp" if user.totp_enabled else "/web/login")
        secret = session.get(SECRET_KEY)
        if not secret:
            secret = session[SECRET_KEY] = base64.b32encode(os.urandom(TOTP_SECRET_SIZE // 8)).decode()
        error = None
        if request.httprequest.method == "POST":
            digits = re.sub(r"\s", "", code or "")
            if not digits.isdigit() or TOTP(base64.b32decode(secret)).match(int(digits)) is None:
                error = request.env._("The code is not right: enter the six digits your app shows now.")
            else:
                user.totp_secret = secret
                session.pop(SECRET_KEY, None)
                request.env.flush_all()
                session.finalize(request.env)
                request.update_env(user=session.uid)
                request.update_context(**session.context)
                return request.redirect(Home()._login_redirect(session.uid, redirect=redirect))
        issuer = request.httprequest.host.split(":", 1)[0]
        url = werkzeug.urls.url_unparse(
            (
                "otpauth",
                "totp",
                werkzeug.urls.url_quote(f"{issuer}:{user.login}", safe=":"),
                werkzeug.urls.url_encode(
                    {
                        "secret": secret,
                        "issuer": issuer,
                        "algorithm": ALGORITHM.upper(),
                        "digits": DIGITS,
                        "period": TIMESTEP,
                    }
                ),
                "",
            )
        )
        image = io.BytesIO()
        qrcode.make(url.encode(), box_size=4).save(image, optimise=True, format="PNG")
        session.touch()
        return request.render(
            "sunny_service.sunny_totp_enrol",
            {
                "user": user,
                "qrcode": base64.b64encode(image.getvalue()).decode(),
                "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
                "error": error,
                "redirect": redirect,
            },
        )
