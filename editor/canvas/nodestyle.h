#pragma once

// How a node kind looks, shared by the canvas's node items and the palette:
// its family's colour, its icon, and the MIME type of a kind being dragged.

#include "engine/model/nodekind.h"

#include <QColor>
#include <QIcon>
#include <QPalette>

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
/// WCAG 2's contrast ratio of two colours, from 1 (none) to 21 (black on
/// white); text needs 4.5 (WCAG AA).
double contrastRatio(const QColor &a, const QColor &b);
/// Secondary text on the palette's base (a node's port names): between its
/// text and base colours, at a contrast of at least 4.5 in every theme.
QColor secondaryText(const QPalette &palette);
/// The kind's icon (resources/icons/KIND.svg).
QIcon kindIcon(const std::string &kind);

} // namespace stratus::editor
