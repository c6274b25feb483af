"""Translation with Qt Linguist: English (UK) is the source language, others are catalogues.

Widgets translate with ``self.tr(...)`` (the context is their class). Text made outside a
widget (messages, packet words, formats) goes through :func:`tr` here, and words kept in
tables are marked with :func:`noop` and translated where shown (``tr(TABLE[key])``):
``pyside6-lupdate`` files both under the empty context, which is where :func:`tr` looks
them up. ``packaging/update_translations.py`` rewrites ``resources/translations/*.ts``
from the code; ``tests/ui/test_translations.py`` checks that it is current and that a
catalogue really changes what the screens say.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

import resources

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

SOURCE_LANGUAGE = "en_GB"
FOLDER = Path(resources.__file__).parent / "translations"


def tr(text: str) -> str:
    """``text`` in the person's language (``text`` itself in English)."""
    return QCoreApplication.translate("", text)


def noop(text: str) -> str:
    """Marks ``text`` for translation where it is defined; :func:`tr` translates it later."""
    return text


def available_languages(folder: Path = FOLDER) -> tuple[str, ...]:
    """The source language, then every language with a compiled catalogue in ``folder``."""
    built = sorted(path.stem.removeprefix("pont_") for path in folder.glob("pont_*.qm"))
    return (SOURCE_LANGUAGE, *(language for language in built if language != SOURCE_LANGUAGE))


def install(app: QCoreApplication, language: str, folder: Path = FOLDER) -> list[QTranslator]:
    """Load Pont's catalogue for ``language`` and Qt's own (dialog buttons and the like).

    Nothing to load for the source language, so an English start reads no file. Returns
    the translators installed; a missing catalogue leaves that part in English.
    """
    if language == SOURCE_LANGUAGE:
        return []
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name, where in ((f"pont_{language}", str(folder)), (f"qtbase_{language}", qt_folder)):
        translator = QTranslator(app)
        if translator.load(name, where) and app.installTranslator(translator):
            installed.append(translator)
    return installed
