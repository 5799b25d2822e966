#pragma once

// How a node kind looks, shared by the canvas's node items and the palette:
// its family's colour, its icon, and the MIME type of a kind being dragged.

#include "engine/model/nodekind.h"

#include <QColor>
#include <QIcon>

#include <string>

namespace stratus::editor {

/// The MIME type of a node kind dragged from the palette (data: the kind).
inline constexpr const char *kNodeKindMimeType = "application/x-stratus-node-kind";

/// The colour of a node family (Triggers green, Compute orange, Flow purple,
/// Resources blue), shared by the canvas and the palette.
QColor familyColor(engine::NodeFamily family);
/// `color` made readable as text on `background`: the same hue with its
/// lightness turned over when the background is dark (dark themes).
QColor readableOn(const QColor &color, const QColor &background);
/// The kind's icon (resources/icons/KIND.svg).
QIcon kindIcon(const std::string &kind);

} // namespace stratus::editor
