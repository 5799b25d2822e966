# The Debian package `stratus` (installer/package.sh runs CPack on a release
# build). Its shared-library dependencies are computed by dpkg-shlibdeps;
# listed by hand is only what no binary links: the interpreters the function
# runtimes start. (Qt's xcb platform plugin comes with libqt6gui6 and its SVG
# plugins with libqt6svg6, both computed.)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME stratus)
set(CPACK_PACKAGE_VENDOR "The Stratus developers")
set(CPACK_PACKAGE_CONTACT "The Stratus developers <developers@stratus.dev>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop studio for serverless applications")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "Stratus designs serverless workflows on a canvas (HTTP and schedule triggers,\n"
  "functions, choices, queues, buckets and tables), keeps them in one workspace\n"
  "file, runs them on this machine with AWS Lambda's contracts while timing and\n"
  "pricing every invocation, and exports bundles that deploy to AWS (SAM, the\n"
  "Serverless Framework). stratus-studio is the desktop application; stratus\n"
  "is its command line.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://stratus.dev/")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "nodejs (>= 18), python3 (>= 3.10)")
# Python functions reach the local AWS endpoints through boto3, as on Lambda;
# Qt's own strings (dialog buttons) follow the studio's language with qtbase's .qm.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-boto3, qt6-translations-l10n")
include(CPack)
