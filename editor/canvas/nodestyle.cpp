#include "nodestyle.h"

#include <algorithm>

#include "editor/qstrings.h"

#include <map>

namespace stratus::editor {

using namespace stratus::engine;

QColor readableOn(const QColor &color, const QColor &background)
{
    if (background.lightness() >= 128)
        return color;
    float h, s, l, a;
    color.getHslF(&h, &s, &l, &a);
    return QColor::fromHslF(h, s, std::max(0.7f, 1.0f - l), a);
}

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
