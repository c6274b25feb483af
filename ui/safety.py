"""When to lock by itself: after a spell with no keyboard or mouse input, and when the
screen locks (Linux desktops announce it on D-Bus; elsewhere only idle locking applies)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` once ``interval_ms()`` passes with no input anywhere in the app."""

    idle = Signal()

    def __init__(self, interval_ms: Callable[[], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._filtering = False

    def start(self) -> None:
        """Watch the whole app's input (only while a vault is open: an app-wide filter in
        Python sees every event, and at start-up that slowed the first paint, P11)."""
        app = QCoreApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True
        self._timer.start(self._interval_ms())

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
        self._filtering = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start(self._interval_ms())
        return False


class ScreenLockWatcher(QObject):
    """Emits ``screen_locked`` when the desktop reports the screen locked (Linux, D-Bus)."""

    screen_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listening: list[str] = []

    def start(self) -> None:
        """Subscribe where possible; without a session bus (or off Linux) this does nothing."""
        import sys

        if not sys.platform.startswith("linux"):
            return
        from PySide6.QtCore import SLOT
        from PySide6.QtDBus import QDBusConnection

        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service in ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"):
                path = "/" + service.replace(".", "/")
                if session.connect(
                    "", path, service, "ActiveChanged", self, SLOT("on_active(bool)")
                ):
                    self.listening.append(service)
        system = QDBusConnection.systemBus()
        if system.isConnected() and system.connect(
            "org.freedesktop.login1",
            "",
            "org.freedesktop.login1.Session",
            "Lock",
            self,
            SLOT("on_lock()"),
        ):
            self.listening.append("org.freedesktop.login1.Session")

    @Slot(bool)
    def on_active(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()

    @Slot()
    def on_lock(self) -> None:
        self.screen_locked.emit()
