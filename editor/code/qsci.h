#pragma once

// QScintilla's headers use the bare `signals` and `slots` keywords, which the
// project turns off (QT_NO_KEYWORDS). Include QScintilla through this header only.

#ifndef signals
#define STRATUS_QSCI_SIGNALS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#endif

#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>
#include <Qsci/qscilexerbash.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qsciscintilla.h>

#ifdef STRATUS_QSCI_SIGNALS
#undef signals
#undef slots
#undef STRATUS_QSCI_SIGNALS
#endif
