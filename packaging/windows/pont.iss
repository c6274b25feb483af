; Inno Setup script for Pont on Windows (Inno Setup 6.3+). Steps: docs/packaging.md, "Windows".
;
;   1. pyinstaller --noconfirm --clean packaging\pont.spec    -> dist\pont\ (pont.exe, pont-cli.exe)
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\pont.iss
;                                                             -> dist\installer\Pont-0.1.0-setup.exe
;
; Installs per user by default (no administrator rights needed; the dialog offers all users),
; adds a Start menu entry, registers .sd-jwt and .pontrequest as Pont's file types, offers
; Pont in "Open with" for .json (request files are *.pont-request.json), and never touches
; the vault: uninstalling leaves %APPDATA%\Pont and the person's files alone.

#define AppName "Pont"
#define AppVersion "0.1.0"
#define AppId "org.pont.Pont"
#define Bundle "..\..\dist\pont"

[Setup]
AppId={{8E3C2F5A-3B9D-4C55-9F0E-6A1D2B7C4E91}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The Pont developers
AppPublisherURL=https://example.org/pont
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\..\dist\installer
OutputBaseFilename=Pont-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\pont.ico
UninstallDisplayIcon={app}\pont.exe
; LicenseFile=..\..\LICENSE   (when the repository has one: GPL-3.0-or-later)
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
; Sign setup and uninstaller when a certificate is configured (Tools > Configure Sign Tools):
; SignTool=pontsign

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole one-folder bundle, as PyInstaller made it
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\pont.exe"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\pont.exe"; Tasks: desktopicon; AppUserModelID: "{#AppId}"

[Registry]
; the ProgId Pont owns; HKA = HKCU for a per-user install, HKLM for all users
Root: HKA; Subkey: "Software\Classes\Pont.Request"; ValueType: string; ValueData: "Pont request"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Pont.Request\DefaultIcon"; ValueType: string; ValueData: "{app}\pont.exe,0"
Root: HKA; Subkey: "Software\Classes\Pont.Request\shell\open\command"; ValueType: string; ValueData: """{app}\pont.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Pont.Packet"; ValueType: string; ValueData: "SD-JWT packet"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Pont.Packet\DefaultIcon"; ValueType: string; ValueData: "{app}\pont.exe,0"
Root: HKA; Subkey: "Software\Classes\Pont.Packet\shell\open\command"; ValueType: string; ValueData: """{app}\pont.exe"" ""%1"""
; extensions: .pontrequest and .sd-jwt open in Pont; .json only offers Pont under "Open with"
Root: HKA; Subkey: "Software\Classes\.pontrequest"; ValueType: string; ValueData: "Pont.Request"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.sd-jwt"; ValueType: string; ValueData: "Pont.Packet"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.sd-jwt"; ValueType: string; ValueName: "Content Type"; ValueData: "application/sd-jwt"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "Pont.Request"; ValueData: ""; Flags: uninsdeletevalue
; "App Paths": `pont-cli` (the console twin of pont.exe) from Win+R and shells that honour it
Root: HKA; Subkey: "Software\Microsoft\Windows\CurrentVersion\App Paths\pont-cli.exe"; ValueType: string; ValueData: "{app}\pont-cli.exe"; Flags: uninsdeletekey

[Run]
Filename: "{app}\pont.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
