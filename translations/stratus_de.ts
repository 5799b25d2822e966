<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>%1: none of its runtimes&apos; own versions found (the closest installed one runs them)</source>
        <translation>%1: keine der eigenen Versionen seiner Laufzeiten gefunden (die nächstgelegene installierte führt sie aus)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stratus Studio %1&lt;/b&gt;&lt;p&gt;Design serverless workflows, run them locally with AWS Lambda&apos;s contracts, measure and ship them. Everything the studio does is also a command of &lt;tt&gt;stratus&lt;/tt&gt;.&lt;/p&gt;&lt;p&gt;Qt %2 · SQLite %3 · QScintilla %4&lt;/p&gt;&lt;p&gt;Runtimes on this machine:&lt;br&gt;%5&lt;/p&gt;</source>
        <translation>&lt;b&gt;Stratus Studio %1&lt;/b&gt;&lt;p&gt;Serverless-Workflows entwerfen, lokal gemäß den Schnittstellen von AWS Lambda ausführen, messen und ausliefern. Alles, was das Studio tut, ist auch ein Befehl von &lt;tt&gt;stratus&lt;/tt&gt;.&lt;/p&gt;&lt;p&gt;Qt %2 · SQLite %3 · QScintilla %4&lt;/p&gt;&lt;p&gt;Laufzeiten auf diesem Rechner:&lt;br&gt;%5&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>Unknown kind %1</source>
        <translation>Unbekannte Knotenart %1</translation>
    </message>
</context>
<context>
    <name>NodeKind</name>
    <message>
        <source>HTTP trigger</source>
        <translation>HTTP-Auslöser</translation>
    </message>
    <message>
        <source>Starts a run for each HTTP request to a route, with API Gateway&apos;s HTTP API (payload 2.0) event.</source>
        <translation>Startet einen Lauf für jede HTTP-Anfrage an eine Route, mit dem Ereignis der HTTP-API von API Gateway (Payload 2.0).</translation>
    </message>
    <message>
        <source>The HTTP method of the route.</source>
        <translation>Die HTTP-Methode der Route.</translation>
    </message>
    <message>
        <source>The route: starts with /, may hold {name} segments and a final {proxy+}.</source>
        <translation>Die Route: beginnt mit /, kann {name}-Segmente und am Ende ein {proxy+} enthalten.</translation>
    </message>
    <message>
        <source>Cross-origin settings: allowOrigins, allowMethods, allowHeaders, maxAgeS.</source>
        <translation>Cross-Origin-Einstellungen: allowOrigins, allowMethods, allowHeaders, maxAgeS.</translation>
    </message>
    <message>
        <source>The event&apos;s format: 2.0 (HTTP API) or 1.0 (the REST API proxy event).</source>
        <translation>Das Format des Ereignisses: 2.0 (HTTP-API) oder 1.0 (das Proxy-Ereignis der REST-API).</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Starts a run on a rate or cron schedule, with EventBridge&apos;s Scheduled Event.</source>
        <translation>Startet einen Lauf nach einem rate- oder cron-Zeitplan, mit dem Scheduled Event von EventBridge.</translation>
    </message>
    <message>
        <source>rate(N minutes|hours|days) or cron(min hour day-of-month month day-of-week year).</source>
        <translation>rate(N minutes|hours|days) oder cron(Minute Stunde Monatstag Monat Wochentag Jahr).</translation>
    </message>
    <message>
        <source>The IANA time zone the cron expression is read in.</source>
        <translation>Die IANA-Zeitzone, in der der cron-Ausdruck gilt.</translation>
    </message>
    <message>
        <source>Whether the schedule fires.</source>
        <translation>Ob der Zeitplan auslöst.</translation>
    </message>
    <message>
        <source>JSON put in the event&apos;s detail.</source>
        <translation>JSON im Feld detail des Ereignisses.</translation>
    </message>
    <message>
        <source>Manual trigger</source>
        <translation>Manueller Auslöser</translation>
    </message>
    <message>
        <source>Starts a run when you press Send, with a saved test event.</source>
        <translation>Startet einen Lauf mit einem gespeicherten Testereignis, wenn Sie auf Senden drücken.</translation>
    </message>
    <message>
        <source>a test event / direct invoke</source>
        <translation>ein Testereignis / direkter Aufruf</translation>
    </message>
    <message>
        <source>The JSON sent when fired.</source>
        <translation>Das beim Auslösen gesendete JSON.</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Runs your code on each event with AWS Lambda&apos;s handler contract, in warm instances.</source>
        <translation>Führt Ihren Code bei jedem Ereignis nach der Handler-Schnittstelle von AWS Lambda aus, in warmen Instanzen.</translation>
    </message>
    <message>
        <source>The Lambda runtime identifier.</source>
        <translation>Die Kennung der Lambda-Laufzeit.</translation>
    </message>
    <message>
        <source>file.export (Node.js), module.function (Python); provided.al2/al2023 run the file bootstrap.</source>
        <translation>file.export (Node.js), module.function (Python); provided.al2/al2023 führen die Datei bootstrap aus.</translation>
    </message>
    <message>
        <source>Memory size in MB, which also scales CPU and cost.</source>
        <translation>Speichergröße in MB, die auch CPU und Kosten skaliert.</translation>
    </message>
    <message>
        <source>Seconds before an invocation is stopped.</source>
        <translation>Sekunden, bevor ein Aufruf abgebrochen wird.</translation>
    </message>
    <message>
        <source>The instruction set, which sets the price.</source>
        <translation>Der Befehlssatz, der den Preis bestimmt.</translation>
    </message>
    <message>
        <source>Reserved concurrency: the most instances at once; 0 = unreserved.</source>
        <translation>Reservierte Parallelität: höchstens so viele Instanzen gleichzeitig; 0 = nicht reserviert.</translation>
    </message>
    <message>
        <source>Retries of a failed asynchronous invocation.</source>
        <translation>Wiederholungen eines fehlgeschlagenen asynchronen Aufrufs.</translation>
    </message>
    <message>
        <source>Environment variables of the function.</source>
        <translation>Umgebungsvariablen der Funktion.</translation>
    </message>
    <message>
        <source>The function&apos;s source files: relative path -&gt; text.</source>
        <translation>Die Quelldateien der Funktion: relativer Pfad -&gt; Text.</translation>
    </message>
    <message>
        <source>What the function does.</source>
        <translation>Was die Funktion tut.</translation>
    </message>
    <message>
        <source>The queues, buckets and tables the function reaches through the AWS SDK: it gets their names in its environment, and the export grants it access.</source>
        <translation>Die Warteschlangen, Buckets und Tabellen, die die Funktion über das AWS SDK erreicht: Sie erhält deren Namen in ihrer Umgebung, und der Export gewährt ihr Zugriff.</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Verzweigung</translation>
    </message>
    <message>
        <source>Routes an event by rules on its fields, like a Step Functions Choice state, without code.</source>
        <translation>Leitet ein Ereignis nach Regeln über seine Felder weiter, wie ein Choice-Zustand in Step Functions, ohne Code.</translation>
    </message>
    <message>
        <source>Rules tried in order: {port, condition}.</source>
        <translation>Regeln, der Reihe nach geprüft: {port, condition}.</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Holds messages and delivers them in batches, like an SQS queue with its dead-letter queue.</source>
        <translation>Hält Nachrichten vor und stellt sie in Batches zu, wie eine SQS-Warteschlange mit ihrer Dead-Letter-Queue.</translation>
    </message>
    <message>
        <source>Messages per batch at most.</source>
        <translation>Höchstzahl an Nachrichten pro Batch.</translation>
    </message>
    <message>
        <source>Seconds to gather a batch before delivering it.</source>
        <translation>Sekunden zum Sammeln eines Batches vor der Zustellung.</translation>
    </message>
    <message>
        <source>Seconds a received message stays hidden before it is retried.</source>
        <translation>Sekunden, die eine empfangene Nachricht verborgen bleibt, bevor sie erneut zugestellt wird.</translation>
    </message>
    <message>
        <source>Receives before a message goes to dead.</source>
        <translation>Empfänge, bevor eine Nachricht als unzustellbar gilt.</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <source>Stores objects in a folder and reports each created or removed object, like an S3 bucket.</source>
        <translation>Speichert Objekte in einem Ordner und meldet jedes erstellte oder entfernte Objekt, wie ein S3-Bucket.</translation>
    </message>
    <message>
        <source>Which changes produce events.</source>
        <translation>Welche Änderungen Ereignisse erzeugen.</translation>
    </message>
    <message>
        <source>Only keys starting with this.</source>
        <translation>Nur Schlüssel, die hiermit beginnen.</translation>
    </message>
    <message>
        <source>Only keys ending with this.</source>
        <translation>Nur Schlüssel, die hiermit enden.</translation>
    </message>
    <message>
        <source>Where the objects live; by default a folder named after the bucket beside the workspace file.</source>
        <translation>Wo die Objekte liegen; standardmäßig ein nach dem Bucket benannter Ordner neben der Arbeitsbereichsdatei.</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Stores items by key and streams every change, like a DynamoDB table with a stream.</source>
        <translation>Speichert Elemente nach Schlüssel und streamt jede Änderung, wie eine DynamoDB-Tabelle mit Stream.</translation>
    </message>
    <message>
        <source>The partition key attribute.</source>
        <translation>Das Attribut des Partitionsschlüssels.</translation>
    </message>
    <message>
        <source>The sort key attribute, if any.</source>
        <translation>Das Attribut des Sortierschlüssels, falls vorhanden.</translation>
    </message>
    <message>
        <source>Stream records per batch at most.</source>
        <translation>Höchstzahl an Stream-Datensätzen pro Batch.</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Writes each value it receives to the run log, like CloudWatch Logs.</source>
        <translation>Schreibt jeden empfangenen Wert in das Lauf-Log, wie CloudWatch Logs.</translation>
    </message>
    <message>
        <source>The log level.</source>
        <translation>Die Log-Stufe.</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <source>Value not allowed</source>
        <translation>Unzulässiger Wert</translation>
    </message>
    <message>
        <source>Loop without a queue</source>
        <translation>Schleife ohne Warteschlange</translation>
    </message>
    <message>
        <source>Wire to a missing node</source>
        <translation>Verbindung zu einem fehlenden Knoten</translation>
    </message>
    <message>
        <source>Test event of a missing node</source>
        <translation>Testereignis eines fehlenden Knotens</translation>
    </message>
    <message>
        <source>Wire drawn twice</source>
        <translation>Doppelte Verbindung</translation>
    </message>
    <message>
        <source>Id used twice</source>
        <translation>Doppelte ID</translation>
    </message>
    <message>
        <source>Name used twice</source>
        <translation>Doppelter Name</translation>
    </message>
    <message>
        <source>Route used twice</source>
        <translation>Doppelte Route</translation>
    </message>
    <message>
        <source>Field ignored</source>
        <translation>Feld ignoriert</translation>
    </message>
    <message>
        <source>Ports that do not fit</source>
        <translation>Unpassende Ports</translation>
    </message>
    <message>
        <source>Missing id</source>
        <translation>Fehlende ID</translation>
    </message>
    <message>
        <source>Missing value</source>
        <translation>Fehlender Wert</translation>
    </message>
    <message>
        <source>Out of range</source>
        <translation>Außerhalb des Bereichs</translation>
    </message>
    <message>
        <source>Unknown field</source>
        <translation>Unbekanntes Feld</translation>
    </message>
    <message>
        <source>Unknown node kind</source>
        <translation>Unbekannte Knotenart</translation>
    </message>
    <message>
        <source>Unknown resource</source>
        <translation>Unbekannte Ressource</translation>
    </message>
    <message>
        <source>Wrong type</source>
        <translation>Falscher Typ</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Choice rule not valid</source>
        <translation>Ungültige Verzweigungsregel</translation>
    </message>
    <message>
        <source>Environment variable not valid</source>
        <translation>Ungültige Umgebungsvariable</translation>
    </message>
    <message>
        <source>File path not valid</source>
        <translation>Ungültiger Dateipfad</translation>
    </message>
    <message>
        <source>Handler not valid</source>
        <translation>Ungültiger Handler</translation>
    </message>
    <message>
        <source>Name not valid</source>
        <translation>Ungültiger Name</translation>
    </message>
    <message>
        <source>Route path not valid</source>
        <translation>Ungültiger Routenpfad</translation>
    </message>
    <message>
        <source>Schedule not valid</source>
        <translation>Ungültiger Zeitplan</translation>
    </message>
    <message>
        <source>Unknown time zone</source>
        <translation>Unbekannte Zeitzone</translation>
    </message>
    <message>
        <source>Required field missing</source>
        <translation>Pflichtfeld fehlt</translation>
    </message>
    <message>
        <source>Pricing not valid</source>
        <translation>Ungültige Preise</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Move node</source>
        <translation>Knoten verschieben</translation>
    </message>
    <message>
        <source>Move %1 nodes</source>
        <translation>%1 Knoten verschieben</translation>
    </message>
    <message>
        <source>Rename workflow to %1</source>
        <translation>Workflow in %1 umbenennen</translation>
    </message>
</context>
<context>
    <name>UserSettings</name>
    <message>
        <source>Setting %1 = %2 %3; using %4</source>
        <translation>Einstellung %1 = %2 %3; verwendet wird %4</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>der Standardwert</translation>
    </message>
    <message>
        <source>The chosen %1 interpreter is not used: %2. Stratus finds one itself.</source>
        <translation>Der gewählte %1-Interpreter wird nicht verwendet: %2. Stratus sucht selbst einen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a language; the studio is in English.</source>
        <translation>„%1“ ist keine Sprache; das Studio ist auf Englisch.</translation>
    </message>
    <message>
        <source>No translation into %1 is installed; the studio is in English.</source>
        <translation>Keine Übersetzung ins %1 installiert; das Studio bleibt auf Englisch.</translation>
    </message>
    <message>
        <source>%1 could not be read as a translation; the studio is in English.</source>
        <translation>%1 ist keine lesbare Übersetzung; das Studio bleibt auf Englisch.</translation>
    </message>
    <message>
        <source>%1 holds no translation of Stratus; the studio is in English.</source>
        <translation>%1 enthält keine Übersetzung von Stratus; das Studio bleibt auf Englisch.</translation>
    </message>
    <message>
        <source>is not text</source>
        <translation>ist kein Text</translation>
    </message>
    <message>
        <source>is not a whole number from %1 to %2</source>
        <translation>ist keine ganze Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>is not a number from %1 to %2</source>
        <translation>ist keine Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>is not an absolute path</source>
        <translation>ist kein absoluter Pfad</translation>
    </message>
    <message>
        <source>is not a language Stratus has (en, pt_BR, de)</source>
        <translation>ist keine Sprache von Stratus (en, pt_BR, de)</translation>
    </message>
    <message>
        <source>is not a theme (system, light, dark, high-contrast)</source>
        <translation>ist kein Design (system, light, dark, high-contrast)</translation>
    </message>
    <message>
        <source>is not an IP address or localhost</source>
        <translation>ist keine IP-Adresse und nicht localhost</translation>
    </message>
    <message>
        <source>is not a pricing preset</source>
        <translation>ist keine Preisvorlage</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Select this node once FILE is open (WORKFLOW/NODE ids).</source>
        <translation>Diesen Knoten auswählen, sobald FILE geöffnet ist (IDs WORKFLOW/NODE).</translation>
    </message>
    <message>
        <source>Design, run and ship serverless workflows.</source>
        <translation>Serverless-Workflows entwerfen, ausführen und ausliefern.</translation>
    </message>
    <message>
        <source>A workspace (.stratus) or workspace JSON document to open.</source>
        <translation>Zu öffnender Arbeitsbereich (.stratus) oder JSON-Dokument eines Arbeitsbereichs.</translation>
    </message>
</context>
<context>
    <name>stratus::editor::ChartsPanel</name>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>The whole workspace</source>
        <translation>Gesamter Arbeitsbereich</translation>
    </message>
    <message>
        <source>Charts of</source>
        <translation>Diagramme für</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Throughput (invocations/s)</source>
        <translation>Durchsatz (Aufrufe/s)</translation>
    </message>
    <message>
        <source>invocations/s</source>
        <translation>Aufrufe/s</translation>
    </message>
    <message>
        <source>Concurrency (average running)</source>
        <translation>Parallelität (durchschnittlich laufend)</translation>
    </message>
    <message>
        <source>average running</source>
        <translation>durchschnittlich laufend</translation>
    </message>
    <message>
        <source>Cold starts (% of invocations)</source>
        <translation>Kaltstarts (% der Aufrufe)</translation>
    </message>
    <message>
        <source>cold-start share</source>
        <translation>Kaltstartanteil</translation>
    </message>
    <message>
        <source>Errors and throttles (per second)</source>
        <translation>Fehler und Drosselungen (pro Sekunde)</translation>
    </message>
    <message>
        <source>errors/s</source>
        <translation>Fehler/s</translation>
    </message>
    <message>
        <source>throttles/s</source>
        <translation>Drosselungen/s</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
</context>
<context>
    <name>stratus::editor::ChoiceRulesEditor</name>
    <message>
        <source>all of (and)</source>
        <translation>alle (und)</translation>
    </message>
    <message>
        <source>any of (or)</source>
        <translation>mindestens eine (oder)</translation>
    </message>
    <message>
        <source>not</source>
        <translation>nicht</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add Rule</source>
        <translation>Regel hinzufügen</translation>
    </message>
    <message>
        <source>Add Condition</source>
        <translation>Bedingung hinzufügen</translation>
    </message>
    <message>
        <source>And</source>
        <translation>Und</translation>
    </message>
    <message>
        <source>Or</source>
        <translation>Oder</translation>
    </message>
    <message>
        <source>Not</source>
        <translation>Nicht</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Choice rules</source>
        <translation>Verzweigungsregeln</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Rules are tried in order; the first whose condition holds sends the event to its port, else it leaves by default. Double-click a cell to edit it.</source>
        <translation>Regeln werden der Reihe nach geprüft; die erste, deren Bedingung zutrifft, schickt das Ereignis an ihren Port, sonst verlässt es den Knoten über default. Doppelklick auf eine Zelle bearbeitet sie.</translation>
    </message>
    <message>
        <source>Add a comparison to the selected group (a comparison becomes an &apos;all of&apos; group with the new one)</source>
        <translation>Einen Vergleich zur ausgewählten Gruppe hinzufügen (ein einzelner Vergleich wird mit dem neuen zu einer „alle“-Gruppe)</translation>
    </message>
    <message>
        <source>Put the selected condition in an &apos;all of&apos; (and) group</source>
        <translation>Ausgewählte Bedingung in eine „alle“-Gruppe (und) setzen</translation>
    </message>
    <message>
        <source>Put the selected condition in an &apos;any of&apos; (or) group</source>
        <translation>Ausgewählte Bedingung in eine „mindestens eine“-Gruppe (oder) setzen</translation>
    </message>
    <message>
        <source>Negate the selected condition</source>
        <translation>Ausgewählte Bedingung negieren</translation>
    </message>
</context>
<context>
    <name>stratus::editor::CostPanel</name>
    <message>
        <source>Free tier</source>
        <translation>Free Tier</translation>
    </message>
    <message>
        <source>Cost breakdown</source>
        <translation>Kostenaufschlüsselung</translation>
    </message>
    <message>
        <source>Pricing preset</source>
        <translation>Preisvorlage</translation>
    </message>
    <message>
        <source>Requests a month, for each function (as stratus cost --requests-per-month)</source>
        <translation>Anfragen pro Monat je Funktion (wie stratus cost --requests-per-month)</translation>
    </message>
    <message>
        <source> /h</source>
        <translation> /h</translation>
    </message>
    <message>
        <source>The hourly price of an always-on VM to compare with (as stratus cost --vm-hourly)</source>
        <translation>Stundenpreis einer VM im Dauerbetrieb zum Vergleich (wie stratus cost --vm-hourly)</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Requests / month</source>
        <translation>Anfragen / Monat</translation>
    </message>
    <message>
        <source>Always-on VM</source>
        <translation>VM im Dauerbetrieb</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Avg duration</source>
        <translation>Ø Dauer</translation>
    </message>
    <message>
        <source>Runs / invocations</source>
        <translation>Läufe / Aufrufe</translation>
    </message>
    <message>
        <source>Per invocation / run</source>
        <translation>Pro Aufruf / Lauf</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Pricing what ran…</source>
        <translation>Kosten der Läufe werden berechnet…</translation>
    </message>
    <message>
        <source>The workspace&apos;s own (settings.pricing)</source>
        <translation>Aus dem Arbeitsbereich (settings.pricing)</translation>
    </message>
    <message>
        <source>Save the workspace as a file to price what it runs.</source>
        <translation>Arbeitsbereich als Datei speichern, um die Kosten seiner Läufe zu berechnen.</translation>
    </message>
    <message>
        <source>Cannot price: %1</source>
        <translation>Kosten nicht berechenbar: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;What ran:&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;A month&lt;/b&gt; at %2 requests per function: &lt;b&gt;%3&lt;/b&gt; %4 (requests %5, compute %6, gateway %7)</source>
        <translation>&lt;b&gt;Bisherige Läufe:&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Pro Monat&lt;/b&gt; bei %2 Anfragen je Funktion: &lt;b&gt;%3&lt;/b&gt; %4 (Anfragen %5, Rechenzeit %6, Gateway %7)</translation>
    </message>
    <message>
        <source>with the free tier</source>
        <translation>mit Free Tier</translation>
    </message>
    <message>
        <source>without the free tier</source>
        <translation>ohne Free Tier</translation>
    </message>
    <message>
        <source>&lt;br&gt;An always-on VM at %1/h: %2 a month; </source>
        <translation>&lt;br&gt;Eine VM im Dauerbetrieb zu %1/h: %2 pro Monat; </translation>
    </message>
    <message>
        <source>serverless costs as much at %1 requests per function a month.</source>
        <translation>Serverless kostet bei %1 Anfragen je Funktion und Monat gleich viel.</translation>
    </message>
    <message>
        <source>serverless stays cheaper at any traffic.</source>
        <translation>Serverless bleibt bei jedem Verkehrsaufkommen günstiger.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;%1, prices read %2&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;%1, Preise vom %2&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Functions, a month at this traffic (without free tier)</source>
        <translation>Funktionen, ein Monat bei diesem Verkehr (ohne Free Tier)</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 ms (%2)</source>
        <translation>%1 ms (%2)</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>gemessen</translation>
    </message>
    <message>
        <source>assumed</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>%1 recorded</source>
        <translation>%1 aufgezeichnet</translation>
    </message>
    <message>
        <source>What ran, by workflow (as priced when it ran)</source>
        <translation>Bisherige Läufe nach Workflow (zu den Preisen zur Laufzeit)</translation>
    </message>
    <message>
        <source>(functions on their own)</source>
        <translation>(einzelne Funktionen)</translation>
    </message>
    <message>
        <source>%1 runs / %2 invocations</source>
        <translation>%1 Läufe / %2 Aufrufe</translation>
    </message>
    <message>
        <source>%1 a run</source>
        <translation>%1 pro Lauf</translation>
    </message>
</context>
<context>
    <name>stratus::editor::DataPanel</name>
    <message>
        <source>Dead messages</source>
        <translation>Unzustellbare Nachrichten</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Purge…</source>
        <translation>Leeren…</translation>
    </message>
    <message>
        <source>Resource data</source>
        <translation>Ressourcendaten</translation>
    </message>
    <message>
        <source>Data status</source>
        <translation>Datenstatus</translation>
    </message>
    <message>
        <source>Delete the selected rows (Del)</source>
        <translation>Ausgewählte Zeilen löschen (Del)</translation>
    </message>
    <message>
        <source>Delete every message of the queue that is not dead, as SQS&apos;s PurgeQueue does</source>
        <translation>Alle nicht unzustellbaren Nachrichten der Warteschlange löschen, wie PurgeQueue von SQS</translation>
    </message>
    <message>
        <source>Show the messages received maxReceiveCount times without success</source>
        <translation>Nachrichten anzeigen, die maxReceiveCount-mal ohne Erfolg empfangen wurden</translation>
    </message>
    <message>
        <source>Purge Queue</source>
        <translation>Warteschlange leeren</translation>
    </message>
    <message>
        <source>Delete every message of queue %1 that is not dead?</source>
        <translation>Alle nicht unzustellbaren Nachrichten der Warteschlange %1 löschen?</translation>
    </message>
    <message>
        <source>Select a queue, bucket or table to see what it holds.</source>
        <translation>Eine Warteschlange, einen Bucket oder eine Tabelle auswählen, um den Inhalt zu sehen.</translation>
    </message>
    <message>
        <source>Table &lt;b&gt;%1&lt;/b&gt;, keyed by %2</source>
        <translation>Tabelle &lt;b&gt;%1&lt;/b&gt;, Schlüssel: %2</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Bucket &lt;b&gt;%1&lt;/b&gt;, in %2</source>
        <translation>Bucket &lt;b&gt;%1&lt;/b&gt;, in %2</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Queue &lt;b&gt;%1&lt;/b&gt;: its dead messages</source>
        <translation>Warteschlange &lt;b&gt;%1&lt;/b&gt;: unzustellbare Nachrichten</translation>
    </message>
    <message>
        <source>Queue &lt;b&gt;%1&lt;/b&gt;: its messages, waiting or in flight</source>
        <translation>Warteschlange &lt;b&gt;%1&lt;/b&gt;: Nachrichten, wartend oder in Zustellung</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Receives</source>
        <translation>Empfänge</translation>
    </message>
    <message>
        <source>Message id</source>
        <translation>Nachrichten-ID</translation>
    </message>
    <message>
        <source>Cannot read the data: %1</source>
        <translation>Die Daten können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The first %1 shown.</source>
        <translation>Die ersten %1 werden angezeigt.</translation>
    </message>
    <message>
        <source>Upload…</source>
        <translation>Hochladen…</translation>
    </message>
    <message>
        <source>Send…</source>
        <translation>Senden…</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Run the workspace (F5) to change its data: changes go through its local AWS endpoint, and make the same events as any write</source>
        <translation>Arbeitsbereich ausführen (F5), um seine Daten zu ändern: Änderungen laufen über seinen lokalen AWS-Endpunkt und erzeugen dieselben Ereignisse wie jeder Schreibvorgang</translation>
    </message>
    <message>
        <source>Shown as saved. %1.</source>
        <translation>Gespeicherter Stand wird angezeigt. %1.</translation>
    </message>
    <message>
        <source>Shown as saved.</source>
        <translation>Gespeicherter Stand wird angezeigt.</translation>
    </message>
    <message>
        <source>Not running: run the workspace (F5) to change its data.</source>
        <translation>Läuft nicht: Arbeitsbereich ausführen (F5), um seine Daten zu ändern.</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Not an item: %1</source>
        <translation>Kein Element: %1</translation>
    </message>
    <message>
        <source>Item %1 written into %2.</source>
        <translation>Element %1 in %2 geschrieben.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Uploaded %1 as %2.</source>
        <translation>%1 als %2 hochgeladen.</translation>
    </message>
    <message>
        <source>Message sent to %1.</source>
        <translation>Nachricht an %1 gesendet.</translation>
    </message>
    <message>
        <source>Queue %1 purged.</source>
        <translation>Warteschlange %1 geleert.</translation>
    </message>
    <message>
        <source>Item deleted from %1.</source>
        <translation>Element aus %1 gelöscht.</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <source>Edit Item</source>
        <translation>Element bearbeiten</translation>
    </message>
    <message>
        <source>Add Item</source>
        <translation>Element hinzufügen</translation>
    </message>
    <message>
        <source>The item as JSON (its key: %1). Writing it replaces the item of that key.</source>
        <translation>Das Element als JSON (Schlüssel: %1). Beim Schreiben wird das Element mit diesem Schlüssel ersetzt.</translation>
    </message>
    <message>
        <source>An item is a JSON object.</source>
        <translation>Ein Element ist ein JSON-Objekt.</translation>
    </message>
    <message>
        <source>Not JSON: %1</source>
        <translation>Kein JSON: %1</translation>
    </message>
    <message>
        <source>Upload into %1</source>
        <translation>In %1 hochladen</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>Send Message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Body of the message to %1:</source>
        <translation>Inhalt der Nachricht an %1:</translation>
    </message>
</context>
<context>
    <name>stratus::editor::DocsBrowser</name>
    <message>
        <source>Stratus Documentation</source>
        <translation>Stratus-Dokumentation</translation>
    </message>
    <message>
        <source>Guides</source>
        <translation>Anleitungen</translation>
    </message>
    <message>
        <source>Guide text</source>
        <translation>Anleitungstext</translation>
    </message>
    <message>
        <source>Read me first</source>
        <translation>Zuerst lesen</translation>
    </message>
    <message>
        <source>The documentation is not installed here. It is at https://github.com/stratus/stratus/tree/main/docs and in docs/ of the sources.</source>
        <translation>Die Dokumentation ist hier nicht installiert. Sie liegt unter https://github.com/stratus/stratus/tree/main/docs und im Ordner docs/ der Quellen.</translation>
    </message>
</context>
<context>
    <name>stratus::editor::Inspector</name>
    <message>
        <source>Select a function to edit its code.</source>
        <translation>Eine Funktion auswählen, um ihren Code zu bearbeiten.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Node configuration</source>
        <translation>Knotenkonfiguration</translation>
    </message>
    <message>
        <source>Function files</source>
        <translation>Funktionsdateien</translation>
    </message>
    <message>
        <source>Find in code</source>
        <translation>Im Code suchen</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>The function&apos;s source files; ★ marks the handler&apos;s file</source>
        <translation>Die Quelldateien der Funktion; ★ markiert die Datei des Handlers</translation>
    </message>
    <message>
        <source>Find (Enter: next)</source>
        <translation>Suchen (Enter: weiter)</translation>
    </message>
    <message>
        <source>Replace with (Enter: replace and find next)</source>
        <translation>Ersetzen durch (Enter: ersetzen und weitersuchen)</translation>
    </message>
    <message>
        <source>Send a saved or edited event to this node on the running workspace</source>
        <translation>Ein gespeichertes oder bearbeitetes Ereignis an diesen Knoten im laufenden Arbeitsbereich senden</translation>
    </message>
    <message>
        <source>Add File</source>
        <translation>Datei hinzufügen</translation>
    </message>
    <message>
        <source>Path of the new file (e.g. lib/util.mjs):</source>
        <translation>Pfad der neuen Datei (z. B. lib/util.mjs):</translation>
    </message>
    <message>
        <source>Rename File</source>
        <translation>Datei umbenennen</translation>
    </message>
    <message>
        <source>New path:</source>
        <translation>Neuer Pfad:</translation>
    </message>
    <message>
        <source>&apos;%1&apos; not found</source>
        <translation>„%1“ nicht gefunden</translation>
    </message>
    <message>
        <source>Select a node to see its configuration.</source>
        <translation>Einen Knoten auswählen, um seine Konfiguration zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;&lt;small&gt;%3&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;&lt;small&gt;%3&lt;/small&gt;</translation>
    </message>
    <message>
        <source>This kind is unknown to Stratus.</source>
        <translation>Diese Knotenart ist Stratus unbekannt.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>The node&apos;s name (for resources and functions, their name on AWS)</source>
        <translation>Der Name des Knotens (bei Ressourcen und Funktionen ihr Name in AWS)</translation>
    </message>
    <message>
        <source>Not valid JSON yet: the field keeps its last valid value.</source>
        <translation>Noch kein gültiges JSON: Das Feld behält seinen letzten gültigen Wert.</translation>
    </message>
    <message>
        <source>
Default: %1</source>
        <translation>
Standard: %1</translation>
    </message>
    <message>
        <source>
Range: %1 to %2</source>
        <translation>
Bereich: %1 bis %2</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (Standard)</translation>
    </message>
    <message>
        <source>The handler&apos;s file</source>
        <translation>Datei des Handlers</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>CORS</source>
        <translation>CORS</translation>
    </message>
    <message>
        <source>Payload format</source>
        <translation>Payload-Format</translation>
    </message>
    <message>
        <source>Schedule expression</source>
        <translation>Zeitplanausdruck</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Detail (JSON)</source>
        <translation>Detail (JSON)</translation>
    </message>
    <message>
        <source>Event (JSON)</source>
        <translation>Ereignis (JSON)</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Speicher (MB)</translation>
    </message>
    <message>
        <source>Timeout (s)</source>
        <translation>Zeitlimit (s)</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Reserved concurrency</source>
        <translation>Reservierte Parallelität</translation>
    </message>
    <message>
        <source>Async retries</source>
        <translation>Async-Wiederholungen</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Uses (AWS SDK)</source>
        <translation>Nutzt (AWS SDK)</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Batch window (s)</source>
        <translation>Batchfenster (s)</translation>
    </message>
    <message>
        <source>Visibility timeout (s)</source>
        <translation>Sichtbarkeits-Zeitlimit (s)</translation>
    </message>
    <message>
        <source>Max receives</source>
        <translation>Max. Empfänge</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Key prefix</source>
        <translation>Schlüsselpräfix</translation>
    </message>
    <message>
        <source>Key suffix</source>
        <translation>Schlüsselsuffix</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <source>Sort key</source>
        <translation>Sortierschlüssel</translation>
    </message>
    <message>
        <source>Stream batch size</source>
        <translation>Stream-Batchgröße</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Set %1 of %2</source>
        <translation>%1 von %2 setzen</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>%1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>a file needs a path</source>
        <translation>eine Datei braucht einen Pfad</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a relative path inside the function (no leading / or ..)</source>
        <translation>„%1“ muss ein relativer Pfad innerhalb der Funktion sein (ohne führendes / oder ..)</translation>
    </message>
    <message>
        <source>the function already has a file &apos;%1&apos;</source>
        <translation>die Funktion hat bereits eine Datei „%1“</translation>
    </message>
    <message>
        <source>Cannot add the file: %1</source>
        <translation>Die Datei kann nicht hinzugefügt werden: %1</translation>
    </message>
    <message>
        <source>Add file %1</source>
        <translation>Datei %1 hinzufügen</translation>
    </message>
    <message>
        <source>Cannot rename the file: %1</source>
        <translation>Die Datei kann nicht umbenannt werden: %1</translation>
    </message>
    <message>
        <source>Rename file %1 to %2</source>
        <translation>Datei %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Cannot delete &apos;%1&apos;: a function needs at least one file</source>
        <translation>„%1“ kann nicht gelöscht werden: Eine Funktion braucht mindestens eine Datei</translation>
    </message>
    <message>
        <source>Delete file %1</source>
        <translation>Datei %1 löschen</translation>
    </message>
    <message>
        <source>Send Test Event…  (%1)</source>
        <translation>Testereignis senden…  (%1)</translation>
    </message>
</context>
<context>
    <name>stratus::editor::InvocationsModel</name>
    <message>
        <source>cold</source>
        <translation>kalt</translation>
    </message>
    <message>
        <source>warm</source>
        <translation>warm</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Init (ms)</source>
        <translation>Init (ms)</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Dauer (ms)</translation>
    </message>
    <message>
        <source>Billed (ms)</source>
        <translation>Abgerechnet (ms)</translation>
    </message>
    <message>
        <source>Memory used / size</source>
        <translation>Speicher belegt / Größe</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>stratus::editor::InvocationsPanel</name>
    <message>
        <source>Follow newest</source>
        <translation>Neuesten folgen</translation>
    </message>
    <message>
        <source>Invocation details</source>
        <translation>Aufrufdetails</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logs</translation>
    </message>
    <message>
        <source>Path through the workflow</source>
        <translation>Pfad durch den Workflow</translation>
    </message>
    <message>
        <source>All functions</source>
        <translation>Alle Funktionen</translation>
    </message>
    <message>
        <source>Show the invocations of</source>
        <translation>Aufrufe anzeigen von</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Show invocations with the status</source>
        <translation>Aufrufe mit dem Status anzeigen</translation>
    </message>
    <message>
        <source>Cold and warm</source>
        <translation>Kalt und warm</translation>
    </message>
    <message>
        <source>Cold starts</source>
        <translation>Kaltstarts</translation>
    </message>
    <message>
        <source>Warm starts</source>
        <translation>Warmstarts</translation>
    </message>
    <message>
        <source>Show cold or warm starts</source>
        <translation>Kalt- oder Warmstarts anzeigen</translation>
    </message>
    <message>
        <source>Scroll to each new invocation as it arrives</source>
        <translation>Zu jedem neuen Aufruf scrollen, sobald er eintrifft</translation>
    </message>
    <message>
        <source>Invocations</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Dauer (ms)</translation>
    </message>
    <message>
        <source>Left by</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>Right-click a step to replay the run from it</source>
        <translation>Rechtsklick auf einen Schritt wiederholt den Lauf ab dort</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Run Path</source>
        <translation>Laufpfad</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 angezeigt</translation>
    </message>
    <message>
        <source>Replay From Here</source>
        <translation>Ab hier wiederholen</translation>
    </message>
    <message>
        <source>Replay From Here With Edited Input…</source>
        <translation>Ab hier mit bearbeiteter Eingabe wiederholen…</translation>
    </message>
    <message>
        <source>Request ID    %1
Function      %2
Run           %3
</source>
        <translation>Anfrage-ID    %1
Funktion      %2
Lauf          %3
</translation>
    </message>
    <message>
        <source>Status        %1
</source>
        <translation>Status        %1
</translation>
    </message>
    <message>
        <source>Error         %1: %2
</source>
        <translation>Fehler        %1: %2
</translation>
    </message>
    <message>
        <source>Start         %1
</source>
        <translation>Beginn        %1
</translation>
    </message>
    <message>
        <source>cold (init %1 ms)</source>
        <translation>kalt (Init %1 ms)</translation>
    </message>
    <message>
        <source>warm</source>
        <translation>warm</translation>
    </message>
    <message>
        <source>Duration      %1 ms (billed %2 ms)
</source>
        <translation>Dauer         %1 ms (abgerechnet %2 ms)
</translation>
    </message>
    <message>
        <source>Memory        %1 MB used of %2 MB
</source>
        <translation>Speicher      %1 MB von %2 MB belegt
</translation>
    </message>
    <message>
        <source>Cost          %1
</source>
        <translation>Kosten        %1
</translation>
    </message>
    <message>
        <source>Replay From %1</source>
        <translation>Ab %1 wiederholen</translation>
    </message>
    <message>
        <source>The input %1 receives in the replay:</source>
        <translation>Die Eingabe, die %1 bei der Wiederholung erhält:</translation>
    </message>
</context>
<context>
    <name>stratus::editor::JsonEditor</name>
    <message>
        <source>Event JSON</source>
        <translation>Ereignis-JSON</translation>
    </message>
    <message>
        <source>✓ valid JSON</source>
        <translation>✓ gültiges JSON</translation>
    </message>
    <message>
        <source>Not JSON: %1</source>
        <translation>Kein JSON: %1</translation>
    </message>
</context>
<context>
    <name>stratus::editor::LoadTestDialog</name>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Runs a second</source>
        <translation>Läufe pro Sekunde</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Cancel Test</source>
        <translation>Test abbrechen</translation>
    </message>
    <message>
        <source>Load Test — %1</source>
        <translation>Lasttest — %1</translation>
    </message>
    <message>
        <source>The trigger&apos;s own event</source>
        <translation>Eigenes Ereignis des Auslösers</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>for</source>
        <translation>für</translation>
    </message>
    <message>
        <source>At most in flight</source>
        <translation>Höchstens gleichzeitig</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>Nicht gestartet: %1</translation>
    </message>
    <message>
        <source>%1 runs ended, %2 failed…</source>
        <translation>%1 Läufe beendet, %2 fehlgeschlagen…</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 runs in %2 s: %3 runs/s&lt;/b&gt;%4&lt;br&gt;Latency (start to end of a run): p50 %5 ms, p95 %6 ms, p99 %7 ms, max %8 ms&lt;br&gt;%9 succeeded, %10 failed; %11 invocations: %12 cold starts, %13 throttled, %14 errors&lt;br&gt;Cost: %15 for these runs, &lt;b&gt;%16 per million runs&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 Läufe in %2 s: %3 Läufe/s&lt;/b&gt;%4&lt;br&gt;Latenz (Beginn bis Ende eines Laufs): p50 %5 ms, p95 %6 ms, p99 %7 ms, max. %8 ms&lt;br&gt;%9 erfolgreich, %10 fehlgeschlagen; %11 Aufrufe: %12 Kaltstarts, %13 gedrosselt, %14 Fehler&lt;br&gt;Kosten: %15 für diese Läufe, &lt;b&gt;%16 pro Million Läufe&lt;/b&gt;</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (abgebrochen)</translation>
    </message>
</context>
<context>
    <name>stratus::editor::MainWindow</name>
    <message>
        <source>Open a workspace first</source>
        <translation>Zuerst einen Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Unknown node kind &apos;%1&apos;</source>
        <translation>Unbekannte Knotenart „%1“</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Added %1 &apos;%2&apos;</source>
        <translation>%1 „%2“ hinzugefügt</translation>
    </message>
    <message>
        <source>Nothing to paste: the clipboard holds no Stratus nodes</source>
        <translation>Nichts einzufügen: Die Zwischenablage enthält keine Stratus-Knoten</translation>
    </message>
    <message>
        <source>Paste a node</source>
        <translation>Knoten einfügen</translation>
    </message>
    <message>
        <source>Paste %1 nodes</source>
        <translation>%1 Knoten einfügen</translation>
    </message>
    <message>
        <source>Select nodes to copy</source>
        <translation>Zu kopierende Knoten auswählen</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>nodes</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>wire</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>wires</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>%1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Stratus Studio</source>
        <translation>Stratus Studio</translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation>Workflows</translation>
    </message>
    <message>
        <source>Save As Workspace…</source>
        <translation>Als Arbeitsbereich speichern…</translation>
    </message>
    <message>
        <source>The language changes when the studio starts again.</source>
        <translation>Die Sprache ändert sich beim nächsten Start des Studios.</translation>
    </message>
    <message>
        <source>%1 settings could not be used as they are: see the message</source>
        <translation>%1 Einstellungen konnten nicht übernommen werden: siehe Meldung</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Stratus workspaces (*.stratus)</source>
        <translation>Stratus-Arbeitsbereiche (*.stratus)</translation>
    </message>
    <message>
        <source>Cannot create workspace</source>
        <translation>Arbeitsbereich kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>Create a new workspace file</source>
        <translation>Neue Arbeitsbereichsdatei erstellen</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Öffnen…</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Stratus workspaces (*.stratus *.json);;All files (*)</source>
        <translation>Stratus-Arbeitsbereiche (*.stratus *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open a workspace file or a workspace JSON document</source>
        <translation>Arbeitsbereichsdatei oder JSON-Dokument eines Arbeitsbereichs öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Save failed: %1</source>
        <translation>Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Write every change now (changes are also saved automatically)</source>
        <translation>Alle Änderungen jetzt schreiben (Änderungen werden auch automatisch gespeichert)</translation>
    </message>
    <message>
        <source>Save &amp;As Workspace…</source>
        <translation>&amp;Als Arbeitsbereich speichern…</translation>
    </message>
    <message>
        <source>Save As Workspace</source>
        <translation>Als Arbeitsbereich speichern</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Speichern nicht möglich</translation>
    </message>
    <message>
        <source>Write the workspace into a new workspace file</source>
        <translation>Arbeitsbereich in eine neue Arbeitsbereichsdatei schreiben</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>JSON exportieren</translation>
    </message>
    <message>
        <source>Workspace JSON (*.json)</source>
        <translation>Arbeitsbereichs-JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>Export nicht möglich</translation>
    </message>
    <message>
        <source>Write the workspace&apos;s JSON form</source>
        <translation>JSON-Form des Arbeitsbereichs schreiben</translation>
    </message>
    <message>
        <source>Write a deployable AWS SAM bundle (template.yaml and the code) into a folder</source>
        <translation>Ein bereitstellbares AWS-SAM-Bundle (template.yaml und Code) in einen Ordner schreiben</translation>
    </message>
    <message>
        <source>Export Ser&amp;verless Framework Service…</source>
        <translation>Ser&amp;verless-Framework-Service exportieren…</translation>
    </message>
    <message>
        <source>Write a deployable Serverless Framework v3 service (serverless.yml and the code) into a folder</source>
        <translation>Einen bereitstellbaren Serverless-Framework-v3-Service (serverless.yml und Code) in einen Ordner schreiben</translation>
    </message>
    <message>
        <source>&amp;Zip Each Function&apos;s Code in SAM Bundles</source>
        <translation>Co&amp;de jeder Funktion in SAM-Bundles zippen</translation>
    </message>
    <message>
        <source>SAM bundles hold a reproducible zip per function instead of its folder (stratus export --zip)</source>
        <translation>SAM-Bundles enthalten je Funktion ein reproduzierbares ZIP statt ihres Ordners (stratus export --zip)</translation>
    </message>
    <message>
        <source>&amp;Import AWS SAM Template…</source>
        <translation>AWS-SAM-Vorlage &amp;importieren…</translation>
    </message>
    <message>
        <source>Read an AWS SAM template and its code into a new workspace</source>
        <translation>Eine AWS-SAM-Vorlage samt Code in einen neuen Arbeitsbereich einlesen</translation>
    </message>
    <message>
        <source>Read a serverless.yml and its handlers into a new workspace</source>
        <translation>Eine serverless.yml samt Handlern in einen neuen Arbeitsbereich einlesen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>Wieder&amp;herstellen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Remove the selected nodes (with their wires) and wires</source>
        <translation>Ausgewählte Knoten (mit ihren Verbindungen) und Verbindungen entfernen</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Alles aus&amp;wählen</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>Your defaults: language, theme, interpreters, gateway, pricing, autosave</source>
        <translation>Ihre Vorgaben: Sprache, Design, Interpreter, Gateway, Preise, automatisches Speichern</translation>
    </message>
    <message>
        <source>&amp;Workflow</source>
        <translation>&amp;Workflow</translation>
    </message>
    <message>
        <source>&amp;New Workflow</source>
        <translation>&amp;Neuer Workflow</translation>
    </message>
    <message>
        <source>Add a workflow to the workspace, as a new tab</source>
        <translation>Dem Arbeitsbereich einen Workflow als neuen Tab hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Rename Workflow…</source>
        <translation>Workflow &amp;umbenennen…</translation>
    </message>
    <message>
        <source>Rename Workflow</source>
        <translation>Workflow umbenennen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Rename the current workflow (or double-click its tab)</source>
        <translation>Aktuellen Workflow umbenennen (oder Doppelklick auf seinen Tab)</translation>
    </message>
    <message>
        <source>&amp;Delete Workflow</source>
        <translation>Workflow &amp;löschen</translation>
    </message>
    <message>
        <source>Remove the current workflow and everything on it (undoable)</source>
        <translation>Aktuellen Workflow mit allem darauf entfernen (rückgängig machbar)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>&amp;Einpassen</translation>
    </message>
    <message>
        <source>Show the whole workflow</source>
        <translation>Den ganzen Workflow anzeigen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>&amp;Erste Schritte</translation>
    </message>
    <message>
        <source>A short tour of the studio on an example: design, run, measure, ship</source>
        <translation>Eine kurze Tour durch das Studio an einem Beispiel: entwerfen, ausführen, messen, ausliefern</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Every action&apos;s keys, searchable</source>
        <translation>Die Tasten jeder Aktion, durchsuchbar</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Dokumentation</translation>
    </message>
    <message>
        <source>The user guides, read here</source>
        <translation>Die Benutzeranleitungen, hier zu lesen</translation>
    </message>
    <message>
        <source>&amp;About Stratus</source>
        <translation>&amp;Über Stratus</translation>
    </message>
    <message>
        <source>About Stratus</source>
        <translation>Über Stratus</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>Rückgängig-Verlauf</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;geöffnet&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Stratus Studio&lt;/h2&gt;&lt;p&gt;Design serverless workflows, run them locally, ship them.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Stratus Studio&lt;/h2&gt;&lt;p&gt;Serverless-Workflows entwerfen, lokal ausführen, ausliefern.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Examples&lt;/b&gt;</source>
        <translation>&lt;b&gt;Beispiele&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>Alle Änderungen gespeichert</translation>
    </message>
    <message>
        <source>Unsaved (JSON document)</source>
        <translation>Nicht gespeichert (JSON-Dokument)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Wrote an AWS SAM bundle to %1</source>
        <translation>AWS-SAM-Bundle nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Wrote a Serverless Framework service to %1</source>
        <translation>Serverless-Framework-Service nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Export AWS SAM Bundle: choose or make an empty folder</source>
        <translation>AWS-SAM-Bundle exportieren: leeren Ordner wählen oder anlegen</translation>
    </message>
    <message>
        <source>Export Serverless Framework Service: choose or make an empty folder</source>
        <translation>Serverless-Framework-Service exportieren: leeren Ordner wählen oder anlegen</translation>
    </message>
    <message>
        <source>Files you added there (samconfig.toml, .aws-sam) stay.</source>
        <translation>Von Ihnen dort hinzugefügte Dateien (samconfig.toml, .aws-sam) bleiben erhalten.</translation>
    </message>
    <message>
        <source>Files you added there (node_modules, package.json, .serverless) stay.</source>
        <translation>Von Ihnen dort hinzugefügte Dateien (node_modules, package.json, .serverless) bleiben erhalten.</translation>
    </message>
    <message>
        <source>Replace the Bundle?</source>
        <translation>Bundle ersetzen?</translation>
    </message>
    <message>
        <source>%1 holds a bundle exported earlier. Replace the files that export wrote?</source>
        <translation>%1 enthält ein früher exportiertes Bundle. Die von diesem Export geschriebenen Dateien ersetzen?</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>Export nicht möglich</translation>
    </message>
    <message>
        <source>Export Stratus&apos;s Own Template</source>
        <translation>Stratus-eigene Vorlage exportieren</translation>
    </message>
    <message>
        <source>Wrote an AWS SAM bundle to %1. Deploy it with: sam build &amp;&amp; sam deploy --guided</source>
        <translation>AWS-SAM-Bundle nach %1 geschrieben. Bereitstellen mit: sam build &amp;&amp; sam deploy --guided</translation>
    </message>
    <message>
        <source>Wrote a Serverless Framework service to %1. Deploy it as its README.md says (npx serverless deploy).</source>
        <translation>Serverless-Framework-Service nach %1 geschrieben. Bereitstellen wie in seiner README.md beschrieben (npx serverless deploy).</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exportiert</translation>
    </message>
    <message>
        <source>Import AWS SAM Template</source>
        <translation>AWS-SAM-Vorlage importieren</translation>
    </message>
    <message>
        <source>Import Serverless Framework Service</source>
        <translation>Serverless-Framework-Service importieren</translation>
    </message>
    <message>
        <source>AWS SAM templates (*.yaml *.yml *.json);;All files (*)</source>
        <translation>AWS-SAM-Vorlagen (*.yaml *.yml *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Serverless Framework services (serverless.yml serverless.yaml);;All files (*)</source>
        <translation>Serverless-Framework-Services (serverless.yml serverless.yaml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import into a new workspace file</source>
        <translation>In eine neue Arbeitsbereichsdatei importieren</translation>
    </message>
    <message>
        <source>Cannot Import</source>
        <translation>Import nicht möglich</translation>
    </message>
    <message>
        <source>%1 was not imported; nothing was written.</source>
        <translation>%1 wurde nicht importiert; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 importiert</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Imported %1. What the canvas does not show is kept, and written back when you export it in the same format:</source>
        <translation>%1 importiert. Was die Arbeitsfläche nicht zeigt, bleibt erhalten und wird beim Export im selben Format zurückgeschrieben:</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Stratus could not open %1.

%2</source>
        <translation>Stratus konnte %1 nicht öffnen.

%2</translation>
    </message>
    <message>
        <source>%1 is a JSON document: use File → Save As Workspace to keep your changes</source>
        <translation>%1 ist ein JSON-Dokument: Mit Datei → Als Arbeitsbereich speichern bleiben Ihre Änderungen erhalten</translation>
    </message>
    <message>
        <source>Workflow canvas</source>
        <translation>Workflow-Arbeitsfläche</translation>
    </message>
    <message>
        <source>Workflow %1 (double-click to rename)</source>
        <translation>Workflow %1 (Doppelklick zum Umbenennen)</translation>
    </message>
    <message>
        <source>Workflow %1</source>
        <translation>Workflow %1</translation>
    </message>
    <message>
        <source>New workflow</source>
        <translation>Neuer Workflow</translation>
    </message>
    <message>
        <source>A workspace keeps at least one workflow</source>
        <translation>Ein Arbeitsbereich behält mindestens einen Workflow</translation>
    </message>
    <message>
        <source>Delete workflow %1</source>
        <translation>Workflow %1 löschen</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is a JSON document: your changes live only in this window until you save it as a workspace file, which then saves itself.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; ist ein JSON-Dokument: Ihre Änderungen bestehen nur in diesem Fenster, bis Sie es als Arbeitsbereichsdatei speichern, die sich dann selbst speichert.</translation>
    </message>
    <message>
        <source>%1%2 — Stratus Studio</source>
        <translation>%1%2 — Stratus Studio</translation>
    </message>
    <message>
        <source> (not saved)</source>
        <translation> (nicht gespeichert)</translation>
    </message>
    <message>
        <source>/edge %1</source>
        <translation>/Verbindung %1</translation>
    </message>
    <message>
        <source>%1: %2, %3, %4</source>
        <translation>%1: %2, %3, %4</translation>
    </message>
    <message>
        <source>workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>workflows</source>
        <translation>Workflows</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Not running. The errors that stopped Run are fixed: Run (F5) again.</source>
        <translation>Läuft nicht. Die Fehler, die das Ausführen verhindert haben, sind behoben: Erneut ausführen (F5).</translation>
    </message>
    <message>
        <source>Save as a workspace?</source>
        <translation>Als Arbeitsbereich speichern?</translation>
    </message>
    <message>
        <source>%1 is a JSON document. Save it as a new workspace file to keep your changes?</source>
        <translation>%1 ist ein JSON-Dokument. Als neue Arbeitsbereichsdatei speichern, um Ihre Änderungen zu behalten?</translation>
    </message>
    <message>
        <source>Your last changes could not be saved to %1:
%2</source>
        <translation>Ihre letzten Änderungen konnten nicht in %1 gespeichert werden:
%2</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <source>Invocations</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Reloaded the saved design.</source>
        <translation>Gespeicherten Entwurf neu geladen.</translation>
    </message>
    <message>
        <source>The saved design was not reloaded: %1</source>
        <translation>Der gespeicherte Entwurf wurde nicht neu geladen: %1</translation>
    </message>
    <message>
        <source>Replaying run %1 from %2 as run %3</source>
        <translation>Lauf %1 wird ab %2 als Lauf %3 wiederholt</translation>
    </message>
    <message>
        <source>Cannot replay: %1</source>
        <translation>Wiederholen nicht möglich: %1</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>Läuft nicht: %1</translation>
    </message>
    <message>
        <source>Serve the workspace&apos;s triggers and resources on this machine</source>
        <translation>Auslöser und Ressourcen des Arbeitsbereichs auf diesem Rechner bereitstellen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Stop the running workspace (runs in flight get 1.5 s to end)</source>
        <translation>Laufenden Arbeitsbereich stoppen (aktive Läufe haben 1,5 s Zeit zum Beenden)</translation>
    </message>
    <message>
        <source>Send &amp;Test Event…</source>
        <translation>&amp;Testereignis senden…</translation>
    </message>
    <message>
        <source>Select a trigger or a function to send it a test event.</source>
        <translation>Einen Auslöser oder eine Funktion auswählen, um ein Testereignis zu senden.</translation>
    </message>
    <message>
        <source>Send a saved or edited event to the selected trigger or function</source>
        <translation>Ein gespeichertes oder bearbeitetes Ereignis an den ausgewählten Auslöser oder die ausgewählte Funktion senden</translation>
    </message>
    <message>
        <source>&amp;Load Test…</source>
        <translation>&amp;Lasttest…</translation>
    </message>
    <message>
        <source>Select a trigger to load-test it.</source>
        <translation>Einen Auslöser für den Lasttest auswählen.</translation>
    </message>
    <message>
        <source>Send many events to the selected trigger and measure them</source>
        <translation>Viele Ereignisse an den ausgewählten Auslöser senden und messen</translation>
    </message>
    <message>
        <source>Tune &amp;Memory…</source>
        <translation>Speicher &amp;optimieren…</translation>
    </message>
    <message>
        <source>Select a function to tune its memory.</source>
        <translation>Eine Funktion auswählen, um ihren Speicher zu optimieren.</translation>
    </message>
    <message>
        <source>Run the selected function at several memory sizes and compare duration and cost</source>
        <translation>Ausgewählte Funktion mit mehreren Speichergrößen ausführen und Dauer und Kosten vergleichen</translation>
    </message>
    <message>
        <source>Toggle &amp;Breakpoint</source>
        <translation>&amp;Haltepunkt umschalten</translation>
    </message>
    <message>
        <source>Pause runs before the selected node</source>
        <translation>Läufe vor dem ausgewählten Knoten anhalten</translation>
    </message>
    <message>
        <source>Ste&amp;p</source>
        <translation>&amp;Einzelschritt</translation>
    </message>
    <message>
        <source>Let the paused run enter its node and pause before the next one</source>
        <translation>Angehaltenen Lauf seinen Knoten betreten und vor dem nächsten anhalten lassen</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>Fo&amp;rtsetzen</translation>
    </message>
    <message>
        <source>Let the paused run go on to its next breakpoint (F5)</source>
        <translation>Angehaltenen Lauf bis zum nächsten Haltepunkt fortsetzen (F5)</translation>
    </message>
    <message>
        <source>&amp;Abort Paused Run</source>
        <translation>Angehaltenen Lauf &amp;abbrechen</translation>
    </message>
    <message>
        <source>End the paused run as aborted</source>
        <translation>Angehaltenen Lauf als abgebrochen beenden</translation>
    </message>
    <message>
        <source>Start the counts on the canvas from zero</source>
        <translation>Zähler auf der Arbeitsfläche wieder bei null beginnen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Running at %1</source>
        <translation>Läuft unter %1</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird gestoppt…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Test events go to triggers and functions.</source>
        <translation>Testereignisse gehen an Auslöser und Funktionen.</translation>
    </message>
    <message>
        <source>Load tests start at a trigger.</source>
        <translation>Lasttests beginnen bei einem Auslöser.</translation>
    </message>
    <message>
        <source>Memory tuning is for functions.</source>
        <translation>Speicheroptimierung gibt es nur für Funktionen.</translation>
    </message>
    <message>
        <source>Select one node to put a breakpoint on it.</source>
        <translation>Einen einzelnen Knoten auswählen, um einen Haltepunkt zu setzen.</translation>
    </message>
    <message>
        <source>Runs pause before %1</source>
        <translation>Läufe halten vor %1 an</translation>
    </message>
    <message>
        <source>Breakpoint removed</source>
        <translation>Haltepunkt entfernt</translation>
    </message>
    <message>
        <source>The paused event is not JSON: %1</source>
        <translation>Das angehaltene Ereignis ist kein JSON: %1</translation>
    </message>
    <message>
        <source>Cannot resume: %1</source>
        <translation>Fortsetzen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Paused before %1: F10 steps, F5 continues</source>
        <translation>Angehalten vor %1: F10 Einzelschritt, F5 fortsetzen</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>Arbeitsfläche</translation>
    </message>
    <message>
        <source>Select one node to wire (arrow keys move the selection)</source>
        <translation>Einen Knoten zum Verbinden auswählen (Pfeiltasten bewegen die Auswahl)</translation>
    </message>
    <message>
        <source>Only functions have code; Return opens the inspector</source>
        <translation>Nur Funktionen haben Code; Return öffnet den Inspektor</translation>
    </message>
    <message>
        <source>&amp;Wire Selected Node…</source>
        <translation>Ausgewählten Knoten &amp;verbinden…</translation>
    </message>
    <message>
        <source>Draw a wire from or to the selected node, chosen from a list</source>
        <translation>Eine Verbindung vom oder zum ausgewählten Knoten aus einer Liste wählen</translation>
    </message>
    <message>
        <source>Ne&amp;xt Panel</source>
        <translation>&amp;Nächster Bereich</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the next panel</source>
        <translation>Den Tastaturfokus in den nächsten Bereich setzen</translation>
    </message>
    <message>
        <source>Pre&amp;vious Panel</source>
        <translation>&amp;Vorheriger Bereich</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the previous panel</source>
        <translation>Den Tastaturfokus in den vorherigen Bereich setzen</translation>
    </message>
    <message>
        <source>Some settings could not be used as they are; the studio goes on as said below.</source>
        <translation>Einige Einstellungen konnten nicht so verwendet werden; das Studio verfährt wie unten beschrieben.</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>Beispie&amp;le</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>JSON &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export AWS SAM &amp;Bundle…</source>
        <translation>AWS-SA&amp;M-Bundle exportieren…</translation>
    </message>
    <message>
        <source>Import Serverless &amp;Framework Service…</source>
        <translation>Serverless-Framework-Service im&amp;portieren…</translation>
    </message>
    <message>
        <source>Dup&amp;licate</source>
        <translation>&amp;Duplizieren</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>Einstellu&amp;ngen…</translation>
    </message>
    <message>
        <source>New workspace…  (%1)</source>
        <translation>Neuer Arbeitsbereich…  (%1)</translation>
    </message>
    <message>
        <source>Open…  (%1)</source>
        <translation>Öffnen…  (%1)</translation>
    </message>
    <message>
        <source>Clear Canvas Cou&amp;nts</source>
        <translation>Zähler der Arbeitsfläche &amp;zurücksetzen</translation>
    </message>
</context>
<context>
    <name>stratus::editor::MemorySweepDialog</name>
    <message>
        <source>Cheapest</source>
        <translation>Am günstigsten</translation>
    </message>
    <message>
        <source>Fastest</source>
        <translation>Am schnellsten</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Ausgewogen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Cancel Sweep</source>
        <translation>Messung abbrechen</translation>
    </message>
    <message>
        <source>Use Selected Size</source>
        <translation>Ausgewählte Größe verwenden</translation>
    </message>
    <message>
        <source>Tune Memory — %1</source>
        <translation>Speicher optimieren — %1</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>One whole vCPU</source>
        <translation>Eine ganze vCPU</translation>
    </message>
    <message>
        <source>other sizes, e.g. 640,4096</source>
        <translation>weitere Größen, z. B. 640,4096</translation>
    </message>
    <message>
        <source>More sizes in MB (128 to 10,240), separated by commas</source>
        <translation>Weitere Größen in MB (128 bis 10.240), durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Memory sizes</source>
        <translation>Speichergrößen</translation>
    </message>
    <message>
        <source>Measured invocations a size, after one warm-up (the cold start) that is not counted</source>
        <translation>Gemessene Aufrufe je Größe, nach einem nicht gezählten Aufwärmlauf (dem Kaltstart)</translation>
    </message>
    <message>
        <source>Runs a size</source>
        <translation>Läufe je Größe</translation>
    </message>
    <message>
        <source>An empty event {}</source>
        <translation>Ein leeres Ereignis {}</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Duration p50 (ms)</source>
        <translation>Dauer p50 (ms)</translation>
    </message>
    <message>
        <source>Cost ($ per million)</source>
        <translation>Kosten ($ pro Million)</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Speicher (MB)</translation>
    </message>
    <message>
        <source>p50 (ms)</source>
        <translation>p50 (ms)</translation>
    </message>
    <message>
        <source>$ / million</source>
        <translation>$ / Million</translation>
    </message>
    <message>
        <source>Duration and cost per invocation against memory</source>
        <translation>Dauer und Kosten pro Aufruf in Abhängigkeit vom Speicher</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>vCPU</source>
        <translation>vCPU</translation>
    </message>
    <message>
        <source>Mean (ms)</source>
        <translation>Mittel (ms)</translation>
    </message>
    <message>
        <source>CPU (ms)</source>
        <translation>CPU (ms)</translation>
    </message>
    <message>
        <source>Cost / invocation</source>
        <translation>Kosten / Aufruf</translation>
    </message>
    <message>
        <source>Select a size and press Use to give the function that memory</source>
        <translation>Eine Größe auswählen und „Verwenden“ drücken, um sie der Funktion zuzuweisen</translation>
    </message>
    <message>
        <source>Each size runs in fresh instances given Lambda&apos;s CPU share for that memory (one vCPU at 1,769 MB). The runs are not recorded in the history.</source>
        <translation>Jede Größe läuft in neuen Instanzen mit dem CPU-Anteil, den Lambda diesem Speicher gibt (eine vCPU bei 1.769 MB). Die Läufe werden nicht in der Historie aufgezeichnet.</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>Nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Measuring %1 sizes, %2 runs each after a warm-up…</source>
        <translation>%1 Größen werden gemessen, je %2 Läufe nach einem Aufwärmlauf…</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No run at this size succeeded: see the note.</source>
        <translation>Kein Lauf mit dieser Größe war erfolgreich: siehe Hinweis.</translation>
    </message>
    <message>
        <source>did not run: %1</source>
        <translation>nicht gelaufen: %1</translation>
    </message>
    <message>
        <source>%1: %2 MB</source>
        <translation>%1: %2 MB</translation>
    </message>
    <message>
        <source>cheapest</source>
        <translation>am günstigsten</translation>
    </message>
    <message>
        <source>fastest</source>
        <translation>am schnellsten</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>ausgewogen</translation>
    </message>
    <message>
        <source>No size was measured whole.</source>
        <translation>Keine Größe wurde vollständig gemessen.</translation>
    </message>
    <message>
        <source>No size ran without failures: see the errors in the table.</source>
        <translation>Keine Größe lief ohne Fehlschläge: siehe Fehler in der Tabelle.</translation>
    </message>
    <message>
        <source>%1 MB (p50 %2 ms, %3 a million)</source>
        <translation>%1 MB (p50 %2 ms, %3 pro Million)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cheapest&lt;/b&gt; %1 · &lt;b&gt;Fastest&lt;/b&gt; %2 · &lt;b&gt;Balanced&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;Am günstigsten&lt;/b&gt; %1 · &lt;b&gt;Am schnellsten&lt;/b&gt; %2 · &lt;b&gt;Ausgewogen&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>Cancelled. </source>
        <translation>Abgebrochen. </translation>
    </message>
    <message>
        <source>Use %1 MB</source>
        <translation>%1 MB verwenden</translation>
    </message>
    <message>
        <source>%1 already has %2 MB.</source>
        <translation>%1 hat bereits %2 MB.</translation>
    </message>
    <message>
        <source>Set %1&apos;s memory to %2 MB</source>
        <translation>Speicher von %1 auf %2 MB setzen</translation>
    </message>
    <message>
        <source>%1 now has %2 MB (Edit → Undo takes it back).</source>
        <translation>%1 hat jetzt %2 MB (Bearbeiten → Rückgängig nimmt es zurück).</translation>
    </message>
</context>
<context>
    <name>stratus::editor::NodePalette</name>
    <message>
        <source>Triggers</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Berechnung</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <source>Filter node kinds…</source>
        <translation>Knotenarten filtern…</translation>
    </message>
    <message>
        <source>Node kinds</source>
        <translation>Knotenarten</translation>
    </message>
    <message>
        <source>Filter node kinds</source>
        <translation>Knotenarten filtern</translation>
    </message>
    <message>
        <source>AWS: %1</source>
        <translation>AWS: %1</translation>
    </message>
</context>
<context>
    <name>stratus::editor::RunPanel</name>
    <message>
        <source>Warnings and reloads</source>
        <translation>Warnungen und Neuladen</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Double-click copies the URL; right-click copies a curl line</source>
        <translation>Doppelklick kopiert die URL; Rechtsklick kopiert eine curl-Zeile</translation>
    </message>
    <message>
        <source>HTTP routes</source>
        <translation>HTTP-Routen</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>Copy curl Command</source>
        <translation>curl-Befehl kopieren</translation>
    </message>
    <message>
        <source>Step  (F10)</source>
        <translation>Einzelschritt  (F10)</translation>
    </message>
    <message>
        <source>Continue  (F5)</source>
        <translation>Fortsetzen  (F5)</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Warnings and reloads of the running workspace show here.</source>
        <translation>Warnungen und Neuladen des laufenden Arbeitsbereichs erscheinen hier.</translation>
    </message>
    <message>
        <source>Not running. Run (F5) serves the workspace&apos;s triggers and resources here.</source>
        <translation>Läuft nicht. Ausführen (F5) stellt die Auslöser und Ressourcen des Arbeitsbereichs hier bereit.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Running&lt;/b&gt; (no HTTP triggers). Stop: Shift+F5.</source>
        <translation>&lt;b&gt;Läuft&lt;/b&gt; (keine HTTP-Auslöser). Stoppen: Shift+F5.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Running&lt;/b&gt; at &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;. Stop: Shift+F5.</source>
        <translation>&lt;b&gt;Läuft&lt;/b&gt; unter &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;. Stoppen: Shift+F5.</translation>
    </message>
    <message>
        <source>AWS endpoint (the SDK and the AWS CLI reach the tables and queues here): %1</source>
        <translation>AWS-Endpunkt (SDK und AWS CLI erreichen hier Tabellen und Warteschlangen): %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused&lt;/b&gt; before &lt;b&gt;%1&lt;/b&gt; (run %2). Edit what it receives, then Step or Continue.</source>
        <translation>&lt;b&gt;Angehalten&lt;/b&gt; vor &lt;b&gt;%1&lt;/b&gt; (Lauf %2). Eingabe bearbeiten, dann Einzelschritt oder Fortsetzen.</translation>
    </message>
    <message>
        <source> %1 more run(s) wait.</source>
        <translation> Weitere wartende Läufe: %1.</translation>
    </message>
</context>
<context>
    <name>stratus::editor::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Appearance and editing</source>
        <translation>Darstellung und Bearbeitung</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1 (nicht installiert)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>The studio&apos;s language; it changes when the studio starts again</source>
        <translation>Die Sprache des Studios; sie ändert sich beim nächsten Start</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Hoher Kontrast</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <source>The studio&apos;s colours</source>
        <translation>Die Farben des Studios</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>&amp;Save changes after:</source>
        <translation>Änderungen spei&amp;chern nach:</translation>
    </message>
    <message>
        <source>How long after a change the workspace file is written</source>
        <translation>Wie lange nach einer Änderung die Arbeitsbereichsdatei geschrieben wird</translation>
    </message>
    <message>
        <source>Runtimes</source>
        <translation>Laufzeiten</translation>
    </message>
    <message>
        <source>The %1 interpreter that runs functions; empty finds one</source>
        <translation>Der %1-Interpreter, der Funktionen ausführt; leer sucht selbst einen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose the %1 interpreter&apos;s file</source>
        <translation>Datei des %1-Interpreters auswählen</translation>
    </message>
    <message>
        <source>&amp;Node.js:</source>
        <translation>&amp;Node.js:</translation>
    </message>
    <message>
        <source>&amp;Python:</source>
        <translation>&amp;Python:</translation>
    </message>
    <message>
        <source>Choose the %1 interpreter</source>
        <translation>%1-Interpreter auswählen</translation>
    </message>
    <message>
        <source>Running (when a workspace does not say)</source>
        <translation>Ausführung (wenn der Arbeitsbereich nichts festlegt)</translation>
    </message>
    <message>
        <source>Gateway &amp;host:</source>
        <translation>Gateway-&amp;Host:</translation>
    </message>
    <message>
        <source>The address the HTTP gateway listens on: 127.0.0.1 keeps it to this machine</source>
        <translation>Adresse, an der das HTTP-Gateway lauscht: 127.0.0.1 beschränkt es auf diesen Rechner</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Beliebiger freier Port</translation>
    </message>
    <message>
        <source>Gateway p&amp;ort:</source>
        <translation>Gateway-P&amp;ort:</translation>
    </message>
    <message>
        <source>The HTTP gateway&apos;s port; 0 takes any free one</source>
        <translation>Port des HTTP-Gateways; 0 nimmt einen beliebigen freien</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>P&amp;ricing of new workspaces:</source>
        <translation>P&amp;reise neuer Arbeitsbereiche:</translation>
    </message>
    <message>
        <source>The price list a new workspace starts with</source>
        <translation>Preisliste, mit der ein neuer Arbeitsbereich beginnt</translation>
    </message>
    <message>
        <source> per hour</source>
        <translation> pro Stunde</translation>
    </message>
    <message>
        <source>&amp;VM to compare with:</source>
        <translation>&amp;VM zum Vergleich:</translation>
    </message>
    <message>
        <source>The hourly price of the always-on machine the Cost panel compares with</source>
        <translation>Stundenpreis des dauerhaft laufenden Rechners, mit dem die Kostenansicht vergleicht</translation>
    </message>
    <message>
        <source>Run history of new workspaces</source>
        <translation>Laufhistorie neuer Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Keep all</source>
        <translation>Alle behalten</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Keep runs &amp;for:</source>
        <translation>Läufe &amp;behalten für:</translation>
    </message>
    <message>
        <source>Runs older than this are removed; 0 keeps them all</source>
        <translation>Ältere Läufe werden entfernt; 0 behält alle</translation>
    </message>
    <message>
        <source> runs</source>
        <translation> Läufe</translation>
    </message>
    <message>
        <source>Keep at &amp;most:</source>
        <translation>&amp;Maximal behalten:</translation>
    </message>
    <message>
        <source>Only the most recent runs are kept; 0 keeps them all</source>
        <translation>Nur die neuesten Läufe werden behalten; 0 behält alle</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>%1: %2 (%3, the closest version)</source>
        <translation>%1: %2 (%3, nächstgelegene Version)</translation>
    </message>
    <message>
        <source>No %1 found on this machine: functions of its runtimes cannot run.</source>
        <translation>Kein %1 auf diesem Rechner gefunden: Funktionen seiner Laufzeiten können nicht laufen.</translation>
    </message>
    <message>
        <source>Found automatically:</source>
        <translation>Automatisch gefunden:</translation>
    </message>
    <message>
        <source>%1 %2: runs every %1 runtime.</source>
        <translation>%1 %2: führt jede %1-Laufzeit aus.</translation>
    </message>
    <message>
        <source>%1 interpreter: %2</source>
        <translation>%1-Interpreter: %2</translation>
    </message>
    <message>
        <source>Gateway host: &quot;%1&quot; is not an IP address or localhost</source>
        <translation>Gateway-Host: „%1“ ist weder eine IP-Adresse noch localhost</translation>
    </message>
</context>
<context>
    <name>stratus::editor::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Search actions and keys</source>
        <translation>Aktionen und Tasten suchen</translation>
    </message>
    <message>
        <source>Search shortcuts</source>
        <translation>Tastenkürzel suchen</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>Arbeitsfläche</translation>
    </message>
    <message>
        <source>Select the nearest node that way</source>
        <translation>Den nächsten Knoten in dieser Richtung auswählen</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>Pfeiltasten</translation>
    </message>
    <message>
        <source>Move the selected nodes a grid step</source>
        <translation>Die ausgewählten Knoten um einen Rasterschritt verschieben</translation>
    </message>
    <message>
        <source>Shift+arrow keys</source>
        <translation>Umschalt+Pfeiltasten</translation>
    </message>
    <message>
        <source>Open the selected node&apos;s inspector</source>
        <translation>Den Inspektor des ausgewählten Knotens öffnen</translation>
    </message>
    <message>
        <source>Edit the selected function&apos;s code</source>
        <translation>Den Code der ausgewählten Funktion bearbeiten</translation>
    </message>
    <message>
        <source>Back to the canvas from the inspector</source>
        <translation>Vom Inspektor zurück zur Arbeitsfläche</translation>
    </message>
    <message>
        <source>Cancel a wire being dragged</source>
        <translation>Eine gezogene Verbindung abbrechen</translation>
    </message>
    <message>
        <source>Pan the canvas while dragging</source>
        <translation>Die Arbeitsfläche beim Ziehen verschieben</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
</context>
<context>
    <name>stratus::editor::StructuredEditor</name>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>%1 as JSON</source>
        <translation>%1 als JSON</translation>
    </message>
    <message>
        <source>Edit %1 as raw JSON</source>
        <translation>%1 als rohes JSON bearbeiten</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Environment variables: a name of letters, digits and _ starting with a letter</source>
        <translation>Umgebungsvariablen: ein Name aus Buchstaben, Ziffern und _, beginnend mit einem Buchstaben</translation>
    </message>
    <message>
        <source>Add Variable</source>
        <translation>Variable hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Origins</source>
        <translation>Origins</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Methoden</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>Anfrage-Header</translation>
    </message>
    <message>
        <source>Exposed headers</source>
        <translation>Freigegebene Header</translation>
    </message>
    <message>
        <source>comma-separated, e.g. %1</source>
        <translation>kommagetrennt, z. B. %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How long a browser may cache the preflight answer (maxAgeS)</source>
        <translation>Wie lange ein Browser die Preflight-Antwort zwischenspeichern darf (maxAgeS)</translation>
    </message>
    <message>
        <source>Max age</source>
        <translation>Max. Alter</translation>
    </message>
    <message>
        <source>Allow credentials</source>
        <translation>Anmeldedaten erlauben</translation>
    </message>
    <message>
        <source>No CORS</source>
        <translation>Kein CORS</translation>
    </message>
    <message>
        <source>Clear every CORS setting: the route answers no preflight</source>
        <translation>Alle CORS-Einstellungen löschen: Die Route beantwortet keinen Preflight</translation>
    </message>
    <message>
        <source>The text is not valid JSON: fix it to go back to the form.</source>
        <translation>Der Text ist kein gültiges JSON: Korrigieren, um zum Formular zurückzukehren.</translation>
    </message>
    <message>
        <source>The form cannot show this value (a wrong type or an unknown key): edit it as JSON.</source>
        <translation>Das Formular kann diesen Wert nicht darstellen (falscher Typ oder unbekannter Schlüssel): Als JSON bearbeiten.</translation>
    </message>
    <message>
        <source>%1 is there twice: give each variable one row (the field keeps its last value).</source>
        <translation>%1 kommt doppelt vor: Jede Variable braucht eine eigene Zeile (das Feld behält seinen letzten Wert).</translation>
    </message>
</context>
<context>
    <name>stratus::editor::TestEventDialog</name>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Send Test Event — %1</source>
        <translation>Testereignis senden — %1</translation>
    </message>
    <message>
        <source>Saved event:</source>
        <translation>Gespeichertes Ereignis:</translation>
    </message>
    <message>
        <source>Saved test events</source>
        <translation>Gespeicherte Testereignisse</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add Header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>The HTTP answer shows here when the run ends.</source>
        <translation>Die HTTP-Antwort erscheint hier, wenn der Lauf endet.</translation>
    </message>
    <message>
        <source>The run&apos;s output shows here when it ends.</source>
        <translation>Die Ausgabe des Laufs erscheint hier, wenn er endet.</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Save Test Event</source>
        <translation>Testereignis speichern</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Rename Test Event</source>
        <translation>Testereignis umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>(unsaved)</source>
        <translation>(nicht gespeichert)</translation>
    </message>
    <message>
        <source>A saved event needs a name.</source>
        <translation>Ein gespeichertes Ereignis braucht einen Namen.</translation>
    </message>
    <message>
        <source>Not saved: the event is not JSON (%1).</source>
        <translation>Nicht gespeichert: Das Ereignis ist kein JSON (%1).</translation>
    </message>
    <message>
        <source>Save test event %1</source>
        <translation>Testereignis %1 speichern</translation>
    </message>
    <message>
        <source>Saved as “%1”.</source>
        <translation>Als „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>There is already a saved event named “%1”.</source>
        <translation>Es gibt bereits ein gespeichertes Ereignis namens „%1“.</translation>
    </message>
    <message>
        <source>Rename test event %1 to %2</source>
        <translation>Testereignis %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Delete test event %1</source>
        <translation>Testereignis %1 löschen</translation>
    </message>
    <message>
        <source>Not sent: the event is not JSON (%1).</source>
        <translation>Nicht gesendet: Das Ereignis ist kein JSON (%1).</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Sent; waiting for the run to end. Its invocations show in the Invocations panel.</source>
        <translation>Gesendet; warte auf das Ende des Laufs. Seine Aufrufe erscheinen im Bereich „Aufrufe“.</translation>
    </message>
    <message>
        <source>The run ended ok in %1 ms.</source>
        <translation>Der Lauf endete erfolgreich nach %1 ms.</translation>
    </message>
    <message>
        <source>The run failed after %1 ms: %2</source>
        <translation>Der Lauf schlug nach %1 ms fehl: %2</translation>
    </message>
    <message>
        <source>Send  (%1)</source>
        <translation>Senden  (%1)</translation>
    </message>
    <message>
        <source>Deleted “%1” (%2 brings it back).</source>
        <translation>„%1“ gelöscht (%2 holt es zurück).</translation>
    </message>
</context>
<context>
    <name>stratus::editor::TourDialog</name>
    <message>
        <source>Getting Started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>1. The canvas: your workflow</source>
        <translation>1. Die Arbeitsfläche: Ihr Workflow</translation>
    </message>
    <message>
        <source>This is the &lt;b&gt;http-api&lt;/b&gt; example: an HTTP API whose functions keep to-dos in a table. Each box is a node (a trigger, a function, a choice or a resource) and each line carries events from an output port to an input port. Dashed grey links show which resources a function uses through the AWS SDK.</source>
        <translation>Dies ist das Beispiel &lt;b&gt;http-api&lt;/b&gt;: eine HTTP-API, deren Funktionen To-dos in einer Tabelle speichern. Jeder Kasten ist ein Knoten (ein Auslöser, eine Funktion, eine Verzweigung oder eine Ressource), und jede Linie trägt Ereignisse von einem Ausgangsport zu einem Eingangsport. Gestrichelte graue Linien zeigen, welche Ressourcen eine Funktion über das AWS SDK nutzt.</translation>
    </message>
    <message>
        <source>2. The palette: add nodes</source>
        <translation>2. Die Palette: Knoten hinzufügen</translation>
    </message>
    <message>
        <source>3. The inspector: configure</source>
        <translation>3. Der Inspektor: konfigurieren</translation>
    </message>
    <message>
        <source>Select a node to set its fields: a function&apos;s runtime, memory and timeout, a route&apos;s method and path. Problems show on the field and as a badge on the node.</source>
        <translation>Wählen Sie einen Knoten aus, um seine Felder festzulegen: Laufzeit, Speicher und Zeitlimit einer Funktion, Methode und Pfad einer Route. Probleme erscheinen am Feld und als Markierung am Knoten.</translation>
    </message>
    <message>
        <source>4. Code: the function&apos;s handler</source>
        <translation>4. Code: der Handler der Funktion</translation>
    </message>
    <message>
        <source>5. Run: try it on this machine</source>
        <translation>5. Ausführen: auf diesem Rechner ausprobieren</translation>
    </message>
    <message>
        <source>6. Measure: invocations, charts and cost</source>
        <translation>6. Messen: Aufrufe, Diagramme und Kosten</translation>
    </message>
    <message>
        <source>Each invocation is listed with its cold or warm start, duration, memory and cost. Charts and Cost (tabs beside it) show latency over time and what a month would cost on Lambda against an always-on machine.</source>
        <translation>Jeder Aufruf wird mit Kalt- oder Warmstart, Dauer, Speicher und Kosten aufgeführt. Diagramme und Kosten (die Tabs daneben) zeigen die Latenz im Zeitverlauf und was ein Monat auf Lambda im Vergleich zu einem dauerhaft laufenden Rechner kosten würde.</translation>
    </message>
    <message>
        <source>7. Ship it</source>
        <translation>7. Ausliefern</translation>
    </message>
    <message>
        <source>When the Problems panel is empty, &lt;b&gt;File › Export AWS SAM Bundle&lt;/b&gt; (or Serverless Framework Service) writes a bundle that deploys the same workflow to AWS. Help › Documentation has the guides.</source>
        <translation>Wenn der Bereich „Probleme“ leer ist, schreibt &lt;b&gt;Datei › AWS-SAM-Bundle exportieren&lt;/b&gt; (oder Serverless-Framework-Service) ein Bundle, das denselben Workflow in AWS bereitstellt. Unter Hilfe › Dokumentation finden Sie die Anleitungen.</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fertig</translation>
    </message>
    <message>
        <source>Drag a node kind onto the canvas, or select one and press Enter. Wire a node by dragging from an output port to an input port (or select it and press %1); ports that fit light up.</source>
        <translation>Ziehen Sie eine Knotenart auf die Arbeitsfläche, oder wählen Sie eine aus und drücken Sie Enter. Verbinden Sie Knoten, indem Sie von einem Ausgangsport zu einem Eingangsport ziehen (oder den Knoten auswählen und %1 drücken); passende Ports leuchten auf.</translation>
    </message>
    <message>
        <source>A function&apos;s files, edited here with highlighting. Every change, code included, is undoable (%1) and saved by itself within a second.</source>
        <translation>Die Dateien einer Funktion, hier mit Syntaxhervorhebung bearbeitet. Jede Änderung, auch am Code, lässt sich rückgängig machen (%1) und wird binnen einer Sekunde automatisch gespeichert.</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;F5&lt;/b&gt; to run the workspace with AWS Lambda&apos;s contracts. The Run panel lists the HTTP routes with a curl line to copy; &lt;b&gt;%1&lt;/b&gt; sends a test event.</source>
        <translation>Drücken Sie &lt;b&gt;F5&lt;/b&gt;, um den Arbeitsbereich gemäß den Schnittstellen von AWS Lambda auszuführen. Der Bereich „Ausführung“ listet die HTTP-Routen mit einer curl-Zeile zum Kopieren; &lt;b&gt;%1&lt;/b&gt; sendet ein Testereignis.</translation>
    </message>
</context>
<context>
    <name>stratus::editor::WireDialog</name>
    <message>
        <source>Wire %1</source>
        <translation>%1 verbinden</translation>
    </message>
    <message>
        <source>Wires that %1 can take; type to filter, Return to wire.</source>
        <translation>Mögliche Verbindungen von %1; tippen zum Filtern, Return zum Verbinden.</translation>
    </message>
    <message>
        <source>Filter wires</source>
        <translation>Verbindungen filtern</translation>
    </message>
    <message>
        <source>Wires to draw</source>
        <translation>Mögliche Verbindungen</translation>
    </message>
    <message>
        <source>%1 → %2 (%3)</source>
        <translation>%1 → %2 (%3)</translation>
    </message>
    <message>
        <source>%1 ← %2 (%3)</source>
        <translation>%1 ← %2 (%3)</translation>
    </message>
    <message>
        <source>No wire can be drawn from or to %1: every port the model would accept is wired already, or there is none.</source>
        <translation>Keine Verbindung von oder zu %1 möglich: Jeder passende Port ist schon verbunden, oder es gibt keinen.</translation>
    </message>
    <message>
        <source>No wire matches the filter.</source>
        <translation>Keine Verbindung passt zum Filter.</translation>
    </message>
    <message>
        <source>&amp;Wire</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Filter by node, port or kind…</source>
        <translation>Nach Knoten, Port oder Art filtern…</translation>
    </message>
</context>
<context>
    <name>stratus::editor::WorkflowScene</name>
    <message>
        <source>%1 uses %2 %3 through the AWS SDK</source>
        <translation>%1 nutzt %2 %3 über das AWS SDK</translation>
    </message>
    <message>
        <source>Cannot wire: %1</source>
        <translation>Verbinden nicht möglich: %1</translation>
    </message>
    <message>
        <source>Wire %1 to %2</source>
        <translation>%1 mit %2 verbinden</translation>
    </message>
    <message>
        <source>Wired %1.%2 to %3.%4</source>
        <translation>%1.%2 mit %3.%4 verbunden</translation>
    </message>
    <message>
        <source>Drop on an input port to wire; Esc to cancel</source>
        <translation>Zum Verbinden auf einem Eingangsport ablegen; Esc bricht ab</translation>
    </message>
    <message>
        <source>Drop on an output port to wire; Esc to cancel</source>
        <translation>Zum Verbinden auf einem Ausgangsport ablegen; Esc bricht ab</translation>
    </message>
    <message>
        <source>Wiring cancelled: not dropped on a port</source>
        <translation>Verbinden abgebrochen: nicht auf einem Port abgelegt</translation>
    </message>
    <message>
        <source>Cannot wire: an output goes to an input port</source>
        <translation>Verbinden nicht möglich: Ein Ausgang führt zu einem Eingangsport</translation>
    </message>
    <message>
        <source>Cannot wire: an input comes from an output port</source>
        <translation>Verbinden nicht möglich: Ein Eingang kommt von einem Ausgangsport</translation>
    </message>
    <message>
        <source>Wiring cancelled</source>
        <translation>Verbinden abgebrochen</translation>
    </message>
    <message>
        <source>No node that way</source>
        <translation>In dieser Richtung liegt kein Knoten</translation>
    </message>
</context>
</TS>
