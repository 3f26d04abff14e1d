"""Odoo's server for the HTTP benchmark (bench_http.py): `python3 -m odoo` with the same
arguments, except for the gevent (websocket) process Odoo starts next to its workers as
`python3 <this script> gevent ...`, which here only waits for the server to stop. The
benchmark opens no websocket; started as `python3 -m odoo`, that process could not run
(odoo/__main__.py is no script) and Odoo started it again every second or so, for the
whole run, on the cores the workers measured use."""

import os
import sys
import time

if __name__ == "__main__":
    if sys.argv[1:2] == ["gevent"]:
        parent = os.getppid()
        while os.getppid() == parent:
            time.sleep(2)
        sys.exit(0)
    from odoo.cli.command import main

    main()
