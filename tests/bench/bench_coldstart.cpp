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

/// One run of `program`, in ms; negative if it failed.
double runMs(const QString &program, const QStringList &args)
{
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
    return double(t.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
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
        // Interleaved, so that the load of this noisy VM drifting during the
        // run weighs on both sides alike; the first pair warms the caches.
        std::vector<double> ours, bare, ratios;
        for (int i = 0; i <= runs; ++i) {
            const double o = runMs(stratus, c.stratusArgs);
            const double b = runMs(c.bare, c.bareArgs);
            if (o < 0 || b < 0)
                return 1;
            if (i == 0)
                continue;
            ours.push_back(o);
            bare.push_back(b);
            ratios.push_back(o / b);
        }
        std::printf("  %-12s stratus invoke %7.1f   bare interpreter %7.1f   median ratio %.2fx (target <= 1.50x)\n",
                    c.name, median(ours), median(bare), median(ratios));
    }
    return 0;
}
