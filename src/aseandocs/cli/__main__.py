"""``python -m aseandocs.cli``: the same as the ``aseandocs`` command."""
import sys

from .main import main

sys.exit(main())
