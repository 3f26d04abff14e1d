"""`make run` (scripts/run_demo.sh) sets web.base.url to the address it serves,
http://127.0.0.1:$PORT, and freezes it, on every start: mails and PDFs link to the
server that sent them, whatever the port."""

import importlib.util
import os
import subprocess
import tempfile

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

SCRIPTS = os.path.join(os.path.dirname(get_module_path("sunny_service")), "scripts")


@tagged("post_install", "-at_install")
class TestRunDemo(TransactionCase):
    def setUp(self):
        super().setUp()
        if not os.path.isfile(os.path.join(SCRIPTS, "run_demo.sh")):
            self.skipTest("the repository's scripts are not next to the addon")

    def test_every_start_sets_the_served_address(self):
        """Run the script with a python that only notes how it is called (the
        database exists, its modules are installed): the parameters are set for
        the port of each start, before the server starts."""
        with tempfile.TemporaryDirectory() as tmp:
            calls = os.path.join(tmp, "calls")
            stub = os.path.join(tmp, "python")
            with open(stub, "w") as f:
                f.write(f'#!/bin/sh\necho "$*" >> {calls}\n')
            os.chmod(stub, 0o755)
            for port in ("8123", "9069"):
                env = {
                    key: value for key, value in os.environ.items() if key not in ("RESET", "UPDATE", "HTTP_INTERFACE")
                }
                env.update(PYTHON=stub, DB="sunny_demo_test", PORT=port)
                subprocess.run(
                    ["bash", os.path.join(SCRIPTS, "run_demo.sh")], env=env, check=True, capture_output=True, timeout=60
                )
            with open(calls) as f:
                lines = f.read().splitlines()
        set_params = [line for line in lines if " set-params " in line]
        self.assertEqual(
            set_params,
            [
                f"scripts/odoo_cmd.py set-params sunny_demo_test web.base.url=http://127.0.0.1:{port} "
                "web.base.url.freeze=True"
                for port in ("8123", "9069")
            ],
        )
        served = [line for line in lines if " run " in line and "--http-port" in line]
        self.assertEqual(len(served), 2)
        self.assertLess(lines.index(set_params[1]), lines.index(served[1]), "set before the server starts")

    def test_set_params_sql(self):
        spec = importlib.util.spec_from_file_location("odoo_cmd", os.path.join(SCRIPTS, "odoo_cmd.py"))
        odoo_cmd = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(odoo_cmd)
        Params = self.env["ir.config_parameter"].sudo()
        Params.set_param("web.base.url", "http://localhost:8069")
        self.env.flush_all()
        for url in ("http://127.0.0.1:8123", "http://127.0.0.1:9069"):
            self.env.cr.execute(odoo_cmd.set_params_sql({"web.base.url": url, "web.base.url.freeze": "True"}))
            self.env.registry.clear_cache()
            self.env.invalidate_all()
            self.assertEqual(Params.get_param("web.base.url"), url)
            self.assertEqual(Params.get_param("web.base.url.freeze"), "True")
