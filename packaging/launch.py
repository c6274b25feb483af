"""Entry point of the frozen app (PyInstaller): the same ``main`` as the ``pont`` command.

No arguments open the desktop app; anything else is the command line (``pont --help``).
"""

import sys
import warnings

from ui.launch import main

# Pillow is left out of the bundle on purpose (packaging/pont.spec): fpdf2 says so once.
warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)

if __name__ == "__main__":
    sys.exit(main())
