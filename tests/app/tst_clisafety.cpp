// The `stratus` command line with the mistakes and surroundings a new user
// brings: files that are links, pipes or folders, folders they cannot write,
// a full disk, absurd numbers, runtimes Lambda does not have, damaged files.
// Each case failed before issue 9 was fixed.

#include "clirunner.h"
#include "testutil.h"

#include "engine/model/text.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <unistd.h>

using stratus::test::CliRun;
using stratus::test::runStratus;

namespace {

QString example(const char *name)
{
    return QStringLiteral(STRATUS_EXAMPLES_DIR "/") + QString::fromLatin1(name);
}

/// What a person sees: the message must be valid UTF-8 and must not show
/// nlohmann's internals.
void verifyReadable(const QByteArray &message)
{
    QVERIFY2(stratus::engine::isValidUtf8(message.toStdString()), message.toHex().constData());
    QVERIFY2(!message.contains("json.exception"), message.constData());
    QVERIFY2(!message.contains("internal error"), message.constData());
    QVERIFY2(!message.contains("basic_filebuf"), message.constData());
}

/// Every command that only reads a workspace, with its arguments.
QList<QStringList> readOnlyCommands(const QString &workspace)
{
    return {{"info", workspace},        {"validate", workspace},
            {"export-json", workspace}, {"runs", workspace},
            {"stats", workspace},       {"cost", workspace, "--requests-per-month", "1000"}};
}

/// The example's document with one function's config field set: the first
/// function node, or the one with node id `nodeId`.
QByteArray exampleWithFunctionField(const char *exampleName, const QString &nodeId, const QString &field,
                                    const QJsonValue &value)
{
    QJsonObject doc = QJsonDocument::fromJson(stratus::test::readBytes(example(exampleName))).object();
    QJsonArray workflows = doc[QStringLiteral("workflows")].toArray();
    QJsonObject workflow = workflows[0].toObject();
    QJsonArray nodes = workflow[QStringLiteral("nodes")].toArray();
    for (int i = 0; i < nodes.size(); ++i) {
        QJsonObject n = nodes[i].toObject();
        const bool wanted = nodeId.isEmpty() ? n[QStringLiteral("kind")].toString() == QLatin1String("function")
                                             : n[QStringLiteral("id")].toString() == nodeId;
        if (!wanted)
            continue;
        QJsonObject config = n[QStringLiteral("config")].toObject();
        config[field] = value;
        n[QStringLiteral("config")] = config;
        nodes[i] = n;
        break;
    }
    workflow[QStringLiteral("nodes")] = nodes;
    workflows[0] = workflow;
    doc[QStringLiteral("workflows")] = workflows;
    return QJsonDocument(doc).toJson();
}

/// `stratus ARGS` run as the user nobody (runuser), for permission cases.
CliRun runStratusAsNobody(const QStringList &args)
{
    return runStratus({}, {}, [&](QProcess &p) {
        p.setProgram(QStringLiteral("runuser"));
        p.setArguments(QStringList{"-u", "nobody", "--", QStringLiteral(STRATUS_CLI_PATH)} + args);
    });
}

bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace

class TestCliSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    // 1. Writing files
    void exportWritesThroughASymlink();
    void exportWritesIntoAPipe();
    void exportKeepsModeAndOwner();
    void exportRefusesAFolderAndAnEmptyName();
    void exportRefusesAFileItMayNotWrite();
    // 2. Read-only commands
    void readOnlyCommandsNeverWriteBesideTheFile();
    void readOnlyCommandsWorkInAFolderOthersOwn();
    // 3. Empty names, and new/import targets
    void emptyFileNamesAreRefused();
    void aWorkspaceIsNeverNamedJson();
    void importOverAWorkspaceNeedsForceAndClearsItsHistory();
    // 4. Numbers
    void absurdNumbersAreRefused_data();
    void absurdNumbersAreRefused();
    void countsMayBeWrittenInScientificNotation();
    // 5. Runtimes
    void onlyLambdasRuntimesAreAccepted_data();
    void onlyLambdasRuntimesAreAccepted();
    void newRuntimesValidateAndRun();
    void nodejs24RefusesCallbackHandlers();
    // 6. Pricing and retention settings
    void aMissingPresetIsReportedOnceAndNeverPricesZero();
    void aWrongRetentionIsNamedByPrune();
    // 7. Messages
    void messagesSayWhatIsWrongInPlainText();
    // 8. Standard output
    void aFullStandardOutputIsAFailure_data();
    void aFullStandardOutputIsAFailure();
    // 9. Environment
    void environmentFollowsLambdasRules_data();
    void environmentFollowsLambdasRules();
    // 10. First-hour friction
    void invokeUsesSavedTestEventsAndInfosNames();
    void unknownCommandsSuggestTheNearest();
    void standardInputForImportAndValidate();
    void unknownFunctionsAreNamed();
    void runsTableHasHeadersEllipsesAndIsoTimes();
    // Found by a new user's trial after the fixes above
    void aDocumentNeverReplacesAWorkspace();
    void standardOutputByNameAppendsWhereTheShellSaid();
    void eventsLambdaWouldRefuseAreRefused();
    void aWorkspaceYouCannotChangeSaysSo();
    void wrongPricingSettingsAreNamedEverywhere();
    void functionsOutsideLambdasLimitsDoNotRun();
    void aFunctionsOwnBytesNeverReachTheTerminalRaw();
    void namesInTheFormsInfoPrints();
    void moreNamesAreRefused();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString imported(const char *exampleName, const QString &as = {});
    QString writeCode(const QString &folder, const QString &file, const QByteArray &code);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliSafety::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestCliSafety::imported(const char *exampleName, const QString &as)
{
    const QString target = path(as.isEmpty() ? QString::fromLatin1(exampleName) + QStringLiteral(".stratus") : as);
    const CliRun r = runStratus({"import", example(exampleName), target});
    if (r.exitCode != 0)
        qFatal("import failed: %s", r.err.constData());
    return target;
}

QString TestCliSafety::writeCode(const QString &folder, const QString &file, const QByteArray &code)
{
    const QString dir = path(folder);
    QDir().mkpath(dir);
    stratus::test::writeBytes(dir + QLatin1Char('/') + file, code);
    return dir;
}

// --- 1. writing files ---------------------------------------------------------

void TestCliSafety::exportWritesThroughASymlink()
{
    const QString workspace = imported("http-api.json");
    const QString real = path(QStringLiteral("real.json"));
    stratus::test::writeBytes(real, "stale");
    const QString link = path(QStringLiteral("link.json"));
    QVERIFY(QFile::link(real, link));
    const CliRun r = runStratus({"export-json", workspace, "-o", link});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(stratus::test::readBytes(real), stratus::test::readBytes(example("http-api.json")));

    // A link to a file that does not exist yet creates that file.
    const QString dangling = path(QStringLiteral("dangling.json"));
    QVERIFY(QFile::link(path(QStringLiteral("later.json")), dangling));
    QCOMPARE(runStratus({"export-json", workspace, "-o", dangling}).exitCode, 0);
    QVERIFY(QFileInfo(dangling).isSymLink());
    QCOMPARE(stratus::test::readBytes(path(QStringLiteral("later.json"))),
             stratus::test::readBytes(example("http-api.json")));
}

void TestCliSafety::exportWritesIntoAPipe()
{
    const QString workspace = imported("http-api.json");
    const QString fifo = path(QStringLiteral("pipe"));
    QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
    QProcess reader;
    reader.start(QStringLiteral("cat"), {fifo});
    QVERIFY(reader.waitForStarted());
    const CliRun r = runStratus({"export-json", workspace, "-o", fifo});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(reader.waitForFinished(10000));
    QCOMPARE(reader.readAllStandardOutput(), stratus::test::readBytes(example("http-api.json")));
    struct stat st {};
    QCOMPARE(::lstat(fifo.toLocal8Bit().constData(), &st), 0);
    QVERIFY2(S_ISFIFO(st.st_mode), "the pipe was replaced");

    // /dev/stdout when standard output is a pipe (/proc/self/fd/1 reads back
    // as "pipe:[N]", which is no file name to follow).
    const CliRun viaStdout = runStratus({"export-json", workspace, "-o", "/dev/stdout"});
    QVERIFY2(viaStdout.exitCode == 0, viaStdout.err.constData());
    QCOMPARE(viaStdout.out, stratus::test::readBytes(example("http-api.json")));
}

void TestCliSafety::exportKeepsModeAndOwner()
{
    const QString workspace = imported("http-api.json");
    const QString out = path(QStringLiteral("out.json"));
    stratus::test::writeBytes(out, "old");
    const QByteArray local = out.toLocal8Bit();
    QCOMPARE(::chmod(local.constData(), 0640), 0);
    const uid_t owner = isRoot() ? 65534 : ::geteuid(); // nobody, when we may give files away
    if (isRoot())
        QCOMPARE(::chown(local.constData(), owner, owner), 0);
    const CliRun r = runStratus({"export-json", workspace, "-o", out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    struct stat st {};
    QCOMPARE(::stat(local.constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0640));
    QCOMPARE(st.st_uid, owner);
    QCOMPARE(stratus::test::readBytes(out), stratus::test::readBytes(example("http-api.json")));
    // Nothing else is left in the folder (no temporary file).
    const QStringList left = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden | QDir::System);
    QCOMPARE(left.size(), 2); // the workspace and out.json
}

void TestCliSafety::exportRefusesAFolderAndAnEmptyName()
{
    const QString workspace = imported("http-api.json");
    CliRun r = runStratus({"export-json", workspace, "-o", m_dir->path()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("is a folder"), r.err.constData());
    QVERIFY(QFileInfo(m_dir->path()).isDir());
    r = runStratus({"export-json", workspace, "-o", ""});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("no file name given"), r.err.constData());
    QVERIFY2(!r.err.contains("Success"), r.err.constData());
    r = runStratus({"export-json", workspace, "-o", path(QStringLiteral("no/such/folder/x.json"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("does not exist"), r.err.constData());
}

void TestCliSafety::exportRefusesAFileItMayNotWrite()
{
    if (isRoot()) {
        // Root may write anything: check as nobody instead.
        QDir().mkpath(path(QStringLiteral("shared")));
        const QString shared = path(QStringLiteral("shared"));
        const QString workspace = imported("http-api.json", QStringLiteral("shared/w.stratus"));
        const QString out = shared + QStringLiteral("/theirs.json");
        stratus::test::writeBytes(out, "theirs");
        QCOMPARE(::chmod(out.toLocal8Bit().constData(), 0644), 0);
        // The folder lets nobody in and write (so a rename would succeed); the file does not.
        QCOMPARE(::chmod(m_dir->path().toLocal8Bit().constData(), 0755), 0);
        QCOMPARE(::chmod(shared.toLocal8Bit().constData(), 0777), 0);
        const CliRun r = runStratusAsNobody({"export-json", workspace, "-o", out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("Permission denied"), r.err.constData());
        QCOMPARE(stratus::test::readBytes(out), QByteArray("theirs"));
    } else {
        QSKIP("needs root to run as another user");
    }
}

// --- 2. read-only commands ----------------------------------------------------

void TestCliSafety::readOnlyCommandsNeverWriteBesideTheFile()
{
    const QString workspace = imported("queue-between-functions.json");
    // A recorded invocation, so runs/stats/cost have history to read.
    QCOMPARE(runStratus({"invoke", workspace, "accept-order", "--test-event", "two items"}).exitCode, 0);
    QVERIFY(!QFileInfo::exists(workspace + QStringLiteral("-wal")));
    const QByteArray before = stratus::test::fileHash(workspace);
    for (const QStringList &args : readOnlyCommands(workspace)) {
        const CliRun r = runStratus(args);
        QVERIFY2(r.exitCode == 0, qPrintable(args.join(QLatin1Char(' ')) + QLatin1String(": ") + QString::fromUtf8(r.err)));
        QVERIFY2(!QFileInfo::exists(workspace + QStringLiteral("-wal")), qPrintable(args.first()));
        QVERIFY2(!QFileInfo::exists(workspace + QStringLiteral("-shm")), qPrintable(args.first()));
    }
    QCOMPARE(stratus::test::fileHash(workspace), before);
}

void TestCliSafety::readOnlyCommandsWorkInAFolderOthersOwn()
{
    if (!isRoot())
        QSKIP("needs root to run as another user (runuser -u nobody)");
    QDir().mkpath(path(QStringLiteral("locked")));
    const QString workspace = imported("queue-between-functions.json", QStringLiteral("locked/w.stratus"));
    QCOMPARE(runStratus({"invoke", workspace, "accept-order", "--test-event", "two items"}).exitCode, 0);
    // nobody may enter and read, never write: the folder and the file are root's.
    QCOMPARE(::chmod(m_dir->path().toLocal8Bit().constData(), 0755), 0);
    QCOMPARE(::chmod(path(QStringLiteral("locked")).toLocal8Bit().constData(), 0755), 0);
    QCOMPARE(::chmod(workspace.toLocal8Bit().constData(), 0644), 0);
    const QByteArray before = stratus::test::fileHash(workspace);
    for (const QStringList &args : readOnlyCommands(workspace)) {
        const CliRun r = runStratusAsNobody(args);
        QVERIFY2(r.exitCode == 0, qPrintable(args.first() + QLatin1String(": ") + QString::fromUtf8(r.err)));
        QVERIFY2(!r.err.contains("readonly"), r.err.constData());
    }
    const QStringList left = QDir(path(QStringLiteral("locked"))).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left, QStringList{QStringLiteral("w.stratus")});
    QCOMPARE(stratus::test::fileHash(workspace), before);
}

// --- 3. names -----------------------------------------------------------------

void TestCliSafety::emptyFileNamesAreRefused()
{
    CliRun r = runStratus({"new", ""});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("no file name given"), r.err.constData());
    QVERIFY(!r.err.contains("Created"));
    r = runStratus({"import", example("http-api.json"), ""});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("no file name given"), r.err.constData());
    QVERIFY(!r.err.contains("Imported"));
}

void TestCliSafety::aWorkspaceIsNeverNamedJson()
{
    CliRun r = runStratus({"new", path(QStringLiteral("x.json"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("name it *.stratus"), r.err.constData());
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("x.json"))));
    r = runStratus({"import", example("http-api.json"), path(QStringLiteral("y.json"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("y.json"))));
    // Not into a pipe either: a workspace is a regular file.
    const QString fifo = path(QStringLiteral("pipe.stratus"));
    QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
    r = runStratus({"import", example("http-api.json"), fifo, "--force"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("not a regular file"), r.err.constData());
}

void TestCliSafety::importOverAWorkspaceNeedsForceAndClearsItsHistory()
{
    const QString workspace = imported("queue-between-functions.json");
    QCOMPARE(runStratus({"invoke", workspace, "accept-order", "--test-event", "two items"}).exitCode, 0);
    const QByteArray before = stratus::test::fileHash(workspace);
    CliRun r = runStratus({"import", example("http-api.json"), workspace});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("already exists; --force replaces"), r.err.constData());
    QCOMPARE(stratus::test::fileHash(workspace), before);

    r = runStratus({"import", example("http-api.json"), workspace, "--force"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runStratus({"info", workspace, "--json"});
    QCOMPARE(QJsonDocument::fromJson(r.out).object()[QStringLiteral("name")].toString(),
             QJsonDocument::fromJson(stratus::test::readBytes(example("http-api.json"))).object()[QStringLiteral("name")].toString());
    r = runStratus({"runs", workspace});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("no invocations recorded"), r.out.constData());
}

// --- 4. numbers ---------------------------------------------------------------

void TestCliSafety::absurdNumbersAreRefused_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("named");
    QTest::newRow("1e30") << QStringList{"--requests-per-month", "1e30"} << "--requests-per-month";
    QTest::newRow("inf") << QStringList{"--requests-per-month", "inf"} << "--requests-per-month";
    QTest::newRow("nan") << QStringList{"--requests-per-month", "nan"} << "--requests-per-month";
    QTest::newRow("23 nines") << QStringList{"--requests-per-month", "99999999999999999999999"}
                              << "--requests-per-month";
    QTest::newRow("a fraction") << QStringList{"--requests-per-month", "1.5"} << "--requests-per-month";
    QTest::newRow("negative") << QStringList{"--requests-per-month", "-1"} << "--requests-per-month";
    QTest::newRow("hex") << QStringList{"--requests-per-month", "0x10"} << "--requests-per-month";
    QStringList huge;
    for (int i = 0; i < 24; ++i)
        huge << QStringLiteral("1e300");
    QTest::newRow("1e300 an hour") << QStringList{"--requests-per-hour", huge.join(QLatin1Char(','))}
                                   << "--requests-per-hour";
    QTest::newRow("duration inf") << QStringList{"--requests-per-month", "10", "--duration-ms", "inf"}
                                  << "--duration-ms";
    QTest::newRow("vm price 1e300") << QStringList{"--requests-per-month", "10", "--vm-hourly", "1e300"}
                                    << "--vm-hourly";
}

void TestCliSafety::absurdNumbersAreRefused()
{
    QFETCH(QStringList, options);
    QFETCH(QString, named);
    const QString workspace = imported("http-api.json");
    const CliRun r = runStratus(QStringList{"cost", workspace} + options);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(named.toUtf8()), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY2(!r.err.contains("nan") || options.contains(QStringLiteral("nan")), r.err.constData());
}

void TestCliSafety::countsMayBeWrittenInScientificNotation()
{
    const QString workspace = imported("http-api.json");
    const CliRun r = runStratus({"cost", workspace, "--requests-per-month", "1e6", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QJsonDocument::fromJson(r.out).object()[QStringLiteral("requestsPerMonth")].toDouble(), 1e6);
    QCOMPARE(runStratus({"runs", workspace, "--last", "2.5"}).exitCode, 2);
    QCOMPARE(runStratus({"stats", workspace, "--since", "99999999999999999999d"}).exitCode, 2);
}

// --- 5. runtimes --------------------------------------------------------------

void TestCliSafety::onlyLambdasRuntimesAreAccepted_data()
{
    QTest::addColumn<QString>("runtime");
    for (const char *r : {"python3.99", "python2.7", "nodejs99.x", "nodejs16.x", "java21", "provided"})
        QTest::newRow(r) << QString::fromLatin1(r);
}

void TestCliSafety::onlyLambdasRuntimesAreAccepted()
{
    QFETCH(QString, runtime);
    const QString code = writeCode(QStringLiteral("code"), QStringLiteral("app.py"), "def handler(e, c):\n    return 1\n");
    const CliRun r = runStratus({"invoke", "--code", code, "--runtime", runtime, "--handler", "app.handler"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("is not a Lambda runtime"), r.err.constData());
    QVERIFY2(r.err.contains("nodejs24.x") && r.err.contains("python3.14") && r.err.contains("provided.al2,"),
             r.err.constData());

    // The validator says the same of a workspace.
    const QString json = path(QStringLiteral("bad-runtime.json"));
    stratus::test::writeBytes(json, exampleWithFunctionField("http-api.json", {}, QStringLiteral("runtime"), runtime));
    const CliRun v = runStratus({"validate", json});
    QCOMPARE(v.exitCode, 1);
    QVERIFY2(v.err.contains("field 'runtime'") && v.err.contains("nodejs24.x"), v.err.constData());
}

void TestCliSafety::newRuntimesValidateAndRun()
{
    // Each runtime AWS offers for new functions runs: on its own interpreter
    // when this machine has it, else on the closest with a warning once.
    const QString py = writeCode(QStringLiteral("py"), QStringLiteral("app.py"),
                                 "import sys\ndef handler(e, c):\n    return '%d.%d' % sys.version_info[:2]\n");
    for (const char *runtime : {"python3.10", "python3.11", "python3.12", "python3.13", "python3.14"}) {
        const CliRun r = runStratus({"invoke", "--code", py, "--runtime", runtime, "--handler", "app.handler"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString ran = QString::fromUtf8(r.out).trimmed().remove(QLatin1Char('"'));
        const QString wanted = QString::fromLatin1(runtime).mid(6);
        if (ran == wanted) {
            QVERIFY2(!r.err.contains("warning"), r.err.constData());
        } else {
            QCOMPARE(r.err.count("is not installed"), 2); // the warning, and the same in the cold start's log
            QVERIFY2(r.err.contains("runs on this machine's Python " + ran.toUtf8()), r.err.constData());
        }
    }
    const QString js = writeCode(QStringLiteral("js"), QStringLiteral("index.mjs"),
                                 "export const handler = async () => process.versions.node.split('.')[0];\n");
    for (const char *runtime : {"nodejs20.x", "nodejs22.x", "nodejs24.x"}) {
        const CliRun r = runStratus({"invoke", "--code", js, "--runtime", runtime, "--handler", "index.handler"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString major = QString::fromUtf8(r.out).trimmed().remove(QLatin1Char('"'));
        const QString wanted = QString::fromLatin1(runtime).mid(6).section(QLatin1Char('.'), 0, 0);
        QCOMPARE(r.err.contains("is not installed"), major != wanted);
    }
}

void TestCliSafety::nodejs24RefusesCallbackHandlers()
{
    const QString code = writeCode(QStringLiteral("cb"), QStringLiteral("index.js"),
                                   "exports.handler = (event, context, callback) => callback(null, 'called back');\n");
    CliRun r = runStratus({"invoke", "--code", code, "--runtime", "nodejs22.x", "--handler", "index.handler"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), QByteArray("\"called back\""));
    r = runStratus({"invoke", "--code", code, "--runtime", "nodejs24.x", "--handler", "index.handler"});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject error = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(error[QStringLiteral("errorType")].toString(), QStringLiteral("Runtime.CallbackHandlerDeprecated"));
    QVERIFY(error[QStringLiteral("errorMessage")].toString().contains(QStringLiteral("Node.js 24")));
}

// --- 6. settings --------------------------------------------------------------

void TestCliSafety::aMissingPresetIsReportedOnceAndNeverPricesZero()
{
    QJsonObject doc = QJsonDocument::fromJson(stratus::test::readBytes(example("queue-between-functions.json"))).object();
    doc[QStringLiteral("settings")] = QJsonObject{{QStringLiteral("pricing"), QStringLiteral("nope")}};
    const QString json = path(QStringLiteral("nope.json"));
    stratus::test::writeBytes(json, QJsonDocument(doc).toJson());

    // validate and import count the same problems, and name the setting.
    const CliRun v = runStratus({"validate", json});
    QCOMPARE(v.exitCode, 1);
    QVERIFY2(v.err.contains("settings.pricing") && v.err.contains("no pricing preset 'nope'"), v.err.constData());
    const CliRun i = runStratus({"import", json, path(QStringLiteral("nope.stratus"))});
    QCOMPARE(i.exitCode, 1);
    const QRegularExpression count(QStringLiteral("(\\d+) problems?"));
    QCOMPARE(count.match(QString::fromUtf8(i.err)).captured(1), count.match(QString::fromUtf8(v.err)).captured(1));

    // An invocation is priced under the default preset, and says so.
    const QString workspace = path(QStringLiteral("nope.stratus"));
    const CliRun r = runStratus({"invoke", workspace, "accept-order", "--test-event", "two items"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("priced under aws-x86_64 instead"), r.err.constData());
    const CliRun runs = runStratus({"runs", workspace, "--json"});
    const double cost = QJsonDocument::fromJson(runs.out).array().at(0).toObject()[QStringLiteral("cost")].toDouble();
    QVERIFY2(cost > 0, runs.out.constData());

    // --preset blames the option, not the setting.
    const CliRun c = runStratus({"cost", workspace, "--requests-per-month", "10", "--preset", "nope"});
    QCOMPARE(c.exitCode, 2);
    QVERIFY2(c.err.contains("--preset: no pricing preset 'nope'"), c.err.constData());
    QVERIFY2(!c.err.contains("settings.pricing"), c.err.constData());
}

void TestCliSafety::aWrongRetentionIsNamedByPrune()
{
    QJsonObject doc = QJsonDocument::fromJson(stratus::test::readBytes(example("http-api.json"))).object();
    doc[QStringLiteral("settings")] = QJsonObject{
        {QStringLiteral("retention"), QJsonObject{{QStringLiteral("days"), -1}, {QStringLiteral("runs"), QStringLiteral("x")}}}};
    const QString json = path(QStringLiteral("retention.json"));
    stratus::test::writeBytes(json, QJsonDocument(doc).toJson());
    const QString workspace = path(QStringLiteral("retention.stratus"));
    QCOMPARE(runStratus({"import", json, workspace}).exitCode, 1);
    CliRun r = runStratus({"prune", workspace});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("settings.retention.days") && !r.err.contains("no retention set"), r.err.constData());
    // An explicit policy still works.
    r = runStratus({"prune", workspace, "--keep-runs", "5"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

// --- 7. messages --------------------------------------------------------------

void TestCliSafety::messagesSayWhatIsWrongInPlainText()
{
    const QString code = writeCode(QStringLiteral("code"), QStringLiteral("app.py"), "def handler(e, c):\n    return 1\n");
    const QStringList folder = {"invoke", "--code", code, "--runtime", "python3.11", "--handler", "app.handler"};

    CliRun r = runStratus(folder + QStringList{"--env-file", m_dir->path()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("is a folder"), r.err.constData());
    verifyReadable(r.err);

    r = runStratus(folder + QStringList{"--event", path(QStringLiteral("missing.json"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("no such file"), r.err.constData());

    stratus::test::writeBytes(path(QStringLiteral("bad-event.json")), "{\"a\": }");
    r = runStratus(folder + QStringList{"--event", path(QStringLiteral("bad-event.json"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("line 1, column 7"), r.err.constData());
    verifyReadable(r.err);

    // Binary bytes in a JSON document are named, not echoed.
    stratus::test::writeBytes(path(QStringLiteral("binary.json")), QByteArray("\xff\xfe\x00\x01", 4));
    r = runStratus({"validate", path(QStringLiteral("binary.json"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("byte 0xFF at line 1, column 1 is not UTF-8 text"), r.err.constData());
    verifyReadable(r.err);

    // A damaged workspace: garbage written over its pages.
    const QString workspace = imported("http-api.json");
    QFile f(workspace);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray bytes = f.readAll();
    for (qsizetype i = 100; i < bytes.size(); ++i)
        bytes[i] = char(0x80 + (i * 7) % 127);
    f.seek(0);
    f.write(bytes);
    f.close();
    for (const char *command : {"validate", "info", "export-json", "runs"}) {
        r = runStratus({QString::fromLatin1(command), workspace});
        QCOMPARE(r.exitCode, 2);
        verifyReadable(r.err);
        QVERIFY2(r.err.contains("damaged") || r.err.contains("not a Stratus workspace"), r.err.constData());
        QVERIFY2(!r.err.contains("cannot prepare"), r.err.constData());
    }
}

// --- 8. standard output -------------------------------------------------------

void TestCliSafety::aFullStandardOutputIsAFailure_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("info --json") << QStringList{"info", "@", "--json"};
    QTest::newRow("validate --json") << QStringList{"validate", "@", "--json"};
    QTest::newRow("export-json") << QStringList{"export-json", "@"};
    QTest::newRow("stats --json") << QStringList{"stats", "@", "--json"};
    QTest::newRow("cost --json") << QStringList{"cost", "@", "--json", "--requests-per-month", "10"};
    QTest::newRow("invoke") << QStringList{"invoke", "@", "accept-order", "--test-event", "two items"};
    QTest::newRow("--help") << QStringList{"--help"};
}

void TestCliSafety::aFullStandardOutputIsAFailure()
{
    QFETCH(QStringList, args);
    const QString workspace = imported("queue-between-functions.json");
    args.replaceInStrings(QStringLiteral("@"), workspace);
    const CliRun r = runStratus(args, {}, [](QProcess &p) { p.setStandardOutputFile(QStringLiteral("/dev/full")); });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("cannot write to standard output (No space left on device)"), r.err.constData());
}

// --- 9. environment -----------------------------------------------------------

void TestCliSafety::environmentFollowsLambdasRules_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<QString>("message");
    QTest::newRow("reserved") << "AWS_REGION=eu-west-1" << "reserved by the Lambda runtime";
    QTest::newRow("reserved handler") << "_HANDLER=x" << "reserved by the Lambda runtime";
    QTest::newRow("starts with a digit") << "1A=x" << "not a variable name";
    QTest::newRow("one letter") << "A=x" << "not a variable name";
    QTest::newRow("dash") << "MY-VAR=x" << "not a variable name";
}

void TestCliSafety::environmentFollowsLambdasRules()
{
    QFETCH(QString, assignment);
    QFETCH(QString, message);
    const QString code = writeCode(QStringLiteral("code"), QStringLiteral("app.py"), "def handler(e, c):\n    return 1\n");
    const CliRun r = runStratus({"invoke", "--code", code, "--runtime", "python3.11", "--handler", "app.handler",
                                 "--env", assignment});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    // The env file follows the same rule.
    const QString name = assignment.section(QLatin1Char('='), 0, 0);
    stratus::test::writeBytes(path(QStringLiteral("env.json")),
                              QJsonDocument(QJsonObject{{name, QStringLiteral("x")}}).toJson());
    const CliRun f = runStratus({"invoke", "--code", code, "--runtime", "python3.11", "--handler", "app.handler",
                                 "--env-file", path(QStringLiteral("env.json"))});
    QCOMPARE(f.exitCode, 2);
    QVERIFY2(f.err.contains(message.toUtf8()), f.err.constData());
}

// --- 10. friction ---------------------------------------------------------------

void TestCliSafety::invokeUsesSavedTestEventsAndInfosNames()
{
    const QString workspace = imported("http-api.json");
    CliRun r = runStratus({"invoke", workspace, "create-todo", "--test-event", "new todo"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // The WORKFLOW/NODE form that info prints.
    r = runStratus({"info", workspace});
    QVERIFY(r.out.contains("(api/create-todo)"));
    r = runStratus({"invoke", workspace, "api/create-todo", "--test-event", "new todo"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runStratus({"invoke", workspace, "create-todo", "--test-event", "nope"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("has no test event 'nope' (it has: new todo)"), r.err.constData());
    r = runStratus({"invoke", workspace, "create-todo", "--test-event", "new todo", "--event", "-"});
    QCOMPARE(r.exitCode, 2);
}

void TestCliSafety::unknownCommandsSuggestTheNearest()
{
    CliRun r = runStratus({"exprt-json"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("did you mean 'export-json'?"), r.err.constData());
    QVERIFY2(r.err.count('\n') <= 2, r.err.constData()); // not the whole usage
    r = runStratus({"valdate"});
    QVERIFY2(r.err.contains("did you mean 'validate'?"), r.err.constData());
    r = runStratus({"xyzzy"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(!r.err.contains("did you mean"), r.err.constData());
}

void TestCliSafety::standardInputForImportAndValidate()
{
    const QByteArray document = stratus::test::readBytes(example("http-api.json"));
    CliRun r = runStratus({"validate", "-"}, document);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("valid"));
    const QString target = path(QStringLiteral("from-stdin.stratus"));
    r = runStratus({"import", "-", target}, document);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(runStratus({"export-json", target}).out, document);
    r = runStratus({"validate", "-"}, "not json");
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("standard input"), r.err.constData());
}

void TestCliSafety::unknownFunctionsAreNamed()
{
    const QString workspace = imported("queue-between-functions.json");
    for (const char *command : {"stats", "runs"}) {
        const CliRun r = runStratus({QString::fromLatin1(command), workspace, "--function", "nosuch"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("has no function 'nosuch' (functions: accept-order, fulfil-order)"), r.err.constData());
    }
    QCOMPARE(runStratus({"stats", workspace, "--function", "accept-order"}).exitCode, 0);
}

void TestCliSafety::runsTableHasHeadersEllipsesAndIsoTimes()
{
    // A workspace whose function has a long name.
    QJsonObject doc = QJsonDocument::fromJson(stratus::test::readBytes(example("queue-between-functions.json"))).object();
    QByteArray text = QJsonDocument(doc).toJson();
    text.replace("\"accept-order\"", "\"accept-order-with-a-name-longer-than-twenty\"");
    const QString json = path(QStringLiteral("long.json"));
    stratus::test::writeBytes(json, text);
    const QString workspace = path(QStringLiteral("long.stratus"));
    QCOMPARE(runStratus({"import", json, workspace}).exitCode, 0);
    QCOMPARE(runStratus({"invoke", workspace, "accept-order-with-a-name-longer-than-twenty", "--test-event",
                         "two items"}).exitCode,
             0);
    CliRun r = runStratus({"runs", workspace});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.split('\n');
    QVERIFY(lines.size() >= 2);
    QVERIFY2(lines[0].contains("START"), lines[0].constData());
    QVERIFY2(lines[1].contains("accept-order-with-a\xe2\x80\xa6"), lines[1].constData());
    // Every column lines up: the header and the row are as wide up to STATUS.
    QCOMPARE(QString::fromUtf8(lines[0]).indexOf(QStringLiteral("DURATION")) + 8,
             QString::fromUtf8(lines[1]).indexOf(QStringLiteral(" ms")) + 3);
    r = runStratus({"runs", workspace, "--json"});
    const QString started = QJsonDocument::fromJson(r.out).array().at(0).toObject()[QStringLiteral("startedAt")].toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$")).match(started).hasMatch(),
             qPrintable(started));
}

// --- found by a new user's trial --------------------------------------------

void TestCliSafety::aDocumentNeverReplacesAWorkspace()
{
    const QString workspace = imported("http-api.json");
    const QByteArray before = stratus::test::fileHash(workspace);
    for (const QString &target : {workspace, imported("scheduled-job.json")}) {
        const QByteArray targetBefore = stratus::test::fileHash(target);
        const CliRun r = runStratus({"export-json", workspace, "-o", target});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("is a workspace file"), r.err.constData());
        QCOMPARE(stratus::test::fileHash(target), targetBefore);
    }
    QCOMPARE(stratus::test::fileHash(workspace), before);
}

void TestCliSafety::standardOutputByNameAppendsWhereTheShellSaid()
{
    const QString workspace = imported("http-api.json");
    const QString log = path(QStringLiteral("appended.txt"));
    stratus::test::writeBytes(log, "line1\n");
    // As `stratus export-json w -o /dev/stdout >> appended.txt`.
    const CliRun r = runStratus({"export-json", workspace, "--compact", "-o", "/dev/stdout"}, {},
                                [&](QProcess &p) { p.setStandardOutputFile(log, QIODevice::Append); });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray text = stratus::test::readBytes(log);
    QVERIFY2(text.startsWith("line1\n{\"format\""), text.left(40).constData());
}

void TestCliSafety::eventsLambdaWouldRefuseAreRefused()
{
    const QString code = writeCode(QStringLiteral("code"), QStringLiteral("app.py"), "def handler(e, c):\n    return e\n");
    const QStringList invoke = {"invoke", "--code", code, "--runtime", "python3.11", "--handler", "app.handler", "--event", "-"};
    CliRun r = runStratus(invoke, "\xEF\xBB\xBF{\"a\": 1}");
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("byte order mark"), r.err.constData());
    r = runStratus(invoke, QByteArray("{\"a\": 1}\0zzz", 11));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("byte 0x00"), r.err.constData());
    r = runStratus(invoke, "\"" + QByteArray(7 * 1024 * 1024, 'x') + "\"");
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("larger than 6 MB"), r.err.constData());
    // A document that ends at a NUL is not a document.
    stratus::test::writeBytes(path(QStringLiteral("nul.json")),
                              QByteArray(R"({"format":"stratus-workspace","version":1,"name":"x","workflows":[]})") + '\0'
                                  + "\xff garbage");
    r = runStratus({"validate", path(QStringLiteral("nul.json"))});
    QCOMPARE(r.exitCode, 2);
}

void TestCliSafety::aWorkspaceYouCannotChangeSaysSo()
{
    if (!isRoot())
        QSKIP("needs root to run as another user (runuser -u nobody)");
    QDir().mkpath(path(QStringLiteral("theirs")));
    const QString workspace = imported("queue-between-functions.json", QStringLiteral("theirs/w.stratus"));
    QCOMPARE(::chmod(m_dir->path().toLocal8Bit().constData(), 0755), 0);
    QCOMPARE(::chmod(path(QStringLiteral("theirs")).toLocal8Bit().constData(), 0777), 0); // a folder anyone may write
    QCOMPARE(::chmod(workspace.toLocal8Bit().constData(), 0644), 0);                       // a file only root may
    CliRun r = runStratusAsNobody({"invoke", workspace, "accept-order", "--test-event", "two items"});
    QCOMPARE(r.exitCode, 0); // it ran; it could not be recorded
    QVERIFY2(r.err.contains("not recorded") && r.err.contains("is read-only for you"), r.err.constData());
    r = runStratusAsNobody({"prune", workspace, "--keep-runs", "1"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("is read-only for you"), r.err.constData());
    QVERIFY(!QFileInfo::exists(workspace + QStringLiteral("-wal")));
    QVERIFY(!QFileInfo::exists(workspace + QStringLiteral("-shm")));
    // Creating where one may not write says where and why.
    QCOMPARE(::chmod(path(QStringLiteral("theirs")).toLocal8Bit().constData(), 0755), 0);
    r = runStratusAsNobody({"new", path(QStringLiteral("theirs/new.stratus"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("cannot create a file in") && r.err.contains("Permission denied"), r.err.constData());
}

void TestCliSafety::wrongPricingSettingsAreNamedEverywhere()
{
    QJsonObject doc = QJsonDocument::fromJson(stratus::test::readBytes(example("queue-between-functions.json"))).object();
    doc[QStringLiteral("settings")] = QJsonObject{{QStringLiteral("pricing"), 5}};
    stratus::test::writeBytes(path(QStringLiteral("p5.json")), QJsonDocument(doc).toJson());
    const QString workspace = path(QStringLiteral("p5.stratus"));
    CliRun r = runStratus({"import", path(QStringLiteral("p5.json")), workspace});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count("settings.pricing"), 1); // once, not by two checks
    r = runStratus({"invoke", workspace, "accept-order", "--test-event", "two items"});
    QVERIFY2(r.exitCode == 0 && r.err.contains("settings.pricing: expected a preset's id"), r.err.constData());
    r = runStratus({"cost", workspace, "--requests-per-month", "10"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("settings.pricing"), r.err.constData());

    // Every wrong custom preset is reported, not only the first.
    doc[QStringLiteral("settings")] = QJsonObject{{QStringLiteral("pricingPresets"),
                                                   QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("aws-x86_64")}}, 5}}};
    stratus::test::writeBytes(path(QStringLiteral("presets.json")), QJsonDocument(doc).toJson());
    r = runStratus({"validate", path(QStringLiteral("presets.json"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("settings.pricingPresets[0]") && r.err.contains("settings.pricingPresets[1]"),
             r.err.constData());
}

void TestCliSafety::functionsOutsideLambdasLimitsDoNotRun()
{
    stratus::test::writeBytes(path(QStringLiteral("big.json")),
                              exampleWithFunctionField("queue-between-functions.json", QStringLiteral("accept"),
                                                       QStringLiteral("memoryMB"), 99999));
    const QString workspace = path(QStringLiteral("big.stratus"));
    QCOMPARE(runStratus({"import", path(QStringLiteral("big.json")), workspace}).exitCode, 1);
    const CliRun r = runStratus({"invoke", workspace, "accept-order", "--test-event", "two items"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("from 128 to 10240 MB, not 99999"), r.err.constData());
    const QString code = writeCode(QStringLiteral("code"), QStringLiteral("app.py"), "def handler(e, c):\n    return 1\n");
    const CliRun env = runStratus({"invoke", "--code", code, "--runtime", "python3.11", "--handler", "app.handler",
                                   "--env", "MYV=" + QString(5000, QLatin1Char('x'))});
    QCOMPARE(env.exitCode, 2);
    QVERIFY2(env.err.contains("Lambda allows 4096"), env.err.constData());
}

void TestCliSafety::aFunctionsOwnBytesNeverReachTheTerminalRaw()
{
    const QString code = writeCode(QStringLiteral("noisy"), QStringLiteral("app.py"),
                                   "import sys\ndef handler(e, c):\n"
                                   "    sys.stdout.buffer.write(b'raw\\xff\\xfe\\x1b[31m\\n')\n    sys.stdout.flush()\n    return 1\n");
    const CliRun r = runStratus({"invoke", "--code", code, "--runtime", "python3.11", "--handler", "app.handler"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    verifyReadable(r.err);
    QVERIFY2(!r.err.contains('\x1b'), r.err.constData());
    QVERIFY2(r.err.contains("raw\\xFF\\xFE\\x1B[31m"), r.err.constData());
}

void TestCliSafety::namesInTheFormsInfoPrints()
{
    const QString workspace = imported("queue-between-functions.json");
    QCOMPARE(runStratus({"invoke", workspace, "accept-order", "--test-event", "two items"}).exitCode, 0);
    for (const char *form : {"accept-order", "accept", "orders/accept"}) {
        const CliRun r = runStratus({"runs", workspace, "--function", QString::fromLatin1(form), "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 1);
        QCOMPARE(runStratus({"stats", workspace, "--function", QString::fromLatin1(form)}).exitCode, 0);
    }
    const CliRun none = runStratus({"stats", workspace, "--function", "fulfil-order"});
    QCOMPARE(none.exitCode, 0);
    QVERIFY2(none.err.contains("no invocations recorded for 'fulfil-order'"), none.err.constData());
    QVERIFY(none.out.isEmpty()); // no percentiles of nothing
}

void TestCliSafety::moreNamesAreRefused()
{
    CliRun r = runStratus({"new", path(QStringLiteral("A.JSON"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("A.JSON"))));
    r = runStratus({"new", path(QStringLiteral("n.stratus")), "--name", ""});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("n.stratus"))));
    r = runStratus({"import", "-", "-"}, stratus::test::readBytes(example("http-api.json")));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("'-' is standard input"), r.err.constData());
    r = runStratus({"INFO"});
    QVERIFY2(r.err.contains("did you mean 'info'?"), r.err.constData());
    r = runStratus({"in"});
    QVERIFY2(!r.err.contains("did you mean"), r.err.constData()); // info or invoke: no guess
}

QTEST_GUILESS_MAIN(TestCliSafety)
#include "tst_clisafety.moc"
