// engine/model/text.h: what messages may show of outside input, and JSON
// parse errors in a person's terms.

#include "engine/model/text.h"

#include <QTest>

using namespace stratus::engine;

class TestText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void printableKeepsUtf8AndEscapesTheRest_data();
    void printableKeepsUtf8AndEscapesTheRest();
    void jsonErrorsSayWhereAndWhy_data();
    void jsonErrorsSayWhereAndWhy();
};

void TestText::printableKeepsUtf8AndEscapesTheRest_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("ascii") << QByteArray("plain.json") << QByteArray("plain.json");
    QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") << QByteArray("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    QTest::newRow("tab kept") << QByteArray("a\tb") << QByteArray("a\tb");
    QTest::newRow("newline") << QByteArray("a\nb") << QByteArray("a\\nb");
    QTest::newRow("escape sequence") << QByteArray("\x1b[31mred") << QByteArray("\\x1B[31mred");
    QTest::newRow("lone continuation") << QByteArray("a\x80z") << QByteArray("a\\x80z");
    QTest::newRow("0xff") << QByteArray("\xff") << QByteArray("\\xFF");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QByteArray("\\xC0\\xAF");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QByteArray("\\xED\\xA0\\x80");
    QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QByteArray("\\xF4\\x90\\x80\\x80");
    QTest::newRow("cut short") << QByteArray("\xe2\x82") << QByteArray("\\xE2\\x82");
    QTest::newRow("nul") << QByteArray("a\0b", 3) << QByteArray("a\\x00b");
    QTest::newRow("C1 control (CSI)") << QByteArray("a\xc2\x9b" "31m") << QByteArray("a\\u009B31m");
    QTest::newRow("right-to-left override") << QByteArray("txt\xe2\x80\xae" "exe") << QByteArray("txt\\u202Eexe");
    QTest::newRow("isolate") << QByteArray("\xe2\x81\xa6x") << QByteArray("\\u2066x");
}

void TestText::printableKeepsUtf8AndEscapesTheRest()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, shown);
    const std::string out = printable(input.toStdString());
    QCOMPARE(QByteArray::fromStdString(out), shown);
    QVERIFY(isValidUtf8(out));
    const bool onlyControls = input.contains('\n') || input.contains('\x1b') || input.contains('\0')
                              || input.contains("\xc2\x9b") || input.contains("\xe2\x80\xae")
                              || input.contains("\xe2\x81\xa6");
    QCOMPARE(isValidUtf8(input.toStdString()), input == shown || onlyControls);
    QCOMPARE(QByteArray::fromStdString(quote(input.toStdString())), "'" + shown + "'");
}

void TestText::jsonErrorsSayWhereAndWhy_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("binary") << QByteArray("\xff\xfe{}") << "byte 0xFF at line 1, column 1 is not UTF-8 text";
    QTest::newRow("bad byte in a string") << QByteArray("{\n  \"a\": \"x\xc0\"}") << "byte 0xC0 at line 2, column 10 is not UTF-8 text";
    QTest::newRow("empty") << QByteArray("  \n") << "the text is empty";
    QTest::newRow("NUL after a document") << QByteArray("{}\n\0garbage", 11) << "byte 0x00 at line 2, column 1 is not allowed";
    QTest::newRow("broken sequence") << QByteArray("[\"\xe2(\"]") << "byte 0xE2 at line 1, column 3 is not UTF-8 text";
    QTest::newRow("columns count characters") << QByteArray("[\"\xc3\xa9\xc3\xa9\", }") << "line 1, column 8: syntax error";
    QTest::newRow("missing value") << QByteArray("{\"a\": }") << "line 1, column 7: syntax error";
    QTest::newRow("trailing comma") << QByteArray("[1,\n2,\n]") << "line 3, column 1: syntax error";
}

void TestText::jsonErrorsSayWhereAndWhy()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const auto parsed = parseJson(text.toStdString());
    QVERIFY(!parsed);
    const QString got = QString::fromStdString(parsed.status().message());
    QVERIFY2(got.startsWith(message), qPrintable(got));
    QVERIFY2(!got.contains(QLatin1String("json.exception")), qPrintable(got));
    QVERIFY(isValidUtf8(parsed.status().message()));
    QVERIFY(parseJson("{\"ok\": [1, 2]}"));
}

QTEST_GUILESS_MAIN(TestText)
#include "tst_text.moc"
