#include "commands.h"

#include <cerrno>
#include <iostream>
#include <streambuf>

#include <unistd.h>

namespace {

/// Standard output as a stream buffer that remembers why a write failed
/// (errno at that moment), so that "cannot write to standard output" can say
/// "No space left on device" rather than a guess made after the fact.
class StandardOutput : public std::streambuf
{
public:
    StandardOutput() { setp(m_buffer, m_buffer + sizeof m_buffer); }
    ~StandardOutput() override { sync(); }

    int error() const { return m_error; }

protected:
    int_type overflow(int_type c) override
    {
        if (sync() != 0)
            return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }

    int sync() override
    {
        const char *data = pbase();
        size_t left = size_t(pptr() - pbase());
        while (left > 0) {
            const ssize_t n = ::write(STDOUT_FILENO, data, left);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                m_error = n < 0 ? errno : EIO;
                setp(m_buffer, m_buffer + sizeof m_buffer); // drop what cannot be written
                return -1;
            }
            data += n;
            left -= size_t(n);
        }
        setp(m_buffer, m_buffer + sizeof m_buffer);
        return 0;
    }

private:
    char m_buffer[1 << 16];
    int m_error = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    static StandardOutput output;
    std::ostream out(&output);
    std::vector<std::string> args(argv, argv + argc);
    stratus::cli::Io io{out, std::cerr, [] { return output.error(); }};
    return stratus::cli::runCli(args, io);
}
