#include "nodestyle.h"

#include <algorithm>
#include <cmath>

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

double contrastRatio(const QColor &a, const QColor &b)
{
    auto luminance = [](const QColor &c) {
        auto linear = [](float v) { return v <= 0.04045f ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor secondaryText(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text), base = palette.color(QPalette::Base);
    return QColor::fromRgbF(0.65f * text.redF() + 0.35f * base.redF(), 0.65f * text.greenF() + 0.35f * base.greenF(),
                            0.65f * text.blueF() + 0.35f * base.blueF());
}

QColor familyColor(NodeFamily family)
{
    // Each under white header text at WCAG AA's 4.5:1 or more.
    switch (family) {
    case NodeFamily::Trigger: return QColor(0x2e, 0x7d, 0x32);
    case NodeFamily::Compute: return QColor(0xbf, 0x36, 0x0c);
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
