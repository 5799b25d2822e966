#pragma once

// The local S3 endpoint: S3's REST API, path-style (http://HOST:PORT/BUCKET/KEY),
// over the workspace's bucket nodes, whose objects are the files in their
// folders. docs/services.md lists the operations and where they differ.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html

#include "backend.h"

#include "engine/triggers/httpapi.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <string>

namespace stratus::engine::services {

class S3
{
public:
    explicit S3(Backend &backend);
    ~S3();
    /// Answers one request. Never throws: every failure is S3's XML error.
    http::Response handle(const http::Request &request);

    /// An S3 error answer (XML; for HEAD, the status alone, as S3 answers).
    static http::Response error(const http::Request &request, int status, const std::string &code,
                                const std::string &message);
    /// aws-chunked content (SigV4 streaming, with or without trailers)
    /// decoded to the object's bytes; none when it is not well formed.
    static std::optional<std::string> decodeAwsChunked(std::string_view body);

    /// The object's ETag (its MD5 in hex, as S3 gives single-part uploads),
    /// remembered by the file's inode, size and times (in nanoseconds) so
    /// that a listing does not hash every file; "" when there is no file.
    std::string eTagOf(const std::string &path);

    struct Call;     // one request, read
    struct Metadata; // what S3 keeps beside an object's bytes

private:
    http::Response listBuckets(const Workspace &design);
    http::Response listObjects(const Call &call, const Node &bucket, const std::string &folder);
    http::Response deleteObjects(const Call &call, const Node &bucket, const std::string &folder);
    http::Response getObject(const Call &call, const std::string &folder);
    http::Response putObject(const Call &call, const Node &bucket, const std::string &folder);
    http::Response copyObject(const Call &call, const Workspace &design, const Node &bucket, const std::string &folder);
    /// Writes the object and its metadata; its ETag, quoted.
    std::string storeObject(const Node &bucket, const std::string &folder, const std::string &key,
                            const std::string &body, const Metadata &metadata);
    /// CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload.
    http::Response multipartUpload(const Call &call, const Node &bucket, const std::string &folder);
    /// The object a copy reads (x-amz-copy-source), after its conditions.
    struct CopySource
    {
        const Node *bucket = nullptr;
        std::string key;
        std::filesystem::path path;
    };
    CopySource copySource(const Call &call, const Workspace &design);
    /// A write's If-None-Match ("*": only a new key) and If-Match, as S3 reads them.
    void checkWriteConditions(const Call &call, const std::string &folder, const std::string &key);
    /// A PutObject's bytes: aws-chunked decoded, Content-MD5 checked.
    static std::string objectBody(const Call &call);

    struct FileSig
    {
        unsigned long long inode = 0;
        long long size = 0;
        long long modifiedNs = 0;
        long long changedNs = 0; // what touch cannot set back
        std::string md5;
        bool sameFileAs(const FileSig &o) const
        {
            return inode == o.inode && size == o.size && modifiedNs == o.modifiedNs && changedNs == o.changedNs;
        }
    };
    struct Upload; // a multipart upload in progress

    Backend &m_backend;
    std::map<std::string, FileSig> m_eTags; // by file path
    std::map<std::string, std::unique_ptr<Upload>> m_uploads; // by upload id
};

} // namespace stratus::engine::services
