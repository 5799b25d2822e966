// Benchmark: the cold start of a whole `stratus invoke --code` process (CLI
// start, instance spawn, handler load, one invocation, exit) against loading
// and calling the same handler in a bare interpreter, for Node.js and Python.
// Target (issue 9): at most 1.5x the bare interpreter on both.
//
// Usage: bench_coldstart [runs]   (default 21; the median is reported)

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double medianMs(const QString &program, const QStringList &args, int runs)
{
    std::vector<double> times;
    for (int i = 0; i < runs + 1; ++i) {
        QProcess p;
        // A clean environment for both sides: this sandbox's NODE_EXTRA_CA_CERTS
        // alone adds ~40 ms to a node start.
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
        env.insert(QStringLiteral("HOME"), qEnvironmentVariable("HOME"));
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(program, args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), p.readAllStandardError().constData());
            return -1;
        }
        if (i > 0) // the first run warms the page cache and Stratus's own caches
            times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(3, std::atoi(argv[1])) : 21;
    const QString stratus = QCoreApplication::applicationDirPath() + QStringLiteral("/../bin/stratus");
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("index.js")), "exports.handler = async (event) => ({ ok: true, n: event.n });\n");
    write(dir.filePath(QStringLiteral("app.py")), "def handler(event, context):\n    return {'ok': True, 'n': event.get('n')}\n");
    const QString folder = dir.path();

    std::printf("cold start of a whole process, median of %d runs (ms)\n", runs);
    struct Case
    {
        const char *name;
        QStringList stratusArgs;
        QString bare;
        QStringList bareArgs;
    };
    const Case cases[] = {
        {"Node.js 20",
         {"invoke", "--code", folder, "--runtime", "nodejs20.x", "--handler", "index.handler"},
         QStringLiteral("/usr/bin/node"),
         {"-e", "require(process.argv[1] + '/index.js').handler({}).then((r) => console.log(JSON.stringify(r)))",
          folder}},
        {"Python 3.11",
         {"invoke", "--code", folder, "--runtime", "python3.11", "--handler", "app.handler"},
         QStringLiteral("/usr/bin/python3.11"),
         {"-c", "import sys, json; sys.path.insert(0, sys.argv[1]); import app; print(json.dumps(app.handler({}, None)))",
          folder}},
    };
    for (const Case &c : cases) {
        const double ours = medianMs(stratus, c.stratusArgs, runs);
        const double bare = medianMs(c.bare, c.bareArgs, runs);
        std::printf("  %-12s stratus invoke %7.1f   bare interpreter %7.1f   ratio %.2fx (target <= 1.50x)\n", c.name,
                    ours, bare, ours / bare);
    }
    return 0;
}
