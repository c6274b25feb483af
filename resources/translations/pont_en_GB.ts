<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AuthorityForm</name>
    <message>
        <location filename="../../ui/windows/authority.py" line="57"/>
        <source>Attach the scanned document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/authority.py" line="58"/>
        <source>Save authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/authority.py" line="67"/>
        <source>Kind of authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/authority.py" line="81"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/authority.py" line="90"/>
        <source>Your authority to act</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/authority.py" line="110"/>
        <source>Scanned document: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/authority.py" line="112"/>
        <source>No scanned document attached yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/authority.py" line="158"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/authority.py" line="167"/>
        <source>Attach the scanned document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/authority.py" line="168"/>
        <source>Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreatePage</name>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="28"/>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="29"/>
        <source>Type the passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="31"/>
        <source>Remember on this device (unlock without typing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="33"/>
        <location filename="../../ui/windows/create_vault.py" line="121"/>
        <source>Create vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="34"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="45"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="47"/>
        <source>Type it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="55"/>
        <source>Create your vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="59"/>
        <source>Choose a passphrase: a few words only you would put together, like “kettle orange Tuesday lighthouse”. Longer is stronger; there is no upper limit. You will need it every time you open Pont.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="74"/>
        <source>The vault will be kept in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="100"/>
        <source>This passphrase is too easy to guess. Add a word or two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="102"/>
        <source>The two passphrases are not the same. Please type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="121"/>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <location filename="../../ui/windows/documents.py" line="35"/>
        <location filename="../../ui/windows/documents.py" line="47"/>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/documents.py" line="39"/>
        <source>Attach a document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/documents.py" line="40"/>
        <source>Save a copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/documents.py" line="51"/>
        <source>Scans and PDFs kept inside the vault, encrypted. To attach one to a particular field, use that field&apos;s “Attach…” button or drop the file on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/documents.py" line="72"/>
        <source>Attach a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/documents.py" line="73"/>
        <source>Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/documents.py" line="91"/>
        <source>Choose a document in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/documents.py" line="96"/>
        <source>Save a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/documents.py" line="98"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldGroup</name>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="173"/>
        <source>Add another %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="55"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="58"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="58"/>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="61"/>
        <source>History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="61"/>
        <source>History of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="64"/>
        <source>Attach…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="64"/>
        <source>Attach a document to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="67"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="67"/>
        <source>Remove this %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/field_rows.py" line="120"/>
        <source>● Current</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/windows/history.py" line="42"/>
        <source>History of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/history.py" line="47"/>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/history.py" line="53"/>
        <source>Restore this version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/windows/lock_screen.py" line="77"/>
        <source>Choose the folder your vault is in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/lock_screen.py" line="82"/>
        <source>Choose an empty folder for the new vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/lock_screen.py" line="93"/>
        <source>There is no vault in that folder. You can create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/lock_screen.py" line="101"/>
        <source>There is already a vault in that folder. Nothing was overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/windows/main_window.py" line="49"/>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="89"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="90"/>
        <source>&amp;New vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="91"/>
        <source>&amp;Open vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="92"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="97"/>
        <source>&amp;Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="101"/>
        <source>&amp;Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="104"/>
        <source>&amp;Export everything…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="111"/>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="117"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="120"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="121"/>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="122"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="123"/>
        <source>&amp;Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="126"/>
        <source>&amp;Add relative…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="131"/>
        <source>&amp;Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="136"/>
        <source>Coming soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="137"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="139"/>
        <source>User &amp;guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="141"/>
        <source>&amp;About Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="143"/>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="184"/>
        <source>Lock Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="185"/>
        <source>Save changes before locking?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="186"/>
        <source>Save and lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="209"/>
        <source>Not saved, because it had a problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="213"/>
        <source>Demo passphrase: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="284"/>
        <source>About Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="286"/>
        <source>Pont %1 — your personal data vault.
Your record stays on this computer, encrypted. Free software under the GNU GPL, version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="298"/>
        <source>Quit Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="299"/>
        <source>Save changes before quitting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/main_window.py" line="300"/>
        <source>Save and quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerPage</name>
    <message>
        <location filename="../../ui/windows/vault_view.py" line="45"/>
        <source>Your full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/vault_view.py" line="48"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/vault_view.py" line="50"/>
        <source>Whose vault is this?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/vault_view.py" line="53"/>
        <source>Type your full name. You can add people you look after next.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseField</name>
    <message>
        <location filename="../../ui/widgets.py" line="106"/>
        <location filename="../../ui/widgets.py" line="128"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py" line="128"/>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../ui/windows/people.py" line="71"/>
        <location filename="../../ui/windows/people.py" line="82"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/people.py" line="75"/>
        <source>Name of someone you look after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/people.py" line="76"/>
        <source>Name of the new relative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/people.py" line="77"/>
        <source>Add relative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/people.py" line="100"/>
        <location filename="../../ui/windows/people.py" line="109"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/people.py" line="101"/>
        <source>Save name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/people.py" line="103"/>
        <source>Open record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../../ui/windows/profile.py" line="115"/>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="120"/>
        <source>Find in this record (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="121"/>
        <source>Find in this record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="126"/>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="131"/>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="189"/>
        <location filename="../../ui/windows/profile.py" line="237"/>
        <source>Your own fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="192"/>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="239"/>
        <source>Anything the list does not cover: a library card, a locker code, a microchip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="248"/>
        <source>Name of your field, e.g. Library card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="249"/>
        <source>Name of your own field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="250"/>
        <source>Add your own field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="303"/>
        <source>Please correct the fields marked ⚠ first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="318"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="328"/>
        <source>You have changes that are not saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="348"/>
        <source>Copied. The clipboard will be cleared in %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="365"/>
        <source>Attach a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="366"/>
        <source>Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/profile.py" line="393"/>
        <source>Attached %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="140"/>
        <location filename="../../ui/windows/create_vault.py" line="159"/>
        <source>Your recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="142"/>
        <source>Save recovery kit (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="143"/>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="144"/>
        <source>I have stored my recovery key somewhere safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="145"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="163"/>
        <source>If you ever forget your passphrase, this key opens your vault. It is shown only now. Print it or save the recovery kit, and keep it as safely as a passport — not in email or a cloud folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="190"/>
        <source>This device could not remember the vault: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="198"/>
        <source>Save recovery kit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="200"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/create_vault.py" line="218"/>
        <source>Recovery kit saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryUnlockPage</name>
    <message>
        <location filename="../../ui/windows/unlock.py" line="193"/>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="194"/>
        <location filename="../../ui/windows/unlock.py" line="205"/>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="195"/>
        <source>Type the new passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="198"/>
        <source>Unlock and set new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="199"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="203"/>
        <source>Recovery key (from your recovery kit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="207"/>
        <source>Type it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="214"/>
        <source>Use your recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="245"/>
        <source>This passphrase is too easy to guess. Add a word or two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="247"/>
        <source>The two passphrases are not the same. Please type them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="51"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="66"/>
        <source>Safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="70"/>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="74"/>
        <source> seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="76"/>
        <source>Lock when the computer&apos;s screen locks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="79"/>
        <source>Lock after no use for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="81"/>
        <source>Clear copied values after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="92"/>
        <source>This device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="94"/>
        <source>Remember on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="95"/>
        <source>Forget this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="104"/>
        <source>When remembered, this computer&apos;s password store unlocks the vault without your passphrase. Anyone using your computer account could then open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="119"/>
        <source>This device remembers the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="121"/>
        <source>This device does not remember the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="148"/>
        <source>Passphrase and recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="149"/>
        <location filename="../../ui/windows/settings_page.py" line="159"/>
        <source>Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="151"/>
        <location filename="../../ui/windows/settings_page.py" line="161"/>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="153"/>
        <location filename="../../ui/windows/settings_page.py" line="163"/>
        <source>Type the new passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="155"/>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="156"/>
        <source>Make a new recovery key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="180"/>
        <source>This passphrase is too easy to guess. Add a word or two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="186"/>
        <source>The two passphrases are not the same. Please type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="203"/>
        <source>Passphrase changed. Use the new one from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="213"/>
        <source>New recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="214"/>
        <source>Your old recovery key will stop working. Make a new one?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="215"/>
        <source>Make a new recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="228"/>
        <source>Your new recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="239"/>
        <source>Backups and export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="240"/>
        <source>Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="241"/>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="242"/>
        <source>Export everything…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="244"/>
        <source>Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="245"/>
        <source>Turn off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="258"/>
        <source>Automatic backups when you lock or quit (the newest 5 are kept):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="281"/>
        <source>Choose a folder for automatic backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="291"/>
        <source>Off — choose a folder to turn them on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="297"/>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="300"/>
        <source>Follow the computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="301"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="302"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="309"/>
        <source>English (United Kingdom)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="311"/>
        <source>Colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/settings_page.py" line="312"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <location filename="../../ui/widgets.py" line="140"/>
        <source>Passphrase strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py" line="151"/>
        <source>Strength: type a passphrase of several words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py" line="155"/>
        <source>Strength: weak — add more words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py" line="156"/>
        <source>Strength: fair — another word or two would help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py" line="157"/>
        <source>Strength: strong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../ui/windows/unlock.py" line="67"/>
        <location filename="../../ui/windows/unlock.py" line="93"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="72"/>
        <location filename="../../ui/windows/unlock.py" line="109"/>
        <source>Recent vaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="73"/>
        <location filename="../../ui/windows/unlock.py" line="164"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="74"/>
        <source>Forgot your passphrase? Use recovery key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="75"/>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="77"/>
        <source>Open another vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="90"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="100"/>
        <source>Unlock your vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="116"/>
        <source>Vault: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="126"/>
        <source>Unlocking with this device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="134"/>
        <source>Unlocking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VaultView</name>
    <message>
        <location filename="../../ui/windows/vault_view.py" line="86"/>
        <source>This is a demo with made-up people. Everything is deleted when you quit Pont.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/vault_view.py" line="90"/>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/vault_view.py" line="97"/>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/vault_view.py" line="98"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/vault_view.py" line="99"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/vault_view.py" line="120"/>
        <source>Coming soon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/windows/unlock.py" line="28"/>
        <source>Pont logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="29"/>
        <source>Create a new vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="30"/>
        <source>Open a vault I already have…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="34"/>
        <source>Welcome to Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/windows/unlock.py" line="38"/>
        <source>Pont keeps your personal details — and those of anyone you look after — in one encrypted vault on this computer. You decide what each organisation gets.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Input</name>
    <message>
        <location filename="../../ui/field_editors.py" line="82"/>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/field_editors.py" line="84"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/field_editors.py" line="85"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/dialogs.py" line="77"/>
        <source>Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="14"/>
        <source>Print recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="30"/>
        <source>Pont recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="35"/>
        <source>This key opens your Pont vault if you forget your passphrase. Keep it as safely as a passport.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
