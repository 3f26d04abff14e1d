from odoo import api, models

# Odoo's Chinese shows times as "12时40分00秒": the university reads "12:40:00"
ZH_CN_TIME_FORMATS = {"time_format": "%H:%M:%S", "short_time_format": "%H:%M"}


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _sunny_set_time_formats(self):
        """Data hook, run on each install and upgrade of sunny_service: Chinese
        (active or not yet) shows times with colons."""
        lang = self.with_context(active_test=False).search([("code", "=", "zh_CN")])
        if lang:
            lang.write(ZH_CN_TIME_FORMATS)
        return True
