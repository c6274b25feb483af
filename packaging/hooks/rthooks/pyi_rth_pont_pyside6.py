"""PySide6 run-time hook for Pont: Qt's paths set at start, anything that needs Qt deferred.

It replaces PyInstaller's ``pyi_rth_pyside6.py`` (packaging/hooks/rthooks.dat), which runs at
every start of the frozen app and imports ``PySide6.QtCore`` there (to register an embedded
``qt.conf`` if PySide6 did not): ~80 ms for commands that never touch Qt (``pont --help``,
``pont verify``; P13 in docs/packaging.md). Here the environment variables are set as that
hook sets them (plain strings, no Qt), and the ``qt.conf`` step runs right after
``PySide6.QtCore`` is first imported, which is still before any Qt object exists.
"""


def _pont_rthook():
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils  # importlib and atexit: no Qt

    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")
    windows = sys.platform.startswith("win")
    qt_path = os.path.join(sys._MEIPASS, "PySide6", *(() if windows else ("Qt",)))
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt_path, "qml")  # Pont ships no QML
    if windows:  # QtNetwork's OpenSSL DLLs, if any were collected next to the app
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")
    sys.meta_path.insert(0, _AfterQtCore(qt_path))


class _AfterQtCore:
    """A meta-path finder that only watches for ``PySide6.QtCore`` and then leaves."""

    TARGET = "PySide6.QtCore"

    def __init__(self, qt_path):
        self.qt_path = qt_path

    def find_spec(self, name, path=None, target=None):
        import sys

        if name != self.TARGET:
            return None
        sys.meta_path.remove(self)
        for finder in sys.meta_path:
            spec = finder.find_spec(name, path, target) if hasattr(finder, "find_spec") else None
            if spec is not None:
                spec.loader = _ThenQtConf(spec.loader, self.qt_path)
                return spec
        return None


class _ThenQtConf:
    """The real loader of ``PySide6.QtCore``, followed by PyInstaller's ``qt.conf`` step."""

    def __init__(self, loader, qt_path):
        self.loader = loader
        self.qt_path = qt_path

    def __getattr__(self, name):  # is_package, get_resource_reader, ... as the real loader
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        from _pyi_rth_utils import qt as qt_rth_utils

        # a no-op for PyPI wheels (QtCore embeds its own qt.conf): kept for other PySide6 builds
        qt_rth_utils.create_embedded_qt_conf("PySide6", self.qt_path)


_pont_rthook()
del _pont_rthook
