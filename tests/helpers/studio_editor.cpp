// Test helper: edits a workspace the way the studio does (an undo command on
// a WorkspaceDocument) and keeps running, so that a test can kill it with
// SIGKILL once the automatic save has happened.
// Prints "edited" after the edit and "saved" after each automatic save.
//
// Usage: studio_editor FILE.stratus NODE_ID

#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"

#include <QApplication>

#include <cstdio>

using namespace stratus::editor;
using namespace stratus::engine;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: studio_editor FILE.stratus NODE_ID\n");
        return 2;
    }
    auto document = WorkspaceDocument::open(QString::fromLocal8Bit(argv[1]));
    if (!document) {
        std::fprintf(stderr, "%s\n", document.status().message().c_str());
        return 1;
    }
    QObject::connect(document->get(), &WorkspaceDocument::saved, [](bool ok, const QString &message) {
        std::printf(ok ? "saved\n" : "save failed: %s\n", qPrintable(message));
        std::fflush(stdout);
    });
    WorkspaceDocument *doc = document->get();
    Node node{NodeId(argv[2]), "log", argv[2], Json::object()};
    const WorkflowId workflow = doc->workspace().workflows.front().id();
    doc->undoStack()->push(new AddItemsCommand(doc, workflow, {{node, {100, 100}}}, {}, QStringLiteral("Add")));
    std::printf("edited\n");
    std::fflush(stdout);
    return app.exec();
}
