#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace stratus::engine {

/// The outcome of an operation at a boundary (file, parse, process): ok, or a
/// code and a message that names the object and the reason (LevelDB's Status).
class Status
{
public:
    enum class Code {
        Ok,
        InvalidArgument, ///< the caller's input is wrong (bad JSON, wrong type, bad version)
        NotFound,        ///< a file, workflow or node that does not exist
        IoError,         ///< the operating system or SQLite could not read or write
        Corruption,      ///< a file that is damaged or not what it claims to be
        NotSupported,    ///< e.g. a workspace written by a newer Stratus
        Invalid,         ///< the workspace has validation problems
    };

    Status() = default;
    static Status ok() { return {}; }
    static Status error(Code code, std::string message) { return Status(code, std::move(message)); }
    static Status invalidArgument(std::string m) { return error(Code::InvalidArgument, std::move(m)); }
    static Status notFound(std::string m) { return error(Code::NotFound, std::move(m)); }
    static Status ioError(std::string m) { return error(Code::IoError, std::move(m)); }
    static Status corruption(std::string m) { return error(Code::Corruption, std::move(m)); }
    static Status notSupported(std::string m) { return error(Code::NotSupported, std::move(m)); }

    bool isOk() const { return m_code == Code::Ok; }
    explicit operator bool() const { return isOk(); }
    Code code() const { return m_code; }
    const std::string &message() const { return m_message; }

    /// The same status with "context: " put before its message.
    Status withContext(const std::string &context) const
    {
        return isOk() ? *this : Status(m_code, context + ": " + m_message);
    }

private:
    Status(Code code, std::string message)
        : m_code(code)
        , m_message(std::move(message))
    {}

    Code m_code = Code::Ok;
    std::string m_message;
};

/// A value or the Status that explains why there is none.
template<typename T>
class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    Result(Status status)
        : m_status(std::move(status))
    {}

    bool isOk() const { return m_status.isOk(); }
    explicit operator bool() const { return isOk(); }
    const Status &status() const { return m_status; }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T &operator*() { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    T take() { return std::move(*m_value); }

private:
    std::optional<T> m_value;
    Status m_status;
};

} // namespace stratus::engine
