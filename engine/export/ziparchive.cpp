#include "ziparchive.h"

#include "bundle.h"

#include "engine/model/text.h"

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

Result<std::map<std::string, std::string>> readZipEntries(const std::filesystem::path &path, size_t maxEntries,
                                                          size_t maxBytes)
{
    int code = 0;
    zip_t *archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        const Status failed = Status::invalidArgument(path.filename().string() + " is not a zip: "
                                                      + zip_error_strerror(&error));
        zip_error_fini(&error);
        return failed;
    }
    const auto closeArchive = std::unique_ptr<zip_t, decltype(&zip_discard)>(archive, &zip_discard);
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    std::map<std::string, std::string> files;
    size_t total = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(archive, zip_uint64_t(i), 0, &stat) < 0 || !(stat.valid & ZIP_STAT_NAME))
            return Status::invalidArgument(path.filename().string() + ": entry " + std::to_string(i)
                                           + " cannot be read");
        const std::string name = stat.name;
        if (name.ends_with('/'))
            continue;
        const std::filesystem::path entry(name);
        bool climbs = name.empty() || entry.is_absolute() || name.front() == '/' || name.find('\\') != std::string::npos
                      || (name.size() > 1 && name[1] == ':');
        for (const auto &part : entry)
            climbs = climbs || part == "..";
        if (climbs)
            return Status::invalidArgument(path.filename().string() + ": the entry " + quote(name)
                                           + " would be unpacked outside its folder (zip-slip); the zip is not read");
        if (files.size() >= maxEntries)
            return Status::invalidArgument(path.filename().string() + " holds more than "
                                           + std::to_string(maxEntries) + " files; not read");
        total += size_t(stat.size);
        if (!(stat.valid & ZIP_STAT_SIZE) || total > maxBytes)
            return Status::invalidArgument(path.filename().string() + " unpacks to more than "
                                           + std::to_string(maxBytes >> 20) + " MB; not read");
        zip_uint8_t system = 0;
        zip_uint32_t attributes = 0;
        if (zip_file_get_external_attributes(archive, zip_uint64_t(i), 0, &system, &attributes) == 0
            && system == ZIP_OPSYS_UNIX && ((attributes >> 16) & 0170000u) == 0120000u)
            return Status::invalidArgument(path.filename().string() + ": the entry " + quote(name)
                                           + " is a symbolic link; the zip is not read");
        zip_file_t *file = zip_fopen_index(archive, zip_uint64_t(i), 0);
        if (!file)
            return Status::invalidArgument(path.filename().string() + ": " + name + " cannot be read: "
                                           + zip_strerror(archive));
        std::string bytes(size_t(stat.size), '\0');
        const zip_int64_t read = zip_fread(file, bytes.data(), stat.size);
        zip_fclose(file);
        if (read < 0 || zip_uint64_t(read) != stat.size)
            return Status::invalidArgument(path.filename().string() + ": " + name + " is damaged");
        files[name] = std::move(bytes);
    }
    return files;
}

} // namespace stratus::engine::exporting
