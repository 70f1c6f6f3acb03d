; Inno Setup 6 script: the Windows installer of Ops Console, from the PyInstaller bundle.
; Built on a Windows runner (.github/workflows/installers.yml), not on the Linux CI:
;
;   pyinstaller installers\ops-console.spec --distpath dist --workpath build\pyinstaller
;   iscc /DAppVersion=0.1.0 installers\windows\ops-console.iss
;
; -> dist\ops-console-<version>-setup.exe
;
; Per user, no administrator rights: the program goes to %LOCALAPPDATA%\Programs\Ops Console,
; a Start-menu entry, an uninstaller in "Installed apps". Installing a newer version over an
; older one replaces the program in place (same AppId); the data folder
; (%LOCALAPPDATA%\ops-console\ops-console: database, backups, secret store) is never touched by
; the installer nor the uninstaller. ops-console-cli.exe beside the program is the command line.
;
; The installer speaks English and Simplified Chinese. ChineseSimplified.isl is an Inno Setup
; translation that the compiler does not ship; the workflow puts it into the compiler's
; Languages folder before compiling.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Ops Console"
#define AppExe "ops-console.exe"
#define Bundle "..\..\dist\ops-console"

[Setup]
; Never change the AppId: it is how an upgrade finds the installed copy.
AppId={{6D1F3A52-8C47-4E0B-9B7E-2F4C1D9A0E31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Ops Console developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
UsePreviousAppDir=yes
CloseApplications=yes
RestartApplications=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=ops-console-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\ops-console.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[CustomMessages]
en.LaunchProgram=Open Ops Console now
zh_CN.LaunchProgram=立即打开智慧社区运维控制台
en.StartMenuName=Ops Console
zh_CN.StartMenuName=智慧社区运维控制台
en.DesktopIcon=Create a desktop shortcut
zh_CN.DesktopIcon=创建桌面快捷方式

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program's files: nothing of the old version's bundle stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:StartMenuName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{cm:StartMenuName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote into its own folder; the data folder stays.
Type: filesandordirs; Name: "{app}\_internal"
