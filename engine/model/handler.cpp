#include "handler.h"

#include "runtimes.h"
#include "text.h"

#include <cctype>

namespace stratus::engine {

namespace {

bool isIdentifier(std::string_view s, bool allowDollar)
{
    if (s.empty())
        return false;
    auto first = [&](unsigned char c) {
        return std::isalpha(c) || c == '_' || (allowDollar && c == '$');
    };
    if (!first(static_cast<unsigned char>(s[0])))
        return false;
    for (unsigned char c : s.substr(1)) {
        if (!first(c) && !std::isdigit(c))
            return false;
    }
    return true;
}

std::vector<std::string> splitDots(std::string_view s)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        size_t dot = s.find('.', start);
        out.emplace_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    return out;
}

bool hasBadPathPart(std::string_view path)
{
    if (path.empty() || path.front() == '/')
        return true;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        std::string_view part = path.substr(start, slash == std::string_view::npos
                                                       ? std::string_view::npos
                                                       : slash - start);
        if (part.empty() || part == "..")
            return true;
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return false;
}

} // namespace

bool isNodeRuntime(std::string_view runtime)
{
    const LambdaRuntime *r = findLambdaRuntime(runtime);
    return r && r->language == RuntimeLanguage::NodeJs;
}

bool isPythonRuntime(std::string_view runtime)
{
    const LambdaRuntime *r = findLambdaRuntime(runtime);
    return r && r->language == RuntimeLanguage::Python;
}

bool isProvidedRuntime(std::string_view runtime)
{
    const LambdaRuntime *r = findLambdaRuntime(runtime);
    return r && r->language == RuntimeLanguage::OsOnly;
}

Result<HandlerRef> parseHandler(std::string_view runtime, std::string_view handler)
{
    const std::string quoted = quote(handler);
    if (handler.empty())
        return Status::invalidArgument("the handler is empty");
    for (unsigned char c : handler) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
            return Status::invalidArgument("handler " + quoted + " contains white space");
        if (c < 0x20 || c == 0x7F)
            return Status::invalidArgument("handler " + quoted + " contains a control character");
    }
    HandlerRef ref;
    if (isProvidedRuntime(runtime)) {
        ref.candidateFiles = {"bootstrap"};
        return ref;
    }

    // Both AWS runtimes split the module from the function at a dot after the
    // last '/': Node.js at the first such dot (the rest is a property path),
    // Python at the last one (the rest is a dotted module name).
    const size_t lastSlash = handler.rfind('/');
    const size_t baseStart = lastSlash == std::string_view::npos ? 0 : lastSlash + 1;
    const std::string_view dir = handler.substr(0, baseStart);
    const std::string_view base = handler.substr(baseStart);

    if (isNodeRuntime(runtime)) {
        const size_t dot = base.find('.');
        if (dot == std::string_view::npos || dot == 0 || dot + 1 >= base.size())
            return Status::invalidArgument("handler " + quoted
                                           + " is not FILE.EXPORT (e.g. index.handler)");
        ref.modulePath = std::string(dir) + std::string(base.substr(0, dot));
        ref.exportPath = splitDots(base.substr(dot + 1));
        for (const std::string &part : ref.exportPath) {
            if (!isIdentifier(part, true))
                return Status::invalidArgument("handler " + quoted + ": '" + part
                                               + "' is not a JavaScript name");
        }
        if (hasBadPathPart(ref.modulePath))
            return Status::invalidArgument("handler " + quoted
                                           + " points outside the function's files");
        for (const char *ext : {".js", ".mjs", ".cjs"})
            ref.candidateFiles.push_back(ref.modulePath + ext);
        return ref;
    }

    if (isPythonRuntime(runtime)) {
        const size_t dot = base.rfind('.');
        if (dot == std::string_view::npos || dot == 0 || dot + 1 >= base.size())
            return Status::invalidArgument("handler " + quoted
                                           + " is not MODULE.FUNCTION (e.g. app.handler)");
        const std::string function(base.substr(dot + 1));
        if (!isIdentifier(function, false))
            return Status::invalidArgument("handler " + quoted + ": '" + function
                                           + "' is not a Python function name");
        std::string module = std::string(dir) + std::string(base.substr(0, dot));
        for (const std::string &part : splitDots(base.substr(0, dot))) {
            if (!isIdentifier(part, false))
                return Status::invalidArgument("handler " + quoted + ": '" + part
                                               + "' is not a Python module name");
        }
        for (char &c : module) {
            if (c == '.')
                c = '/';
        }
        if (hasBadPathPart(module))
            return Status::invalidArgument("handler " + quoted
                                           + " points outside the function's files");
        ref.modulePath = module;
        ref.exportPath = {function};
        ref.candidateFiles = {module + ".py", module + "/__init__.py"};
        return ref;
    }
    return Status::invalidArgument(unknownRuntimeMessage(runtime));
}

} // namespace stratus::engine
