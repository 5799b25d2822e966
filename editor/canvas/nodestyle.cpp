#include "nodestyle.h"

#include "editor/qstrings.h"

#include <map>

namespace stratus::editor {

using namespace stratus::engine;

QColor familyColor(NodeFamily family)
{
    switch (family) {
    case NodeFamily::Trigger: return QColor(0x2e, 0x7d, 0x32);
    case NodeFamily::Compute: return QColor(0xe6, 0x51, 0x00);
    case NodeFamily::Flow: return QColor(0x6a, 0x1b, 0x9a);
    case NodeFamily::Resource: return QColor(0x15, 0x65, 0xc0);
    }
    return Qt::gray;
}

QIcon kindIcon(const std::string &kind)
{
    static std::map<std::string, QIcon> cache;
    auto it = cache.find(kind);
    if (it == cache.end())
        it = cache.emplace(kind, QIcon(QStringLiteral(":/stratus/icons/%1.svg").arg(qs(kind)))).first;
    return it->second;
}

} // namespace stratus::editor
