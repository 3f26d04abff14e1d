"""Every string a user reads is Chinese for a Chinese user: each term Odoo would
export for the addon (fields, selections, views, menus, messages in the code,
QWeb templates) has its zh_CN translation. scripts/i18n_sync.sh brings the .po
files up to date; this test fails while a term is left untranslated."""

import re

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

CJK = re.compile(r"[\u4e00-\u9fff]")


def untranslated_terms(env, module):
    """The English terms of ``module`` that its zh_CN.po leaves untranslated."""
    terms = {
        source
        for _module, _type, _name, _res_id, source, _value, _comments in TranslationModuleReader(
            env.cr, modules=[module]
        )
        # demo records and texts written in Chinese need no translation
        if source and not CJK.search(source) and re.search(r"[A-Za-z]", source)
    }
    po = polib.pofile(f"{get_module_path(module)}/i18n/zh_CN.po")
    translated = {entry.msgid for entry in po if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags}
    return sorted(terms - translated)


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_every_term_is_translated(self):
        missing = untranslated_terms(self.env, "sunny_service")
        self.assertFalse(
            missing,
            "untranslated in sunny_service/i18n/zh_CN.po (run scripts/i18n_sync.sh):\n" + "\n".join(missing[:50]),
        )
