from odoo.tests import TransactionCase, tagged

from odoo.addons.sunny_service.tests.test_i18n import untranslated_terms


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_every_term_is_translated(self):
        missing = untranslated_terms(self.env, "sunny_service_reports")
        self.assertFalse(
            missing,
            "untranslated in sunny_service_reports/i18n/zh_CN.po (run scripts/i18n_sync.sh):\n"
            + "\n".join(missing[:50]),
        )
