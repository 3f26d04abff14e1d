"""What each person gets of a confidential case and of a submitter's identity,
channel by channel of the reports.

The rule (DESIGN, roles): the identity of a confidential case's submitter is known
only to the center manager and discipline inspection; the center staff know the
identity of ordinary cases; units (officers, handlers) and the leadership see a
masked submitter; a confidential case is read only by the manager, discipline
inspection, the officers it is entrusted to and its handler. Paper never names a
whistle-blower: a printed or stored confidential case says "Confidential" whoever
prints it. A stored document holds no more than its least privileged reader may see.

Two cases of unit B are added to the month of ``common``, both accepted by the
officer of B with a handler, answered and closed: ``ordinary`` (a complaint of
Wang Wu) and ``secret`` (a report of Zhao Liu, entrusted to the officer of B). The
March register is bound into volumes: the ordinary ones by the center staff, the
confidential one by the center manager.

Each test is one channel; its table gives, for every person, what they get for
(``ordinary``, ``secret``): the identity, the masked identity, "Confidential", the
case left out (ABSENT) or an AccessError (DENIED).
"""

import importlib.util
import io
import re

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools.misc import file_path

from odoo.addons.base.models.ir_qweb import QWebException

from .common import COMPUTE_AT, MARCH, SunnyReportsCommon

FULL = "Wang Wu · 13700137000"
MASKED = "W****** · 137****7000"
HIDDEN = "Confidential"
SEEN = "seen"  # the case is shown (rows, lists), without identity
ABSENT = "absent"  # the case is left out
DENIED = "denied"  # AccessError

ORDINARY_TITLE = "教室投影仪损坏"
SECRET_TITLE = "财务处长收受回扣"
# what only the manager and discipline inspection may ever read of the report
WHISTLE_BLOWER = ("Zhao Liu", "13600136000")

PEOPLE = ("handler", "officer", "entrusted", "other_officer", "staff", "leader", "discipline", "manager")
UNIT_PEOPLE = ("handler", "officer", "entrusted", "other_officer")


def units(got):
    """The people of the units, who all get ``got``."""
    return dict.fromkeys(UNIT_PEOPLE, got)


UNITS = units((DENIED, DENIED))


@tagged("post_install", "-at_install")
class TestConfidentiality(SunnyReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.handler_b = new_test_user(
            env, login="rep_handler_b", name="Handler B", tz="Asia/Shanghai", groups="sunny_service.group_handler"
        )
        cls.officer_b2 = new_test_user(
            env,
            login="rep_officer_b2",
            name="Officer B2",
            tz="Asia/Shanghai",
            groups="sunny_service.group_station_officer",
        )
        # exporting is a right of its own (base.group_allow_export): give it, to try it
        env.ref("base.group_allow_export").users = [
            (4, user.id)
            for user in (
                cls.handler_b,
                cls.officer_b2,
                cls.officer_a,
                cls.officer_b,
                cls.center_staff,
                cls.leadership,
                cls.discipline,
                cls.center_manager,
            )
        ]
        cls.unit_b.station_ids.write({"officer_ids": [(4, cls.officer_b2.id)], "handler_ids": [(4, cls.handler_b.id)]})
        ordinary = cls._create(
            "ordinary",
            "2026-03-10 01:00:00",
            ORDINARY_TITLE,
            "complaint",
            "web",
            cls.teaching,
            submitter_name="Wang Wu",
            submitter_phone="13700137000",
        )
        secret = cls._create(
            "secret",
            "2026-03-10 01:00:00",
            SECRET_TITLE,
            "report",
            "letter",
            cls.teaching,
            submitter_name=WHISTLE_BLOWER[0],
            submitter_phone=WHISTLE_BLOWER[1],
        )
        for case in ordinary | secret:
            cls._assign("2026-03-10 02:00:00", case, cls.unit_b, cls.officer_b)
            cls._do("2026-03-10 03:00:00", case, cls.officer_b, "action_accept", cls.handler_b)
            cls._reply("2026-03-11 02:00:00", case, cls.officer_b, "2026-03-11 03:00:00")
            cls._follow_up("2026-03-12 02:00:00", case, "satisfied")
        Volume = env["sunny.register.volume"]
        Volume.with_user(cls.center_staff)._bind_period(*MARCH)
        Volume.with_user(cls.center_manager)._bind_period(*MARCH)
        env.invalidate_all()
        cls.ordinary_volume = ordinary.register_volume_id
        cls.secret_volume = secret.register_volume_id
        cls.people = {
            "handler": cls.handler_b,
            "officer": cls.officer_b2,
            "entrusted": cls.officer_b,
            "other_officer": cls.officer_a,
            "staff": cls.center_staff,
            "leader": cls.leadership,
            "discipline": cls.discipline,
            "manager": cls.center_manager,
        }

    def test_fixture(self):
        self.assertEqual((self.ordinary.state, self.secret.state), ("closed", "closed"))
        self.assertEqual((self.ordinary.handler_id, self.secret.handler_id), (self.handler_b, self.handler_b))
        self.assertTrue(self.secret.is_confidential)
        self.assertIn(self.officer_b, self.secret.entrusted_user_ids)
        self.assertNotIn(self.officer_b2, self.secret.entrusted_user_ids)
        self.assertFalse(self.ordinary_volume.is_confidential)
        self.assertTrue(self.secret_volume.is_confidential)
        self.assertEqual(self.ordinary_volume.bound_user_id, self.center_staff)

    # ------------------------------------------------------------------ helpers

    def _check(self, table, channel):
        """Compare ``channel(user)`` with ``table[person]`` for every person; an
        AccessError out of the channel is DENIED for each case."""
        self.assertEqual(set(table), set(PEOPLE))
        for person in PEOPLE:
            expected = table[person]
            with self.subTest(person=person):
                self.env.invalidate_all()
                try:
                    got = channel(self.people[person])
                except AccessError:
                    got = (DENIED,) * len(expected) if isinstance(expected, tuple) else DENIED
                self.assertEqual(got, expected)

    def _shown(self, text, case, title):
        """SEEN when ``text`` names the case (number or title), else ABSENT."""
        return SEEN if case.name in text or title in text else ABSENT

    def _assert_no_whistle_blower(self, text):
        for secret in WHISTLE_BLOWER + ("136****6000",):
            self.assertNotIn(secret, text)

    def _html(self, report, records, user):
        try:
            html, _type = (
                self.env["ir.actions.report"]
                .with_user(user)
                .with_context(lang="en_US")
                ._render_qweb_html(report, records.ids)
            )
        except QWebException as error:
            # a record the template reads and the user may not
            if isinstance(error.__cause__, AccessError):
                raise error.__cause__ from error
            raise
        return html.decode()

    def _xlsx_rows(self, content):
        """{case number: {column: value}} of a register workbook (every sheet)."""
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        rows = {}
        for sheet in workbook.worksheets:
            values = list(sheet.iter_rows(values_only=True))
            if len(values) < 4:
                continue
            header = values[3]
            for row in values[4:]:
                if row and row[0]:
                    rows[row[1]] = dict(zip(header, row, strict=False))
        return rows

    def _submitters(self, rows):
        self._assert_no_whistle_blower(repr(rows))
        return tuple(
            rows[case.name]["Submitter"] if case.name in rows else ABSENT for case in (self.ordinary, self.secret)
        )

    # ------------------------------------------------------------------ case sheet

    def test_case_sheet(self):
        """受理交办单 (PDF; HTML in tests): the submitter cell of each case."""

        def channel(user):
            result = []
            for case in (self.ordinary, self.secret):
                try:
                    html = self._html("sunny_service_reports.action_report_sunny_case_sheet", case, user)
                except AccessError:
                    result.append(DENIED)
                    continue
                self._assert_no_whistle_blower(html)
                result.append(re.search(r'<td class="label">Submitter</td>\s*<td>([^<]*)</td>', html).group(1))
            return tuple(result)

        self._check(
            {
                "handler": (MASKED, HIDDEN),
                "officer": (MASKED, DENIED),
                "entrusted": (MASKED, HIDDEN),
                "other_officer": (DENIED, DENIED),
                "staff": (FULL, DENIED),
                "leader": (MASKED, DENIED),
                "discipline": (DENIED, HIDDEN),
                "manager": (FULL, HIDDEN),
            },
            channel,
        )

    # ------------------------------------------------------------------ register

    def test_register_xlsx(self):
        """台账 exported live: the rows the reader may read, identities as they may see them."""

        def channel(user):
            wizard = (
                self.env["sunny.register.wizard"].with_user(user).create({"date_from": MARCH[0], "date_to": MARCH[1]})
            )
            content, _ext = (
                self.env["ir.actions.report"]
                .with_user(user)
                ._render("sunny_service_reports.action_report_sunny_register_xlsx", wizard.ids)
            )
            return self._submitters(self._xlsx_rows(content))

        self._check(
            dict(
                UNITS,
                **{
                    "staff": (FULL, ABSENT),
                    "leader": (DENIED, DENIED),
                    "discipline": (ABSENT, HIDDEN),
                    "manager": (FULL, HIDDEN),
                },
            ),
            channel,
        )

    def _download(self, user, attachment):
        """The stored file as /web/content gives it to ``user``."""
        return self.env["ir.binary"].with_user(user)._find_record(res_id=attachment.id).raw

    def test_volume_xlsx(self):
        """A bound volume keeps its register as XLSX: written for its least privileged
        reader (the leadership reads the ordinary volumes), whoever bound it."""

        def channel(user):
            result = []
            for case, volume in ((self.ordinary, self.ordinary_volume), (self.secret, self.secret_volume)):
                try:
                    rows = self._xlsx_rows(self._download(user, volume.attachment_id))
                except AccessError:
                    result.append(DENIED)
                    continue
                self.assertIn(case.name, rows)
                result.append(self._submitters(rows)[case == self.secret])
            return tuple(result)

        self._check(
            dict(
                UNITS,
                **{
                    "staff": (MASKED, DENIED),
                    "leader": (MASKED, DENIED),
                    "discipline": (DENIED, HIDDEN),
                    "manager": (MASKED, HIDDEN),
                },
            ),
            channel,
        )

    def test_volume_access(self):
        """Who reads a volume at all (and prints it again)."""

        def channel(user):
            result = []
            for volume in (self.ordinary_volume, self.secret_volume):
                try:
                    volume.with_user(user).check_access("read")
                    content, _ext = (
                        self.env["ir.actions.report"]
                        .with_user(user)
                        ._render("sunny_service_reports.action_report_sunny_register_volume_xlsx", volume.ids)
                    )
                except AccessError:
                    result.append(DENIED)
                    continue
                submitters = self._submitters(self._xlsx_rows(content))
                result.append(submitters[volume == self.secret_volume])
            return tuple(result)

        self._check(
            dict(
                UNITS,
                **{
                    "staff": (MASKED, DENIED),
                    "leader": (MASKED, DENIED),
                    "discipline": (DENIED, HIDDEN),
                    "manager": (MASKED, HIDDEN),
                },
            ),
            channel,
        )

    def test_volume_follows_reclassification(self):
        """A bound case made confidential afterwards leaves the stored register of its
        ordinary volume: its readers may no longer read it."""
        before = self._xlsx_rows(self._download(self.leadership, self.ordinary_volume.attachment_id))
        self.assertEqual(before[self.ordinary.name]["Title"], ORDINARY_TITLE)
        self.ordinary.with_user(self.center_manager).write({"is_confidential": True})
        self.env.invalidate_all()
        raw = self._download(self.leadership, self.ordinary_volume.attachment_id)
        row = self._xlsx_rows(raw)[self.ordinary.name]
        self.assertEqual((row["Submitter"], row["Title"], row["Content"], row["Reply"]), (HIDDEN,) * 4)
        self.assertNotIn(ORDINARY_TITLE, repr(self._xlsx_rows(raw)))
        self.assertIn(self.c1.name, self._xlsx_rows(raw), "the other cases of the volume stay")

    def test_upgrade_rewrites_what_was_stored(self):
        """The upgrade to 18.0.1.0.1 writes again the registers kept before (with the
        identities their binder saw) and makes the topics of discipline inspection
        confidential."""
        wizard = (
            self.env["sunny.register.wizard"]
            .with_user(self.center_staff)
            .create({"date_from": MARCH[0], "date_to": MARCH[1]})
        )
        old, _ext = (
            self.env["ir.actions.report"]
            .with_user(self.center_staff)
            ._render("sunny_service_reports.action_report_sunny_register_xlsx", wizard.ids)
        )
        attachment = self.ordinary_volume.attachment_id
        attachment.raw = old
        before = self._xlsx_rows(self._download(self.leadership, attachment))
        self.assertEqual(before[self.ordinary.name]["Submitter"], FULL, "as the center saw it")
        topic = self.env["sunny.topic"].with_user(self.discipline).create({"name": "Kickbacks", "keywords": "回扣"})
        topic.is_confidential = False
        path = file_path("sunny_service_reports/migrations/18.0.1.0.1/post-migrate.py")
        spec = importlib.util.spec_from_file_location("sunny_service_reports_migrate_18_0_1_0_1", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        rows = self._xlsx_rows(self._download(self.leadership, attachment))
        self.assertEqual(rows[self.ordinary.name]["Submitter"], MASKED)
        self.assertEqual(set(rows), set(self.ordinary_volume.case_ids.mapped("name")), "the volume's cases only")
        self.assertTrue(topic.is_confidential)
        with self.assertRaises(AccessError):
            topic.with_user(self.leadership).check_access("read")

    # ------------------------------------------------------------------ analysis

    def test_analysis(self):
        """sunny.case.analysis through search, read_group, export and a title search."""

        def channel(user):
            Analysis = self.env["sunny.case.analysis"].with_user(user)
            cases = self.ordinary | self.secret
            rows = Analysis.search([("case_id", "in", cases.ids)])
            grouped = {
                values["case_id"][0]: values["case_count"]
                for values in Analysis.read_group([("case_id", "in", cases.ids)], ["case_count:sum"], ["case_id"])
            }
            exported = repr(rows.export_data(["name", "title", "case_id"])["datas"])
            result = []
            for case, title in ((self.ordinary, ORDINARY_TITLE), (self.secret, SECRET_TITLE)):
                by_title = Analysis.search_count([("title", "=", title)])
                seen = {case in rows.case_id, case.id in grouped, case.name in exported, bool(by_title)}
                self.assertEqual(len(seen), 1, "every way in agrees")
                result.append(SEEN if seen.pop() else ABSENT)
            return tuple(result)

        self._check(
            dict(
                UNITS,
                **{
                    "staff": (SEEN, ABSENT),
                    "leader": (SEEN, ABSENT),
                    "discipline": (ABSENT, SEEN),
                    "manager": (SEEN, SEEN),
                },
            ),
            channel,
        )

    def test_analysis_search_by_identity(self):
        """Searching the analysis by the submitter is reading the identity."""

        def channel(user):
            Analysis = self.env["sunny.case.analysis"].with_user(user)
            return tuple(
                SEEN if Analysis.search_count([("case_id.submitter_phone", "=", phone)]) else ABSENT
                for phone in ("13700137000", WHISTLE_BLOWER[1])
            )

        self._check(
            dict(
                UNITS,
                **{
                    "staff": (SEEN, ABSENT),
                    "leader": (DENIED, DENIED),
                    "discipline": (ABSENT, SEEN),
                    "manager": (SEEN, SEEN),
                },
            ),
            channel,
        )

    # ------------------------------------------------------------------ bulletin

    def test_bulletin(self):
        """月通报, its form and its PDF: confidential cases counted, never named (c7 is
        confidential, overdue and supervised; c4 is overdue)."""
        bulletin = self._bulletin()
        self.assertEqual((bulletin.overdue_confidential_count, bulletin.major_confidential_count), (1, 1))

        def channel(user):
            mine = bulletin.with_user(user)
            listed = mine.overdue_case_ids | mine.major_case_ids
            stats = " ".join(mine.stat_ids.mapped("label"))
            html = self._html("sunny_service_reports.action_report_sunny_bulletin", bulletin, user)
            self._assert_no_whistle_blower(html)
            self.assertNotIn("Wang Wu", html)
            text = f"{listed.sudo().mapped('name')} {listed.sudo().mapped('title')} {stats} {html}"
            return (
                self._shown(text, self.c4, "图书馆应当延长开放时间"),
                self._shown(text, self.c7, "行贿"),
                self._shown(text, self.secret, SECRET_TITLE),
            )

        # the lists follow the reader's access: discipline inspection does not read c4
        shown = (SEEN, ABSENT, ABSENT)
        self._check(
            dict(units((DENIED,) * 3), staff=shown, leader=shown, discipline=(ABSENT,) * 3, manager=shown), channel
        )

    def test_bulletin_sent(self):
        """The bulletin mail and the PDF kept with it name no confidential case."""
        bulletin = self._bulletin()
        with freeze_time(COMPUTE_AT):
            bulletin.with_user(self.center_staff).action_send()
        message = bulletin.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(len(message), 1)

        def channel(user):
            attachment = self._download(user, message.attachment_ids)
            text = f"{message.with_user(user).body} {message.with_user(user).subject} {attachment.decode()}"
            self._assert_no_whistle_blower(text)
            return (
                self._shown(text, self.c4, "图书馆应当延长开放时间"),
                self._shown(text, self.c7, "行贿"),
                self._shown(text, self.secret, SECRET_TITLE),
            )

        shown = (SEEN, ABSENT, ABSENT)
        self._check(dict(units((DENIED,) * 3), staff=shown, leader=shown, discipline=shown, manager=shown), channel)

    # ------------------------------------------------------------------ assessment, scoreboard

    def test_assessment(self):
        """年度考核 (PDF and XLSX): figures per unit, no case and no person."""
        with freeze_time(COMPUTE_AT):
            assessment = self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2026})
            assessment.action_compute()

        def channel(user):
            html = self._html("sunny_service_reports.action_report_sunny_assessment", assessment, user)
            content, _ext = (
                self.env["ir.actions.report"]
                .with_user(user)
                ._render("sunny_service_reports.action_report_sunny_assessment_xlsx", assessment.ids)
            )
            workbook = load_workbook(io.BytesIO(content), read_only=True)
            text = html + repr([list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets])
            self._assert_no_whistle_blower(text)
            self.assertIn("Logistics Department", text)
            for name in ("Wang Wu", "Zhang San", "W******"):
                self.assertNotIn(name, text)
            return self._shown(text, self.ordinary, ORDINARY_TITLE), self._shown(text, self.secret, SECRET_TITLE)

        shown = (ABSENT, ABSENT)
        self._check(dict(UNITS, staff=shown, leader=shown, discipline=shown, manager=shown), channel)

    def test_unit_scoreboard(self):
        """The scoreboard shows the figures of the annual assessment: one unit has one
        set of figures for every reader of the statistics, confidential cases counted
        as the bulletin and the assessment the leadership reads count them (never
        named: opening the unit's cases still shows what the reader may read); units
        get no figures."""

        def channel(user):
            with freeze_time(COMPUTE_AT):
                unit = self.unit_b.with_user(user)
                return unit.year_case_count, unit.year_overdue_count

        everything = (5, 1)  # c6, c10, ordinary, c7 (replied late), secret
        self._check(
            dict(units((0, 0)), staff=everything, leader=everything, discipline=everything, manager=everything),
            channel,
        )

    # ------------------------------------------------------------------ topics

    def test_topics(self):
        """专题分析: a topic of discipline inspection speaks of confidential reports (its
        name, keywords, findings): only the manager and discipline inspection read it.
        The figures of any topic count what the reader may read."""
        with freeze_time(COMPUTE_AT):
            kickbacks = (
                self.env["sunny.topic"]
                .with_user(self.discipline)
                .create(
                    {
                        "name": "Kickbacks in the Finance Office",
                        "keywords": "回扣",
                        "note": "The report names the head of the Finance Office.",
                    }
                )
            )
            projectors = (
                self.env["sunny.topic"]
                .with_user(self.center_manager)
                .create({"name": "Classrooms", "keywords": "投影仪, 回扣"})
            )

        def channel(user):
            with freeze_time(COMPUTE_AT):
                try:
                    topic = kickbacks.with_user(user)
                    topic.check_access("read")
                    shown = SEEN if topic.note and topic.case_count == 1 else "figures missing"
                except AccessError:
                    shown = DENIED
                return shown, projectors.with_user(user).case_count

        self._check(
            dict(
                UNITS,
                **{
                    "staff": (DENIED, 1),
                    "leader": (DENIED, 1),
                    "discipline": (SEEN, 1),
                    "manager": (SEEN, 2),
                },
            ),
            channel,
        )
