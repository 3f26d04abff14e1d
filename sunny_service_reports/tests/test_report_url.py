import datetime
import io
import shutil
import subprocess
import tempfile
from urllib.parse import urljoin

from lxml import html as lxml_html
from PIL import Image

from odoo.tests import HttpCase, tagged

from ..tools.server import local_http_url

WRONG_BASE_URL = "http://127.0.0.1:1"  # what web.base.url says when the server moved to another port
DRAFT_RED = (192, 57, 43)  # the frame of "Draft: not sent …", drawn by sunny_reports.scss only


@tagged("post_install", "-at_install")
class TestReportUrl(HttpCase):
    """PDFs are styled whatever ``web.base.url`` says: wkhtmltopdf fetches the CSS
    from the server's own address."""

    def setUp(self):
        super().setUp()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("web.base.url", WRONG_BASE_URL)
        params.set_param("report.url", False)
        self.bulletin = self.env["sunny.bulletin"].create(
            {"date_from": datetime.date(2025, 6, 1), "date_to": datetime.date(2025, 6, 30)}
        )
        self.bulletin.action_compute()
        self.report = self.env.ref("sunny_service_reports.action_report_sunny_bulletin")

    def test_css_is_linked_at_a_reachable_address(self):
        html, _type = self.report._render_qweb_html(self.report, self.bulletin.ids)
        bodies, _res_ids, _header, _footer, _args = self.report._prepare_html(html, report_model=self.report.model)
        page = lxml_html.fromstring(bodies[0])
        base = page.xpath("//base/@href")[0]
        self.assertEqual(base, local_http_url())
        self.assertNotEqual(base, WRONG_BASE_URL)
        stylesheets = page.xpath("//link[@rel='stylesheet']/@href")
        self.assertTrue(stylesheets)
        css = ""
        for href in stylesheets:
            response = self.url_open(urljoin(base, href))
            self.assertEqual(response.status_code, 200, href)
            css += response.text
        self.assertIn(".sunny-draft", css, "the reports' own CSS is in the bundles")

    def test_administrator_report_url_wins(self):
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://odoo.internal:8069")
        self.assertEqual(self.report._get_report_url(), "http://odoo.internal:8069")

    def test_real_pdf_is_styled(self):
        """A real PDF by wkhtmltopdf, as the monthly job makes it: the red frame of the
        draft stamp is drawn from the CSS."""
        if not (shutil.which("pdftoppm") and self.env["ir.actions.report"].get_wkhtmltopdf_state() == "ok"):
            self.skipTest("wkhtmltopdf and pdftoppm are needed (scripts/setup.sh installs them)")
        pdf, _type = self.report.with_context(force_report_rendering=True)._render_qweb_pdf(
            self.report, self.bulletin.ids
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.TemporaryDirectory() as tmp:
            path = f"{tmp}/bulletin.pdf"
            with open(path, "wb") as file:
                file.write(pdf)
            png = subprocess.run(
                ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", path], check=True, capture_output=True
            ).stdout
        image = Image.open(io.BytesIO(png)).convert("RGB")
        red = sum(
            1
            for pixel in image.getdata()
            if all(abs(channel - target) < 40 for channel, target in zip(pixel, DRAFT_RED, strict=True))
        )
        self.assertGreater(red, 20, "the draft stamp is framed in red: the CSS was loaded")
