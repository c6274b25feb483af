<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name></name>
    <message>
        <source>Pont backups (*.pontbackup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passphrase this backup was made with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a backup to restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 people and %2 fields to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export is NOT encrypted: anyone who gets the file can read everything in it. Save it only somewhere private, and delete it when you no longer need it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export unencrypted copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>January</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>February</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>March</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>April</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>June</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>July</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>August</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>September</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>October</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>November</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>December</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backed by a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lasting power of attorney — property and financial affairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lasting power of attorney — health and welfare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DWP appointee (benefits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court of Protection deputy — property and affairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court of Protection deputy — personal welfare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent or guardian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That recovery key does not open this vault. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase is not right. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no vault in that folder. You can create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a vault in that folder. Nothing was overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This vault was made by a newer version of Pont. Please update Pont.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault is locked. Unlock it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pont cannot find its encryption library, so it will not store anything. Please reinstall Pont.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full. Nothing was lost; free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pont could not read or write a file there. Check that the folder exists and that you are allowed to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That item is no longer there. It may have been removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside Pont. Nothing you saved was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This backup file is damaged or is not a Pont backup. Try another backup file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This vault&apos;s key file (vault.keys) is missing, so nothing can open it. Put the key file back from a copy (a backup disk, your sync service&apos;s history), or choose “Restore from a backup…”. To start a new vault, choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This vault&apos;s files are damaged. Your data may still be safe in a backup: choose “Restore from a backup…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device does not remember this vault. Use your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s password store is locked. Use your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no safe password store Pont can use, so it cannot remember the vault. You can still unlock it with your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This NHS number&apos;s last digit doesn&apos;t match — please check it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An NHS number has 10 digits, like 943 476 5919</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This UTR&apos;s first digit doesn&apos;t match the others — please check it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A National Insurance number looks like QQ 12 34 56 C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This doesn&apos;t look like a UK postcode, like SW1A 1AA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This doesn&apos;t look like an email address, like name@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This doesn&apos;t look like a phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sort code has 6 digits, like 12-34-56</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An account number has 6 to 8 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please type a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery key has 32 letters and digits, in groups of four</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please type a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health information cannot be sent under a Lasting Power of Attorney for property and financial affairs. Untick the health fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the authority you act under for this person first (People page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please tick at least one field to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some required fields are missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please say what the information is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password needs at least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose either a password or encryption, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This organisation has not given Pont a key to encrypt to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several organisations in your vault fit these details. Type the organisation&apos;s exact name and email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encryption key in this request is not the one Pont keeps for this organisation. Go back to the first step to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That shorter form cannot be worked out from what you have saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same field is ticked twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please fill this in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contains a hidden control character; please retype it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please type a date like 31/12/1950</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This date is in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end date is before the start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please pick one of the choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are too many lines here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This doesn&apos;t look right (expected: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use letters, digits, spaces or dashes (up to 60)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This vault already has an owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This name is too long or empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This doesn&apos;t look right — please check it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This confirmation is for another person&apos;s key: it was not made from a packet this vault sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This confirmation is already kept for another person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This confirmation has expired. Ask the organisation for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This confirmation is about something Pont has no field for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This confirmation does not confirm any field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a packet, not a confirmation. To check a packet, choose “Verify a packet…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is far too large to be a confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation&apos;s signature does not match: the confirmation was changed after it was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The confirmation holds a value the organisation did not sign: it was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read. Check that it is still there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is far too large to be a trust list or a status list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a status list file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two of your trust files give the same issuer key two different names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a trust list: choose an issuer&apos;s KEY.pub.json or a pont-trust-list file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value confirmed differs from your record: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a confirmation Pont can check (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is far too large to be a Pont packet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet is far too large to be a Pont packet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file contains characters a packet never has. It is not a Pont packet, or it was damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a Pont packet, or it was damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet is incomplete: the part that ties it to you is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet&apos;s signed part is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part that ties the packet to you is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the packet is damaged (bad encoding).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the packet is damaged (bad text encoding).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the packet is damaged (unreadable data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet says the same thing twice in different ways, so it is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet holds a number that is not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet holds broken text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet&apos;s data is nested too deeply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet is signed in a way Pont does not accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet is tied to you in a way Pont does not accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet&apos;s signature has settings Pont does not accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part that ties the packet to you has settings Pont does not accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is signed data, but not a Pont packet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part that ties the packet to you is of the wrong type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet&apos;s signature does not match the kind of key that signed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part that ties the packet to you does not match its key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet is missing information every packet must carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet carries information in the wrong form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key that signed the packet is not a valid key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key that signed the packet is unsafe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet uses a way of hiding fields Pont does not accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature does not match: the packet was changed after it was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature that ties the packet to you does not match: it was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet was changed after it was signed (fields added or removed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet was not signed by the key it names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of the sent fields is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of the sent fields is not protected well enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of the sent fields appears twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet lists the same field twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field was added that the signer did not sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field has a name that is not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field tries to replace information only the signer sets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field tries to replace other signed information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list of signed fields is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part that ties the packet to you is missing information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part that ties the packet to you holds information in the wrong form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet has expired. Ask the sender for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet is dated in the future. Check this computer&apos;s clock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet was tied to you with a date in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet was tied to you before it was made, which cannot be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet was made for a different organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet answers a different reference (case number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This packet was already presented once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This PDF is protected with a password. Type the password the sender gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That password does not open this PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF is damaged or is not a PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This PDF does not carry a Pont packet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF is not signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF carries more than one signature, so it was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF&apos;s signature does not match: it was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF was changed after it was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF and the packet inside it were signed by different keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF&apos;s pages do not show what the signed packet inside it says. Do not rely on the pages: ask the sender.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF carries more than one packet, so different readers could see different data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This PDF was not made by this version of Pont, so its pages cannot be checked. Check the packet file (.sd-jwt) that came with it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This packet is encrypted for an organisation. Only that organisation&apos;s own key can open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key given cannot open encrypted packets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key given is of a kind Pont cannot use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer cannot open this kind of encrypted packet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet is encrypted in a way Pont does not accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted packet is of a newer version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted packet is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted packet is far too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted packet names its organisation in the wrong form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted packet was made for a different organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted packet was made for a different key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted packet could not be opened: it was changed, or the key is not the right one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The packet is not valid (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request file is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request file is not a text file Pont can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a request file: it is not in the right format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request file is nested too deeply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a request file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a Pont request file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request file was made for a newer Pont.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request file is signed in a way Pont cannot check yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request names a kind of request Pont does not know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request does not ask for any fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request asks for too many fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request&apos;s email address is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request carries an encryption key Pont cannot use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request file is not valid: part of it is missing or wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed. Ask the organisation for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send it in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just say I&apos;m over 16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just say I&apos;m over 18</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just say I&apos;m over 65</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just my age band (like 25–34)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just my year of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just my initial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just say whether I&apos;m British or Irish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the last 4 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the last 4 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the first half of the postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the town</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the bank&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just say whether I have any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just how many</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced by an update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice: consent withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice: please erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice: copy requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this kind of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests don&apos;t usually need your %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is health or other sensitive information. Only send it if you know why they need it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is sensitive, and %1 requests don&apos;t usually need it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usually “%1” is enough — you can choose it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They have not said which legal condition lets them ask for this sensitive information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They may be asking for more than they need.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed: %1 does not cover health information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are acting for %1, but no authority is recorded yet. Add it on the People page before sending anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are acting for %1 under %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date registered with the Office of the Public Guardian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access code valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OPG reference number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Use a lasting power of attorney” access code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrawing your consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask them to erase it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking them to erase what you sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for a copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking for a copy of what they hold about you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>objecting to how they use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packet id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request files (*.json *.pontrequest);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packets (*.pdf *.sd-jwt *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust lists and issuer entries (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status lists (*.jwt *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trust list loaded: no confirmation counts as confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmations you accept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status lists loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaces packet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About packet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pont recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key opens your Pont vault if you forget your passphrase. Keep it as safely as a passport.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vault made private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other people using this computer could read this vault&apos;s files (a copy, an unzipped archive or a sync service can leave them so). Pont has made the vault folder and its files private to you. Nothing else was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Confirmed by” means that organisation checked this value on that date and signed to say so. It does not mean the value is still true today. The organisation&apos;s name is the one it gives itself; whoever you share with decides whether they trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept the confirmation from %1 of %2 for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation by %1 no longer matches: you changed the value since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation by %1 expired on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ %4 confirmed by %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Confirmed by %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This packet carries confirmations that the organisation can check:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• %1: confirmed by %2 on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• %1: confirmed by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy: a confirmation names the key it was made for, so the packets that carry it can be linked to each other and to the issuer&apos;s record of that key. Leave the confirmations out and these fields are sent as your own entries.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthorityForm</name>
    <message>
        <source>Attach the scanned document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DD/MM/YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your authority to act</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned document: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scanned document attached yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach the scanned document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreatePage</name>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember on this device (unlock without typing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create your vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a passphrase: a few words only you would put together, like “kettle orange Tuesday lighthouse”. Longer is stronger; there is no upper limit. You will need it every time you open Pont.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault will be kept in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess. Add a word or two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are not the same. Please type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans and PDFs kept inside the vault, encrypted. To attach one to a particular field, use that field&apos;s “Attach…” button or drop the file on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a document in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoneStep</name>
    <message>
        <source>Share something else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See who knows what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share — step 4 of 4: ready to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed and saved in %1. Open the email draft to send it, or show the folder and attach the files to an email yourself. Packet id: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF&apos;s one-off password is: %1
Give it to them by phone, not in the email. It is shown only now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldChoiceRow</name>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much of %1 to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They say: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (past)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (entry %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will send: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldGroup</name>
    <message>
        <source>I moved: add my new address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When you save, your current address ends the day before the new one starts (today if you leave the start date empty) and is kept as a past address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add another %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a document to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you save this change, the confirmation will no longer match.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldsStep</name>
    <message>
        <source>I&apos;ve added it — check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share — step 2 of 4: what to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing in this record fits the request yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please tick at least one field to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose another form where it says ⚠</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some required fields are missing; add them first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InlineError</name>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Save the signed packet file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the ledger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packets sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who has my…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only an old version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who knows what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(any field)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a signed notice to %1 %2 (sent on %3 for: %4)?
Pont makes the notice and an email draft; nothing is sent until you send the email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You already made this notice on %5. Make another one to %1 %2 (sent on %3 for: %4)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice made. Open the email draft to send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice made for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the signed packet file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed packets (*.sd-jwt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 ledger entries.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Choose the folder your vault is in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an empty folder for the new vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no vault in that folder. You can create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a vault in that folder. Nothing was overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export everything…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add relative…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Share…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify a packet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a &amp;confirmation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who knows what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tell them once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User &amp;guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes before locking?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved, because it had a problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo passphrase: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock your vault first, then drop the request again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock your vault first, then drop the confirmation again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pont %1 — your personal data vault.
Your record stays on this computer, encrypted. Free software under the GNU GPL, version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes before quitting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MissingRow</name>
    <message>
        <source>Add it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerPage</name>
    <message>
        <source>Your full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose vault is this?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your full name. You can add people you look after next.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PacketResult</name>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packet id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packets made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open email draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PagesView</name>
    <message>
        <source>The PDF&apos;s pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing the pages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseField</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of someone you look after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new relative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add relative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewStep</name>
    <message>
        <source>The PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These are the pages of the PDF that will be signed, and all the information it carries. The key fingerprint is added when you sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the confirmations out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send these fields without the organisations&apos; confirmations. Nothing then links this packet to the confirmations&apos; key; the fields count as your own entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign and create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect the PDF with a one-off password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-off password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt for this organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share — step 3 of 4: check and sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing the pages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The confirmations are left out: these fields go as your own entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pages could not be drawn (%1). The “As text” tab shows all they say.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files go to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password needs at least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are not the same</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in this record (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in this record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a confirmation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep a confirmation an organisation sent you (a .sd-jwt file): it says they checked some of these details. You can also drop the file on this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything the list does not cover: a library card, a locker code, a microchip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of your field, e.g. Library card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of your own field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add your own field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please correct the fields marked ⚠ first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have changes that are not saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied. The clipboard will be cleared in %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmations (*.sd-jwt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation kept</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <source>Your recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save recovery kit (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have stored my recovery key somewhere safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you ever forget your passphrase, this key opens your vault. It is shown only now. Print it or save the recovery kit, and keep it as safely as a passport — not in email or a cloud folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device could not remember the vault: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save recovery kit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery kit saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryUnlockPage</name>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the new passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock and set new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key (from your recovery kit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use your recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess. Add a word or two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are not the same. Please type them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestStep</name>
    <message>
        <source>Whose record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: choose what to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What are they asking for?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request file they sent me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a request file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A common request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search, e.g. GP, council tax, bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search common requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose fields myself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is it for? e.g. Joining the tennis club</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check who is asking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their reference (if any)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share — step 1 of 4: who and what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a request file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asks: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the new key and continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encryption key in this request is not the one Pont keeps for %1. Someone may be pretending to be them. Continue only if %1 told you themselves (by phone, in a letter or on their own website) that their key changed.
Key kept: %2
Key in this request: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request carries an encryption key for %1, which had none. From now on Pont will accept only this key for them.
Key: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%2” is not the name your vault knows this address by: it is %1, and Pont keeps that name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You already know an organisation called %1 at another address (%2). Check that this is really who you mean to send to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request asks for replies to %2; the packet will be addressed to %1 as your vault knows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request&apos;s encryption key is the one Pont keeps for %1.
Key: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the organisation&apos;s details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please type the organisation&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please say what the information is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please open the request file first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please pick a request from the list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock when the computer&apos;s screen locks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after no use for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear copied values after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When remembered, this computer&apos;s password store unlocks the vault without your passphrase. Anyone using your computer account could then open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device remembers the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device does not remember the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase and recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the new passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new recovery key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess. Add a word or two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are not the same. Please type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase changed. Use the new one from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your old recovery key will stop working. Make a new one?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your new recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups and export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export everything…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic backups when you lock or quit (the newest 5 are kept):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for automatic backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off — choose a folder to turn them on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pont will use it from the next time it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShareWizard</name>
    <message>
        <source>%1 asks for this to: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where should packet files go?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packet made for %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaleBanner</name>
    <message>
        <source>Tell them now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <source>Passphrase strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: type a passphrase of several words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: weak — add more words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: fair — another word or two would help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: strong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The information disclosed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent and retention terms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TellThemOncePage</name>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which detail changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find who has the old value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations holding the old value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell them once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a detail changes — you moved house, a new phone number — Pont finds every organisation you sent the old value to and makes a signed update for each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (entry %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody holds an old version of this. Nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please tick at least one organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 update made. Open the email draft to send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 updates made. Open each email draft to send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates made.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent vaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot your passphrase? Use recovery key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open another vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock your vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vault: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking with this device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VaultView</name>
    <message>
        <source>This is a demo with made-up people. Everything is deleted when you quit Pont.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who knows what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell them once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify a packet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Open a packet file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or drop a packet file (PDF or .sd-jwt) here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. benefits@council.example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your case number, if you gave one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a trust list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a status list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget these lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the packet says backs it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked against your trust list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was disclosed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organisation&apos;s email (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your reference (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF password (if it has one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify a packet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received a packet from someone? Check that it is signed, unchanged, meant for you and still valid. Nothing is sent anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a packet file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a trust list or an issuer&apos;s .pub.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load an issuer&apos;s status list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT VALID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed, unchanged, and valid now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed, unchanged (the PDF and the data inside it), and valid now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VALID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by the key with fingerprint:
%1
If you have had packets from this person before, it should be the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyWindow</name>
    <message>
        <source>Verify a packet — Pont</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Pont logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a vault I already have…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Pont</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pont keeps your personal details — and those of anyone you look after — in one encrypted vault on this computer. You decide what each organisation gets.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Input</name>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>row</name>
    <message>
        <source>New (not saved yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past (until %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
