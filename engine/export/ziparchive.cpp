#include "ziparchive.h"

#include "bundle.h"

#include <zip.h>

#include <ctime>
#include <memory>

namespace stratus::engine::exporting {

namespace {

/// 1980-01-01 00:00 local time: libzip stores time stamps as MS-DOS local
/// time, so this is the one instant every machine writes the same way.
time_t firstDosTime()
{
    std::tm tm{};
    tm.tm_year = 80;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    return std::mktime(&tm);
}

Status zipFailure(const std::string &what, zip_error_t *error)
{
    return Status::ioError("cannot make a zip (" + what + "): " + zip_error_strerror(error));
}

} // namespace

Result<std::string> reproducibleZip(const std::map<std::string, std::string> &files)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *memory = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!memory)
        return zipFailure("memory", &error);
    zip_source_keep(memory); // kept past zip_close, to read the archive back
    const auto freeMemory = std::unique_ptr<zip_source_t, decltype(&zip_source_free)>(memory, &zip_source_free);
    zip_t *archive = zip_open_from_source(memory, ZIP_TRUNCATE, &error);
    if (!archive)
        return zipFailure("open", &error);
    const time_t stamp = firstDosTime();
    for (const auto &[path, bytes] : files) {
        zip_source_t *source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
        const zip_int64_t index = source ? zip_file_add(archive, path.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            if (source)
                zip_source_free(source);
            const Status failed = zipFailure(path, zip_get_error(archive));
            zip_discard(archive);
            return failed;
        }
        const zip_uint32_t mode = (isScript(path, bytes) ? 0100755u : 0100644u) << 16;
        if (zip_file_set_mtime(archive, zip_uint64_t(index), stamp, 0) < 0
            || zip_file_set_external_attributes(archive, zip_uint64_t(index), 0, ZIP_OPSYS_UNIX, mode) < 0
            || zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_DEFLATE, 9) < 0) {
            const Status failed = zipFailure(path, zip_get_error(archive));
            zip_discard(archive);
            return failed;
        }
    }
    if (zip_close(archive) < 0) {
        const Status failed = zipFailure("close", zip_get_error(archive));
        zip_discard(archive);
        return failed;
    }
    zip_stat_t stat;
    if (zip_source_stat(memory, &stat) < 0 || zip_source_open(memory) < 0)
        return zipFailure("read back", zip_source_error(memory));
    std::string out(size_t(stat.size), '\0');
    const zip_int64_t read = zip_source_read(memory, out.data(), stat.size);
    zip_source_close(memory);
    if (read < 0 || zip_uint64_t(read) != stat.size)
        return zipFailure("read back", zip_source_error(memory));
    return out;
}

} // namespace stratus::engine::exporting
